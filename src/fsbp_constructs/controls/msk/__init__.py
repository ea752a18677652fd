"""Amazon MSK: MSK.1, MSK.3, MSK.4, MSK.5, MSK.6."""

from __future__ import annotations

from ...engine.checks import all_of, any_of, control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Undecidable, as_bool

_IN_TRANSIT = "EncryptionInfo.EncryptionInTransit"

control(
    "MSK.1",
    "AWS::MSK::Cluster",
    check=all_of(
        prop(f"{_IN_TRANSIT}.InCluster", absent=True).is_true(),
        prop(f"{_IN_TRANSIT}.ClientBroker", absent="TLS").equals("TLS"),
    ),
    fix="remove EncryptionInfo.EncryptionInTransit, or set its InCluster to true and its "
    "ClientBroker to TLS (InCluster is fixed at creation: changing it replaces the cluster)",
    note="The Config rule reads the traffic between brokers (`InCluster`); `ClientBroker` "
    "`TLS_PLAINTEXT` or `PLAINTEXT` also fails, since the control's page speaks of plain "
    "text on any broker connection (open question: conservative verdict). No remedy: absent "
    "already passes; what fails is an explicit plain-text choice, and `InCluster` is fixed "
    "at creation (changing it replaces the cluster).",
)

control(
    "MSK.4",
    "AWS::MSK::Cluster",
    check=prop("BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type", absent="DISABLED").equals(
        "DISABLED"
    ),
    fix="remove BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess, or set its Type to DISABLED",
    note="`SERVICE_PROVIDED_EIPS` (public broker endpoints) fails. No remedy: absent "
    "already passes; what fails is an explicit choice of public endpoints.",
)

_UNAUTHENTICATED = "ClientAuthentication.Unauthenticated.Enabled"
_MSK6_FIX = (
    "set ClientAuthentication with Sasl (Iam or Scram) or Tls, and Unauthenticated.Enabled "
    "false (or no Unauthenticated)"
)


@rule(
    "MSK.6",
    "AWS::MSK::Cluster",
    fix=_MSK6_FIX,
    remedy=Remedy(
        {
            "ClientAuthentication.Sasl.Iam.Enabled": True,
            "ClientAuthentication.Unauthenticated.Enabled": False,
        },
        safe=False,
        breaks="Clients must then authenticate with IAM (SASL/IAM, port 9098): producers and "
        "consumers that connect without authentication stop working until they use IAM "
        "credentials and are granted kafka-cluster actions.",
    ),
)
def cluster_requires_authentication(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`ClientAuthentication.Unauthenticated.Enabled` is not true. An absent
    `ClientAuthentication` fails: MSK then lets clients connect without authentication. A
    `ClientAuthentication` without `Unauthenticated` passes (another method is chosen, and
    unauthenticated access stays off).

    Code, not a declaration: what an absent `Unauthenticated` means depends on whether
    `ClientAuthentication` is there.
    """
    if not cluster.props.has("ClientAuthentication"):
        return Verdict(
            Status.FAIL,
            path="ClientAuthentication",
            fix=_MSK6_FIX,
            reason="absent means unauthenticated access (no client authentication)",
        )
    value = cluster.props.get(_UNAUTHENTICATED)
    if value is None:
        return Verdict.passed()
    flag = as_bool(value)
    if flag is None:
        raise Undecidable(_UNAUTHENTICATED, f"a value that is not a boolean ({value!r})")
    if flag:
        return Verdict.failed(_UNAUTHENTICATED, value)
    return Verdict.passed()


control(
    "MSK.3",
    "AWS::KafkaConnect::Connector",
    check=prop("KafkaClusterEncryptionInTransit.EncryptionType", absent="PLAINTEXT").equals("TLS"),
    fix="set KafkaClusterEncryptionInTransit.EncryptionType to TLS (this replaces the connector)",
    note="CloudFormation requires the property; `PLAINTEXT` fails. No remedy: the property "
    "is never absent, and changing it replaces the connector.",
)

_WORKER_LOGS = "LogDelivery.WorkerLogDelivery"

control(
    "MSK.5",
    "AWS::KafkaConnect::Connector",
    check=any_of(
        prop(f"{_WORKER_LOGS}.CloudWatchLogs.Enabled", absent=False).is_true(),
        prop(f"{_WORKER_LOGS}.Firehose.Enabled", absent=False).is_true(),
        prop(f"{_WORKER_LOGS}.S3.Enabled", absent=False).is_true(),
    ),
    fix="set LogDelivery.WorkerLogDelivery with CloudWatchLogs, Firehose or S3 and Enabled true",
    note="That is, at least one worker log destination is enabled; an absent `LogDelivery` "
    "means no logs. No remedy: a destination (log group, bucket or stream) must be chosen.",
)
