"""AWS Step Functions: StepFunctions.1."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import Parameter, RuleContext, Verdict, rule

#: Log levels from the most to the least verbose; a level logs everything the later ones do.
_LEVELS = ("ALL", "ERROR", "FATAL")


def _log_level(value: object) -> str | None:
    if value is None or (isinstance(value, str) and value in _LEVELS):
        return value
    raise ValueError(f"must be one of {', '.join(_LEVELS)}, not {value!r}")


_FIX = (
    "set LoggingConfiguration.Level to ALL, ERROR or FATAL (at least the logLevel parameter) "
    "with a CloudWatch Logs log group in LoggingConfiguration.Destinations"
)


@rule(
    "StepFunctions.1",
    "AWS::StepFunctions::StateMachine",
    parameters=[
        Parameter(
            "logLevel",
            default=None,
            description="The least verbose level that passes (ALL, ERROR or FATAL; ALL logs "
            "the most). Unset: any level but OFF passes.",
            parse=_log_level,
        )
    ],
    fix=_FIX,
)
def state_machine_logs(machine: Resource, ctx: RuleContext) -> Verdict:
    """`LoggingConfiguration.Level` is not `OFF` (absent means `OFF`), and, when the
    `logLevel` parameter is set, at least as verbose as it (`ALL` logs more than `ERROR`,
    which logs more than `FATAL`). The log group itself is not checked.
    """
    path = "LoggingConfiguration.Level"
    level = machine.props.get(path)
    if level is None:
        return Verdict.failed(path, None, _FIX + "; absent means OFF")
    wanted = ctx.param("logLevel")
    if level not in _LEVELS:
        return Verdict.failed(path, level)
    if wanted is not None and _LEVELS.index(level) > _LEVELS.index(wanted):
        return Verdict.failed(path, level, f"set {path} to {wanted} or more verbose")
    return Verdict.passed()
