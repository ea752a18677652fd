"""Amazon OpenSearch Service: Opensearch.1, Opensearch.3, Opensearch.7."""

from __future__ import annotations

from ...engine.checks import control, prop

_LEGACY = {
    "AWS::Elasticsearch::Domain": "a legacy Elasticsearch domain: the Config rule does not "
    "evaluate Elasticsearch domains, the ES controls do",
}

control(
    "Opensearch.1",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("EncryptionAtRestOptions.Enabled", absent=False).is_true(),
    fix="set EncryptionAtRestOptions.Enabled to true (optionally with a KmsKeyId)",
    not_applicable=_LEGACY,
    note="Domains without `EncryptionAtRestOptions` are created unencrypted. Security Hub's "
    "Config rule reads the recorded `AWS::OpenSearch::Domain`, which is CloudFormation's "
    "`AWS::OpenSearchService::Domain`.",
)

control(
    "Opensearch.3",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    check=prop("NodeToNodeEncryptionOptions.Enabled", absent=False).is_true(),
    fix="set NodeToNodeEncryptionOptions.Enabled to true",
    not_applicable=_LEGACY,
    note="Domains without `NodeToNodeEncryptionOptions` are created without node-to-node "
    "encryption.",
)

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
