"""SecureTopic: a customer-managed key, TLS only, and SNS.2 delivery-status logging on request."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.sns import SecureTopic
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def _logging(stack: cdk.Stack) -> list[dict[str, Any]]:
    (topic,) = Template.from_stack(stack).find_resources("AWS::SNS::Topic").values()
    return list(topic["Properties"].get("DeliveryStatusLogging", []))


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureTopic(stack, "Topic")

    assert template_of(stack) == snapshot_json


def test_delivery_status_logging_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureTopic(
        stack,
        "Topic",
        delivery_status_logging=[sns.LoggingProtocol.SQS],
        delivery_status_success_sample_rate=10,
    )

    assert template_of(stack) == snapshot_json


def test_defaults_rotating_customer_managed_key_and_tls_only() -> None:
    _, stack = new_stack()
    SecureTopic(stack, "Topic")

    template = Template.from_stack(stack)
    (key_id,) = template.find_resources(
        "AWS::KMS::Key", {"Properties": {"EnableKeyRotation": True}}
    )
    assert key_id.startswith("TopicKey")
    template.has_resource_properties(
        "AWS::SNS::Topic", {"KmsMasterKeyId": {"Fn::GetAtt": [key_id, "Arn"]}}
    )
    template.has_resource_properties(
        "AWS::SNS::TopicPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Effect": "Deny",
                                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                            }
                        )
                    ]
                )
            }
        },
    )
    assert _logging(stack) == []


def test_publishing_services_are_granted_the_key() -> None:
    _, stack = new_stack()
    topic = SecureTopic(stack, "Topic")
    rule = events.Rule(stack, "Hourly", schedule=events.Schedule.rate(cdk.Duration.hours(1)))
    rule.add_target(targets.SnsTopic(topic))
    role = iam.Role(stack, "Publisher", assumed_by=iam.AccountRootPrincipal())
    topic.grant_publish(role)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::KMS::Key",
        {
            "KeyPolicy": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Principal": {"Service": "events.amazonaws.com"},
                                "Action": ["kms:Decrypt", "kms:GenerateDataKey*"],
                            }
                        )
                    ]
                )
            }
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [Match.object_like({"Action": ["kms:Decrypt", "kms:GenerateDataKey*"]})]
                )
            }
        },
    )


def test_delivery_status_logging_for_every_protocol() -> None:
    _, stack = new_stack()
    SecureTopic(stack, "Topic", delivery_status_logging=True)

    logging = _logging(stack)
    assert [c["Protocol"] for c in logging] == [
        "http/s",
        "sqs",
        "lambda",
        "firehose",
        "application",
    ]
    role = {"Fn::GetAtt": [Match.string_like_regexp("^TopicDeliveryStatusLoggingRole"), "Arn"]}
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::SNS::Topic",
        {
            "DeliveryStatusLogging": Match.array_with(
                [
                    {
                        "Protocol": "sqs",
                        "FailureFeedbackRoleArn": role,
                        "SuccessFeedbackRoleArn": role,
                    }
                ]
            )
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [Match.object_like({"Principal": {"Service": "sns.amazonaws.com"}})]
            }
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    Match.object_like(
                        {
                            "Resource": {
                                "Fn::Join": [
                                    "",
                                    [
                                        "arn:",
                                        {"Ref": "AWS::Partition"},
                                        ":logs:us-east-1:111111111111:log-group:sns/us-east-1/111111111111/*",
                                    ],
                                ]
                            }
                        }
                    )
                ]
            }
        },
    )


def test_defaults_have_zero_active_findings() -> None:
    app, stack = new_stack()
    SecureTopic(stack, "Topic")

    result = assert_compliant(app, strict=True)

    assert result.resources("SNS.2", Status.FAIL) == set()  # retired: off by default


def test_defaults_fail_only_the_retired_sns_2() -> None:
    # SNS.2 is retired and delivery-status logging costs CloudWatch Logs: it is opt-in.
    app, stack = new_stack()
    SecureTopic(stack, "Topic")

    result = check_app(app, include_retired=True)

    assert result.reported() == {("FSBP-SNS.2", "error", "S/Topic/Resource")}


def test_with_delivery_status_logging_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureTopic(stack, "Topic", delivery_status_logging=[sns.LoggingProtocol.LAMBDA])

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("SNS.2", Status.PASS) == {"S/Topic/Resource"}


def test_templates_pass_cfn_lint() -> None:
    _, stack = new_stack()
    SecureTopic(stack, "Plain")
    SecureTopic(
        stack, "Logged", delivery_status_logging=True, delivery_status_success_sample_rate=100
    )

    assert cfn_lint_errors(template_of(stack)) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"delivery_status_logging": "sqs"},
            r"delivery_status_logging must be True, False or a list of sns.LoggingProtocol, "
            r"not 'sqs'",
        ),
        (
            {"delivery_status_logging": [sns.LoggingProtocol.SQS, sns.LoggingProtocol.SQS]},
            r"names a protocol twice",
        ),
        (
            {"delivery_status_logging": True, "delivery_status_success_sample_rate": 150},
            r"whole percentage from 0 to 100, not 150",
        ),
        (
            {"delivery_status_success_sample_rate": 50},
            r"delivery_status_success_sample_rate needs delivery_status_logging",
        ),
        (
            {
                "delivery_status_logging": [sns.LoggingProtocol.SQS],
                "logging_configs": [sns.LoggingConfig(protocol=sns.LoggingProtocol.SQS)],
            },
            r"delivery status logging for SQS is given both",
        ),
    ],
)
def test_bad_logging_options_are_refused(options: dict[str, Any], message: str) -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=message):
        SecureTopic(stack, "Topic", **options)
