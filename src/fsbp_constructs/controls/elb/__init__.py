"""Elastic Load Balancing: ELB.12, ELB.13, ELB.14."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import control, prop, setting
from ...engine.model import App, Resource, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Verdict, rule
from ...engine.values import Undecidable, Unresolved

DESYNC = "routing.http.desync_mitigation_mode"

control(
    "ELB.12",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    check=setting("LoadBalancerAttributes", "Key", DESYNC, "Value", absent="defensive").none_of(
        "monitor"
    ),
    when=prop("Type", absent="application").equals("application"),
    fix=f"set the {DESYNC} attribute (LoadBalancerAttributes) to defensive or strictest",
    note="Network and Gateway Load Balancers are not applicable.",
    remedy=Remedy(
        {f"LoadBalancerAttributes[Key={DESYNC}].Value": "defensive"},
        safe=True,
        breaks="Nothing: `defensive` is the service default; the fix makes it explicit so "
        "that a change to `monitor` shows in the template.",
        describe=f"the `{DESYNC}` attribute `defensive` on Application Load Balancers that "
        "do not set it",
    ),
)


# --------------------------------------------------------------------------- ELB.13


def _min_azs(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2 <= value <= 6:
        raise ValueError(
            f"must be a whole number from 2 to 6 (Security Hub's range), not {value!r}"
        )
    return value


def _literal_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _get_azs_index(marker: Any) -> int | None:
    """The literal ``n`` of ``Fn::Select [n, Fn::GetAZs ...]`` (an undecided AZ), else None;
    raises :class:`Undecidable` when ``n`` is not a literal."""
    expr = marker.expr if isinstance(marker, Unresolved) else None
    if not isinstance(expr, dict) or list(expr) != ["Fn::Select"]:
        return None
    arg = expr["Fn::Select"]
    if not isinstance(arg, list) or len(arg) != 2:
        return None
    index, options = arg
    if not isinstance(options, dict) or list(options) != ["Fn::GetAZs"]:
        return None
    literal = _literal_index(index)
    if literal is None:
        raise Undecidable(
            "AvailabilityZone",
            f"an Fn::Select index that is not a literal number ({json.dumps(index)}), so two "
            "such subnets may pick the same Availability Zone",
        )
    return literal


#: How a subnet's zone is named: by AZ name, by AZ id, or as the n-th AZ of the Region
#: (``Fn::GetAZs``). Within one kind, distinct values are distinct zones; across kinds, two
#: values may be the same zone.
_NAME, _ID, _INDEX = "name", "id", "index"


def _subnet_zone(subnet: Target) -> tuple[str, str]:
    """``(kind, zone)`` of a subnet; raises :class:`Undecidable` when the template cannot say."""
    props = subnet.props
    if props.has("AvailabilityZone"):
        try:
            return _NAME, str(props.get("AvailabilityZone"))
        except Undecidable:
            # Fn::Select [n, Fn::GetAZs ""] with a literal n: distinct n, distinct AZs.
            index = _get_azs_index(props.shallow().get("AvailabilityZone"))
            if index is None:
                raise
            return _INDEX, f"AZ #{index} of the Region"
    if props.has("AvailabilityZoneId"):
        return _ID, str(props.get("AvailabilityZoneId"))
    raise Undecidable(
        "AvailabilityZone", "the Availability Zone AWS picks, as the subnet sets none"
    )


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
    fix="place the load balancer (Subnets or SubnetMappings) in subnets of at least "
    "minAvailabilityZones distinct Availability Zones",
)
def load_balancer_spans_azs(lb: Resource, ctx: RuleContext) -> Verdict:
    """The subnets of `Subnets` or `SubnetMappings[].SubnetId` lie in at least
    `minAvailabilityZones` distinct Availability Zones, read from `AWS::EC2::Subnet`
    resources in the app (same stack, or a CDK cross-stack import). A subnet's
    `Fn::Select [n, Fn::GetAZs '']` with a literal `n` (CDK's environment-agnostic VPCs)
    counts as the n-th zone: distinct `n`, distinct zones. UNKNOWN when a subnet's zone cannot
    be read there (an imported subnet id, a parameter, an `Fn::Select` whose index is a
    parameter) and the known zones do not already suffice; no subnets at all is UNKNOWN.
    """
    minimum = ctx.param("minAvailabilityZones")
    subnets: list[tuple[str, Any]] = []
    listed = lb.props.shallow("Subnets")
    if listed is not None and not isinstance(listed, list):
        raise Undecidable("Subnets", f"a value that is not a list ({listed!r})")
    subnets += [(f"Subnets[{i}]", s) for i, s in enumerate(listed or [])]
    for mapping in lb.props.items("SubnetMappings"):
        subnets.append((f"{mapping.path}.SubnetId", mapping.shallow().get("SubnetId")))
    if not subnets:
        return Verdict.unknown(
            "the subnets, as the load balancer names none in the template", path="Subnets"
        )
    zones: dict[str, set[str]] = {_NAME: set(), _ID: set(), _INDEX: set()}
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
            kind, zone = _subnet_zone(target)
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


# --------------------------------------------------------------------------- ELB.14

_CLB_DESYNC = "elb.http.desyncmitigationmode"

#: The Key of a desync attribute object and its Value `monitor`, in either order, with no
#: other object in between (the text of a custom resource's properties, JSON in JSON included).
_MONITOR = re.compile(
    r"elb\.http\.desyncmitigationmode[^{}]{0,40}?monitor"
    r"|monitor[^{}]{0,40}?elb\.http\.desyncmitigationmode"
)


def _is_custom(type_name: str) -> bool:
    return type_name.startswith("Custom::") or type_name == "AWS::CloudFormation::CustomResource"


def _text(target: Target) -> str:
    """A custom resource's properties as JSON, undecided values as their intrinsics."""

    def intrinsic(value: object) -> object:
        return value.expr if isinstance(value, Unresolved) else str(value)

    return json.dumps(target.props.shallow(), default=intrinsic)


@rule(
    "ELB.14",
    "AWS::ElasticLoadBalancing::LoadBalancer",
    fix=f"remove the custom resource's override of {_CLB_DESYNC} and leave the mode "
    "defensive (or set strictest)",
)
def classic_lb_desync_mitigation_is_defensive(lb: Resource, ctx: RuleContext) -> Verdict:
    """A Classic Load Balancer starts with desync mitigation `defensive`, and CloudFormation has
    no property to change it; it fails only when a custom resource sets
    `elb.http.desyncmitigationmode` to `monitor` for it, naming it by `Ref` (in its stack, or
    through a CDK cross-stack import) or by its literal `LoadBalancerName` (any
    `Custom::*` or `AWS::CloudFormation::CustomResource`). Out-of-band changes cannot be seen.
    """
    monitors = ctx.app.memo("ELB.14 monitor overrides", lambda: _monitor_overrides(ctx.app))
    if not monitors:
        return Verdict.passed()
    ref = json.dumps({"Ref": lb.logical_id})
    for reference in ctx.app.referrers(lb):
        text = monitors.get((id(reference.stack), reference.logical_id))
        if text is not None and (reference.stack is not lb.stack or ref in text):
            return _failed(reference.source)
    try:
        name = lb.props.get("LoadBalancerName")
    except Undecidable:
        name = None  # a deploy-time name: only a Ref can name it, and that was looked at
    if isinstance(name, str) and name:
        named = re.compile(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])")
        for (_, logical_id), text in monitors.items():
            if named.search(text):
                return _failed_id(logical_id)
    return Verdict.passed()


def _monitor_overrides(app: App) -> dict[tuple[int, str], str]:
    """Every custom resource of the app that sets the desync mode to monitor, with its text:
    read once per app, so that ELB.14 stays linear in the number of load balancers."""
    found = {}
    for type_name in app.types():
        if _is_custom(type_name):
            for source in app.resources(type_name):
                text = _text(source)
                if _MONITOR.search(text):
                    found[(id(source.stack), source.logical_id)] = text
    return found


def _failed(source: Target) -> Verdict:
    return _failed_id(source.logical_id)


def _failed_id(logical_id: str) -> Verdict:
    return Verdict.failed(
        f"custom resource {logical_id}",
        "monitor",
        f"remove the override of {_CLB_DESYNC} in custom resource {logical_id} and "
        "leave the mode defensive (or set strictest)",
    )
