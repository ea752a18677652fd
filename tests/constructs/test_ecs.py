"""SecureFargateTaskDefinition, SecureEc2TaskDefinition: ECS.3, .4, .5, .8 (+ .9);
SecureCluster: ECS.12."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_appconfig as appconfig
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ecs import (
    SecureCluster,
    SecureEc2TaskDefinition,
    SecureFargateTaskDefinition,
)
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack

IMAGE = ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:1.27")


def _vpc(stack: cdk.Stack) -> ec2.IVpc:
    return ec2.Vpc.from_vpc_attributes(
        stack,
        "Vpc",
        vpc_id="vpc-0123456789abcdef0",
        availability_zones=["us-east-1a", "us-east-1b"],
    )


def _fargate(stack: cdk.Stack, **options: Any) -> SecureFargateTaskDefinition:
    task = SecureFargateTaskDefinition(stack, "Task", cpu=256, memory_limit_mib=512)
    task.add_container(
        "web", image=IMAGE, port_mappings=[ecs.PortMapping(container_port=80)], **options
    )
    return task


def _containers(stack: cdk.Stack) -> list[dict[str, Any]]:
    tasks = Template.from_stack(stack).find_resources("AWS::ECS::TaskDefinition")
    (task,) = tasks.values()
    return list(task["Properties"]["ContainerDefinitions"])


# --- snapshots, compliant properties, zero findings, cfn-lint -------------------------------


def test_fargate_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    _fargate(stack, scratch_paths=["/tmp", "/var/cache/nginx"])

    assert template_of(stack) == snapshot_json


def test_ec2_and_cluster_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureCluster(stack, "Cluster", vpc=_vpc(stack))
    task = SecureEc2TaskDefinition(stack, "Task", network_mode=ecs.NetworkMode.AWS_VPC)
    task.add_container("worker", image=IMAGE, memory_limit_mib=256, scratch_paths=["/tmp"])

    assert template_of(stack) == snapshot_json


def test_containers_get_read_only_root_logging_and_scratch_volumes() -> None:
    _, stack = new_stack()
    _fargate(stack, scratch_paths=["/tmp", "/var/cache/nginx/"])

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::ECS::TaskDefinition",
        {
            "ContainerDefinitions": [
                Match.object_like(
                    {
                        "Name": "web",
                        "ReadonlyRootFilesystem": True,
                        "LogConfiguration": Match.object_like({"LogDriver": "awslogs"}),
                        "MountPoints": [
                            {
                                "ContainerPath": "/tmp",
                                "SourceVolume": "web-scratch-tmp",
                                "ReadOnly": False,
                            },
                            {
                                "ContainerPath": "/var/cache/nginx",
                                "SourceVolume": "web-scratch-var-cache-nginx",
                                "ReadOnly": False,
                            },
                        ],
                    }
                )
            ],
            "Volumes": [{"Name": "web-scratch-tmp"}, {"Name": "web-scratch-var-cache-nginx"}],
        },
    )
    template.resource_count_is("AWS::Logs::LogGroup", 1)


def test_given_logging_replaces_the_default() -> None:
    _, stack = new_stack()
    _fargate(stack, logging=ecs.LogDrivers.aws_logs(stream_prefix="custom"))

    (web,) = _containers(stack)
    assert web["LogConfiguration"]["Options"]["awslogs-stream-prefix"] == "custom"


def test_containers_added_by_aws_cdk_lib_get_the_defaults_too() -> None:
    # AppConfig's agent helper calls addContainer from JavaScript: the override still applies.
    _, stack = new_stack()
    task = SecureFargateTaskDefinition(stack, "Task")
    appconfig.Application.add_agent_to_ecs(task)

    (agent,) = _containers(stack)
    assert agent["Name"] == "AppConfigAgentContainer"
    assert agent["ReadonlyRootFilesystem"] is True
    assert agent["LogConfiguration"]["LogDriver"] == "awslogs"


def test_windows_fargate_task_keeps_a_writable_root() -> None:
    app, stack = new_stack()
    task = SecureFargateTaskDefinition(
        stack,
        "Task",
        cpu=1024,
        memory_limit_mib=2048,
        runtime_platform=ecs.RuntimePlatform(
            operating_system_family=ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
            cpu_architecture=ecs.CpuArchitecture.X86_64,
        ),
    )
    task.add_container("win", image=IMAGE)

    result = check_app(app, controls=["ECS.5"])

    assert result.resources("ECS.5", Status.NOT_APPLICABLE) == {"S/Task/Resource"}
    (win,) = _containers(stack)
    assert "ReadonlyRootFilesystem" not in win


def test_cluster_has_container_insights() -> None:
    _, stack = new_stack()
    SecureCluster(stack, "Cluster", vpc=_vpc(stack))

    Template.from_stack(stack).has_resource_properties(
        "AWS::ECS::Cluster",
        {"ClusterSettings": [{"Name": "containerInsights", "Value": "enabled"}]},
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureCluster(stack, "Cluster", vpc=_vpc(stack))
    _fargate(stack, scratch_paths=["/tmp"])
    ec2_task = SecureEc2TaskDefinition(stack, "Ec2Task")
    ec2_task.add_container("worker", image=IMAGE, memory_limit_mib=256)

    result = assert_compliant(app, include_retired=True, strict=True)

    tasks = {"S/Task/Resource", "S/Ec2Task/Resource"}
    for control in ("ECS.3", "ECS.4", "ECS.5", "ECS.8"):
        assert result.resources(control, Status.PASS) == tasks, control
    assert result.resources("ECS.12", Status.PASS) == {"S/Cluster/Resource"}


def test_templates_pass_cfn_lint() -> None:
    _, stack = new_stack()
    SecureCluster(stack, "Cluster", vpc=_vpc(stack))
    _fargate(stack, scratch_paths=["/tmp"])
    ec2_task = SecureEc2TaskDefinition(stack, "Ec2Task")
    ec2_task.add_container("worker", image=IMAGE, memory_limit_mib=256, scratch_paths=["/tmp"])

    assert cfn_lint_errors(template_of(stack)) == []


# --- overrides the pack reports -------------------------------------------------------------


def test_pack_flags_a_writable_root() -> None:
    app, stack = new_stack()
    _fargate(stack, readonly_root_filesystem=False)

    result = check_app(app, controls=["ECS.5"])

    assert result.resources("ECS.5", Status.FAIL) == {"S/Task/Resource"}
    assert result.reported() == {("FSBP-ECS.5", "error", "S/Task/Resource")}


def test_pack_flags_container_insights_turned_off() -> None:
    app, stack = new_stack()
    SecureCluster(
        stack, "Cluster", vpc=_vpc(stack), container_insights_v2=ecs.ContainerInsights.DISABLED
    )

    result = check_app(app, controls=["ECS.12"])

    assert result.resources("ECS.12", Status.FAIL) == {"S/Cluster/Resource"}
    assert result.reported() == {("FSBP-ECS.12", "error", "S/Cluster/Resource")}


def test_pack_flags_secrets_added_around_add_container() -> None:
    # add_environment and ContainerDefinition(...) bypass add_container's refusal: the pack
    # still reports them.
    app, stack = new_stack()
    task = _fargate(stack)
    task.default_container.add_environment("AWS_SECRET_ACCESS_KEY", "not-a-real-key")  # type: ignore[union-attr]
    other = SecureEc2TaskDefinition(stack, "Other")
    ecs.ContainerDefinition(
        other, "raw", task_definition=other, image=IMAGE, memory_limit_mib=256, privileged=True
    )

    result = check_app(app, controls=["ECS.4", "ECS.5", "ECS.8"])

    assert result.resources("ECS.8", Status.FAIL) == {"S/Task/Resource"}
    assert result.resources("ECS.4", Status.FAIL) == {"S/Other/Resource"}
    assert result.resources("ECS.5", Status.FAIL) == {"S/Other/Resource"}


# --- values refused at construction ---------------------------------------------------------


@pytest.mark.parametrize("task_class", [SecureFargateTaskDefinition, SecureEc2TaskDefinition])
def test_host_pid_mode_is_refused(
    task_class: type[SecureFargateTaskDefinition | SecureEc2TaskDefinition],
) -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=r"pid_mode=PidMode\.HOST .*ECS\.3.*PidMode\.TASK"):
        task_class(stack, "Task", pid_mode=ecs.PidMode.HOST)


def test_privileged_container_is_refused() -> None:
    _, stack = new_stack()
    task = SecureEc2TaskDefinition(stack, "Task")
    with pytest.raises(ValueError, match=r"'worker': privileged=True .*ECS\.4"):
        task.add_container("worker", image=IMAGE, memory_limit_mib=256, privileged=True)


@pytest.mark.parametrize(
    "name", ["AWS_ACCESS_KEY_ID", "aws_secret_access_key", "Ecs_Engine_Auth_Data"]
)
def test_credentials_in_environment_are_refused(name: str) -> None:
    _, stack = new_stack()
    task = SecureFargateTaskDefinition(stack, "Task")
    with pytest.raises(
        ValueError,
        match=rf"'web': environment variable '{name}' .*ECS\.8.*"
        rf"secrets=\{{'{name}': ecs\.Secret",
    ):
        task.add_container("web", image=IMAGE, environment={"STAGE": "prod", name: "x"})


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["/"], r"scratch path '/' is not a writable subdirectory.*scratch_paths=\['/tmp'\]"),
        (["tmp"], r"scratch path 'tmp' is not a writable subdirectory"),
        (["/tmp", "/tmp/"], r"scratch path '/tmp/' is given twice"),
        ("/tmp", r"scratch_paths must be a list of paths, not the string '/tmp'"),
    ],
)
def test_bad_scratch_paths_are_refused(paths: Any, message: str) -> None:
    _, stack = new_stack()
    task = SecureFargateTaskDefinition(stack, "Task")
    with pytest.raises(ValueError, match=message):
        task.add_container("web", image=IMAGE, scratch_paths=paths)
