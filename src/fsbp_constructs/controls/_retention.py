"""Retention periods: the one declaration of Security Hub's minimum-retention parameters
(RDS.11, RDS.50, DocumentDB.2, Neptune.5, Kinesis.3) and of the cluster backup control that
DocumentDB.2 and Neptune.5 share."""

from __future__ import annotations

from ..engine.checks import control, param, prop
from ..engine.registry import Parameter, Remedy, whole_number

__all__ = ["MAX_BACKUP_DAYS", "MIN_BACKUP_DAYS", "cluster_backup_retention", "minimum_retention"]

#: Security Hub's range for a database's backup retention parameter, in days; the least is
#: also its default.
MIN_BACKUP_DAYS, MAX_BACKUP_DAYS = 7, 35


def minimum_retention(
    name: str,
    kept: str,
    *,
    low: int = MIN_BACKUP_DAYS,
    high: int = MAX_BACKUP_DAYS,
    default: int = MIN_BACKUP_DAYS,
    unit: str = "days",
) -> Parameter:
    """Security Hub's parameter ``name``: the fewest ``unit`` that ``kept`` must be kept, a
    whole number from ``low`` to ``high``."""
    return Parameter(
        name,
        default=default,
        description=f"The fewest {unit} {kept} must be kept: a whole number from {low} to "
        f"{high} (Security Hub's default {default}).",
        parse=whole_number(low, high, unit),
    )


def cluster_backup_retention(control_id: str, resource_type: str, service: str) -> None:
    """Declare the backup retention control of a DocumentDB or Neptune cluster:
    `BackupRetentionPeriod` is at least `minimumBackupRetentionPeriod`; absent means 1 day."""
    control(
        control_id,
        resource_type,
        check=prop("BackupRetentionPeriod", absent=1).at_least(
            param("minimumBackupRetentionPeriod")
        ),
        parameters=[
            minimum_retention("minimumBackupRetentionPeriod", "a cluster's automated backups")
        ],
        fix="set BackupRetentionPeriod to at least 7 (or the minimumBackupRetentionPeriod "
        "parameter), at most 35",
        note=f"Absent means 1 day, the {service} default.",
        remedy=Remedy(
            {"BackupRetentionPeriod": MIN_BACKUP_DAYS},
            safe=False,
            breaks="Costs backup storage beyond the free allowance (the cluster's storage size).",
        ),
    )
