"""Amazon Athena: Athena.4."""

from __future__ import annotations

from ...engine.checks import control, prop, unknown
from ...engine.registry import Remedy

control(
    "Athena.4",
    "AWS::Athena::WorkGroup",
    check=prop(
        "WorkGroupConfiguration.PublishCloudWatchMetricsEnabled",
        absent=unknown("Athena's default for a workgroup created without it, not documented"),
    ).is_true(),
    fix="set WorkGroupConfiguration.PublishCloudWatchMetricsEnabled to true",
    note="The Config rule fails a workgroup whose `PublishCloudWatchMetricsEnabled` is false; "
    "neither Athena's API reference nor CloudFormation's states the value when it is "
    "absent (open question: UNKNOWN).",
    remedy=Remedy(
        {"WorkGroupConfiguration.PublishCloudWatchMetricsEnabled": True},
        safe=True,
        breaks="Nothing: queries run as before, and Athena publishes its query metrics to "
        "CloudWatch as AWS-vended metrics, with no custom-metric charge.",
    ),
)
