"""SecureDeliveryStream: DataFirehose.1 (server-side encryption) by default."""

from __future__ import annotations

import inspect

from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk.assertions import Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs import SecureBucket, SecureDeliveryStream, SecureStream
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def _stream(stack: object, **props: object) -> SecureDeliveryStream:
    bucket = SecureBucket(stack, "Dest")  # type: ignore[arg-type]
    return SecureDeliveryStream(
        stack,  # type: ignore[arg-type]
        "Stream",
        destination=firehose.S3Bucket(bucket),
        **props,  # type: ignore[arg-type]
    )


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    _stream(stack)

    assert template_of(stack) == snapshot_json


def test_default_encryption_with_an_aws_owned_key() -> None:
    _, stack = new_stack()
    _stream(stack)

    Template.from_stack(stack).has_resource_properties(
        "AWS::KinesisFirehose::DeliveryStream",
        {"DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"}},
    )


def test_defaults_have_zero_findings_on_the_stream_with_every_control() -> None:
    app, stack = new_stack()
    _stream(stack)

    result = check_app(app, include_retired=True, strict=True)

    assert result.resources("DataFirehose.1", Status.PASS) == {"S/Stream/Resource"}
    # The destination SecureBucket keeps its one documented gap (its log bucket).
    assert {(f.control.id, f.resource) for f in result.problems()} == {("S3.9", "S/Dest/Resource")}


def test_a_kinesis_source_gets_no_encryption_and_is_unknown() -> None:
    app, stack = new_stack()
    source = SecureStream(stack, "Source")
    _stream(stack, source=firehose.KinesisStreamSource(source))

    template = Template.from_stack(stack)
    (props,) = [
        r["Properties"]
        for r in template.find_resources("AWS::KinesisFirehose::DeliveryStream").values()
    ]
    assert "DeliveryStreamEncryptionConfigurationInput" not in props
    result = check_app(app, controls=["DataFirehose.1", "Kinesis.1"])
    assert result.resources("DataFirehose.1", Status.UNKNOWN) == {"S/Stream/Resource"}
    assert result.resources("Kinesis.1", Status.PASS) == {"S/Source/Resource"}


def test_pack_flags_an_unencrypted_stream() -> None:
    app, stack = new_stack()
    _stream(stack, encryption=firehose.StreamEncryption.unencrypted())

    result = check_app(app, controls=["DataFirehose.1"])

    assert result.resources("DataFirehose.1", Status.FAIL) == {"S/Stream/Resource"}
    assert result.reported() == {("FSBP-DataFirehose.1", "error", "S/Stream/Resource")}


def test_signature_is_the_l2s() -> None:
    ours = inspect.signature(SecureDeliveryStream.__init__).parameters
    theirs = inspect.signature(firehose.DeliveryStream.__init__).parameters
    assert list(ours) == list(theirs)


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    _stream(stack)

    assert cfn_lint_errors(template_of(stack)) == []
