"""Amazon API Gateway: APIGateway.2, APIGateway.3, APIGateway.4, APIGateway.8, APIGateway.9."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, param, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, RuleContext, Verdict, rule
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


@rule("APIGateway.4", _STAGE, fix=_WAF_FIX)
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
    return Verdict.failed("(no web ACL association)", None, _WAF_FIX)
