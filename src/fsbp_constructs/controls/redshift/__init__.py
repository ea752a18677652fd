"""Amazon Redshift: Redshift.1, Redshift.2, Redshift.3, Redshift.4, Redshift.6, Redshift.7,
Redshift.8, Redshift.10, Redshift.15, Redshift.18, Redshift.9 (retired)."""

from __future__ import annotations

from typing import Any

from ...engine.checks import FAILS, all_of, any_of, control, param, prop, unknown
from ...engine.cidr import is_world
from ...engine.model import Resource, Target
from ...engine.registry import (
    Parameter,
    Remedy,
    RuleContext,
    Verdict,
    rule,
    whole_number,
)
from ...engine.undecided import Undecided
from ...engine.values import Kind, Undecidable, View, as_bool
from .._parameter_groups import GroupSetting, judge_setting

__all__ = ["REDSHIFT_LOG_EXPORTS"]

_CLUSTER = "AWS::Redshift::Cluster"
_PARAMETER_GROUP = "AWS::Redshift::ClusterParameterGroup"
#: The log types a cluster can export to CloudWatch Logs (Redshift.4's remedy exports all).
REDSHIFT_LOG_EXPORTS = ("connectionlog", "userlog", "useractivitylog")

control(
    "Redshift.1",
    "AWS::Redshift::Cluster",
    check=prop("PubliclyAccessible", absent=False).is_false(),
    fix="remove PubliclyAccessible, or set it to false",
    note="Absent means private, the current Redshift default for new clusters. Only the flag "
    "is judged, as the Config rule does: the subnet group and security groups are not read.",
)

control(
    "Redshift.6",
    "AWS::Redshift::Cluster",
    check=prop("AllowVersionUpgrade", absent=True).is_true(),
    fix="remove AllowVersionUpgrade, or set it to true",
    note="Absent means the Redshift default, on.",
)

control(
    "Redshift.8",
    "AWS::Redshift::Cluster",
    check=prop(
        "MasterUsername",
        absent=unknown("an admin user name that CloudFormation requires but the template omits"),
    ).none_of("awsuser", ignore_case=True),
    fix="set MasterUsername to a name other than awsuser (chosen at creation: the cluster "
    "is replaced)",
    note="Case is ignored (conservative: Redshift folds unquoted identifiers to lower case, "
    "so `AwsUser` names the same user).",
)

control(
    "Redshift.9",
    "AWS::Redshift::Cluster",
    check=prop(
        "DBName",
        absent=unknown("a database name that CloudFormation requires but the template omits"),
    ).none_of("dev"),
    fix="set DBName to a name other than dev",
    note="Retired control: it runs only with `include_retired=True` or when named in `controls`.",
)

control(
    "Redshift.10",
    "AWS::Redshift::Cluster",
    check=prop("Encrypted", absent=False).is_true(),
    fix="set Encrypted to true, optionally with KmsKeyId",
    note="Any key passes, the AWS managed key included: Security Hub sets no key parameter.",
    remedy=Remedy(
        {"Encrypted": True},
        safe=False,
        breaks="Encrypting an existing cluster migrates its data to a new encrypted cluster: "
        "it is read-only during the migration, which can take hours.",
    ),
)


# --------------------------------------------------------------------------- Redshift.2


_TLS_FIX = (
    "set ClusterParameterGroupName to an AWS::Redshift::ClusterParameterGroup whose Parameters "
    "set require_ssl to true"
)


def _boolean(value: Any) -> bool:
    flag = as_bool(value)
    if flag is None:
        raise ValueError(f"a value that is not a boolean ({value!r})")
    return flag


_REQUIRE_SSL = GroupSetting(
    "ClusterParameterGroupName",
    _PARAMETER_GROUP,
    ("require_ssl",),
    "require_ssl",
    _boolean,
    "must be true",
    default="false",
    family_path="ParameterGroupFamily",
)


@rule("Redshift.2", _CLUSTER, fix=_TLS_FIX)
def cluster_requires_tls(cluster: Resource, ctx: RuleContext) -> Verdict:
    """The cluster's parameter group (`ClusterParameterGroupName`) sets the parameter
    `require_ssl` to `true`. Absent, the cluster uses the default parameter group, where
    `require_ssl` is `false`: FAIL, as is a `default.redshift-*` group named outright and a
    group of the template that leaves `require_ssl` out. A group outside the template is
    UNKNOWN. `AWS::Redshift::ClusterParameterGroup` resources are judged through the clusters
    that use them.

    Code, not a declaration: the value lives in another resource (the parameter group).
    """
    return judge_setting(cluster, ctx, _REQUIRE_SSL, _TLS_FIX)


# --------------------------------------------------------------------------- Redshift.3, .4, .7

control(
    "Redshift.3",
    _CLUSTER,
    check=prop("AutomatedSnapshotRetentionPeriod", absent=1).at_least(param("MinRetentionPeriod")),
    parameters=[
        Parameter(
            "MinRetentionPeriod",
            default=7,
            description="The fewest days automated snapshots must be kept (7 to 35; Security "
            "Hub's default 7).",
            parse=whole_number(7, 35, "days"),
        )
    ],
    fix="set AutomatedSnapshotRetentionPeriod to at least 7 (or the MinRetentionPeriod "
    "parameter), at most 35",
    note="Absent means 1 day, the Redshift default; 0 turns automated snapshots off and fails.",
    remedy=Remedy(
        {"AutomatedSnapshotRetentionPeriod": 7},
        safe=False,
        breaks="Costs backup storage: snapshots kept beyond the free allowance (RA3: all "
        "backup storage) are billed.",
    ),
)

control(
    "Redshift.4",
    _CLUSTER,
    check=any_of(
        prop("LoggingProperties.BucketName", absent=FAILS).not_empty(),
        all_of(
            prop("LoggingProperties.LogDestinationType", absent=FAILS).one_of(
                "cloudwatch", ignore_case=True
            ),
            prop("LoggingProperties.LogExports", absent=FAILS).not_empty(),
        ),
    ),
    fix="set LoggingProperties: LogDestinationType cloudwatch with LogExports (connectionlog, "
    "userlog, useractivitylog), or a BucketName for Amazon S3",
    note="A cluster without `LoggingProperties` has audit logging off. CloudWatch Logs "
    "delivery counts when it exports at least one log type (open question: the control "
    "reads the logging status only). `useractivitylog` also needs "
    "`enable_user_activity_logging` in the parameter group, which is not read.",
    remedy=Remedy(
        {
            "LoggingProperties": {
                "LogDestinationType": "cloudwatch",
                "LogExports": list(REDSHIFT_LOG_EXPORTS),
            }
        },
        safe=False,
        breaks="Costs CloudWatch Logs ingestion and storage for every connection and query.",
    ),
)

control(
    "Redshift.7",
    _CLUSTER,
    check=prop("EnhancedVpcRouting", absent=False).is_true(),
    fix="set EnhancedVpcRouting to true",
    note="Absent means off, the Redshift default.",
    remedy=Remedy(
        {"EnhancedVpcRouting": True},
        safe=False,
        breaks="COPY and UNLOAD traffic then goes through the VPC: without a route to Amazon "
        "S3 (a gateway endpoint or a NAT gateway), loads and unloads fail.",
    ),
)

control(
    "Redshift.18",
    _CLUSTER,
    check=prop("MultiAZ", absent=False).is_true(),
    fix="set MultiAZ to true (RA3 node types, a subnet group spanning three Availability Zones)",
    note="Absent means a single Availability Zone, the Redshift default.",
    remedy=Remedy(
        {"MultiAZ": True},
        safe=False,
        breaks="Doubles the compute cost (a second set of nodes in another Availability "
        "Zone); needs RA3 nodes and a subnet group in three Availability Zones, or the "
        "deployment fails.",
    ),
)


# --------------------------------------------------------------------------- Redshift.15

_PORT = 5439
_SG = "AWS::EC2::SecurityGroup"
_INGRESS = "AWS::EC2::SecurityGroupIngress"
_OPEN_FIX = (
    "remove the ingress rules from 0.0.0.0/0 or ::/0 on the cluster port from the cluster's "
    "VpcSecurityGroupIds; admit named CIDR ranges or security groups instead"
)


def _covers(rule_: Any, port: int) -> bool:
    """Whether an ingress rule (a dict of plain values) opens ``port`` to the internet."""
    if not (is_world(rule_.get("CidrIp")) or is_world(rule_.get("CidrIpv6"))):
        return False
    protocol = str(rule_.get("IpProtocol")).lower()
    if protocol == "-1":
        return True
    if protocol not in ("tcp", "6"):
        return False
    low, high = rule_.get("FromPort"), rule_.get("ToPort")
    try:
        return int(low) <= port <= int(high)
    except (TypeError, ValueError):
        return True  # ports the template does not give: conservative


_RULE_FIELDS = ("CidrIp", "CidrIpv6", "IpProtocol", "FromPort", "ToPort")


def _fields(view: View) -> dict[str, Any]:
    """The fields of an ingress rule that decide (its group id may stay unresolved)."""
    return {name: view.get(name) for name in _RULE_FIELDS}


def _open_rules(group: Target, ctx: RuleContext) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for item in group.props.items("SecurityGroupIngress"):
        found.append((f"{group.logical_id}.{item.path}", _fields(item)))
    for ref in ctx.app.referrers(group, _INGRESS):
        if ref.path == "GroupId":
            found.append((ref.source.logical_id, _fields(ref.source.props)))
    return found


@rule("Redshift.15", _CLUSTER, fix=_OPEN_FIX)
def cluster_port_not_open(cluster: Resource, ctx: RuleContext) -> Verdict:
    """No security group of `VpcSecurityGroupIds` admits the whole internet (`0.0.0.0/0` or
    `::/0`, in any spelling EC2 stores as them: `192.168.1.0/0`, `0::0/0`) on the
    cluster's `Port` (absent: 5439), through its `SecurityGroupIngress` or an
    `AWS::EC2::SecurityGroupIngress` of the template (protocol `tcp` or `-1`). Absent
    `VpcSecurityGroupIds` means the VPC's default security group, whose rules the template
    does not show: UNKNOWN; so is a security group outside the template.

    Code, not a declaration: the rules live in other resources (the security groups).
    """
    port_value = cluster.props.get("Port")
    port = _PORT if port_value is None else int(port_value)
    if not cluster.props.has("VpcSecurityGroupIds"):
        raise Undecidable(
            "VpcSecurityGroupIds",
            "the ingress rules of the VPC's default security group, which the cluster uses "
            "when no security group is named",
            Kind.ACCOUNT_DEFAULT,
        )
    undecided = Undecided()
    groups = cluster.props.shallow("VpcSecurityGroupIds")
    if not isinstance(groups, list):
        cluster.props.get("VpcSecurityGroupIds")  # raises with the unresolved value's kind
        raise Undecidable("VpcSecurityGroupIds", f"a value that is not a list ({groups!r})")
    for index in range(len(groups)):
        path = f"VpcSecurityGroupIds[{index}]"
        group = ctx.app.referenced(cluster.stack, groups[index])
        if group is None or group.type != _SG:
            undecided.keep(
                Undecidable(
                    path,
                    "the ingress rules of a security group outside the template",
                    Kind.RESOURCE_ID,
                )
            )
            continue
        try:
            for where, rule_ in _open_rules(group, ctx):
                if isinstance(rule_, dict) and _covers(rule_, port):
                    return Verdict.failed(
                        f"{path} ({where})", rule_.get("CidrIp") or rule_.get("CidrIpv6")
                    )
        except Undecidable as error:
            undecided.keep(error)
    undecided.reraise()
    return Verdict.passed()
