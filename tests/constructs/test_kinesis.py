"""SecureStream: Kinesis.1 with a customer-managed key that rotates."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.kinesis import SecureStream
from fsbp_constructs.testing import assert_compliant, check_app, new_app, template_of
from tests.conftest import NOTIFY, cfn_lint_errors, new_stack


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureStream(stack, "Stream")

    assert template_of(stack) == snapshot_json


def test_defaults_customer_managed_key_with_rotation() -> None:
    _, stack = new_stack()
    SecureStream(stack, "Stream")

    template = Template.from_stack(stack)
    keys = template.find_resources("AWS::KMS::Key", {"Properties": {"EnableKeyRotation": True}})
    (key_id,) = keys
    template.has_resource_properties(
        "AWS::Kinesis::Stream",
        {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": {"Fn::GetAtt": [key_id, "Arn"]}}},
    )


def test_region_agnostic_stack_has_no_region_condition() -> None:
    # aws-cdk-lib wraps the default encryption in a Region condition only when encryption is
    # unset; SecureStream always sets it, so the template states it plainly.
    app = new_app()
    stack = cdk.Stack(app, "Agnostic", notification_arns=NOTIFY, termination_protection=True)
    SecureStream(stack, "Stream")
    kinesis.Stream(stack, "Plain")

    template = template_of(stack)
    props = template["Resources"]
    secure = next(
        v
        for k, v in props.items()
        if k.startswith("Stream") and v["Type"] == "AWS::Kinesis::Stream"
    )
    plain = next(v for k, v in props.items() if k.startswith("Plain"))
    assert secure["Properties"]["StreamEncryption"]["EncryptionType"] == "KMS"
    assert "Fn::If" in plain["Properties"]["StreamEncryption"]  # what SecureStream avoids
    assert list(template["Conditions"]) == ["AwsCdkKinesisEncryptedStreamsUnsupportedRegions"]


def test_aws_managed_key_is_an_option() -> None:
    app, stack = new_stack()
    SecureStream(stack, "Stream", encryption=kinesis.StreamEncryption.MANAGED)

    result = check_app(app, controls=["Kinesis.1"])

    assert result.resources("Kinesis.1", Status.PASS) == {"S/Stream/Resource"}
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Kinesis::Stream",
        {"StreamEncryption": {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}},
    )
    template.resource_count_is("AWS::KMS::Key", 0)


def test_given_key_is_used_as_is() -> None:
    _, stack = new_stack()
    key = kms.Key(stack, "MyKey", enable_key_rotation=False)
    SecureStream(stack, "Stream", encryption_key=key)

    template = Template.from_stack(stack)
    template.resource_count_is("AWS::KMS::Key", 1)
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": False})


def test_grants_cover_the_created_key() -> None:
    _, stack = new_stack()
    stream = SecureStream(stack, "Stream")
    role = iam.Role(stack, "Producer", assumed_by=iam.AccountRootPrincipal())
    stream.grant_write(role)

    Template.from_stack(stack).has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        Match.object_like(
                            {
                                "Action": Match.array_with(["kms:Encrypt", "kms:GenerateDataKey*"]),
                                "Resource": {
                                    "Fn::GetAtt": [Match.string_like_regexp("^StreamKey"), "Arn"]
                                },
                            }
                        )
                    ]
                )
            }
        },
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureStream(stack, "Stream")

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("Kinesis.1", Status.PASS) == {"S/Stream/Resource"}


def test_pack_flags_an_unencrypted_stream() -> None:
    app, stack = new_stack()
    SecureStream(stack, "Stream", encryption=kinesis.StreamEncryption.UNENCRYPTED)

    result = check_app(app, controls=["Kinesis.1"])

    assert result.resources("Kinesis.1", Status.FAIL) == {"S/Stream/Resource"}
    assert result.reported() == {("FSBP-Kinesis.1", "error", "S/Stream/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureStream(stack, "Stream")

    assert cfn_lint_errors(template_of(stack)) == []
