"""Amazon SNS: SNS.2 (retired)."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop

control(
    "SNS.2",
    "AWS::SNS::Topic",
    check=prop("DeliveryStatusLogging", absent=FAILS).not_empty(),
    fix="add an item to DeliveryStatusLogging (a Protocol with a FailureFeedbackRoleArn and "
    "SuccessFeedbackRoleArn)",
    note="Feedback role ARNs known only at deploy time count. Retired control: it runs only "
    "with `include_retired=True` or when named in `controls`.",
)
