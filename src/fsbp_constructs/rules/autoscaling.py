"""Amazon EC2 Auto Scaling: AutoScaling.3, AutoScaling.4 (retired), AutoScaling.6, AutoScaling.9."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import Undecidable, get, items


@rule("AutoScaling.3", "AWS::AutoScaling::LaunchConfiguration")
def launch_configuration_requires_imdsv2(config: Resource, ctx: RuleContext) -> Verdict:
    """`MetadataOptions.HttpTokens` is `required`. Absent means `optional` and fails, also
    when `HttpEndpoint` is `disabled` (open question: conservative verdict).
    """
    tokens = get(config.properties, "MetadataOptions.HttpTokens")
    if tokens == "required":
        return Verdict.passed()
    return Verdict.failed(
        "MetadataOptions.HttpTokens",
        tokens,
        "set MetadataOptions.HttpTokens to required, or move to a launch template with "
        "IMDSv2 required (SecureAutoScalingGroup does both)",
    )


@rule("AutoScaling.4", "AWS::AutoScaling::LaunchConfiguration")
def launch_configuration_hop_limit_is_one(config: Resource, ctx: RuleContext) -> Verdict:
    """`MetadataOptions.HttpPutResponseHopLimit` is at most 1. Absent means 1."""
    limit = get(config.properties, "MetadataOptions.HttpPutResponseHopLimit")
    if limit is None:
        return Verdict.passed("absent means a hop limit of 1")
    try:
        value = int(limit)
    except (TypeError, ValueError):
        return Verdict.unknown(
            f"HttpPutResponseHopLimit is not a number ({limit!r})",
            path="MetadataOptions.HttpPutResponseHopLimit",
        )
    if value <= 1:
        return Verdict.passed()
    return Verdict.failed(
        "MetadataOptions.HttpPutResponseHopLimit",
        limit,
        "set MetadataOptions.HttpPutResponseHopLimit to 1",
    )


@rule("AutoScaling.6", "AWS::AutoScaling::AutoScalingGroup")
def group_uses_multiple_instance_types(group: Resource, ctx: RuleContext) -> Verdict:
    """`MixedInstancesPolicy.LaunchTemplate.Overrides[].InstanceType` holds at least two
    distinct types. Overrides with `InstanceRequirements` (attribute-based selection) are
    UNKNOWN: Security Hub's rule does not evaluate them. So is an unresolved type, unless two
    other distinct types already pass the group.
    """
    path = "MixedInstancesPolicy.LaunchTemplate.Overrides"
    types: set[str] = set()
    attribute_based = False
    undecidable: Undecidable | None = None
    for item_path, override in items(group.properties, path):
        if override.get("InstanceRequirements") is not None:
            attribute_based = True
        try:
            instance_type = get(override, "InstanceType", where=item_path)
        except Undecidable as error:
            undecidable = undecidable or error
            continue
        if instance_type is not None:
            types.add(str(instance_type))
    if len(types) >= 2:
        return Verdict.passed()
    if undecidable is not None:
        raise undecidable
    if attribute_based:
        return Verdict.unknown(
            "the group selects instance types by attributes (InstanceRequirements), which "
            "Security Hub's rule does not evaluate",
            path=path,
        )
    return Verdict.failed(
        path,
        sorted(types) or None,
        "use a MixedInstancesPolicy whose launch template Overrides name at least two "
        "instance types (SecureAutoScalingGroup requires them)",
    )


@rule("AutoScaling.9", "AWS::AutoScaling::AutoScalingGroup")
def group_uses_launch_template(group: Resource, ctx: RuleContext) -> Verdict:
    """`LaunchTemplate` or `MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification`
    is set; a group built from `LaunchConfigurationName` or `InstanceId` fails.
    """
    props = group.properties
    if props.get("LaunchTemplate") is not None:
        return Verdict.passed()
    if (
        get(props, "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification", deep=False)
        is not None
    ):
        return Verdict.passed()
    path = next((p for p in ("LaunchConfigurationName", "InstanceId") if p in props), None)
    if path is not None:
        found = props[path] if isinstance(props[path], str) else "set (resolved at deploy)"
    else:
        raise Undecidable(
            "LaunchTemplate", "no launch template, launch configuration or instance is set"
        )
    return Verdict.failed(
        path,
        found,
        "launch the group from an EC2 launch template (LaunchTemplate, or "
        "MixedInstancesPolicy.LaunchTemplate); SecureAutoScalingGroup always does",
    )
