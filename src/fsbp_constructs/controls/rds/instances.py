"""RDS DB instances: RDS.2, RDS.3, RDS.5, RDS.6, RDS.8, RDS.10, RDS.11, RDS.13, RDS.17,
RDS.23, RDS.25, and RDS.4 (snapshots, not checkable)."""

from __future__ import annotations

import dataclasses

from ...engine.checks import all_of, control, param, prop, unknown
from ...engine.model import Resource
from ...engine.registry import (
    Parameter,
    Remedy,
    RuleContext,
    Status,
    Verdict,
    not_checkable,
    rule,
)
from ...engine.values import Kind, Undecidable
from .._retention import MIN_BACKUP_DAYS, minimum_retention
from ._shared import (
    ADMIN,
    ADMIN_FIX,
    COPY_TAGS,
    COPY_TAGS_FIX,
    COPY_TAGS_REMEDY,
    DEFAULT_ADMIN_NAMES,
    ENCRYPT_FIX,
    ENCRYPTED,
    IAM_AUTH,
    IAM_AUTH_FIX,
    IAM_AUTH_REMEDY,
    IAM_SCOPE,
    INSTANCE,
    INSTANCE_SOURCES,
    STANDALONE,
    generated_username,
    judge,
    judge_admin_name,
    source_decides,
    through_cluster,
)

#: The engines RDS.8 evaluates (Security Hub's `databaseEngines`, not customizable). Aurora,
#: Neptune and DocumentDB instances are left out: their cluster holds deletion protection.
RDS8_ENGINES = (
    "mariadb",
    "mysql",
    "custom-oracle-ee",
    "oracle-ee-cdb",
    "oracle-se2-cdb",
    "oracle-ee",
    "oracle-se2",
    "oracle-se1",
    "oracle-se",
    "postgres",
    "sqlserver-ee",
    "sqlserver-se",
    "sqlserver-ex",
    "sqlserver-web",
)


# --------------------------------------------------------------------------- RDS.2


control(
    "RDS.2",
    INSTANCE,
    check=prop(
        "PubliclyAccessible",
        absent=unknown(
            "whether the VPC of the instance's subnet group (the default VPC without "
            "DBSubnetGroupName) has an internet gateway attached"
        ),
    ).is_false(),
    fix="set PubliclyAccessible to false",
    remedy=Remedy(
        {"PubliclyAccessible": False},
        safe=False,
        breaks="Clients that reach the database from the internet lose access; only clients "
        "inside the VPC (or connected to it) can connect.",
    ),
    note="Absent, RDS picks the value at creation: public when the subnets' VPC (the "
    "default VPC without a DB subnet group) has an internet gateway, private otherwise, so "
    "the template cannot decide. An instance of an Aurora cluster has its own "
    "`PubliclyAccessible` and is judged on it.",
)


# --------------------------------------------------------------------------- RDS.3


@rule(
    "RDS.3",
    INSTANCE,
    fix=ENCRYPT_FIX,
    remedy=Remedy(
        {"StorageEncrypted": True},
        safe=False,
        breaks="CloudFormation replaces an existing instance whose StorageEncrypted changes: "
        "the new instance starts empty unless restored from a snapshot. Safe on new instances.",
        when=STANDALONE,
    ),
)
def instance_storage_encrypted(instance: Resource, ctx: RuleContext) -> Verdict:
    """`StorageEncrypted` is true; absent means `false`. An instance of a DB cluster
    (`DBClusterIdentifier`) is judged on its cluster's `StorageEncrypted`, which holds
    encryption for Aurora instances; a cluster outside the template is UNKNOWN. An instance
    created from a snapshot or a source database (`DBSnapshotIdentifier`,
    `SourceDBInstanceIdentifier`, `SourceDBClusterIdentifier`) without its own
    `StorageEncrypted` inherits the source's encryption: UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    member = through_cluster(instance, ctx, ENCRYPTED, ENCRYPT_FIX, "storage encryption")
    if member is not None:
        return member
    source_decides(instance, INSTANCE_SOURCES, "StorageEncrypted", "storage encryption")
    return judge(ENCRYPTED, instance, ctx)


# --------------------------------------------------------------------------- RDS.8

control(
    "RDS.8",
    INSTANCE,
    check=prop("DeletionProtection", absent=False).is_true(),
    when=prop(
        "Engine",
        absent=unknown("the engine of the snapshot or source database the instance copies"),
    ).one_of(*RDS8_ENGINES, ignore_case=True),
    fix="set DeletionProtection to true",
    remedy=Remedy(
        {"DeletionProtection": True},
        safe=False,
        breaks="Deleting the stack, or any update that replaces the instance, fails until "
        "deletion protection is turned off again.",
    ),
    note="Security Hub fixes the engines it evaluates (`databaseEngines`: MariaDB, MySQL, "
    "Oracle, PostgreSQL, SQL Server, RDS Custom for Oracle); Aurora, Neptune and DocumentDB "
    "instances are not applicable, their cluster's deletion protection is RDS.7's. The "
    "engine is compared ignoring case.",
)


# --------------------------------------------------------------------------- RDS.11


_RETENTION = prop("BackupRetentionPeriod", absent=1).at_least(param("backupRetentionMinimum"))
_RETENTION_FIX = "set BackupRetentionPeriod to at least 7 days (the backupRetentionMinimum)"


@rule(
    "RDS.11",
    INSTANCE,
    parameters=[minimum_retention("backupRetentionMinimum", "a DB instance's automated backups")],
    fix=_RETENTION_FIX,
    remedy=Remedy(
        {"BackupRetentionPeriod": MIN_BACKUP_DAYS},
        safe=False,
        breaks="Nothing running when backups were on; backups kept 7 days instead of 1 can cost "
        "backup storage beyond the free allowance (the instance's size). Turning backups on "
        "from 0 briefly takes a running instance offline.",
        when=STANDALONE,
    ),
)
def instance_backups_enabled(instance: Resource, ctx: RuleContext) -> Verdict:
    """`BackupRetentionPeriod` is at least the `backupRetentionMinimum` parameter (default
    7 days, from 7 to 35); absent means `1`, and `0` turns automated backups off. Read
    replicas (`SourceDBInstanceIdentifier` or `SourceDBClusterIdentifier` set) are not
    applicable: Security Hub's `checkReadReplicas` is false and not customizable. An
    instance of a DB cluster (`DBClusterIdentifier`) is judged on its cluster's
    `BackupRetentionPeriod` (absent: `1`), which holds backups for Aurora instances; a cluster
    outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    for source in ("SourceDBInstanceIdentifier", "SourceDBClusterIdentifier"):
        if instance.props.has(source):
            return Verdict.not_applicable(
                f"a read replica ({source}): Security Hub excludes read replicas"
            )
    member = through_cluster(instance, ctx, _RETENTION, _RETENTION_FIX, "backup retention")
    if member is not None:
        return member
    return judge(_RETENTION, instance, ctx)


# --------------------------------------------------------------------------- RDS.13

control(
    "RDS.13",
    INSTANCE,
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    fix="set AutoMinorVersionUpgrade to true, or remove it",
    note="Aurora instances carry their own `AutoMinorVersionUpgrade` and are judged on it.",
)


# --------------------------------------------------------------------------- RDS.17


@rule("RDS.17", INSTANCE, fix=COPY_TAGS_FIX, remedy=COPY_TAGS_REMEDY)
def instance_copies_tags(instance: Resource, ctx: RuleContext) -> Verdict:
    """`CopyTagsToSnapshot` is true; absent means `false`. An instance of a DB cluster
    (`DBClusterIdentifier`) is judged on its cluster's `CopyTagsToSnapshot`, which Aurora
    uses for its instances (open question: whether Security Hub reads the instance's own
    reported value; the cluster's is what the snapshots get); a cluster outside the template
    is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    member = through_cluster(instance, ctx, COPY_TAGS, COPY_TAGS_FIX, "tag copying")
    if member is not None:
        return member
    return judge(COPY_TAGS, instance, ctx)


# --------------------------------------------------------------------------- RDS.6

#: The enhanced monitoring intervals (seconds) the `monitoringInterval` parameter accepts.
MONITORING_INTERVALS = (1, 5, 10, 15, 30, 60)


def _interval(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value in MONITORING_INTERVALS:
        return value
    choices = ", ".join(str(v) for v in MONITORING_INTERVALS)
    raise ValueError(f"must be one of {choices} (seconds), not {value!r}")


_MONITORING = prop("MonitoringInterval", absent=0)

control(
    "RDS.6",
    INSTANCE,
    check=all_of(
        _MONITORING.at_least(1),
        _MONITORING.at_least(param("monitoringInterval")),
        _MONITORING.at_most(param("monitoringInterval")),
    ),
    parameters=[
        Parameter(
            "monitoringInterval",
            default=None,
            description=(
                "The enhanced monitoring interval every instance must use, in seconds "
                f"({', '.join(str(v) for v in MONITORING_INTERVALS)}). Unset: any interval "
                "other than 0 passes."
            ),
            parse=_interval,
        )
    ],
    fix="set MonitoringInterval to 1, 5, 10, 15, 30 or 60 (the monitoringInterval parameter "
    "when given) and MonitoringRoleArn to a role RDS can use to publish the metrics",
    note="`0` turns enhanced monitoring off. Aurora instances carry their own "
    "`MonitoringInterval` and are judged on it.",
)


# --------------------------------------------------------------------------- RDS.10


@rule(
    "RDS.10",
    INSTANCE,
    fix=IAM_AUTH_FIX,
    remedy=dataclasses.replace(IAM_AUTH_REMEDY, when=all_of(IAM_SCOPE, STANDALONE)),
)
def instance_iam_authentication(instance: Resource, ctx: RuleContext) -> Verdict:
    """`EnableIAMDatabaseAuthentication` is true; absent means `false`. Only instances whose
    `Engine` is `mysql`, `postgres`, `mariadb`, `aurora`, `aurora-mysql` or
    `aurora-postgresql` (ignoring case) are evaluated; others are not applicable, and an
    absent engine (copied from a snapshot or source) is UNKNOWN. An instance of a DB cluster
    (`DBClusterIdentifier`) is judged on its cluster's `EnableIAMDatabaseAuthentication`,
    which holds the setting for Aurora instances; a cluster outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    scope = judge(IAM_SCOPE, instance, ctx)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable(f"out of scope: {scope.detail}")
    if scope.status is not Status.PASS:
        return scope
    member = through_cluster(instance, ctx, IAM_AUTH, IAM_AUTH_FIX, "IAM authentication")
    if member is not None:
        return member
    return judge(IAM_AUTH, instance, ctx)


# --------------------------------------------------------------------------- RDS.25


@rule("RDS.25", INSTANCE, fix=ADMIN_FIX)
def instance_custom_admin(instance: Resource, ctx: RuleContext) -> Verdict:
    """`MasterUsername` is neither `admin` nor `postgres` (compared ignoring case: open
    question, the conservative verdict). A name from a dynamic reference to a Secrets Manager
    secret's `username` is read from the secret when the app generates it from a fixed
    `SecretStringTemplate` (CDK's generated credentials: `postgres` or `admin` by default, so
    they fail); any other dynamic reference, or an absent name (copied from a snapshot or
    source), is UNKNOWN. An instance of a DB cluster (`DBClusterIdentifier`) is judged on its
    cluster's `MasterUsername`, which Aurora instances use, its generated secret's username
    read the same way; a cluster outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster), and
    dynamic references must be recognized.
    """
    if instance.props.has("DBClusterIdentifier") and not instance.props.has("MasterUsername"):
        cluster = ctx.app.follow(instance, "DBClusterIdentifier")
        generated = None if cluster is None else generated_username(cluster, ctx)
        if cluster is not None and generated is not None:
            if generated.lower() in DEFAULT_ADMIN_NAMES:
                return Verdict(
                    Status.FAIL,
                    path=f"DBClusterIdentifier ({cluster.logical_id}.MasterUsername)",
                    found=f"{generated!r} (the username of the generated secret it reads)",
                    fix=f"{ADMIN_FIX} on the DB cluster {cluster.logical_id}",
                    reason="the instance takes its administrator name from its DB cluster",
                )
            return Verdict.passed(
                f"the username of the generated secret of its DB cluster {cluster.logical_id} "
                f"is {generated!r}"
            )
        member = through_cluster(instance, ctx, ADMIN, ADMIN_FIX, "administrator name")
        if member is not None:
            return member
    return judge_admin_name(instance, ctx, ADMIN)


# --------------------------------------------------------------------------- RDS.5

control(
    "RDS.5",
    INSTANCE,
    check=prop("MultiAZ", absent=False).is_true(),
    when=prop(
        "Engine",
        absent=unknown("the engine of the snapshot or source database the instance copies"),
    ).matches(r"(?i)^(?!aurora|docdb|neptune)"),
    fix="set MultiAZ to true",
    remedy=Remedy(
        {"MultiAZ": True},
        safe=False,
        breaks="A standby in a second Availability Zone doubles the instance's cost; converting "
        "a running instance adds I/O latency while the standby is built.",
        when=STANDALONE,
    ),
    note="Aurora, DocumentDB and Neptune instances are not applicable (their cluster spreads "
    "them across zones). Read replicas are evaluated like any instance.",
)


# --------------------------------------------------------------------------- RDS.23

#: Each engine family's default port, by engine name prefix (first match wins).
DEFAULT_PORTS: tuple[tuple[str, int], ...] = (
    ("aurora-postgresql", 5432),
    ("aurora", 3306),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("postgres", 5432),
    ("custom-oracle", 1521),
    ("oracle", 1521),
    ("custom-sqlserver", 1433),
    ("sqlserver", 1433),
    ("db2", 50000),
)

_PORT_FIX = "set Port to a port other than the engine's default"


def _default_port(engine: str) -> int | None:
    return next((port for prefix, port in DEFAULT_PORTS if engine.startswith(prefix)), None)


@rule("RDS.23", INSTANCE, fix=_PORT_FIX)
def instance_not_on_default_port(instance: Resource, ctx: RuleContext) -> Verdict:
    """`Port` is not the default port of the instance's `Engine` (MySQL, MariaDB and Aurora
    MySQL 3306, PostgreSQL and Aurora PostgreSQL 5432, Oracle 1521, SQL Server 1433, Db2
    50000); absent means that default, which fails. An instance of a DB cluster
    (`DBClusterIdentifier`) listens on its cluster's `Port` (absent: the default). An absent
    engine (copied from a snapshot or source) or a cluster outside the template is UNKNOWN;
    an engine without a known default passes.

    Code, not a declaration: the port to avoid depends on the engine, and the port may come
    from another resource (the cluster).
    """
    if not instance.props.has("Engine"):
        raise Undecidable(
            "Engine",
            "the engine of the snapshot or source database the instance copies",
            Kind.RESOURCE_ID,
        )
    engine = str(instance.props.get("Engine")).lower()
    default = _default_port(engine)
    if default is None:
        return Verdict.passed(f"no known default port for engine {engine}")
    check = prop("Port", absent=default).none_of(default, str(default))
    member = through_cluster(instance, ctx, check, _PORT_FIX, "port")
    if member is not None:
        return member
    return judge(check, instance, ctx)


# --------------------------------------------------------------------------- RDS.4

not_checkable(
    "RDS.4",
    "Security Hub evaluates DB snapshots and DB cluster snapshots (AWS::RDS::DBSnapshot, "
    "AWS::RDS::DBClusterSnapshot), which CloudFormation cannot create: snapshots are taken "
    "by RDS, AWS Backup or the API, and inherit the encryption of their database (RDS.3, "
    "RDS.27)",
)
