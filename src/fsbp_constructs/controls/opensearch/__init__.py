"""Amazon OpenSearch Service: Opensearch.1, Opensearch.2, Opensearch.3, Opensearch.4,
Opensearch.5, Opensearch.6, Opensearch.7, Opensearch.8. The readers are shared with the ES
twins (``controls/_search_domains.py``)."""

from __future__ import annotations

from ...engine.checks import control, prop
from .. import _search_domains as domain

#: The resource types: the OpenSearch domain, and the legacy Elasticsearch domain Security Hub
#: maps to these controls too.
_TYPES = ("AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain")

_LEGACY = {
    "AWS::Elasticsearch::Domain": "a legacy Elasticsearch domain: the Config rule does not "
    "evaluate Elasticsearch domains, the ES controls do",
}

control(
    "Opensearch.1",
    *_TYPES,
    check=domain.ENCRYPTED_AT_REST,
    fix="set EncryptionAtRestOptions.Enabled to true (optionally with a KmsKeyId)",
    not_applicable=_LEGACY,
    note=domain.ENCRYPTED_AT_REST_NOTE + " Security Hub's Config rule reads the recorded "
    "`AWS::OpenSearch::Domain`, which is CloudFormation's `AWS::OpenSearchService::Domain`.",
    remedy=domain.encrypt_at_rest(
        "Enabling encryption on an existing domain before OpenSearch 1.x/Elasticsearch 6.7 "
        "replaces it; KMS requests are billed."
    ),
)

control(
    "Opensearch.3",
    *_TYPES,
    check=domain.NODE_TO_NODE,
    fix="set NodeToNodeEncryptionOptions.Enabled to true",
    not_applicable=_LEGACY,
    note=domain.NODE_TO_NODE_NOTE,
    remedy=domain.encrypt_node_to_node(
        "On an existing domain before Elasticsearch 6.7 the domain is replaced."
    ),
)

control(
    "Opensearch.7",
    *_TYPES,
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

control(
    "Opensearch.2",
    *_TYPES,
    check=domain.IN_VPC,
    fix=domain.IN_VPC_FIX,
    not_applicable=_LEGACY,
    note=domain.IN_VPC_NOTE + ".",
)

control(
    "Opensearch.4",
    *_TYPES,
    check=domain.ERROR_LOGS,
    fix=domain.ERROR_LOGS_FIX,
    not_applicable=_LEGACY,
    note=domain.ERROR_LOGS_NOTE + " (conservative verdict).",
)

control(
    "Opensearch.5",
    *_TYPES,
    check=domain.AUDIT_LOGS,
    fix=domain.AUDIT_LOGS_FIX,
    not_applicable=_LEGACY,
    note=domain.AUDIT_LOGS_NOTE,
)

control(
    "Opensearch.6",
    *_TYPES,
    check=domain.data_nodes("ClusterConfig"),
    fix=domain.data_nodes_fix("ClusterConfig"),
    not_applicable=_LEGACY,
    note="Both halves are required, as the Config rule reads both: three data nodes in one "
    "Availability Zone fail, as does zone awareness with two nodes. A domain without "
    "`ClusterConfig` has one data node and no zone awareness.",
)

control(
    "Opensearch.8",
    *_TYPES,
    check=domain.LATEST_TLS,
    fix=domain.LATEST_TLS_FIX,
    not_applicable=_LEGACY,
    note="`Policy-Min-TLS-1-2-2019-07` fails: Security Hub's `tlsPolicies` are "
    "`Policy-Min-TLS-1-2-PFS-2023-10` and `Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08`. Absent "
    "means `Policy-Min-TLS-1-0-2019-07` (conservative: whatever the service picks for a new "
    "domain, it is not one of the two).",
    remedy=domain.LATEST_TLS_REMEDY,
)
