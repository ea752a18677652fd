"""Amazon SQS: SQS.1."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, prop

control(
    "SQS.1",
    "AWS::SQS::Queue",
    check=any_of(
        prop("SqsManagedSseEnabled", absent=True).is_true(),
        prop("KmsMasterKeyId", absent=FAILS).not_empty(),
    ),
    fix="remove SqsManagedSseEnabled or set it to true (SSE-SQS), or set KmsMasterKeyId to a "
    "KMS key (SSE-KMS)",
    note="A queue created without either property gets SSE-SQS (the default for new queues "
    "since 2022), so absent passes. Only `SqsManagedSseEnabled: false` without a "
    "`KmsMasterKeyId` leaves a queue unencrypted. Any KMS key passes, the AWS managed "
    "`alias/aws/sqs` included: the control asks for encryption, not for a customer managed key.",
)
