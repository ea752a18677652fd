"""Benchmark apps: plain aws-cdk-lib L2 constructs, the resource mix the FSBP pack covers.

An app of about ``target`` resources is one network stack (a VPC shared by every load
balancer, through cross-stack references) and several workload stacks of at most
:data:`MAX_UNITS_PER_STACK` service units each, so no stack comes near CloudFormation's 500
resource limit. One service unit is 14 resources:

=====================================  =====
construct                              CloudFormation resources
=====================================  =====
``ecr.Repository``                     1
``s3.Bucket``                          1
``sns.Topic``                          1
``kinesis.Stream``                     1
``ecs.Cluster``                        1
``ecs.FargateTaskDefinition``          5 (task definition, task role, execution role and its
                                       policy, the container's log group)
``efs.AccessPoint``                    1 (on the stack's shared file system)
``elbv2.ApplicationLoadBalancer``      3 (load balancer, security group, HTTP listener)
=====================================  =====

Nothing here is made compliant on purpose: these are the defaults most apps start from, so
every checker has findings to report.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import Construct

ACCOUNT = "111111111111"
REGION = "us-east-1"
ENV = cdk.Environment(account=ACCOUNT, region=REGION)
#: Resources of one service unit (see the module docstring).
UNIT_RESOURCES = 14
#: Resources of a workload stack besides its units: EFS file system, its security group and
#: two mount targets.
STACK_RESOURCES = 4
#: Resources of the network stack: a two-AZ VPC with public and private subnets, one NAT.
NETWORK_RESOURCES = 21
#: At most 34 units = 476 + 4 = 480 resources per workload stack, under CloudFormation's 500.
MAX_UNITS_PER_STACK = 34
MAX_STACK_RESOURCES = UNIT_RESOURCES * MAX_UNITS_PER_STACK + STACK_RESOURCES


@dataclass(frozen=True)
class Plan:
    """How an app of about ``target`` resources is laid out."""

    target: int
    units_per_stack: tuple[int, ...]

    @property
    def expected_resources(self) -> int:
        return (
            NETWORK_RESOURCES
            + STACK_RESOURCES * len(self.units_per_stack)
            + UNIT_RESOURCES * sum(self.units_per_stack)
        )


def plan(target: int) -> Plan:
    """At least two workload stacks; units spread evenly, none over the per-stack cap."""
    if target < 60:
        raise ValueError(
            f"size {target} is too small: the smallest benchmark app has about 60 resources"
        )
    stacks = max(2, math.ceil((target - NETWORK_RESOURCES) / MAX_STACK_RESOURCES))
    while True:
        units = round((target - NETWORK_RESOURCES - STACK_RESOURCES * stacks) / UNIT_RESOURCES)
        units = max(units, stacks)
        if math.ceil(units / stacks) <= MAX_UNITS_PER_STACK:
            break
        stacks += 1
    base, extra = divmod(units, stacks)
    return Plan(target, tuple(base + (1 if i < extra else 0) for i in range(stacks)))


class NetworkStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, env=ENV)
        self.vpc = ec2.Vpc(self, "Vpc", max_azs=2, nat_gateways=1)


class WorkloadStack(cdk.Stack):
    def __init__(self, scope: Construct, id: str, *, vpc: ec2.IVpc, units: int) -> None:
        super().__init__(scope, id, env=ENV)
        file_system = efs.FileSystem(
            self, "Files", vpc=vpc, removal_policy=cdk.RemovalPolicy.DESTROY
        )
        for i in range(units):
            service_unit(Construct(self, f"Service{i:02d}"), vpc, file_system)


def service_unit(scope: Construct, vpc: ec2.IVpc, file_system: efs.FileSystem) -> None:
    """One service: image repository, task, cluster, load balancer, stream, bucket, topic."""
    repository = ecr.Repository(scope, "Repository")
    s3.Bucket(scope, "Bucket")
    sns.Topic(scope, "Topic")
    kinesis.Stream(scope, "Stream")
    ecs.Cluster(scope, "Cluster", vpc=vpc)
    task = ecs.FargateTaskDefinition(scope, "Task", cpu=256, memory_limit_mib=512)
    task.add_container(
        "App",
        image=ecs.ContainerImage.from_ecr_repository(repository, "latest"),
        logging=ecs.LogDrivers.aws_logs(stream_prefix="app"),
        port_mappings=[ecs.PortMapping(container_port=8080)],
    )
    efs.AccessPoint(scope, "AccessPoint", file_system=file_system, path=f"/{scope.node.id.lower()}")
    balancer = elbv2.ApplicationLoadBalancer(scope, "LoadBalancer", vpc=vpc)
    balancer.add_listener(
        "Http",
        port=80,
        default_action=elbv2.ListenerAction.fixed_response(200, message_body="ok"),
    )


def build_app(target: int, outdir: Path) -> tuple[cdk.App, Plan]:
    """The app (not yet synthesized) of about ``target`` resources, writing to ``outdir``."""
    layout = plan(target)
    app = cdk.App(
        outdir=str(outdir),
        context={
            f"availability-zones:account={ACCOUNT}:region={REGION}": [
                f"{REGION}a",
                f"{REGION}b",
                f"{REGION}c",
            ]
        },
    )
    network = NetworkStack(app, "Network")
    for i, units in enumerate(layout.units_per_stack):
        WorkloadStack(app, f"Workload{i:02d}", vpc=network.vpc, units=units)
    return app, layout


def count_resources(outdir: Path) -> int:
    """Resources in every template of a synthesized cloud assembly."""
    import json

    total = 0
    for template in outdir.glob("*.template.json"):
        total += len(json.loads(template.read_text()).get("Resources", {}))
    return total
