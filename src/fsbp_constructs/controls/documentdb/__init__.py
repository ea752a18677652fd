"""Amazon DocumentDB: DocumentDB.1, DocumentDB.2, DocumentDB.4, DocumentDB.5.

Security Hub evaluates DocumentDB clusters as `AWS::RDS::DBCluster` (engine `docdb`);
CloudFormation creates them as `AWS::DocDB::DBCluster`, which is what a template holds.
"""

from __future__ import annotations

from ...engine.checks import FAILS, control, param, prop
from ...engine.registry import Parameter, whole_number

control(
    "DocumentDB.1",
    "AWS::DocDB::DBCluster",
    check=prop("StorageEncrypted", absent=False).is_true(),
    fix="set StorageEncrypted to true, optionally with KmsKeyId (chosen at creation: the "
    "cluster is replaced)",
)

control(
    "DocumentDB.2",
    "AWS::DocDB::DBCluster",
    check=prop("BackupRetentionPeriod", absent=1).at_least(param("minimumBackupRetentionPeriod")),
    parameters=[
        Parameter(
            "minimumBackupRetentionPeriod",
            default=7,
            description="The fewest days of automated backups a cluster must keep "
            "(7 to 35; Security Hub's default 7).",
            parse=whole_number(7, 35, "days"),
        )
    ],
    fix="set BackupRetentionPeriod to at least 7 (or the minimumBackupRetentionPeriod "
    "parameter), at most 35",
)

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
)
