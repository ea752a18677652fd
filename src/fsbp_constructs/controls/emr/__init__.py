"""Amazon EMR: EMR.1, EMR.3, EMR.4."""

from __future__ import annotations

import json
from typing import Any

from ...engine.cidr import is_world
from ...engine.model import Resource, Target
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Kind, Undecidable, Unresolved, View, as_bool

_ENCRYPTION = "SecurityConfiguration.EncryptionConfiguration"


def _encryption(config: Resource) -> View:
    """The `EncryptionConfiguration` of the security configuration, which CloudFormation
    accepts as a JSON object or as a JSON string; values inside that the template cannot
    decide (a key ARN) stay unread until asked for."""
    document = config.props.shallow("SecurityConfiguration")
    if isinstance(document, str):
        try:
            parsed = json.loads(document)
        except ValueError:
            raise Undecidable(
                "SecurityConfiguration", "a SecurityConfiguration string that is not JSON"
            ) from None
        inner = parsed.get("EncryptionConfiguration") if isinstance(parsed, dict) else None
        return View(inner if isinstance(inner, dict) else {}, _ENCRYPTION)
    found = config.props.at(_ENCRYPTION) if isinstance(document, dict) else None
    return found if found is not None else View({}, _ENCRYPTION)


def _flag(config: Resource, name: str, fix: str) -> Verdict:
    path = f"{_ENCRYPTION}.{name}"
    value = _encryption(config).get(name)
    if value is None:
        return Verdict(Status.FAIL, path=path, fix=fix, reason="absent means false")
    flag = as_bool(value)
    if flag is None:
        raise Undecidable(path, f"a value that is not a boolean ({value!r})")
    return Verdict.passed() if flag else Verdict.failed(path, value, fix)


_REST_FIX = (
    "set SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption to true, with "
    "AtRestEncryptionConfiguration (S3 and local disk encryption)"
)
_TRANSIT_FIX = (
    "set SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption to true, "
    "with InTransitEncryptionConfiguration (TLS certificates)"
)


@rule("EMR.3", "AWS::EMR::SecurityConfiguration", fix=_REST_FIX)
def security_configuration_encrypts_at_rest(config: Resource, ctx: RuleContext) -> Verdict:
    """`SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption` is true; absent
    means false. The document may be a JSON object or a JSON string. No remedy: the flag
    needs `AtRestEncryptionConfiguration` with the user's choice of keys.

    Code, not a declaration: CloudFormation also accepts the document as a JSON string.
    """
    return _flag(config, "EnableAtRestEncryption", _REST_FIX)


@rule("EMR.4", "AWS::EMR::SecurityConfiguration", fix=_TRANSIT_FIX)
def security_configuration_encrypts_in_transit(config: Resource, ctx: RuleContext) -> Verdict:
    """`SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption` is true;
    absent means false. The document may be a JSON object or a JSON string. No remedy: the
    flag needs `InTransitEncryptionConfiguration` with the user's TLS certificates.

    Code, not a declaration: CloudFormation also accepts the document as a JSON string.
    """
    return _flag(config, "EnableInTransitEncryption", _TRANSIT_FIX)


# --------------------------------------------------------------------------- EMR.1

_PUBLIC_FIX = (
    "launch the cluster into a private subnet: set Instances.Ec2SubnetId (or every item of "
    "Instances.Ec2SubnetIds) to a subnet whose default route (0.0.0.0/0) goes to a NAT "
    "gateway or nowhere, not to an internet gateway, and whose MapPublicIpOnLaunch is false"
)


def _subnet_is_public(cluster: Resource, path: str, value: Any, ctx: RuleContext) -> bool:
    """Whether the subnet at ``path`` gives the primary node a public IP address: it maps
    public IPs on launch, or its route table sends 0.0.0.0/0 to an internet gateway (EMR
    gives nodes in a public subnet a public address). Raises ``Undecidable``."""
    subnet = ctx.app.referenced(cluster.stack, value)
    if subnet is None or subnet.type != "AWS::EC2::Subnet":
        if isinstance(value, Unresolved):
            raise Undecidable.of(path, value)
        raise Undecidable(
            path,
            f"the subnet {value!r}, which is not in the app (public or private)",
            Kind.RESOURCE_ID,
        )
    if as_bool(subnet.props.get("MapPublicIpOnLaunch")):
        return True
    tables: list[Target] = []
    for ref in ctx.app.referrers(subnet, "AWS::EC2::SubnetRouteTableAssociation"):
        table = ctx.app.follow(ref.source, "RouteTableId")
        if table is None:
            raise Undecidable(
                f"{path} (AWS::EC2::SubnetRouteTableAssociation.RouteTableId)",
                "a route table that is not in the app",
            )
        tables.append(table)
    if not tables:
        raise Undecidable(
            path,
            "the VPC's main route table, which the subnet uses without an association",
        )
    for table in tables:
        for ref in ctx.app.referrers(table, "AWS::EC2::Route"):
            route = ref.source.props
            if not is_world(route.get("DestinationCidrBlock"), "DestinationCidrBlock"):
                continue
            if route.has("GatewayId"):
                gateway = ctx.app.follow(ref.source, "GatewayId")
                if gateway is not None:
                    if gateway.type == "AWS::EC2::InternetGateway":
                        return True
                    continue
                name = route.get("GatewayId")
                if isinstance(name, str) and name.startswith("igw-"):
                    return True
    return False


@rule("EMR.1", "AWS::EMR::Cluster", fix=_PUBLIC_FIX)
def cluster_primary_node_is_private(cluster: Resource, ctx: RuleContext) -> Verdict:
    """The cluster's subnet (`Instances.Ec2SubnetId`, or each of `Instances.Ec2SubnetIds`
    for instance fleets) is a private subnet of the app: an `AWS::EC2::Subnet` with
    `MapPublicIpOnLaunch` not true whose route table (`AWS::EC2::SubnetRouteTableAssociation`)
    sends `0.0.0.0/0` to no `AWS::EC2::InternetGateway` (a NAT gateway, or no default route,
    passes). A public subnet fails: EMR gives the primary node a public IP address there. No
    subnet fails: EMR then launches into the default VPC, whose subnets are public
    (conservative verdict). A subnet given by id, or one without a route table association
    (the VPC's main route table decides), is UNKNOWN. No remedy: the subnet is the user's
    choice of network.

    Code, not a declaration: it follows the subnet to its route table and routes.
    """
    subnets: list[tuple[str, Any]] = []
    if cluster.props.has("Instances.Ec2SubnetId"):
        marker = cluster.props.unresolved("Instances.Ec2SubnetId")
        single = marker if marker is not None else cluster.props.get("Instances.Ec2SubnetId")
        subnets.append(("Instances.Ec2SubnetId", single))
    else:
        many = cluster.props.shallow("Instances.Ec2SubnetIds")
        if isinstance(many, list):
            subnets.extend((f"Instances.Ec2SubnetIds[{i}]", v) for i, v in enumerate(many))
        elif many is not None:
            raise Undecidable("Instances.Ec2SubnetIds", f"a value that is not a list ({many!r})")
    if not subnets:
        return Verdict(
            Status.FAIL,
            path="Instances.Ec2SubnetId",
            fix=_PUBLIC_FIX,
            reason="absent: EMR launches into the default VPC, whose subnets are public",
        )
    undecided = Undecided()
    for path, value in subnets:
        try:
            if _subnet_is_public(cluster, path, value, ctx):
                return Verdict(
                    Status.FAIL,
                    path=path,
                    fix=_PUBLIC_FIX,
                    reason="a public subnet: the primary node gets a public IP address",
                )
        except Undecidable as error:
            undecided.keep(error)
    undecided.reraise()
    return Verdict.passed()
