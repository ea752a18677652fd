"""Amazon EC2: a transit gateway that never accepts shared attachments on its own."""

from __future__ import annotations

from typing import Any

from aws_cdk import aws_ec2 as ec2
from constructs import Construct

from ._props import same_props_as

__all__ = ["SecureTransitGateway"]


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
