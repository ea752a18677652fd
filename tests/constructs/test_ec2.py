"""SecureTransitGateway: EC2.23 (no auto-accept of shared attachments)."""

from __future__ import annotations

from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ec2 import SecureTransitGateway
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureTransitGateway(stack, "Hub", description="shared hub")

    assert template_of(stack) == snapshot_json


def test_auto_accept_disabled_and_other_props_passed() -> None:
    _, stack = new_stack()
    hub = SecureTransitGateway(stack, "Hub", amazon_side_asn=64512, dns_support="enable")

    Template.from_stack(stack).has_resource_properties(
        "AWS::EC2::TransitGateway",
        {"AutoAcceptSharedAttachments": "disable", "AmazonSideAsn": 64512, "DnsSupport": "enable"},
    )
    assert hub.node.default_child is hub.resource
    assert isinstance(hub.resource, ec2.CfnTransitGateway)
    logical_id = stack.get_logical_id(hub.resource)
    assert stack.resolve(hub.transit_gateway_id) == {"Fn::GetAtt": [logical_id, "Id"]}
    assert stack.resolve(hub.transit_gateway_arn) == {
        "Fn::GetAtt": [logical_id, "TransitGatewayArn"]
    }


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureTransitGateway(stack, "Hub")

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("EC2.23", Status.PASS) == {"S/Hub/Resource"}


def test_pack_flags_auto_accept_enabled() -> None:
    app, stack = new_stack()
    SecureTransitGateway(stack, "Hub", auto_accept_shared_attachments="enable")

    result = check_app(app, controls=["EC2.23"])

    assert result.resources("EC2.23", Status.FAIL) == {"S/Hub/Resource"}
    assert result.reported() == {("FSBP-EC2.23", "error", "S/Hub/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureTransitGateway(stack, "Hub", description="shared hub")

    assert cfn_lint_errors(template_of(stack)) == []
