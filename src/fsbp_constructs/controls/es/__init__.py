"""Amazon Elasticsearch Service (legacy `AWS::Elasticsearch::Domain`): ES.1, ES.2, ES.3, ES.4,
ES.5, ES.6, ES.7, ES.8. The readers are shared with the Opensearch twins
(``controls/_search_domains.py``)."""

from __future__ import annotations

from ...engine.checks import all_of, control, prop
from .. import _search_domains as domain

_DOMAIN = "AWS::Elasticsearch::Domain"
_CLUSTER = "ElasticsearchClusterConfig"

control(
    "ES.1",
    _DOMAIN,
    check=domain.ENCRYPTED_AT_REST,
    fix="set EncryptionAtRestOptions.Enabled to true (optionally with a KmsKeyId); this "
    "replaces an existing domain, and needs Elasticsearch 5.1 or later and an instance type "
    "that supports it",
    note=domain.ENCRYPTED_AT_REST_NOTE,
    remedy=domain.encrypt_at_rest(
        "Enabling encryption on an existing domain replaces it (its data is lost unless "
        "restored from a snapshot); needs Elasticsearch 5.1 or later."
    ),
)

control(
    "ES.2",
    _DOMAIN,
    check=domain.IN_VPC,
    fix=domain.IN_VPC_FIX,
    note=domain.IN_VPC_NOTE + "; a whole list from a parameter or an import is UNKNOWN.",
)

control(
    "ES.3",
    _DOMAIN,
    check=domain.NODE_TO_NODE,
    fix="set NodeToNodeEncryptionOptions.Enabled to true (Elasticsearch 6.0 or later)",
    note=domain.NODE_TO_NODE_NOTE,
    remedy=domain.encrypt_node_to_node(
        "Needs Elasticsearch 6.0 or later; on an existing domain before 6.7 the domain is replaced."
    ),
)

control(
    "ES.4",
    _DOMAIN,
    check=domain.ERROR_LOGS,
    fix=domain.ERROR_LOGS_FIX,
    note=domain.ERROR_LOGS_NOTE + " (the API treats an unset flag as off; conservative verdict).",
)

control(
    "ES.5", _DOMAIN, check=domain.AUDIT_LOGS, fix=domain.AUDIT_LOGS_FIX, note=domain.AUDIT_LOGS_NOTE
)

control(
    "ES.6",
    _DOMAIN,
    check=domain.data_nodes(_CLUSTER),
    fix=domain.data_nodes_fix(_CLUSTER),
    note="Both halves are required: three data nodes in one Availability Zone fail, as does "
    "zone awareness with two nodes. A domain without `ElasticsearchClusterConfig` has one "
    "data node and no zone awareness.",
)

control(
    "ES.7",
    _DOMAIN,
    check=all_of(
        prop(f"{_CLUSTER}.DedicatedMasterEnabled", absent=False).is_true(),
        prop(f"{_CLUSTER}.DedicatedMasterCount", absent=3).at_least(3),
    ),
    fix=f"set {_CLUSTER}.DedicatedMasterEnabled to true and {_CLUSTER}.DedicatedMasterCount "
    "to 3 (or 5)",
    note="Dedicated master nodes enabled without a `DedicatedMasterCount` pass: Amazon "
    "OpenSearch Service, which runs Elasticsearch domains too, rejects a master count that is "
    "not greater than 2, or is 4, with a validation error (its API reference for "
    "`DedicatedMasterCount`), so every domain that deploys has three or more; `3` stands for "
    "them. A count of 1 or 2 written in the template fails. A domain "
    "without `ElasticsearchClusterConfig` has no dedicated master nodes.",
)

control(
    "ES.8",
    _DOMAIN,
    check=domain.LATEST_TLS,
    fix=domain.LATEST_TLS_FIX,
    note="`Policy-Min-TLS-1-2-2019-07` fails: the control accepts only the latest policies, "
    "`Policy-Min-TLS-1-2-PFS-2023-10` and `Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08`. Absent "
    "means `Policy-Min-TLS-1-0-2019-07`. AWS raises the bar when it publishes a newer "
    "policy, so a template that passes today can fail later.",
    remedy=domain.LATEST_TLS_REMEDY,
)
