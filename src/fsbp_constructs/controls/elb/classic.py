"""Classic Load Balancers: ELB.14, .3, .7, .9, .2, .8, .10."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import PASSES, control, each, prop
from ...engine.model import App, Resource, Target
from ...engine.registry import Parameter, RuleContext, Status, Verdict, rule, whole_number
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, Unresolved
from .._subnets import BY_ID, BY_INDEX, BY_NAME
from ._shared import CLB, spans_zones

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


control(
    "ELB.3",
    CLB,
    check=each(
        "Listeners",
        prop("Protocol", absent=PASSES).one_of("HTTPS", "SSL", ignore_case=True),
    ),
    fix="set Protocol to HTTPS or SSL (with SSLCertificateId) on every item of Listeners",
    note="HTTP and TCP listeners fail, whatever the port. `Protocol` is required on a listener "
    "(a template without it does not deploy); a load balancer without listeners passes.",
)

control(
    "ELB.7",
    CLB,
    check=prop("ConnectionDrainingPolicy.Enabled", absent=False).is_true(),
    fix="set ConnectionDrainingPolicy.Enabled to true (with a Timeout)",
)

control(
    "ELB.9",
    CLB,
    check=prop("CrossZone", absent=False).is_true(),
    fix="set CrossZone to true",
    note="Absent means disabled: load balancers created through the API (as CloudFormation "
    "does) start without cross-zone load balancing; only the console turns it on by default.",
)

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


@rule("ELB.2", CLB, fix=_ACM_FIX)
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
    undecided = Undecided()
    for listener in listeners:
        path = f"{listener.path}.SSLCertificateId"
        marker = listener.unresolved("SSLCertificateId")
        if marker is not None:
            target = ctx.app.referenced(lb.stack, marker)
            if target is not None and target.type == "AWS::CertificateManager::Certificate":
                continue
            undecided.keep(Undecidable.of(path, marker))
            continue
        arn = listener.get("SSLCertificateId")
        if isinstance(arn, str) and re.match(r"^arn:[\w-]+:acm:", arn):
            continue
        return Verdict.failed(path, arn, _ACM_FIX)
    undecided.reraise()
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


@rule("ELB.8", CLB, fix=_POLICY_FIX)
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
    undecided = Undecided()
    for listener in listeners:
        try:
            names = listener.values("PolicyNames")
            found = [r for r in (_negotiation_reference(lb, n) for n in names) if r is not None]
        except Undecidable as error:
            undecided.keep(error)
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
    undecided.reraise()
    return Verdict.passed()


# --------------------------------------------------------------------------- ELB.10


@rule(
    "ELB.10",
    CLB,
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
    verdict = spans_zones(lb, ctx, minimum, zones)
    if verdict.status is Status.FAIL and not lb.props.has("Subnets"):
        return Verdict.failed(
            "AvailabilityZones",
            names or None,
            f"list at least {minimum} Availability Zones in AvailabilityZones",
        )
    return verdict
