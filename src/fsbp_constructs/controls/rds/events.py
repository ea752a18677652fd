"""RDS event subscriptions: RDS.19, RDS.20, RDS.21, RDS.22."""

from __future__ import annotations

from ...engine.checks import prop
from ...engine.model import Resource
from ...engine.registry import (
    RuleContext,
    Status,
    Verdict,
    rule,
)
from ._shared import (
    judge,
)

# --------------------------------------------------------------------------- RDS.19-RDS.22

SUBSCRIPTION = "AWS::RDS::EventSubscription"

#: Each event control's source type and the event categories it requires.
EVENT_CONTROLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "RDS.19": ("db-cluster", ("maintenance", "failure")),
    "RDS.20": ("db-instance", ("maintenance", "configuration change", "failure")),
    "RDS.21": ("db-parameter-group", ("configuration change",)),
    "RDS.22": ("db-security-group", ("configuration change", "failure")),
}


def _event_subscription(control_id: str, source_type: str, categories: tuple[str, ...]) -> None:
    wanted = ", ".join(f"`{c}`" for c in categories)
    fix = (
        f"with SourceType {source_type}, leave SourceIds out (all sources), keep Enabled true "
        f"and leave EventCategories out or include {', '.join(categories)}"
    )

    def check(subscription: Resource, ctx: RuleContext) -> Verdict:
        props = subscription.props
        if props.has("SourceType"):
            kind = str(props.get("SourceType")).lower()
            if kind != source_type:
                return Verdict.not_applicable(f"out of scope: SourceType is {kind}")
        enabled = judge(prop("Enabled", absent=True).is_true(), subscription, ctx)
        if enabled.status is not Status.PASS:
            return enabled
        if props.values("SourceIds"):
            return Verdict(
                Status.FAIL,
                path="SourceIds",
                found=props.get("SourceIds"),
                reason="only the listed sources are covered",
            )
        held = {str(c).lower() for c in props.values("EventCategories")}
        missing = [c for c in categories if held and c not in held]
        if missing:
            return Verdict(
                Status.FAIL,
                path="EventCategories",
                found=props.get("EventCategories"),
                reason="missing " + ", ".join(f"'{c}'" for c in missing),
            )
        return Verdict.passed()

    check.__doc__ = (
        f"A subscription whose `SourceType` is `{source_type}`, or absent (every source "
        f"type), is `Enabled` (absent: `true`), names no `SourceIds` (all sources), and its "
        f"`EventCategories` is absent or empty (every category) or holds {wanted}. "
        f"Subscriptions of another source type are not applicable. Security Hub passes an "
        f"account without subscriptions, so a template without one has nothing to evaluate. "
        f"`SourceIds` that name some sources fail (the conservative verdict: Security Hub's "
        f"remediation includes all of them)."
    )
    rule(control_id, SUBSCRIPTION, fix=fix)(check)


for _control_id, (_source, _categories) in EVENT_CONTROLS.items():
    _event_subscription(_control_id, _source, _categories)
