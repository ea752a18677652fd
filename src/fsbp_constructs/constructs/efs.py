"""Amazon EFS: an access point that always confines clients to a directory and an identity."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_efs as efs
from constructs import Construct

__all__ = ["SecureAccessPoint"]


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
