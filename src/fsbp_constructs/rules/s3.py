"""Amazon S3: S3.13."""

from __future__ import annotations

from typing import Any

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import get, items

STORAGE_CLASSES = ("DEEP_ARCHIVE", "GLACIER", "GLACIER_IR", "INTELLIGENT_TIERING",
                   "ONEZONE_IA", "STANDARD_IA")


def _days(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 36500:
        raise ValueError(f"must be a whole number of days from 1 to 36500, not {value!r}")
    return value


def _storage_class(value: object) -> str | None:
    if value is None:
        return None
    if value not in STORAGE_CLASSES:
        raise ValueError(f"must be one of {', '.join(STORAGE_CLASSES)}, not {value!r}")
    return str(value)


def _matches(lifecycle_rule: dict[str, Any], where: str, targets: dict[str, Any]) -> bool:
    """Exact match of every parameter that is set (open question: conservative reading)."""
    if targets["targetExpirationDays"] is not None and get(
            lifecycle_rule, "ExpirationInDays", where=where) != targets["targetExpirationDays"]:
        return False
    days, storage = targets["targetTransitionDays"], targets["targetTransitionStorageClass"]
    if days is None and storage is None:
        return True
    transitions = [t for _, t in items(lifecycle_rule, "Transitions", where=where)]
    single = lifecycle_rule.get("Transition")
    if isinstance(single, dict):
        transitions.append(single)
    return any((days is None or t.get("TransitionInDays") == days)
               and (storage is None or t.get("StorageClass") == storage) for t in transitions)


@rule(
    "S3.13",
    "AWS::S3::Bucket",
    parameters=[
        Parameter("targetTransitionDays", None,
                  "Days after which an enabled rule must transition objects (1-36500).", _days),
        Parameter("targetExpirationDays", None,
                  "Days after which an enabled rule must expire objects (1-36500).", _days),
        Parameter("targetTransitionStorageClass", None,
                  f"Storage class an enabled rule must transition to ({', '.join(STORAGE_CLASSES)}).",
                  _storage_class),
    ],
)
def bucket_has_lifecycle_rule(bucket: Resource, ctx: RuleContext) -> Verdict:
    """`LifecycleConfiguration.Rules` has a rule with `Status: Enabled`; when the
    `targetTransitionDays`, `targetExpirationDays` or `targetTransitionStorageClass`
    parameters are set, an enabled rule must match each of them exactly (open question:
    exact equality is the conservative reading).
    """
    path = "LifecycleConfiguration.Rules"
    enabled = [(p, r) for p, r in items(bucket.properties, path)
               if get(r, "Status", where=p) == "Enabled"]
    if not enabled:
        return Verdict.failed(path, None, "add an enabled lifecycle rule (SecureBucket has one)")
    targets = {name: ctx.param(name) for name in
               ("targetTransitionDays", "targetExpirationDays", "targetTransitionStorageClass")}
    if all(v is None for v in targets.values()):
        return Verdict.passed()
    if any(_matches(r, p, targets) for p, r in enabled):
        return Verdict.passed()
    wanted = ", ".join(f"{k}={v}" for k, v in targets.items() if v is not None)
    return Verdict.failed(path, [r.get("Id") for _, r in enabled],
                          f"add an enabled lifecycle rule matching {wanted}")
