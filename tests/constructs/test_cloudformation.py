"""SecureStack: CloudFormation.3, and the notification ARNs of the retired CloudFormation.1."""

from __future__ import annotations

import json
import re
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_sns as sns
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.cloudformation import SecureStack
from fsbp_constructs.testing import assert_compliant, check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY, cfn_lint_errors


def _secure_stack() -> tuple[cdk.App, SecureStack]:
    app = new_app()
    stack = SecureStack(app, "S", env=ENV, notification_arns=NOTIFY)
    cdk.CfnWaitConditionHandle(stack, "Placeholder")
    return app, stack


def _manifest_properties(app: cdk.App, stack_name: str) -> dict[str, object]:
    manifest = json.loads((Path(app.synth().directory) / "manifest.json").read_text())
    return dict(manifest["artifacts"][stack_name]["properties"])


def test_template_and_manifest_snapshot(snapshot_json: SnapshotAssertion) -> None:
    app, stack = _secure_stack()

    properties = _manifest_properties(app, "S")
    properties.pop("templateFile")
    url = str(properties.pop("stackTemplateAssetObjectUrl"))
    assert re.fullmatch(r"s3://cdk-hnb659fds-assets-111111111111-us-east-1/[0-9a-f]{64}\.json", url)
    assert {"template": template_of(stack), "manifest": properties} == snapshot_json


def test_notification_arns_and_termination_protection_reach_the_manifest() -> None:
    app, _ = _secure_stack()

    properties = _manifest_properties(app, "S")

    assert properties["notificationArns"] == NOTIFY
    assert properties["terminationProtection"] is True


def test_termination_protection_can_be_turned_off() -> None:
    app = new_app()
    stack = SecureStack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=False)
    cdk.CfnWaitConditionHandle(stack, "Placeholder")

    assert _manifest_properties(app, "S")["terminationProtection"] is False


def test_secure_stack_has_zero_findings_with_every_control() -> None:
    app, _ = _secure_stack()

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("CloudFormation.1", Status.PASS) == {"S"}


def test_pack_warns_on_a_plain_stack_beside_it() -> None:
    app, _ = _secure_stack()
    plain = cdk.Stack(app, "Plain", env=ENV)
    cdk.CfnWaitConditionHandle(plain, "Placeholder")

    result = check_app(app, controls=["CloudFormation.1"])

    assert result.resources("CloudFormation.1", Status.PASS) == {"S"}
    assert result.resources("CloudFormation.1", Status.UNKNOWN) == {"Plain"}
    assert result.reported() == {("FSBP-CloudFormation.1", "warning", "Plain")}


def test_without_notification_arns_it_meets_every_active_control() -> None:
    """The ARNs are for CloudFormation.1 alone, which AWS retired: a SecureStack needs none."""

    def app_without_arns() -> cdk.App:
        app = new_app()
        cdk.CfnWaitConditionHandle(SecureStack(app, "S", env=ENV), "Placeholder")
        return app

    app = app_without_arns()
    properties = _manifest_properties(app, "S")
    result = assert_compliant(app, strict=True)

    assert "notificationArns" not in properties
    assert properties["terminationProtection"] is True
    assert result.resources("CloudFormation.3", Status.PASS) == {"S"}
    # The retired control, if run, cannot decide: `cdk deploy --notification-arns` may add them.
    retired = check_app(app_without_arns(), controls=["CloudFormation.1"], include_retired=True)
    assert retired.resources("CloudFormation.1", Status.UNKNOWN) == {"S"}


def test_empty_notification_arns_are_refused() -> None:
    with pytest.raises(ValueError, match=r"notification_arns is empty: .* or leave"):
        SecureStack(new_app(), "S", env=ENV, notification_arns=[])


def test_a_topic_arn_token_is_refused() -> None:
    app = new_app()
    other = cdk.Stack(app, "Other", env=ENV)
    topic = sns.Topic(other, "Events")
    with pytest.raises(ValueError, match=r"holds a token .*literal string"):
        SecureStack(app, "S", env=ENV, notification_arns=[topic.topic_arn])


@pytest.mark.parametrize("arn", ["stack-events", "arn:aws:sqs:us-east-1:111111111111:queue"])
def test_a_value_that_is_not_a_topic_arn_is_refused(arn: str) -> None:
    with pytest.raises(ValueError, match=rf"holds '{arn}', which is not an SNS topic ARN"):
        SecureStack(new_app(), "S", env=ENV, notification_arns=[arn])


def test_a_single_string_is_refused() -> None:
    with pytest.raises(ValueError, match=r"must be a list of ARNs, not the string"):
        SecureStack(new_app(), "S", env=ENV, notification_arns=NOTIFY[0])


def test_template_passes_cfn_lint() -> None:
    _, stack = _secure_stack()

    assert cfn_lint_errors(template_of(stack)) == []
