"""SecureEksCluster and supported_kubernetes_version: EKS.2 at construction (+ EKS.1/.3/.8)."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_eks as eks
from aws_cdk.assertions import Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.eks import SecureEksCluster, supported_kubernetes_version
from fsbp_constructs.controls.eks import OLDEST_SUPPORTED_VERSION
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack_with_vpc


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureEksCluster(stack, "Cluster", version=OLDEST_SUPPORTED_VERSION, vpc=vpc)

    assert template_of(stack) == snapshot_json


def test_supported_version_private_endpoint_encrypted_secrets_and_logs() -> None:
    _, stack, vpc = new_stack_with_vpc()
    cluster = SecureEksCluster(stack, "Cluster", version=eks.KubernetesVersion.V1_35, vpc=vpc)
    key = cluster.secrets_encryption_key.node.default_child
    assert isinstance(key, cdk.CfnElement)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::EKS::Cluster",
        {
            "Version": "1.35",
            "ResourcesVpcConfig": {
                "SubnetIds": ["subnet-1111aaaa", "subnet-2222bbbb"],
                "EndpointPublicAccess": False,
                "EndpointPrivateAccess": True,
            },
            "EncryptionConfig": [
                {
                    "Resources": ["secrets"],
                    "Provider": {
                        "KeyArn": {
                            "Fn::GetAtt": [
                                stack.get_logical_id(key),
                                "Arn",
                            ]
                        }
                    },
                }
            ],
            "Logging": {
                "ClusterLogging": {
                    "EnabledTypes": [
                        {"Type": t}
                        for t in ("api", "audit", "authenticator", "controllerManager", "scheduler")
                    ]
                }
            },
        },
    )
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [
                    {
                        "Action": "sts:AssumeRole",
                        "Effect": "Allow",
                        "Principal": {"Service": "eks.amazonaws.com"},
                    }
                ],
                "Version": "2012-10-17",
            }
        },
    )
    assert cluster.node.default_child is cluster.resource


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureEksCluster(stack, "Cluster", version=OLDEST_SUPPORTED_VERSION, vpc=vpc)

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("EKS.2", Status.PASS) == {"S/Cluster/Resource"}


def test_pack_flags_a_lowered_minimum() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureEksCluster(stack, "Cluster", version="1.31", oldest_supported_version="1.30", vpc=vpc)

    result = check_app(app, controls=["EKS.2"])

    assert result.resources("EKS.2", Status.FAIL) == {"S/Cluster/Resource"}
    assert result.reported() == {("FSBP-EKS.2", "error", "S/Cluster/Resource")}


@pytest.mark.parametrize("version", ["1.29", eks.KubernetesVersion.V1_33])
def test_version_below_the_minimum_is_refused(version: str | eks.KubernetesVersion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    text = version if isinstance(version, str) else version.version
    with pytest.raises(
        ValueError,
        match=rf"version {text} is older than "
        rf"{OLDEST_SUPPORTED_VERSION}.*EKS\.2",
    ):
        SecureEksCluster(stack, "Cluster", version=version, vpc=vpc)


def test_malformed_version_is_refused() -> None:
    _, stack, vpc = new_stack_with_vpc()
    with pytest.raises(ValueError, match="'latest' is not a Kubernetes version"):
        SecureEksCluster(stack, "Cluster", version="latest", vpc=vpc)


def test_helper_returns_a_version_for_any_cluster_construct() -> None:
    assert (
        supported_kubernetes_version(OLDEST_SUPPORTED_VERSION).version == OLDEST_SUPPORTED_VERSION
    )
    lowered = {"oldest_supported_version": "1.30"}
    assert supported_kubernetes_version(" 1.31 ", **lowered).version == "1.31"
    assert supported_kubernetes_version(eks.KubernetesVersion.V1_30, **lowered).version == "1.30"
    with pytest.raises(ValueError, match=r"version 1\.35 is older than 1\.36"):
        supported_kubernetes_version("1.35", oldest_supported_version="1.36")


def test_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureEksCluster(stack, "Cluster", version=OLDEST_SUPPORTED_VERSION, vpc=vpc)

    assert cfn_lint_errors(template_of(stack)) == []
