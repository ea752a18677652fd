"""SecureRepository: ECR.1, ECR.2 and ECR.3 by default."""

from __future__ import annotations

from aws_cdk import aws_ecr as ecr
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ecr import SecureRepository
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureRepository(stack, "Repo")

    assert template_of(stack) == snapshot_json


def test_defaults_scan_on_push_immutable_tags_and_lifecycle_rule() -> None:
    _, stack = new_stack()
    SecureRepository(stack, "Repo")

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::ECR::Repository",
        {
            "ImageScanningConfiguration": {"ScanOnPush": True},
            "ImageTagMutability": "IMMUTABLE",
            "LifecyclePolicy": {
                "LifecyclePolicyText": Match.serialized_json(
                    {
                        "rules": [
                            {
                                "rulePriority": 1,
                                "description": "Expire untagged images after 30 days",
                                "selection": {
                                    "tagStatus": "untagged",
                                    "countType": "sinceImagePushed",
                                    "countNumber": 30,
                                    "countUnit": "days",
                                },
                                "action": {"type": "expire"},
                            }
                        ]
                    }
                )
            },
        },
    )


def test_user_lifecycle_rules_replace_the_default() -> None:
    _, stack = new_stack()
    SecureRepository(
        stack,
        "Repo",
        lifecycle_rules=[ecr.LifecycleRule(tag_status=ecr.TagStatus.ANY, max_image_count=50)],
    )

    text = Template.from_stack(stack).find_resources("AWS::ECR::Repository")
    policy = next(iter(text.values()))["Properties"]["LifecyclePolicy"]["LifecyclePolicyText"]
    assert '"countNumber":50' in policy
    assert "untagged" not in policy


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureRepository(stack, "Repo")

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("ECR.1", Status.PASS) == {"S/Repo/Resource"}
    assert result.resources("ECR.2", Status.PASS) == {"S/Repo/Resource"}


def test_pack_flags_scan_on_push_turned_off() -> None:
    app, stack = new_stack()
    SecureRepository(stack, "Repo", image_scan_on_push=False)

    result = check_app(app, controls=["ECR.1"])

    assert result.resources("ECR.1", Status.FAIL) == {"S/Repo/Resource"}
    assert result.reported() == {("FSBP-ECR.1", "error", "S/Repo/Resource")}


def test_pack_flags_mutable_tags() -> None:
    app, stack = new_stack()
    SecureRepository(stack, "Repo", image_tag_mutability=ecr.TagMutability.MUTABLE)

    result = check_app(app, controls=["ECR.2"])

    assert result.resources("ECR.2", Status.FAIL) == {"S/Repo/Resource"}
    assert result.reported() == {("FSBP-ECR.2", "error", "S/Repo/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureRepository(stack, "Repo")

    assert cfn_lint_errors(template_of(stack)) == []
