"""EC2 instances and launch templates: EC2.8, EC2.9, EC2.17, EC2.24, EC2.25, EC2.170."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...engine.checks import PASSES, control, each, prop
from ...engine.model import App, Resource, Target
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable, View, as_bool

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
    "`ImdsSupport`, which the template does not show, nor the account's instance metadata "
    "defaults (conservative verdict). Decided from the template: the default version's "
    "`HttpTokens`; needs the account: the AMI and the account's IMDS defaults.",
    remedy=Remedy(
        {"LaunchTemplateData.MetadataOptions.HttpTokens": "required"},
        safe=False,
        breaks="Software on the instances that calls the instance metadata service without a "
        "session token (IMDSv1: old AWS SDKs and agents, plain `curl` scripts) gets HTTP 401.",
    ),
)


# --------------------------------------------------------------------------- instances


def _templates_by_name(app: App) -> dict[tuple[int, str], Target]:
    """The app's launch templates by (stack, literal `LaunchTemplateName`), built once per
    app so that a lookup by name stays linear; the first of a name wins."""
    index: dict[tuple[int, str], Target] = {}
    for template in app.resources("AWS::EC2::LaunchTemplate"):
        try:
            name = template.props.get("LaunchTemplateName")
        except Undecidable:
            continue
        if isinstance(name, str):
            index.setdefault((id(template.stack), name), template)
    return index


def _template_of(instance: Resource, ctx: RuleContext) -> Target | None:
    """The instance's launch template when it is in the app; raises :class:`Undecidable`
    when the instance names one the app does not hold."""
    if not instance.props.has("LaunchTemplate"):
        return None
    template = _launch_template(instance, ctx)
    if template is not None:
        return template
    # An L2 instance names its template literally and points at it through `Version`.
    version = ctx.app.follow(instance, "LaunchTemplate.Version")
    if version is not None and version.type == "AWS::EC2::LaunchTemplate":
        return version
    try:
        reference = instance.props.get("LaunchTemplate.LaunchTemplateId") or instance.props.get(
            "LaunchTemplate.LaunchTemplateName"
        )
    except Undecidable as error:
        raise Undecidable("LaunchTemplate", error.reason, error.kind) from None
    named = ctx.app.memo("EC2 launch templates by name", lambda: _templates_by_name(ctx.app))
    found = named.get((id(instance.stack), reference)) if isinstance(reference, str) else None
    if found is not None:
        return found
    raise Undecidable(
        "LaunchTemplate", f"the launch template {reference!r}, which is not in the app"
    )


_EC2_8_FIX = "set MetadataOptions.HttpTokens to required (or the launch template's)"


@rule(
    "EC2.8",
    "AWS::EC2::Instance",
    fix=_EC2_8_FIX,
    remedy=Remedy(
        {"MetadataOptions.HttpTokens": "required"},
        safe=False,
        breaks="Software on the instance that calls the instance metadata service without a "
        "session token (IMDSv1: old AWS SDKs and agents, plain `curl` scripts) gets HTTP 401.",
    ),
)
def instance_requires_imdsv2(instance: Resource, ctx: RuleContext) -> Verdict:
    """`MetadataOptions.HttpTokens` is `required`: the instance's own setting, or else the one
    of its launch template in the app (`LaunchTemplateData.MetadataOptions.HttpTokens`, which
    is how an L2 instance that requires IMDSv2 is written). Absent in both means `optional`
    (conservative: an AMI whose `ImdsSupport` is `v2.0` would require tokens, and the
    template does not show it). A launch template that is not in the app is UNKNOWN.
    Decided from the template: the instance's `HttpTokens`, else its launch template's;
    needs the account: the AMI's `ImdsSupport` and the account's instance metadata defaults
    (`ModifyInstanceMetadataDefaults`), which can require tokens where both are absent (an
    absent value still fails: conservative).
    """
    props = instance.props
    if props.has("MetadataOptions.HttpTokens"):
        tokens = props.get("MetadataOptions.HttpTokens")
        path = "MetadataOptions.HttpTokens"
    else:
        template = _template_of(instance, ctx)
        path = "MetadataOptions.HttpTokens"
        tokens = None
        if template is not None:
            path = "LaunchTemplate.LaunchTemplateData.MetadataOptions.HttpTokens"
            tokens = template.props.get("LaunchTemplateData.MetadataOptions.HttpTokens")
    if tokens == "required":
        return Verdict.passed()
    reason = None if tokens is not None else "absent means 'optional'"
    return Verdict(Status.FAIL, path=path, found=tokens, fix=_EC2_8_FIX, reason=reason)


def _subnet_maps_public_ip(
    where: str, owner: Resource | Target, view: View, ctx: RuleContext
) -> str | None:
    """The logical id of the subnet at ``view``'s `SubnetId` when it assigns public IPs on
    launch; raises :class:`Undecidable` when the subnet is not in the app or not named."""
    if not view.has("SubnetId"):
        raise Undecidable(
            where,
            "the default subnet of the default VPC (which assigns public IPv4 addresses "
            "unless the account changed it)",
            Kind.ACCOUNT_DEFAULT,
        )
    subnet = ctx.app.referenced(owner.stack, view.unresolved("SubnetId"))
    if subnet is None or subnet.type != "AWS::EC2::Subnet":
        try:
            name = view.get("SubnetId")
        except Undecidable as error:
            raise Undecidable(
                f"{where}.SubnetId" if where else "SubnetId", error.reason, error.kind
            ) from None
        raise Undecidable(
            f"{where}.SubnetId" if where else "SubnetId",
            f"the subnet {name!r}, which is not in the app",
        )
    flag = as_bool(subnet.props.get("MapPublicIpOnLaunch"))
    return subnet.logical_id if flag else None


_EC2_9_FIX = (
    "set NetworkInterfaces[].AssociatePublicIpAddress to false (or launch into a subnet whose "
    "MapPublicIpOnLaunch is false) and associate no Elastic IP with the instance or its "
    "primary network interface"
)

_ENI = "AWS::EC2::NetworkInterface"
_ATTACHMENT = "AWS::EC2::NetworkInterfaceAttachment"
_EIP_ASSOCIATION = "AWS::EC2::EIPAssociation"


def _is_primary(item: View, count: int) -> bool:
    """Whether an interface item is at device index 0 (an absent index: the only item)."""
    index = item.get("DeviceIndex")
    return str(index).strip() == "0" if index is not None else count == 1


def _primary_enis(
    instance: Resource, owner: Resource | Target, interfaces: list[View], ctx: RuleContext
) -> Iterator[tuple[str, Target]]:
    """``(where, eni)`` for each `AWS::EC2::NetworkInterface` of the app the instance uses at
    device index 0: an interface item naming it in `NetworkInterfaceId` (the instance's or
    its launch template's), or an `AWS::EC2::NetworkInterfaceAttachment` with `InstanceId`
    the instance and `DeviceIndex` 0."""
    for item in interfaces:
        if item.has("NetworkInterfaceId") and _is_primary(item, len(interfaces)):
            eni = ctx.app.referenced(owner.stack, item.unresolved("NetworkInterfaceId"))
            if eni is not None and eni.type == _ENI:
                yield f"{item.path}.NetworkInterfaceId", eni
    for reference in ctx.app.referrers(instance, _ATTACHMENT):
        attachment = reference.source
        if reference.path == "InstanceId" and _is_primary(attachment.props, 2):
            eni = ctx.app.follow(attachment, "NetworkInterfaceId")
            if eni is not None and eni.type == _ENI:
                yield reference.logical_id, eni


def _elastic_ip(
    instance: Resource, owner: Resource | Target, interfaces: list[View], ctx: RuleContext
) -> Verdict | None:
    """FAIL when an Elastic IP of the app reaches the instance: an `AWS::EC2::EIP` or
    `AWS::EC2::EIPAssociation` naming it in `InstanceId`, or an `AWS::EC2::EIPAssociation`
    whose `NetworkInterfaceId` is its primary network interface (whatever its
    `PrivateIpAddress`)."""
    for reference in ctx.app.referrers(instance, "AWS::EC2::EIP", _EIP_ASSOCIATION):
        if reference.path == "InstanceId":
            return Verdict(
                Status.FAIL,
                path="InstanceId",
                found=reference.logical_id,
                fix=_EC2_9_FIX,
                reason=f"the {reference.type} {reference.logical_id} gives it a public address",
            )
    for where, eni in _primary_enis(instance, owner, interfaces, ctx):
        for reference in ctx.app.referrers(eni, _EIP_ASSOCIATION):
            if reference.path == "NetworkInterfaceId":
                return Verdict(
                    Status.FAIL,
                    path=where,
                    found=reference.logical_id,
                    fix=_EC2_9_FIX,
                    reason=f"the {_EIP_ASSOCIATION} {reference.logical_id} gives its primary "
                    f"network interface {eni.logical_id} a public address",
                )
    return None


@rule("EC2.9", "AWS::EC2::Instance", fix=_EC2_9_FIX)
def instance_has_no_public_ip(instance: Resource, ctx: RuleContext) -> Verdict:
    """The instance gets no public IPv4 address. No Elastic IP of the app reaches it: an
    `AWS::EC2::EIP` or `AWS::EC2::EIPAssociation` naming it in `InstanceId`, or an
    `AWS::EC2::EIPAssociation` whose `NetworkInterfaceId` (with or without
    `PrivateIpAddress`) is the `AWS::EC2::NetworkInterface` it uses at device index 0 (named
    in its `NetworkInterfaces`, its launch template's, or by an
    `AWS::EC2::NetworkInterfaceAttachment`). And no address is assigned at launch: EC2
    assigns one only to a new interface at device index 0, and never when the launch names
    more than one interface, so with two or more items of `NetworkInterfaces` (its own, or
    else its launch template's) only an Elastic IP fails it. With one item (or none), its
    `AssociatePublicIpAddress` decides; where that is absent, the subnet (`SubnetId` of the
    interface or the instance, an `AWS::EC2::Subnet` of the app) does, by
    `MapPublicIpOnLaunch` (absent means false). An interface given by `NetworkInterfaceId`
    gets no automatic address. A subnet outside the app, or none named (the default VPC's
    default subnet), is UNKNOWN. Decided from the template: the interfaces, the subnets and
    the app's Elastic IPs; needs the account: subnets and Elastic IP associations made
    outside the app. An Elastic IP on an interface at another device index is not the
    instance's public IP (the Config rule reads the instance's `publicIp`).
    """
    props = instance.props
    owner: Resource | Target = instance
    prefix = ""
    try:
        interfaces = list(props.items("NetworkInterfaces"))
        if not interfaces and not props.has("SubnetId"):
            template = _template_of(instance, ctx)
            if template is not None:
                owner = template
                interfaces = list(template.props.items("LaunchTemplateData.NetworkInterfaces"))
                prefix = "LaunchTemplate."
    except Undecidable:
        # An Elastic IP naming the instance fails it whatever its interfaces are.
        elastic = _elastic_ip(instance, instance, [], ctx)
        if elastic is not None:
            return elastic
        raise
    elastic = _elastic_ip(instance, owner, interfaces, ctx)
    if elastic is not None:
        return elastic
    if len(interfaces) > 1:
        return Verdict.passed()
    if not interfaces:
        subnet = _subnet_maps_public_ip("", instance, props, ctx)
        if subnet is not None:
            return Verdict(
                Status.FAIL,
                path="SubnetId",
                found=subnet,
                fix=_EC2_9_FIX,
                reason="the subnet sets MapPublicIpOnLaunch",
            )
        return Verdict.passed()
    (item,) = interfaces
    if item.has("NetworkInterfaceId") and not item.has("AssociatePublicIpAddress"):
        return Verdict.passed()
    flag = as_bool(item.get("AssociatePublicIpAddress"))
    if flag is True:
        return Verdict(
            Status.FAIL,
            path=f"{prefix}{item.path}.AssociatePublicIpAddress",
            found=True,
            fix=_EC2_9_FIX,
        )
    subnet = None if flag is False else _subnet_maps_public_ip(item.path, owner, item, ctx)
    if subnet is not None:
        return Verdict(
            Status.FAIL,
            path=f"{prefix}{item.path}.SubnetId",
            found=subnet,
            fix=_EC2_9_FIX,
            reason="the subnet sets MapPublicIpOnLaunch",
        )
    return Verdict.passed()


_EC2_17_FIX = "attach one network interface only (NetworkInterfaces with one item, no attachments)"


@rule("EC2.17", "AWS::EC2::Instance", fix=_EC2_17_FIX)
def instance_has_one_eni(instance: Resource, ctx: RuleContext) -> Verdict:
    """The instance has at most one network interface: the items of its `NetworkInterfaces`
    (or else of its launch template's `LaunchTemplateData.NetworkInterfaces`), plus the app's
    `AWS::EC2::NetworkInterfaceAttachment` resources whose `InstanceId` refers to it. Absent
    means the one primary interface. A launch template that is not in the app is UNKNOWN when
    the instance declares no interface of its own.
    """
    props = instance.props
    count = len(list(props.items("NetworkInterfaces")))
    path = "NetworkInterfaces"
    if count == 0:
        template = _template_of(instance, ctx)
        if template is not None:
            count = len(list(template.props.items("LaunchTemplateData.NetworkInterfaces")))
            path = "LaunchTemplate.LaunchTemplateData.NetworkInterfaces"
    attachments = [
        r.logical_id
        for r in ctx.app.referrers(instance, "AWS::EC2::NetworkInterfaceAttachment")
        if r.path == "InstanceId"
    ]
    total = max(count, 1) + len(attachments) if attachments else count
    if total <= 1:
        return Verdict.passed()
    extra = f", plus the attachments {', '.join(attachments)}" if attachments else ""
    return Verdict(
        Status.FAIL,
        path=path,
        found=count,
        fix=_EC2_17_FIX,
        reason=f"{total} network interfaces in all{extra}",
    )


control(
    "EC2.25",
    "AWS::EC2::LaunchTemplate",
    check=each(
        "LaunchTemplateData.NetworkInterfaces",
        prop("AssociatePublicIpAddress", absent=PASSES).is_false(),
    ),
    fix="set LaunchTemplateData.NetworkInterfaces[].AssociatePublicIpAddress to false",
    note="As in the Config rule, only the template's network interfaces are read: the "
    "subnet's `MapPublicIpOnLaunch` (EC2.15) decides where the template says nothing.",
    remedy=Remedy(
        {"LaunchTemplateData.NetworkInterfaces[*].AssociatePublicIpAddress": False},
        safe=False,
        breaks="Instances launched from the template get no public IPv4 address: those that "
        "reach the internet directly (no NAT gateway) lose access.",
        describe="`AssociatePublicIpAddress: false` on every network interface where it is "
        "true; absent is already compliant, so this fix only acts under `overwrite`",
    ),
)
