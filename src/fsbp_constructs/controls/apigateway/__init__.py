"""Amazon API Gateway: APIGateway.1, .2, .3, .4, .5, .8, .9, .10, .11."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...engine.checks import FAILS, all_of, any_of, control, each, param, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Undecidable

_STAGE = "AWS::ApiGateway::Stage"

control(
    "APIGateway.2",
    _STAGE,
    check=prop("ClientCertificateId", absent=FAILS).not_empty(),
    fix="create an AWS::ApiGateway::ClientCertificate and set the stage's ClientCertificateId "
    "to it; have the backend verify that certificate",
    note="Only REST API stages are in scope. Whether the backend verifies the certificate "
    "cannot be seen.",
)

control(
    "APIGateway.3",
    _STAGE,
    check=prop("TracingEnabled", absent=False).is_true(),
    fix="set TracingEnabled to true on the stage",
    remedy=Remedy(
        {"TracingEnabled": True},
        safe=False,
        breaks="X-Ray records and bills the sampled requests (the default rule samples the "
        "first request each second and 5% of the rest).",
    ),
)

_AUTH_TYPES = ("AWS_IAM", "CUSTOM", "JWT")


def _authorization_type(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value in _AUTH_TYPES):
        return value
    raise ValueError(f"must be one of {', '.join(_AUTH_TYPES)}, not {value!r}")


_ROUTE_AUTH = prop("AuthorizationType", absent="NONE")

control(
    "APIGateway.8",
    "AWS::ApiGatewayV2::Route",
    check=all_of(
        _ROUTE_AUTH.none_of("NONE"),
        _ROUTE_AUTH.equals(param("authorizationType")),
    ),
    parameters=[
        Parameter(
            "authorizationType",
            default=None,
            description="The authorization type every route must use (AWS_IAM, CUSTOM or "
            "JWT). Unset: any type but NONE passes.",
            parse=_authorization_type,
        )
    ],
    fix="set AuthorizationType on the route to AWS_IAM, CUSTOM (with AuthorizerId) or JWT "
    "(HTTP APIs, with AuthorizerId)",
    note="Routes of HTTP and WebSocket APIs are both evaluated; a WebSocket API can only "
    "authorize its `$connect` route, so its other routes fail as Security Hub reports them "
    "(open question: conservative verdict).",
)

control(
    "APIGateway.9",
    "AWS::ApiGatewayV2::Stage",
    check=prop("AccessLogSettings.DestinationArn", absent=FAILS).not_empty(),
    fix="set AccessLogSettings.DestinationArn (a CloudWatch Logs log group ARN, or a Firehose "
    "stream for WebSocket APIs) and AccessLogSettings.Format on the stage",
    note="HTTP and WebSocket API stages are both in scope. A `$default` stage that an "
    "AWS::ApiGatewayV2::Api creates by itself (quick create) has no resource of its own and "
    "cannot be checked.",
)


# --------------------------------------------------------------------------- APIGateway.4

_ASSOCIATIONS = ("AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation")
_WAF_FIX = (
    "add an AWS::WAFv2::WebACLAssociation whose ResourceArn is the stage's ARN "
    "(arn:aws:apigateway:<region>::/restapis/<api id>/stages/<stage name>) and whose "
    "WebACLArn is a REGIONAL web ACL"
)


@rule(
    "APIGateway.4",
    _STAGE,
    fix=_WAF_FIX,
    decision="the web ACL, whose rules depend on the API's traffic (charged per web ACL, "
    "rule and request)",
)
def stage_has_web_acl(stage: Resource, ctx: RuleContext) -> Verdict:
    """A web ACL association of the app (`AWS::WAFv2::WebACLAssociation`, or WAF Classic's
    `AWS::WAFRegional::WebACLAssociation`) names the stage in its `ResourceArn`: by a `Ref`
    to the stage (the ARN CDK builds with `Fn::Join`), or as a literal ARN ending in
    `/restapis/<RestApiId>/stages/<StageName>` when both are literal. Without one the stage
    fails: an association made outside the app (another stack without a CDK import,
    Firewall Manager) cannot be seen (open question: conservative verdict).
    """
    for reference in ctx.app.referrers(stage, *_ASSOCIATIONS):
        if reference.path.startswith("ResourceArn"):
            return Verdict.passed(f"associated by {reference.logical_id}")
    try:
        suffix = f"/restapis/{stage.props.get('RestApiId')}/stages/{stage.props.get('StageName')}"
    except Undecidable:
        suffix = None
    if suffix is not None:
        for type_name in _ASSOCIATIONS:
            for association in ctx.app.resources(type_name):
                try:
                    arn = association.props.get("ResourceArn")
                except Undecidable:
                    continue
                if isinstance(arn, str) and arn.endswith(suffix):
                    return Verdict.passed(f"associated by {association.logical_id}")
    return Verdict.failed("(no web ACL association)", None)


# --------------------------------------------------------------------------- APIGateway.1

#: Execution log levels that log (OFF logs nothing).
EXECUTION_LOG_LEVELS = ("ERROR", "INFO")


def _logging_levels(value: object) -> tuple[str, ...]:
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and value
        and all(isinstance(v, str) and v in EXECUTION_LOG_LEVELS for v in value)
    ):
        return tuple(str(v) for v in value)
    raise ValueError(
        f"must be a non-empty list of logging levels from {', '.join(EXECUTION_LOG_LEVELS)}, "
        f"not {value!r}"
    )


_V2_STAGE = "AWS::ApiGatewayV2::Stage"
_EXEC_FIX = (
    "REST stages: add a MethodSettings item with HttpMethod '*', ResourcePath '/*' and "
    "LoggingLevel ERROR or INFO (and no method setting OFF); WebSocket stages: set "
    "DefaultRouteSettings.LoggingLevel to ERROR or INFO (and no RouteSettings entry OFF)"
)


def _rest_logging(stage: Resource, wanted: tuple[str, ...]) -> Verdict:
    every: Any = None
    for setting in stage.props.items("MethodSettings"):
        path = f"{setting.path}.LoggingLevel"
        level = setting.get("LoggingLevel")
        if setting.get("HttpMethod") == "*" and setting.get("ResourcePath") == "/*":
            every = (path, level)
        if level is not None and level not in wanted:
            return Verdict.failed(path, level, _EXEC_FIX)
    if every is None:
        return Verdict(
            Status.FAIL,
            path="MethodSettings",
            found=None,
            fix=_EXEC_FIX,
            reason="no setting for all methods (HttpMethod '*', ResourcePath '/*'): logging "
            "is OFF by default",
        )
    path, level = every
    if level is None:
        return Verdict(Status.FAIL, path=path, found=None, fix=_EXEC_FIX, reason="absent means OFF")
    return Verdict.passed()


def _websocket_logging(stage: Resource, wanted: tuple[str, ...]) -> Verdict:
    path = "DefaultRouteSettings.LoggingLevel"
    level = stage.props.get(path)
    if level is None:
        return Verdict(Status.FAIL, path=path, found=None, fix=_EXEC_FIX, reason="absent means OFF")
    if level not in wanted:
        return Verdict.failed(path, level, _EXEC_FIX)
    routes = stage.props.get("RouteSettings") or {}
    if isinstance(routes, dict):
        for key, settings in routes.items():
            route_level = settings.get("LoggingLevel") if isinstance(settings, dict) else None
            if route_level is not None and route_level not in wanted:
                return Verdict.failed(f"RouteSettings.{key}.LoggingLevel", route_level, _EXEC_FIX)
    return Verdict.passed()


@rule(
    "APIGateway.1",
    _STAGE,
    _V2_STAGE,
    parameters=[
        Parameter(
            "loggingLevel",
            default=EXECUTION_LOG_LEVELS,
            description="The execution logging levels that pass (a list of ERROR and INFO; "
            "Security Hub's default: both).",
            parse=_logging_levels,
        )
    ],
    fix=_EXEC_FIX,
)
def stage_logs_execution(stage: Resource, ctx: RuleContext) -> Verdict:
    """REST API stages (`AWS::ApiGateway::Stage`): a `MethodSettings` item for all methods
    (`HttpMethod` `*`, `ResourcePath` `/*`) sets `LoggingLevel` to one of the `loggingLevel`
    parameter's levels (by default `ERROR` or `INFO`), and no other method setting sets a
    level outside them; without such an item execution logging is `OFF`, which fails.
    WebSocket API stages (`AWS::ApiGatewayV2::Stage`): `DefaultRouteSettings.LoggingLevel`
    is one of those levels (absent means `OFF`) and no `RouteSettings` entry sets another.
    HTTP API stages (their `ApiId` refers to an `AWS::ApiGatewayV2::Api` of the app with
    `ProtocolType` `HTTP`) are not applicable; an API the app does not declare is UNKNOWN
    unless the stage's settings already pass.
    """
    wanted = ctx.param("loggingLevel")
    if stage.type == _STAGE:
        return _rest_logging(stage, wanted)
    api = ctx.app.follow(stage, "ApiId")
    protocol = None
    if api is not None and api.type == "AWS::ApiGatewayV2::Api":
        protocol = api.props.get("ProtocolType")
    if protocol == "HTTP":
        return Verdict.not_applicable("HTTP APIs have no execution logging")
    verdict = _websocket_logging(stage, wanted)
    if protocol == "WEBSOCKET" or verdict.status is Status.PASS:
        return verdict
    return Verdict.unknown(
        "whether the stage belongs to a WebSocket API (in scope) or an HTTP API (not "
        "applicable): its ApiId names an API the app does not declare",
        path="ApiId",
        fix=_EXEC_FIX,
    )


# --------------------------------------------------------------------------- APIGateway.5

control(
    "APIGateway.5",
    _STAGE,
    check=each(
        "MethodSettings",
        any_of(
            prop("CacheDataEncrypted", absent=False).is_true(),
            prop("CachingEnabled", absent=False).is_false(),
        ),
    ),
    fix="set CacheDataEncrypted to true on every MethodSettings item that sets CachingEnabled "
    "to true",
    note="Only method settings with `CachingEnabled` true are judged (absent means false): "
    "the others cache nothing, and a stage without such a setting passes. The stage's "
    "`CacheClusterEnabled` alone caches no method.",
    remedy=Remedy(
        {"MethodSettings[*].CacheDataEncrypted": True},
        safe=False,
        breaks="Changing the cache encryption may flush the stage's cache: responses are "
        "served from the backend until it refills.",
    ),
)


# --------------------------------------------------------------------------- APIGateway.10

control(
    "APIGateway.10",
    "AWS::ApiGatewayV2::Integration",
    check=prop("TlsConfig.ServerNameToVerify", absent=FAILS).not_empty(),
    when=prop("ConnectionType", absent="INTERNET").equals("VPC_LINK"),
    fix="set TlsConfig.ServerNameToVerify (the name on the backend's certificate) on the "
    "private integration, with an https IntegrationUri or a listener that serves TLS",
    note="Only private integrations (`ConnectionType` `VPC_LINK`) are in scope; absent "
    "`ConnectionType` means `INTERNET`. `TlsConfig` is the only setting the AWS Config rule "
    "reads; whether the load balancer's listener itself speaks TLS is not checked. Private "
    "integrations of WebSocket APIs, which cannot set `TlsConfig`, are evaluated too (open "
    "question: conservative verdict).",
)


# --------------------------------------------------------------------------- APIGateway.11

_DOMAIN = "AWS::ApiGateway::DomainName"
_V2_DOMAIN = "AWS::ApiGatewayV2::DomainName"
#: The one security policy the AWS Config rule rejects (it admits TLS 1.0 and 1.1 clients).
_LEGACY_TLS_POLICY = "TLS_1_0"
_POLICY = prop("SecurityPolicy", absent=FAILS).none_of(_LEGACY_TLS_POLICY)
_V2_POLICIES = each("DomainNameConfigurations", _POLICY, empty=FAILS)
_TLS_FIX = (
    "set SecurityPolicy to TLS_1_2 (or an enhanced SecurityPolicy_TLS13_* / "
    "SecurityPolicy_TLS12_* policy) on the REST domain name, and on every "
    "DomainNameConfigurations item of an AWS::ApiGatewayV2::DomainName"
)


@rule(
    "APIGateway.11",
    _DOMAIN,
    _V2_DOMAIN,
    fix=_TLS_FIX,
    remedy=Remedy(
        {"SecurityPolicy": "TLS_1_2"},
        safe=False,
        breaks="Clients that only speak TLS 1.0 or 1.1 can no longer connect to the custom domain.",
    ),
)
def domain_uses_recommended_tls_policy(domain: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::ApiGateway::DomainName`: `SecurityPolicy` is not `TLS_1_0`: `TLS_1_2` and the
    enhanced policies (`SecurityPolicy_TLS13_*`, `SecurityPolicy_TLS12_*`) pass.
    `AWS::ApiGatewayV2::DomainName`: every item of `DomainNameConfigurations` says the same
    in its `SecurityPolicy` (no item fails). An absent `SecurityPolicy` fails: neither the
    CloudFormation reference nor the API reference states the service default, and it was
    `TLS_1_0` for older domain names (open question: conservative verdict; CDK documents
    `TLS_1_2` as the default but writes nothing). The AWS Config rule's optional
    `allowedSecurityPolicies` list is not offered as a parameter: the Security Hub page
    could not be confirmed to expose it. The remedy sets `SecurityPolicy` on REST domain
    names only.
    """
    check = _POLICY if domain.type == _DOMAIN else _V2_POLICIES
    verdict = check.evaluate(domain.props, ctx.parameters)
    if verdict.status is not Status.FAIL:
        return verdict
    absent = verdict.found is None and str(verdict.path).endswith("SecurityPolicy")
    reason = "absent: the service default is not documented, read as TLS_1_0" if absent else None
    return Verdict(Status.FAIL, path=verdict.path, found=verdict.found, fix=_TLS_FIX, reason=reason)
