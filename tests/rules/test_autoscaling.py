"""AutoScaling.3, .4 (retired), .6 and .9 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

AMI = "ami-12345678"


Metadata = autoscaling.CfnLaunchConfiguration.MetadataOptionsProperty


def _launch_configuration(
    stack: cdk.Stack, construct_id: str, options: Metadata | None = None
) -> autoscaling.CfnLaunchConfiguration:
    return autoscaling.CfnLaunchConfiguration(
        stack, construct_id, image_id=AMI, instance_type="m5.large", metadata_options=options
    )


def _launch_configurations_app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    _launch_configuration(
        stack, "Required", Metadata(http_tokens="required", http_put_response_hop_limit=1)
    )
    _launch_configuration(
        stack, "Optional", Metadata(http_tokens="optional", http_put_response_hop_limit=2)
    )
    _launch_configuration(stack, "EndpointOnly", Metadata(http_endpoint="enabled"))
    _launch_configuration(stack, "NoOptions")
    return app


def test_autoscaling_3_only_required_tokens_pass() -> None:
    result = check_app(_launch_configurations_app(), controls=["AutoScaling.3"])

    assert result.resources("AutoScaling.3", Status.PASS) == {"S/Required"}
    assert result.resources("AutoScaling.3", Status.FAIL) == {
        "S/Optional",
        "S/EndpointOnly",
        "S/NoOptions",
    }
    assert result.reported() == {
        ("FSBP-AutoScaling.3", "error", "S/Optional"),
        ("FSBP-AutoScaling.3", "error", "S/EndpointOnly"),
        ("FSBP-AutoScaling.3", "error", "S/NoOptions"),
    }
    assert result.error is not None


def test_autoscaling_4_hop_limit_above_one_fails_when_named() -> None:
    result = check_app(_launch_configurations_app(), controls=["AutoScaling.4"])

    assert result.resources("AutoScaling.4", Status.PASS) == {
        "S/Required",
        "S/EndpointOnly",
        "S/NoOptions",
    }
    assert result.resources("AutoScaling.4", Status.FAIL) == {"S/Optional"}
    assert result.reported() == {("FSBP-AutoScaling.4", "error", "S/Optional")}
    (failure,) = [f for f in result.findings if f.status is Status.FAIL]
    assert "control retired on 2024-04-10" in failure.message
    assert "MetadataOptions.HttpPutResponseHopLimit is 2" in failure.message


def test_autoscaling_4_is_off_by_default_and_on_with_include_retired() -> None:
    default = check_app(_launch_configurations_app())
    assert not [f for f in default.findings if f.control.id == "AutoScaling.4"]
    assert not [r for r in default.reported() if r[0] == "FSBP-AutoScaling.4"]
    # The active AutoScaling.3 still runs by default.
    assert default.resources("AutoScaling.3", Status.PASS) == {"S/Required"}

    retired = check_app(_launch_configurations_app(), include_retired=True)
    assert retired.resources("AutoScaling.4", Status.FAIL) == {"S/Optional"}
    assert ("FSBP-AutoScaling.4", "error", "S/Optional") in retired.reported()


Asg = autoscaling.CfnAutoScalingGroup


def _mixed(*overrides: Asg.LaunchTemplateOverridesProperty) -> Asg.MixedInstancesPolicyProperty:
    return Asg.MixedInstancesPolicyProperty(
        launch_template=Asg.LaunchTemplateProperty(
            launch_template_specification=Asg.LaunchTemplateSpecificationProperty(
                launch_template_id="lt-0123456789abcdef0", version="1"
            ),
            overrides=list(overrides),
        )
    )


def _types(*types: str) -> Asg.MixedInstancesPolicyProperty:
    return _mixed(*(Asg.LaunchTemplateOverridesProperty(instance_type=t) for t in types))


def _group(
    stack: cdk.Stack,
    construct_id: str,
    *,
    mixed: Asg.MixedInstancesPolicyProperty | None = None,
    launch_configuration_name: str | None = None,
    launch_template: Asg.LaunchTemplateSpecificationProperty | None = None,
    instance_id: str | None = None,
) -> None:
    Asg(
        stack,
        construct_id,
        min_size="1",
        max_size="2",
        availability_zones=["us-east-1a"],
        mixed_instances_policy=mixed,
        launch_configuration_name=launch_configuration_name,
        launch_template=launch_template,
        instance_id=instance_id,
    )


def _groups_app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    _group(stack, "TwoTypes", mixed=_types("m5.large", "m6i.large"))
    _group(stack, "OneType", mixed=_types("m5.large", "m5.large"))
    attributes = Asg.InstanceRequirementsProperty(
        v_cpu_count=Asg.VCpuCountRequestProperty(min=2),
        memory_mib=Asg.MemoryMiBRequestProperty(min=4096),
    )
    _group(
        stack,
        "Attributes",
        mixed=_mixed(Asg.LaunchTemplateOverridesProperty(instance_requirements=attributes)),
    )
    config = _launch_configuration(stack, "Config", Metadata(http_tokens="required"))
    _group(stack, "FromConfig", launch_configuration_name=config.ref)
    template = ec2.LaunchTemplate(
        stack,
        "Template",
        machine_image=ec2.MachineImage.generic_linux({"us-east-1": AMI}),
        instance_type=ec2.InstanceType("m5.large"),
        require_imdsv2=True,
    )
    _group(
        stack,
        "FromTemplate",
        launch_template=Asg.LaunchTemplateSpecificationProperty(
            launch_template_id=template.launch_template_id, version=template.latest_version_number
        ),
    )
    _group(stack, "FromInstance", instance_id="i-0123456789abcdef0")
    return app


def test_autoscaling_6_needs_two_distinct_instance_types() -> None:
    result = check_app(_groups_app(), controls=["AutoScaling.6"])

    assert result.resources("AutoScaling.6", Status.PASS) == {"S/TwoTypes"}
    assert result.resources("AutoScaling.6", Status.UNKNOWN) == {"S/Attributes"}
    assert result.resources("AutoScaling.6", Status.FAIL) == {
        "S/OneType",
        "S/FromConfig",
        "S/FromTemplate",
        "S/FromInstance",
    }
    assert result.reported() == {
        ("FSBP-AutoScaling.6", "warning", "S/Attributes"),
        ("FSBP-AutoScaling.6", "error", "S/OneType"),
        ("FSBP-AutoScaling.6", "error", "S/FromConfig"),
        ("FSBP-AutoScaling.6", "error", "S/FromTemplate"),
        ("FSBP-AutoScaling.6", "error", "S/FromInstance"),
    }


def test_autoscaling_6_parameter_instance_type() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    chosen = cdk.CfnParameter(stack, "InstanceType", default="m5.large").value_as_string
    _group(stack, "TwoKnownAndParameter", mixed=_types("m5.large", "m6i.large", chosen))
    _group(stack, "OneKnownAndParameter", mixed=_types("m5.large", chosen))

    result = check_app(app, controls=["AutoScaling.6"])

    assert result.resources("AutoScaling.6", Status.PASS) == {"S/TwoKnownAndParameter"}
    assert result.resources("AutoScaling.6", Status.UNKNOWN) == {"S/OneKnownAndParameter"}
    assert result.reported() == {("FSBP-AutoScaling.6", "warning", "S/OneKnownAndParameter")}
    (unknown,) = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert unknown.verdict.path == "MixedInstancesPolicy.LaunchTemplate.Overrides[1].InstanceType"


def test_autoscaling_9_needs_a_launch_template() -> None:
    result = check_app(_groups_app(), controls=["AutoScaling.9"])

    assert result.resources("AutoScaling.9", Status.PASS) == {
        "S/TwoTypes",
        "S/OneType",
        "S/Attributes",
        "S/FromTemplate",
    }
    assert result.resources("AutoScaling.9", Status.FAIL) == {"S/FromConfig", "S/FromInstance"}
    assert result.reported() == {
        ("FSBP-AutoScaling.9", "error", "S/FromConfig"),
        ("FSBP-AutoScaling.9", "error", "S/FromInstance"),
    }


def test_autoscaling_6_and_9_on_the_l2_group() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    vpc = ec2.Vpc(stack, "Vpc", max_azs=2, nat_gateways=0)
    template = ec2.LaunchTemplate(
        stack,
        "Template",
        machine_image=ec2.MachineImage.generic_linux({"us-east-1": AMI}),
        require_imdsv2=True,
    )
    autoscaling.AutoScalingGroup(
        stack,
        "Mixed",
        vpc=vpc,
        vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC),
        mixed_instances_policy=autoscaling.MixedInstancesPolicy(
            launch_template=template,
            launch_template_overrides=[
                autoscaling.LaunchTemplateOverrides(instance_type=ec2.InstanceType("m5.large")),
                autoscaling.LaunchTemplateOverrides(instance_type=ec2.InstanceType("m6i.large")),
            ],
        ),
    )
    autoscaling.AutoScalingGroup(
        stack,
        "Single",
        vpc=vpc,
        vpc_subnets=ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC),
        launch_template=ec2.LaunchTemplate(
            stack,
            "SizedTemplate",
            instance_type=ec2.InstanceType("m5.large"),
            machine_image=ec2.MachineImage.generic_linux({"us-east-1": AMI}),
            require_imdsv2=True,
        ),
    )

    result = check_app(app, controls=["AutoScaling.6", "AutoScaling.9"])

    assert result.resources("AutoScaling.6", Status.PASS) == {"S/Mixed/ASG"}
    assert result.resources("AutoScaling.6", Status.FAIL) == {"S/Single/ASG"}
    assert result.resources("AutoScaling.9", Status.PASS) == {"S/Mixed/ASG", "S/Single/ASG"}
    assert result.reported() == {("FSBP-AutoScaling.6", "error", "S/Single/ASG")}
