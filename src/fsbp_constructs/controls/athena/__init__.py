"""Amazon Athena: Athena.4."""

from __future__ import annotations

from ...engine.checks import control, prop, unknown

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
)
