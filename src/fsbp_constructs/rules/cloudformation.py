"""AWS CloudFormation: CloudFormation.1 (retired), a stack-level control."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("CloudFormation.1", "AWS::CloudFormation::Stack")
def stack_sends_notifications(stack: Resource, ctx: RuleContext) -> Verdict:
    """The stack has SNS notification ARNs: for a top-level stack, the `notificationArns` of
    its cloud assembly artifact (CDK `StackProps.notification_arns`); for a nested stack, the
    `NotificationARNs` property. With none, UNKNOWN: ARNs can still be given at deploy time
    (`cdk deploy --notification-arns`).
    """
    arns = get(stack.properties, "NotificationARNs")
    if arns:
        return Verdict.passed()
    where = "the stack's notification ARNs" if stack.is_stack_itself else "NotificationARNs"
    return Verdict.unknown(
        f"{where} are empty here, and ARNs may still be given at deploy time",
        path="NotificationARNs",
        fix="give the stack notification ARNs (Stack notification_arns=[topic ARN])",
    )
