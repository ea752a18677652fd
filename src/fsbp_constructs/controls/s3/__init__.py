"""Amazon S3: S3.2, S3.3, S3.5, S3.6, S3.8, S3.9, S3.12, S3.13, S3.19, S3.24, S3.25."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from ...engine.checks import FAILS, all_of, control, each, prop
from ...engine.model import Resource, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Kind, Undecidable, Unresolved, View, as_bool
from .._policy import outside, outside_verdict

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


def _by_name(ctx: RuleContext) -> dict[str, list[View]]:
    """Every bucket policy of the app whose ``Bucket`` is a literal name, by that name
    (indexed once per app: a lookup by name stays linear in the app's size)."""
    index: dict[str, list[View]] = {}
    for policy in ctx.app.resources(_POLICY_TYPE):
        try:
            name = policy.props.get("Bucket")
        except Undecidable:
            continue
        if isinstance(name, str):
            index.setdefault(name, []).append(policy.props)
    return index


def _bucket_names(ctx: RuleContext) -> frozenset[str]:
    """The literal ``BucketName`` of every bucket of the app (indexed once per app)."""
    names: set[str] = set()
    for bucket in ctx.app.resources("AWS::S3::Bucket"):
        try:
            name = bucket.props.get("BucketName")
        except Undecidable:
            continue
        if isinstance(name, str):
            names.add(name)
    return frozenset(names)


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
        found.extend(
            ctx.app.memo("S3 bucket policies by name", lambda: _by_name(ctx)).get(name, [])
        )
    return found


def _statements(policies: list[View], undecided: Undecided) -> list[View]:
    """The statements of every policy's ``PolicyDocument`` (``Statement`` a list or one
    object); a document the template cannot decide is kept in ``undecided``."""
    found: list[View] = []
    for policy in policies:
        with undecided.kept():
            if isinstance(policy.shallow("PolicyDocument.Statement"), dict):
                single = policy.at("PolicyDocument.Statement")
                found.extend([single] if single is not None else [])
            else:
                found.extend(policy.items("PolicyDocument.Statement"))
    return found


def _is_bucket(target: Target) -> bool:
    return target.type == "AWS::S3::Bucket"


def _on_policy(
    policy: Resource, ctx: RuleContext, judged: Callable[[list[View]], Verdict]
) -> Verdict:
    """A bucket policy judged on its own when its bucket is not in the app (else its
    bucket's finding judges it): a bucket policy replaces the bucket's whole policy, so its
    statements decide."""
    targets = outside(
        policy,
        ctx,
        "Bucket",
        _is_bucket,
        ctx.app.memo("S3 bucket names", lambda: _bucket_names(ctx)).__contains__,
    )
    return outside_verdict(policy, targets, "bucket", lambda: judged([policy.props]), replaces=True)


@rule("S3.5", "AWS::S3::Bucket", fix=_TLS_FIX, policy_types=[_POLICY_TYPE])
def bucket_requires_tls(bucket: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::S3::BucketPolicy` of the app points at the bucket (`Bucket` by `Ref`, or the
    bucket's literal `BucketName`) and holds a statement with `Effect: Deny`, `Principal: "*"`
    (or `{"AWS": "*"}`), an `Action` of `s3:*` or `*`, and a `Bool` (or `BoolIfExists`)
    condition `aws:SecureTransport: false`. No bucket policy fails (S3 accepts plain HTTP
    unless a policy denies it). The statement's `Resource` is not compared with the bucket
    (open question: CDK writes the bucket and `bucket/*` ARNs). A statement the template
    cannot decide is UNKNOWN when no other statement passes. A bucket policy whose bucket is
    not in the template (a parameter, an import, a literal name no bucket of the app has) is
    judged on its own, on the policy resource: a bucket policy replaces the bucket's whole
    policy, so its statements decide PASS or FAIL. No remedy: the fix is a statement in a
    separate `AWS::S3::BucketPolicy` resource, not a property of the bucket (CDK's
    `enforce_ssl` writes it).
    """
    if bucket.type == _POLICY_TYPE:
        return _on_policy(bucket, ctx, functools.partial(_requires_tls, prefix=""))
    return _requires_tls(_policies_of(bucket, ctx), prefix="(AWS::S3::BucketPolicy).")


def _requires_tls(policies: list[View], prefix: str) -> Verdict:
    undecided = Undecided()
    for statement in _statements(policies, undecided):
        with undecided.kept():
            if _denies_plain_http(statement):
                return Verdict.passed()
    undecided.reraise()
    if not policies:
        return Verdict.failed("(AWS::S3::BucketPolicy)", None, _TLS_FIX)
    return Verdict.failed(
        f"{prefix}PolicyDocument.Statement",
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


#: Sets each block public access setting that is absent: inside a configuration (what CDK
#: writes for a partial ``BlockPublicAccess``) an absent setting means false.
_BPA_REMEDY = {f"{_BPA}.{name}": True for name in BLOCK_SETTINGS}


@rule(
    "S3.8",
    "AWS::S3::Bucket",
    fix=_BPA_FIX,
    remedy=Remedy(
        _BPA_REMEDY,
        safe=False,
        breaks="Public access stops: a bucket policy or ACL that grants everyone access (a "
        "static website, public downloads) no longer works, and a public policy can no "
        "longer be attached.",
    ),
)
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


@rule(
    "S3.19",
    "AWS::S3::AccessPoint",
    fix=_AP_FIX,
    remedy=Remedy(
        _BPA_REMEDY,
        safe=False,
        breaks="CloudFormation replaces the access point (its settings are fixed at "
        "creation): its alias and ARN change, and public access through it stops.",
    ),
)
def access_point_blocks_public_access(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`PublicAccessBlockConfiguration` has `BlockPublicAcls`, `BlockPublicPolicy`,
    `IgnorePublicAcls` and `RestrictPublicBuckets` all true; inside a configuration, an
    absent setting means false (conservative verdict). An absent configuration passes: S3
    turns all four on for a new access point.
    """
    return _blocks_all(access_point, _AP_FIX, "S3 blocks all public access on new access points")


@rule(
    "S3.24",
    "AWS::S3::MultiRegionAccessPoint",
    fix=_AP_FIX,
    remedy=Remedy(
        _BPA_REMEDY,
        safe=False,
        breaks="CloudFormation replaces the Multi-Region Access Point (its settings are fixed "
        "at creation): its alias changes, and public access through it stops.",
    ),
)
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
    "`DestinationBucketName` passes: S3 then delivers the logs to the bucket itself. The "
    "remedy does just that (under the prefix `access-logs/`), which AWS advises against "
    "for buckets in use: give a separate log bucket instead where you can.",
    remedy=Remedy(
        {"LoggingConfiguration": {"LogFilePrefix": "access-logs/"}},
        safe=False,
        breaks="The logs go into the bucket itself: every request adds log objects (storage "
        "and request charges), and event notifications, replication or lifecycle rules on "
        "the bucket also see them; a separate log bucket avoids both.",
    ),
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
    "conservative verdict). No remedy: an absent setting already passes; what fails is an "
    "explicit ownership or ACL choice, which only its author can drop.",
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


def _public_grants(policies: list[View], actions: tuple[str, ...]) -> list[str]:
    """What the statements of ``policies`` may grant everyone of ``actions``."""
    undecided = Undecided()
    found: list[str] = []
    for statement in _statements(policies, undecided):
        why = _public_grant(statement, actions)
        if why is not None:
            found.append(f"{why} ({statement.path})")
    if not found:
        undecided.reraise()
    return found


def _public_access(
    bucket: Resource, ctx: RuleContext, acls: tuple[str, ...], actions: tuple[str, ...]
) -> Verdict:
    """PASS when neither the ACL nor a bucket policy of the app grants the access publicly,
    or when the bucket-level settings neutralize them; otherwise UNKNOWN: the account-level
    block public access settings, which the template cannot show, may still block it. A
    bucket policy whose bucket is not in the app is judged on its own: PASS when it grants
    no such access, else UNKNOWN (the bucket's settings and the account's decide)."""
    if bucket.type == _POLICY_TYPE:
        return _on_policy(bucket, ctx, functools.partial(_policy_only_access, actions=actions))
    found: list[str] = []
    acl = bucket.props.get("AccessControl")
    if acl in acls and not _bucket_setting(bucket, "IgnorePublicAcls"):
        found.append(f"AccessControl {acl}")
    if not _bucket_setting(bucket, "RestrictPublicBuckets"):
        found.extend(_public_grants(_policies_of(bucket, ctx), actions))
    if not found:
        return Verdict.passed()
    raise Undecidable(
        "AccessControl" if found[0].startswith("AccessControl") else _BPA,
        f"the account-level block public access settings, which may block {'; '.join(found)}",
        Kind.ACCOUNT_DEFAULT,
    )


def _policy_only_access(policies: list[View], actions: tuple[str, ...]) -> Verdict:
    found = _public_grants(policies, actions)
    if not found:
        return Verdict.passed("the policy grants no such access (the bucket's ACL is not read)")
    raise Undecidable(
        "PolicyDocument.Statement",
        "the block public access settings of the bucket and of the account, which may block "
        + "; ".join(found),
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


#: All four settings, as S3.8 sets them: setting only IgnorePublicAcls and
#: RestrictPublicBuckets on a bucket without a configuration would create one where the
#: other two are absent, that is false.
_NEUTRALIZE_BREAKS = (
    "Public access stops: a public ACL or bucket policy (a static website, public "
    "downloads) is ignored, and only principals of the account and AWS services keep access."
)


@rule(
    "S3.2",
    "AWS::S3::Bucket",
    policy_types=[_POLICY_TYPE],
    fix=_READ_FIX,
    remedy=Remedy(_BPA_REMEDY, safe=False, breaks=_NEUTRALIZE_BREAKS),
)
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


@rule(
    "S3.3",
    "AWS::S3::Bucket",
    policy_types=[_POLICY_TYPE],
    fix=_WRITE_FIX,
    remedy=Remedy(_BPA_REMEDY, safe=False, breaks=_NEUTRALIZE_BREAKS),
)
def bucket_blocks_public_write(bucket: Resource, ctx: RuleContext) -> Verdict:
    """No public write grant survives the bucket-level settings: the canned ACL
    `PublicReadWrite` counts unless `IgnorePublicAcls` is on; an `Allow` statement to
    `Principal: "*"` whose actions cover `s3:PutObject` or `s3:DeleteObject`, in an
    `AWS::S3::BucketPolicy` of the bucket, counts unless `RestrictPublicBuckets` is on (an
    absent `PublicAccessBlockConfiguration` means all settings on). A grant that survives is
    UNKNOWN, never FAIL: the account-level block public access settings, which the template
    cannot show, may still block it (conservative verdict). A statement with a `Condition`,
    `NotPrincipal` or `NotAction` counts as a possible grant. A bucket policy whose bucket is
    not in the template is judged on its own: a grant is UNKNOWN (the bucket's settings and
    the account's decide), none passes (the bucket's ACL, outside the template, is not read).
    """
    return _public_access(bucket, ctx, _PUBLIC_WRITE_ACLS, _WRITE_ACTIONS)


# --------------------------------------------------------------------------- S3.6

#: Security Hub's default deny list for S3.6 (`blacklistedActionPatterns`).
DENIED_ACTIONS = (
    "s3:DeleteBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutBucketPolicy",
    "s3:PutEncryptionConfiguration",
    "s3:PutObjectAcl",
)
_S3_6_FIX = (
    "remove the deny-listed actions (by default s3:DeleteBucketPolicy, s3:PutBucketAcl, "
    "s3:PutBucketPolicy, s3:PutEncryptionConfiguration, s3:PutObjectAcl, and wildcards that "
    "cover them) from the Allow statements of the bucket policy whose Principal is another "
    "AWS account or *"
)
_OWN_KINDS = frozenset({Kind.ATTRIBUTE, Kind.RESOURCE_ID, Kind.IMPORT})
_ACCOUNT_IN_ARN = re.compile(r"^arn:[^:]+:(?:iam|sts)::(\d{12}):")


def _action_patterns(value: object) -> tuple[str, ...]:
    """``blacklistedActionPatterns``: S3 action names or patterns (``s3:PutBucket*``), as a
    list or as Security Hub's comma-separated string."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise ValueError(
            "must be a non-empty list of S3 action patterns such as "
            f"{', '.join(DENIED_ACTIONS)}, not {value!r}"
        )
    found: list[str] = []
    for item in items:
        text = item.strip() if isinstance(item, str) else None
        if not text or not re.fullmatch(r"s3:[A-Za-z*?]+", text):
            raise ValueError(
                "each item must be an S3 action or pattern (s3:Name, wildcards * and ?), "
                f"such as {', '.join(DENIED_ACTIONS)}; not {value!r} ({item!r})"
            )
        found.append(text)
    return tuple(found)


def _covers(granted: str, denied: str) -> bool:
    """Whether an action pattern of a statement and a deny-listed pattern share an action."""
    granted, denied = granted.lower(), denied.lower()
    return (
        fnmatch.fnmatchcase(denied, granted)
        or fnmatch.fnmatchcase(granted, denied)
        or granted in ("*", "s3:*")
    )


def _names_own_account(expr: object) -> bool:
    """Whether an unresolved principal is built on ``{"Ref": "AWS::AccountId"}`` (CDK's
    ``AccountRootPrincipal``): the deploying account, whatever it is."""
    if isinstance(expr, dict):
        if expr.get("Ref") == "AWS::AccountId":
            return True
        return any(_names_own_account(v) for v in expr.values())
    if isinstance(expr, list):
        return any(_names_own_account(v) for v in expr)
    return False


def _other_account(entry: object, own: str | None, path: str) -> bool:
    """Whether one `Principal.AWS` entry may be another account; raises ``Undecidable``."""
    if isinstance(entry, Unresolved):
        # A role or user of the app (its ARN by Fn::GetAtt, or imported from a stack of the
        # same account and Region), or an ARN built on AWS::AccountId: the stack's account.
        if entry.kind in _OWN_KINDS or _names_own_account(entry.expr):
            return False
        raise Undecidable.of(path, entry)
    if not isinstance(entry, str):
        raise Undecidable(path, f"a principal that is not a string ({entry!r})")
    if entry == "*":
        return True
    account = entry if re.fullmatch(r"\d{12}", entry) else None
    if account is None:
        match = _ACCOUNT_IN_ARN.match(entry)
        account = match.group(1) if match else None
    if account is None:
        raise Undecidable(path, f"a principal whose account is not stated ({entry!r})")
    if own is None:
        raise Undecidable(
            path,
            f"the stack's account, which an environment-agnostic stack does not state "
            f"(the principal is account {account})",
        )
    return account != own


def _cross_account_grant(statement: View, denied: tuple[str, ...], own: str | None) -> str | None:
    """What a statement grants other accounts from ``denied``, or ``None``; raises
    ``Undecidable`` when a value it needs is undecided."""
    if statement.get("Effect") != "Allow":
        return None
    if statement.has("NotAction"):
        return "an Allow statement with NotAction"
    patterns = [str(a) for a in _as_list(statement.get("Action"))]
    hits = sorted({d for d in denied for p in patterns if _covers(p, d)})
    if not hits:
        return None
    if statement.has("NotPrincipal"):
        return f"{', '.join(hits)} to every principal but those of NotPrincipal"
    principal = statement.shallow("Principal")
    path = f"{statement.path}.Principal"
    if principal == "*":
        return f"{', '.join(hits)} to Principal *"
    if isinstance(principal, Unresolved):
        raise Undecidable.of(path, principal)
    if not isinstance(principal, dict):
        return None
    entries = principal.get("AWS")
    if isinstance(entries, Unresolved):
        if entries.kind in _OWN_KINDS or _names_own_account(entries.expr):
            return None
        raise Undecidable.of(f"{path}.AWS", entries)
    others = [
        entry
        for index, entry in enumerate(_as_list(entries))
        if _other_account(entry, own, f"{path}.AWS[{index}]")
    ]
    if others:
        return f"{', '.join(hits)} to {', '.join(map(str, others))}"
    if "CanonicalUser" in principal:
        raise Undecidable(
            f"{path}.CanonicalUser",
            "the account of a canonical user, which the template does not show",
        )
    return None


@rule(
    "S3.6",
    "AWS::S3::Bucket",
    parameters=[
        Parameter(
            "blacklistedActionPatterns",
            DENIED_ACTIONS,
            "S3 actions (or patterns) that no other AWS account may be granted; default "
            f"{', '.join(DENIED_ACTIONS)}.",
            _action_patterns,
        )
    ],
    fix=_S3_6_FIX,
    policy_types=[_POLICY_TYPE],
)
def bucket_policy_denies_other_accounts(bucket: Resource, ctx: RuleContext) -> Verdict:
    """No `Allow` statement of an `AWS::S3::BucketPolicy` of the bucket (`Bucket` by `Ref`,
    or the bucket's literal `BucketName`) grants an action of `blacklistedActionPatterns`
    (by default `s3:DeleteBucketPolicy`, `s3:PutBucketAcl`, `s3:PutBucketPolicy`,
    `s3:PutEncryptionConfiguration`, `s3:PutObjectAcl`; wildcards on either side count, so
    `s3:*` grants them all) to another AWS account: `Principal: "*"`, an account id or an
    IAM ARN of an account other than the stack's, or any `NotPrincipal`; `NotAction` counts
    as a grant. `Condition` is not read, as the Config rule does not read it (a conditioned
    grant to `*` fails). No bucket policy passes. A principal built on `AWS::AccountId` (CDK's
    account root principal) is the stack's own account; an account id in an
    environment-agnostic stack, a canonical user or a principal from a parameter is UNKNOWN.
    A bucket policy whose bucket is not in the template is judged on its own, on the policy
    resource (it replaces the bucket's whole policy). No remedy: the fix is to edit
    statements of the bucket policy, which only its author can narrow.
    """
    denied: tuple[str, ...] = ctx.param("blacklistedActionPatterns")
    own = bucket.stack.account
    if bucket.type == _POLICY_TYPE:
        return _on_policy(bucket, ctx, functools.partial(_no_cross_account, denied=denied, own=own))
    return _no_cross_account(_policies_of(bucket, ctx), denied, own)


def _no_cross_account(policies: list[View], denied: tuple[str, ...], own: str | None) -> Verdict:
    undecided = Undecided()
    for statement in _statements(policies, undecided):
        with undecided.kept():
            why = _cross_account_grant(statement, denied, own)
            if why is not None:
                return Verdict.failed(statement.path, why, _S3_6_FIX)
    undecided.reraise()
    return Verdict.passed()


# --------------------------------------------------------------------------- S3.25

_DIRECTORY_FIX = (
    "add a rule with Status Enabled to LifecycleConfiguration.Rules (with ExpirationInDays "
    "equal to the targetExpirationDays parameter, when it is set)"
)


@rule(
    "S3.25",
    "AWS::S3Express::DirectoryBucket",
    parameters=[
        Parameter(
            "targetExpirationDays",
            None,
            "Days after creation at which an enabled rule must expire objects (1-36500).",
            _days,
        )
    ],
    fix=_DIRECTORY_FIX,
    remedy=Remedy(
        {
            _RULES: [
                {
                    "Id": "FsbpDefaults-S3.25",
                    "Status": "Enabled",
                    "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
                }
            ]
        },
        safe=False,
        breaks="CloudFormation then owns the directory bucket's whole lifecycle "
        "configuration: rules set outside the template are replaced. Multipart uploads "
        "running longer than 7 days are aborted.",
    ),
)
def directory_bucket_has_lifecycle_rule(bucket: Resource, ctx: RuleContext) -> Verdict:
    """`LifecycleConfiguration.Rules` has a rule with `Status: Enabled`; absent means no
    lifecycle configuration. When the `targetExpirationDays` parameter is set, an enabled
    rule must have `ExpirationInDays` equal to it (open question: exact equality is the
    conservative reading of "does not match").
    """
    wanted: int | None = ctx.param("targetExpirationDays")
    fix = (
        f"add an enabled lifecycle rule with ExpirationInDays {wanted}"
        if wanted is not None
        else _DIRECTORY_FIX
    )
    rules = list(bucket.props.items(_RULES))
    undecided: Undecidable | None = None
    for item in rules:
        try:
            if item.get("Status") != "Enabled":
                continue
            if wanted is None or _same_days(item, "ExpirationInDays", wanted):
                return Verdict.passed()
        except Undecidable as error:
            undecided = undecided or error
    if undecided is not None:
        raise undecided
    if not rules:
        return Verdict(
            Status.FAIL, path=_RULES, fix=fix, reason="absent means no lifecycle configuration"
        )
    found = [_shown(item, ("Id", "Status", "ExpirationInDays")) for item in rules]
    return Verdict.failed(_RULES, found, fix)
