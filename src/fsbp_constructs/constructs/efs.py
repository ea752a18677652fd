"""Amazon EFS: :class:`SecureFileSystem`, and an access point that always confines clients to
a directory and an identity (:class:`SecureAccessPoint`)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_efs as efs
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = ["SecureAccessPoint", "SecureFileSystem", "secure_file_system_defaults"]


def secure_file_system_defaults() -> dict[str, Any]:
    """The props :class:`SecureFileSystem` sets unless the caller gives them."""
    return {
        # EFS.1 and EFS.8: data at rest is encrypted (the AWS managed key unless kms_key).
        "encrypted": True,
        # EFS.7 and EFS.2: automatic backups, in AWS Backup's default EFS backup plan.
        "enable_automatic_backups": True,
    }


class SecureFileSystem(efs.FileSystem):
    """An EFS file system with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_efs.FileSystem` (``vpc`` is required, as there);
    these defaults differ:

    - ``encrypted``: ``True`` (EFS.1, EFS.8), stated whatever the app's feature flags. Without
      ``kms_key`` EFS uses the AWS managed key ``aws/elasticfilesystem`` (no key to pay for);
      give ``kms_key`` for a customer managed key. Encryption is chosen at creation: turning
      it on for an existing file system replaces it.
    - ``enable_automatic_backups``: ``True`` (EFS.7; with it EFS.2, since automatic backups
      put the file system in AWS Backup's default EFS plan: daily, kept 35 days). **Costs**
      backup storage, per GB-month. Where another backup plan already covers the file system
      (an ``aws_backup.BackupPlan`` selecting it), give ``enable_automatic_backups=False`` and
      acknowledge ``FSBP::FSBP-EFS.7`` with that reason.

    Overriding a default to a noncompliant value is allowed; ``FsbpChecks`` then reports the
    control at synth unless it is acknowledged.

    Example::

        fs = SecureFileSystem(stack, "Shared", vpc=vpc)
    """

    @same_props_as(efs.FileSystem)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id, **merge_defaults(secure_file_system_defaults(), props))


class SecureAccessPoint(efs.AccessPoint):
    """An ``efs.AccessPoint`` that enforces a root directory and a POSIX user.

    Both are required, since no default could be right for every file system:

    - ``path`` (EFS.3): the directory clients see as ``/``. It must be below ``/``; the file
      system's root is refused at construction.
    - ``posix_user`` (EFS.4): the user and group every file operation runs as.

    Secure defaults:

    - ``create_acl``: ``Acl(owner_uid=posix_user.uid, owner_gid=posix_user.gid,
      permissions="750")``, so that EFS creates ``path`` owned by that user when it does not
      exist yet (without it, mounting a missing directory fails). Not an FSBP control.

    ``client_token``, the other prop of ``efs.AccessPoint``, is passed unchanged.

    Example::

        SecureAccessPoint(self, "AppData", file_system=fs, path="/app",
                          posix_user=efs.PosixUser(uid="1000", gid="1000"))

    :raises ValueError: when ``path`` is ``/`` (or only slashes) or not absolute.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        file_system: efs.IFileSystem,
        path: str,
        posix_user: efs.PosixUser,
        create_acl: efs.Acl | None = None,
        client_token: str | None = None,
    ) -> None:
        _check_path(path)
        if posix_user is None:
            raise ValueError(
                "SecureAccessPoint needs posix_user (EFS.4): pass "
                "posix_user=efs.PosixUser(uid=..., gid=...) for the identity clients act as"
            )
        if create_acl is None:
            create_acl = efs.Acl(
                owner_uid=posix_user.uid, owner_gid=posix_user.gid, permissions="750"
            )
        super().__init__(
            scope,
            id,
            file_system=file_system,
            path=path,
            posix_user=posix_user,
            create_acl=create_acl,
            client_token=client_token,
        )


def _check_path(path: str) -> None:
    if cdk.Token.is_unresolved(path):
        return
    if not path.startswith("/"):
        raise ValueError(
            f"SecureAccessPoint path {path!r} is not absolute: write it from the file system's "
            "root, e.g. '/app'"
        )
    if path.strip("/") == "":
        raise ValueError(
            f"SecureAccessPoint path {path!r} is the file system's root, which EFS.3 forbids: "
            "pick a directory below it, e.g. '/app'"
        )
