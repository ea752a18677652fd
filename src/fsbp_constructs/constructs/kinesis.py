"""Amazon Kinesis Data Streams: :class:`SecureStream`."""

from __future__ import annotations

from typing import Any, cast

import aws_cdk as cdk
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = ["SecureStream", "secure_stream_defaults"]


def secure_stream_defaults() -> dict[str, Any]:
    """The props :class:`SecureStream` sets unless the caller gives them."""
    return {
        # Kinesis.1: records are encrypted at rest with a customer-managed KMS key.
        "encryption": kinesis.StreamEncryption.KMS,
        # Kinesis.3: records are kept 7 days (168 hours), Security Hub's default minimum.
        "retention_period": cdk.Duration.days(7),
    }


class SecureStream(kinesis.Stream):
    """A Kinesis data stream encrypted with a customer-managed key by default.

    Takes every prop of :class:`aws_cdk.aws_kinesis.Stream`; these defaults differ:

    - ``encryption``: ``StreamEncryption.KMS`` (Kinesis.1). Without ``encryption_key``, a new
      KMS key with yearly automatic rotation is created as the child ``Key``.
      ``StreamEncryption.MANAGED`` uses the AWS-managed key ``alias/aws/kinesis`` instead (no
      key to pay for or manage, but its policy cannot be changed, e.g. for other accounts);
      it also satisfies Kinesis.1.

    The encryption is written as a plain ``StreamEncryption`` property, also in stacks without
    a Region (aws-cdk-lib adds a Region condition only when ``encryption`` is left unset).

    - ``retention_period``: 7 days (Kinesis.3, at least Security Hub's default
      ``minimumBackupRetentionPeriod`` of 168 hours). Retention past 24 hours is billed as
      extended retention, per shard hour; give ``retention_period=Duration.hours(24)`` and
      acknowledge Kinesis.3 where replaying a week of records is not needed.

    Example::

        stream = SecureStream(stack, "Events")
        stream.grant_write(producer_role)  # also grants use of the key
    """

    @same_props_as(kinesis.Stream)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        merged = merge_defaults(secure_stream_defaults(), props)
        creates_key = (
            merged["encryption"] == kinesis.StreamEncryption.KMS
            and merged.get("encryption_key") is None
        )
        super().__init__(scope, id, **merged)
        if creates_key and self.encryption_key is not None:
            # aws-cdk-lib creates the key without rotation; turn it on, as KMS recommends for
            # customer-managed keys.
            cast(kms.CfnKey, self.encryption_key.node.default_child).enable_key_rotation = True
