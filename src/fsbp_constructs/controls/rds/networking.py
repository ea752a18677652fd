"""RDS network paths: TLS to DB proxies (RDS.43) and instances in public subnets (RDS.46)."""

from __future__ import annotations

from ...engine.checks import control, prop
from ...engine.model import Resource, Target
from ...engine.registry import (
    Remedy,
    RuleContext,
    Status,
    Verdict,
    rule,
)
from ...engine.values import Kind, Undecidable, Unresolved
from ._shared import (
    INSTANCE,
)

# --------------------------------------------------------------------------- RDS.43

control(
    "RDS.43",
    "AWS::RDS::DBProxy",
    check=prop("RequireTLS", absent=False).is_true(),
    fix="set RequireTLS to true",
    remedy=Remedy(
        {"RequireTLS": True},
        safe=False,
        breaks="Clients that connect to the proxy without TLS are refused.",
    ),
)


# --------------------------------------------------------------------------- RDS.46

_SUBNET_FIX = (
    "name a DB subnet group (DBSubnetGroupName) whose subnets' route tables send 0.0.0.0/0 "
    "and ::/0 to no internet gateway (private subnets, e.g. through a NAT gateway)"
)
_ANY = ("0.0.0.0/0", "::/0")


def _routes_to_internet_gateway(subnet: Target, ctx: RuleContext) -> bool:
    """Whether a route table associated with ``subnet`` (in the app) sends 0.0.0.0/0 or ::/0
    to an internet gateway; raises :class:`Undecidable` when the template cannot tell."""
    associations = [
        r.source
        for r in ctx.app.referrers(subnet, "AWS::EC2::SubnetRouteTableAssociation")
        if r.path == "SubnetId"
    ]
    if not associations:
        raise Undecidable(
            f"{subnet.logical_id}",
            "the routes of the VPC's main route table, which the subnet uses without a "
            "SubnetRouteTableAssociation in the app",
            Kind.RESOURCE_ID,
        )
    for association in associations:
        table = ctx.app.follow(association, "RouteTableId")
        if table is None:
            raise Undecidable(
                f"{association.logical_id}.RouteTableId",
                "the routes of a route table outside the template",
                Kind.RESOURCE_ID,
            )
        for reference in ctx.app.referrers(table, "AWS::EC2::Route"):
            route = reference.source
            if reference.path != "RouteTableId":
                continue
            destinations = {
                route.props.get(key)
                for key in ("DestinationCidrBlock", "DestinationIpv6CidrBlock")
                if route.props.has(key)
            }
            if not destinations & set(_ANY) or not route.props.has("GatewayId"):
                continue
            gateway = ctx.app.follow(route, "GatewayId")
            if gateway is not None:
                if gateway.type == "AWS::EC2::InternetGateway":
                    return True
                continue
            if str(route.props.get("GatewayId")).startswith("igw-"):
                return True
    return False


@rule("RDS.46", INSTANCE, fix=_SUBNET_FIX)
def instance_not_in_public_subnet(instance: Resource, ctx: RuleContext) -> Verdict:
    """No subnet of the instance's DB subnet group (`DBSubnetGroupName`, or its DB cluster's
    for an instance of a cluster) has a route table in the app (`AWS::EC2::SubnetRouteTable
    Association`) with a route (`AWS::EC2::Route`) for `0.0.0.0/0` or `::/0` whose `GatewayId`
    is an internet gateway (an `AWS::EC2::InternetGateway` of the app, or an `igw-` id).
    Without any subnet group the instance goes to the default VPC, whose default subnets route
    to its internet gateway: FAIL. A subnet group, subnet or route table outside the app, or a
    subnet without an association in the app (the VPC's main route table), is UNKNOWN unless
    another subnet already fails.

    Code, not a declaration: the routes are on other resources (subnet group, subnets, route
    tables, routes).
    """
    holder: Resource | Target = instance
    if not instance.props.has("DBSubnetGroupName") and instance.props.has("DBClusterIdentifier"):
        cluster = ctx.app.follow(instance, "DBClusterIdentifier")
        if cluster is None:
            raise Undecidable(
                "DBClusterIdentifier",
                "the subnet group of a DB cluster outside the template",
                Kind.RESOURCE_ID,
            )
        holder = cluster
    if not holder.props.has("DBSubnetGroupName"):
        return Verdict(
            Status.FAIL,
            path="DBSubnetGroupName",
            found=None,
            reason="absent: the default VPC, whose default subnets route to its internet gateway",
        )
    group = ctx.app.follow(holder, "DBSubnetGroupName")
    if group is None:
        name = holder.props.get("DBSubnetGroupName")
        raise Undecidable(
            "DBSubnetGroupName",
            f"the subnets of a DB subnet group outside the template ({name!r})",
            Kind.RESOURCE_ID,
        )
    subnets = group.props.shallow("SubnetIds")
    if not isinstance(subnets, list):
        raise Undecidable(
            f"{group.logical_id}.SubnetIds", f"a value that is not a list ({subnets!r})"
        )
    undecided: Undecidable | None = None
    for index, subnet in enumerate(subnets):
        path = f"DBSubnetGroupName ({group.logical_id}.SubnetIds[{index}])"
        target = ctx.app.referenced(group.stack, subnet)
        if target is None or target.type != "AWS::EC2::Subnet":
            what = subnet.reason if isinstance(subnet, Unresolved) else repr(subnet)
            undecided = undecided or Undecidable(
                path, f"the routes of a subnet outside the template ({what})", Kind.RESOURCE_ID
            )
            continue
        try:
            public = _routes_to_internet_gateway(target, ctx)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if public:
            return Verdict(
                Status.FAIL,
                path=path,
                found=target.logical_id,
                reason="its route table sends 0.0.0.0/0 or ::/0 to an internet gateway",
            )
    if undecided is not None:
        raise undecided
    return Verdict.passed()
