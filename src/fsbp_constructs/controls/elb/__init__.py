"""Elastic Load Balancing: ELB.1, .2, .3, .4, .5, .6, .7, .8, .9, .10, .12, .13, .14, .17, .18, .21,
.22."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import FAILS, PASSES, all_of, control, each, prop, setting
from ...engine.model import App, Resource, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule, whole_number
from ...engine.values import Undecidable, Unresolved
from .._subnets import BY_ID, BY_INDEX, BY_NAME, subnet_zone

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
    return _spans_zones(lb, ctx, minimum, {BY_NAME: set(), BY_ID: set(), BY_INDEX: set()})


def _spans_zones(
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


# --------------------------------------------------------------------------- ELB.2, ELB.8

_SECURE_CLB_PROTOCOLS = ("HTTPS", "SSL")


def _secure_listeners(lb: Resource) -> list[Any]:
    """The Classic Load Balancer's HTTPS and SSL listeners (views); raises Undecidable."""
    return [
        listener
        for listener in lb.props.items("Listeners")
        if str(listener.get("Protocol") or "").upper() in _SECURE_CLB_PROTOCOLS
    ]


_ACM_FIX = "set SSLCertificateId on every HTTPS or SSL listener to the ARN of an ACM certificate"


@rule("ELB.2", _CLB, fix=_ACM_FIX)
def classic_lb_uses_acm_certificates(lb: Resource, ctx: RuleContext) -> Verdict:
    """Every HTTPS or SSL listener of a Classic Load Balancer (`Listeners[]`) names an AWS
    Certificate Manager certificate in `SSLCertificateId` (an `arn:<partition>:acm:` ARN, or
    a `Ref`/`Fn::GetAtt` to an `AWS::CertificateManager::Certificate` of the app). An IAM
    server certificate (`arn:<partition>:iam:`) fails; a certificate from a parameter or an
    import is UNKNOWN. Load balancers without HTTPS or SSL listeners are not applicable. A
    failing listener decides even when another is undecided.
    """
    listeners = _secure_listeners(lb)
    if not listeners:
        return Verdict.not_applicable("no HTTPS or SSL listeners")
    undecided: Undecidable | None = None
    for listener in listeners:
        path = f"{listener.path}.SSLCertificateId"
        marker = listener.unresolved("SSLCertificateId")
        if marker is not None:
            target = ctx.app.referenced(lb.stack, marker)
            if target is not None and target.type == "AWS::CertificateManager::Certificate":
                continue
            undecided = undecided or Undecidable.of(path, marker)
            continue
        arn = listener.get("SSLCertificateId")
        if isinstance(arn, str) and re.match(r"^arn:[\w-]+:acm:", arn):
            continue
        return Verdict.failed(path, arn, _ACM_FIX)
    if undecided is not None:
        raise undecided
    return Verdict.passed()


#: Security Hub's fixed value for ELB.8's predefinedPolicyName.
CLB_TLS_POLICY = "ELBSecurityPolicy-TLS-1-2-2017-01"
_SSL_NEGOTIATION = "SSLNegotiationPolicyType"
_POLICY_FIX = (
    f"give every HTTPS or SSL listener a PolicyNames entry naming a Policies item of PolicyType "
    f"{_SSL_NEGOTIATION} whose Attributes hold Reference-Security-Policy = {CLB_TLS_POLICY}"
)


def _negotiation_reference(lb: Resource, name: Any) -> tuple[str, Any] | None:
    """``(path, Reference-Security-Policy value)`` of the SSL negotiation policy ``name``, or
    ``None`` when the load balancer declares no such policy."""
    for policy in lb.props.items("Policies"):
        if policy.get("PolicyName") != name or policy.get("PolicyType") != _SSL_NEGOTIATION:
            continue
        for attribute in policy.items("Attributes"):
            if attribute.get("Name") == "Reference-Security-Policy":
                return f"{attribute.path}.Value", attribute.get("Value")
        return f"{policy.path}.Attributes", None
    return None


@rule("ELB.8", _CLB, fix=_POLICY_FIX)
def classic_lb_uses_strong_tls_policy(lb: Resource, ctx: RuleContext) -> Verdict:
    """Every HTTPS or SSL listener of a Classic Load Balancer names, in `PolicyNames`, an
    `SSLNegotiationPolicyType` policy of `Policies` whose `Reference-Security-Policy`
    attribute is `ELBSecurityPolicy-TLS-1-2-2017-01` (Security Hub's fixed
    `predefinedPolicyName`). A listener without such a policy gets the service's default
    negotiation policy (`ELBSecurityPolicy-2016-08`, which allows TLS 1.0) and fails; so does
    a policy that lists protocols and ciphers itself instead of referencing a predefined
    policy. A policy name the template does not declare (from a parameter) is UNKNOWN. Load
    balancers without HTTPS or SSL listeners are not applicable.
    """
    listeners = _secure_listeners(lb)
    if not listeners:
        return Verdict.not_applicable("no HTTPS or SSL listeners")
    undecided: Undecidable | None = None
    for listener in listeners:
        try:
            names = listener.values("PolicyNames")
            found = [r for r in (_negotiation_reference(lb, n) for n in names) if r is not None]
        except Undecidable as error:
            undecided = undecided or error
            continue
        if not found:
            return Verdict.failed(
                f"{listener.path}.PolicyNames",
                names or None,
                _POLICY_FIX + " (without one, the default ELBSecurityPolicy-2016-08 applies)",
            )
        for path, value in found:
            if value != CLB_TLS_POLICY:
                return Verdict.failed(path, value, _POLICY_FIX)
    if undecided is not None:
        raise undecided
    return Verdict.passed()


# --------------------------------------------------------------------------- ELB.10


@rule(
    "ELB.10",
    _CLB,
    parameters=[
        Parameter(
            "minAvailabilityZones",
            default=2,
            description="Fewest distinct Availability Zones a Classic Load Balancer must span "
            "(2-6).",
            parse=whole_number(2, 6),
        )
    ],
    fix="list at least minAvailabilityZones zones in AvailabilityZones, or place the load "
    "balancer (Subnets) in subnets of that many distinct Availability Zones",
)
def classic_lb_spans_azs(lb: Resource, ctx: RuleContext) -> Verdict:
    """A Classic Load Balancer spans at least `minAvailabilityZones` distinct Availability
    Zones: the names of `AvailabilityZones`, and the zones of the `AWS::EC2::Subnet`
    resources its `Subnets` refer to (read as for ELB.13: an `Fn::Select [n, Fn::GetAZs '']`
    with a literal `n` is the n-th zone). UNKNOWN when a zone cannot be read from the app and
    the known ones do not already suffice, and when `AvailabilityZones` is `Fn::GetAZs` (the
    Region's zone count).
    """
    minimum = ctx.param("minAvailabilityZones")
    zones: dict[str, set[str]] = {BY_NAME: set(), BY_ID: set(), BY_INDEX: set()}
    names = lb.props.values("AvailabilityZones")
    zones[BY_NAME].update(str(n) for n in names)
    verdict = _spans_zones(lb, ctx, minimum, zones)
    if verdict.status is Status.FAIL and not lb.props.has("Subnets"):
        return Verdict.failed(
            "AvailabilityZones",
            names or None,
            f"list at least {minimum} Availability Zones in AvailabilityZones",
        )
    return verdict


# --------------------------------------------------------------------------- ELB.17, ELB.21

#: The predefined policies ELB.17 passes: TLS 1.3 policies with TLS 1.2 or 1.3 as minimum,
#: without the extended (Ext) cipher lists.
RECOMMENDED_SSL_POLICIES = (
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
)

control(
    "ELB.17",
    _LISTENER,
    check=prop("SslPolicy", absent=FAILS).one_of(*RECOMMENDED_SSL_POLICIES),
    when=prop("Protocol", absent=FAILS).one_of("HTTPS", "TLS"),
    fix="set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.3 policy with "
    "a TLS 1.2 or 1.3 minimum)",
    note="Listeners that are not HTTPS or TLS are not applicable. An absent `SslPolicy` fails: "
    "the policy the service then picks has changed over time and the older default "
    "(`ELBSecurityPolicy-2016-08`) allows TLS 1.0 (open question: conservative verdict). The "
    "`Ext1`/`Ext2` policies, which add older ciphers, fail (open question: conservative verdict).",
    remedy=Remedy(
        {"SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
        safe=False,
        breaks="Clients that only speak TLS 1.0 or 1.1, or only older ciphers, can no longer "
        "connect.",
    ),
)

control(
    "ELB.21",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    check=prop("HealthCheckProtocol", absent=FAILS).equals("HTTPS"),
    when=all_of(
        prop("TargetType", absent="instance").none_of("lambda", "alb"),
        prop("Protocol", absent=PASSES).none_of("GENEVE"),
        prop("HealthCheckEnabled", absent=True).is_true(),
    ),
    fix="set HealthCheckProtocol to HTTPS (the targets must answer TLS on the health check port)",
    note="An absent `HealthCheckProtocol` fails: the service then uses HTTP (Application Load "
    "Balancer target groups) or TCP (Network Load Balancer ones), or the target group's "
    "protocol, none of which is encrypted except HTTPS (open question: conservative "
    "verdict). Target groups of Lambda functions or of an Application Load Balancer, Gateway "
    "Load Balancer (`GENEVE`) target groups and target groups with health checks turned off "
    "are not applicable.",
    remedy=Remedy(
        {"HealthCheckProtocol": "HTTPS"},
        safe=False,
        breaks="Targets that do not serve TLS on the health check port become unhealthy and "
        "stop receiving traffic.",
    ),
)
