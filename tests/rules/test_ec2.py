"""EC2.23 and EC2.24 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

AMI = "ami-12345678"


def test_ec2_23_transit_gateway_auto_accept() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ec2.CfnTransitGateway(stack, "Enabled", auto_accept_shared_attachments="enable")
    ec2.CfnTransitGateway(stack, "Disabled", auto_accept_shared_attachments="disable")
    ec2.CfnTransitGateway(stack, "Unset")

    result = check_app(app, controls=["EC2.23"])

    assert result.resources("EC2.23", Status.PASS) == {"S/Disabled", "S/Unset"}
    assert result.resources("EC2.23", Status.FAIL) == {"S/Enabled"}
    assert result.reported() == {("FSBP-EC2.23", "error", "S/Enabled")}
    assert result.error is not None


def _template_spec(
    template: ec2.CfnLaunchTemplate | ec2.LaunchTemplate,
) -> ec2.CfnInstance.LaunchTemplateSpecificationProperty:
    if isinstance(template, ec2.CfnLaunchTemplate):
        return ec2.CfnInstance.LaunchTemplateSpecificationProperty(
            launch_template_id=template.ref, version=template.attr_latest_version_number
        )
    return ec2.CfnInstance.LaunchTemplateSpecificationProperty(
        launch_template_id=template.launch_template_id, version=template.latest_version_number
    )


def test_ec2_24_instance_types() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ec2.CfnInstance(stack, "Current", image_id=AMI, instance_type="m5.large")
    ec2.CfnInstance(stack, "PvCapable", image_id=AMI, instance_type="m3.medium")
    ec2.CfnInstance(stack, "NoType", image_id=AMI)
    modern = ec2.LaunchTemplate(
        stack,
        "Modern",
        instance_type=ec2.InstanceType("m5.large"),
        machine_image=ec2.MachineImage.generic_linux({"us-east-1": AMI}),
    )
    legacy = ec2.CfnLaunchTemplate(
        stack,
        "Legacy",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
            image_id=AMI, instance_type="t1.micro"
        ),
    )
    untyped = ec2.CfnLaunchTemplate(
        stack,
        "Untyped",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(image_id=AMI),
    )
    ec2.CfnInstance(stack, "FromModern", launch_template=_template_spec(modern))
    ec2.CfnInstance(stack, "FromLegacy", launch_template=_template_spec(legacy))
    ec2.CfnInstance(stack, "FromUntyped", launch_template=_template_spec(untyped))
    ec2.CfnInstance(
        stack, "OverridesTemplate", instance_type="c5.large", launch_template=_template_spec(legacy)
    )
    ec2.CfnInstance(
        stack,
        "FromImportedTemplate",
        launch_template=ec2.CfnInstance.LaunchTemplateSpecificationProperty(
            launch_template_id="lt-0123456789abcdef0", version="1"
        ),
    )

    result = check_app(app, controls=["EC2.24"])

    assert result.resources("EC2.24", Status.PASS) == {
        "S/Current",
        "S/FromModern",
        "S/OverridesTemplate",
    }
    assert result.resources("EC2.24", Status.UNKNOWN) == {
        "S/PvCapable",
        "S/NoType",
        "S/FromLegacy",
        "S/FromUntyped",
        "S/FromImportedTemplate",
    }
    assert result.resources("EC2.24", Status.FAIL) == set()
    assert result.reported() == {
        ("FSBP-EC2.24", "warning", path)
        for path in (
            "S/PvCapable",
            "S/NoType",
            "S/FromLegacy",
            "S/FromUntyped",
            "S/FromImportedTemplate",
        )
    }
    assert result.error is None
    by_path = {f.resource: f.verdict for f in result.findings}
    assert by_path["S/FromLegacy"].path == "LaunchTemplate.LaunchTemplateData.InstanceType"
    assert "t1.micro" in str(by_path["S/FromLegacy"].reason)
    assert "the launch template 'lt-0123456789abcdef0', which is not in the app" in str(
        by_path["S/FromImportedTemplate"].reason
    )


def test_ec2_24_unknown_is_an_error_when_strict() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ec2.CfnInstance(stack, "PvCapable", image_id=AMI, instance_type="m3.medium")

    result = check_app(app, controls=["EC2.24"], strict=True)

    assert result.reported() == {("FSBP-EC2.24", "error", "S/PvCapable")}
    assert result.error is not None


def test_ec2_24_region_outside_the_pv_regions_is_not_applicable() -> None:
    app = new_app()
    paris = cdk.Stack(app, "Paris", env=cdk.Environment(account="111111111111", region="eu-west-3"))
    ec2.CfnInstance(paris, "PvCapable", image_id=AMI, instance_type="m3.medium")
    agnostic = cdk.Stack(app, "Agnostic")
    ec2.CfnInstance(agnostic, "PvCapable", image_id=AMI, instance_type="m3.medium")
    ec2.CfnInstance(agnostic, "Current", image_id=AMI, instance_type="m5.large")

    result = check_app(app, controls=["EC2.24"])

    assert result.resources("EC2.24", Status.NOT_APPLICABLE) == {"Paris/PvCapable"}
    assert result.resources("EC2.24", Status.UNKNOWN) == {"Agnostic/PvCapable"}
    assert result.resources("EC2.24", Status.PASS) == {"Agnostic/Current"}
    assert result.reported() == {("FSBP-EC2.24", "warning", "Agnostic/PvCapable")}


def test_ec2_24_launch_template_in_another_stack() -> None:
    app = new_app()
    templates = cdk.Stack(app, "Templates", env=ENV)
    legacy = ec2.CfnLaunchTemplate(
        templates,
        "Legacy",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
            image_id=AMI, instance_type="m1.small"
        ),
    )
    modern = ec2.CfnLaunchTemplate(
        templates,
        "Modern",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
            image_id=AMI, instance_type="m7g.large"
        ),
    )
    stack = cdk.Stack(app, "S", env=ENV)
    ec2.CfnInstance(stack, "FromLegacy", launch_template=_template_spec(legacy))
    ec2.CfnInstance(stack, "FromModern", launch_template=_template_spec(modern))

    result = check_app(app, controls=["EC2.24"])

    assert result.resources("EC2.24", Status.PASS) == {"S/FromModern"}
    assert result.resources("EC2.24", Status.UNKNOWN) == {"S/FromLegacy"}
    (finding,) = [f for f in result.findings if f.resource == "S/FromLegacy"]
    assert "m1.small can run paravirtual AMIs" in finding.message
