"""ECR.1 and ECR.2 through the real plugin path: synth -> FsbpChecks -> CDK report."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ecr as ecr

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV


def test_ecr_1_scan_on_push_passes_and_default_fails() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Scanned", image_scan_on_push=True)
    ecr.Repository(stack, "Default")

    result = check_app(app, controls=["ECR.1"])

    assert result.resources("ECR.1", Status.PASS) == {"S/Scanned/Resource"}
    assert result.resources("ECR.1", Status.FAIL) == {"S/Default/Resource"}
    assert result.reported() == {("FSBP-ECR.1", "error", "S/Default/Resource")}
    assert result.error is not None


def test_ecr_1_registry_scanning_rule_in_the_app() -> None:
    app = new_app()
    registry = cdk.Stack(app, "Registry", env=ENV)
    ecr.CfnRegistryScanningConfiguration(
        registry,
        "Scanning",
        scan_type="BASIC",
        rules=[
            ecr.CfnRegistryScanningConfiguration.ScanningRuleProperty(
                scan_frequency="SCAN_ON_PUSH",
                repository_filters=[
                    ecr.CfnRegistryScanningConfiguration.RepositoryFilterProperty(
                        filter="team-*", filter_type="WILDCARD"
                    )
                ],
            )
        ],
    )
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Matched", repository_name="team-api")
    ecr.Repository(stack, "Other", repository_name="other-api")
    ecr.Repository(stack, "Generated")

    result = check_app(app, controls=["ECR.1"])

    assert result.resources("ECR.1", Status.PASS) == {"S/Matched/Resource"}
    assert result.resources("ECR.1", Status.FAIL) == {"S/Other/Resource"}
    assert result.resources("ECR.1", Status.UNKNOWN) == {"S/Generated/Resource"}
    assert ("FSBP-ECR.1", "warning", "S/Generated/Resource") in result.reported()


def test_ecr_1_registry_scanning_declared_by_parameter() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Default")

    result = check_app(
        app, controls=["ECR.1"], parameters={"ECR.1": {"registryScanningConfigured": True}}
    )

    assert result.resources("ECR.1", Status.PASS) == {"S/Default/Resource"}
    assert result.error is None


def test_ecr_2_only_immutable_passes() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Immutable", image_tag_mutability=ecr.TagMutability.IMMUTABLE)
    ecr.Repository(stack, "Mutable", image_tag_mutability=ecr.TagMutability.MUTABLE)
    ecr.Repository(stack, "Default")
    ecr.CfnRepository(
        stack,
        "WithExclusion",
        image_tag_mutability="IMMUTABLE_WITH_EXCLUSION",
        image_tag_mutability_exclusion_filters=[
            ecr.CfnRepository.ImageTagMutabilityExclusionFilterProperty(
                image_tag_mutability_exclusion_filter_type="WILDCARD",
                image_tag_mutability_exclusion_filter_value="latest",
            )
        ],
    )

    result = check_app(app, controls=["ECR.2"])

    assert result.resources("ECR.2", Status.PASS) == {"S/Immutable/Resource"}
    assert result.resources("ECR.2", Status.FAIL) == {
        "S/Mutable/Resource",
        "S/Default/Resource",
        "S/WithExclusion",
    }
    assert {v[2] for v in result.reported()} == {
        "S/Mutable/Resource",
        "S/Default/Resource",
        "S/WithExclusion",
    }
