"""AWS AppSync: AppSync.2, AppSync.5."""

from __future__ import annotations

from collections.abc import Sequence

from ...engine.checks import FAILS, all_of, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule

control(
    "AppSync.5",
    "AWS::AppSync::GraphQLApi",
    check=all_of(
        prop("AuthenticationType", absent=FAILS).none_of("API_KEY"),
        each(
            "AdditionalAuthenticationProviders",
            prop("AuthenticationType", absent=FAILS).none_of("API_KEY"),
        ),
    ),
    fix="set AuthenticationType (and every AdditionalAuthenticationProviders item) to "
    "AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA instead of API_KEY",
    note="An API key as an additional provider fails too. `AuthenticationType` is required by "
    "CloudFormation; a template without it is reported as failing.",
)


# --------------------------------------------------------------------------- AppSync.2

#: The field log levels that log something (NONE logs nothing).
FIELD_LOG_LEVELS = ("ERROR", "ALL", "INFO", "DEBUG")
#: Security Hub's default for fieldLoggingLevel: ERROR or ALL pass.
_DEFAULT_LEVELS = ("ERROR", "ALL")


def _field_levels(value: object) -> tuple[str, ...]:
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and value
        and all(isinstance(v, str) and v in FIELD_LOG_LEVELS for v in value)
    ):
        return tuple(str(v) for v in value)
    raise ValueError(
        f"must be a non-empty list of field log levels from {', '.join(FIELD_LOG_LEVELS)}, "
        f"not {value!r}"
    )


_LEVEL_PATH = "LogConfig.FieldLogLevel"


@rule(
    "AppSync.2",
    "AWS::AppSync::GraphQLApi",
    parameters=[
        Parameter(
            "fieldLoggingLevel",
            default=_DEFAULT_LEVELS,
            description="The field log levels that pass (a list of ERROR, ALL, INFO, DEBUG; "
            "Security Hub's default: ERROR and ALL).",
            parse=_field_levels,
        )
    ],
    fix="set LogConfig.FieldLogLevel to ERROR or ALL (one of the fieldLoggingLevel parameter) "
    "with LogConfig.CloudWatchLogsRoleArn",
    remedy=Remedy(
        {_LEVEL_PATH: "ERROR"},
        safe=False,
        breaks="Nothing breaks; CloudWatch Logs bills the error logs AppSync then writes (the "
        "API also needs LogConfig.CloudWatchLogsRoleArn, a role AppSync can assume).",
    ),
)
def graphql_api_logs_fields(api: Resource, ctx: RuleContext) -> Verdict:
    """`LogConfig.FieldLogLevel` is one of the `fieldLoggingLevel` parameter's levels (by
    default `ERROR` or `ALL`); absent means `NONE`, which fails. `INFO` and `DEBUG`, the
    newer levels, fail unless the parameter lists them, as Security Hub's default names only
    `ERROR` and `ALL` (open question: conservative verdict). The log role is not checked.
    """
    wanted = ctx.param("fieldLoggingLevel")
    level = api.props.get(_LEVEL_PATH)
    fix = f"set {_LEVEL_PATH} to {' or '.join(wanted)}"
    if level is None:
        return Verdict(
            Status.FAIL, path=_LEVEL_PATH, found=None, fix=fix, reason="absent means NONE"
        )
    if level not in wanted:
        return Verdict.failed(_LEVEL_PATH, level, fix)
    return Verdict.passed()
