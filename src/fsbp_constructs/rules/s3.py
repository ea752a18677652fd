"""Amazon S3: S3.13."""

from __future__ import annotations

from typing import Any

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import Undecidable, get, items

STORAGE_CLASSES = (
    "DEEP_ARCHIVE",
    "GLACIER",
    "GLACIER_IR",
    "INTELLIGENT_TIERING",
    "ONEZONE_IA",
    "STANDARD_IA",
)


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
    """Exact match of every parameter that is set (open question: conservative reading).

    A transition matches when both its days and its storage class match the parameters that
    are set; a value the template cannot decide raises ``Undecidable``.
    """
    expiration = targets["targetExpirationDays"]
    if (
        expiration is not None
        and get(lifecycle_rule, "ExpirationInDays", where=where) != expiration
    ):
        return False
    days, storage = targets["targetTransitionDays"], targets["targetTransitionStorageClass"]
    if days is None and storage is None:
        return True
    transitions = list(items(lifecycle_rule, "Transitions", where=where))
    single = get(lifecycle_rule, "Transition", deep=False, where=where)
    if isinstance(single, dict):
        transitions.append((f"{where}.Transition", single))
    return any(
        (days is None or get(t, "TransitionInDays", where=p) == days)
        and (storage is None or get(t, "StorageClass", where=p) == storage)
        for p, t in transitions
    )


_SHOWN = ("Id", "ExpirationInDays", "Transitions", "Transition")


@rule(
    "S3.13",
    "AWS::S3::Bucket",
    "AWS::S3Express::DirectoryBucket",
    parameters=[
        Parameter(
            "targetTransitionDays",
            None,
            "Days after which an enabled rule must transition objects (1-36500).",
            _days,
        ),
        Parameter(
            "targetExpirationDays",
            None,
            "Days after which an enabled rule must expire objects (1-36500).",
            _days,
        ),
        Parameter(
            "targetTransitionStorageClass",
            None,
            "Storage class an enabled rule must transition objects to "
            f"({', '.join(STORAGE_CLASSES)}).",
            _storage_class,
        ),
    ],
)
def bucket_has_lifecycle_rule(bucket: Resource, ctx: RuleContext) -> Verdict:
    """`LifecycleConfiguration.Rules` has a rule with `Status: Enabled`; when the
    `targetTransitionDays`, `targetExpirationDays` or `targetTransitionStorageClass`
    parameters are set, an enabled rule must match each of them exactly (open question:
    exact equality is the conservative reading). `AWS::S3Express::DirectoryBucket` is
    NOT_APPLICABLE (S3.25 covers directory buckets).
    """
    if bucket.type == "AWS::S3Express::DirectoryBucket":
        return Verdict.not_applicable(
            "a directory bucket (S3 Express One Zone), which S3.25 covers instead of S3.13"
        )
    path = "LifecycleConfiguration.Rules"
    rules = list(items(bucket.properties, path))
    enabled = [(p, r) for p, r in rules if get(r, "Status", where=p) == "Enabled"]
    if not enabled:
        statuses = [{k: r[k] for k in ("Id", "Status") if k in r} for _, r in rules]
        return Verdict.failed(
            path, statuses or None, "add an enabled lifecycle rule (SecureBucket has one)"
        )
    targets = {
        name: ctx.param(name)
        for name in ("targetTransitionDays", "targetExpirationDays", "targetTransitionStorageClass")
    }
    if all(v is None for v in targets.values()):
        return Verdict.passed()
    undecided: Undecidable | None = None
    for rule_path, lifecycle_rule in enabled:
        try:
            if _matches(lifecycle_rule, rule_path, targets):
                return Verdict.passed()
        except Undecidable as error:
            undecided = undecided or error
    if undecided is not None:
        raise undecided
    wanted = ", ".join(f"{k}={v}" for k, v in targets.items() if v is not None)
    found = [{k: r[k] for k in _SHOWN if k in r} for _, r in enabled]
    return Verdict.failed(path, found, f"add an enabled lifecycle rule matching {wanted}")
