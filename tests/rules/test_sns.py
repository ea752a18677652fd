"""SNS.2 (retired) through the real plugin path: opt-in, then delivery-status logging."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV


def _app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    role = iam.Role(stack, "FeedbackRole", assumed_by=iam.ServicePrincipal("sns.amazonaws.com"))
    sns.Topic(
        stack,
        "Logged",
        logging_configs=[
            sns.LoggingConfig(
                protocol=sns.LoggingProtocol.SQS,
                failure_feedback_role=role,
                success_feedback_role=role,
                success_feedback_sample_rate=10,
            )
        ],
    )
    sns.Topic(stack, "NotLogged")
    sns.CfnTopic(
        stack,
        "L1Logged",
        delivery_status_logging=[
            sns.CfnTopic.LoggingConfigProperty(
                protocol="lambda", failure_feedback_role_arn=role.role_arn
            )
        ],
    )
    sns.CfnTopic(stack, "L1Empty", delivery_status_logging=[])
    return app


def test_sns_2_is_off_by_default() -> None:
    result = check_app(_app())

    assert not [f for f in result.findings if f.control.id == "SNS.2"]
    assert not [v for v in result.reported() if v[0] == "FSBP-SNS.2"]


@pytest.mark.parametrize(
    "options",
    [{"include_retired": True}, {"controls": ["SNS.2"]}],
    ids=["include_retired", "named"],
)
def test_sns_2_topic_without_delivery_status_logging_fails_when_enabled(
    options: dict[str, object],
) -> None:
    result = check_app(_app(), **options)

    failing = {"S/NotLogged/Resource", "S/L1Empty"}
    assert result.resources("SNS.2", Status.PASS) == {"S/Logged/Resource", "S/L1Logged"}
    assert result.resources("SNS.2", Status.FAIL) == failing
    assert {v for v in result.reported() if v[0] == "FSBP-SNS.2"} == {
        ("FSBP-SNS.2", "error", path) for path in failing
    }
    messages = {
        f.message for f in result.findings if f.control.id == "SNS.2" and f.status is Status.FAIL
    }
    assert all("control retired on 2024-04-10" in m for m in messages)
