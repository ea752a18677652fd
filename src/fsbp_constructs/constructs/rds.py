"""Amazon RDS and Aurora: :class:`SecureDatabaseInstance` and :class:`SecureDatabaseCluster`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_rds as rds
from constructs import Construct

from ..controls.rds import DEFAULT_PORTS
from ._props import merge_defaults, same_props_as

__all__ = [
    "ADMIN_USERNAME",
    "BACKTRACK_WINDOW",
    "BACKUP_RETENTION",
    "MONITORING_INTERVAL",
    "PORT_OFFSET",
    "SecureDatabaseCluster",
    "SecureDatabaseInstance",
    "secure_database_cluster_defaults",
    "secure_database_instance_defaults",
    "secure_port",
]

#: The administrator's name: not an engine's default (``admin``, ``postgres``).
ADMIN_USERNAME = "dbadmin"
#: Automated backups are kept this long (Security Hub's default minimum).
BACKUP_RETENTION = cdk.Duration.days(7)
#: Enhanced monitoring publishes OS metrics this often.
MONITORING_INTERVAL = cdk.Duration.seconds(60)
#: Aurora MySQL can be rewound this far without a restore.
BACKTRACK_WINDOW = cdk.Duration.hours(24)
#: The port default: the engine's default port plus this.
PORT_OFFSET = 10000

_MYSQL_LOGS = ["audit", "error", "general", "slowquery"]
#: The log types exported to CloudWatch Logs, by engine name prefix (first match wins).
_LOG_EXPORTS: tuple[tuple[str, list[str]], ...] = (
    ("aurora-postgresql", ["postgresql"]),
    ("aurora", _MYSQL_LOGS),
    ("mysql", _MYSQL_LOGS),
    ("mariadb", _MYSQL_LOGS),
    ("postgres", ["postgresql", "upgrade"]),
    ("oracle", ["alert", "audit", "listener", "trace"]),
    ("sqlserver-ex", ["error"]),  # Express has no SQL Server Agent
    ("sqlserver", ["agent", "error"]),
    ("db2", ["diag.log", "notify.log"]),
)

#: The DB parameter that makes an instance refuse connections without TLS, by engine.
_TLS_PARAMETERS: tuple[tuple[str, dict[str, str]], ...] = (
    ("postgres", {"rds.force_ssl": "1"}),
    ("mysql", {"require_secure_transport": "1"}),
    ("mariadb", {"require_secure_transport": "ON"}),
    ("sqlserver", {"rds.force_ssl": "1"}),
)

#: Aurora MySQL's audit log (RDS.45): on, for connections, grants and schema changes.
_AURORA_MYSQL_AUDIT = {
    "server_audit_logging": "1",
    "server_audit_events": "CONNECT,QUERY_DCL,QUERY_DDL",
}

#: The engines whose instances support IAM database authentication (MariaDB from 10.6).
_IAM_AUTH_ENGINES = ("mysql", "mariadb", "postgres", "aurora")


def _first(table: tuple[tuple[str, Any], ...], engine_type: str) -> Any:
    return next((value for prefix, value in table if engine_type.startswith(prefix)), None)


def secure_port(engine_type: str) -> int | None:
    """The port the Secure constructs give an engine: its default port plus
    :data:`PORT_OFFSET` (``postgres`` 15432, ``mysql`` 13306, ``sqlserver-*`` 11433, ...).
    ``None`` for an engine without a known default port."""
    default: int | None = _first(DEFAULT_PORTS, engine_type)
    if default is None:
        return None
    return default + PORT_OFFSET if default + PORT_OFFSET <= 65535 else default + 1


def _engine_type(engine: Any) -> str:
    name = getattr(engine, "engine_type", None)
    return name.lower() if isinstance(name, str) else ""


def _family(engine: Any) -> str | None:
    family = getattr(engine, "parameter_group_family", None)
    return family if isinstance(family, str) and not cdk.Token.is_unresolved(family) else None


def _fields(selection: ec2.SubnetSelection) -> dict[str, Any]:
    """A subnet selection as the keyword arguments of ``select_subnets``."""
    names = ("availability_zones", "one_per_az", "subnet_filters", "subnet_group_name")
    more = ("subnets", "subnet_type")
    return {n: getattr(selection, n) for n in (*names, *more) if getattr(selection, n) is not None}


def _credentials(given: Mapping[str, Any]) -> dict[str, Any]:
    """RDS keeps the administrator's password in Secrets Manager and rotates it, and the
    administrator's name is a plain string in the template (RDS.24, RDS.25)."""
    if given.get("credentials") is not None or given.get("manage_master_user_password") is False:
        return {}
    return {
        "credentials": rds.Credentials.from_username(ADMIN_USERNAME),
        "manage_master_user_password": True,
    }


def secure_database_instance_defaults(given: Mapping[str, Any]) -> dict[str, Any]:
    """The props :class:`SecureDatabaseInstance` sets unless the caller gives them; some
    depend on ``given["engine"]``."""
    engine = _engine_type(given.get("engine"))
    defaults: dict[str, Any] = {
        # RDS.2: no public endpoint.
        "publicly_accessible": False,
        # RDS.3: storage encrypted at rest (the AWS-managed key unless storage_encryption_key).
        "storage_encrypted": True,
        # RDS.5: a standby in another Availability Zone (SQL Server Express has none).
        "multi_az": not engine.startswith("sqlserver-ex"),
        # RDS.6: enhanced monitoring (CDK creates the monitoring role).
        "monitoring_interval": MONITORING_INTERVAL,
        # RDS.8: deletion protection.
        "deletion_protection": True,
        # RDS.11: automated backups kept 7 days.
        "backup_retention": BACKUP_RETENTION,
        # RDS.13: minor versions upgraded automatically.
        "auto_minor_version_upgrade": True,
        # RDS.17: snapshots carry the instance's tags.
        "copy_tags_to_snapshot": True,
        # RDS.24/RDS.25: a custom administrator name; RDS manages the password.
        **_credentials(given),
    }
    # RDS.10: IAM database authentication (MySQL, MariaDB, PostgreSQL; others lack it).
    if engine.startswith(_IAM_AUTH_ENGINES):
        defaults["iam_authentication"] = True
    # RDS.23: not the engine's default port.
    port = secure_port(engine)
    if port is not None:
        defaults["port"] = port
    # RDS.9, RDS.36, RDS.40, RDS.42: the engine's logs exported to CloudWatch Logs.
    logs = _first(_LOG_EXPORTS, engine)
    if logs is not None:
        defaults["cloudwatch_logs_exports"] = list(logs)
    # RDS.38, RDS.39, RDS.41, RDS.44: a parameter group that refuses connections without
    # TLS (only with a versioned engine: a parameter group needs the engine's family).
    tls = _first(_TLS_PARAMETERS, engine)
    versioned = _family(given.get("engine")) is not None
    if tls is not None and versioned and given.get("parameter_group") is None:
        defaults["parameters"] = dict(tls)
    return defaults


def secure_database_cluster_defaults(given: Mapping[str, Any]) -> dict[str, Any]:
    """The props :class:`SecureDatabaseCluster` sets unless the caller gives them; some
    depend on ``given["engine"]``."""
    engine = _engine_type(given.get("engine"))
    defaults: dict[str, Any] = {
        # RDS.2: the instances get PubliclyAccessible false (an explicit subnet selection,
        # the default private subnets, makes CDK write it).
        "vpc_subnets": ec2.SubnetSelection(),
        # RDS.27 (and RDS.3 for the instances): storage encrypted at rest.
        "storage_encrypted": True,
        # RDS.7: deletion protection.
        "deletion_protection": True,
        # RDS.50 (and RDS.11 for the instances): automated backups kept 7 days.
        "backup": rds.BackupProps(retention=BACKUP_RETENTION),
        # RDS.12 (and RDS.10 for the instances): IAM database authentication.
        "iam_authentication": True,
        # RDS.16: snapshots carry the cluster's tags.
        "copy_tags_to_snapshot": True,
        # RDS.6: enhanced monitoring of every instance (CDK creates the monitoring role).
        "monitoring_interval": MONITORING_INTERVAL,
        # RDS.24/RDS.25: a custom administrator name; RDS manages the password.
        **_credentials(given),
    }
    # RDS.15: a second instance, in another Availability Zone (see SecureDatabaseCluster).
    if given.get("instance_props") is None:
        defaults["readers"] = [rds.ClusterInstance.serverless_v2("Reader", scale_with_writer=True)]
    # RDS.23: not the engine's default port.
    port = secure_port(engine)
    if port is not None:
        defaults["port"] = port
    # RDS.9 (instances), RDS.34, RDS.37: the engine's logs exported to CloudWatch Logs.
    logs = _first(_LOG_EXPORTS, engine)
    if logs is not None:
        defaults["cloudwatch_logs_exports"] = list(logs)
    if engine.startswith("aurora") and not engine.startswith("aurora-postgresql"):
        # RDS.14: Aurora MySQL can be rewound without a restore.
        defaults["backtrack_window"] = BACKTRACK_WINDOW
        # RDS.45: the audit log is written (needs the engine's family for the group).
        if _family(given.get("engine")) is not None and given.get("parameter_group") is None:
            defaults["parameters"] = dict(_AURORA_MYSQL_AUDIT)
    return defaults


class SecureDatabaseInstance(rds.DatabaseInstance):
    """An RDS DB instance with the FSBP RDS controls met by default.

    Takes every prop of :class:`aws_cdk.aws_rds.DatabaseInstance` (``engine`` and ``vpc``
    are required, as there); these defaults differ. Each can be given another value; a
    noncompliant one is then reported by ``FsbpChecks`` at synth, unless acknowledged with
    ``Validations.of(db).acknowledge(Acknowledgment(id="FSBP::FSBP-RDS.<n>", reason=...))``.

    - ``publicly_accessible``: ``False`` (RDS.2).
    - ``storage_encrypted``: ``True`` (RDS.3), with the AWS-managed key ``aws/rds`` unless
      ``storage_encryption_key`` is given. No cost.
    - ``multi_az``: ``True`` (RDS.5): a standby in another Availability Zone, which doubles
      the instance and storage cost; ``multi_az=False`` and acknowledge RDS.5 for a
      development database. SQL Server Express cannot be Multi-AZ: it keeps ``False`` and
      RDS.5 is reported.
    - ``monitoring_interval``: 60 seconds (RDS.6): enhanced monitoring, with a monitoring
      role CDK creates; the OS metrics are billed as CloudWatch Logs ingestion
      (``RDSOSMetrics``). ``Duration.seconds(0)`` turns it off (acknowledge RDS.6).
    - ``deletion_protection``: ``True`` (RDS.8): ``cdk destroy`` and stack deletion fail
      until it is turned off; ``deletion_protection=False`` and acknowledge RDS.8 for
      throw-away stacks.
    - ``backup_retention``: 7 days (RDS.11); backup storage beyond the size of the database
      is billed. ``Duration.days(1)`` and acknowledge RDS.11 to keep less.
    - ``auto_minor_version_upgrade``: ``True`` (RDS.13): minor versions are applied in the
      maintenance window, with a short restart.
    - ``copy_tags_to_snapshot``: ``True`` (RDS.17).
    - ``credentials``: :data:`ADMIN_USERNAME` (``dbadmin``, RDS.25: not ``admin`` or
      ``postgres``) with ``manage_master_user_password=True``: RDS keeps the password in
      Secrets Manager and rotates it (:attr:`secret` is that secret; no rotation to add).
      Giving ``credentials`` (e.g. ``Credentials.from_generated_secret("appadmin")``)
      replaces both: aws-cdk-lib then creates the secret, without rotation.
    - ``iam_authentication``: ``True`` for MySQL, MariaDB (10.6 and later) and PostgreSQL
      (RDS.10); other engines have no IAM authentication and are out of its scope. No cost.
    - ``port``: the engine's default port plus :data:`PORT_OFFSET` (RDS.23: PostgreSQL
      15432, MySQL and MariaDB 13306, Oracle 11521, SQL Server 11433): clients must use
      :attr:`db_instance_endpoint_port`. Give ``port`` and acknowledge RDS.23 to keep the
      default.
    - ``cloudwatch_logs_exports``: the engine's logs (RDS.9, RDS.36, RDS.40, RDS.42):
      PostgreSQL ``postgresql``, ``upgrade``; MySQL and MariaDB ``audit``, ``error``,
      ``general``, ``slowquery``; Oracle ``alert``, ``audit``, ``listener``, ``trace``; SQL
      Server ``agent``, ``error`` (Express: ``error``, so RDS.9 is reported); Db2
      ``diag.log``, ``notify.log``. Billed as CloudWatch Logs ingestion and storage; the log
      groups never expire unless ``cloudwatch_logs_retention`` is given (CDK then adds a
      Lambda-backed custom resource). MySQL and MariaDB write audit events only with the
      ``MARIADB_AUDIT_PLUGIN`` option (give an ``option_group``), and general and slow query
      logs only with ``general_log`` and ``slow_query_log`` on.
    - ``parameters``: a parameter group that refuses connections without TLS (RDS.38
      PostgreSQL ``rds.force_ssl=1``, RDS.39 MySQL ``require_secure_transport=1``, RDS.44
      MariaDB ``require_secure_transport=ON``, RDS.41 SQL Server ``rds.force_ssl=1``):
      clients must connect with TLS. Only with an engine that names its version
      (``DatabaseInstanceEngine.postgres(version=...)``), as a parameter group needs the
      family; without it, or with your own ``parameter_group`` or ``parameters``, set the
      parameter there (it is not merged into yours).

    Not set by default, because it needs your network: RDS.46 (no subnet routing to an
    internet gateway) is decided by the subnets of ``vpc``/``vpc_subnets``; with an imported
    VPC whose route tables are not in the app it is UNKNOWN.

    Example::

        db = SecureDatabaseInstance(
            stack, "Db",
            engine=rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16),
            vpc=vpc,
        )
        db.grant_connect(app_role, "dbadmin")
    """

    @same_props_as(rds.DatabaseInstance)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(
            scope, id, **merge_defaults(secure_database_instance_defaults(props), props)
        )


class SecureDatabaseCluster(rds.DatabaseCluster):
    """An Aurora DB cluster with the FSBP RDS controls met by default.

    Takes every prop of :class:`aws_cdk.aws_rds.DatabaseCluster` (``engine``, ``vpc`` and
    ``writer`` are required, as there); these defaults differ. Each can be given another
    value; a noncompliant one is then reported by ``FsbpChecks`` at synth, unless
    acknowledged with ``Validations.of(cluster).acknowledge(Acknowledgment(
    id="FSBP::FSBP-RDS.<n>", reason=...))``.

    - ``vpc_subnets``: ``SubnetSelection()`` (the default private subnets), so that CDK
      writes ``PubliclyAccessible: false`` on every instance (RDS.2).
    - ``storage_encrypted``: ``True`` (RDS.27, and RDS.3 for its instances). No cost.
    - ``deletion_protection``: ``True`` (RDS.7): stack deletion fails until it is turned
      off; ``deletion_protection=False`` and acknowledge RDS.7 for throw-away stacks.
    - ``backup``: 7 days' retention (RDS.50, and RDS.11 for its instances); backup storage
      beyond the cluster's size is billed.
    - ``iam_authentication``: ``True`` (RDS.12, and RDS.10 for its instances). No cost.
    - ``copy_tags_to_snapshot``: ``True`` (RDS.16).
    - ``monitoring_interval``: 60 seconds on every instance (RDS.6), with a monitoring role;
      billed as CloudWatch Logs ingestion. ``Duration.seconds(0)`` and acknowledge RDS.6.
    - ``credentials``: :data:`ADMIN_USERNAME` with ``manage_master_user_password=True``
      (RDS.24, RDS.25), as for :class:`SecureDatabaseInstance`.
    - ``readers``: one Aurora Serverless v2 reader that scales with the writer (RDS.15: at
      least two instances). It is billed per ACU-hour (0.5 ACU at least, 2 at most unless
      ``serverless_v2_min_capacity``/``serverless_v2_max_capacity`` are given). Give your
      own ``readers``, or ``readers=[]`` and acknowledge RDS.15 for a single instance.
      When the cluster has two or more instances and none names an Availability Zone, the
      construct spreads them over the zones of its subnets (``AvailabilityZone`` on each
      instance, in turn), so that RDS.15 can see them in two zones; with zones that are
      not known at synth (an environment-agnostic stack) RDS.15 stays UNKNOWN.
    - ``port``: the engine's default port plus :data:`PORT_OFFSET` (RDS.23: Aurora
      PostgreSQL 15432, Aurora MySQL 13306).
    - ``cloudwatch_logs_exports``: Aurora PostgreSQL ``postgresql`` (RDS.37); Aurora MySQL
      ``audit``, ``error``, ``general``, ``slowquery`` (RDS.34, and RDS.9 for its
      instances). Billed as CloudWatch Logs ingestion and storage.
    - Aurora MySQL only: ``backtrack_window`` 24 hours (RDS.14; the change records are
      billed per million; it can be set only when the cluster is created, and does not work
      with binary log replication: give ``backtrack_window=Duration.seconds(0)`` and
      acknowledge RDS.14), and ``parameters`` ``server_audit_logging=1`` with
      ``server_audit_events=CONNECT,QUERY_DCL,QUERY_DDL`` (RDS.45; only with an engine that
      names its version, and not merged into your own ``parameters``).

    Not set by default, because it needs your network: RDS.46 (no subnet routing to an
    internet gateway), decided by the subnets of ``vpc``/``vpc_subnets``.

    Example::

        cluster = SecureDatabaseCluster(
            stack, "Aurora",
            engine=rds.DatabaseClusterEngine.aurora_postgres(
                version=rds.AuroraPostgresEngineVersion.VER_16_4),
            writer=rds.ClusterInstance.provisioned("Writer"),
            vpc=vpc,
        )
    """

    @same_props_as(rds.DatabaseCluster)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(
            scope, id, **merge_defaults(secure_database_cluster_defaults(props), props)
        )
        self._spread_over_zones()

    def _spread_over_zones(self) -> None:
        """Give each instance an Availability Zone of the cluster's subnets, in turn, when
        there are two or more instances and none names one (RDS.15)."""
        instances = [node for node in self.node.find_all() if isinstance(node, rds.CfnDBInstance)]
        if len(instances) < 2 or any(i.availability_zone is not None for i in instances):
            return
        selection = self.vpc_subnets or ec2.SubnetSelection()
        zones = sorted(set(self.vpc.select_subnets(**_fields(selection)).availability_zones))
        if len(zones) < 2 or any(cdk.Token.is_unresolved(zone) for zone in zones):
            return
        for index, instance in enumerate(instances):
            instance.availability_zone = zones[index % len(zones)]
