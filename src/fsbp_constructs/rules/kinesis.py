"""Amazon Kinesis: Kinesis.1."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("Kinesis.1", "AWS::Kinesis::Stream")
def stream_is_encrypted(stream: Resource, ctx: RuleContext) -> Verdict:
    """`StreamEncryption.EncryptionType` is `KMS`. Absent fails. When CDK puts the setting
    behind a Region condition (Region-agnostic stacks), the condition is decided from the
    stack's Region if known, else the verdict is UNKNOWN.
    """
    encryption = get(stream.properties, "StreamEncryption.EncryptionType")
    if encryption == "KMS":
        return Verdict.passed()
    return Verdict.failed(
        "StreamEncryption",
        get(stream.properties, "StreamEncryption"),
        "set StreamEncryption to KMS with a key (SecureStream does)",
    )
