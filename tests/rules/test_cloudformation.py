"""CloudFormation.1 (retired, stack-level) through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_sns as sns

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

OPS_TOPIC = "arn:aws:sns:us-east-1:111111111111:ops"
NESTED_WITH = "Silent/NestedWith.NestedStack/NestedWith.NestedStackResource"
NESTED_WITHOUT = "Silent/NestedWithout.NestedStack/NestedWithout.NestedStackResource"


def _app() -> cdk.App:
    app = new_app()
    notified = cdk.Stack(app, "Notified", env=ENV, notification_arns=[OPS_TOPIC])
    sns.Topic(notified, "Topic")
    silent = cdk.Stack(app, "Silent", env=ENV)
    sns.Topic(silent, "Topic")
    sns.Topic(cdk.NestedStack(silent, "NestedWith", notification_arns=[OPS_TOPIC]), "Topic")
    sns.Topic(cdk.NestedStack(silent, "NestedWithout"), "Topic")
    return app


def test_cloudformation_1_notification_arns_of_stacks_and_nested_stacks() -> None:
    result = check_app(_app(), controls=["CloudFormation.1"])

    assert result.resources("CloudFormation.1", Status.PASS) == {"Notified", NESTED_WITH}
    assert result.resources("CloudFormation.1", Status.UNKNOWN) == {"Silent", NESTED_WITHOUT}
    assert result.resources("CloudFormation.1", Status.FAIL) == set()
    # Nested stacks are judged by their AWS::CloudFormation::Stack resource in the parent only.
    assert len([f for f in result.findings if f.control.id == "CloudFormation.1"]) == 4
    assert result.reported() == {
        ("FSBP-CloudFormation.1", "warning", "Silent"),
        ("FSBP-CloudFormation.1", "warning", NESTED_WITHOUT),
    }
    assert result.error is None
    (stack_finding,) = [
        f for f in result.findings if f.control.id == "CloudFormation.1" and f.resource == "Silent"
    ]
    assert "control retired on 2024-04-10" in stack_finding.message
    assert "deploy time" in stack_finding.message


def test_cloudformation_1_unknown_is_an_error_when_strict() -> None:
    result = check_app(_app(), controls=["CloudFormation.1"], strict=True)

    assert result.reported() == {
        ("FSBP-CloudFormation.1", "error", "Silent"),
        ("FSBP-CloudFormation.1", "error", NESTED_WITHOUT),
    }
    assert result.error is not None


def test_cloudformation_1_is_off_by_default() -> None:
    default = check_app(_app())
    assert not [f for f in default.findings if f.control.id == "CloudFormation.1"]

    retired = check_app(_app(), include_retired=True)
    assert retired.resources("CloudFormation.1", Status.UNKNOWN) == {"Silent", NESTED_WITHOUT}
