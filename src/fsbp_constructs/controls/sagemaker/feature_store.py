"""SageMaker AI feature store, experiments: SageMaker.17, SageMaker.23, SageMaker.24."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from ._shared import EXPERIMENT

control(
    "SageMaker.17",
    "AWS::SageMaker::FeatureGroup",
    check=prop("OfflineStoreConfig.S3StorageConfig.KmsKeyId", absent=FAILS).not_empty(),
    when=prop("OfflineStoreConfig", absent=FAILS).present(),
    fix="set OfflineStoreConfig.S3StorageConfig.KmsKeyId to a customer managed KMS key",
    note="A feature group without an offline store is not applicable. Any key passes, as the "
    "AWS Config rule reads only whether a key is set. CDK's L1 takes `OfflineStoreConfig` as "
    "untyped JSON: keys in camelCase (what a property class renders there) are not "
    "CloudFormation's and read as absent.",
)

control(
    "SageMaker.23",
    EXPERIMENT,
    check=prop("KmsKey", absent=FAILS).not_empty(),
    fix="set KmsKey to a customer managed KMS key (its ARN, key id or alias)",
    note="Any key passes, as the AWS Config rule reads only whether a key is set.",
)

control(
    "SageMaker.24",
    EXPERIMENT,
    check=prop("DataStorageConfig.KmsKey", absent=FAILS).not_empty(),
    when=prop("DataStorageConfig", absent=FAILS).present(),
    fix="set DataStorageConfig.KmsKey to a customer managed KMS key",
    note="Only experiments that capture data (`DataStorageConfig`) are evaluated. Any key "
    "passes, as the AWS Config rule reads only whether a key is set.",
)
