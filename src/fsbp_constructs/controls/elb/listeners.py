"""Listeners and target groups of Application and Network Load Balancers: ELB.18, .22, .1,
.17, .21."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, all_of, control, prop
from ...engine.model import Resource, Target
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable
from ._shared import IS_ALB, LISTENER, V2

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

_REDIRECT_FIX = (
    "give every HTTP listener (AWS::ElasticLoadBalancingV2::Listener) of the load balancer a "
    "DefaultActions redirect action with RedirectConfig.Protocol HTTPS"
)


def _redirects_to_https(listener: Target) -> bool:
    for action in listener.props.items("DefaultActions"):
        if action.get("Type") == "redirect" and action.get("RedirectConfig.Protocol") == "HTTPS":
            return True
    return False


@rule("ELB.1", V2, fix=_REDIRECT_FIX)
def alb_redirects_http_to_https(lb: Resource, ctx: RuleContext) -> Verdict:
    """Every HTTP listener of an Application Load Balancer (the app's
    `AWS::ElasticLoadBalancingV2::Listener` resources whose `LoadBalancerArn` refers to it)
    has a `redirect` default action whose `RedirectConfig.Protocol` is `HTTPS`. Only default
    actions are read: listener rules that forward plain HTTP for some paths are not seen (open
    question). A load balancer without HTTP listeners in the app passes; listeners declared
    outside the app cannot be seen. Network and Gateway Load Balancers are not applicable. A
    failing listener decides even when another is undecided.
    """
    scope = IS_ALB.evaluate(lb.props, ctx.parameters)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable("only Application Load Balancers are in scope")
    if scope.status is not Status.PASS:
        return scope
    undecided = Undecided()
    for reference in ctx.app.referrers(lb, LISTENER):
        if not reference.path.startswith("LoadBalancerArn"):
            continue
        listener = reference.source
        try:
            if listener.props.get("Protocol") != "HTTP" or _redirects_to_https(listener):
                continue
        except Undecidable as error:
            undecided.keep(error)
            continue
        return Verdict.failed(
            f"listener {listener.logical_id}",
            "HTTP without a redirect to HTTPS",
            _REDIRECT_FIX,
        )
    undecided.reraise()
    return Verdict.passed()


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
    LISTENER,
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
