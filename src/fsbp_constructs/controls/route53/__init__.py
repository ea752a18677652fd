"""Amazon Route 53: Route53.2."""

from __future__ import annotations

from ...engine.checks import FAILS, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule

_FIX = (
    "set QueryLoggingConfig.CloudWatchLogsLogGroupArn to a log group in us-east-1 whose "
    "resource policy lets route53.amazonaws.com write to it"
)
_LOGGING = prop("QueryLoggingConfig.CloudWatchLogsLogGroupArn", absent=FAILS).not_empty()


@rule("Route53.2", "AWS::Route53::HostedZone", fix=_FIX)
def public_zone_logs_queries(zone: Resource, ctx: RuleContext) -> Verdict:
    """Public hosted zones set `QueryLoggingConfig.CloudWatchLogsLogGroupArn`; absent fails.
    A zone with `VPCs` is private and not applicable. A resolver query logging configuration
    (AWS::Route53Resolver::ResolverQueryLoggingConfig) logs VPC queries, not the public zone's,
    and does not count.
    """
    vpcs = zone.props.shallow("VPCs")
    if vpcs:
        return Verdict.not_applicable("a private hosted zone (VPCs is set)")
    verdict = _LOGGING.evaluate(zone.props, ctx.parameters)
    if verdict.status is Status.FAIL:
        return Verdict.failed(verdict.path or "QueryLoggingConfig", verdict.found)
    return verdict
