"""AWS CloudFormation: CloudFormation.1."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule

_FIX = (
    "give the stack notification ARNs (the NotificationARNs stack setting; for a nested "
    "stack, the AWS::CloudFormation::Stack property NotificationARNs) naming an SNS topic"
)


@rule("CloudFormation.1", "AWS::CloudFormation::Stack", fix=_FIX)
def stack_sends_notifications(stack: Resource, ctx: RuleContext) -> Verdict:
    """The stack has SNS notification ARNs: for a top-level stack, the `notificationArns` of
    its cloud assembly artifact (CDK `StackProps.notification_arns`); for a nested stack, the
    `NotificationARNs` property. With none, UNKNOWN: ARNs can still be given at deploy time
    (`cdk deploy --notification-arns`), so the control never fails from a template.
    """
    if stack.props.get("NotificationARNs"):
        return Verdict.passed()
    where = "the stack's notification ARNs" if stack.is_stack_itself else "NotificationARNs"
    return Verdict.unknown(
        f"{where} are empty here, and ARNs may still be given at deploy time",
        path="NotificationARNs",
        fix=_FIX,
    )
