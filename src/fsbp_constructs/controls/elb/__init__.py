"""Elastic Load Balancing: ELB.1, .3, .4, .5, .6, .7, .9, .12, .13, .14, .18, .22."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import FAILS, PASSES, control, each, prop, setting
from ...engine.model import App, Resource, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule, whole_number
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
            parse=whole_number(2, 6),
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


# --------------------------------------------------------------------------- ELB.3-ELB.9

_V2 = "AWS::ElasticLoadBalancingV2::LoadBalancer"
_CLB = "AWS::ElasticLoadBalancing::LoadBalancer"
_IS_ALB = prop("Type", absent="application").equals("application")

control(
    "ELB.3",
    _CLB,
    check=each(
        "Listeners",
        prop("Protocol", absent=PASSES).one_of("HTTPS", "SSL", ignore_case=True),
    ),
    fix="set Protocol to HTTPS or SSL (with SSLCertificateId) on every item of Listeners",
    note="HTTP and TCP listeners fail, whatever the port. `Protocol` is required on a listener "
    "(a template without it does not deploy); a load balancer without listeners passes.",
)

DROP_INVALID = "routing.http.drop_invalid_header_fields.enabled"

control(
    "ELB.4",
    _V2,
    check=setting("LoadBalancerAttributes", "Key", DROP_INVALID, "Value", absent="false").is_true(),
    when=_IS_ALB,
    fix=f"set the {DROP_INVALID} attribute (LoadBalancerAttributes) to true",
    note="Network and Gateway Load Balancers are not applicable.",
)

DELETION_PROTECTION = "deletion_protection.enabled"

control(
    "ELB.6",
    _V2,
    check=setting(
        "LoadBalancerAttributes", "Key", DELETION_PROTECTION, "Value", absent="false"
    ).is_true(),
    fix=f"set the {DELETION_PROTECTION} attribute (LoadBalancerAttributes) to true",
    note="Application, Network and Gateway Load Balancers are all evaluated.",
)

control(
    "ELB.7",
    _CLB,
    check=prop("ConnectionDrainingPolicy.Enabled", absent=False).is_true(),
    fix="set ConnectionDrainingPolicy.Enabled to true (with a Timeout)",
)

control(
    "ELB.9",
    _CLB,
    check=prop("CrossZone", absent=False).is_true(),
    fix="set CrossZone to true",
    note="Absent means disabled: load balancers created through the API (as CloudFormation "
    "does) start without cross-zone load balancing; only the console turns it on by default.",
)

ACCESS_LOGS = "access_logs.s3.enabled"
_ELB5_CLB = prop("AccessLoggingPolicy.Enabled", absent=False).is_true()
_ELB5_ALB = setting("LoadBalancerAttributes", "Key", ACCESS_LOGS, "Value", absent="false").is_true()


@rule(
    "ELB.5",
    _CLB,
    _V2,
    fix="Classic: set AccessLoggingPolicy.Enabled to true with an S3BucketName; Application: "
    f"set the {ACCESS_LOGS} attribute to true with access_logs.s3.bucket (LoadBalancerAttributes)",
)
def load_balancer_logs_access(lb: Resource, ctx: RuleContext) -> Verdict:
    """Classic Load Balancers: `AccessLoggingPolicy.Enabled` is true (absent means false).
    Application Load Balancers: the `access_logs.s3.enabled` attribute of
    `LoadBalancerAttributes` is true (absent means false). Network and Gateway Load Balancers
    are not applicable. The bucket itself is not checked.
    """
    if lb.type == _CLB:
        return _ELB5_CLB.evaluate(lb.props, ctx.parameters)
    scope = _IS_ALB.evaluate(lb.props, ctx.parameters)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable("only Application Load Balancers are in scope")
    if scope.status is not Status.PASS:
        return scope
    return _ELB5_ALB.evaluate(lb.props, ctx.parameters)


# --------------------------------------------------------------------------- ELB.18, ELB.22

control(
    "ELB.18",
    "AWS::ElasticLoadBalancingV2::Listener",
    check=prop("Protocol", absent=FAILS).one_of("HTTPS", "TLS"),
    when=prop("Protocol", absent=FAILS).none_of("GENEVE"),
    fix="set Protocol to HTTPS (Application Load Balancer) or TLS (Network Load Balancer), "
    "with Certificates and an SslPolicy",
    note="An HTTP listener fails even when its only action redirects to HTTPS (open "
    "question: conservative verdict). Gateway Load Balancer listeners (no `Protocol`, or "
    "`GENEVE`) are not applicable.",
)

control(
    "ELB.22",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    check=prop("Protocol", absent=FAILS).one_of("HTTPS", "TLS", "QUIC"),
    when=prop("TargetType", absent="instance").none_of("lambda", "alb"),
    fix="set Protocol to HTTPS (Application Load Balancer targets) or TLS (Network Load "
    "Balancer targets), and serve TLS on the targets",
    note="Target groups of Lambda functions or of an Application Load Balancer are not "
    "applicable. `GENEVE` (Gateway Load Balancer) target groups fail, as the AWS Config "
    "rule passes only HTTPS, TLS and QUIC (open question: conservative verdict).",
)


# --------------------------------------------------------------------------- ELB.1

_LISTENER = "AWS::ElasticLoadBalancingV2::Listener"
_REDIRECT_FIX = (
    "give every HTTP listener (AWS::ElasticLoadBalancingV2::Listener) of the load balancer a "
    "DefaultActions redirect action with RedirectConfig.Protocol HTTPS"
)


def _redirects_to_https(listener: Target) -> bool:
    for action in listener.props.items("DefaultActions"):
        if action.get("Type") == "redirect" and action.get("RedirectConfig.Protocol") == "HTTPS":
            return True
    return False


@rule("ELB.1", _V2, fix=_REDIRECT_FIX)
def alb_redirects_http_to_https(lb: Resource, ctx: RuleContext) -> Verdict:
    """Every HTTP listener of an Application Load Balancer (the app's
    `AWS::ElasticLoadBalancingV2::Listener` resources whose `LoadBalancerArn` refers to it)
    has a `redirect` default action whose `RedirectConfig.Protocol` is `HTTPS`. Only default
    actions are read: listener rules that forward plain HTTP for some paths are not seen (open
    question). A load balancer without HTTP listeners in the app passes; listeners declared
    outside the app cannot be seen. Network and Gateway Load Balancers are not applicable. A
    failing listener decides even when another is undecided.
    """
    scope = _IS_ALB.evaluate(lb.props, ctx.parameters)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable("only Application Load Balancers are in scope")
    if scope.status is not Status.PASS:
        return scope
    undecided: Undecidable | None = None
    for reference in ctx.app.referrers(lb, _LISTENER):
        if not reference.path.startswith("LoadBalancerArn"):
            continue
        listener = reference.source
        try:
            if listener.props.get("Protocol") != "HTTP" or _redirects_to_https(listener):
                continue
        except Undecidable as error:
            undecided = undecided or error
            continue
        return Verdict.failed(
            f"listener {listener.logical_id}",
            "HTTP without a redirect to HTTPS",
            _REDIRECT_FIX,
        )
    if undecided is not None:
        raise undecided
    return Verdict.passed()
