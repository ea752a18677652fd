"""SecureAutoScalingGroup: AutoScaling.3/.4/.6/.9, EC2.170 and EC2.24 by construction."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.autoscaling import SecureAutoScalingGroup
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack_with_vpc

TYPES = [ec2.InstanceType("m7i.large"), ec2.InstanceType("m6i.large")]


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=TYPES)

    assert template_of(stack) == snapshot_json


def test_launch_template_imdsv2_hop_limit_and_mixed_instance_types() -> None:
    _, stack, vpc = new_stack_with_vpc()
    group = SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=TYPES)
    launch_template = group.launch_template.node.default_child
    assert isinstance(launch_template, cdk.CfnElement)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::EC2::LaunchTemplate",
        {
            "LaunchTemplateData": {
                "MetadataOptions": {
                    "HttpEndpoint": "enabled",
                    "HttpTokens": "required",
                    "HttpPutResponseHopLimit": 1,
                },
                "KeyName": Match.absent(),
            }
        },
    )
    template.has_resource_properties(
        "AWS::AutoScaling::AutoScalingGroup",
        {
            "LaunchConfigurationName": Match.absent(),
            "MixedInstancesPolicy": {
                "LaunchTemplate": {
                    "LaunchTemplateSpecification": {
                        "LaunchTemplateId": {"Ref": stack.get_logical_id(launch_template)}
                    },
                    "Overrides": [{"InstanceType": "m7i.large"}, {"InstanceType": "m6i.large"}],
                }
            },
        },
    )
    assert group.launch_template.node.path == "S/AsgLaunchTemplate"


def test_given_imds_settings_win() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureAutoScalingGroup(
        stack,
        "Asg",
        vpc=vpc,
        instance_types=TYPES,
        require_imdsv2=False,
        http_put_response_hop_limit=2,
    )

    Template.from_stack(stack).has_resource_properties(
        "AWS::EC2::LaunchTemplate",
        {
            "LaunchTemplateData": {
                "MetadataOptions": {
                    "HttpEndpoint": "enabled",
                    "HttpTokens": "optional",
                    "HttpPutResponseHopLimit": 2,
                }
            }
        },
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=TYPES)

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("AutoScaling.6", Status.PASS) == {"S/Asg/ASG"}
    assert result.resources("AutoScaling.9", Status.PASS) == {"S/Asg/ASG"}


def test_pack_flags_overrides_cut_to_one_type() -> None:
    app, stack, vpc = new_stack_with_vpc()
    group = SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=TYPES)
    l1 = group.node.default_child
    assert isinstance(l1, cdk.CfnResource)
    l1.add_property_override(
        "MixedInstancesPolicy.LaunchTemplate.Overrides", [{"InstanceType": "m7i.large"}]
    )

    result = check_app(app, controls=["AutoScaling.6", "AutoScaling.9"])

    assert result.resources("AutoScaling.6", Status.FAIL) == {"S/Asg/ASG"}
    assert result.resources("AutoScaling.9", Status.PASS) == {"S/Asg/ASG"}
    assert result.reported() == {("FSBP-AutoScaling.6", "error", "S/Asg/ASG")}


@pytest.mark.parametrize(
    "types",
    [
        [ec2.InstanceType("m7i.large")],
        [ec2.InstanceType("m7i.large"), ec2.InstanceType("m7i.large")],
    ],
)
def test_fewer_than_two_types_are_refused(types: list[ec2.InstanceType]) -> None:
    _, stack, vpc = new_stack_with_vpc()
    with pytest.raises(
        ValueError,
        match=r"two distinct instance types \(AutoScaling\.6\), "
        r"got \['m7i\.large'\]",
    ):
        SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=types)


def test_paravirtual_capable_family_is_refused() -> None:
    _, stack, vpc = new_stack_with_vpc()
    with pytest.raises(ValueError, match=r"m3\.medium .* family m3.*EC2\.24"):
        SecureAutoScalingGroup(
            stack,
            "Asg",
            vpc=vpc,
            instance_types=[ec2.InstanceType("m7i.large"), ec2.InstanceType("m3.medium")],
        )


def test_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=TYPES)

    assert cfn_lint_errors(template_of(stack)) == []
