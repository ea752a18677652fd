"""Amazon Neptune: Neptune.1, Neptune.2, Neptune.4, Neptune.5, Neptune.7, Neptune.8; Neptune.6
is not checkable.

Security Hub evaluates Neptune clusters as `AWS::RDS::DBCluster` (engine `neptune`);
CloudFormation creates them as `AWS::Neptune::DBCluster`, which is what a template holds.
"""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from ...engine.registry import Remedy, not_checkable
from .._retention import cluster_backup_retention

control(
    "Neptune.1",
    "AWS::Neptune::DBCluster",
    check=prop("StorageEncrypted", absent=False).is_true(),
    fix="set StorageEncrypted to true, optionally with KmsKeyId (chosen at creation: the "
    "cluster is replaced)",
    note="Absent is judged as unencrypted, the API default (conservative: the Neptune "
    "console encrypts by default, CloudFormation does not say it does). A cluster restored "
    "from a snapshot (`SnapshotIdentifier`) inherits the snapshot's encryption, which the "
    "template does not show: it is judged by its own property like any other.",
)

control(
    "Neptune.4",
    "AWS::Neptune::DBCluster",
    check=prop("DeletionProtection", absent=False).is_true(),
    fix="set DeletionProtection to true",
    remedy=Remedy(
        {"DeletionProtection": True},
        safe=False,
        breaks="Deleting the cluster, or the stack, fails until deletion protection is turned "
        "off first.",
    ),
)

control(
    "Neptune.2",
    "AWS::Neptune::DBCluster",
    check=prop("EnableCloudwatchLogsExports", absent=FAILS).contains("audit"),
    fix="add audit to EnableCloudwatchLogsExports (and set neptune_enable_audit_log to 1 in "
    "the cluster parameter group, or no events are written)",
    note="Only the export list is judged, as the Config rule does: the "
    "`neptune_enable_audit_log` parameter of the cluster parameter group is not read.",
)

cluster_backup_retention("Neptune.5", "AWS::Neptune::DBCluster", "Neptune")

control(
    "Neptune.7",
    "AWS::Neptune::DBCluster",
    check=prop("IamAuthEnabled", absent=False).is_true(),
    fix="set IamAuthEnabled to true (clients then sign their requests with SigV4)",
    remedy=Remedy(
        {"IamAuthEnabled": True},
        safe=False,
        breaks="Clients that do not sign their requests with SigV4 are refused.",
    ),
)

control(
    "Neptune.8",
    "AWS::Neptune::DBCluster",
    check=prop("CopyTagsToSnapshot", absent=False).is_true(),
    fix="set CopyTagsToSnapshot to true",
    remedy=Remedy(
        {"CopyTagsToSnapshot": True},
        safe=True,
        breaks="Nothing: snapshots only gain the cluster's tags.",
    ),
)

not_checkable(
    "Neptune.6",
    "Security Hub evaluates `AWS::RDS::DBClusterSnapshot` resources, which CloudFormation "
    "cannot create (Neptune's automated and manual snapshots are made outside the template); "
    "a snapshot is encrypted exactly when its cluster is, which Neptune.1 checks.",
)
