"""AWS CloudFormation: a stack that resists deletion, and can report its events to SNS."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import aws_cdk as cdk
from constructs import Construct

__all__ = ["SecureStack"]

_SNS_TOPIC_ARN = re.compile(r"^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")


class SecureStack(cdk.Stack):
    """A ``cdk.Stack`` with termination protection; the SNS topics given for its events are checked.

    - ``termination_protection``: default ``True`` (CloudFormation.3). A protected stack
      cannot be deleted until the protection is turned off: pass ``False`` for throw-away
      stacks, and acknowledge ``FSBP::FSBP-CloudFormation.3`` on the stack with the reason.
    - ``notification_arns`` (optional; no default): the ARNs of the SNS topics that receive
      the stack's events. They meet CloudFormation.1, which AWS retired on 2024-04-10 and the
      pack checks only with ``include_retired=True``. CDK writes them into the cloud assembly
      manifest and the CDK CLI passes them to CloudFormation at deploy time; they are not
      template properties, so each must be a literal ARN string. A topic defined in this
      same stack cannot be used (it does not exist before the stack does): keep the topic in
      a separate, earlier stack or account.

    Takes every other prop of ``cdk.Stack``, passed unchanged.

    Example::

        SecureStack(app, "Api", env=env)
        SecureStack(app, "Jobs", env=env,
                    notification_arns=["arn:aws:sns:us-east-1:111111111111:stack-events"])

    :raises ValueError: when ``notification_arns`` is given but empty, or holds a token or a
        value that is not an SNS topic ARN.
    """

    def __init__(
        self,
        scope: Construct | None = None,
        id: str | None = None,
        *,
        notification_arns: Sequence[str] | None = None,
        termination_protection: bool = True,
        # The other props of cdk.Stack, passed unchanged (tests/constructs/test_signatures.py
        # keeps this list in sync with aws-cdk-lib).
        analytics_reporting: bool | None = None,
        cross_region_references: bool | None = None,
        description: str | None = None,
        env: cdk.Environment | dict[str, Any] | None = None,
        permissions_boundary: cdk.PermissionsBoundary | None = None,
        property_injectors: Sequence[cdk.IPropertyInjector] | None = None,
        stack_name: str | None = None,
        suppress_template_indentation: bool | None = None,
        synthesizer: cdk.IStackSynthesizer | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        props = dict(locals())  # first, before any other local variable exists
        for name in ("self", "scope", "id", "__class__"):
            props.pop(name, None)
        if notification_arns is not None:
            _check_arns(notification_arns)
            props["notification_arns"] = list(notification_arns)
        super().__init__(
            scope, id, **{name: value for name, value in props.items() if value is not None}
        )


def _check_arns(arns: Sequence[str]) -> None:
    if isinstance(arns, str):
        raise ValueError(
            f"SecureStack notification_arns must be a list of ARNs, not the string {arns!r}: "
            f"write notification_arns=[{arns!r}]"
        )
    if not arns:
        raise ValueError(
            "SecureStack notification_arns is empty: give at least one SNS topic ARN, e.g. "
            "notification_arns=['arn:aws:sns:us-east-1:111111111111:events'], or leave "
            "notification_arns out for a stack that sends its events nowhere"
        )
    for arn in arns:
        if cdk.Token.is_unresolved(arn):
            raise ValueError(
                f"SecureStack notification_arns holds a token ({arn}): notification ARNs are "
                "passed to CloudFormation at deploy time, outside the template, so write the "
                "topic ARN as a literal string"
            )
        if not _SNS_TOPIC_ARN.match(arn):
            raise ValueError(
                f"SecureStack notification_arns holds {arn!r}, which is not an SNS topic ARN: "
                "write arn:<partition>:sns:<region>:<account>:<topic name>"
            )
