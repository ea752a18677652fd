"""``FsbpDefaults.inject`` for the storage and streaming L2s (issue 12): s3.Bucket,
efs.FileSystem and kinesis.Stream get the same defaults as SecureBucket, SecureFileSystem and
SecureStream."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_efs as efs
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3

from fsbp_constructs import FsbpDefaults, Status
from fsbp_constructs.constructs import SecureBucket, SecureFileSystem, SecureStream
from fsbp_constructs.defaults.injectors import INJECTED
from fsbp_constructs.hints import cdk_hint
from fsbp_constructs.testing import check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY

SERVICES = ("S3.", "EFS.", "Kinesis.")
#: The storage controls the injectors carry, derived from their table.
CARRIED = sorted(
    {c for entry in INJECTED for c in entry.settings.meets.values() if c.startswith(SERVICES)}
)


def _vpc(stack: cdk.Stack) -> ec2.IVpc:
    return ec2.Vpc.from_vpc_attributes(
        stack,
        "Vpc",
        vpc_id="vpc-12345678",
        availability_zones=["us-east-1a", "us-east-1b"],
        private_subnet_ids=["subnet-1111aaaa", "subnet-2222bbbb"],
    )


def storage_app(*, injected: bool) -> cdk.App:
    app = new_app()
    if injected:
        FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    s3.Bucket(stack, "Files")
    efs.FileSystem(stack, "Shared", vpc=_vpc(stack))
    kinesis.Stream(stack, "Events")
    return app


def test_the_table_carries_the_storage_controls() -> None:
    assert {"S3.5", "S3.8", "S3.12", "S3.13", "EFS.1", "EFS.2", "EFS.7", "EFS.8"} <= set(CARRIED)
    assert {"Kinesis.1", "Kinesis.3"} <= set(CARRIED)


def test_injected_storage_l2s_pass_every_carried_control() -> None:
    plain = check_app(storage_app(injected=False), controls=CARRIED)
    injected = check_app(storage_app(injected=True), controls=CARRIED)

    failing = {f.control.id for f in plain.findings if f.status is not Status.PASS}
    assert failing >= {"S3.5", "S3.13", "EFS.7", "Kinesis.3"}, failing
    problems = [f"{f.control.id} {f.resource}: {f.verdict.detail}" for f in injected.problems()]
    assert problems == []
    passed = {f.control.id for f in injected.findings if f.status is Status.PASS}
    assert passed == set(CARRIED)


def test_injected_storage_l2s_under_the_whole_pack_leave_only_the_log_bucket_gap() -> None:
    result = check_app(storage_app(injected=True), include_retired=True, strict=True)

    mine = {
        (f.control.id, f.resource) for f in result.problems() if f.control.id.startswith(SERVICES)
    }
    # Server access logging needs a log bucket that only the app can name (as SecureBucket).
    assert mine == {("S3.9", "S/Files/Resource")}


@pytest.mark.parametrize(
    ("secure", "plain", "resource_type", "extra"),
    [
        (SecureBucket, s3.Bucket, "AWS::S3::Bucket", False),
        (SecureFileSystem, efs.FileSystem, "AWS::EFS::FileSystem", True),
        (SecureStream, kinesis.Stream, "AWS::Kinesis::Stream", False),
    ],
    ids=["s3.Bucket", "efs.FileSystem", "kinesis.Stream"],
)
def test_injected_and_secure_constructs_share_one_definition(
    secure: type, plain: type, resource_type: str, extra: bool
) -> None:
    app = new_app()
    secure_stack = cdk.Stack(app, "Secure", env=ENV)
    secure(secure_stack, "It", **({"vpc": _vpc(secure_stack)} if extra else {}))
    scope = cdk.Stage(app, "Injected")
    FsbpDefaults.inject(scope)
    plain_stack = cdk.Stack(scope, "Plain", env=ENV)
    plain(plain_stack, "It", **({"vpc": _vpc(plain_stack)} if extra else {}))

    def props(stack: cdk.Stack) -> object:
        resources = template_of(stack)["Resources"].values()
        (found,) = [r for r in resources if r["Type"] == resource_type]
        # EFS names a file system after its construct path, which differs between the two.
        return {k: v for k, v in found["Properties"].items() if k != "FileSystemTags"}

    assert props(secure_stack) == props(plain_stack)


def test_an_explicit_prop_wins_over_the_injected_default() -> None:
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = _vpc(stack)
    efs.FileSystem(stack, "Backed", vpc=vpc)
    efs.FileSystem(stack, "Unbacked", vpc=vpc, enable_automatic_backups=False)

    result = check_app(app, controls=["EFS.7"])

    assert result.resources("EFS.7", Status.PASS) == {"S/Backed/Resource"}
    assert result.resources("EFS.7", Status.FAIL) == {"S/Unbacked/Resource"}


def test_cdk_hints_name_the_storage_settings() -> None:
    hint = cdk_hint("EFS.7", "AWS::EFS::FileSystem")
    assert hint is not None and "efs.FileSystem(enable_automatic_backups=True)" in hint
    assert "SecureFileSystem" in hint
    hint = cdk_hint("S3.5", "AWS::S3::Bucket")
    assert hint is not None and "s3.Bucket(enforce_ssl=True)" in hint
