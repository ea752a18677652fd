"""Amazon RDS: RDS.2, RDS.3, RDS.5-RDS.17, RDS.19-RDS.25, RDS.27, RDS.34-RDS.48, RDS.50,
RDS.51 (RDS.4 is not checkable)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...engine.checks import PASSES, Check, all_of, control, param, prop, unknown
from ...engine.model import Resource, Target
from ...engine.registry import (
    Parameter,
    Remedy,
    RuleContext,
    Status,
    Verdict,
    not_checkable,
    rule,
    whole_number,
)
from ...engine.values import Kind, Undecidable, Unresolved, View
from .._parameter_groups import ByVersion, GroupSetting, judge_setting

__all__ = [
    "DEFAULT_ADMIN_NAMES",
    "DEFAULT_PORTS",
    "EVENT_CONTROLS",
    "IAM_AUTH_ENGINES",
    "MONITORING_INTERVALS",
    "RDS8_ENGINES",
    "RDS9_LOG_TYPES",
    "RDS51_LTS_VERSIONS",
    "RDS51_MIN_VERSION",
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


# --------------------------------------------------------------------------- RDS.3, RDS.27

_ENCRYPTED = prop("StorageEncrypted", absent=False).is_true()
#: Where an instance remedy may set a property: not a member of a DB cluster (the cluster
#: holds the setting) and not a copy of a snapshot or another database (the source does).
_STANDALONE = all_of(
    *(prop(name, absent=PASSES).missing() for name in ("DBClusterIdentifier", *_INSTANCE_SOURCES))
)
_ENCRYPT_FIX = "set StorageEncrypted to true (optionally with KmsKeyId)"


@rule(
    "RDS.3",
    INSTANCE,
    fix=_ENCRYPT_FIX,
    remedy=Remedy(
        {"StorageEncrypted": True},
        safe=False,
        breaks="CloudFormation replaces an existing instance whose StorageEncrypted changes: "
        "the new instance starts empty unless restored from a snapshot. Safe on new instances.",
        when=_STANDALONE,
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
    member = _through_cluster(instance, ctx, _ENCRYPTED, _ENCRYPT_FIX, "storage encryption")
    if member is not None:
        return member
    _source_decides(instance, _INSTANCE_SOURCES, "StorageEncrypted", "storage encryption")
    return _judge(_ENCRYPTED, instance, ctx)


@rule(
    "RDS.27",
    CLUSTER,
    fix=_ENCRYPT_FIX,
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
    _source_decides(cluster, _CLUSTER_SOURCES, "StorageEncrypted", "storage encryption")
    return _judge(_ENCRYPTED, cluster, ctx)


# --------------------------------------------------------------------------- RDS.7, RDS.8

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
    remedy=Remedy(
        {"BackupRetentionPeriod": _MIN_RETENTION},
        safe=False,
        breaks="Nothing running when backups were on; backups kept 7 days instead of 1 can cost "
        "backup storage beyond the free allowance (the instance's size). Turning backups on "
        "from 0 briefly takes a running instance offline.",
        when=_STANDALONE,
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

#: Copying tags to snapshots is safe on every DB cluster and instance: nothing running changes.
_COPY_TAGS_REMEDY = Remedy(
    {"CopyTagsToSnapshot": True},
    safe=True,
    breaks="Nothing: snapshots taken from then on carry the database's tags.",
)

control(
    "RDS.16",
    CLUSTER,
    check=_COPY_TAGS,
    when=prop(
        "Engine",
        absent=unknown("the engine of the snapshot or source the cluster is restored from"),
    ).matches(r"(?i)^aurora"),
    fix=_COPY_TAGS_FIX,
    remedy=_COPY_TAGS_REMEDY,
    note="Security Hub evaluates Aurora DB clusters (`aurora`, `aurora-mysql`, "
    "`aurora-postgresql`); Multi-AZ DB clusters are RDS.47 (PostgreSQL) and RDS.48 (MySQL).",
)


@rule("RDS.17", INSTANCE, fix=_COPY_TAGS_FIX, remedy=_COPY_TAGS_REMEDY)
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
IAM_AUTH_ENGINES = ("mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql")

_IAM_AUTH = prop("EnableIAMDatabaseAuthentication", absent=False).is_true()
_IAM_AUTH_FIX = "set EnableIAMDatabaseAuthentication to true"
_IAM_SCOPE = prop(
    "Engine",
    absent=unknown("the engine of the snapshot or source database the instance copies"),
).one_of(*IAM_AUTH_ENGINES, ignore_case=True)


_IAM_AUTH_REMEDY = Remedy(
    {"EnableIAMDatabaseAuthentication": True},
    safe=True,
    breaks="nothing: IAM authentication is added beside password authentication, at no "
    "charge, and is applied without an outage",
)


@rule(
    "RDS.10",
    INSTANCE,
    fix=_IAM_AUTH_FIX,
    remedy=dataclasses.replace(_IAM_AUTH_REMEDY, when=all_of(_IAM_SCOPE, _STANDALONE)),
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
    remedy=dataclasses.replace(
        _IAM_AUTH_REMEDY,
        when=prop("EngineMode", absent="provisioned").none_of("serverless", ignore_case=True),
    ),
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


def _generated_username(resource: Resource | Target, ctx: RuleContext) -> str | None:
    """The user name of the secret that `MasterUsername` reads, when the secret is in the app
    and generated from a fixed template: ``{{resolve:secretsmanager:<secret>:SecretString:
    username::}}`` over a secret whose `GenerateSecretString.SecretStringTemplate` holds
    ``{"username": ...}`` (what CDK writes for a database's generated credentials)."""
    marker = resource.props.unresolved("MasterUsername")
    join = (
        marker.expr.get("Fn::Join")
        if marker is not None and isinstance(marker.expr, dict)
        else None
    )
    if not (isinstance(join, list) and len(join) == 2 and join[0] == ""):
        return None
    parts = join[1]
    if not (
        isinstance(parts, list)
        and len(parts) == 3
        and parts[0] == "{{resolve:secretsmanager:"
        and parts[2] == ":SecretString:username::}}"
    ):
        return None
    secret = ctx.app.referenced(resource.stack, parts[1])
    if secret is None or secret.type != "AWS::SecretsManager::Secret":
        return None
    try:
        template = secret.props.get("GenerateSecretString.SecretStringTemplate")
        fields = json.loads(template) if isinstance(template, str) else None
    except (Undecidable, ValueError):
        return None
    name = fields.get("username") if isinstance(fields, dict) else None
    return name if isinstance(name, str) else None


def _admin_name(resource: Resource, ctx: RuleContext, check: Check) -> Verdict:
    """The check on `MasterUsername`. A dynamic reference (a Secrets Manager secret's
    `username`) is read from the secret when the app generates it from a fixed user name;
    otherwise it is undecided."""
    if resource.props.has("MasterUsername"):
        generated = _generated_username(resource, ctx)
        if generated is not None:
            if generated.lower() in DEFAULT_ADMIN_NAMES:
                return Verdict.failed(
                    "MasterUsername",
                    f"{generated!r} (the username of the generated secret it reads)",
                    _ADMIN_FIX,
                )
            return Verdict.passed(f"the generated secret's username is {generated!r}")
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
        generated = None if cluster is None else _generated_username(cluster, ctx)
        if cluster is not None and generated is not None:
            if generated.lower() in DEFAULT_ADMIN_NAMES:
                return Verdict(
                    Status.FAIL,
                    path=f"DBClusterIdentifier ({cluster.logical_id}.MasterUsername)",
                    found=f"{generated!r} (the username of the generated secret it reads)",
                    fix=f"{_ADMIN_FIX} on the DB cluster {cluster.logical_id}",
                    reason="the instance takes its administrator name from its DB cluster",
                )
            return Verdict.passed(
                f"the username of the generated secret of its DB cluster {cluster.logical_id} "
                f"is {generated!r}"
            )
        member = _through_cluster(instance, ctx, _ADMIN, _ADMIN_FIX, "administrator name")
        if member is not None:
            return member
    return _admin_name(instance, ctx, _ADMIN)


@rule("RDS.24", CLUSTER, fix=_ADMIN_FIX)
def cluster_custom_admin(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`MasterUsername` is neither `admin` nor `postgres` (compared ignoring case: open
    question, the conservative verdict). A name from a dynamic reference to a Secrets Manager
    secret's `username` is read from the secret when the app generates it from a fixed
    `SecretStringTemplate` (CDK's generated credentials); any other dynamic reference, or an
    absent name (restored from a snapshot or copied from a source, or a secondary cluster of a
    global database), is UNKNOWN.

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
    remedy=Remedy(
        {"MultiAZ": True},
        safe=False,
        breaks="A standby in a second Availability Zone doubles the instance's cost; converting "
        "a running instance adds I/O latency while the standby is built.",
        when=_STANDALONE,
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
    member = _through_cluster(instance, ctx, check, _PORT_FIX, "port")
    if member is not None:
        return member
    return _judge(check, instance, ctx)


# --------------------------------------------------------------------------- RDS.4

not_checkable(
    "RDS.4",
    "Security Hub evaluates DB snapshots and DB cluster snapshots (AWS::RDS::DBSnapshot, "
    "AWS::RDS::DBClusterSnapshot), which CloudFormation cannot create: snapshots are taken "
    "by RDS, AWS Backup or the API, and inherit the encryption of their database (RDS.3, "
    "RDS.27)",
)


# --------------------------------------------------------------------------- engine scopes

_NO_ENGINE = "the engine of the snapshot or source database it copies"


def _engine_is(*engines: str) -> Check:
    """The scope filter: `Engine` is one of ``engines`` (ignoring case); absent is UNKNOWN."""
    return prop("Engine", absent=unknown(_NO_ENGINE)).one_of(*engines, ignore_case=True)


def _scope(resource: Resource, ctx: RuleContext, check: Check) -> Verdict | None:
    """``None`` when ``resource`` is in scope; else its NOT_APPLICABLE or UNKNOWN verdict."""
    verdict = _judge(check, resource, ctx)
    if verdict.status is Status.FAIL:
        return Verdict.not_applicable(f"out of scope: {verdict.detail}")
    if verdict.status is not Status.PASS:
        return verdict
    return None


def _member_of_cluster(instance: Resource) -> Verdict | None:
    """NOT_APPLICABLE for an instance of a DB cluster, which some controls skip."""
    if instance.props.has("DBClusterIdentifier"):
        return Verdict.not_applicable("an instance of a DB cluster (DBClusterIdentifier)")
    return None


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
    member = _through_cluster(instance, ctx, check, _LOGS_FIX, "log exports")
    if member is not None:
        return member
    return _judge(check, instance, ctx)


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
        raise Undecidable("Engine", _NO_ENGINE, Kind.RESOURCE_ID)
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
    out = _scope(instance, ctx, _engine_is("postgres"))
    if out is not None:
        return out
    return _instance_logs(instance, ctx, _Publishes(("postgresql",)))


_SQLSERVER_ENGINES = ("sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web")

control(
    "RDS.40",
    INSTANCE,
    check=_Publishes(("agent", "error"), parameter="logTypes"),
    when=_engine_is(*_SQLSERVER_ENGINES),
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
    when=_engine_is("mariadb"),
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
        _engine_is("aurora-mysql", "aurora"),
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
    when=_engine_is("aurora-postgresql"),
    fix="add postgresql to EnableCloudwatchLogsExports",
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
_TLS_NOTE = (
    "A parameter group in the template is followed through `DBParameterGroupName` (a `Ref`); "
    "a parameter it does not set, or no group at all (the engine's default group, also "
    "named `default.<family>`), takes the engine default. A group outside the template, or "
    "a name from a parameter, is UNKNOWN."
)

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
    out = _scope(instance, ctx, _engine_is("postgres")) or _member_of_cluster(instance)
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
    out = _scope(instance, ctx, _engine_is("mysql")) or _member_of_cluster(instance)
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
    out = _scope(instance, ctx, _engine_is(*_SQLSERVER_ENGINES))
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
    out = _scope(instance, ctx, _engine_is("mariadb"))
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
    out = _scope(cluster, ctx, _engine_is("aurora-mysql", "aurora"))
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
    out = _scope(cluster, ctx, _engine_is("aurora-mysql", "aurora"))
    if out is not None:
        return out
    hours = ctx.parameters.get("BacktrackWindowInHours")
    window = prop("BacktrackWindow", absent=0)
    check = window.at_least(1)
    if hours is not None:
        check = all_of(check, window.at_least(hours * 3600))
    return _judge(check, cluster, ctx)


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
        raise Undecidable("Engine", _NO_ENGINE, Kind.RESOURCE_ID)
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


# --------------------------------------------------------------------------- RDS.19-RDS.22

SUBSCRIPTION = "AWS::RDS::EventSubscription"

#: Each event control's source type and the event categories it requires.
EVENT_CONTROLS: dict[str, tuple[str, tuple[str, ...]]] = {
    "RDS.19": ("db-cluster", ("maintenance", "failure")),
    "RDS.20": ("db-instance", ("maintenance", "configuration change", "failure")),
    "RDS.21": ("db-parameter-group", ("configuration change",)),
    "RDS.22": ("db-security-group", ("configuration change", "failure")),
}


def _event_subscription(control_id: str, source_type: str, categories: tuple[str, ...]) -> None:
    wanted = ", ".join(f"`{c}`" for c in categories)
    fix = (
        f"with SourceType {source_type}, leave SourceIds out (all sources), keep Enabled true "
        f"and leave EventCategories out or include {', '.join(categories)}"
    )

    def check(subscription: Resource, ctx: RuleContext) -> Verdict:
        props = subscription.props
        if props.has("SourceType"):
            kind = str(props.get("SourceType")).lower()
            if kind != source_type:
                return Verdict.not_applicable(f"out of scope: SourceType is {kind}")
        enabled = _judge(prop("Enabled", absent=True).is_true(), subscription, ctx)
        if enabled.status is not Status.PASS:
            return enabled
        if props.values("SourceIds"):
            return Verdict(
                Status.FAIL,
                path="SourceIds",
                found=props.get("SourceIds"),
                reason="only the listed sources are covered",
            )
        held = {str(c).lower() for c in props.values("EventCategories")}
        missing = [c for c in categories if held and c not in held]
        if missing:
            return Verdict(
                Status.FAIL,
                path="EventCategories",
                found=props.get("EventCategories"),
                reason="missing " + ", ".join(f"'{c}'" for c in missing),
            )
        return Verdict.passed()

    check.__doc__ = (
        f"A subscription whose `SourceType` is `{source_type}`, or absent (every source "
        f"type), is `Enabled` (absent: `true`), names no `SourceIds` (all sources), and its "
        f"`EventCategories` is absent or empty (every category) or holds {wanted}. "
        f"Subscriptions of another source type are not applicable. Security Hub passes an "
        f"account without subscriptions, so a template without one has nothing to evaluate. "
        f"`SourceIds` that name some sources fail (the conservative verdict: Security Hub's "
        f"remediation includes all of them)."
    )
    rule(control_id, SUBSCRIPTION, fix=fix)(check)


for _control_id, (_source, _categories) in EVENT_CONTROLS.items():
    _event_subscription(_control_id, _source, _categories)


# --------------------------------------------------------------------------- RDS.35, 47, 48, 50

control(
    "RDS.35",
    CLUSTER,
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    when=prop("Engine", absent=unknown(_NO_ENGINE)).matches(r"(?i)^(?!aurora)"),
    fix="set AutoMinorVersionUpgrade to true, or remove it",
    note="Multi-AZ DB clusters only (an `Engine` that is not Aurora); Aurora clusters are not "
    "applicable. Absent, RDS upgrades minor versions automatically.",
)

control(
    "RDS.47",
    CLUSTER,
    check=_COPY_TAGS,
    when=_engine_is("postgres"),
    fix=_COPY_TAGS_FIX,
    remedy=_COPY_TAGS_REMEDY,
    note="Multi-AZ DB clusters of RDS for PostgreSQL (`Engine: postgres`).",
)

control(
    "RDS.48",
    CLUSTER,
    check=_COPY_TAGS,
    when=_engine_is("mysql"),
    fix=_COPY_TAGS_FIX,
    remedy=_COPY_TAGS_REMEDY,
    note="Multi-AZ DB clusters of RDS for MySQL (`Engine: mysql`).",
)

control(
    "RDS.50",
    CLUSTER,
    check=prop("BackupRetentionPeriod", absent=1).at_least(param("minimumBackupRetentionPeriod")),
    parameters=[
        Parameter(
            "minimumBackupRetentionPeriod",
            default=_MIN_RETENTION,
            description=(
                "The fewest days automated backups of a DB cluster must be kept: a whole "
                f"number from {_MIN_RETENTION} to {_MAX_RETENTION} (Security Hub's default "
                f"{_MIN_RETENTION})."
            ),
            parse=whole_number(_MIN_RETENTION, _MAX_RETENTION, "days"),
        )
    ],
    fix="set BackupRetentionPeriod to at least 7 days (the minimumBackupRetentionPeriod)",
    remedy=Remedy(
        {"BackupRetentionPeriod": _MIN_RETENTION},
        safe=False,
        breaks="Nothing running; backups kept 7 days instead of 1 can cost backup storage "
        "beyond the free allowance (the cluster's size).",
    ),
    note="Every engine of `AWS::RDS::DBCluster` (Aurora and Multi-AZ DB clusters).",
)


# --------------------------------------------------------------------------- RDS.43

control(
    "RDS.43",
    "AWS::RDS::DBProxy",
    check=prop("RequireTLS", absent=False).is_true(),
    fix="set RequireTLS to true",
    remedy=Remedy(
        {"RequireTLS": True},
        safe=False,
        breaks="Clients that connect to the proxy without TLS are refused.",
    ),
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


# --------------------------------------------------------------------------- RDS.46

_SUBNET_FIX = (
    "name a DB subnet group (DBSubnetGroupName) whose subnets' route tables send 0.0.0.0/0 "
    "and ::/0 to no internet gateway (private subnets, e.g. through a NAT gateway)"
)
_ANY = ("0.0.0.0/0", "::/0")


def _routes_to_internet_gateway(subnet: Target, ctx: RuleContext) -> bool:
    """Whether a route table associated with ``subnet`` (in the app) sends 0.0.0.0/0 or ::/0
    to an internet gateway; raises :class:`Undecidable` when the template cannot tell."""
    associations = [
        r.source
        for r in ctx.app.referrers(subnet, "AWS::EC2::SubnetRouteTableAssociation")
        if r.path == "SubnetId"
    ]
    if not associations:
        raise Undecidable(
            f"{subnet.logical_id}",
            "the routes of the VPC's main route table, which the subnet uses without a "
            "SubnetRouteTableAssociation in the app",
            Kind.RESOURCE_ID,
        )
    for association in associations:
        table = ctx.app.follow(association, "RouteTableId")
        if table is None:
            raise Undecidable(
                f"{association.logical_id}.RouteTableId",
                "the routes of a route table outside the template",
                Kind.RESOURCE_ID,
            )
        for reference in ctx.app.referrers(table, "AWS::EC2::Route"):
            route = reference.source
            if reference.path != "RouteTableId":
                continue
            destinations = {
                route.props.get(key)
                for key in ("DestinationCidrBlock", "DestinationIpv6CidrBlock")
                if route.props.has(key)
            }
            if not destinations & set(_ANY) or not route.props.has("GatewayId"):
                continue
            gateway = ctx.app.follow(route, "GatewayId")
            if gateway is not None:
                if gateway.type == "AWS::EC2::InternetGateway":
                    return True
                continue
            if str(route.props.get("GatewayId")).startswith("igw-"):
                return True
    return False


@rule("RDS.46", INSTANCE, fix=_SUBNET_FIX)
def instance_not_in_public_subnet(instance: Resource, ctx: RuleContext) -> Verdict:
    """No subnet of the instance's DB subnet group (`DBSubnetGroupName`, or its DB cluster's
    for an instance of a cluster) has a route table in the app (`AWS::EC2::SubnetRouteTable
    Association`) with a route (`AWS::EC2::Route`) for `0.0.0.0/0` or `::/0` whose `GatewayId`
    is an internet gateway (an `AWS::EC2::InternetGateway` of the app, or an `igw-` id).
    Without any subnet group the instance goes to the default VPC, whose default subnets route
    to its internet gateway: FAIL. A subnet group, subnet or route table outside the app, or a
    subnet without an association in the app (the VPC's main route table), is UNKNOWN unless
    another subnet already fails.

    Code, not a declaration: the routes are on other resources (subnet group, subnets, route
    tables, routes).
    """
    holder: Resource | Target = instance
    if not instance.props.has("DBSubnetGroupName") and instance.props.has("DBClusterIdentifier"):
        cluster = ctx.app.follow(instance, "DBClusterIdentifier")
        if cluster is None:
            raise Undecidable(
                "DBClusterIdentifier",
                "the subnet group of a DB cluster outside the template",
                Kind.RESOURCE_ID,
            )
        holder = cluster
    if not holder.props.has("DBSubnetGroupName"):
        return Verdict(
            Status.FAIL,
            path="DBSubnetGroupName",
            found=None,
            reason="absent: the default VPC, whose default subnets route to its internet gateway",
        )
    group = ctx.app.follow(holder, "DBSubnetGroupName")
    if group is None:
        name = holder.props.get("DBSubnetGroupName")
        raise Undecidable(
            "DBSubnetGroupName",
            f"the subnets of a DB subnet group outside the template ({name!r})",
            Kind.RESOURCE_ID,
        )
    subnets = group.props.shallow("SubnetIds")
    if not isinstance(subnets, list):
        raise Undecidable(
            f"{group.logical_id}.SubnetIds", f"a value that is not a list ({subnets!r})"
        )
    undecided: Undecidable | None = None
    for index, subnet in enumerate(subnets):
        path = f"DBSubnetGroupName ({group.logical_id}.SubnetIds[{index}])"
        target = ctx.app.referenced(group.stack, subnet)
        if target is None or target.type != "AWS::EC2::Subnet":
            what = subnet.reason if isinstance(subnet, Unresolved) else repr(subnet)
            undecided = undecided or Undecidable(
                path, f"the routes of a subnet outside the template ({what})", Kind.RESOURCE_ID
            )
            continue
        try:
            public = _routes_to_internet_gateway(target, ctx)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if public:
            return Verdict(
                Status.FAIL,
                path=path,
                found=target.logical_id,
                reason="its route table sends 0.0.0.0/0 or ::/0 to an internet gateway",
            )
    if undecided is not None:
        raise undecided
    return Verdict.passed()
