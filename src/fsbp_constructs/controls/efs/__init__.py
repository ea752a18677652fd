"""Amazon EFS: EFS.1, EFS.3, EFS.4, EFS.7, EFS.8."""

from __future__ import annotations

from ...engine.checks import control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable

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
)

control(
    "EFS.8",
    "AWS::EFS::FileSystem",
    check=prop("Encrypted", absent=False).is_true(),
    fix=_ENCRYPTED_FIX,
    note="The Config rule's optional `kmsKeyArns` list is not exposed by Security Hub: any "
    "KMS key passes.",
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
    return Verdict.failed("PosixUser", None, _EFS4_FIX)


_EFS7_FIX = "set BackupPolicy.Status to ENABLED"


@rule("EFS.7", "AWS::EFS::FileSystem", fix=_EFS7_FIX)
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
        return Verdict.failed("BackupPolicy.Status", status, _EFS7_FIX)
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
