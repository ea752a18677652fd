"""Controls app: Amazon RDS (DB instances and DB clusters).

Each resource violates exactly one RDS control in the ``noncompliant`` variant, and
complies with every RDS control of its type in the ``compliant`` one.

    cdk synth --app "python -m examples.controls_rds noncompliant"   # exits 1
    cdk synth --app "python -m examples.controls_rds compliant"      # exits 0
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_rds as rds
from constructs import Construct

from examples import _controls

#: The role RDS publishes enhanced monitoring metrics with (RDS.6); a literal ARN keeps the
#: app free of any other resource type.
MONITORING_ROLE_ARN = "arn:aws:iam::111111111111:role/rds-monitoring-role"

#: What every example DB instance sets to comply with each DB instance control.
_INSTANCE_OK: dict[str, Any] = {
    "publicly_accessible": False,  # RDS.2
    "storage_encrypted": True,  # RDS.3
    "multi_az": True,  # RDS.5
    "monitoring_interval": 60,  # RDS.6
    "monitoring_role_arn": MONITORING_ROLE_ARN,
    "deletion_protection": True,  # RDS.8
    "enable_iam_database_authentication": True,  # RDS.10
    "backup_retention_period": 7,  # RDS.11
    "auto_minor_version_upgrade": True,  # RDS.13
    "copy_tags_to_snapshot": True,  # RDS.17
    "port": "3307",  # RDS.23 (MySQL's default is 3306)
    "master_username": "appadmin",  # RDS.25
}

#: The one setting that breaks each DB instance control.
_INSTANCE_BAD: dict[str, tuple[str, Any]] = {
    "RDS.2": ("publicly_accessible", True),
    "RDS.3": ("storage_encrypted", False),
    "RDS.5": ("multi_az", False),
    "RDS.6": ("monitoring_interval", 0),
    "RDS.8": ("deletion_protection", False),
    "RDS.10": ("enable_iam_database_authentication", False),
    "RDS.11": ("backup_retention_period", 1),
    "RDS.13": ("auto_minor_version_upgrade", False),
    "RDS.17": ("copy_tags_to_snapshot", False),
    "RDS.23": ("port", "3306"),
    "RDS.25": ("master_username", "admin"),
}

#: What every example DB cluster sets to comply with each DB cluster control.
_CLUSTER_OK: dict[str, Any] = {
    "deletion_protection": True,  # RDS.7
    "enable_iam_database_authentication": True,  # RDS.12
    "copy_tags_to_snapshot": True,  # RDS.16
    "master_username": "appadmin",  # RDS.24
    "storage_encrypted": True,  # RDS.27
}

_CLUSTER_BAD: dict[str, tuple[str, Any]] = {
    "RDS.7": ("deletion_protection", False),
    "RDS.12": ("enable_iam_database_authentication", False),
    "RDS.16": ("copy_tags_to_snapshot", False),
    "RDS.24": ("master_username", "postgres"),
    "RDS.27": ("storage_encrypted", False),
}


def _name(control_id: str) -> str:
    return control_id.replace(".", "")


def add(stack: Construct, ok: bool) -> None:
    for control_id, (key, bad) in _INSTANCE_BAD.items():
        settings = dict(_INSTANCE_OK)
        if not ok:
            settings[key] = bad
        rds.CfnDBInstance(
            stack,
            f"Instance{_name(control_id)}",
            engine="mysql",
            db_instance_class="db.t3.micro",
            allocated_storage="20",
            manage_master_user_password=True,
            **settings,
        )
    for control_id, (key, bad) in _CLUSTER_BAD.items():
        settings = dict(_CLUSTER_OK)
        if not ok:
            settings[key] = bad
        rds.CfnDBCluster(
            stack,
            f"Cluster{_name(control_id)}",
            engine="aurora-postgresql",
            manage_master_user_password=True,
            backup_retention_period=7,
            **settings,
        )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
