"""SecureApplicationLoadBalancer: ELB.12, ELB.13 (+ ELB.4, ELB.6), and ELB.17, ELB.21 for its
listeners and target groups; SecureNetworkLoadBalancer: ELB.13 (+ ELB.6)."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ec2 import SecureVpc
from fsbp_constructs.constructs.elb import SecureApplicationLoadBalancer, SecureNetworkLoadBalancer
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def _vpc(stack: cdk.Stack, max_azs: int = 2) -> ec2.Vpc:
    """A small VPC: public and isolated subnets in ``max_azs`` zones, no NAT gateway."""
    return SecureVpc(
        stack,
        "Vpc",
        max_azs=max_azs,
        nat_gateways=0,
        subnet_configuration=[
            ec2.SubnetConfiguration(
                name="public", subnet_type=ec2.SubnetType.PUBLIC, map_public_ip_on_launch=False
            ),
            ec2.SubnetConfiguration(name="private", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED),
        ],
    )


def _attributes(**expected: str) -> dict[str, object]:
    return {
        "LoadBalancerAttributes": Match.array_with(
            [{"Key": key, "Value": value} for key, value in expected.items()]
        )
    }


# --- snapshots, compliant properties, zero findings, cfn-lint -------------------------------


def test_alb_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureApplicationLoadBalancer(stack, "Alb", vpc=_vpc(stack), internet_facing=True)

    assert template_of(stack) == snapshot_json


def test_nlb_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureNetworkLoadBalancer(stack, "Nlb", vpc=_vpc(stack))

    assert template_of(stack) == snapshot_json


def test_alb_defaults_defensive_desync_drop_invalid_headers_deletion_protection() -> None:
    _, stack = new_stack()
    SecureApplicationLoadBalancer(stack, "Alb", vpc=_vpc(stack))

    Template.from_stack(stack).has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        _attributes(
            **{
                "deletion_protection.enabled": "true",
                "routing.http.drop_invalid_header_fields.enabled": "true",
                "routing.http.desync_mitigation_mode": "defensive",
            }
        ),
    )


def test_alb_strictest_desync_mode_is_an_option() -> None:
    app, stack = new_stack()
    SecureApplicationLoadBalancer(
        stack, "Alb", vpc=_vpc(stack), desync_mitigation_mode=elbv2.DesyncMitigationMode.STRICTEST
    )

    result = check_app(app, controls=["ELB.12"])

    assert result.resources("ELB.12", Status.PASS) == {"S/Alb/Resource"}
    Template.from_stack(stack).has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        _attributes(**{"routing.http.desync_mitigation_mode": "strictest"}),
    )


def test_nlb_defaults_deletion_protection() -> None:
    _, stack = new_stack()
    SecureNetworkLoadBalancer(stack, "Nlb", vpc=_vpc(stack))

    Template.from_stack(stack).has_resource_properties(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        {"Type": "network", **_attributes(**{"deletion_protection.enabled": "true"})},
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    vpc = _vpc(stack)
    SecureApplicationLoadBalancer(stack, "Public", vpc=vpc, internet_facing=True)
    SecureApplicationLoadBalancer(stack, "Internal", vpc=vpc)
    SecureNetworkLoadBalancer(stack, "Nlb", vpc=vpc)

    result = check_app(app, include_retired=True, strict=True)

    every = {"S/Public/Resource", "S/Internal/Resource", "S/Nlb/Resource"}
    # The one gap: access logs need a log bucket (issue 13 decides how the Secure load
    # balancers get one); Security Hub reports it the same way.
    assert {(f.control.id, f.resource) for f in result.problems()} == {
        ("ELB.5", "S/Public/Resource"),
        ("ELB.5", "S/Internal/Resource"),
    }
    assert result.resources("ELB.13", Status.PASS) == every
    assert result.resources("ELB.12", Status.PASS) == every - {"S/Nlb/Resource"}
    assert result.resources("ELB.12", Status.NOT_APPLICABLE) == {"S/Nlb/Resource"}


def test_templates_pass_cfn_lint() -> None:
    _, stack = new_stack()
    vpc = _vpc(stack)
    SecureApplicationLoadBalancer(stack, "Alb", vpc=vpc, internet_facing=True)
    SecureNetworkLoadBalancer(stack, "Nlb", vpc=vpc)

    assert cfn_lint_errors(template_of(stack)) == []


# --- overrides the pack reports -------------------------------------------------------------


def test_pack_flags_desync_monitor_mode() -> None:
    app, stack = new_stack()
    SecureApplicationLoadBalancer(
        stack, "Alb", vpc=_vpc(stack), desync_mitigation_mode=elbv2.DesyncMitigationMode.MONITOR
    )

    result = check_app(app, controls=["ELB.12"])

    assert result.resources("ELB.12", Status.FAIL) == {"S/Alb/Resource"}
    assert result.reported() == {("FSBP-ELB.12", "error", "S/Alb/Resource")}


def test_subnets_with_unknown_zones_are_left_to_the_pack() -> None:
    # An imported subnet without its AZ cannot be checked at construction: the pack warns.
    app, stack = new_stack()
    vpc = _vpc(stack)
    SecureApplicationLoadBalancer(
        stack,
        "Alb",
        vpc=vpc,
        vpc_subnets=ec2.SubnetSelection(
            subnets=[
                ec2.Subnet.from_subnet_id(stack, "A", "subnet-0aaaaaaaaaaaaaaaa"),
                ec2.Subnet.from_subnet_id(stack, "B", "subnet-0bbbbbbbbbbbbbbbb"),
            ]
        ),
    )

    result = check_app(app, controls=["ELB.13"])

    assert result.resources("ELB.13", Status.UNKNOWN) == {"S/Alb/Resource"}
    assert result.reported() == {("FSBP-ELB.13", "warning", "S/Alb/Resource")}


# --- listeners and target groups (ELB.17, ELB.21) -------------------------------------------

_CERT = "arn:aws:acm:us-east-1:111111111111:certificate/1111"


def _https_alb(stack: cdk.Stack, **listener: object) -> elbv2.ApplicationListener:
    alb = SecureApplicationLoadBalancer(stack, "Alb", vpc=_vpc(stack), internet_facing=True)
    return alb.add_listener(
        "Https",
        port=443,
        certificates=[elbv2.ListenerCertificate.from_arn(_CERT)],
        default_action=elbv2.ListenerAction.fixed_response(404),
        **listener,  # type: ignore[arg-type]
    )


def test_https_listeners_and_target_groups_meet_elb17_and_elb21() -> None:
    app, stack = new_stack()
    listener = _https_alb(stack)
    listener.add_targets("Web", port=443, protocol=elbv2.ApplicationProtocol.HTTPS, targets=[])

    result = check_app(app, controls=["ELB.17", "ELB.21"])

    assert result.resources("ELB.17", Status.PASS) == {"S/Alb/Https/Resource"}
    assert result.resources("ELB.21", Status.PASS) == {"S/Alb/Https/WebGroup/Resource"}
    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::Listener",
        {"SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
    )
    template.has_resource_properties(
        "AWS::ElasticLoadBalancingV2::TargetGroup", {"HealthCheckProtocol": "HTTPS"}
    )


def test_pack_flags_an_old_tls_policy_and_plain_health_checks() -> None:
    # An explicit policy wins; plain HTTP targets keep HTTP health checks (ELB.21 needs TLS
    # on the targets, which the construct cannot give).
    app, stack = new_stack()
    listener = _https_alb(stack, ssl_policy=elbv2.SslPolicy.TLS12)
    listener.add_targets("Web", port=8080, protocol=elbv2.ApplicationProtocol.HTTP, targets=[])

    result = check_app(app, controls=["ELB.17", "ELB.21"])

    assert result.resources("ELB.17", Status.FAIL) == {"S/Alb/Https/Resource"}
    assert result.resources("ELB.21", Status.FAIL) == {"S/Alb/Https/WebGroup/Resource"}


# --- values refused at construction ---------------------------------------------------------


def test_alb_in_a_single_zone_vpc_is_refused() -> None:
    _, stack = new_stack()
    with pytest.raises(
        ValueError,
        match=r"Application Load Balancer would have subnets in 1 "
        r"Availability Zone\(s\) \['dummy1a'\].*ELB\.13.*max_azs",
    ):
        SecureApplicationLoadBalancer(stack, "Alb", vpc=_vpc(stack, max_azs=1))


def test_alb_with_subnets_selected_in_one_zone_is_refused() -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=r"1 Availability Zone\(s\) \['dummy1b'\]"):
        SecureApplicationLoadBalancer(
            stack,
            "Alb",
            vpc=_vpc(stack),
            internet_facing=True,
            vpc_subnets={"availability_zones": ["dummy1b"]},
        )


def test_nlb_with_subnet_mappings_in_one_zone_is_refused() -> None:
    _, stack = new_stack()
    vpc = _vpc(stack)
    with pytest.raises(
        ValueError,
        match=r"Network Load Balancer would have subnets in 1 "
        r"Availability Zone\(s\) \['dummy1a'\]",
    ):
        SecureNetworkLoadBalancer(
            stack,
            "Nlb",
            vpc=vpc,
            subnet_mappings=[
                elbv2.SubnetMapping(subnet=vpc.isolated_subnets[0]),
                elbv2.SubnetMapping(subnet=vpc.public_subnets[0]),
            ],
        )
