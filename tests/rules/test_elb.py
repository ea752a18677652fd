"""ELB.12, ELB.13 and ELB.14 through the real plugin path."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancing as elb
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import custom_resources as cr

from fsbp_constructs import FsbpChecks, Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

PUBLIC = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC)


def _vpc(stack: cdk.Stack, max_azs: int = 2) -> ec2.Vpc:
    return ec2.Vpc(stack, "Vpc", max_azs=max_azs, nat_gateways=0)


# ---------------------------------------------------------------------------------------------
# ELB.12


def test_elb_12_desync_mitigation_mode() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = _vpc(stack)
    for construct_id, mode in (
        ("Monitor", elbv2.DesyncMitigationMode.MONITOR),
        ("Defensive", elbv2.DesyncMitigationMode.DEFENSIVE),
        ("Strictest", elbv2.DesyncMitigationMode.STRICTEST),
        ("Unset", None),
    ):
        elbv2.ApplicationLoadBalancer(
            stack, construct_id, vpc=vpc, vpc_subnets=PUBLIC, desync_mitigation_mode=mode
        )
    elbv2.NetworkLoadBalancer(stack, "Network", vpc=vpc, vpc_subnets=PUBLIC)
    elbv2.CfnLoadBalancer(
        stack,
        "Gateway",
        type="gateway",
        subnets=[vpc.public_subnets[0].subnet_id],
        load_balancer_attributes=[
            elbv2.CfnLoadBalancer.LoadBalancerAttributeProperty(
                key="routing.http.desync_mitigation_mode", value="monitor"
            )
        ],
    )

    result = check_app(app, controls=["ELB.12"])

    assert result.resources("ELB.12", Status.FAIL) == {"S/Monitor/Resource"}
    assert result.resources("ELB.12", Status.PASS) == {
        "S/Defensive/Resource",
        "S/Strictest/Resource",
        "S/Unset/Resource",
    }
    assert result.resources("ELB.12", Status.NOT_APPLICABLE) == {"S/Network/Resource", "S/Gateway"}
    assert result.reported() == {("FSBP-ELB.12", "error", "S/Monitor/Resource")}
    (failure,) = [f for f in result.findings if f.status is Status.FAIL]
    assert failure.verdict.path is not None
    assert failure.verdict.path.startswith("LoadBalancerAttributes[")
    assert failure.verdict.found == "monitor"


# ---------------------------------------------------------------------------------------------
# ELB.13


def _azs_app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = _vpc(stack, max_azs=3)
    subnets = vpc.public_subnets
    elbv2.ApplicationLoadBalancer(
        stack, "TwoAzs", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnets=subnets[:2])
    )
    elbv2.ApplicationLoadBalancer(stack, "ThreeAzs", vpc=vpc, vpc_subnets=PUBLIC)
    elbv2.NetworkLoadBalancer(
        stack, "OneSubnet", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnets=subnets[:1])
    )
    # Two subnets, one AZ: the public and the isolated subnet of the first AZ.
    elbv2.CfnLoadBalancer(
        stack,
        "SameAzMappings",
        type="network",
        subnet_mappings=[
            elbv2.CfnLoadBalancer.SubnetMappingProperty(subnet_id=s.subnet_id)
            for s in (subnets[0], vpc.isolated_subnets[0])
        ],
    )
    elbv2.ApplicationLoadBalancer(
        stack,
        "ImportedSubnets",
        vpc=vpc,
        vpc_subnets=ec2.SubnetSelection(
            subnets=[
                ec2.Subnet.from_subnet_id(stack, "ImportedA", "subnet-0aaaaaaaaaaaaaaaa"),
                ec2.Subnet.from_subnet_id(stack, "ImportedB", "subnet-0bbbbbbbbbbbbbbbb"),
            ]
        ),
    )
    elbv2.CfnLoadBalancer(
        stack,
        "StringIds",
        type="network",
        subnets=["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
    )
    elbv2.CfnLoadBalancer(
        stack,
        "OneKnownOneImported",
        type="network",
        subnets=[subnets[0].subnet_id, "subnet-0aaaaaaaaaaaaaaaa"],
    )
    elbv2.CfnLoadBalancer(
        stack,
        "TwoKnownOneImported",
        type="network",
        subnets=[subnets[0].subnet_id, subnets[1].subnet_id, "subnet-0aaaaaaaaaaaaaaaa"],
    )
    return app


def test_elb_13_default_needs_two_azs() -> None:
    result = check_app(_azs_app(), controls=["ELB.13"])

    assert result.resources("ELB.13", Status.PASS) == {
        "S/TwoAzs/Resource",
        "S/ThreeAzs/Resource",
        "S/TwoKnownOneImported",
    }
    assert result.resources("ELB.13", Status.FAIL) == {"S/OneSubnet/Resource", "S/SameAzMappings"}
    assert result.resources("ELB.13", Status.UNKNOWN) == {
        "S/ImportedSubnets/Resource",
        "S/StringIds",
        "S/OneKnownOneImported",
    }
    assert result.reported() == {
        ("FSBP-ELB.13", "error", "S/OneSubnet/Resource"),
        ("FSBP-ELB.13", "error", "S/SameAzMappings"),
        ("FSBP-ELB.13", "warning", "S/ImportedSubnets/Resource"),
        ("FSBP-ELB.13", "warning", "S/StringIds"),
        ("FSBP-ELB.13", "warning", "S/OneKnownOneImported"),
    }
    verdicts = {f.resource: f.verdict for f in result.findings}
    assert verdicts["S/SameAzMappings"].path == "SubnetMappings"
    assert verdicts["S/SameAzMappings"].found == ["dummy1a"]
    assert verdicts["S/OneKnownOneImported"].path == "Subnets[1]"


def test_elb_13_min_availability_zones_parameter() -> None:
    result = check_app(
        _azs_app(), controls=["ELB.13"], parameters={"ELB.13": {"minAvailabilityZones": 3}}
    )

    assert result.resources("ELB.13", Status.PASS) == {"S/ThreeAzs/Resource"}
    assert result.resources("ELB.13", Status.FAIL) == {
        "S/TwoAzs/Resource",
        "S/OneSubnet/Resource",
        "S/SameAzMappings",
    }
    assert result.resources("ELB.13", Status.UNKNOWN) == {
        "S/ImportedSubnets/Resource",
        "S/StringIds",
        "S/OneKnownOneImported",
        "S/TwoKnownOneImported",
    }


def test_elb_13_region_agnostic_stack_counts_distinct_get_azs_indexes() -> None:
    app = new_app()
    stack = cdk.Stack(app, "Agnostic")
    vpc = _vpc(stack)
    elbv2.ApplicationLoadBalancer(stack, "Spread", vpc=vpc, vpc_subnets=PUBLIC)
    elbv2.CfnLoadBalancer(
        stack,
        "SameIndex",
        type="network",
        subnets=[vpc.public_subnets[0].subnet_id, vpc.isolated_subnets[0].subnet_id],
    )

    result = check_app(app, controls=["ELB.13"])

    subnet = vpc.public_subnets[0].node.default_child
    assert isinstance(subnet, ec2.CfnSubnet)
    assert stack.resolve(subnet.availability_zone) == {"Fn::Select": [0, {"Fn::GetAZs": ""}]}
    assert result.resources("ELB.13", Status.PASS) == {"Agnostic/Spread/Resource"}
    assert result.resources("ELB.13", Status.FAIL) == {"Agnostic/SameIndex"}


def test_elb_13_subnets_from_another_stack() -> None:
    app = new_app()
    network = cdk.Stack(app, "Network", env=ENV)
    vpc = _vpc(network)
    stack = cdk.Stack(app, "S", env=ENV)
    elbv2.ApplicationLoadBalancer(stack, "Spread", vpc=vpc, vpc_subnets=PUBLIC)
    elbv2.NetworkLoadBalancer(
        stack, "OneSubnet", vpc=vpc, vpc_subnets=ec2.SubnetSelection(subnets=vpc.public_subnets[:1])
    )

    result = check_app(app, controls=["ELB.13"])

    lb = stack.node.find_child("Spread").node.default_child
    assert isinstance(lb, elbv2.CfnLoadBalancer)
    assert "Fn::ImportValue" in str(stack.resolve(lb.subnets))
    assert result.resources("ELB.13", Status.PASS) == {"S/Spread/Resource"}
    assert result.resources("ELB.13", Status.FAIL) == {"S/OneSubnet/Resource"}
    assert result.resources("ELB.13", Status.UNKNOWN) == set()


@pytest.mark.parametrize("bad", [1, 7, "2", 2.0, True])
def test_elb_13_bad_min_availability_zones_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="minAvailabilityZones") as raised:
        FsbpChecks(parameters={"ELB.13": {"minAvailabilityZones": bad}})
    assert repr(bad) in str(raised.value)
    assert "2 to 6" in str(raised.value)


# ---------------------------------------------------------------------------------------------
# ELB.14


def _set_desync_mode(
    stack: cdk.Stack, construct_id: str, load_balancer_name: str, mode: str
) -> None:
    call = cr.AwsSdkCall(
        service="ElasticLoadBalancing",
        action="modifyLoadBalancerAttributes",
        parameters={
            "LoadBalancerName": load_balancer_name,
            "LoadBalancerAttributes": {
                "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": mode}]
            },
        },
        physical_resource_id=cr.PhysicalResourceId.of(f"{construct_id}-desync"),
    )
    cr.AwsCustomResource(
        stack,
        construct_id,
        on_create=call,
        on_update=call,
        policy=cr.AwsCustomResourcePolicy.from_sdk_calls(
            resources=cr.AwsCustomResourcePolicy.ANY_RESOURCE
        ),
        install_latest_aws_sdk=False,
    )


def test_elb_14_custom_resource_setting_monitor_fails() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = _vpc(stack)
    subnet_ids = [s.subnet_id for s in vpc.public_subnets]
    elb.LoadBalancer(stack, "Untouched", vpc=vpc, internet_facing=True)
    elb.CfnLoadBalancer(
        stack,
        "L1",
        subnets=subnet_ids,
        listeners=[
            elb.CfnLoadBalancer.ListenersProperty(
                instance_port="80", load_balancer_port="80", protocol="HTTP"
            )
        ],
    )
    monitored = elb.LoadBalancer(stack, "Monitored", vpc=vpc, internet_facing=True)
    _set_desync_mode(stack, "MonitorMode", monitored.load_balancer_name, "monitor")
    defended = elb.LoadBalancer(stack, "Defended", vpc=vpc, internet_facing=True)
    _set_desync_mode(stack, "DefensiveMode", defended.load_balancer_name, "defensive")
    elb.CfnLoadBalancer(
        stack,
        "Named",
        load_balancer_name="legacy-web",
        subnets=subnet_ids,
        listeners=[
            elb.CfnLoadBalancer.ListenersProperty(
                instance_port="80", load_balancer_port="80", protocol="HTTP"
            )
        ],
    )
    _set_desync_mode(stack, "ByName", "legacy-web", "monitor")

    result = check_app(app, controls=["ELB.14"])

    assert result.resources("ELB.14", Status.PASS) == {
        "S/Untouched/Resource",
        "S/L1",
        "S/Defended/Resource",
    }
    assert result.resources("ELB.14", Status.FAIL) == {"S/Monitored/Resource", "S/Named"}
    assert result.reported() == {
        ("FSBP-ELB.14", "error", "S/Monitored/Resource"),
        ("FSBP-ELB.14", "error", "S/Named"),
    }
    verdicts = {f.resource: f.verdict for f in result.findings}
    assert str(verdicts["S/Monitored/Resource"].path).startswith("custom resource MonitorMode")
