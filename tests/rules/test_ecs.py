"""ECS.3, ECS.4, ECS.5, ECS.8 and ECS.12 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ssm as ssm

from fsbp_constructs import FsbpChecks, Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

IMAGE = ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:latest")


def _ec2_task(stack: cdk.Stack, name: str, **props: object) -> ecs.Ec2TaskDefinition:
    task = ecs.Ec2TaskDefinition(stack, name, **props)  # type: ignore[arg-type]
    task.add_container("App", image=IMAGE, memory_limit_mib=256, readonly_root_filesystem=True)
    return task


def test_ecs_3_host_pid_mode_fails_task_and_absent_pass() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    _ec2_task(stack, "Host", pid_mode=ecs.PidMode.HOST)
    _ec2_task(stack, "Task", pid_mode=ecs.PidMode.TASK)
    _ec2_task(stack, "Absent")
    mode = cdk.CfnParameter(stack, "PidMode", allowed_values=["host", "task"])
    ecs.CfnTaskDefinition(stack, "FromParameter", pid_mode=mode.value_as_string)

    result = check_app(app, controls=["ECS.3"])

    assert result.resources("ECS.3", Status.FAIL) == {"S/Host/Resource"}
    assert result.resources("ECS.3", Status.PASS) == {"S/Task/Resource", "S/Absent/Resource"}
    assert result.resources("ECS.3", Status.UNKNOWN) == {"S/FromParameter"}
    assert result.reported() == {
        ("FSBP-ECS.3", "error", "S/Host/Resource"),
        ("FSBP-ECS.3", "warning", "S/FromParameter"),
    }


def test_ecs_4_only_privileged_containers_fail() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    privileged = ecs.Ec2TaskDefinition(stack, "Privileged")
    privileged.add_container("Plain", image=IMAGE, memory_limit_mib=256)
    privileged.add_container("Root", image=IMAGE, memory_limit_mib=256, privileged=True)
    unprivileged = ecs.Ec2TaskDefinition(stack, "Unprivileged")
    unprivileged.add_container("Explicit", image=IMAGE, memory_limit_mib=256, privileged=False)
    unprivileged.add_container("Unset", image=IMAGE, memory_limit_mib=256)

    result = check_app(app, controls=["ECS.4"])

    assert result.resources("ECS.4", Status.FAIL) == {"S/Privileged/Resource"}
    assert result.resources("ECS.4", Status.PASS) == {"S/Unprivileged/Resource"}
    assert result.reported() == {("FSBP-ECS.4", "error", "S/Privileged/Resource")}
    (finding,) = [f for f in result.findings if f.status is Status.FAIL]
    assert finding.verdict.path == "ContainerDefinitions[1].Privileged"


def test_ecs_5_every_container_needs_a_read_only_root_except_on_windows() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    mixed = ecs.FargateTaskDefinition(stack, "Mixed")
    mixed.add_container("ReadOnly", image=IMAGE, readonly_root_filesystem=True)
    mixed.add_container("Writable", image=IMAGE)
    read_only = ecs.FargateTaskDefinition(stack, "ReadOnly")
    read_only.add_container("One", image=IMAGE, readonly_root_filesystem=True)
    read_only.add_container("Two", image=IMAGE, readonly_root_filesystem=True)
    explicit = ecs.FargateTaskDefinition(stack, "ExplicitlyWritable")
    explicit.add_container("App", image=IMAGE, readonly_root_filesystem=False)
    windows = ecs.FargateTaskDefinition(
        stack,
        "Windows",
        cpu=1024,
        memory_limit_mib=2048,
        runtime_platform=ecs.RuntimePlatform(
            operating_system_family=ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE,
            cpu_architecture=ecs.CpuArchitecture.X86_64,
        ),
    )
    windows.add_container("App", image=IMAGE)
    linux = ecs.FargateTaskDefinition(
        stack,
        "Linux",
        runtime_platform=ecs.RuntimePlatform(
            operating_system_family=ecs.OperatingSystemFamily.LINUX
        ),
    )
    linux.add_container("App", image=IMAGE)

    result = check_app(app, controls=["ECS.5"])

    failing = {"S/Mixed/Resource", "S/ExplicitlyWritable/Resource", "S/Linux/Resource"}
    assert result.resources("ECS.5", Status.FAIL) == failing
    assert result.resources("ECS.5", Status.PASS) == {"S/ReadOnly/Resource"}
    assert result.resources("ECS.5", Status.NOT_APPLICABLE) == {"S/Windows/Resource"}
    assert result.reported() == {("FSBP-ECS.5", "error", path) for path in failing}
    paths = {f.resource: f.verdict.path for f in result.findings if f.status is Status.FAIL}
    assert paths["S/Mixed/Resource"] == "ContainerDefinitions[1].ReadonlyRootFilesystem"


def test_ecs_8_secret_key_names_in_environment_fail_case_insensitively() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    parameter = ssm.StringParameter.from_secure_string_parameter_attributes(
        stack, "Key", parameter_name="/app/secret-key"
    )

    def task(name: str, **container: object) -> None:
        definition = ecs.FargateTaskDefinition(stack, name)
        definition.add_container("App", image=IMAGE, **container)  # type: ignore[arg-type]

    task(
        "SecretInEnvironment",
        environment={"LOG_LEVEL": "debug", "AWS_SECRET_ACCESS_KEY": "not-a-real-key"},
    )
    task("LowercaseKeyId", environment={"aws_access_key_id": "AKIAEXAMPLE"})
    task("EngineAuth", environment={"ECS_ENGINE_AUTH_DATA": "{}"})
    task("Secrets", secrets={"AWS_SECRET_ACCESS_KEY": ecs.Secret.from_ssm_parameter(parameter)})
    task("Unrelated", environment={"AWS_REGION": "us-east-1", "SECRET_NAME": "app"})
    task("NoEnvironment")

    result = check_app(app, controls=["ECS.8"])

    failing = {
        "S/SecretInEnvironment/Resource",
        "S/LowercaseKeyId/Resource",
        "S/EngineAuth/Resource",
    }
    assert result.resources("ECS.8", Status.FAIL) == failing
    assert result.resources("ECS.8", Status.PASS) == {
        "S/Secrets/Resource",
        "S/Unrelated/Resource",
        "S/NoEnvironment/Resource",
    }
    assert result.reported() == {("FSBP-ECS.8", "error", path) for path in failing}
    found = {f.resource: f.verdict.found for f in result.findings if f.status is Status.FAIL}
    assert found["S/LowercaseKeyId/Resource"] == "aws_access_key_id"
    assert found["S/SecretInEnvironment/Resource"] == "AWS_SECRET_ACCESS_KEY"


def _clusters(stack: cdk.Stack) -> None:
    vpc = ec2.Vpc(
        stack,
        "Vpc",
        max_azs=1,
        nat_gateways=0,
        subnet_configuration=[
            ec2.SubnetConfiguration(name="Public", subnet_type=ec2.SubnetType.PUBLIC)
        ],
    )
    ecs.Cluster(stack, "Enabled", vpc=vpc, container_insights_v2=ecs.ContainerInsights.ENABLED)
    ecs.Cluster(stack, "Enhanced", vpc=vpc, container_insights_v2=ecs.ContainerInsights.ENHANCED)
    ecs.Cluster(stack, "Disabled", vpc=vpc, container_insights_v2=ecs.ContainerInsights.DISABLED)
    ecs.Cluster(stack, "Absent", vpc=vpc)


def test_ecs_12_container_insights_setting_decides_and_absent_is_unknown() -> None:
    app = new_app()
    _clusters(cdk.Stack(app, "S", env=ENV))

    result = check_app(app, controls=["ECS.12"])

    assert result.resources("ECS.12", Status.PASS) == {"S/Enabled/Resource", "S/Enhanced/Resource"}
    assert result.resources("ECS.12", Status.FAIL) == {"S/Disabled/Resource"}
    assert result.resources("ECS.12", Status.UNKNOWN) == {"S/Absent/Resource"}
    assert result.reported() == {
        ("FSBP-ECS.12", "error", "S/Disabled/Resource"),
        ("FSBP-ECS.12", "warning", "S/Absent/Resource"),
    }


def test_ecs_12_strict_makes_unknown_an_error() -> None:
    app = new_app()
    _clusters(cdk.Stack(app, "S", env=ENV))

    result = check_app(app, controls=["ECS.12"], strict=True)

    assert result.resources("ECS.12", Status.UNKNOWN) == {"S/Absent/Resource"}
    assert result.reported() == {
        ("FSBP-ECS.12", "error", "S/Disabled/Resource"),
        ("FSBP-ECS.12", "error", "S/Absent/Resource"),
    }
    assert result.error is not None


@pytest.mark.parametrize(
    ("account_setting", "absent_status"),
    [("enabled", Status.PASS), ("enhanced", Status.PASS), ("disabled", Status.FAIL)],
)
def test_ecs_12_account_setting_parameter_decides_absent_setting(
    account_setting: str, absent_status: Status
) -> None:
    app = new_app()
    _clusters(cdk.Stack(app, "S", env=ENV))

    result = check_app(
        app,
        controls=["ECS.12"],
        parameters={"ECS.12": {"accountContainerInsights": account_setting}},
    )

    # An explicit cluster setting still wins over the account setting.
    passing = {"S/Enabled/Resource", "S/Enhanced/Resource"}
    failing = {"S/Disabled/Resource"}
    (passing if absent_status is Status.PASS else failing).add("S/Absent/Resource")
    assert result.resources("ECS.12", Status.PASS) == passing
    assert result.resources("ECS.12", Status.FAIL) == failing
    assert result.resources("ECS.12", Status.UNKNOWN) == set()
    assert result.reported() == {("FSBP-ECS.12", "error", path) for path in failing}


@pytest.mark.parametrize("bad", ["on", "", True, 1])
def test_ecs_12_bad_account_setting_is_refused_at_construction(bad: object) -> None:
    with pytest.raises(ValueError, match="accountContainerInsights") as raised:
        FsbpChecks(parameters={"ECS.12": {"accountContainerInsights": bad}})
    assert repr(bad) in str(raised.value)
    assert "enabled, enhanced, disabled" in str(raised.value)
