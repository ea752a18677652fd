"""SecureBucket: S3.13 and the S3 basics by default."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.s3 import SecureBucket
from fsbp_constructs.testing import check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY, cfn_lint_errors, new_stack


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureBucket(stack, "Bucket")

    assert template_of(stack) == snapshot_json


def test_defaults_lifecycle_public_access_encryption_versioning_no_acls() -> None:
    _, stack = new_stack()
    SecureBucket(stack, "Bucket")

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::S3::Bucket",
        {
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "secure-bucket-defaults",
                        "Status": "Enabled",
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                        "NoncurrentVersionExpiration": {"NoncurrentDays": 90},
                    }
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "VersioningConfiguration": {"Status": "Enabled"},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        },
    )
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
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


def test_add_lifecycle_rule_keeps_the_default_rule() -> None:
    _, stack = new_stack()
    bucket = SecureBucket(stack, "Bucket")
    bucket.add_lifecycle_rule(id="logs", prefix="logs/", expiration=cdk.Duration.days(30))

    template = Template.from_stack(stack)
    (resource,) = template.find_resources("AWS::S3::Bucket").values()
    rules = resource["Properties"]["LifecycleConfiguration"]["Rules"]
    assert [r["Id"] for r in rules] == ["secure-bucket-defaults", "logs"]


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureBucket(stack, "Bucket")

    result = check_app(app, include_retired=True, strict=True)

    assert result.resources("S3.13", Status.PASS) == {"S/Bucket/Resource"}
    # The one gap: server access logging needs a log bucket to send to (issue 12 decides
    # how SecureBucket gets one); Security Hub reports it the same way.
    assert {(f.control.id, f.resource) for f in result.problems()} == {
        ("S3.9", "S/Bucket/Resource")
    }


def test_pack_flags_a_disabled_lifecycle_rule() -> None:
    app, stack = new_stack()
    SecureBucket(
        stack,
        "Bucket",
        lifecycle_rules=[s3.LifecycleRule(enabled=False, expiration=cdk.Duration.days(365))],
    )

    result = check_app(app, controls=["S3.13"])

    assert result.resources("S3.13", Status.FAIL) == {"S/Bucket/Resource"}
    assert result.reported() == {("FSBP-S3.13", "error", "S/Bucket/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureBucket(stack, "Bucket")

    assert cfn_lint_errors(template_of(stack)) == []


#: What ``cdk init`` writes since 2.60: log delivery by bucket policy, not by ACL (which the
#: ACL-less SecureBucket, S3.12, cannot take).
LOGS_BY_POLICY = {"@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True}


def test_a_given_log_bucket_closes_the_one_gap() -> None:
    app = new_app(context=LOGS_BY_POLICY)
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    logs = SecureBucket(stack, "Logs")
    SecureBucket(stack, "Data", server_access_logs_bucket=logs, server_access_logs_prefix="data/")

    result = check_app(app, include_retired=True, strict=True)

    for control in ("S3.2", "S3.3", "S3.5", "S3.6", "S3.8", "S3.9", "S3.12", "S3.13"):
        assert "S/Data/Resource" in result.resources(control, Status.PASS), control
    # The log bucket is the app's terminal bucket: its own logging is the acknowledged gap.
    assert {(f.control.id, f.resource) for f in result.problems()} == {("S3.9", "S/Logs/Resource")}


def test_pack_flags_a_grant_of_a_deny_listed_action_to_another_account() -> None:
    app, stack = new_stack()
    bucket = SecureBucket(stack, "Bucket")
    bucket.add_to_resource_policy(
        iam.PolicyStatement(
            actions=["s3:PutObjectAcl"],
            principals=[iam.AccountPrincipal("222222222222")],
            resources=[bucket.arn_for_objects("*")],
        )
    )
    bucket.grant_read(iam.AccountPrincipal("333333333333"))

    result = check_app(app, controls=["S3.6"])

    assert result.resources("S3.6", Status.FAIL) == {"S/Bucket/Resource"}
