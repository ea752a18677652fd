"""SecureDatabaseInstance and SecureDatabaseCluster: the FSBP RDS controls met by default."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_rds as rds
from aws_cdk.assertions import Match, Template
from constructs import Construct
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ec2 import SecureVpc
from fsbp_constructs.constructs.rds import (
    SecureDatabaseCluster,
    SecureDatabaseInstance,
    secure_database_instance_defaults,
    secure_port,
)
from fsbp_constructs.evaluate import Finding
from fsbp_constructs.testing import CheckResult, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack, new_stack_with_vpc

POSTGRES = rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16)
AURORA_MYSQL = rds.DatabaseClusterEngine.aurora_mysql(
    version=rds.AuroraMysqlEngineVersion.VER_3_08_0
)
AURORA_POSTGRES = rds.DatabaseClusterEngine.aurora_postgres(
    version=rds.AuroraPostgresEngineVersion.VER_16_4
)

INSTANCE_ENGINES = {
    "postgres": POSTGRES,
    "mysql": rds.DatabaseInstanceEngine.mysql(version=rds.MysqlEngineVersion.VER_8_0),
    "mariadb": rds.DatabaseInstanceEngine.maria_db(version=rds.MariaDbEngineVersion.VER_10_11),
    "sqlserver-se": rds.DatabaseInstanceEngine.sql_server_se(
        version=rds.SqlServerEngineVersion.VER_16
    ),
    "oracle-ee": rds.DatabaseInstanceEngine.oracle_ee(version=rds.OracleEngineVersion.VER_19),
}


def problems(result: CheckResult, under: str) -> list[str]:
    """FAIL and UNKNOWN findings on the resources under a construct path."""
    return [
        f"{f.control.id} {f.status.value} {f.resource}: {f.verdict.detail}"
        for f in result.findings
        if f.resource.startswith(under) and f.status in (Status.FAIL, Status.UNKNOWN)
    ]


def statuses(result: CheckResult, resource: str) -> dict[str, Status]:
    found: list[Finding] = [f for f in result.findings if f.resource == resource]
    return {f.control.id: f.status for f in found}


def stack_with_vpc() -> tuple[cdk.App, cdk.Stack, ec2.Vpc]:
    """A stack whose VPC (private subnets behind a NAT gateway) is in the app, so that RDS.46
    can follow the subnets' routes."""
    app, stack = new_stack()
    return app, stack, SecureVpc(stack, "Vpc", max_azs=2, nat_gateways=1)


Build = Callable[[cdk.Stack, ec2.Vpc], Construct]


def instance(engine: str) -> Build:
    def build(stack: cdk.Stack, vpc: ec2.Vpc) -> Construct:
        license_model = rds.LicenseModel.LICENSE_INCLUDED if "sql" in engine else None
        return SecureDatabaseInstance(
            stack, "Db", engine=INSTANCE_ENGINES[engine], vpc=vpc, license_model=license_model
        )

    return build


def cluster(engine: rds.IClusterEngine) -> Build:
    def build(stack: cdk.Stack, vpc: ec2.Vpc) -> Construct:
        return SecureDatabaseCluster(
            stack,
            "Aurora",
            engine=engine,
            vpc=vpc,
            writer=rds.ClusterInstance.provisioned("Writer"),
        )

    return build


#: Every default configuration of the two constructs: how to build it, the construct path
#: its findings are under, and a control that must PASS on its resource (RDS.46 follows the
#: instance's subnets' routes; RDS.15 counts the cluster's instances in distinct zones).
DEFAULTS = [
    *(
        pytest.param(instance(engine), "S/Db/", "RDS.46", id=f"instance-{engine}")
        for engine in INSTANCE_ENGINES
    ),
    pytest.param(cluster(AURORA_MYSQL), "S/Aurora/", "RDS.15", id="cluster-mysql"),
    pytest.param(cluster(AURORA_POSTGRES), "S/Aurora/", "RDS.15", id="cluster-postgresql"),
]


@pytest.mark.parametrize(("build", "under", "passes"), DEFAULTS)
def test_defaults_have_zero_findings(build: Build, under: str, passes: str) -> None:
    """No FAIL or UNKNOWN under the whole pack for the construct's defaults."""
    app, stack, vpc = stack_with_vpc()
    build(stack, vpc)

    result = check_app(app)

    assert problems(result, under) == []
    assert statuses(result, f"{under}Resource")[passes] is Status.PASS


# --------------------------------------------------------------------------- instance


def test_instance_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseInstance(stack, "Db", engine=POSTGRES, vpc=vpc)

    assert template_of(stack) == snapshot_json


def test_instance_defaults_in_the_template() -> None:
    _, stack, vpc = new_stack_with_vpc()
    db = SecureDatabaseInstance(stack, "Db", engine=POSTGRES, vpc=vpc)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::RDS::DBInstance",
        {
            "PubliclyAccessible": False,
            "StorageEncrypted": True,
            "MultiAZ": True,
            "MonitoringInterval": 60,
            "DeletionProtection": True,
            "BackupRetentionPeriod": 7,
            "AutoMinorVersionUpgrade": True,
            "CopyTagsToSnapshot": True,
            "EnableIAMDatabaseAuthentication": True,
            "Port": "15432",
            "EnableCloudwatchLogsExports": ["postgresql", "upgrade"],
            "MasterUsername": "dbadmin",
            "ManageMasterUserPassword": True,
            "MasterUserPassword": Match.absent(),
            "DBParameterGroupName": {"Ref": Match.string_like_regexp("^DbParameterGroup")},
        },
    )
    template.has_resource_properties(
        "AWS::RDS::DBParameterGroup",
        {"Family": "postgres16", "Parameters": {"rds.force_ssl": "1"}},
    )
    template.resource_count_is("AWS::SecretsManager::Secret", 0)
    assert db.secret is not None  # the secret RDS manages


def test_given_props_win() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureDatabaseInstance(
        stack, "Db", engine=POSTGRES, vpc=vpc, multi_az=False, port=5432, parameters={"a": "b"}
    )

    Template.from_stack(stack).has_resource_properties(
        "AWS::RDS::DBParameterGroup", {"Parameters": {"a": "b"}}
    )
    result = check_app(app, controls=["RDS.5", "RDS.23", "RDS.38"])

    assert result.resources("RDS.5", Status.FAIL) == {"S/Db/Resource"}
    assert result.resources("RDS.23", Status.FAIL) == {"S/Db/Resource"}
    assert result.resources("RDS.38", Status.PASS) == {"S/Db/Resource"}  # 16 forces TLS
    assert ("FSBP-RDS.5", "error", "S/Db/Resource") in result.reported()


def test_given_credentials_replace_the_managed_password() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureDatabaseInstance(
        stack,
        "Db",
        engine=POSTGRES,
        vpc=vpc,
        credentials=rds.Credentials.from_generated_secret("appadmin"),
    )

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::RDS::DBInstance", {"ManageMasterUserPassword": Match.absent()}
    )
    template.resource_count_is("AWS::SecretsManager::Secret", 1)
    result = check_app(app, controls=["RDS.25"])
    assert result.resources("RDS.25", Status.PASS) == {"S/Db/Resource"}


def test_gaps_an_unversioned_engine_and_an_imported_vpc_leave_unknown() -> None:
    # No parameter group without the engine's family, and an imported VPC's routes are not
    # in the app: both controls stay UNKNOWN, as the docstring says.
    app, stack, vpc = new_stack_with_vpc()
    SecureDatabaseInstance(stack, "Db", engine=rds.DatabaseInstanceEngine.POSTGRES, vpc=vpc)

    result = check_app(app)

    found = {(f.control.id, f.status) for f in result.findings if f.resource.startswith("S/Db/")}
    assert {f for f in found if f[1] in (Status.FAIL, Status.UNKNOWN)} == {
        ("RDS.38", Status.UNKNOWN),
        ("RDS.46", Status.UNKNOWN),
    }


def test_sql_server_express_has_no_standby_or_agent_log() -> None:
    defaults = secure_database_instance_defaults(
        {
            "engine": rds.DatabaseInstanceEngine.sql_server_ex(
                version=rds.SqlServerEngineVersion.VER_16
            )
        }
    )
    assert defaults["multi_az"] is False
    assert defaults["cloudwatch_logs_exports"] == ["error"]
    assert "iam_authentication" not in defaults


@pytest.mark.parametrize(
    ("engine", "port"),
    [
        ("postgres", 15432),
        ("mysql", 13306),
        ("aurora-postgresql", 15432),
        ("oracle-se2", 11521),
        ("sqlserver-ee", 11433),
        ("db2-se", 60000),
        ("unknown", None),
    ],
)
def test_secure_port_is_not_the_default(engine: str, port: int | None) -> None:
    assert secure_port(engine) == port


def test_instance_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseInstance(stack, "Db", engine=POSTGRES, vpc=vpc)

    assert cfn_lint_errors(template_of(stack)) == []


# --------------------------------------------------------------------------- cluster


def test_cluster_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_MYSQL,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer"),
    )

    assert template_of(stack) == snapshot_json


def test_cluster_defaults_in_the_template() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_MYSQL,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer"),
    )

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::RDS::DBCluster",
        {
            "StorageEncrypted": True,
            "DeletionProtection": True,
            "BackupRetentionPeriod": 7,
            "EnableIAMDatabaseAuthentication": True,
            "CopyTagsToSnapshot": True,
            "Port": 13306,
            "BacktrackWindow": 86400,
            "EnableCloudwatchLogsExports": ["audit", "error", "general", "slowquery"],
            "MasterUsername": "dbadmin",
            "ManageMasterUserPassword": True,
        },
    )
    template.has_resource_properties(
        "AWS::RDS::DBClusterParameterGroup",
        {"Parameters": {"server_audit_logging": "1", "server_audit_events": Match.any_value()}},
    )
    instances = template.find_resources("AWS::RDS::DBInstance")
    assert sorted(i["Properties"]["AvailabilityZone"] for i in instances.values()) == [
        "us-east-1a",
        "us-east-1b",
    ]
    assert {i["Properties"]["PubliclyAccessible"] for i in instances.values()} == {False}
    assert {i["Properties"]["MonitoringInterval"] for i in instances.values()} == {60}
    assert sorted(i["Properties"]["DBInstanceClass"] for i in instances.values()) == [
        "db.serverless",
        "db.t3.medium",
    ]


def test_a_single_instance_cluster_is_reported() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureDatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_POSTGRES,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer"),
        readers=[],
    )

    Template.from_stack(stack).resource_count_is("AWS::RDS::DBInstance", 1)
    result = check_app(app, controls=["RDS.15"])

    assert result.resources("RDS.15", Status.FAIL) == {"S/Aurora/Resource"}


def test_zones_given_are_kept() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_POSTGRES,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer", availability_zone="us-east-1b"),
    )

    instances = Template.from_stack(stack).find_resources("AWS::RDS::DBInstance")
    zones = sorted(str(i["Properties"].get("AvailabilityZone")) for i in instances.values())
    assert zones == ["None", "us-east-1b"]


def test_cluster_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_POSTGRES,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer"),
    )

    assert cfn_lint_errors(template_of(stack)) == []


# --------------------------------------------------------------------------- signatures


@pytest.mark.parametrize(
    ("construct", "l2"),
    [(SecureDatabaseInstance, rds.DatabaseInstance), (SecureDatabaseCluster, rds.DatabaseCluster)],
    ids=["instance", "cluster"],
)
def test_signature_is_the_l2s(construct: type, l2: type) -> None:
    theirs = inspect.signature(l2.__init__).parameters  # type: ignore[misc]
    ours = inspect.signature(construct.__init__).parameters  # type: ignore[misc]
    assert list(ours) == list(theirs)
    assert [p.annotation for p in ours.values()] == [p.annotation for p in theirs.values()]
