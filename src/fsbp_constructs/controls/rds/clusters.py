"""RDS DB clusters and global clusters: RDS.7, RDS.12, RDS.14, RDS.15, RDS.16, RDS.24,
RDS.27, RDS.35, RDS.47, RDS.48, RDS.50, RDS.51."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ...engine.checks import all_of, control, param, prop, unknown
from ...engine.model import Resource, Target
from ...engine.registry import (
    Parameter,
    Remedy,
    RuleContext,
    Status,
    Verdict,
    rule,
)
from ...engine.values import Kind, Undecidable, Unresolved
from .._retention import MIN_BACKUP_DAYS, minimum_retention
from ._shared import (
    ADMIN,
    ADMIN_FIX,
    CLUSTER,
    CLUSTER_SOURCES,
    COPY_TAGS,
    COPY_TAGS_FIX,
    COPY_TAGS_REMEDY,
    ENCRYPT_FIX,
    ENCRYPTED,
    IAM_AUTH,
    IAM_AUTH_FIX,
    IAM_AUTH_REMEDY,
    INSTANCE,
    NO_ENGINE,
    engine_is,
    judge,
    judge_admin_name,
    out_of_scope,
    source_decides,
)

# --------------------------------------------------------------------------- RDS.27


@rule(
    "RDS.27",
    CLUSTER,
    fix=ENCRYPT_FIX,
    remedy=Remedy(
        {"StorageEncrypted": True},
        safe=False,
        breaks="CloudFormation replaces an existing cluster whose StorageEncrypted changes: "
        "the new cluster starts empty unless restored from a snapshot. Safe on new clusters.",
    ),
)
def cluster_storage_encrypted(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`StorageEncrypted` is true; absent means `false`. A cluster restored from a snapshot
    or copied from a source (`SnapshotIdentifier`, `SourceDBClusterIdentifier`,
    `SourceDBInstanceIdentifier`) without its own `StorageEncrypted` inherits the source's
    encryption: UNKNOWN. Aurora Serverless v1 (`EngineMode: serverless`) is always encrypted
    and passes.

    Code, not a declaration: a declaration cannot say "absent is UNKNOWN only when another
    property is present".
    """
    if (
        cluster.props.has("EngineMode")
        and not cluster.props.has("StorageEncrypted")
        and str(cluster.props.get("EngineMode")).lower() == "serverless"
    ):
        return Verdict.passed("Aurora Serverless v1 storage is always encrypted")
    source_decides(cluster, CLUSTER_SOURCES, "StorageEncrypted", "storage encryption")
    return judge(ENCRYPTED, cluster, ctx)


# --------------------------------------------------------------------------- RDS.7

control(
    "RDS.7",
    CLUSTER,
    check=prop("DeletionProtection", absent=False).is_true(),
    fix="set DeletionProtection to true",
    remedy=Remedy(
        {"DeletionProtection": True},
        safe=False,
        breaks="Deleting the stack, or any update that replaces the cluster, fails until "
        "deletion protection is turned off again.",
    ),
    note="Every engine of `AWS::RDS::DBCluster` is evaluated (Aurora and Multi-AZ DB clusters).",
)


# --------------------------------------------------------------------------- RDS.16

control(
    "RDS.16",
    CLUSTER,
    check=COPY_TAGS,
    when=prop(
        "Engine",
        absent=unknown("the engine of the snapshot or source the cluster is restored from"),
    ).matches(r"(?i)^aurora"),
    fix=COPY_TAGS_FIX,
    remedy=COPY_TAGS_REMEDY,
    note="Security Hub evaluates Aurora DB clusters (`aurora`, `aurora-mysql`, "
    "`aurora-postgresql`); Multi-AZ DB clusters are RDS.47 (PostgreSQL) and RDS.48 (MySQL).",
)


# --------------------------------------------------------------------------- RDS.12

control(
    "RDS.12",
    CLUSTER,
    check=IAM_AUTH,
    fix=IAM_AUTH_FIX,
    remedy=dataclasses.replace(
        IAM_AUTH_REMEDY,
        when=prop("EngineMode", absent="provisioned").none_of("serverless", ignore_case=True),
    ),
    note="Every engine of `AWS::RDS::DBCluster` is evaluated (open question: whether "
    "Security Hub skips engines without IAM authentication; evaluating them is the "
    "conservative verdict).",
)


# --------------------------------------------------------------------------- RDS.24


@rule("RDS.24", CLUSTER, fix=ADMIN_FIX)
def cluster_custom_admin(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`MasterUsername` is neither `admin` nor `postgres` (compared ignoring case: open
    question, the conservative verdict). A name from a dynamic reference to a Secrets Manager
    secret's `username` is read from the secret when the app generates it from a fixed
    `SecretStringTemplate` (CDK's generated credentials); any other dynamic reference, or an
    absent name (restored from a snapshot or copied from a source, or a secondary cluster of a
    global database), is UNKNOWN.

    Code, not a declaration: dynamic references must be recognized.
    """
    return judge_admin_name(cluster, ctx, ADMIN)


# --------------------------------------------------------------------------- RDS.14


def _backtrack_hours(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0.1 <= value <= 72:
        return float(value)
    raise ValueError(
        f"must be a number of hours from 0.1 to 72 (Security Hub's range), not {value!r}"
    )


_BACKTRACK_FIX = (
    "set BacktrackWindow to a number of seconds above 0 (at least BacktrackWindowInHours x "
    "3600 when that parameter is given); it can be set only when the cluster is created"
)


@rule(
    "RDS.14",
    CLUSTER,
    parameters=[
        Parameter(
            "BacktrackWindowInHours",
            default=None,
            description="The hours an Aurora MySQL cluster must be able to backtrack: a "
            "number from 0.1 to 72. Unset (Security Hub's default): any window above 0 "
            "passes.",
            parse=_backtrack_hours,
        )
    ],
    fix=_BACKTRACK_FIX,
)
def aurora_mysql_backtracking(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`BacktrackWindow` (seconds) is above 0, and at least the `BacktrackWindowInHours`
    parameter x 3600 when it is set; absent means `0` (backtracking off). Only Aurora MySQL
    clusters (`aurora-mysql`, `aurora`) are evaluated; an absent engine is UNKNOWN. Open
    question: whether a longer window than the parameter's passes (it does here).

    Code, not a declaration: the parameter is in hours and the property in seconds.
    """
    out = out_of_scope(cluster, ctx, engine_is("aurora-mysql", "aurora"))
    if out is not None:
        return out
    hours = ctx.parameters.get("BacktrackWindowInHours")
    window = prop("BacktrackWindow", absent=0)
    check = window.at_least(1)
    if hours is not None:
        check = all_of(check, window.at_least(hours * 3600))
    return judge(check, cluster, ctx)


# --------------------------------------------------------------------------- RDS.15

_MULTI_AZ_FIX = (
    "give the Aurora cluster at least two DB instances (DBClusterIdentifier) in different "
    "Availability Zones (AvailabilityZone)"
)


def _instance_zone(instance: Target) -> tuple[str, Any]:
    """``(kind, zone)``: a zone by name, or by index (`Fn::Select [n, Fn::GetAZs '']` with a
    literal `n`: distinct n, distinct zones); raises :class:`Undecidable` otherwise."""
    try:
        return "name", instance.props.get("AvailabilityZone")
    except Undecidable:
        marker = instance.props.unresolved("AvailabilityZone")
        expr = marker.expr if isinstance(marker, Unresolved) else None
        select = expr.get("Fn::Select") if isinstance(expr, dict) else None
        if (
            isinstance(select, list)
            and len(select) == 2
            and isinstance(select[1], dict)
            and "Fn::GetAZs" in select[1]
            and str(select[0]).isdigit()
        ):
            return "index", int(select[0])
        raise


@rule("RDS.15", CLUSTER, fix=_MULTI_AZ_FIX)
def cluster_multi_az(cluster: Resource, ctx: RuleContext) -> Verdict:
    """A Multi-AZ DB cluster (an `Engine` that is not Aurora: `mysql`, `postgres`) always
    spans three Availability Zones and passes. An Aurora cluster passes when the
    `AWS::RDS::DBInstance` resources of the app that join it (`DBClusterIdentifier`) lie in
    at least two `AvailabilityZone`s (by name, or by `Fn::Select [n, Fn::GetAZs '']` with
    distinct literal `n`); fewer than two instances fail, as do instances all pinned to one
    zone. Instances without `AvailabilityZone` get a zone RDS picks at random:
    UNKNOWN unless the pinned ones already span two zones. Instances added outside the app
    are not seen (the conservative verdict). An absent engine is UNKNOWN.

    Code, not a declaration: the zones are on other resources (the cluster's instances).
    """
    if not cluster.props.has("Engine"):
        raise Undecidable("Engine", NO_ENGINE, Kind.RESOURCE_ID)
    engine = str(cluster.props.get("Engine")).lower()
    if not engine.startswith("aurora"):
        return Verdict.passed(f"a Multi-AZ DB cluster ({engine}) spans three zones")
    members = [
        r.source for r in ctx.app.referrers(cluster, INSTANCE) if r.path == "DBClusterIdentifier"
    ]
    if len(members) < 2:
        return Verdict(
            Status.FAIL,
            path="DBInstance.DBClusterIdentifier",
            found=[m.logical_id for m in members],
            reason=f"{len(members)} DB instance(s) of the app join this Aurora cluster",
        )
    zones: dict[str, set[Any]] = {"name": set(), "index": set()}
    unpinned: list[str] = []
    for member in members:
        if member.props.has("AvailabilityZone"):
            kind, zone = _instance_zone(member)
            zones[kind].add(zone)
        else:
            unpinned.append(member.logical_id)
    spread = max(len(z) for z in zones.values())
    if spread >= 2:
        return Verdict.passed(f"instances in {spread} zones")
    if not unpinned and sum(len(z) for z in zones.values()) == 1:
        return Verdict(
            Status.FAIL,
            path="DBInstance.AvailabilityZone",
            found=[str(z) for kind in zones.values() for z in kind],
            reason="every instance of the cluster is in one Availability Zone",
        )
    if not unpinned:
        return Verdict.unknown(
            "whether a zone named and a zone picked by index (Fn::Select of Fn::GetAZs) differ",
            path="AvailabilityZone",
        )
    return Verdict.unknown(
        f"the Availability Zones RDS picks for {', '.join(unpinned)} (no AvailabilityZone)",
        path="AvailabilityZone",
    )


# --------------------------------------------------------------------------- RDS.35, 47, 48, 50

control(
    "RDS.35",
    CLUSTER,
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    when=prop("Engine", absent=unknown(NO_ENGINE)).matches(r"(?i)^(?!aurora)"),
    fix="set AutoMinorVersionUpgrade to true, or remove it",
    note="Multi-AZ DB clusters only (an `Engine` that is not Aurora); Aurora clusters are not "
    "applicable. Absent, RDS upgrades minor versions automatically.",
)

control(
    "RDS.47",
    CLUSTER,
    check=COPY_TAGS,
    when=engine_is("postgres"),
    fix=COPY_TAGS_FIX,
    remedy=COPY_TAGS_REMEDY,
    note="Multi-AZ DB clusters of RDS for PostgreSQL (`Engine: postgres`).",
)

control(
    "RDS.48",
    CLUSTER,
    check=COPY_TAGS,
    when=engine_is("mysql"),
    fix=COPY_TAGS_FIX,
    remedy=COPY_TAGS_REMEDY,
    note="Multi-AZ DB clusters of RDS for MySQL (`Engine: mysql`).",
)

control(
    "RDS.50",
    CLUSTER,
    check=prop("BackupRetentionPeriod", absent=1).at_least(param("minimumBackupRetentionPeriod")),
    parameters=[
        minimum_retention("minimumBackupRetentionPeriod", "a DB cluster's automated backups")
    ],
    fix="set BackupRetentionPeriod to at least 7 days (the minimumBackupRetentionPeriod)",
    remedy=Remedy(
        {"BackupRetentionPeriod": MIN_BACKUP_DAYS},
        safe=False,
        breaks="Nothing running; backups kept 7 days instead of 1 can cost backup storage "
        "beyond the free allowance (the cluster's size).",
    ),
    note="Every engine of `AWS::RDS::DBCluster` (Aurora and Multi-AZ DB clusters).",
)


# --------------------------------------------------------------------------- RDS.51

#: Security Hub's fixed parameters for RDS.51 (not customizable), as its page lists them.
RDS51_MIN_VERSION = (3, 8, 0)
RDS51_LTS_VERSIONS = ((3, 4, 0), (3, 4, 1), (3, 4, 2), (3, 4, 3))
_AURORA_VERSION = re.compile(r"^\d+\.\d+\.mysql_aurora\.(\d+)\.(\d+)\.(\d+)$", re.IGNORECASE)
_VERSION_FIX = (
    "set EngineVersion to 8.0.mysql_aurora.3.08.0 or later (or a long-term support version "
    "from 3.04.0 to 3.04.3)"
)


@rule("RDS.51", "AWS::RDS::GlobalCluster", fix=_VERSION_FIX)
def global_cluster_supported_version(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`EngineVersion` (`8.0.mysql_aurora.3.08.0` and the like) is at least Aurora MySQL
    3.08.0 or one of the long-term support versions 3.04.0 to 3.04.3 (Security Hub's
    `minSupportedEngineVersion` and `longTermSupportVersion`, not customizable; they move
    with Aurora's release calendar). The list is the control page's: 3.04.4, a later 3.04
    patch that the page does not list, fails. Only `Engine: aurora-mysql` global clusters are
    evaluated. A global cluster made from an existing cluster
    (`SourceDBClusterIdentifier`) without `Engine` or `EngineVersion` takes them from that
    cluster when it is in the app, else UNKNOWN; an absent version (RDS picks its default)
    or one without a full Aurora version is UNKNOWN.

    Code, not a declaration: versions are compared by their numeric parts.
    """
    source: Resource | Target = cluster
    partial = not cluster.props.has("Engine") or not cluster.props.has("EngineVersion")
    if partial and cluster.props.has("SourceDBClusterIdentifier"):
        found = ctx.app.follow(cluster, "SourceDBClusterIdentifier")
        if found is None:
            raise Undecidable(
                "SourceDBClusterIdentifier",
                "the engine version of a DB cluster outside the template",
                Kind.RESOURCE_ID,
            )
        source = found
    if not source.props.has("Engine"):
        raise Undecidable("Engine", "the engine of the global cluster's source", Kind.RESOURCE_ID)
    engine = str(source.props.get("Engine")).lower()
    if engine != "aurora-mysql":
        return Verdict.not_applicable(f"out of scope: engine {engine}")
    if not source.props.has("EngineVersion"):
        raise Undecidable(
            "EngineVersion", "the default Aurora MySQL version RDS picks", Kind.ACCOUNT_DEFAULT
        )
    version = str(source.props.get("EngineVersion"))
    parts = _AURORA_VERSION.match(version)
    if parts is None:
        raise Undecidable(
            "EngineVersion",
            f"the minor version RDS picks for {version!r} (not a full Aurora MySQL version)",
            Kind.ACCOUNT_DEFAULT,
        )
    numbers = (int(parts.group(1)), int(parts.group(2)), int(parts.group(3)))
    if numbers >= RDS51_MIN_VERSION or numbers in RDS51_LTS_VERSIONS:
        return Verdict.passed()
    return Verdict(
        Status.FAIL,
        path="EngineVersion",
        found=version,
        reason="below 3.08.0 and not a long-term support version",
    )
