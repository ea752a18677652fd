"""Amazon EFS: EFS.1, EFS.2, EFS.3, EFS.4, EFS.7, EFS.8."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from typing import Any

from ...engine.checks import control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable, View

_ENCRYPTED_REMEDY = Remedy(
    {"Encrypted": True},
    safe=False,
    breaks="Encryption is chosen at creation: on an existing file system CloudFormation "
    "replaces it with a new, empty one (restore the data from a backup). New file systems "
    "lose nothing; the AWS managed key `aws/elasticfilesystem` is used unless KmsKeyId is set.",
)

_ENCRYPTED_FIX = (
    "set Encrypted to true (optionally with KmsKeyId); encryption is chosen at creation, so "
    "this replaces the file system"
)

control(
    "EFS.1",
    "AWS::EFS::FileSystem",
    check=prop("Encrypted", absent=False).is_true(),
    fix=_ENCRYPTED_FIX,
    note="EFS encrypts at rest only with KMS keys, so `Encrypted` decides; the Config rule's "
    "`KmsKeyId` parameter is not used by Security Hub.",
    remedy=_ENCRYPTED_REMEDY,
)

control(
    "EFS.8",
    "AWS::EFS::FileSystem",
    check=prop("Encrypted", absent=False).is_true(),
    fix=_ENCRYPTED_FIX,
    note="The Config rule's optional `kmsKeyArns` list is not exposed by Security Hub: any "
    "KMS key passes.",
    remedy=_ENCRYPTED_REMEDY,
)

control(
    "EFS.3",
    "AWS::EFS::AccessPoint",
    check=prop("RootDirectory.Path", absent="/").matches(r"[^/]"),
    fix="set RootDirectory.Path to a directory below /, such as /data",
    note="That is, a path made only of slashes (`/`, `//`) is the file system's root and fails.",
)

_EFS4_FIX = "set PosixUser with a Uid and a Gid"


@rule("EFS.4", "AWS::EFS::AccessPoint", fix=_EFS4_FIX)
def access_point_enforces_user_identity(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`PosixUser` is set; absent fails. Only its presence counts: a `Uid` or `Gid` known
    only at deploy time still passes.

    Code, not a declaration: `prop(...).present()` reads the whole value, so a deploy-time
    `Uid` would make it UNKNOWN; this reads presence only (`View.has`).
    """
    if access_point.props.has("PosixUser"):
        return Verdict.passed()
    return Verdict.failed("PosixUser", None)


_EFS7_FIX = "set BackupPolicy.Status to ENABLED"


_BACKUP_REMEDY = Remedy(
    {"BackupPolicy.Status": "ENABLED"},
    safe=False,
    breaks="Nothing breaks, but it costs: AWS Backup's default EFS plan keeps a daily backup "
    "for 35 days, billed as backup storage (per GB-month).",
)


@rule("EFS.7", "AWS::EFS::FileSystem", fix=_EFS7_FIX, remedy=_BACKUP_REMEDY)
def file_system_backs_up(file_system: Resource, ctx: RuleContext) -> Verdict:
    """`BackupPolicy.Status` is `ENABLED`. An absent `BackupPolicy` fails on a Regional file
    system: EFS turns automatic backups off when a file system is created through the API
    (only the console turns them on). On a One Zone file system (`AvailabilityZoneName`
    set) the EFS API turns them on by default; whether CloudFormation keeps that default is
    not documented, so an absent `BackupPolicy` there is UNKNOWN (conservative verdict).

    Code, not a declaration: what absent means depends on another property.
    """
    status = file_system.props.get("BackupPolicy.Status")
    if status == "ENABLED":
        return Verdict.passed()
    if status is not None:
        return Verdict.failed("BackupPolicy.Status", status)
    if file_system.props.has("AvailabilityZoneName"):
        raise Undecidable(
            "BackupPolicy.Status",
            "the default of a One Zone file system created without a backup policy "
            "(EFS turns backups on; CloudFormation's behaviour is not documented)",
            Kind.ACCOUNT_DEFAULT,
        )
    return Verdict(
        Status.FAIL,
        path="BackupPolicy.Status",
        fix=_EFS7_FIX,
        reason="absent means DISABLED (automatic backups are off for file systems created "
        "through the API)",
    )


# --------------------------------------------------------------------------- EFS.2

_SELECTION = "AWS::Backup::BackupSelection"
_EFS2_FIX = (
    "set BackupPolicy.Status to ENABLED (EFS's automatic backups, in AWS Backup's default "
    "EFS plan), or select the file system in an AWS::Backup::BackupSelection of a backup "
    "plan (BackupSelection.Resources with its ARN, or ListOfTags matching its tags)"
)


def _tags(file_system: Resource) -> dict[str, Any]:
    """The decided `FileSystemTags` of the file system, key -> value."""
    found: dict[str, Any] = {}
    try:
        items = list(file_system.props.items("FileSystemTags"))
    except Undecidable:
        return found
    for item in items:
        try:
            found[str(item.get("Key"))] = item.get("Value")
        except Undecidable:
            continue
    return found


def _selects_all_file_systems(selection: View) -> bool:
    """Whether a selection's `Resources` holds a pattern covering every EFS file system
    (`*`, `arn:aws:elasticfilesystem:*`...)."""
    probe = "arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-0123456789abcdef0"
    for value in selection.values("BackupSelection.Resources"):
        if isinstance(value, str) and "*" in value and fnmatch.fnmatchcase(probe, value):
            return True
    return False


def _tag(key: Any, value: Any) -> tuple[str, str]:
    return str(key), json.dumps(value, sort_keys=True, default=str)


@dataclass(frozen=True)
class _Selections:
    """What the app's backup selections select beyond their `Ref`s, read once per app: a
    wildcard covering every file system, the `STRINGEQUALS` tag conditions, and the first
    selection part the template cannot decide."""

    every_file_system: bool
    tags: frozenset[tuple[str, str]]
    undecided: Undecidable | None


def _selections(ctx: RuleContext) -> _Selections:
    def build() -> _Selections:
        every, tags, undecided = False, set(), None
        for selection in ctx.app.resources(_SELECTION):
            try:
                every = every or _selects_all_file_systems(selection.props)
            except Undecidable as error:
                undecided = undecided or error
            try:
                for condition in selection.props.items("BackupSelection.ListOfTags"):
                    if str(condition.get("ConditionType")).upper() == "STRINGEQUALS":
                        tags.add(
                            _tag(condition.get("ConditionKey"), condition.get("ConditionValue"))
                        )
            except Undecidable as error:
                undecided = undecided or error
        return _Selections(every, frozenset(tags), undecided)

    return ctx.app.memo("EFS.2 backup selections", build)


def _in_selection(file_system: Resource, ctx: RuleContext) -> bool:
    """Whether an AWS::Backup::BackupSelection of the app selects the file system; raises
    ``Undecidable`` when a selection that might does not say. (A selection selects what its
    `Resources` or its `ListOfTags` name; the selections are read once per app.)"""
    for ref in ctx.app.referrers(file_system, _SELECTION):
        if ref.path.startswith("BackupSelection.Resources"):
            return True
    selections = _selections(ctx)
    if selections.every_file_system:
        return True
    if any(_tag(k, v) in selections.tags for k, v in _tags(file_system).items()):
        return True
    if selections.undecided is not None:
        raise selections.undecided
    return False


@rule(
    "EFS.2",
    "AWS::EFS::FileSystem",
    fix=_EFS2_FIX,
    remedy=_BACKUP_REMEDY,
)
def file_system_in_backup_plan(file_system: Resource, ctx: RuleContext) -> Verdict:
    """The file system is in an AWS Backup plan that the template shows: its
    `BackupPolicy.Status` is `ENABLED` (EFS's automatic backups, which put it in AWS Backup's
    default EFS plan, the fix Security Hub gives), or an `AWS::Backup::BackupSelection` of
    the app selects it (its `Ref` or ARN in `BackupSelection.Resources`, a wildcard ARN
    covering every EFS file system, or a `ListOfTags` `STRINGEQUALS` condition matching one of
    its `FileSystemTags`). Otherwise UNKNOWN, never FAIL: a backup plan outside the template
    (an organization backup policy, a plan selecting by tag or by resource type) may select
    it (conservative verdict).

    Code, not a declaration: it looks for backup selections across the app.
    """
    status = file_system.props.get("BackupPolicy.Status")
    if status == "ENABLED":
        return Verdict.passed()
    if _in_selection(file_system, ctx):
        return Verdict.passed()
    why = (
        "automatic backups are off"
        if status is not None
        else "no BackupPolicy (automatic backups are off for a file system created through the API)"
    )
    raise Undecidable(
        "BackupPolicy.Status",
        f"backup plans outside the template ({why}, and no AWS::Backup::BackupSelection of "
        "the app selects the file system)",
        Kind.ACCOUNT_DEFAULT,
    )
