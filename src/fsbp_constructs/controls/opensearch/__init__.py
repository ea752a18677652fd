"""Amazon OpenSearch Service: Opensearch.7."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "Opensearch.7",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("AdvancedSecurityOptions.Enabled", absent=False).is_true(),
    fix="set AdvancedSecurityOptions.Enabled to true with AdvancedSecurityOptions."
    "MasterUserOptions (a MasterUserARN, or a MasterUserName and MasterUserPassword with "
    "InternalUserDatabaseEnabled true); "
    "fine-grained access control also needs EncryptionAtRestOptions.Enabled, "
    "NodeToNodeEncryptionOptions.Enabled and DomainEndpointOptions.EnforceHTTPS set to true",
    not_applicable={
        "AWS::Elasticsearch::Domain": "a legacy Elasticsearch domain, provisionally out of scope",
    },
    note="Security Hub's Config rule reads the recorded `AWS::OpenSearch::Domain`, which is "
    "CloudFormation's `AWS::OpenSearchService::Domain`; whether it also evaluates legacy "
    "`AWS::Elasticsearch::Domain` resources is undocumented (open question).",
)
