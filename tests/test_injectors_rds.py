"""``FsbpDefaults.inject`` gives plain RDS L2s the defaults of the Secure RDS constructs."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_rds as rds

from fsbp_constructs import FsbpDefaults, SecureDatabaseInstance, Status
from fsbp_constructs.hints import cdk_hint
from fsbp_constructs.testing import CheckResult, check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY

POSTGRES = rds.DatabaseInstanceEngine.postgres(version=rds.PostgresEngineVersion.VER_16)
AURORA_MYSQL = rds.DatabaseClusterEngine.aurora_mysql(
    version=rds.AuroraMysqlEngineVersion.VER_3_08_0
)


def problems(result: CheckResult, under: str) -> set[tuple[str, Status]]:
    return {
        (f.control.id, f.status)
        for f in result.findings
        if f.resource.startswith(under) and f.status in (Status.FAIL, Status.UNKNOWN)
    }


def rds_app(*, injected: bool) -> cdk.App:
    app = new_app()
    if injected:
        FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1)
    rds.DatabaseInstance(stack, "Db", engine=POSTGRES, vpc=vpc)
    rds.DatabaseCluster(
        stack,
        "Aurora",
        engine=AURORA_MYSQL,
        vpc=vpc,
        writer=rds.ClusterInstance.provisioned("Writer"),
    )
    return app


def test_injected_rds_l2s_have_the_secure_defaults() -> None:
    plain = check_app(rds_app(injected=False))
    injected = check_app(rds_app(injected=True))

    assert {c for c, _ in problems(plain, "S/Db/")} >= {"RDS.3", "RDS.5", "RDS.8", "RDS.23"}
    assert problems(injected, "S/Db/") == set()
    # An injector cannot pin the instances' zones, as SecureDatabaseCluster does: RDS.15
    # stays UNKNOWN (two instances, zones picked by RDS).
    assert problems(injected, "S/Aurora/") == {("RDS.15", Status.UNKNOWN)}


def test_an_explicit_prop_wins_over_the_injected_default() -> None:
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=1)
    rds.DatabaseInstance(stack, "Single", engine=POSTGRES, vpc=vpc, multi_az=False)
    rds.DatabaseInstance(stack, "Standby", engine=POSTGRES, vpc=vpc)

    result = check_app(app, controls=["RDS.5"])

    assert result.resources("RDS.5", Status.FAIL) == {"S/Single/Resource"}
    assert result.resources("RDS.5", Status.PASS) == {"S/Standby/Resource"}


def test_injected_and_secure_instances_share_one_definition() -> None:
    app = new_app()
    secure_stack = cdk.Stack(app, "Secure", env=ENV)
    SecureDatabaseInstance(
        secure_stack, "Db", engine=POSTGRES, vpc=ec2.Vpc(secure_stack, "Vpc", max_azs=2)
    )
    scope = cdk.Stage(app, "Injected")
    FsbpDefaults.inject(scope)
    plain_stack = cdk.Stack(scope, "Plain", env=ENV)
    rds.DatabaseInstance(
        plain_stack, "Db", engine=POSTGRES, vpc=ec2.Vpc(plain_stack, "Vpc", max_azs=2)
    )

    def props(stack: cdk.Stack) -> object:
        resources = template_of(stack)["Resources"].values()
        (db,) = [r for r in resources if r["Type"] == "AWS::RDS::DBInstance"]
        return db["Properties"]

    assert props(secure_stack) == props(plain_stack)


def test_cdk_hints_name_the_rds_settings() -> None:
    hint = cdk_hint("RDS.8", "AWS::RDS::DBInstance")
    assert hint is not None
    assert "rds.DatabaseInstance(deletion_protection=True)" in hint
    assert "SecureDatabaseInstance" in hint
    cluster_hint = cdk_hint("RDS.27", "AWS::RDS::DBCluster")
    assert cluster_hint is not None and "SecureDatabaseCluster" in cluster_hint
