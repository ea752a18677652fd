"""Amazon EFS: EFS.3, EFS.4."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("EFS.3", "AWS::EFS::AccessPoint")
def access_point_enforces_root_directory(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`RootDirectory.Path` is set and is not `/`. Absent means `/`."""
    path = get(access_point.properties, "RootDirectory.Path")
    if path is not None and str(path).rstrip("/") != "":
        return Verdict.passed()
    return Verdict.failed(
        "RootDirectory.Path",
        path,
        "set RootDirectory.Path to a directory below / (SecureAccessPoint requires one)",
    )


@rule("EFS.4", "AWS::EFS::AccessPoint")
def access_point_enforces_user_identity(access_point: Resource, ctx: RuleContext) -> Verdict:
    """`PosixUser` is set."""
    if get(access_point.properties, "PosixUser", deep=False) is not None:
        return Verdict.passed()
    return Verdict.failed(
        "PosixUser", None, "set PosixUser with a Uid and Gid (SecureAccessPoint requires one)"
    )
