"""Amazon S3: S3.2, S3.3, S3.5, S3.8, S3.9, S3.12, S3.13, S3.19, S3.24."""

from __future__ import annotations

import fnmatch
import functools
from collections.abc import Callable, Iterable
from typing import Any

from ...engine.checks import FAILS, all_of, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable, View, as_bool

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


# --------------------------------------------------------------------------- S3.5: TLS only

_POLICY_TYPE = "AWS::S3::BucketPolicy"
_TLS_FIX = (
    "attach an AWS::S3::BucketPolicy to the bucket with a statement that denies s3:* to "
    'Principal "*" on the bucket and its objects under the condition '
    "Bool aws:SecureTransport false"
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _denies_plain_http(statement: View) -> bool:
    """Whether one policy statement denies every S3 action to everyone over plain HTTP
    (``Bool``/``BoolIfExists`` ``aws:SecureTransport`` false); raises ``Undecidable`` when
    a value it needs is undecided."""
    if statement.get("Effect") != "Deny":
        return False
    principal = statement.get("Principal")
    if principal != "*" and not (
        isinstance(principal, dict) and "*" in _as_list(principal.get("AWS"))
    ):
        return False
    actions = [a.lower() for a in _as_list(statement.get("Action")) if isinstance(a, str)]
    if not {"s3:*", "*"} & set(actions):
        return False
    condition = statement.get("Condition")
    if not isinstance(condition, dict):
        return False
    for operator in ("Bool", "BoolIfExists"):
        block = condition.get(operator)
        if not isinstance(block, dict):
            continue
        for key, value in block.items():
            if key.lower() == "aws:securetransport" and any(
                str(v).lower() == "false" for v in _as_list(value)
            ):
                return True
    return False


def _policies_of(bucket: Resource, ctx: RuleContext) -> list[View]:
    """The policy documents of every bucket policy that points at the bucket (by ``Ref``,
    or by the bucket's literal ``BucketName``)."""
    found = [
        ref.source.props
        for ref in ctx.app.referrers(bucket, _POLICY_TYPE)
        if ref.path.split(".")[0] == "Bucket"
    ]
    try:
        name = bucket.props.get("BucketName")
    except Undecidable:
        name = None
    if isinstance(name, str):
        for policy in ctx.app.resources(_POLICY_TYPE):
            try:
                if policy.props.get("Bucket") == name:
                    found.append(policy.props)
            except Undecidable:
                continue
    return found


@rule("S3.5", "AWS::S3::Bucket", fix=_TLS_FIX)
def bucket_requires_tls(bucket: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::S3::BucketPolicy` of the app points at the bucket (`Bucket` by `Ref`, or the
    bucket's literal `BucketName`) and holds a statement with `Effect: Deny`, `Principal: "*"`
    (or `{"AWS": "*"}`), an `Action` of `s3:*` or `*`, and a `Bool` (or `BoolIfExists`)
    condition `aws:SecureTransport: false`. No bucket policy fails (S3 accepts plain HTTP
    unless a policy denies it). The statement's `Resource` is not compared with the bucket
    (open question: CDK writes the bucket and `bucket/*` ARNs). A statement the template
    cannot decide is UNKNOWN when no other statement passes.
    """
    undecided: Undecidable | None = None
    policies = _policies_of(bucket, ctx)
    for policy in policies:
        try:
            if isinstance(policy.shallow("PolicyDocument.Statement"), dict):
                single = policy.at("PolicyDocument.Statement")
                statements = [single] if single is not None else []
            else:
                statements = list(policy.items("PolicyDocument.Statement"))
        except Undecidable as error:
            undecided = undecided or error
            continue
        for statement in statements:
            try:
                if _denies_plain_http(statement):
                    return Verdict.passed()
            except Undecidable as error:
                undecided = undecided or error
    if undecided is not None:
        raise undecided
    if not policies:
        return Verdict.failed("(AWS::S3::BucketPolicy)", None, _TLS_FIX)
    return Verdict.failed(
        "(AWS::S3::BucketPolicy).PolicyDocument.Statement",
        "no statement denies requests where aws:SecureTransport is false",
        _TLS_FIX,
    )


# --------------------------------------------------------------------------- S3.8: bucket BPA

BLOCK_SETTINGS = (
    "BlockPublicAcls",
    "BlockPublicPolicy",
    "IgnorePublicAcls",
    "RestrictPublicBuckets",
)
_BPA = "PublicAccessBlockConfiguration"
_BPA_FIX = (
    "set PublicAccessBlockConfiguration with BlockPublicAcls, BlockPublicPolicy, "
    "IgnorePublicAcls and RestrictPublicBuckets all true (or remove it from a new bucket)"
)


def _blocks_all(resource: Resource, fix: str, default_why: str) -> Verdict:
    """All four settings of `PublicAccessBlockConfiguration` true; an absent configuration
    passes (``default_why``), an absent setting inside one means false."""
    if not resource.props.has(_BPA):
        return Verdict.passed(f"{_BPA} is absent: {default_why}")
    undecided: Undecidable | None = None
    for name in BLOCK_SETTINGS:
        path = f"{_BPA}.{name}"
        try:
            value = resource.props.get(path)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if value is None:
            return Verdict(Status.FAIL, path=path, fix=fix, reason="absent means false")
        flag = as_bool(value)
        if flag is None:
            undecided = undecided or Undecidable(path, f"a value that is not a boolean ({value!r})")
        elif not flag:
            return Verdict.failed(path, value, fix)
    if undecided is not None:
        raise undecided
    return Verdict.passed()


@rule("S3.8", "AWS::S3::Bucket", fix=_BPA_FIX)
def bucket_blocks_public_access(bucket: Resource, ctx: RuleContext) -> Verdict:
    """`PublicAccessBlockConfiguration` has `BlockPublicAcls`, `BlockPublicPolicy`,
    `IgnorePublicAcls` and `RestrictPublicBuckets` all true; inside a configuration, an
    absent setting means false. An absent `PublicAccessBlockConfiguration` passes: S3 turns
    all four on for every new bucket (since April 2023). Only the bucket-level settings count
    (the account-level ones are S3.1). Open question: a template update that removes the
    configuration from an existing bucket deletes it, which a template cannot show.
    """
    return _blocks_all(bucket, _BPA_FIX, "S3 blocks all public access on new buckets")


_AP_FIX = (
    "remove PublicAccessBlockConfiguration (all four settings are then on), or set "
    "BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true; "
    "this replaces the access point"
)


@rule("S3.19", "AWS::S3::AccessPoint", fix=_AP_FIX)
def access_point_blocks_public_access(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`PublicAccessBlockConfiguration` has `BlockPublicAcls`, `BlockPublicPolicy`,
    `IgnorePublicAcls` and `RestrictPublicBuckets` all true; inside a configuration, an
    absent setting means false (conservative verdict). An absent configuration passes: S3
    turns all four on for a new access point.
    """
    return _blocks_all(access_point, _AP_FIX, "S3 blocks all public access on new access points")


@rule("S3.24", "AWS::S3::MultiRegionAccessPoint", fix=_AP_FIX)
def mrap_blocks_public_access(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`PublicAccessBlockConfiguration` has `BlockPublicAcls`, `BlockPublicPolicy`,
    `IgnorePublicAcls` and `RestrictPublicBuckets` all true; inside a configuration, an
    absent setting means false (conservative verdict). An absent configuration passes: S3
    turns all four on for a new Multi-Region Access Point (and they cannot change later).
    """
    return _blocks_all(
        access_point, _AP_FIX, "S3 blocks all public access on new Multi-Region Access Points"
    )


# --------------------------------------------------------------------------- S3.9, S3.12

control(
    "S3.9",
    "AWS::S3::Bucket",
    check=prop("LoggingConfiguration", absent=FAILS).present(),
    fix="set LoggingConfiguration with DestinationBucketName (a log bucket you own)",
    note="Absent means server access logging is off. A `LoggingConfiguration` without "
    "`DestinationBucketName` passes: S3 then delivers the logs to the bucket itself.",
)

control(
    "S3.12",
    "AWS::S3::Bucket",
    check=all_of(
        each(
            "OwnershipControls.Rules",
            prop("ObjectOwnership", absent=FAILS).equals("BucketOwnerEnforced"),
        ),
        prop("AccessControl", absent="Private").equals("Private"),
    ),
    fix="set OwnershipControls.Rules to [{ObjectOwnership: BucketOwnerEnforced}] (ACLs "
    "disabled) and remove AccessControl; grant access with a bucket policy instead",
    note="An absent `OwnershipControls` means `BucketOwnerEnforced`, the default of new "
    "buckets since April 2023 (ACLs disabled). `ObjectWriter` and `BucketOwnerPreferred` "
    "fail even with a private ACL: ACLs stay enabled and can grant access (open question: "
    "conservative verdict).",
)


# --------------------------------------------------------------------------- S3.2, S3.3

#: Canned ACLs that grant everyone (or every AWS account) read or write access.
_PUBLIC_READ_ACLS = ("PublicRead", "PublicReadWrite", "AuthenticatedRead")
_PUBLIC_WRITE_ACLS = ("PublicReadWrite",)
#: Representative actions: a policy action pattern that matches one grants that access.
_READ_ACTIONS = ("s3:getobject", "s3:listbucket")
_WRITE_ACTIONS = ("s3:putobject", "s3:deleteobject")


def _is_everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _as_list(principal.get("AWS"))


def _public_grant(statement: View, actions: tuple[str, ...]) -> str | None:
    """Why the statement may grant everyone one of ``actions``, or ``None``."""
    if statement.get("Effect") != "Allow":
        return None
    if statement.has("NotPrincipal") or statement.has("NotAction"):
        return "an Allow statement with NotPrincipal or NotAction"
    if not _is_everyone(statement.get("Principal")):
        return None
    patterns = [str(a).lower() for a in _as_list(statement.get("Action"))]
    if not any(fnmatch.fnmatchcase(a, p) for a in actions for p in patterns):
        return None
    if statement.has("Condition"):
        return "an Allow statement to Principal * with a Condition (it may or may not be public)"
    return "an Allow statement to Principal * without a Condition"


def _bucket_setting(bucket: Resource, name: str) -> bool:
    """Whether a bucket-level block public access setting is on (an absent configuration
    means all four are on, as S3 sets on new buckets); raises ``Undecidable``."""
    if not bucket.props.has(_BPA):
        return True
    return as_bool(bucket.props.get(f"{_BPA}.{name}")) is True


def _public_access(
    bucket: Resource, ctx: RuleContext, acls: tuple[str, ...], actions: tuple[str, ...]
) -> Verdict:
    """PASS when neither the ACL nor a bucket policy of the app grants the access publicly,
    or when the bucket-level settings neutralize them; otherwise UNKNOWN: the account-level
    block public access settings, which the template cannot show, may still block it."""
    found: list[str] = []
    acl = bucket.props.get("AccessControl")
    if acl in acls and not _bucket_setting(bucket, "IgnorePublicAcls"):
        found.append(f"AccessControl {acl}")
    if not _bucket_setting(bucket, "RestrictPublicBuckets"):
        for policy in _policies_of(bucket, ctx):
            if isinstance(policy.shallow("PolicyDocument.Statement"), dict):
                single = policy.at("PolicyDocument.Statement")
                statements = [single] if single is not None else []
            else:
                statements = list(policy.items("PolicyDocument.Statement"))
            for statement in statements:
                why = _public_grant(statement, actions)
                if why is not None:
                    found.append(f"{why} ({statement.path})")
    if not found:
        return Verdict.passed()
    raise Undecidable(
        "AccessControl" if found[0].startswith("AccessControl") else _BPA,
        f"the account-level block public access settings, which may block {'; '.join(found)}",
        Kind.ACCOUNT_DEFAULT,
    )


_READ_FIX = (
    "remove public read grants (AccessControl PublicRead, PublicReadWrite or "
    "AuthenticatedRead; bucket policy statements that Allow Principal * to read), or set "
    "PublicAccessBlockConfiguration IgnorePublicAcls and RestrictPublicBuckets to true"
)
_WRITE_FIX = (
    "remove public write grants (AccessControl PublicReadWrite; bucket policy statements "
    "that Allow Principal * to write), or set PublicAccessBlockConfiguration "
    "IgnorePublicAcls and RestrictPublicBuckets to true"
)


@rule("S3.2", "AWS::S3::Bucket", fix=_READ_FIX)
def bucket_blocks_public_read(bucket: Resource, ctx: RuleContext) -> Verdict:
    """No public read grant survives the bucket-level settings: the canned ACL
    (`AccessControl` `PublicRead`, `PublicReadWrite` or `AuthenticatedRead`) counts unless
    `IgnorePublicAcls` is on; an `Allow` statement to `Principal: "*"` whose actions cover
    `s3:GetObject` or `s3:ListBucket`, in an `AWS::S3::BucketPolicy` of the bucket, counts
    unless `RestrictPublicBuckets` is on (an absent `PublicAccessBlockConfiguration` means
    all settings on). A grant that survives is UNKNOWN, never FAIL: the account-level block
    public access settings, which the template cannot show, may still block it (conservative
    verdict). A statement with a `Condition`, `NotPrincipal` or `NotAction` counts as a
    possible grant.
    """
    return _public_access(bucket, ctx, _PUBLIC_READ_ACLS, _READ_ACTIONS)


@rule("S3.3", "AWS::S3::Bucket", fix=_WRITE_FIX)
def bucket_blocks_public_write(bucket: Resource, ctx: RuleContext) -> Verdict:
    """No public write grant survives the bucket-level settings: the canned ACL
    `PublicReadWrite` counts unless `IgnorePublicAcls` is on; an `Allow` statement to
    `Principal: "*"` whose actions cover `s3:PutObject` or `s3:DeleteObject`, in an
    `AWS::S3::BucketPolicy` of the bucket, counts unless `RestrictPublicBuckets` is on (an
    absent `PublicAccessBlockConfiguration` means all settings on). A grant that survives is
    UNKNOWN, never FAIL: the account-level block public access settings, which the template
    cannot show, may still block it (conservative verdict). A statement with a `Condition`,
    `NotPrincipal` or `NotAction` counts as a possible grant.
    """
    return _public_access(bucket, ctx, _PUBLIC_WRITE_ACLS, _WRITE_ACTIONS)
