"""Amazon Bedrock: Bedrock.1."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop

control(
    "Bedrock.1",
    "AWS::Bedrock::DataSource",
    check=prop("ServerSideEncryptionConfiguration.KmsKeyArn", absent=FAILS).not_empty(),
    fix="set ServerSideEncryptionConfiguration.KmsKeyArn to the ARN of a customer managed KMS "
    "key (its key policy must let Amazon Bedrock use it)",
    note="Without a key, Bedrock encrypts the data source's transient ingestion data with a "
    "key that AWS owns, which fails. Any key ARN passes: the pattern CloudFormation accepts "
    "(`key/<id>`, no alias) cannot tell a customer managed key from an AWS managed one, and "
    "the AWS Config rule only asks for the ARN to be set.",
)
