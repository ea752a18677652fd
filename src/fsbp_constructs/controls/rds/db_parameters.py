"""RDS settings held in DB (cluster) parameter groups: TLS (RDS.38, RDS.39, RDS.41, RDS.44)
and Aurora MySQL audit logging (RDS.45)."""

from __future__ import annotations

import re
from typing import Any

from ...engine.model import Resource
from ...engine.registry import (
    RuleContext,
    Status,
    Verdict,
    rule,
)
from ...engine.values import Kind, Undecidable
from .._parameter_groups import ByVersion, GroupSetting, judge_setting
from ._shared import (
    CLUSTER,
    INSTANCE,
    SQLSERVER_ENGINES,
    engine_is,
    member_of_cluster,
    out_of_scope,
)

# --------------------------------------------------------------------------- parameter groups


def _truthy(value: Any) -> bool:
    """A database parameter that is on: `1`, `ON` or `true` (ignoring case)."""
    return str(value).strip().lower() in ("1", "on", "true")


def _major(text: str | None) -> tuple[int, ...] | None:
    """The first version number in ``text`` as numbers: `10.11.8` and `mariadb10.11` give
    (10, 11), `postgres16` gives (16,)."""
    found = re.search(r"(\d+)(?:\.(\d+))?", text or "")
    if found is None:
        return None
    return tuple(int(part) for part in found.groups() if part is not None)


def _instance_setting(
    names: tuple[str, ...],
    shown: str,
    *,
    default: Any = None,
    by_version: ByVersion | None = None,
    wanted: str = "must be 1",
) -> GroupSetting:
    """A parameter of the instance's DB parameter group that must be on (:func:`_truthy`)."""
    return GroupSetting(
        "DBParameterGroupName",
        "AWS::RDS::DBParameterGroup",
        names,
        shown,
        _truthy,
        wanted,
        default=default,
        by_version=by_version,
    )


def _postgres_force_ssl(version: str | None) -> Any:
    """RDS for PostgreSQL turns `rds.force_ssl` on by default from version 15."""
    major = _major(version)
    if major is None:
        raise Undecidable(
            "EngineVersion",
            "the PostgreSQL version RDS picks, whose default rds.force_ssl is 1 from version "
            "15 and 0 before",
            Kind.ACCOUNT_DEFAULT,
        )
    return "1" if major >= (15,) else "0"


_FORCE_SSL = ("rds.force_ssl",)
_SECURE_TRANSPORT = ("require_secure_transport", "rds.require_secure_transport")

_PG_FIX = "set rds.force_ssl to 1 in the DB parameter group named by DBParameterGroupName"


@rule("RDS.38", INSTANCE, fix=_PG_FIX)
def postgres_encrypted_in_transit(instance: Resource, ctx: RuleContext) -> Verdict:
    """The `rds.force_ssl` parameter of the instance's DB parameter group is `1`. The
    default is `1` from PostgreSQL 15 and `0` before (read from the group's `Family`, a
    default group's name or `EngineVersion`; unknown without any: UNKNOWN). Only instances
    whose `Engine` is `postgres` are evaluated; instances of a Multi-AZ DB cluster
    (`DBClusterIdentifier`) are not applicable.

    Code, not a declaration: the value is in another resource (the parameter group).
    """
    out = out_of_scope(instance, ctx, engine_is("postgres")) or member_of_cluster(instance)
    if out is not None:
        return out
    setting = _instance_setting(_FORCE_SSL, "rds.force_ssl", by_version=_postgres_force_ssl)
    return judge_setting(instance, ctx, setting, _PG_FIX)


_MYSQL_FIX = (
    "set require_secure_transport to 1 in the DB parameter group named by DBParameterGroupName"
)


@rule("RDS.39", INSTANCE, fix=_MYSQL_FIX)
def mysql_encrypted_in_transit(instance: Resource, ctx: RuleContext) -> Verdict:
    """The `require_secure_transport` parameter (Security Hub writes
    `rds.require_secure_transport`) of the instance's DB parameter group is on (`1` or
    `ON`); its default is off, so a default group fails (open question: whether a newer
    major version turns it on by default; the conservative verdict fails). Only instances
    whose `Engine` is `mysql` are evaluated; instances of a Multi-AZ DB cluster
    (`DBClusterIdentifier`) are not applicable.

    Code, not a declaration: the value is in another resource (the parameter group).
    """
    out = out_of_scope(instance, ctx, engine_is("mysql")) or member_of_cluster(instance)
    if out is not None:
        return out
    setting = _instance_setting(_SECURE_TRANSPORT, "require_secure_transport", default="0")
    return judge_setting(instance, ctx, setting, _MYSQL_FIX)


_SQLSERVER_FIX = "set rds.force_ssl to 1 in the DB parameter group named by DBParameterGroupName"


@rule("RDS.41", INSTANCE, fix=_SQLSERVER_FIX)
def sqlserver_encrypted_in_transit(instance: Resource, ctx: RuleContext) -> Verdict:
    """The `rds.force_ssl` parameter of the instance's DB parameter group is `1`; its
    default is `0`, so a default group fails. Only SQL Server instances (`sqlserver-ee`,
    `sqlserver-se`, `sqlserver-ex`, `sqlserver-web`) are evaluated.

    Code, not a declaration: the value is in another resource (the parameter group).
    """
    out = out_of_scope(instance, ctx, engine_is(*SQLSERVER_ENGINES))
    if out is not None:
        return out
    setting = _instance_setting(_FORCE_SSL, "rds.force_ssl", default="0")
    return judge_setting(instance, ctx, setting, _SQLSERVER_FIX)


_MARIADB_FIX = (
    "set require_secure_transport to ON in the DB parameter group named by DBParameterGroupName"
)


@rule("RDS.44", INSTANCE, fix=_MARIADB_FIX)
def mariadb_encrypted_in_transit(instance: Resource, ctx: RuleContext) -> Verdict:
    """The `require_secure_transport` parameter of the instance's DB parameter group is on
    (`ON` or `1`); its default is off, so a default group fails. Only instances whose
    `Engine` is `mariadb` are evaluated, and not those before MariaDB 10.5 (by
    `EngineVersion`, or the group's `Family`), which lack the parameter. Whether the group is
    in sync with the instance cannot be seen in a template.

    Code, not a declaration: the value is in another resource (the parameter group).
    """
    out = out_of_scope(instance, ctx, engine_is("mariadb"))
    if out is not None:
        return out
    version = instance.props.get("EngineVersion") if instance.props.has("EngineVersion") else None
    if version is None:
        group = ctx.app.follow(instance, "DBParameterGroupName")
        if group is not None and group.props.has("Family"):
            version = group.props.get("Family")
    major = _major(None if version is None else str(version))
    if major is not None and major < (10, 5):
        return Verdict.not_applicable(f"out of scope: MariaDB {version} precedes 10.5")
    setting = _instance_setting(
        _SECURE_TRANSPORT, "require_secure_transport", default="OFF", wanted="must be ON"
    )
    return judge_setting(instance, ctx, setting, _MARIADB_FIX)


_AUDIT_FIX = (
    "set server_audit_logging to 1 and server_audit_events (e.g. CONNECT,QUERY_DCL,QUERY_DDL) "
    "in the DB cluster parameter group named by DBClusterParameterGroupName"
)


@rule("RDS.45", CLUSTER, fix=_AUDIT_FIX)
def aurora_mysql_audit_logging(cluster: Resource, ctx: RuleContext) -> Verdict:
    """The DB cluster parameter group named by `DBClusterParameterGroupName` sets
    `server_audit_logging` to `1` and `server_audit_events` to a value that is not empty.
    Their defaults are `0` and empty, so no group (the default `default.aurora-mysql*`
    group) fails; a group outside the template is UNKNOWN. Only Aurora MySQL clusters
    (`aurora-mysql`, `aurora`) are evaluated. Whether the group is in sync with the cluster
    cannot be seen in a template.

    Code, not a declaration: the values are in another resource (the parameter group).
    """
    out = out_of_scope(cluster, ctx, engine_is("aurora-mysql", "aurora"))
    if out is not None:
        return out
    logging = GroupSetting(
        "DBClusterParameterGroupName",
        "AWS::RDS::DBClusterParameterGroup",
        ("server_audit_logging",),
        "server_audit_logging",
        _truthy,
        "must be 1",
        default="0",
    )
    verdict = judge_setting(cluster, ctx, logging, _AUDIT_FIX)
    if verdict.status is not Status.PASS:
        return verdict
    events = GroupSetting(
        "DBClusterParameterGroupName",
        "AWS::RDS::DBClusterParameterGroup",
        ("server_audit_events",),
        "server_audit_events",
        lambda value: bool(str(value).strip()),
        "must not be empty",
        default="",
    )
    return judge_setting(cluster, ctx, events, _AUDIT_FIX)
