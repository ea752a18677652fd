"""Amazon S3: S3.13."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Verdict, rule
from ...engine.values import Undecidable, View

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


_RULES = "LifecycleConfiguration.Rules"
_TARGETS = ("targetTransitionDays", "targetExpirationDays", "targetTransitionStorageClass")
_FIX = (
    "add a rule with Status Enabled to LifecycleConfiguration.Rules (matching the S3.13 "
    "parameters, when they are set)"
)
_LIFECYCLE_RULE_ID = "FsbpDefaults-S3.13"


def _same_days(item: View, path: str, wanted: int) -> bool:
    """Whether the days at ``path`` are ``wanted`` (a string of digits is read as a number,
    as CloudFormation does)."""
    value = item.get(path)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    return not isinstance(value, bool) and value == wanted


def _all_hold(tests: Iterable[Callable[[], bool]]) -> bool:
    """Every test (a callable returning bool) holds: one decided False is enough to say no,
    else an undecided one raises."""
    undecided: Undecidable | None = None
    for test in tests:
        try:
            if not test():
                return False
        except Undecidable as error:
            undecided = undecided or error
    if undecided is not None:
        raise undecided
    return True


def _any_holds(tests: Iterable[Callable[[], bool]]) -> bool:
    """Some test holds: one decided True is enough to say yes, else an undecided one raises."""
    undecided: Undecidable | None = None
    for test in tests:
        try:
            if test():
                return True
        except Undecidable as error:
            undecided = undecided or error
    if undecided is not None:
        raise undecided
    return False


def _transitions(item: View) -> list[View]:
    found = list(item.items("Transitions"))
    if isinstance(item.shallow("Transition"), dict):  # the legacy single transition
        single = item.at("Transition")
        if single is not None:
            found.append(single)
    return found


def _transition_matches(transition: View, days: int | None, storage: str | None) -> bool:
    return _all_hold(
        [
            lambda: days is None or _same_days(transition, "TransitionInDays", days),
            lambda: storage is None or transition.get("StorageClass") == storage,
        ]
    )


def _matches(item: View, targets: dict[str, Any]) -> bool:
    """Whether a lifecycle rule matches every parameter that is set, exactly (open question:
    conservative reading). A transition matches when both its days and its storage class
    match; a value the template cannot decide raises ``Undecidable``."""
    expiration = targets["targetExpirationDays"]
    days, storage = targets["targetTransitionDays"], targets["targetTransitionStorageClass"]

    def expires() -> bool:
        return expiration is None or _same_days(item, "ExpirationInDays", expiration)

    def transitions() -> bool:
        if days is None and storage is None:
            return True
        return _any_holds(
            functools.partial(_transition_matches, t, days, storage) for t in _transitions(item)
        )

    return _all_hold([expires, transitions])


def _shown(item: View, keys: tuple[str, ...]) -> dict[str, Any]:
    """The decided values of ``keys`` in a rule, for the finding's message."""
    shown: dict[str, Any] = {}
    for key in keys:
        try:
            value = item.shallow(key)
        except Undecidable:
            continue
        if value is not None:
            shown[key] = value
    return shown


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
    fix=_FIX,
    remedy=Remedy(
        {
            _RULES: [
                {
                    "Id": _LIFECYCLE_RULE_ID,
                    "Status": "Enabled",
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                }
            ]
        },
        safe=False,
        breaks="CloudFormation then owns the bucket's whole lifecycle configuration: rules "
        "set outside the template are replaced. Multipart uploads running longer than "
        "7 days are aborted; with `bucket_expiration`, objects are deleted.",
        describe=f"a lifecycle rule `{_LIFECYCLE_RULE_ID}` on a bucket without an enabled "
        "rule: abort incomplete multipart uploads after 7 days, and expire objects after "
        "`bucket_expiration` when given",
    ),
)
def bucket_has_lifecycle_rule(bucket: Resource, ctx: RuleContext) -> Verdict:
    """`LifecycleConfiguration.Rules` has a rule with `Status: Enabled`; absent means no
    lifecycle configuration. When the `targetTransitionDays`, `targetExpirationDays` or
    `targetTransitionStorageClass` parameters are set, one enabled rule must match each of
    them exactly (`ExpirationInDays`; one item of `Transitions`, or the legacy `Transition`,
    with both `TransitionInDays` and `StorageClass`) (open question: exact equality is the
    conservative reading). `AWS::S3Express::DirectoryBucket` is NOT_APPLICABLE (S3.25 covers
    directory buckets).
    """
    if bucket.type == "AWS::S3Express::DirectoryBucket":
        return Verdict.not_applicable(
            "a directory bucket (S3 Express One Zone), which S3.25 covers instead of S3.13"
        )
    rules = list(bucket.props.items(_RULES))
    enabled: list[View] = []
    # Rules whose Status the template cannot decide: they may be the enabled one.
    unsure: list[tuple[View, Undecidable]] = []
    for item in rules:
        try:
            status = item.get("Status")
        except Undecidable as error:
            unsure.append((item, error))
            continue
        if status == "Enabled":
            enabled.append(item)
    targets = {name: ctx.param(name) for name in _TARGETS}
    wanted = ", ".join(f"{k}={v}" for k, v in targets.items() if v is not None)
    fix = f"add an enabled lifecycle rule matching {wanted}" if wanted else _FIX
    if not enabled and not unsure:
        statuses = [_shown(item, ("Id", "Status")) for item in rules]
        return Verdict.failed(_RULES, statuses or bucket.props.shallow(_RULES), fix)
    if not wanted:
        if enabled:
            return Verdict.passed()
        raise unsure[0][1]
    undecided: Undecidable | None = None
    for item in enabled:
        try:
            if _matches(item, targets):
                return Verdict.passed()
        except Undecidable as error:
            undecided = undecided or error
    for item, status_undecided in unsure:
        try:
            if not _matches(item, targets):
                continue
        except Undecidable:
            pass
        undecided = undecided or status_undecided
    if undecided is not None:
        raise undecided
    found = [_shown(item, _SHOWN) for item in enabled or [item for item, _ in unsure]]
    return Verdict.failed(_RULES, found, fix)
