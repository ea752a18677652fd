"""Amazon DocumentDB: :class:`SecureDocDbCluster`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import aws_cdk as cdk
from aws_cdk import aws_docdb as docdb
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = [
    "BACKUP_RETENTION",
    "ENGINE_VERSION",
    "SecureDocDbCluster",
    "secure_docdb_cluster_defaults",
    "secure_docdb_parameters",
]

#: Automated backups are kept this long (Security Hub's default minimum).
BACKUP_RETENTION = cdk.Duration.days(7)
#: The engine version the cluster runs unless ``engine_version`` is given: the parameter
#: group's family must name it.
ENGINE_VERSION = "5.0.0"


def secure_docdb_parameters() -> dict[str, str]:
    """The cluster parameters :class:`SecureDocDbCluster`'s parameter group sets."""
    return {
        # DocumentDB.6: connections without TLS 1.2 or later are refused.
        "tls": "tls1.2+",
        # DocumentDB.4: audit events are written (the export alone publishes nothing).
        "audit_logs": "enabled",
    }


def secure_docdb_cluster_defaults(
    given: Mapping[str, Any] | None = None,
    *,
    scope: Construct | None = None,
    id: str | None = None,
) -> dict[str, Any]:
    """The props :class:`SecureDocDbCluster` sets unless the caller gives them (``given``:
    the props given, which some defaults give way to). With ``scope`` and ``id`` (the
    property injector's), the parameter group is created there as ``<id>ParameterGroup``
    and named in the defaults; :class:`SecureDocDbCluster` creates it as its child instead.
    """
    defaults: dict[str, Any] = {
        # DocumentDB.1: storage encrypted at rest.
        "storage_encrypted": True,
        # DocumentDB.2: automated backups kept 7 days.
        "backup": docdb.BackupProps(retention=BACKUP_RETENTION),
        # DocumentDB.4: the audit log exported to CloudWatch Logs.
        "export_audit_logs_to_cloud_watch": True,
        # DocumentDB.5: deletion protection.
        "deletion_protection": True,
    }
    # SecretsManager.1, SecretsManager.4: DocumentDB keeps the password in Secrets Manager
    # and rotates it (not with a password of your own in master_user).
    if _password((given or {}).get("master_user")) is None:
        defaults["manage_master_user_password"] = True
    if scope is not None and (given or {}).get("parameter_group") is None:
        version = str((given or {}).get("engine_version") or ENGINE_VERSION)
        defaults["engine_version"] = version
        # DocumentDB.6 (and DocumentDB.4): TLS 1.2+ required, audit events written.
        defaults["parameter_group"] = docdb.ClusterParameterGroup(
            scope,
            f"{id}ParameterGroup",
            family=_family(version),
            description=f"{id}: TLS 1.2+ required, audit logs on",
            parameters=secure_docdb_parameters(),
        )
    return defaults


def _password(login: Any) -> Any:
    if isinstance(login, Mapping):
        return login.get("password")
    return getattr(login, "password", None)


def _family(version: str) -> str:
    """``docdb5.0`` for ``5.0.0``: the parameter group family of an engine version."""
    return "docdb" + ".".join(version.split(".")[:2])


class SecureDocDbCluster(docdb.DatabaseCluster):
    """A DocumentDB cluster with the FSBP DocumentDB controls met by default.

    Takes every prop of :class:`aws_cdk.aws_docdb.DatabaseCluster` (``master_user``,
    ``instance_type`` and ``vpc`` are required, as there); these defaults differ. A
    noncompliant value given instead is reported by ``FsbpChecks`` at synth unless
    acknowledged with ``Validations.of(cluster).acknowledge(Acknowledgment(
    id="FSBP::FSBP-DocumentDB.<n>", reason=...))``.

    - ``storage_encrypted``: ``True`` (DocumentDB.1; aws-cdk-lib's default too), with the
      AWS-managed key unless ``kms_key`` is given. No cost.
    - ``backup``: 7 days' retention (DocumentDB.2); backup storage beyond the cluster's size
      is billed.
    - ``export_audit_logs_to_cloud_watch``: ``True`` (DocumentDB.4); billed as CloudWatch
      Logs ingestion and storage.
    - ``deletion_protection``: ``True`` (DocumentDB.5): stack deletion fails until it is
      turned off; ``deletion_protection=False`` and acknowledge DocumentDB.5 for throw-away
      stacks.
    - ``manage_master_user_password``: ``True`` (SecretsManager.1 and SecretsManager.4 on
      the password's secret): DocumentDB creates the secret and rotates it every 7 days;
      its ARN is the ``attr_master_user_secret_secret_arn`` of
      ``cluster.node.default_child``, and :attr:`secret` is ``None``. Left out when
      ``master_user`` has a ``password``; ``manage_master_user_password=False`` makes
      aws-cdk-lib generate a secret without rotation (add it with
      :meth:`add_rotation_single_user`).
    - ``parameter_group``: a cluster parameter group created as the child
      ``ParameterGroup`` (:attr:`parameter_group`) with ``tls`` ``tls1.2+``
      (DocumentDB.6: clients must connect with TLS 1.2 or later) and ``audit_logs``
      ``enabled`` (DocumentDB.4: without it the exported audit log stays empty). Its family
      follows ``engine_version``, which defaults to :data:`ENGINE_VERSION` (``5.0.0``) when
      this group is created. Give your own ``parameter_group`` to use it instead (set both
      parameters there).

    Example::

        SecureDocDbCluster(stack, "Docs",
                           master_user=docdb.Login(username="docadmin"),
                           instance_type=ec2.InstanceType("r6g.large"),
                           vpc=vpc)
    """

    @same_props_as(docdb.DatabaseCluster)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        merged = merge_defaults(secure_docdb_cluster_defaults(props), props)
        creates_group = merged.get("parameter_group") is None
        if creates_group:
            merged.setdefault("engine_version", ENGINE_VERSION)
        super().__init__(scope, id, **merged)
        #: The parameter group created with TLS and audit logs on (``None`` when given).
        self.parameter_group: docdb.ClusterParameterGroup | None = None
        if creates_group:
            version = str(merged["engine_version"])
            self.parameter_group = docdb.ClusterParameterGroup(
                self,
                "ParameterGroup",
                family=_family(version),
                description=f"{self.node.path}: TLS 1.2+ required, audit logs on",
                parameters=secure_docdb_parameters(),
            )
            cluster = cast(docdb.CfnDBCluster, self.node.default_child)
            cluster.db_cluster_parameter_group_name = self.parameter_group.parameter_group_name
