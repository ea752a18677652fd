"""Elastic Load Balancing: ELB.12, ELB.13, ELB.14."""

from __future__ import annotations

import json
import re
from typing import Any

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import Undecidable, Unresolved, get, items

DESYNC = "routing.http.desync_mitigation_mode"


def _attribute(lb: Resource, key: str) -> tuple[str | None, Any]:
    for path, attribute in items(lb.properties, "LoadBalancerAttributes"):
        if get(attribute, "Key", where=path) == key:
            return f"{path}.Value", get(attribute, "Value", where=path)
    return None, None


@rule("ELB.12", "AWS::ElasticLoadBalancingV2::LoadBalancer")
def alb_desync_mitigation_is_defensive(lb: Resource, ctx: RuleContext) -> Verdict:
    """The `routing.http.desync_mitigation_mode` load balancer attribute is not `monitor`.
    Absent means `defensive`. Network and Gateway Load Balancers are not applicable.
    """
    lb_type = get(lb.properties, "Type") or "application"
    if lb_type != "application":
        return Verdict.not_applicable(f"a {lb_type} load balancer")
    path, mode = _attribute(lb, DESYNC)
    if mode == "monitor":
        return Verdict.failed(
            str(path),
            mode,
            f"set the {DESYNC} attribute to defensive or "
            "strictest (SecureApplicationLoadBalancer sets defensive)",
        )
    return Verdict.passed()


def _min_azs(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 6:
        raise ValueError(
            f"must be a whole number from 2 to 6 (Security Hub's range), not {value!r}"
        )
    return value


def _subnet_az(lb: Resource, ctx: RuleContext, subnet: Any) -> str | None:
    """The subnet's AZ (or a stand-in that differs per AZ), ``None`` when not knowable."""
    found = ctx.app.referenced_resource(lb.stack, subnet)
    if found is None or found[2].get("Type") != "AWS::EC2::Subnet":
        return None
    stack, _, definition = found
    props = definition.get("Properties") or {}
    az = stack.resolve(props.get("AvailabilityZone"))
    if isinstance(az, str):
        return az
    expr = az.expr if isinstance(az, Unresolved) else None
    # Fn::Select [n, Fn::GetAZs ''] in a Region-agnostic stack: distinct n, distinct AZs.
    if isinstance(expr, dict) and "Fn::Select" in expr:
        index, options = expr["Fn::Select"]
        if isinstance(options, dict) and "Fn::GetAZs" in options:
            return f"AZ #{index} of the stack's Region"
    if props.get("AvailabilityZoneId") is not None:
        az_id = stack.resolve(props["AvailabilityZoneId"])
        return az_id if isinstance(az_id, str) else None
    return None


@rule(
    "ELB.13",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    parameters=[
        Parameter(
            "minAvailabilityZones",
            default=2,
            description="Fewest distinct Availability Zones a load balancer must map (2-6).",
            parse=_min_azs,
        )
    ],
)
def load_balancer_spans_azs(lb: Resource, ctx: RuleContext) -> Verdict:
    """The subnets of `Subnets` or `SubnetMappings[].SubnetId` lie in at least
    `minAvailabilityZones` distinct Availability Zones, read from `AWS::EC2::Subnet`
    resources in the app (same stack, or a CDK cross-stack import). UNKNOWN when a subnet's
    AZ cannot be read there (an imported subnet id, a parameter).
    """
    minimum = ctx.param("minAvailabilityZones")
    subnets: list[tuple[str, Any]] = []
    raw = lb.properties.get("Subnets")
    if isinstance(raw, Unresolved):
        raise Undecidable("Subnets", raw.reason)
    for index, subnet in enumerate(raw or []):
        subnets.append((f"Subnets[{index}]", subnet))
    for path, mapping in items(lb.properties, "SubnetMappings"):
        subnets.append((f"{path}.SubnetId", mapping.get("SubnetId")))
    if not subnets:
        return Verdict.unknown("the load balancer names no subnets in the template", path="Subnets")
    zones: set[str] = set()
    unknown = []
    for path, subnet in subnets:
        zone = _subnet_az(lb, ctx, subnet)
        if zone is None:
            unknown.append(path)
        else:
            zones.add(zone)
    if len(zones) >= minimum:
        return Verdict.passed()
    if unknown:
        return Verdict.unknown(
            f"the Availability Zone of {', '.join(unknown)} is not in the app "
            f"({len(zones)} known zone(s), {minimum} needed)",
            path=unknown[0],
        )
    return Verdict.failed(
        "Subnets" if raw else "SubnetMappings",
        sorted(zones),
        f"place the load balancer in subnets of at least {minimum} Availability Zones "
        "(SecureApplicationLoadBalancer refuses fewer)",
    )


#: The Key of a desync attribute object and its Value `monitor`, in either order, with no
#: other object in between (the text of a custom resource's properties, JSON in JSON included).
_MONITOR = re.compile(
    r"elb\.http\.desyncmitigationmode[^{}]{0,40}?monitor"
    r"|monitor[^{}]{0,40}?elb\.http\.desyncmitigationmode"
)


@rule("ELB.14", "AWS::ElasticLoadBalancing::LoadBalancer")
def classic_lb_desync_mitigation_is_defensive(lb: Resource, ctx: RuleContext) -> Verdict:
    """A Classic Load Balancer starts with desync mitigation `defensive`, and CloudFormation has
    no property to change it; it fails only when a custom resource in the same template sets
    `elb.http.desyncmitigationmode` to `monitor` for it (naming it by `Ref` or by its literal
    `LoadBalancerName`). Out-of-band changes cannot be seen.
    """
    name = lb.properties.get("LoadBalancerName")
    for logical_id, definition in lb.stack.resources.items():
        kind = str(definition.get("Type", "")) if isinstance(definition, dict) else ""
        custom = kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource"
        if custom and _sets_monitor(definition, lb.logical_id, name):
            return Verdict.failed(
                f"custom resource {logical_id}",
                "monitor",
                "remove the override and leave the mode defensive",
            )
    return Verdict.passed()


def _sets_monitor(definition: dict[str, Any], lb_id: str, lb_name: object) -> bool:
    """A custom resource that sets the desync attribute to monitor and names this load balancer."""
    text = json.dumps(definition.get("Properties"))
    if not _MONITOR.search(text):
        return False
    if json.dumps({"Ref": lb_id}) in text:
        return True
    return isinstance(lb_name, str) and bool(
        re.search(rf"(?<![\w.-]){re.escape(lb_name)}(?![\w.-])", text)
    )
