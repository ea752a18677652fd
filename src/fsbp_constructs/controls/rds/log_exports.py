"""RDS log exports to CloudWatch Logs: RDS.9, RDS.34, RDS.36, RDS.37, RDS.40, RDS.42."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...engine.checks import Check, all_of, control, prop
from ...engine.model import Resource
from ...engine.registry import (
    Parameter,
    RuleContext,
    Status,
    Verdict,
    rule,
)
from ...engine.values import Kind, Undecidable, View
from ._shared import (
    CLUSTER,
    INSTANCE,
    NO_ENGINE,
    SQLSERVER_ENGINES,
    engine_is,
    judge,
    out_of_scope,
    through_cluster,
)

# --------------------------------------------------------------------------- log exports

_LOGS = "EnableCloudwatchLogsExports"


def _full(view: View, path: str) -> str:
    return f"{view.path}.{path}" if view.path else path


@dataclass(frozen=True)
class _Publishes(Check):
    """`EnableCloudwatchLogsExports` holds every log type of ``types`` (or of the control
    parameter ``parameter`` when it is set); absent publishes nothing and fails."""

    types: tuple[str, ...]
    parameter: str | None = None

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        wanted = params.get(self.parameter) if self.parameter else None
        required = tuple(wanted) if wanted else self.types
        path = _full(view, _LOGS)
        if not view.has(_LOGS):
            return Verdict(Status.FAIL, path=path, found=None, reason="no log is published")
        values = view.get(_LOGS)
        if not isinstance(values, list):
            raise Undecidable(path, f"a value that is not a list ({values!r})")
        held = {str(v).lower() for v in values}
        missing = [t for t in required if t.lower() not in held]
        if missing:
            return Verdict(
                Status.FAIL,
                path=path,
                found=values,
                reason="missing " + ", ".join(f"'{t}'" for t in missing),
            )
        return Verdict.passed()

    def describe(self) -> str:
        types = " and ".join(f"`{t}`" for t in self.types)
        if self.parameter:
            types = f"every log type of the `{self.parameter}` parameter (default {types})"
        return f"`{_LOGS}` holds {types} (ignoring case); absent publishes nothing and fails"

    def params(self) -> set[str]:
        return {self.parameter} if self.parameter else set()


def _log_types_parameter(
    name: str, choices: tuple[str, ...], default: tuple[str, ...]
) -> Parameter:
    """Security Hub's `logTypes` EnumList parameter: a non-empty list of ``choices``."""

    def parse(value: object) -> tuple[str, ...]:
        if (
            isinstance(value, (list, tuple))
            and value
            and len(value) <= len(choices)
            and all(isinstance(v, str) and v in choices for v in value)
        ):
            return tuple(value)
        raise ValueError(
            f"must be a non-empty list of {', '.join(choices)} (Security Hub's EnumList), "
            f"not {value!r}"
        )

    return Parameter(
        name,
        default=default,
        description=f"The log types every instance must publish to CloudWatch Logs: a "
        f"non-empty list of {', '.join(choices)} (Security Hub's default "
        f"{', '.join(default)}).",
        parse=parse,
    )


def _instance_logs(instance: Resource, ctx: RuleContext, check: Check) -> Verdict:
    """``check`` on the instance's own log exports, or on its DB cluster's, which holds the
    log exports of the instances of an Aurora or Multi-AZ DB cluster."""
    member = through_cluster(instance, ctx, check, _LOGS_FIX, "log exports")
    if member is not None:
        return member
    return judge(check, instance, ctx)


_LOGS_FIX = "add the missing log types to EnableCloudwatchLogsExports"

_MYSQL_LOGS = ("audit", "error", "general", "slowquery")
#: RDS.9's log types by engine: an exact engine name, or a prefix ending in `-`.
RDS9_LOG_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aurora-postgresql", ("postgresql",)),
    ("aurora-mysql", _MYSQL_LOGS),
    ("aurora", _MYSQL_LOGS),
    ("mysql", _MYSQL_LOGS),
    ("mariadb", _MYSQL_LOGS),
    ("postgres", ("postgresql", "upgrade")),
    ("oracle-", ("alert", "audit", "trace", "listener")),
    ("sqlserver-", ("error", "agent")),
)


def _rds9_types(engine: str) -> tuple[str, ...] | None:
    for name, types in RDS9_LOG_TYPES:
        if engine == name or (name.endswith("-") and engine.startswith(name)):
            return types
    return None


@rule("RDS.9", INSTANCE, fix=_LOGS_FIX)
def instance_publishes_logs(instance: Resource, ctx: RuleContext) -> Verdict:
    """`EnableCloudwatchLogsExports` holds every log type Security Hub requires of the
    instance's `Engine`: MySQL, MariaDB and Aurora MySQL (`aurora`, `aurora-mysql`) `audit`,
    `error`, `general`, `slowquery`; PostgreSQL `postgresql`, `upgrade`; Aurora PostgreSQL
    `postgresql`; Oracle (`oracle-*`) `alert`, `audit`, `trace`, `listener`; SQL Server
    (`sqlserver-*`) `error`, `agent`. Absent publishes nothing and fails. Other engines (Db2,
    RDS Custom) are not applicable; an absent engine (copied from a snapshot or source) is
    UNKNOWN. An instance of a DB cluster (`DBClusterIdentifier`) is judged on its cluster's
    `EnableCloudwatchLogsExports`, which holds the exports of its instances; a cluster outside
    the template is UNKNOWN.

    Code, not a declaration: the log types depend on the engine, and the value may come from
    another resource (the cluster).
    """
    if not instance.props.has("Engine"):
        raise Undecidable("Engine", NO_ENGINE, Kind.RESOURCE_ID)
    engine = str(instance.props.get("Engine")).lower()
    types = _rds9_types(engine)
    if types is None:
        return Verdict.not_applicable(f"out of scope: engine {engine} has no required log types")
    return _instance_logs(instance, ctx, _Publishes(types))


@rule("RDS.36", INSTANCE, fix="add postgresql to EnableCloudwatchLogsExports")
def postgres_publishes_logs(instance: Resource, ctx: RuleContext) -> Verdict:
    """`EnableCloudwatchLogsExports` holds `postgresql` (Security Hub's `logTypes`, not
    customizable); absent publishes nothing and fails. Only instances whose `Engine` is
    `postgres` (ignoring case) are evaluated; an absent engine is UNKNOWN. An instance of a
    Multi-AZ DB cluster (`DBClusterIdentifier`) is judged on its cluster's log exports.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    out = out_of_scope(instance, ctx, engine_is("postgres"))
    if out is not None:
        return out
    return _instance_logs(instance, ctx, _Publishes(("postgresql",)))


control(
    "RDS.40",
    INSTANCE,
    check=_Publishes(("agent", "error"), parameter="logTypes"),
    when=engine_is(*SQLSERVER_ENGINES),
    parameters=[_log_types_parameter("logTypes", ("agent", "error"), ("agent", "error"))],
    fix="add the logTypes (default agent and error) to EnableCloudwatchLogsExports",
    note="SQL Server engines: `sqlserver-ee`, `sqlserver-se`, `sqlserver-ex`, "
    "`sqlserver-web`; RDS Custom for SQL Server publishes no logs this way and is not "
    "applicable.",
)

control(
    "RDS.42",
    INSTANCE,
    check=_Publishes(("audit", "error"), parameter="logTypes"),
    when=engine_is("mariadb"),
    parameters=[_log_types_parameter("logTypes", _MYSQL_LOGS, ("audit", "error"))],
    fix="add the logTypes (default audit and error) to EnableCloudwatchLogsExports",
    note="MariaDB publishes `audit` logs only with the `MARIADB_AUDIT_PLUGIN` option in its "
    "option group; the control reads the exports only.",
)

control(
    "RDS.34",
    CLUSTER,
    check=_Publishes(("audit",)),
    when=all_of(
        engine_is("aurora-mysql", "aurora"),
        prop("EngineMode", absent="provisioned").none_of("serverless", ignore_case=True),
    ),
    fix="add audit to EnableCloudwatchLogsExports",
    note="Aurora MySQL clusters (`aurora-mysql`, and the retired `aurora`); Aurora "
    "Serverless v1 (`EngineMode: serverless`) is not applicable. Publishing through the "
    "`server_audit_logs_upload` cluster parameter is not read (open question whether "
    "Security Hub counts it: the conservative verdict fails).",
)

control(
    "RDS.37",
    CLUSTER,
    check=_Publishes(("postgresql",)),
    when=engine_is("aurora-postgresql"),
    fix="add postgresql to EnableCloudwatchLogsExports",
)
