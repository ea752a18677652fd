"""AWS CloudFormation: CloudFormation.1 (retired), CloudFormation.3, CloudFormation.4."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule

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


# --------------------------------------------------------------------------- CloudFormation.3, .4
#
# Termination protection and the service role are settings of the stack, not of its template:
# a CDK deploy passes the cloud assembly's (`terminationProtection`, the synthesizer's
# `cloudFormationExecutionRoleArn`). A nested stack cannot set either: CloudFormation applies
# its root stack's, so a nested stack resource is judged on the settings of the stack it
# belongs to.

_NO_SETTINGS = "a stack setting that a bare template does not carry"


def _setting(stack: Resource, name: str) -> tuple[object, str]:
    """The stack setting ``name`` for the stack itself or a nested stack resource (its root's),
    and the path the verdict names."""
    value = (stack.stack.settings or {}).get(name)
    if stack.is_stack_itself:
        return value, name
    return value, f"{name} (of the root stack: a nested stack takes its root's)"


_PROTECT_FIX = (
    "enable termination protection on the stack (EnableTerminationProtection; for a nested "
    "stack, on its root stack)"
)


@rule("CloudFormation.3", "AWS::CloudFormation::Stack", fix=_PROTECT_FIX)
def stack_termination_protection(stack: Resource, ctx: RuleContext) -> Verdict:
    """Termination protection is on: for a top-level stack, the `terminationProtection` of its
    cloud assembly artifact (CDK `StackProps.termination_protection`, default false), which
    `cdk deploy` applies to the stack on every deploy; a nested stack takes its root
    stack's. A bare template carries no stack settings: UNKNOWN.

    Code, not a declaration: the value is a stack setting, not a template property.
    """
    if stack.stack.settings is None:
        return Verdict.unknown(_NO_SETTINGS, path="EnableTerminationProtection", fix=_PROTECT_FIX)
    value, where = _setting(stack, "EnableTerminationProtection")
    if value is True:
        return Verdict.passed()
    return Verdict(
        Status.FAIL,
        path=where,
        found=value,
        fix=_PROTECT_FIX,
        reason="termination protection is off, which is CloudFormation's default",
    )


_ROLE_FIX = (
    "deploy the stack with a service role (RoleARN: an IAM role CloudFormation assumes; CDK's "
    "default synthesizer passes its bootstrap cfn-exec role); a nested stack uses its root's"
)


@rule("CloudFormation.4", "AWS::CloudFormation::Stack", fix=_ROLE_FIX)
def stack_service_role(stack: Resource, ctx: RuleContext) -> Verdict:
    """The stack has a service role: for a top-level stack, the
    `cloudFormationExecutionRoleArn` of its cloud assembly artifact, which `cdk deploy`
    passes as the stack's role (CDK's default synthesizer names the bootstrap
    `cfn-exec-role`); a nested stack takes its root stack's. Without one (the CLI-credentials
    or legacy synthesizers), UNKNOWN: a role can still be given at deploy time
    (`cdk deploy --role-arn`), so the control never fails from a template. A bare template
    carries no stack settings: UNKNOWN.

    Code, not a declaration: the value is a stack setting, not a template property.
    """
    if stack.stack.settings is None:
        return Verdict.unknown(_NO_SETTINGS, path="RoleARN", fix=_ROLE_FIX)
    value, where = _setting(stack, "RoleARN")
    if isinstance(value, str) and value:
        return Verdict.passed()
    return Verdict.unknown(
        "the stack settings name no service role, and one may still be given at deploy time "
        "(cdk deploy --role-arn)",
        path=where,
        fix=_ROLE_FIX,
    )
