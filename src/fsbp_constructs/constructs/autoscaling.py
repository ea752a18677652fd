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
    Spot mix) are optional. No key pair option is offered (EC2.27, retired): connect through
    Systems Manager Session Manager. Every other keyword (``min_capacity``,
    ``max_capacity``, ``vpc_subnets``, ``health_checks``, ...) is passed to
    ``autoscaling.AutoScalingGroup`` unchanged.

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
        **props: Any,
    ) -> None:
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
        given = {key: value for key, value in props.items() if value is not None}
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
        selection = given.get("vpc_subnets")
        zones = vpc.select_subnets(**(selection._values if selection else {})).availability_zones
        if zones and not any(cdk.Token.is_unresolved(zone) for zone in zones):
            group = self.node.default_child
            assert isinstance(group, autoscaling.CfnAutoScalingGroup)
            group.availability_zones = sorted(set(zones))


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
