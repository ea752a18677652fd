"""Amazon RDS: RDS.2, RDS.3, RDS.5, RDS.6, RDS.7, RDS.8, RDS.10, RDS.11, RDS.12, RDS.13,
RDS.16, RDS.17, RDS.23, RDS.24, RDS.25, RDS.27."""

from __future__ import annotations

from ...engine.checks import Check, all_of, control, param, prop, unknown
from ...engine.model import Resource
from ...engine.registry import Parameter, RuleContext, Status, Verdict, rule, whole_number
from ...engine.values import Kind, Undecidable

__all__ = [
    "DEFAULT_ADMIN_NAMES",
    "DEFAULT_PORTS",
    "IAM_AUTH_ENGINES",
    "MONITORING_INTERVALS",
    "RDS8_ENGINES",
]

INSTANCE = "AWS::RDS::DBInstance"
CLUSTER = "AWS::RDS::DBCluster"

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

#: Properties that make a new instance or cluster copy its storage (and its encryption) from
#: a snapshot or another database.
_INSTANCE_SOURCES = (
    "DBSnapshotIdentifier",
    "SourceDBInstanceIdentifier",
    "SourceDBClusterIdentifier",
)
_CLUSTER_SOURCES = ("SnapshotIdentifier", "SourceDBClusterIdentifier", "SourceDBInstanceIdentifier")


# --------------------------------------------------------------------------- shared helpers


def _judge(check: Check, resource: Resource, ctx: RuleContext) -> Verdict:
    """The check on the resource's own properties (an undecided value reads as UNKNOWN)."""
    try:
        return check.evaluate(resource.props, ctx.parameters)
    except Undecidable as error:
        return Verdict.unknown(str(error), path=error.path)


def _through_cluster(
    instance: Resource, ctx: RuleContext, check: Check, fix: str, what: str
) -> Verdict | None:
    """For an instance of a DB cluster (``DBClusterIdentifier`` set), the verdict of ``check``
    on that cluster's properties: the cluster holds ``what`` for its instances. ``None`` for
    an instance outside any cluster."""
    if not instance.props.has("DBClusterIdentifier"):
        return None
    cluster = ctx.app.follow(instance, "DBClusterIdentifier")
    if cluster is None:
        raise Undecidable(
            "DBClusterIdentifier",
            f"the {what} of a DB cluster outside the template, which this instance inherits",
            Kind.RESOURCE_ID,
        )
    try:
        verdict = check.evaluate(cluster.props, ctx.parameters)
    except Undecidable as error:
        raise Undecidable(
            f"{cluster.logical_id}.{error.path}",
            f"{error.reason} (the {what} of its DB cluster)",
            error.kind,
        ) from None
    if verdict.status is Status.FAIL:
        return Verdict(
            Status.FAIL,
            path=f"DBClusterIdentifier ({cluster.logical_id}.{verdict.path})",
            found=verdict.found,
            fix=f"{fix} on the DB cluster {cluster.logical_id}",
            reason=f"the instance takes its {what} from its DB cluster"
            + (f"; {verdict.reason}" if verdict.reason else ""),
        )
    if verdict.status is Status.PASS:
        return Verdict.passed(f"the {what} of its DB cluster {cluster.logical_id}")
    return verdict


def _source_decides(resource: Resource, sources: tuple[str, ...], path: str, what: str) -> None:
    """Raise UNKNOWN when ``path`` is absent and the resource copies a snapshot or a source
    database, from which it then inherits ``what``."""
    if resource.props.has(path):
        return
    for source in sources:
        if resource.props.has(source):
            raise Undecidable(
                path,
                f"the {what} of the snapshot or source database named by {source}, which "
                "is inherited when the property is absent",
                Kind.RESOURCE_ID,
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
    note="Absent, RDS picks the value at creation: public when the subnets' VPC (the "
    "default VPC without a DB subnet group) has an internet gateway, private otherwise, so "
    "the template cannot decide. An instance of an Aurora cluster has its own "
    "`PubliclyAccessible` and is judged on it.",
)


# --------------------------------------------------------------------------- RDS.3, RDS.27

_ENCRYPTED = prop("StorageEncrypted", absent=False).is_true()
_ENCRYPT_FIX = "set StorageEncrypted to true (optionally with KmsKeyId)"


@rule("RDS.3", INSTANCE, fix=_ENCRYPT_FIX)
def instance_storage_encrypted(instance: Resource, ctx: RuleContext) -> Verdict:
    """`StorageEncrypted` is true; absent means `false`. An instance of a DB cluster
    (`DBClusterIdentifier`) is judged on its cluster's `StorageEncrypted`, which holds
    encryption for Aurora instances; a cluster outside the template is UNKNOWN. An instance
    created from a snapshot or a source database (`DBSnapshotIdentifier`,
    `SourceDBInstanceIdentifier`, `SourceDBClusterIdentifier`) without its own
    `StorageEncrypted` inherits the source's encryption: UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    member = _through_cluster(instance, ctx, _ENCRYPTED, _ENCRYPT_FIX, "storage encryption")
    if member is not None:
        return member
    _source_decides(instance, _INSTANCE_SOURCES, "StorageEncrypted", "storage encryption")
    return _judge(_ENCRYPTED, instance, ctx)


@rule("RDS.27", CLUSTER, fix=_ENCRYPT_FIX)
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
    _source_decides(cluster, _CLUSTER_SOURCES, "StorageEncrypted", "storage encryption")
    return _judge(_ENCRYPTED, cluster, ctx)


# --------------------------------------------------------------------------- RDS.7, RDS.8

control(
    "RDS.7",
    CLUSTER,
    check=prop("DeletionProtection", absent=False).is_true(),
    fix="set DeletionProtection to true",
    note="Every engine of `AWS::RDS::DBCluster` is evaluated (Aurora and Multi-AZ DB clusters).",
)

control(
    "RDS.8",
    INSTANCE,
    check=prop("DeletionProtection", absent=False).is_true(),
    when=prop(
        "Engine",
        absent=unknown("the engine of the snapshot or source database the instance copies"),
    ).one_of(*RDS8_ENGINES, ignore_case=True),
    fix="set DeletionProtection to true",
    note="Security Hub fixes the engines it evaluates (`databaseEngines`: MariaDB, MySQL, "
    "Oracle, PostgreSQL, SQL Server, RDS Custom for Oracle); Aurora, Neptune and DocumentDB "
    "instances are not applicable, their cluster's deletion protection is RDS.7's. The "
    "engine is compared ignoring case.",
)


# --------------------------------------------------------------------------- RDS.11

_MIN_RETENTION, _MAX_RETENTION = 7, 35


_RETENTION = prop("BackupRetentionPeriod", absent=1).at_least(param("backupRetentionMinimum"))
_RETENTION_FIX = "set BackupRetentionPeriod to at least 7 days (the backupRetentionMinimum)"


@rule(
    "RDS.11",
    INSTANCE,
    parameters=[
        Parameter(
            "backupRetentionMinimum",
            default=_MIN_RETENTION,
            description=(
                "The fewest days automated backups must be kept: a whole number from "
                f"{_MIN_RETENTION} to {_MAX_RETENTION} (Security Hub's default "
                f"{_MIN_RETENTION})."
            ),
            parse=whole_number(_MIN_RETENTION, _MAX_RETENTION, "days"),
        )
    ],
    fix=_RETENTION_FIX,
)
def instance_backups_enabled(instance: Resource, ctx: RuleContext) -> Verdict:
    """`BackupRetentionPeriod` is at least the `backupRetentionMinimum` parameter (default
    7 days); absent means `1`, and `0` turns automated backups off. Read replicas are
    evaluated too (Security Hub's `checkReadReplicas` is true and not customizable). An
    instance of a DB cluster (`DBClusterIdentifier`) is judged on its cluster's
    `BackupRetentionPeriod` (absent: `1`), which holds backups for Aurora instances; a cluster
    outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    member = _through_cluster(instance, ctx, _RETENTION, _RETENTION_FIX, "backup retention")
    if member is not None:
        return member
    return _judge(_RETENTION, instance, ctx)


# --------------------------------------------------------------------------- RDS.13

control(
    "RDS.13",
    INSTANCE,
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    fix="set AutoMinorVersionUpgrade to true, or remove it",
    note="Aurora instances carry their own `AutoMinorVersionUpgrade` and are judged on it.",
)


# --------------------------------------------------------------------------- RDS.16, RDS.17

_COPY_TAGS = prop("CopyTagsToSnapshot", absent=False).is_true()
_COPY_TAGS_FIX = "set CopyTagsToSnapshot to true"

control(
    "RDS.16",
    CLUSTER,
    check=_COPY_TAGS,
    fix=_COPY_TAGS_FIX,
    note="Every engine of `AWS::RDS::DBCluster` is evaluated (open question: whether "
    "Security Hub skips Multi-AZ DB clusters, which RDS.47 and RDS.48 also cover; evaluating "
    "them is the conservative verdict).",
)


@rule("RDS.17", INSTANCE, fix=_COPY_TAGS_FIX)
def instance_copies_tags(instance: Resource, ctx: RuleContext) -> Verdict:
    """`CopyTagsToSnapshot` is true; absent means `false`. An instance of a DB cluster
    (`DBClusterIdentifier`) is judged on its cluster's `CopyTagsToSnapshot`, which Aurora
    uses for its instances (open question: whether Security Hub reads the instance's own
    reported value; the cluster's is what the snapshots get); a cluster outside the template
    is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    member = _through_cluster(instance, ctx, _COPY_TAGS, _COPY_TAGS_FIX, "tag copying")
    if member is not None:
        return member
    return _judge(_COPY_TAGS, instance, ctx)


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


# --------------------------------------------------------------------------- RDS.10, RDS.12

#: The engines whose instances the IAM authentication rule evaluates.
IAM_AUTH_ENGINES = ("mysql", "postgres", "aurora", "aurora-mysql", "aurora-postgresql")

_IAM_AUTH = prop("EnableIAMDatabaseAuthentication", absent=False).is_true()
_IAM_AUTH_FIX = "set EnableIAMDatabaseAuthentication to true"
_IAM_SCOPE = prop(
    "Engine",
    absent=unknown("the engine of the snapshot or source database the instance copies"),
).one_of(*IAM_AUTH_ENGINES, ignore_case=True)


@rule("RDS.10", INSTANCE, fix=_IAM_AUTH_FIX)
def instance_iam_authentication(instance: Resource, ctx: RuleContext) -> Verdict:
    """`EnableIAMDatabaseAuthentication` is true; absent means `false`. Only instances whose
    `Engine` is `mysql`, `postgres`, `aurora`, `aurora-mysql` or `aurora-postgresql` (ignoring
    case) are evaluated; others are not applicable, and an absent engine (copied from a
    snapshot or source) is UNKNOWN. An instance of a DB cluster (`DBClusterIdentifier`) is
    judged on its cluster's `EnableIAMDatabaseAuthentication`, which holds the setting for
    Aurora instances; a cluster outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster).
    """
    scope = _judge(_IAM_SCOPE, instance, ctx)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable(f"out of scope: {scope.detail}")
    if scope.status is not Status.PASS:
        return scope
    member = _through_cluster(instance, ctx, _IAM_AUTH, _IAM_AUTH_FIX, "IAM authentication")
    if member is not None:
        return member
    return _judge(_IAM_AUTH, instance, ctx)


control(
    "RDS.12",
    CLUSTER,
    check=_IAM_AUTH,
    fix=_IAM_AUTH_FIX,
    note="Every engine of `AWS::RDS::DBCluster` is evaluated (open question: whether "
    "Security Hub skips engines without IAM authentication; evaluating them is the "
    "conservative verdict).",
)


# --------------------------------------------------------------------------- RDS.24, RDS.25

#: The engines' default administrator names, which RDS.24 and RDS.25 flag.
DEFAULT_ADMIN_NAMES = ("admin", "postgres")

_ADMIN = prop(
    "MasterUsername",
    absent=unknown("the administrator name of the snapshot or source database it copies"),
).none_of(*DEFAULT_ADMIN_NAMES, ignore_case=True)
_ADMIN_FIX = (
    "set MasterUsername to a name other than admin or postgres (a new name replaces the database)"
)


def _admin_name(resource: Resource, ctx: RuleContext, check: Check) -> Verdict:
    """The check on `MasterUsername`, with dynamic references (a Secrets Manager secret's
    `username`) read as undecided."""
    if resource.props.has("MasterUsername"):
        try:
            value = resource.props.get("MasterUsername")
        except Undecidable as error:
            return Verdict.unknown(str(error), path=error.path)
        if isinstance(value, str) and "{{resolve:" in value:
            return Verdict.unknown(
                f"MasterUsername depends on a dynamic reference resolved at deploy time ({value})",
                path="MasterUsername",
            )
    return _judge(check, resource, ctx)


@rule("RDS.25", INSTANCE, fix=_ADMIN_FIX)
def instance_custom_admin(instance: Resource, ctx: RuleContext) -> Verdict:
    """`MasterUsername` is neither `admin` nor `postgres` (compared ignoring case: open
    question, the conservative verdict). A name from a dynamic reference (a Secrets Manager
    secret's `username`) or absent (copied from a snapshot or source) is UNKNOWN. An instance
    of a DB cluster (`DBClusterIdentifier`) is judged on its cluster's `MasterUsername`, which
    Aurora instances use; a cluster outside the template is UNKNOWN.

    Code, not a declaration: the value may come from another resource (the cluster), and
    dynamic references must be recognized.
    """
    if instance.props.has("DBClusterIdentifier") and not instance.props.has("MasterUsername"):
        member = _through_cluster(instance, ctx, _ADMIN, _ADMIN_FIX, "administrator name")
        if member is not None:
            return member
    return _admin_name(instance, ctx, _ADMIN)


@rule("RDS.24", CLUSTER, fix=_ADMIN_FIX)
def cluster_custom_admin(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`MasterUsername` is neither `admin` nor `postgres` (compared ignoring case: open
    question, the conservative verdict). A name from a dynamic reference (a Secrets Manager
    secret's `username`) or absent (restored from a snapshot or copied from a source, or a
    secondary cluster of a global database) is UNKNOWN.

    Code, not a declaration: dynamic references must be recognized.
    """
    return _admin_name(cluster, ctx, _ADMIN)


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
    member = _through_cluster(instance, ctx, check, _PORT_FIX, "port")
    if member is not None:
        return member
    return _judge(check, instance, ctx)
