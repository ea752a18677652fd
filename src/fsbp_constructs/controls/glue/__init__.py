"""AWS Glue: Glue.3."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "Glue.3",
    "AWS::Glue::MLTransform",
    check=prop(
        "TransformEncryption.MLUserDataEncryption.MLUserDataEncryptionMode", absent="DISABLED"
    ).equals("SSE-KMS"),
    fix="set TransformEncryption.MLUserDataEncryption with MLUserDataEncryptionMode SSE-KMS "
    "and a KmsKeyId",
    note="Absent means the transform's user data is not encrypted with KMS.",
)
