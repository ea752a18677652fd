"""Amazon DynamoDB and DynamoDB Accelerator (DAX): DynamoDB.2, DynamoDB.3, DynamoDB.6,
DynamoDB.7."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "DynamoDB.2",
    "AWS::DynamoDB::Table",
    check=prop(
        "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", absent=False
    ).is_true(),
    fix="set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled to true",
    note="A table without `PointInTimeRecoverySpecification` has point-in-time recovery "
    "off. The recovery period (`RecoveryPeriodInDays`) is not judged.",
)

control(
    "DynamoDB.3",
    "AWS::DAX::Cluster",
    check=prop("SSESpecification.SSEEnabled", absent=False).is_true(),
    fix="set SSESpecification.SSEEnabled to true (it can only be chosen when the cluster "
    "is created: the cluster is replaced)",
)

control(
    "DynamoDB.6",
    "AWS::DynamoDB::Table",
    check=prop("DeletionProtectionEnabled", absent=False).is_true(),
    fix="set DeletionProtectionEnabled to true",
    note="`AWS::DynamoDB::GlobalTable` is not mapped: Security Hub evaluates the table "
    "resource type only (its replicas carry their own `DeletionProtectionEnabled`).",
)

control(
    "DynamoDB.7",
    "AWS::DAX::Cluster",
    check=prop("ClusterEndpointEncryptionType", absent="NONE").equals("TLS"),
    fix="set ClusterEndpointEncryptionType to TLS (chosen at creation: the cluster is replaced)",
    note="The catalog lists `AWS::DynamoDB::Table`, but the Config rule reads DAX clusters: "
    "the cluster's endpoint setting is what decides.",
)
