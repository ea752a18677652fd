"""Amazon EC2 Auto Scaling: a group on a launch template, IMDSv2 only, several instance types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_iam as iam
from constructs import Construct

from ..controls.ec2 import PV_FAMILIES

__all__ = ["SecureAutoScalingGroup"]


class SecureAutoScalingGroup(autoscaling.AutoScalingGroup):
    """An ``autoscaling.AutoScalingGroup`` launched from a launch template that requires IMDSv2,
    spread over at least two instance types.

    The construct always builds its own ``ec2.LaunchTemplate`` (AutoScaling.9) and a
    ``MixedInstancesPolicy`` with one override per instance type (AutoScaling.6). An Auto
    Scaling group cannot create children before it exists, so the launch template and the
    default security group are siblings: ``<id>LaunchTemplate`` (:attr:`launch_template`) and
    ``<id>SecurityGroup``.

    Required:

    - ``vpc``.
    - ``instance_types``: at least two distinct types (AutoScaling.6; fewer are refused at
      construction), none of a family that can run paravirtual AMIs (EC2.24: c1, c3, m1, m2,
      m3, t1, hs1, hi1; refused at construction).

    Secure defaults (any keyword given wins):

    - ``require_imdsv2``: ``True``, the launch template's ``HttpTokens`` is ``required``
      (AutoScaling.3 for launch configurations, EC2.170 for launch templates). ``False``
      gives ``optional``.
    - ``http_put_response_hop_limit``: ``1`` (AutoScaling.4, retired: instance metadata does
      not reach containers behind an extra network hop). Raise it to 2 for containers that
      need instance credentials.
    - ``machine_image``: the latest Amazon Linux 2023 (HVM only; read from SSM at deploy).
    - ``security_group``: a new one allowing all outbound traffic and no inbound traffic.
    - ``AvailabilityZones`` of the group: the zones of the selected subnets, when the VPC
      names them (AutoScaling.2 reads them; spread ``vpc_subnets`` over two zones or more).

    ``role``, ``user_data``, ``block_devices`` and ``instances_distribution`` (On-Demand and
    Spot mix) are optional. ``machine_image``, ``require_imdsv2``, ``security_group``,
    ``role``, ``user_data`` and ``block_devices`` go to the launch template, not to the group.

    Not offered, because the construct sets them itself (aws-cdk-lib refuses most of them
    beside a launch template):

    - ``launch_template`` and ``mixed_instances_policy``: built here (AutoScaling.9,
      AutoScaling.6); ``instances_distribution`` is the part of the policy left to you.
    - ``instance_type``: replaced by ``instance_types`` (AutoScaling.6).
    - ``key_name`` and ``key_pair``: no key pair (EC2.27, retired); connect through Systems
      Manager Session Manager.
    - ``spot_price``: give ``instances_distribution`` (``spot_max_price``) instead.
    - ``associate_public_ip_address`` and ``instance_monitoring``: launch configuration
      settings, refused by aws-cdk-lib beside a launch template.
    - ``allow_all_outbound``: aws-cdk-lib applies it only to the security group it creates
      for a launch configuration; the default security group here allows all outbound
      traffic, pass ``security_group`` for another.

    Every other keyword of ``autoscaling.AutoScalingGroup`` (``min_capacity``,
    ``max_capacity``, ``vpc_subnets``, ``health_checks``, ...) is passed to it unchanged.

    Example::

        SecureAutoScalingGroup(self, "Workers", vpc=vpc, instance_types=[
            ec2.InstanceType("m7g.large"), ec2.InstanceType("m6g.large")],
            machine_image=ec2.MachineImage.latest_amazon_linux2023(
                cpu_type=ec2.AmazonLinuxCpuType.ARM_64))

    :raises ValueError: with fewer than two distinct instance types, or a paravirtual-capable
        instance family.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        vpc: ec2.IVpc,
        instance_types: Sequence[ec2.InstanceType],
        machine_image: ec2.IMachineImage | None = None,
        require_imdsv2: bool = True,
        http_put_response_hop_limit: int = 1,
        security_group: ec2.ISecurityGroup | None = None,
        role: iam.IRole | None = None,
        user_data: ec2.UserData | None = None,
        block_devices: Sequence[ec2.BlockDevice] | None = None,
        instances_distribution: autoscaling.InstancesDistribution | None = None,
        # The props of autoscaling.AutoScalingGroup that the construct does not replace,
        # spelled out so that type checkers see them (tests/constructs/test_signatures.py
        # keeps the list in sync with aws-cdk-lib).
        init: ec2.CloudFormationInit | None = None,
        init_options: autoscaling.ApplyCloudFormationInitOptions | dict[str, Any] | None = None,
        max_healthy_percentage: int | float | None = None,
        migrate_to_launch_template: bool | None = None,
        min_healthy_percentage: int | float | None = None,
        auto_scaling_group_name: str | None = None,
        az_capacity_distribution_strategy: autoscaling.CapacityDistributionStrategy | None = None,
        capacity_rebalance: bool | None = None,
        cooldown: cdk.Duration | None = None,
        default_instance_warmup: cdk.Duration | None = None,
        deletion_protection: autoscaling.DeletionProtection | None = None,
        desired_capacity: int | float | None = None,
        group_metrics: Sequence[autoscaling.GroupMetrics] | None = None,
        health_check: autoscaling.HealthCheck | None = None,
        health_checks: autoscaling.HealthChecks | None = None,
        ignore_unmodified_size_properties: bool | None = None,
        instance_lifecycle_policy: autoscaling.InstanceLifecyclePolicy
        | dict[str, Any]
        | None = None,
        max_capacity: int | float | None = None,
        max_instance_lifetime: cdk.Duration | None = None,
        min_capacity: int | float | None = None,
        new_instances_protected_from_scale_in: bool | None = None,
        notifications: Sequence[autoscaling.NotificationConfiguration | dict[str, Any]]
        | None = None,
        signals: autoscaling.Signals | None = None,
        ssm_session_permissions: bool | None = None,
        termination_policies: Sequence[autoscaling.TerminationPolicy] | None = None,
        termination_policy_custom_lambda_function_arn: str | None = None,
        update_policy: autoscaling.UpdatePolicy | None = None,
        vpc_subnets: ec2.SubnetSelection | dict[str, Any] | None = None,
    ) -> None:
        # First, before any other local variable exists: the passed-through props, only those
        # given (an older aws-cdk-lib that lacks a prop is not handed it).
        arguments = dict(locals())
        given = {
            key: value
            for key, value in arguments.items()
            if key not in _NOT_PASSED and value is not None
        }
        names = _checked_types(instance_types)
        security_group = security_group or ec2.SecurityGroup(
            scope,
            f"{id}SecurityGroup",
            vpc=vpc,
            allow_all_outbound=True,
            description=f"Instances of the Auto Scaling group {id}",
        )
        self.launch_template = ec2.LaunchTemplate(
            scope,
            f"{id}LaunchTemplate",
            machine_image=machine_image or ec2.MachineImage.latest_amazon_linux2023(),
            http_endpoint=True,
            http_tokens=(
                ec2.LaunchTemplateHttpTokens.REQUIRED
                if require_imdsv2
                else ec2.LaunchTemplateHttpTokens.OPTIONAL
            ),
            http_put_response_hop_limit=http_put_response_hop_limit,
            security_group=security_group,
            role=role,
            user_data=user_data,
            block_devices=block_devices,
        )
        super().__init__(
            scope,
            id,
            vpc=vpc,
            mixed_instances_policy=autoscaling.MixedInstancesPolicy(
                launch_template=self.launch_template,
                launch_template_overrides=[
                    autoscaling.LaunchTemplateOverrides(instance_type=ec2.InstanceType(name))
                    for name in names
                ],
                instances_distribution=instances_distribution,
            ),
            **given,
        )
        # AutoScaling.2: the zones of the subnets, written beside them, so that the group's
        # spread shows in the template even when the subnets are imported.
        if vpc_subnets is None:
            selection: dict[str, Any] = {}
        elif isinstance(vpc_subnets, ec2.SubnetSelection):
            selection = vpc_subnets._values
        else:
            selection = dict(vpc_subnets)
        zones = vpc.select_subnets(**selection).availability_zones
        if zones and not any(cdk.Token.is_unresolved(zone) for zone in zones):
            group = self.node.default_child
            assert isinstance(group, autoscaling.CfnAutoScalingGroup)
            group.availability_zones = sorted(set(zones))


#: Parameters of ``__init__`` that are not passed to ``autoscaling.AutoScalingGroup`` as given.
_NOT_PASSED = frozenset(
    {
        "self",
        "scope",
        "id",
        "__class__",
        "vpc",
        "instance_types",
        "machine_image",
        "require_imdsv2",
        "http_put_response_hop_limit",
        "security_group",
        "role",
        "user_data",
        "block_devices",
        "instances_distribution",
    }
)


def _checked_types(instance_types: Sequence[ec2.InstanceType]) -> list[str]:
    names: list[str] = []
    for instance_type in instance_types:
        name = instance_type.to_string()
        if cdk.Token.is_unresolved(name):
            raise ValueError(
                f"SecureAutoScalingGroup instance_types holds a token ({name}): name the types, "
                "e.g. ec2.InstanceType('m7i.large')"
            )
        family = name.split(".", 1)[0]
        if family in PV_FAMILIES:
            raise ValueError(
                f"SecureAutoScalingGroup instance type {name} is of the previous-generation "
                f"family {family}, which can run paravirtual AMIs (EC2.24): use a current "
                "generation type such as m7i.large"
            )
        if name not in names:
            names.append(name)
    if len(names) < 2:
        raise ValueError(
            f"SecureAutoScalingGroup needs at least two distinct instance types (AutoScaling.6), "
            f"got {names}: add another, e.g. instance_types=[ec2.InstanceType('m7i.large'), "
            "ec2.InstanceType('m6i.large')]"
        )
    return names
