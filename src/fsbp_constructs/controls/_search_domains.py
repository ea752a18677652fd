"""What the ES controls (legacy `AWS::Elasticsearch::Domain`) and their Opensearch twins
(`AWS::OpenSearchService::Domain`) read: one reader per pair, shared by both packages. The two
resource types have the same properties, except the cluster settings' key
(`ElasticsearchClusterConfig` and `ClusterConfig`), which the cluster readers take."""

from __future__ import annotations

from ..engine.checks import FAILS, Check, all_of, prop
from ..engine.registry import Remedy

#: The TLS security policies ES.8 and Opensearch.8 accept as "the latest": TLS 1.2 and newer
#: with forward secrecy, and the FIPS variant published after it (both named by the control
#: pages since 2024).
LATEST_TLS_POLICIES = (
    "Policy-Min-TLS-1-2-PFS-2023-10",
    "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08",
)

# --------------------------------------------------------------------------- ES.1, Opensearch.1
ENCRYPTED_AT_REST = prop("EncryptionAtRestOptions.Enabled", absent=False).is_true()
ENCRYPTED_AT_REST_NOTE = "Domains without `EncryptionAtRestOptions` are created unencrypted."


def encrypt_at_rest(breaks: str) -> Remedy:
    return Remedy({"EncryptionAtRestOptions.Enabled": True}, safe=False, breaks=breaks)


# --------------------------------------------------------------------------- ES.2, Opensearch.2
IN_VPC = prop("VPCOptions.SubnetIds", absent=FAILS).not_empty()
IN_VPC_FIX = (
    "place the domain in a VPC: set VPCOptions.SubnetIds (and SecurityGroupIds); a "
    "public domain cannot be moved into a VPC, it is replaced"
)
#: Followed by the end of the sentence (each package's note ends it).
IN_VPC_NOTE = (
    "A domain without `VPCOptions` gets a public endpoint, which fails whatever its "
    "`AccessPolicies` say (the Config rule judges the endpoint, not the policy). A list of "
    "subnet references counts, as only its presence matters"
)

# --------------------------------------------------------------------------- ES.3, Opensearch.3
NODE_TO_NODE = prop("NodeToNodeEncryptionOptions.Enabled", absent=False).is_true()
NODE_TO_NODE_NOTE = (
    "Domains without `NodeToNodeEncryptionOptions` are created without node-to-node encryption."
)


def encrypt_node_to_node(breaks: str) -> Remedy:
    return Remedy({"NodeToNodeEncryptionOptions.Enabled": True}, safe=False, breaks=breaks)


# --------------------------------------------------------------------------- ES.4/5, Opensearch.4/5
def _logs(kind: str) -> Check:
    entry = f"LogPublishingOptions.{kind}"
    return all_of(
        prop(f"{entry}.Enabled", absent=False).is_true(),
        prop(f"{entry}.CloudWatchLogsLogGroupArn", absent=FAILS).not_empty(),
    )


ERROR_LOGS = _logs("ES_APPLICATION_LOGS")
ERROR_LOGS_FIX = (
    "add LogPublishingOptions.ES_APPLICATION_LOGS with Enabled true and a "
    "CloudWatchLogsLogGroupArn (whose resource policy lets es.amazonaws.com write to it)"
)
#: Followed by why an entry without `Enabled` is read as disabled (each package's note).
ERROR_LOGS_NOTE = (
    "Error logs are the `ES_APPLICATION_LOGS` entry; slow logs and audit logs do not "
    "count. An entry without `Enabled` is read as disabled"
)
AUDIT_LOGS = _logs("AUDIT_LOGS")
AUDIT_LOGS_FIX = (
    "add LogPublishingOptions.AUDIT_LOGS with Enabled true and a CloudWatchLogsLogGroupArn "
    "(audit logs need fine-grained access control, AdvancedSecurityOptions.Enabled true)"
)
AUDIT_LOGS_NOTE = (
    "Audit logs are the `AUDIT_LOGS` entry; error and slow logs do not count. An entry "
    "without `Enabled` is read as disabled (conservative verdict)."
)


# --------------------------------------------------------------------------- ES.6, Opensearch.6
def data_nodes(cluster: str) -> Check:
    """At least three data nodes with zone awareness; ``cluster`` is the settings' key."""
    return all_of(
        prop(f"{cluster}.InstanceCount", absent=1).at_least(3),
        prop(f"{cluster}.ZoneAwarenessEnabled", absent=False).is_true(),
    )


def data_nodes_fix(cluster: str) -> str:
    return f"set {cluster}.InstanceCount to 3 or more and {cluster}.ZoneAwarenessEnabled to true"


# --------------------------------------------------------------------------- ES.8, Opensearch.8
LATEST_TLS = all_of(
    prop("DomainEndpointOptions.EnforceHTTPS", absent=False).is_true(),
    prop("DomainEndpointOptions.TLSSecurityPolicy", absent="Policy-Min-TLS-1-0-2019-07").one_of(
        *LATEST_TLS_POLICIES
    ),
)
LATEST_TLS_FIX = (
    "set DomainEndpointOptions.EnforceHTTPS to true and "
    "DomainEndpointOptions.TLSSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10"
)
LATEST_TLS_REMEDY = Remedy(
    {
        "DomainEndpointOptions.EnforceHTTPS": True,
        "DomainEndpointOptions.TLSSecurityPolicy": LATEST_TLS_POLICIES[0],
    },
    safe=False,
    breaks="Clients that speak plain HTTP, TLS 1.0 or 1.1, or lack forward-secrecy "
    "cipher suites can no longer connect.",
)
