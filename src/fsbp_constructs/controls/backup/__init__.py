"""AWS Backup: Backup.1 (not checkable from a template)."""

from __future__ import annotations

from ...engine.registry import not_checkable

not_checkable(
    "Backup.1",
    "Security Hub evaluates AWS::Backup::RecoveryPoint, which CloudFormation cannot create: "
    "recovery points are made at run time by backup jobs. What a template does declare "
    "(an AWS::Backup::BackupVault and its EncryptionKeyArn, an AWS::Backup::BackupPlan) does "
    "not decide it: AWS Backup encrypts the recovery points of services it fully manages "
    "whatever the vault, while the recovery points of other services (EBS and RDS "
    "snapshots, for example) keep the encryption of their source resource, which the "
    "resource's own controls check (EC2.3, RDS.3, ...)",
)
