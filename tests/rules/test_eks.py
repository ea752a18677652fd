"""EKS.2 through the real plugin path, with its oldestVersionSupported parameter."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_eks as eks
from aws_cdk import aws_eks_v2 as eks_v2
from aws_cdk import aws_lambda as lambda_

from fsbp_constructs import FsbpChecks, Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV


def _app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc_config = eks.CfnCluster.ResourcesVpcConfigProperty(
        subnet_ids=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    )
    role = "arn:aws:iam::111111111111:role/eks-cluster"
    for construct_id, version in (
        ("V133", "1.33"),
        ("V134", "1.34"),
        ("V135", "1.35"),
        ("V210", "2.10"),
        ("Unset", None),
    ):
        eks.CfnCluster(
            stack, construct_id, role_arn=role, resources_vpc_config=vpc_config, version=version
        )
    return app


def test_eks_2_default_threshold_is_1_34() -> None:
    result = check_app(_app(), controls=["EKS.2"])

    assert result.resources("EKS.2", Status.PASS) == {"S/V134", "S/V135", "S/V210"}
    assert result.resources("EKS.2", Status.FAIL) == {"S/V133"}
    assert result.resources("EKS.2", Status.UNKNOWN) == {"S/Unset"}
    assert result.reported() == {
        ("FSBP-EKS.2", "error", "S/V133"),
        ("FSBP-EKS.2", "warning", "S/Unset"),
    }
    (failure,) = [f for f in result.findings if f.status is Status.FAIL]
    assert "Version is '1.33'" in failure.message
    assert failure.verdict.fix is not None and "1.34 or later" in failure.verdict.fix


def test_eks_2_threshold_parameter() -> None:
    result = check_app(
        _app(), controls=["EKS.2"], parameters={"EKS.2": {"oldestVersionSupported": "1.35"}}
    )

    assert result.resources("EKS.2", Status.PASS) == {"S/V135", "S/V210"}
    assert result.resources("EKS.2", Status.FAIL) == {"S/V133", "S/V134"}
    assert result.resources("EKS.2", Status.UNKNOWN) == {"S/Unset"}
    assert result.reported() == {
        ("FSBP-EKS.2", "error", "S/V133"),
        ("FSBP-EKS.2", "error", "S/V134"),
        ("FSBP-EKS.2", "warning", "S/Unset"),
    }


def test_eks_2_l2_clusters() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1)
    eks_v2.Cluster(stack, "V2Old", vpc=vpc, version=eks_v2.KubernetesVersion.of("1.33"))
    eks_v2.Cluster(stack, "V2Current", vpc=vpc, version=eks_v2.KubernetesVersion.of("1.34"))
    # aws_eks.Cluster creates the cluster through a custom resource, not AWS::EKS::Cluster.
    layer = lambda_.LayerVersion.from_layer_version_arn(
        stack, "Kubectl", "arn:aws:lambda:us-east-1:111111111111:layer:kubectl:1"
    )
    eks.Cluster(
        stack,
        "V1Old",
        vpc=vpc,
        version=eks.KubernetesVersion.of("1.33"),
        default_capacity=0,
        kubectl_layer=layer,
    )

    result = check_app(app, controls=["EKS.2"])

    assert result.resources("EKS.2", Status.PASS) == {"S/V2Current/Resource"}
    assert result.resources("EKS.2", Status.FAIL) == {
        "S/V2Old/Resource",
        "S/V1Old/Resource/Resource/Default",
    }
    assert result.reported() == {
        ("FSBP-EKS.2", "error", "S/V2Old/Resource"),
        ("FSBP-EKS.2", "error", "S/V1Old/Resource/Resource/Default"),
    }
    v1 = next(f for f in result.findings if f.status is Status.FAIL and "V1Old" in f.resource)
    assert (v1.verdict.path, v1.verdict.found) == ("Config.version", "1.33")


@pytest.mark.parametrize("bad", ["1.x", 1.34, 1, "1", "v1.34", None])
def test_eks_2_bad_threshold_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="oldestVersionSupported") as raised:
        FsbpChecks(parameters={"EKS.2": {"oldestVersionSupported": bad}})
    assert repr(bad) in str(raised.value)
    assert "'1.34'" in str(raised.value)
