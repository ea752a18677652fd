"""Amazon SNS: SNS.2 (retired)."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("SNS.2", "AWS::SNS::Topic")
def topic_logs_delivery_status(topic: Resource, ctx: RuleContext) -> Verdict:
    """`DeliveryStatusLogging` is non-empty. Retired control: runs only with
    `include_retired=True` or when named in `controls`.
    """
    if get(topic.properties, "DeliveryStatusLogging", deep=False):
        return Verdict.passed()
    return Verdict.failed(
        "DeliveryStatusLogging",
        None,
        "log delivery status for at least one protocol (SecureTopic(delivery_status_logging=...))",
    )
