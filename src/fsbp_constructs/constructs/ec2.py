"""Amazon EC2: a VPC with flow logs, private-by-default subnets and the interface endpoints
FSBP asks for, and a transit gateway that never accepts shared attachments on its own."""

from __future__ import annotations

from typing import Any

from aws_cdk import aws_ec2 as ec2
from constructs import Construct

from ..controls.ec2 import INTERFACE_ENDPOINTS
from ._props import merge_defaults, same_props_as

__all__ = [
    "FSBP_INTERFACE_ENDPOINTS",
    "SecureTransitGateway",
    "SecureVpc",
    "secure_vpc_defaults",
]

#: The interface endpoints FSBP asks every VPC to have, by control (from the EC2 controls).
FSBP_INTERFACE_ENDPOINTS: dict[str, ec2.InterfaceVpcEndpointAwsService] = {
    control: ec2.InterfaceVpcEndpointAwsService(service)
    for control, (service, _) in INTERFACE_ENDPOINTS.items()
}


def secure_vpc_defaults() -> dict[str, Any]:
    """The props :class:`SecureVpc` sets unless the caller gives them (the injector of
    ``ec2.Vpc`` sets the same)."""
    return {
        # EC2.6: every VPC records its traffic (here all of it, to CloudWatch Logs).
        "flow_logs": {
            "FlowLog": ec2.FlowLogOptions(traffic_type=ec2.FlowLogTrafficType.ALL),
        },
    }


def _subnets(nat_gateways: Any) -> list[ec2.SubnetConfiguration]:
    """aws-cdk-lib's default subnets (one public, one private per zone; private subnets are
    isolated without NAT gateways), except that public subnets give no public IP on their
    own (EC2.15)."""
    private = (
        ec2.SubnetType.PRIVATE_ISOLATED if nat_gateways == 0 else ec2.SubnetType.PRIVATE_WITH_EGRESS
    )
    return [
        ec2.SubnetConfiguration(
            name="Public", subnet_type=ec2.SubnetType.PUBLIC, map_public_ip_on_launch=False
        ),
        ec2.SubnetConfiguration(name="Private", subnet_type=private),
    ]


class SecureVpc(ec2.Vpc):
    """A VPC with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_ec2.Vpc`; these defaults differ:

    - ``flow_logs``: one flow log of ALL traffic to a new CloudWatch Logs log group (EC2.6).
      Costs CloudWatch Logs ingestion and storage for every accepted and rejected flow.
    - ``subnet_configuration``: aws-cdk-lib's default (a public and a private subnet per
      zone, named ``Public`` and ``Private``), with ``map_public_ip_on_launch=False`` on the
      public subnets (EC2.15): an instance there gets a public IP only when it asks for one
      (``associate_public_ip_address=True``). Giving ``subnet_configuration`` replaces this;
      set ``map_public_ip_on_launch=False`` on your public subnets to keep EC2.15.
    - Interface endpoints for EC2, ECR API, ECR Docker, Systems Manager, Incident Manager
      Contacts and Incident Manager (:data:`FSBP_INTERFACE_ENDPOINTS`: EC2.10, EC2.55,
      EC2.56, EC2.57, EC2.58, EC2.60), in the private subnets, with private DNS. They cost
      an hourly fee per endpoint and zone (six endpoints in two zones are twelve endpoint
      hours an hour) plus data processing. A VPC that does not want them is an ``ec2.Vpc``
      (``FsbpDefaults.inject(app)`` still gives it flow logs) with those controls
      acknowledged, with the reason: ``Acknowledge with 'FSBP::FSBP-EC2.55'``.

    Example::

        vpc = SecureVpc(stack, "Network", max_azs=2)
    """

    @same_props_as(ec2.Vpc)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        defaults = secure_vpc_defaults()
        defaults["subnet_configuration"] = _subnets(props.get("nat_gateways"))
        super().__init__(scope, id, **merge_defaults(defaults, props))
        for control, service in FSBP_INTERFACE_ENDPOINTS.items():
            self.add_interface_endpoint(f"Endpoint{control.replace('.', '')}", service=service)


class SecureTransitGateway(Construct):
    """An ``AWS::EC2::TransitGateway`` (aws-cdk-lib has no L2) with EC2.23 met by default.

    The ``ec2.CfnTransitGateway`` is the child ``Resource``
    (``node.default_child``, also :attr:`resource`).

    Secure defaults (any keyword given wins, and ``FsbpChecks`` flags a noncompliant choice):

    - ``auto_accept_shared_attachments``: ``"disable"`` (EC2.23: attachment requests from
      other accounts wait for an explicit accept).

    Every other keyword is a ``ec2.CfnTransitGateway`` property (``amazon_side_asn``,
    ``description``, ``dns_support``, ``tags``, ...), passed unchanged.

    Example::

        tgw = SecureTransitGateway(self, "Hub", description="shared network hub")
        ec2.CfnTransitGatewayAttachment(self, "Attach", transit_gateway_id=tgw.transit_gateway_id,
                                        vpc_id=vpc.vpc_id, subnet_ids=[...])
    """

    @same_props_as(ec2.CfnTransitGateway)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id)
        defaults: dict[str, Any] = {"auto_accept_shared_attachments": "disable"}
        given = {key: value for key, value in props.items() if value is not None}
        self.resource = ec2.CfnTransitGateway(self, "Resource", **{**defaults, **given})

    @property
    def transit_gateway_id(self) -> str:
        """The transit gateway id (``tgw-...``)."""
        return self.resource.attr_id

    @property
    def transit_gateway_arn(self) -> str:
        """The transit gateway ARN."""
        return self.resource.attr_transit_gateway_arn
