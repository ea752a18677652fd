"""Amazon DocumentDB: DocumentDB.1, DocumentDB.2, DocumentDB.4, DocumentDB.5, DocumentDB.6.

Security Hub evaluates DocumentDB clusters as `AWS::RDS::DBCluster` (engine `docdb`);
CloudFormation creates them as `AWS::DocDB::DBCluster`, which is what a template holds.
"""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Verdict, rule
from .._parameter_groups import GroupSetting, judge_setting
from .._retention import cluster_backup_retention

__all__ = ["DOCDB_TLS_VALUES"]

#: The `tls` values of a cluster parameter group that DocumentDB.6 accepts: TLS required, at
#: a fixed minimum version. `enabled` (the default group's value) and `disabled` fail.
DOCDB_TLS_VALUES = ("tls1.2+", "tls1.3+", "fips-140-3")

control(
    "DocumentDB.1",
    "AWS::DocDB::DBCluster",
    check=prop("StorageEncrypted", absent=False).is_true(),
    fix="set StorageEncrypted to true, optionally with KmsKeyId (chosen at creation: the "
    "cluster is replaced)",
)

cluster_backup_retention("DocumentDB.2", "AWS::DocDB::DBCluster", "DocumentDB")

control(
    "DocumentDB.4",
    "AWS::DocDB::DBCluster",
    check=prop("EnableCloudwatchLogsExports", absent=FAILS).contains("audit"),
    fix="add audit to EnableCloudwatchLogsExports (and set the cluster parameter audit_logs "
    "to enabled in the DBClusterParameterGroupName's group, or no events are written)",
    note="Only the export list is judged, as the Config rule does: the `audit_logs` "
    "parameter of the cluster parameter group is not read.",
)

control(
    "DocumentDB.5",
    "AWS::DocDB::DBCluster",
    check=prop("DeletionProtection", absent=False).is_true(),
    fix="set DeletionProtection to true",
    remedy=Remedy(
        {"DeletionProtection": True},
        safe=False,
        breaks="Deleting the cluster, or the stack, fails until deletion protection is turned "
        "off first.",
    ),
)


# --------------------------------------------------------------------------- DocumentDB.6

_TLS_FIX = (
    "set DBClusterParameterGroupName to an AWS::DocDB::DBClusterParameterGroup whose "
    "Parameters set tls to tls1.2+, tls1.3+ or fips-140-3"
)


_TLS = GroupSetting(
    "DBClusterParameterGroupName",
    "AWS::DocDB::DBClusterParameterGroup",
    ("tls",),
    "tls",
    lambda value: str(value).lower() in DOCDB_TLS_VALUES,
    "must be tls1.2+, tls1.3+ or fips-140-3",
    default="enabled",
)


@rule("DocumentDB.6", "AWS::DocDB::DBCluster", fix=_TLS_FIX)
def cluster_requires_tls(cluster: Resource, ctx: RuleContext) -> Verdict:
    """The cluster's parameter group (`DBClusterParameterGroupName`) sets `tls` to `tls1.2+`,
    `tls1.3+` or `fips-140-3`. Security Hub fails `disabled` and also `enabled`, the value of
    the default parameter group, which accepts TLS 1.0 and 1.1. So an absent group (the
    default one), a `default.docdb*` group named outright and a group of the template that
    leaves `tls` out all fail; a group outside the template is UNKNOWN.

    Code, not a declaration: the value lives in another resource (the parameter group).
    """
    return judge_setting(cluster, ctx, _TLS, _TLS_FIX)
