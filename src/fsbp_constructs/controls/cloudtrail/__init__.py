"""AWS CloudTrail: CloudTrail.2, CloudTrail.4, CloudTrail.5."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from ...engine.registry import Remedy

control(
    "CloudTrail.2",
    "AWS::CloudTrail::Trail",
    check=prop("KMSKeyId", absent=FAILS).not_empty(),
    fix="set KMSKeyId to a KMS key (its ARN, alias or id) whose key policy lets CloudTrail "
    "encrypt with it",
    note="Without `KMSKeyId`, log files are encrypted with S3-managed keys (SSE-S3), which "
    "the control does not accept. A key known only at deploy time (`Fn::GetAtt`, an import) "
    "counts as set. Trails created outside the template (the account's organization trail) "
    "are not seen.",
)

control(
    "CloudTrail.4",
    "AWS::CloudTrail::Trail",
    check=prop("EnableLogFileValidation", absent=False).is_true(),
    fix="set EnableLogFileValidation to true",
    note="CloudFormation creates a trail without log file validation unless asked.",
    remedy=Remedy(
        {"EnableLogFileValidation": True},
        safe=False,
        breaks="Nothing stops working; CloudTrail writes a digest file per hour to the "
        "trail's bucket (a small S3 storage cost), and a bucket policy must let it write "
        "there (the one CloudTrail already uses for log files does).",
    ),
)

control(
    "CloudTrail.5",
    "AWS::CloudTrail::Trail",
    check=prop("CloudWatchLogsLogGroupArn", absent=FAILS).not_empty(),
    fix="set CloudWatchLogsLogGroupArn to a log group's ARN and CloudWatchLogsRoleArn to a "
    "role that CloudTrail can assume to write to it",
    note="The Config rule also fails a trail whose last delivery to CloudWatch Logs is more "
    "than a day old: that happens at run time (a wrong role) and is not seen here. A log "
    "group ARN known only at deploy time (`Fn::GetAtt`) counts as set.",
)
