"""AWS Secrets Manager: SecretsManager.1, SecretsManager.4."""

from __future__ import annotations

import re

from ...engine.model import Resource, Target
from ...engine.registry import Parameter, RuleContext, Status, Verdict, rule, whole_number
from ...engine.values import Undecidable

_SCHEDULE = "AWS::SecretsManager::RotationSchedule"
_RATE = re.compile(r"^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$")


def _schedules(secret: Resource, ctx: RuleContext) -> list[Target]:
    """The rotation schedules of the app that point at the secret (``SecretId`` by ``Ref``)."""
    return [ref.source for ref in ctx.app.referrers(secret, _SCHEDULE) if ref.path == "SecretId"]


def _days(schedule: Target) -> float:
    """How many days apart the schedule rotates; raises :class:`Undecidable` for a cron
    expression or a value the template cannot decide."""
    after = schedule.props.get("RotationRules.AutomaticallyAfterDays")
    if after is not None:
        if isinstance(after, bool) or not isinstance(after, (int, float, str)):
            raise Undecidable("RotationRules.AutomaticallyAfterDays", f"a value {after!r}")
        try:
            return float(after)
        except ValueError:
            raise Undecidable(
                "RotationRules.AutomaticallyAfterDays", f"a value that is not a number {after!r}"
            ) from None
    expression = schedule.props.get("RotationRules.ScheduleExpression")
    if isinstance(expression, str):
        match = _RATE.match(expression.strip())
        if match:
            count = float(match.group(1))
            return count / 24 if match.group(2).startswith("hour") else count
        raise Undecidable(
            f"({schedule.logical_id}).RotationRules.ScheduleExpression",
            f"a schedule expression that is not a fixed rate ({expression!r})",
        )
    raise Undecidable(
        f"({schedule.logical_id}).RotationRules",
        "a rotation schedule without AutomaticallyAfterDays or ScheduleExpression (the "
        "rotation function or service decides)",
    )


def _shortest(schedules: list[Target], limit: float) -> tuple[float, Target]:
    """The shortest interval among the schedules (the one that keeps the secret freshest);
    raises the first :class:`Undecidable` when a schedule that cannot be read might still
    be short enough."""
    best: tuple[float, Target] | None = None
    undecided: Undecidable | None = None
    for schedule in schedules:
        try:
            days = _days(schedule)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if best is None or days < best[0]:
            best = (days, schedule)
    if undecided is not None and (best is None or best[0] > limit):
        raise undecided
    assert best is not None
    return best


_ROTATION_FIX = (
    "add an AWS::SecretsManager::RotationSchedule whose SecretId is the secret, with a "
    "RotationLambdaARN or HostedRotationLambda and RotationRules.AutomaticallyAfterDays"
)


def _frequency(value: object) -> int:
    return whole_number(1, 365, "days")(value)


@rule(
    "SecretsManager.1",
    "AWS::SecretsManager::Secret",
    parameters=[
        Parameter(
            "maximumAllowedRotationFrequency",
            default=None,
            description="The most days between rotations (1 to 365). Unset: any schedule passes.",
            parse=_frequency,
        )
    ],
    fix=_ROTATION_FIX,
)
def secret_rotates(secret: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::SecretsManager::RotationSchedule` of the app points at the secret (`SecretId`
    by `Ref`): rotation is turned on. With the `maximumAllowedRotationFrequency` parameter,
    its `RotationRules.AutomaticallyAfterDays` (or a `rate(...)` `ScheduleExpression`) is at
    most that many days; a `cron(...)` expression or a value the template cannot decide is
    then UNKNOWN. No schedule fails: a secret does not rotate unless told to. A schedule that
    names the secret by a literal ARN or name is not matched (open question).
    """
    schedules = _schedules(secret, ctx)
    if not schedules:
        return Verdict.failed("(AWS::SecretsManager::RotationSchedule)", None, _ROTATION_FIX)
    limit = ctx.param("maximumAllowedRotationFrequency")
    if limit is None:
        return Verdict.passed()
    days, schedule = _shortest(schedules, limit)
    if days <= limit:
        return Verdict.passed()
    return Verdict.failed(
        f"({schedule.logical_id}).RotationRules", days, f"rotate at least every {limit} days"
    )


@rule(
    "SecretsManager.4",
    "AWS::SecretsManager::Secret",
    parameters=[
        Parameter(
            "maxDaysSinceRotation",
            default=90,
            description="The most days a secret may go without rotating (1 to 180).",
            parse=whole_number(1, 180, "days"),
        )
    ],
    fix=_ROTATION_FIX + " of at most the maxDaysSinceRotation parameter (90 days)",
)
def secret_rotates_often(secret: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::SecretsManager::RotationSchedule` of the app points at the secret and rotates
    it at least every `maxDaysSinceRotation` days (90): `RotationRules.AutomaticallyAfterDays`,
    or a `rate(...)` `ScheduleExpression`. A `cron(...)` expression, or a value the template
    cannot decide, is UNKNOWN. Whether each rotation succeeds is a run-time matter
    (SecretsManager.2): a schedule short enough passes. The parameter's range and default are
    Security Hub's (checked 2026-11-30: 1 to 180 days, default 90); the Config rule's page gives
    the default only.

    A secret without a schedule fails, a brand-new one included. The Config rule (periodic) is
    NON_COMPLIANT once a secret has gone more than `maxDaysSinceRotation` days without
    rotating; it does not say how it counts a secret that never rotated, so Security Hub may
    report it PASSED during its first `maxDaysSinceRotation` days, and FAILED from then on.
    Only an update of the secret's value from outside the template (`PutSecretValue` or
    `UpdateSecret`, which Secrets Manager counts as a rotation) would keep it compliant, and
    the template does not show one: the verdict is the state the template leads to
    (conservative verdict).
    """
    limit = ctx.param("maxDaysSinceRotation")
    fix = f"{_ROTATION_FIX} of at most {limit} days"
    schedules = _schedules(secret, ctx)
    if not schedules:
        return Verdict(
            Status.FAIL,
            path="(AWS::SecretsManager::RotationSchedule)",
            fix=fix,
            reason=f"no rotation schedule: the secret is never rotated, so it fails once it is "
            f"{limit} days old (Security Hub may pass it until then)",
        )
    days, schedule = _shortest(schedules, limit)
    if days <= limit:
        return Verdict.passed()
    return Verdict.failed(f"({schedule.logical_id}).RotationRules", days, fix)
