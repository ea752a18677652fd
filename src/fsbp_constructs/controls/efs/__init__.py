"""Amazon EFS: EFS.3, EFS.4."""

from __future__ import annotations

from ...engine.checks import control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule

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
