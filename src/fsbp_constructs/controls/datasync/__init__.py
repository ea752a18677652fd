"""AWS DataSync: DataSync.1."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule

_FIX = (
    "set CloudWatchLogGroupArn to a CloudWatch Logs log group (and Options.LogLevel to "
    "BASIC or TRANSFER)"
)


@rule("DataSync.1", "AWS::DataSync::Task", fix=_FIX)
def task_logs(task: Resource, ctx: RuleContext) -> Verdict:
    """`CloudWatchLogGroupArn` is set; absent means the task sends no logs. Only its presence
    counts: a log group ARN known only at deploy time (a `Fn::GetAtt`) passes.
    `Options.LogLevel` is not judged (Security Hub sets no level to compare with). No
    remedy: a log group (and its resource policy for DataSync) must be chosen.

    Code, not a declaration: `prop(...).present()` reads the value, so a deploy-time ARN
    would make it UNKNOWN; this reads presence only (`View.has`).
    """
    if task.props.has("CloudWatchLogGroupArn"):
        return Verdict.passed()
    return Verdict(
        Status.FAIL, path="CloudWatchLogGroupArn", fix=_FIX, reason="absent: no log group"
    )
