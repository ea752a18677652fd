"""What the ELB modules share: resource types, the Application Load Balancer scope, and the
zone count of a load balancer's subnets (ELB.10, ELB.13)."""

from __future__ import annotations

import json
from typing import Any

from ...engine.checks import prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict
from ...engine.values import Undecidable, Unresolved
from .._subnets import subnet_zone

__all__ = ["CLB", "IS_ALB", "LISTENER", "V2", "spans_zones"]

V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
CLB = "AWS::ElasticLoadBalancing::LoadBalancer"
LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
IS_ALB = prop("Type", absent="application").equals("application")


def spans_zones(
    lb: Resource, ctx: RuleContext, minimum: int, zones: dict[str, set[str]]
) -> Verdict:
    """The zones of the load balancer's `Subnets` and `SubnetMappings` (added to ``zones``,
    which may already hold zones named otherwise) number at least ``minimum``."""
    subnets: list[tuple[str, Any]] = []
    listed = lb.props.shallow("Subnets")
    if listed is not None and not isinstance(listed, list):
        raise Undecidable("Subnets", f"a value that is not a list ({listed!r})")
    subnets += [(f"Subnets[{i}]", s) for i, s in enumerate(listed or [])]
    for mapping in lb.props.items("SubnetMappings"):
        subnets.append((f"{mapping.path}.SubnetId", mapping.shallow().get("SubnetId")))
    if not subnets and not any(zones.values()):
        return Verdict.unknown(
            "the subnets, as the load balancer names none in the template", path="Subnets"
        )
    unknown: list[tuple[str, str]] = []
    for path, subnet in subnets:
        target = ctx.app.referenced(lb.stack, subnet)
        if target is None:
            what = subnet.reason if isinstance(subnet, Unresolved) else json.dumps(subnet)
            unknown.append((path, f"a subnet the app does not declare ({what})"))
            continue
        if target.type != "AWS::EC2::Subnet":
            unknown.append((path, f"{target.logical_id} is not an AWS::EC2::Subnet"))
            continue
        try:
            kind, zone = subnet_zone(target)
        except Undecidable as error:
            unknown.append((path, f"subnet {target.logical_id}: {error}"))
            continue
        zones[kind].add(zone)
    # Zones named in different ways may coincide: at least the largest kind, at most all.
    fewest = max(len(z) for z in zones.values())
    most = sum(len(z) for z in zones.values())
    if fewest >= minimum:
        return Verdict.passed()
    if unknown or most >= minimum:
        if unknown:
            where, why = unknown[0]
            what = f"the Availability Zone of {where}: {why}"
        else:
            where = "Subnets" if listed else "SubnetMappings"
            what = "whether zones named in different ways (name, id, Fn::GetAZs index) coincide"
        return Verdict.unknown(
            f"{what} ({fewest} distinct zone(s) known, {minimum} needed)", path=where
        )
    return Verdict.failed(
        "Subnets" if listed else "SubnetMappings",
        sorted(set().union(*zones.values())),
        f"place the load balancer in subnets of at least {minimum} Availability Zones",
    )
