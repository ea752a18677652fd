"""Amazon EC2 Auto Scaling: AutoScaling.1, AutoScaling.2, AutoScaling.3, AutoScaling.4,
Autoscaling.5, AutoScaling.6, AutoScaling.9."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, any_of, control, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Verdict, rule, whole_number
from ...engine.values import Undecidable, Unresolved
from .._subnets import BY_ID, BY_INDEX, BY_NAME, zone_of_subnet

_IMDS_BREAKS = (
    "Software on the instances that calls the instance metadata service without a "
    "session token (IMDSv1: old AWS SDKs and agents, plain `curl` scripts) gets "
    "HTTP 401."
)

control(
    "AutoScaling.3",
    "AWS::AutoScaling::LaunchConfiguration",
    check=prop("MetadataOptions.HttpTokens", absent="optional").equals("required"),
    fix="set MetadataOptions.HttpTokens to required",
    note="A launch configuration with `MetadataOptions.HttpEndpoint` `disabled` and no "
    "`HttpTokens` fails too (open question: conservative verdict).",
    remedy=Remedy({"MetadataOptions.HttpTokens": "required"}, safe=False, breaks=_IMDS_BREAKS),
)

control(
    "AutoScaling.4",
    "AWS::AutoScaling::LaunchConfiguration",
    check=prop("MetadataOptions.HttpPutResponseHopLimit", absent=1).at_most(1),
    fix="set MetadataOptions.HttpPutResponseHopLimit to 1",
    remedy=Remedy(
        {"MetadataOptions.HttpPutResponseHopLimit": 1},
        safe=False,
        breaks="Containers on the instances (Docker bridge networking, Kubernetes pods) can "
        "no longer get instance credentials or metadata with IMDSv2: the token response does "
        "not cross the extra network hop.",
    ),
)

_OVERRIDES = "MixedInstancesPolicy.LaunchTemplate.Overrides"
_SIX_FIX = (
    "set MixedInstancesPolicy.LaunchTemplate.Overrides to at least two entries with "
    "distinct InstanceType values"
)


@rule("AutoScaling.6", "AWS::AutoScaling::AutoScalingGroup", fix=_SIX_FIX)
def group_uses_multiple_instance_types(group: Resource, ctx: RuleContext) -> Verdict:
    """`MixedInstancesPolicy.LaunchTemplate.Overrides[].InstanceType` holds at least two
    distinct types; a group without them (a plain `LaunchTemplate`,
    `LaunchConfigurationName` or `InstanceId`) runs one type and fails. Overrides with
    `InstanceRequirements` (attribute-based selection) are UNKNOWN: Security Hub's rule does
    not evaluate them (open question: NOT_APPLICABLE or FAILED in Security Hub). So is an
    unresolved type, unless two other distinct types already pass the group.
    """
    types: set[str] = set()
    attribute_based = False
    undecided: Undecidable | None = None
    for override in group.props.items(_OVERRIDES):
        try:
            if override.has("InstanceRequirements"):
                attribute_based = True
            instance_type = override.get("InstanceType")
        except Undecidable as error:
            undecided = undecided or error
            continue
        if instance_type is not None:
            types.add(str(instance_type))
    if len(types) >= 2:
        return Verdict.passed()
    if undecided is not None:
        raise undecided
    if attribute_based:
        return Verdict.unknown(
            "the group selects instance types by attributes (InstanceRequirements), which "
            "Security Hub's rule does not evaluate",
            path=_OVERRIDES,
        )
    return Verdict.failed(_OVERRIDES, sorted(types) or None, _SIX_FIX)


_NINE_FIX = (
    "launch the group from an EC2 launch template: set LaunchTemplate, or "
    "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification, instead of "
    "LaunchConfigurationName or InstanceId"
)


@rule("AutoScaling.9", "AWS::AutoScaling::AutoScalingGroup", fix=_NINE_FIX)
def group_uses_launch_template(group: Resource, ctx: RuleContext) -> Verdict:
    """`LaunchTemplate` or `MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification`
    is set; a group built from `LaunchConfigurationName` or `InstanceId` fails. A group that
    sets none of them is UNKNOWN (CloudFormation requires one, so the template is incomplete).
    """
    props = group.props
    if props.has("LaunchTemplate"):
        return Verdict.passed()
    if props.shallow("MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification") is not None:
        return Verdict.passed()
    for path in ("LaunchConfigurationName", "InstanceId"):
        if props.has(path):
            try:
                found = props.get(path)
            except Undecidable:
                found = "set (resolved at deploy)"
            return Verdict.failed(path, found, _NINE_FIX)
    raise Undecidable(
        "LaunchTemplate", "no launch template, launch configuration or instance is set"
    )


# --------------------------------------------------------------------------- AutoScaling.1

control(
    "AutoScaling.1",
    "AWS::AutoScaling::AutoScalingGroup",
    check=prop("HealthCheckType", absent="EC2").matches(r"(?i)(^|,)\s*ELB\s*(,|$)"),
    when=any_of(
        prop("LoadBalancerNames", absent=FAILS).not_empty(),
        prop("TargetGroupARNs", absent=FAILS).not_empty(),
    ),
    fix="set HealthCheckType to ELB (with a HealthCheckGracePeriod long enough for the "
    "instances to boot)",
    note="That is, groups attached to a Classic Load Balancer (`LoadBalancerNames`) or to "
    "target groups (`TargetGroupARNs`); groups attached outside the template (an "
    "`AttachLoadBalancerTargetGroups` call) are not seen and are not applicable.",
    remedy=Remedy(
        {"HealthCheckType": "ELB"},
        safe=False,
        breaks="Instances that fail the load balancer's health check are replaced: a health "
        "check path that is wrong, or a grace period shorter than the boot time, makes the "
        "group cycle its instances.",
    ),
)


# --------------------------------------------------------------------------- AutoScaling.2


@rule(
    "AutoScaling.2",
    "AWS::AutoScaling::AutoScalingGroup",
    parameters=[
        Parameter(
            "minAvailabilityZones",
            default=2,
            description="Fewest distinct Availability Zones the group must span (2-6).",
            parse=whole_number(2, 6, "Availability Zones"),
        )
    ],
    fix="list subnets of at least minAvailabilityZones distinct Availability Zones in "
    "VPCZoneIdentifier (or as many zones in AvailabilityZones)",
)
def group_spans_zones(group: Resource, ctx: RuleContext) -> Verdict:
    """The group's literal `AvailabilityZones` (which may be set beside the subnets), or the
    zones of the `AWS::EC2::Subnet` resources of its `VPCZoneIdentifier`, number at least
    `minAvailabilityZones` distinct zones (a
    subnet's `Fn::Select [n, Fn::GetAZs '']` with a literal `n` counts as the n-th zone, as in
    ELB.13). UNKNOWN when a zone cannot be read (an imported subnet, a parameter) and the
    known ones do not already suffice, or when the group names neither.
    """
    minimum = ctx.param("minAvailabilityZones")
    zones: dict[str, set[str]] = {BY_NAME: set(), BY_ID: set(), BY_INDEX: set()}
    undecided: Undecidable | None = None
    path = "VPCZoneIdentifier"
    subnets = group.props.shallow("VPCZoneIdentifier")
    if subnets is not None:
        if not isinstance(subnets, list):
            raise Undecidable(path, f"a value that is not a list ({subnets!r})")
        for subnet in subnets:
            try:
                kind, zone = zone_of_subnet(group, ctx, subnet, path)
            except Undecidable as error:
                undecided = undecided or error
                continue
            zones[kind].add(zone)
    if group.props.has("AvailabilityZones"):
        listed = group.props.shallow("AvailabilityZones")
        if not isinstance(listed, list):
            raise Undecidable("AvailabilityZones", f"a value that is not a list ({listed!r})")
        named = {str(z) for z in listed if not isinstance(z, Unresolved)}
        if len(named) >= minimum:
            return Verdict.passed()
        if subnets is None:
            path = "AvailabilityZones"
            zones[BY_NAME] |= named
            for index, zone in enumerate(listed):
                if isinstance(zone, Unresolved):
                    undecided = undecided or Undecidable.of(f"{path}[{index}]", zone)
    elif subnets is None:
        raise Undecidable(path, "the group's zones, as it names no subnets or zones")
    fewest = max(len(z) for z in zones.values())
    most = sum(len(z) for z in zones.values())
    if fewest >= minimum:
        return Verdict.passed()
    if undecided is not None:
        raise undecided
    if most >= minimum:
        raise Undecidable(
            path, "whether zones named in different ways (name, id, Fn::GetAZs index) coincide"
        )
    return Verdict.failed(
        path,
        sorted(set().union(*zones.values())),
        f"spread the group over at least {minimum} Availability Zones",
    )


# --------------------------------------------------------------------------- Autoscaling.5

control(
    "Autoscaling.5",
    "AWS::AutoScaling::LaunchConfiguration",
    check=prop("AssociatePublicIpAddress", absent=PASSES).is_false(),
    fix="set AssociatePublicIpAddress to false (or remove it), and put the instances in "
    "private subnets behind a load balancer",
    note="Absent passes: the launch configuration then assigns no address itself (the "
    "subnet's `MapPublicIpOnLaunch` decides, which Security Hub's rule does not read). Launch "
    "templates are EC2.25's.",
    remedy=Remedy(
        {"AssociatePublicIpAddress": False},
        safe=False,
        breaks="Instances in a public subnet without a NAT gateway lose their internet "
        "access (package installs, AWS APIs without VPC endpoints), and anything that reached "
        "them by their public address can no longer.",
    ),
)
