"""Amazon EC2: EC2.23, EC2.24."""

from __future__ import annotations

from typing import Any

from ...engine.checks import control, prop
from ...engine.model import Resource, Target
from ...engine.registry import Remedy, RuleContext, Verdict, rule
from ...engine.values import Undecidable

control(
    "EC2.23",
    "AWS::EC2::TransitGateway",
    check=prop("AutoAcceptSharedAttachments", absent="disable").none_of("enable"),
    fix="set AutoAcceptSharedAttachments to disable",
    note="Only `enable` fails, as in the Config rule `ec2-transit-gateway-auto-vpc-attach-"
    "disabled`; the EC2 API documents `disable` as the default.",
    remedy=Remedy(
        {"AutoAcceptSharedAttachments": "disable"},
        safe=False,
        breaks="Attachment requests from accounts the gateway is shared with wait for manual "
        "acceptance; automation that relied on auto-accept stalls.",
        describe="`AutoAcceptSharedAttachments: disable` where it is `enable`; absent is "
        "already compliant, so this fix only acts under `overwrite`",
    ),
)

#: Regions where Security Hub runs EC2.24's Config rule (the Regions that had PV instances).
PV_REGIONS = frozenset(
    {
        "us-east-1",
        "us-west-1",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "sa-east-1",
        "ap-northeast-1",
        "ap-southeast-1",
        "ap-southeast-2",
        "cn-north-1",
    }
)
#: Instance families that can run paravirtual AMIs (previous generation; hs1/hi1 to be safe).
PV_FAMILIES = frozenset({"c1", "c3", "m1", "m2", "m3", "t1", "hs1", "hi1"})

_TEMPLATE_PATHS = ("LaunchTemplate.LaunchTemplateId", "LaunchTemplate.LaunchTemplateName")


def _launch_template(instance: Resource, ctx: RuleContext) -> Target | None:
    """The ``AWS::EC2::LaunchTemplate`` of the app that the instance's ``LaunchTemplate``
    points to (a ``Ref``, ``Fn::GetAtt`` or CDK cross-stack import), if any."""
    for path in _TEMPLATE_PATHS:
        target = ctx.app.follow(instance, path)
        if target is not None and target.type == "AWS::EC2::LaunchTemplate":
            return target
    return None


def _instance_type(instance: Resource, ctx: RuleContext) -> tuple[str, Any]:
    """Where the effective instance type is set, and its value (``None``: absent)."""
    props = instance.props
    if props.has("InstanceType") or not props.has("LaunchTemplate"):
        return "InstanceType", props.get("InstanceType")
    spec = props.shallow("LaunchTemplate")
    if not isinstance(spec, dict):
        raise Undecidable("LaunchTemplate", f"a value that is not a launch template ({spec!r})")
    template = _launch_template(instance, ctx)
    if template is None:
        # Not in the app: say what it is (an undecided value, with its reason).
        try:
            reference = props.get("LaunchTemplate.LaunchTemplateId") or props.get(
                "LaunchTemplate.LaunchTemplateName"
            )
        except Undecidable as error:
            raise Undecidable("LaunchTemplate", error.reason, error.kind) from None
        raise Undecidable(
            "LaunchTemplate", f"the launch template {reference!r}, which is not in the app"
        )
    return "LaunchTemplate.LaunchTemplateData.InstanceType", template.props.get(
        "LaunchTemplateData.InstanceType"
    )


@rule(
    "EC2.24",
    "AWS::EC2::Instance",
    fix="set InstanceType (or the launch template's LaunchTemplateData.InstanceType) to a "
    "current-generation instance type, which only runs HVM AMIs",
)
def instance_is_not_paravirtual(instance: Resource, ctx: RuleContext) -> Verdict:
    """The instance type (its own `InstanceType`, or its launch template's
    `LaunchTemplateData.InstanceType`) is not of a family that can run paravirtual AMIs
    (c1, c3, m1, m2, m3, t1, hs1, hi1). Such a family is UNKNOWN (the AMI's virtualization
    type decides); so is an absent type (the service default, historically `m1.small`), or a
    launch template that is not in the app. Not applicable in Regions where Security Hub
    does not run the control, when the stack's Region is known.
    """
    region = instance.stack.region
    if region is not None and region not in PV_REGIONS:
        return Verdict.not_applicable(f"Security Hub does not run EC2.24 in {region}")
    path, instance_type = _instance_type(instance, ctx)
    if instance_type is None:
        return Verdict.unknown(
            "the instance type is not set (the service default may be a paravirtual-capable type)",
            path=path,
            fix="set InstanceType to a current-generation type",
        )
    family = str(instance_type).split(".", 1)[0]
    if family not in PV_FAMILIES:
        return Verdict.passed()
    return Verdict.unknown(
        f"{instance_type} can run paravirtual AMIs; the AMI's virtualization type decides",
        path=path,
        fix="use a current-generation instance type, which only runs HVM AMIs",
    )


control(
    "EC2.170",
    "AWS::EC2::LaunchTemplate",
    check=prop("LaunchTemplateData.MetadataOptions.HttpTokens", absent="optional").equals(
        "required"
    ),
    fix="set LaunchTemplateData.MetadataOptions.HttpTokens to required",
    note="AWS Config evaluates the template's default version, which is the one a template "
    "creates. Absent fails: whether instances then require IMDSv2 depends on the AMI's "
    "`ImdsSupport`, which the template does not show (conservative verdict).",
    remedy=Remedy(
        {"LaunchTemplateData.MetadataOptions.HttpTokens": "required"},
        safe=False,
        breaks="Software on the instances that calls the instance metadata service without a "
        "session token (IMDSv1: old AWS SDKs and agents, plain `curl` scripts) gets HTTP 401.",
    ),
)
