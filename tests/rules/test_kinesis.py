"""Kinesis.1 through the real plugin path, including CDK's Region condition on encryption."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kms as kms

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

#: The condition aws-cdk-lib puts around StreamEncryption in Region-agnostic stacks.
REGION_CONDITION = "AwsCdkKinesisEncryptedStreamsUnsupportedRegions"


def test_kinesis_1_kms_passes_and_no_encryption_fails() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    kinesis.Stream(
        stack,
        "CustomerKey",
        encryption=kinesis.StreamEncryption.KMS,
        encryption_key=kms.Key(stack, "Key"),
    )
    kinesis.Stream(stack, "Managed", encryption=kinesis.StreamEncryption.MANAGED)
    kinesis.Stream(stack, "Unencrypted", encryption=kinesis.StreamEncryption.UNENCRYPTED)
    kinesis.CfnStream(
        stack,
        "L1Encrypted",
        shard_count=1,
        stream_encryption=kinesis.CfnStream.StreamEncryptionProperty(
            encryption_type="KMS", key_id="alias/aws/kinesis"
        ),
    )
    kinesis.CfnStream(stack, "L1Plain", shard_count=1)

    result = check_app(app, controls=["Kinesis.1"])

    assert result.resources("Kinesis.1", Status.PASS) == {
        "S/CustomerKey/Resource",
        "S/Managed/Resource",
        "S/L1Encrypted",
    }
    assert result.resources("Kinesis.1", Status.FAIL) == {"S/Unencrypted/Resource", "S/L1Plain"}
    assert result.reported() == {
        ("FSBP-Kinesis.1", "error", "S/Unencrypted/Resource"),
        ("FSBP-Kinesis.1", "error", "S/L1Plain"),
    }


def test_kinesis_1_region_condition_is_unknown_without_a_region() -> None:
    app = new_app()
    stack = cdk.Stack(app, "Agnostic")
    kinesis.Stream(stack, "Stream")

    result = check_app(app, controls=["Kinesis.1"])

    assert result.resources("Kinesis.1", Status.UNKNOWN) == {"Agnostic/Stream/Resource"}
    assert result.resources("Kinesis.1", Status.PASS) == set()
    assert result.resources("Kinesis.1", Status.FAIL) == set()
    assert result.reported() == {("FSBP-Kinesis.1", "warning", "Agnostic/Stream/Resource")}
    assert result.error is None
    (finding,) = result.findings
    assert REGION_CONDITION in finding.verdict.detail
    assert f"FAIL when {REGION_CONDITION}=True" in finding.verdict.detail
    assert f"PASS when {REGION_CONDITION}=False" in finding.verdict.detail


def test_kinesis_1_region_condition_is_decided_from_the_stack_region() -> None:
    app = new_app()
    us = cdk.Stack(app, "Us", env=ENV)
    kinesis.Stream(us, "Stream")
    china = cdk.Stack(
        app, "China", env=cdk.Environment(account="111111111111", region="cn-north-1")
    )
    kinesis.Stream(china, "Stream")

    result = check_app(app, controls=["Kinesis.1"])

    assert result.resources("Kinesis.1", Status.PASS) == {"Us/Stream/Resource"}
    # The condition holds in cn-north-1 (a Region CDK lists as lacking Kinesis SSE), where
    # StreamEncryption becomes AWS::NoValue.
    assert result.resources("Kinesis.1", Status.FAIL) == {"China/Stream/Resource"}
    assert result.resources("Kinesis.1", Status.UNKNOWN) == set()
    assert result.reported() == {("FSBP-Kinesis.1", "error", "China/Stream/Resource")}
    # Both templates carry the condition: the verdicts come from deciding it, not from CDK
    # leaving it out.
    for finding in result.findings:
        assert REGION_CONDITION in finding.stack.template["Conditions"]
        (resource,) = finding.stack.resources.values()
        assert resource["Properties"]["StreamEncryption"]["Fn::If"][0] == REGION_CONDITION
