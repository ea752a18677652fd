"""Amazon EC2: EC2.23, EC2.24."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import Undecidable, Unresolved, get


@rule("EC2.23", "AWS::EC2::TransitGateway")
def transit_gateway_does_not_auto_accept(gateway: Resource, ctx: RuleContext) -> Verdict:
    """`AutoAcceptSharedAttachments` is not `enable`. Absent means `disable`."""
    value = get(gateway.properties, "AutoAcceptSharedAttachments")
    if value == "enable":
        return Verdict.failed(
            "AutoAcceptSharedAttachments",
            value,
            "set AutoAcceptSharedAttachments to disable (SecureTransitGateway does)",
        )
    return Verdict.passed()


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


def _instance_type(instance: Resource, ctx: RuleContext) -> tuple[str, object]:
    """Where the effective instance type is set, and its value (``None``: absent)."""
    props = instance.properties
    if props.get("InstanceType") is not None or props.get("LaunchTemplate") is None:
        return "InstanceType", get(props, "InstanceType")
    spec = get(props, "LaunchTemplate", deep=False)
    if not isinstance(spec, dict):
        raise Undecidable("LaunchTemplate", f"a value that is not a launch template ({spec!r})")
    reference = spec.get("LaunchTemplateId") or spec.get("LaunchTemplateName")
    found = ctx.app.referenced_resource(instance.stack, reference)
    if found is None or found[2].get("Type") != "AWS::EC2::LaunchTemplate":
        if isinstance(reference, Unresolved):
            raise Undecidable("LaunchTemplate", reference.reason)
        raise Undecidable(
            "LaunchTemplate", f"the launch template {reference!r}, which is not in the app"
        )
    stack, _, definition = found
    data = stack.resolve((definition.get("Properties") or {}).get("LaunchTemplateData") or {})
    return "LaunchTemplate.LaunchTemplateData.InstanceType", get(
        data, "InstanceType", where="LaunchTemplateData"
    )


@rule("EC2.24", "AWS::EC2::Instance")
def instance_is_not_paravirtual(instance: Resource, ctx: RuleContext) -> Verdict:
    """The instance type (its own, or its launch template's) is not of a family that can run
    paravirtual AMIs (c1, c3, m1, m2, m3, t1, hs1, hi1). Such a family is UNKNOWN (the AMI
    decides); so is an absent type, or a launch template that is not in the app. Not
    applicable in Regions where the control does not run, when the stack's Region is known.
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
