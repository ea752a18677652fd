"""Application, Network and Gateway Load Balancers: ELB.12, .13, .4, .6, and ELB.5 (access logs,
Classic Load Balancers included)."""

from __future__ import annotations

from ...engine.checks import control, prop, setting
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule, whole_number
from .._subnets import BY_ID, BY_INDEX, BY_NAME
from ._shared import CLB, IS_ALB, V2, spans_zones

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
    return spans_zones(lb, ctx, minimum, {BY_NAME: set(), BY_ID: set(), BY_INDEX: set()})


DROP_INVALID = "routing.http.drop_invalid_header_fields.enabled"

control(
    "ELB.4",
    V2,
    check=setting("LoadBalancerAttributes", "Key", DROP_INVALID, "Value", absent="false").is_true(),
    when=IS_ALB,
    fix=f"set the {DROP_INVALID} attribute (LoadBalancerAttributes) to true",
    note="Network and Gateway Load Balancers are not applicable.",
)

DELETION_PROTECTION = "deletion_protection.enabled"

control(
    "ELB.6",
    V2,
    check=setting(
        "LoadBalancerAttributes", "Key", DELETION_PROTECTION, "Value", absent="false"
    ).is_true(),
    fix=f"set the {DELETION_PROTECTION} attribute (LoadBalancerAttributes) to true",
    note="Application, Network and Gateway Load Balancers are all evaluated.",
)

ACCESS_LOGS = "access_logs.s3.enabled"
_ELB5_CLB = prop("AccessLoggingPolicy.Enabled", absent=False).is_true()
_ELB5_ALB = setting("LoadBalancerAttributes", "Key", ACCESS_LOGS, "Value", absent="false").is_true()


@rule(
    "ELB.5",
    CLB,
    V2,
    fix="Classic: set AccessLoggingPolicy.Enabled to true with an S3BucketName; Application: "
    f"set the {ACCESS_LOGS} attribute to true with access_logs.s3.bucket (LoadBalancerAttributes)",
)
def load_balancer_logs_access(lb: Resource, ctx: RuleContext) -> Verdict:
    """Classic Load Balancers: `AccessLoggingPolicy.Enabled` is true (absent means false).
    Application Load Balancers: the `access_logs.s3.enabled` attribute of
    `LoadBalancerAttributes` is true (absent means false). Network and Gateway Load Balancers
    are not applicable. The bucket itself is not checked.
    """
    if lb.type == CLB:
        return _ELB5_CLB.evaluate(lb.props, ctx.parameters)
    scope = IS_ALB.evaluate(lb.props, ctx.parameters)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable("only Application Load Balancers are in scope")
    if scope.status is not Status.PASS:
        return scope
    return _ELB5_ALB.evaluate(lb.props, ctx.parameters)
