"""Amazon EC2 and VPC: EC2.3, EC2.6, EC2.8, EC2.9, EC2.10, EC2.15-EC2.19, EC2.21, EC2.23-EC2.25,
EC2.51, EC2.55-EC2.58, EC2.60, EC2.170-EC2.173, EC2.180-EC2.183."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ...engine.checks import FAILS, PASSES, all_of, control, each, param, prop
from ...engine.cidr import WORLD_V4, WORLD_V6, is_world
from ...engine.model import App, Resource, Stack, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable, View, as_bool

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


# --------------------------------------------------------------------------- shared readers

#: ``IpProtocol`` spellings: names and IANA numbers (CloudFormation accepts both).
_TCP = frozenset({"tcp", "6"})
_UDP = frozenset({"udp", "17"})
_ALL = frozenset({"-1", "all"})
_ALL_PORTS = (0, 65535)


def _protocol(view: View, path: str) -> str:
    """A protocol in lower case (``-1`` for every protocol); raises :class:`Undecidable`."""
    value = view.get(path)
    if value is None:
        return "-1"
    return str(value).strip().lower()


def _port_range(view: View, low: str, high: str) -> tuple[int, int]:
    """The inclusive port range of a rule; absent or ``-1`` bounds mean every port."""
    first, last = view.get(low), view.get(high)
    try:
        start = _ALL_PORTS[0] if first in (None, -1, "-1") else int(first)
        end = _ALL_PORTS[1] if last in (None, -1, "-1") else int(last)
    except (TypeError, ValueError):
        raise Undecidable(
            view.path or low, f"a port that is not a number ({first!r}, {last!r})"
        ) from None
    return start, end


@dataclass(frozen=True)
class _Opening:
    """An ingress rule of a security group open to the whole internet."""

    where: str
    protocol: str
    ports: tuple[int, int]
    source: str

    @property
    def text(self) -> str:
        """What the rule opens, e.g. ``tcp port 22 from 0.0.0.0/0``."""
        ports = "every port" if self.ports == _ALL_PORTS else _ports_text(self.ports)
        if self.protocol in _ALL:
            return f"every protocol and port from {self.source}"
        return f"{self.protocol} {ports} from {self.source}"


def _ports_text(ports: tuple[int, int]) -> str:
    low, high = ports
    return f"port {low}" if low == high else f"ports {low}-{high}"


#: Types whose ``Fn::GetAtt`` ``CidrBlock`` is a VPC's or a subnet's IPv4 range (a VPC block is
#: /16 to /28, a subnet's lies inside it): never the internet, whatever it resolves to.
#: ``AWS::EC2::VPCCidrBlock`` returns no ``CidrBlock`` attribute.
_RANGE_TYPES = frozenset({"AWS::EC2::VPC", "AWS::EC2::Subnet"})


def _is_range_attribute(stack: Stack, expr: Any, app: App) -> bool:
    """Whether ``expr`` is ``Fn::GetAtt [X, CidrBlock]`` of an ``X`` of the app whose type
    returns a VPC or subnet range (not a custom resource's attribute of the same name)."""
    attribute = expr.get("Fn::GetAtt") if isinstance(expr, dict) else None
    if isinstance(attribute, str):
        attribute = attribute.split(".", 1)
    if not (isinstance(attribute, list) and attribute[-1:] == ["CidrBlock"]):
        return False
    target = app.referenced(stack, expr)
    return target is not None and target.type in _RANGE_TYPES


def _is_world(rule_view: View, name: str, stack: Stack, app: App) -> bool:
    """Whether the rule's source ``name`` (`CidrIp`, `CidrBlock`...) is the whole internet
    (:func:`~fsbp_constructs.engine.cidr.is_world`: any prefix length 0). The CIDR block of
    a VPC or subnet of the app (``Fn::GetAtt`` of ``CidrBlock``, as CDK writes for "from
    inside the VPC") is not. Raises :class:`Undecidable` for any other undecided source."""
    try:
        value = rule_view.get(name)
    except Undecidable:
        marker = rule_view.unresolved(name)
        if marker is not None and _is_range_attribute(stack, marker.expr, app):
            return False
        raise
    return is_world(value, f"{rule_view.path}.{name}" if rule_view.path else name)


def _opening(rule_view: View, where: str, stack: Stack, app: App) -> _Opening | None:
    """The rule as an :class:`_Opening` when its source is the whole IPv4 or IPv6 internet
    (`0.0.0.0/0`, `::/0`, or any spelling with prefix length 0); ``None`` for any other source
    (a CIDR, a security group, a prefix list)."""
    if _is_world(rule_view, "CidrIp", stack, app):
        source = WORLD_V4
    elif _is_world(rule_view, "CidrIpv6", stack, app):
        source = WORLD_V6
    else:
        return None
    protocol = _protocol(rule_view, "IpProtocol")
    if protocol in _ALL:
        return _Opening(where, protocol, _ALL_PORTS, source)
    if protocol in _TCP | _UDP:
        name = "tcp" if protocol in _TCP else "udp"
        return _Opening(where, name, _port_range(rule_view, "FromPort", "ToPort"), source)
    return _Opening(where, protocol, _ALL_PORTS, source)


_INGRESS = "AWS::EC2::SecurityGroupIngress"


def _ingress_rules(group: Resource, ctx: RuleContext) -> Iterator[tuple[str, View, Stack]]:
    """Every ingress rule of a security group: the items of its own `SecurityGroupIngress`
    and the app's `AWS::EC2::SecurityGroupIngress` resources whose `GroupId` (or
    `GroupName`) refers to it. Raises :class:`Undecidable` for an undecided list."""
    yield from (
        (item.path, item, group.stack) for item in group.props.items("SecurityGroupIngress")
    )
    for reference in ctx.app.referrers(group, _INGRESS):
        if reference.path in ("GroupId", "GroupName"):
            yield reference.logical_id, reference.source.props, reference.stack


def _openings(group: Resource, ctx: RuleContext) -> tuple[list[_Opening], Undecidable | None]:
    """The group's ingress rules open to the internet, and the first rule the template
    cannot decide (its source, protocol or ports)."""
    found: list[_Opening] = []
    undecided: Undecidable | None = None
    rules = _ingress_rules(group, ctx)
    while True:
        try:
            where, view, stack = next(rules)
        except StopIteration:
            break
        except Undecidable as error:
            undecided = undecided or error
            break
        try:
            opening = _opening(view, where, stack, ctx.app)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if opening is not None:
            found.append(opening)
    return found, undecided


def _port_list(name: str) -> Callable[[Any], list[int | str]]:
    def parse(value: object) -> list[int | str]:
        if not isinstance(value, (list, tuple)):
            raise ValueError(
                f"{name} must be a list of ports (1-65535) or ranges like '1020-1025', "
                f"not {value!r}"
            )
        for item in value:
            try:
                _range_of(item, name)
            except ValueError as error:
                raise ValueError(f"{error} (in {value!r})") from None
        return list(value)

    return parse


def _range_of(item: object, name: str) -> tuple[int, int]:
    bad = ValueError(
        f"{name} must list ports from 1 to 65535 or ranges like '1020-1025', not {item!r}"
    )
    if isinstance(item, bool):
        raise bad
    if isinstance(item, int):
        low = high = item
    elif isinstance(item, str) and re.fullmatch(r"\d{1,5}(-\d{1,5})?", item.strip()):
        parts = item.strip().split("-")
        low, high = int(parts[0]), int(parts[-1])
    else:
        raise bad
    if not 1 <= low <= high <= 65535:
        raise bad
    return low, high


def _covered(ports: tuple[int, int], allowed: Sequence[object] | None, name: str) -> bool:
    """Whether every port of ``ports`` is in one of the ``allowed`` ports or ranges."""
    ranges = sorted(_range_of(item, name) for item in allowed or ())
    next_port = ports[0]
    for low, high in ranges:
        if low > next_port:
            break
        next_port = max(next_port, high + 1)
        if next_port > ports[1]:
            return True
    return False


_EC2_18_FIX = (
    "narrow CidrIp/CidrIpv6 of ingress rules open to 0.0.0.0/0 or ::/0 to known ranges, or "
    "open only the authorized ports (EC2.18 parameters authorizedTcpPorts/authorizedUdpPorts)"
)


@rule(
    "EC2.18",
    "AWS::EC2::SecurityGroup",
    parameters=[
        Parameter(
            "authorizedTcpPorts",
            default=[80, 443],
            description=(
                "TCP ports (1-65535, or ranges written '1020-1025') that may be open to "
                "0.0.0.0/0 or ::/0."
            ),
            parse=_port_list("authorizedTcpPorts"),
        ),
        Parameter(
            "authorizedUdpPorts",
            default=None,
            description=(
                "UDP ports (1-65535, or ranges written '1020-1025') that may be open to "
                "0.0.0.0/0 or ::/0. Unset: none."
            ),
            parse=_port_list("authorizedUdpPorts"),
        ),
    ],
    fix=_EC2_18_FIX,
)
def security_group_opens_only_authorized_ports(group: Resource, ctx: RuleContext) -> Verdict:
    """Every ingress rule whose source is `0.0.0.0/0` (`CidrIp`) or `::/0` (`CidrIpv6`) opens
    only TCP ports listed in `authorizedTcpPorts` (default 80 and 443) or UDP ports listed in
    `authorizedUdpPorts` (default none), with every port of its `FromPort`-`ToPort` range
    authorized. The group's own `SecurityGroupIngress` and the app's
    `AWS::EC2::SecurityGroupIngress` resources whose `GroupId` refers to the group are read.
    `IpProtocol` `-1` (every protocol) fails; so does another protocol (ICMP...) open to the
    internet (open question: the Config rule speaks of TCP and UDP only; conservative
    verdict). A group without such a rule is not applicable, as in the Config rule. Egress
    rules are not read. A failing rule decides even when another is undecided; rules added
    outside the app cannot be seen. The internet is any block of prefix length 0, as EC2
    stores it (`192.168.1.0/0` is `0.0.0.0/0`, `0::0/0` is `::/0`); `Fn::GetAtt` of the
    `CidrBlock` of an `AWS::EC2::VPC` or `AWS::EC2::Subnet` of the app is not, any other
    attribute (a custom resource's) is UNKNOWN.
    """
    openings, undecided = _openings(group, ctx)
    params = ctx.parameters
    for opening in openings:
        if opening.protocol == "tcp":
            allowed = params.get("authorizedTcpPorts")
            if _covered(opening.ports, allowed, "authorizedTcpPorts"):
                continue
        elif opening.protocol == "udp":
            allowed = params.get("authorizedUdpPorts")
            if _covered(opening.ports, allowed, "authorizedUdpPorts"):
                continue
        return Verdict(
            Status.FAIL,
            path=opening.where,
            found=opening.text,
            fix=_EC2_18_FIX,
            reason="open to the internet beyond the authorized ports",
        )
    if undecided is not None:
        raise undecided
    if not openings:
        return Verdict.not_applicable("no ingress rule is open to 0.0.0.0/0 or ::/0")
    return Verdict.passed()


#: Security Hub's high-risk ports for EC2.19 (not customizable).
HIGH_RISK_PORTS = (
    20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432,
    5500, 5601, 8080, 8088, 8888, 9200, 9300,
)  # fmt: skip

_EC2_19_FIX = (
    "remove 0.0.0.0/0 and ::/0 sources from ingress rules that cover a high-risk port "
    "(narrow CidrIp/CidrIpv6, or use a security group or prefix list as the source)"
)


@rule("EC2.19", "AWS::EC2::SecurityGroup", fix=_EC2_19_FIX)
def security_group_closes_high_risk_ports(group: Resource, ctx: RuleContext) -> Verdict:
    """No ingress rule whose source is `0.0.0.0/0` (`CidrIp`) or `::/0` (`CidrIpv6`) lets TCP
    reach a high-risk port (20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306,
    3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300): a `tcp` rule whose
    `FromPort`-`ToPort` range covers one, or an `IpProtocol` `-1` rule (every protocol and
    port). UDP rules pass: the Config rule `restricted-common-ports` checks TCP only. The
    group's own `SecurityGroupIngress` and the app's `AWS::EC2::SecurityGroupIngress`
    resources whose `GroupId` refers to the group are read; egress is not. A failing rule
    decides even when another is undecided. Sources are read as in EC2.18: any block of
    prefix length 0 is the internet; a VPC's or subnet's `CidrBlock` attribute is not.
    """
    openings, undecided = _openings(group, ctx)
    for opening in openings:
        if opening.protocol not in _ALL and opening.protocol != "tcp":
            continue
        low, high = opening.ports
        hit = next((p for p in HIGH_RISK_PORTS if low <= p <= high), None)
        if hit is not None:
            return Verdict(
                Status.FAIL,
                path=opening.where,
                found=opening.text,
                fix=_EC2_19_FIX,
                reason=f"open to the internet on high-risk port {hit}",
            )
    if undecided is not None:
        raise undecided
    return Verdict.passed()


# --------------------------------------------------------------------------- VPC flow logs

_TRAFFIC_TYPES = ("ACCEPT", "REJECT", "ALL")


def _traffic_type(value: object) -> str:
    if not isinstance(value, str) or value not in _TRAFFIC_TYPES:
        raise ValueError(f"trafficType must be one of {', '.join(_TRAFFIC_TYPES)}, not {value!r}")
    return value


_EC2_6_FIX = (
    "add an AWS::EC2::FlowLog with ResourceType VPC, ResourceId the VPC's Ref and TrafficType "
    "ALL (or the EC2.6 trafficType parameter)"
)


@rule(
    "EC2.6",
    "AWS::EC2::VPC",
    parameters=[
        Parameter(
            "trafficType",
            default="REJECT",
            description=(
                "The traffic type the VPC's flow log must record (ACCEPT, REJECT or ALL); a "
                "flow log of type ALL records both and passes for any value."
            ),
            parse=_traffic_type,
        )
    ],
    fix=_EC2_6_FIX,
)
def vpc_has_flow_log(vpc: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::EC2::FlowLog` of the app has `ResourceType` `VPC`, a `ResourceId` that refers
    to the VPC (a `Ref`, or a CDK cross-stack import) and a `TrafficType` equal to the
    `trafficType` parameter (default `REJECT`) or `ALL` (a superset: open question, the Config
    rule compares the type; conservative would fail `ALL`, which records more). Without such
    a flow log the VPC fails; flow logs created outside the app cannot be seen. A flow log
    whose type the template cannot decide is UNKNOWN.
    """
    wanted = ctx.parameters.get("trafficType") or "REJECT"
    undecided: Undecidable | None = None
    seen: list[str] = []
    for reference in ctx.app.referrers(vpc, "AWS::EC2::FlowLog"):
        if reference.path != "ResourceId":
            continue
        props = reference.source.props
        try:
            if props.get("ResourceType") != "VPC":
                continue
            traffic = props.get("TrafficType")
        except Undecidable as error:
            undecided = undecided or error
            continue
        if traffic in ("ALL", wanted):
            return Verdict.passed()
        seen.append(f"{reference.logical_id} records {traffic!r}")
    if undecided is not None:
        raise undecided
    if seen:
        return Verdict(
            Status.FAIL,
            path="FlowLog.TrafficType",
            found=None,
            fix=_EC2_6_FIX,
            reason=f"{'; '.join(seen)}, not {wanted!r} or 'ALL'",
        )
    return Verdict(
        Status.FAIL,
        path="FlowLog",
        found=None,
        fix=_EC2_6_FIX,
        reason="no AWS::EC2::FlowLog in the app refers to this VPC",
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
    interfaces = list(props.items("NetworkInterfaces"))
    prefix = ""
    if not interfaces and not props.has("SubnetId"):
        template = _template_of(instance, ctx)
        if template is not None:
            owner = template
            interfaces = list(template.props.items("LaunchTemplateData.NetworkInterfaces"))
            prefix = "LaunchTemplate."
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
    "EC2.15",
    "AWS::EC2::Subnet",
    check=prop("MapPublicIpOnLaunch", absent=False).is_false(),
    fix="set MapPublicIpOnLaunch to false",
    note="CloudFormation creates subnets with `MapPublicIpOnLaunch` false; public subnets of "
    "L2 VPCs set it to true.",
    remedy=Remedy(
        {"MapPublicIpOnLaunch": False},
        safe=False,
        breaks="Instances launched later in the subnet get no public IPv4 address: those that "
        "reach the internet directly (no NAT gateway) lose access until given an Elastic IP.",
        describe="`MapPublicIpOnLaunch: false` where it is true; absent is already compliant, "
        "so this fix only acts under `overwrite`",
    ),
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

control(
    "EC2.51",
    "AWS::EC2::ClientVpnEndpoint",
    check=prop("ConnectionLogOptions.Enabled", absent=FAILS).is_true(),
    fix="set ConnectionLogOptions.Enabled to true with a CloudwatchLogGroup",
    note="`ConnectionLogOptions` is required by CloudFormation; logging also needs a log "
    "group, so no single property fixes the control.",
)

control(
    "EC2.180",
    "AWS::EC2::NetworkInterface",
    check=prop("SourceDestCheck", absent=True).is_true(),
    fix="set SourceDestCheck to true (or remove it)",
    note="Interfaces that instances create for themselves are not CloudFormation resources "
    "here: turn off source/destination checking only on the NAT or firewall appliance's "
    "interface and acknowledge it.",
    remedy=Remedy(
        {"SourceDestCheck": True},
        safe=False,
        breaks="A NAT instance, router or firewall appliance behind the interface stops "
        "forwarding traffic that is not addressed to it.",
        describe="`SourceDestCheck: true` where it is false; absent is already compliant, so "
        "this fix only acts under `overwrite`",
    ),
)

_BPA_MODES = ("block-bidirectional", "block-ingress")


def _bpa_mode(value: object) -> str:
    if not isinstance(value, str) or value not in _BPA_MODES:
        raise ValueError(
            f"vpcBpaInternetGatewayBlockMode must be one of {', '.join(_BPA_MODES)}, not {value!r}"
        )
    return value


control(
    "EC2.172",
    "AWS::EC2::VPCBlockPublicAccessOptions",
    check=all_of(
        prop("InternetGatewayBlockMode", absent=FAILS).one_of(*_BPA_MODES),
        prop("InternetGatewayBlockMode", absent=FAILS).equals(
            param("vpcBpaInternetGatewayBlockMode")
        ),
    ),
    parameters=[
        Parameter(
            "vpcBpaInternetGatewayBlockMode",
            default=None,
            description=(
                "The block mode required (block-bidirectional or block-ingress). Unset: "
                "either passes."
            ),
            parse=_bpa_mode,
        )
    ],
    fix="set InternetGatewayBlockMode to block-bidirectional or block-ingress",
    note="The setting is per account and Region: it is decided only where the app holds the "
    "`AWS::EC2::VPCBlockPublicAccessOptions` resource; an account without it is not seen "
    "(Security Hub fails it). `InternetGatewayBlockMode` is required by CloudFormation.",
)

control(
    "EC2.182",
    "AWS::EC2::SnapshotBlockPublicAccess",
    check=prop("State", absent=FAILS).equals("block-all-sharing"),
    fix="set State to block-all-sharing",
    note="`block-new-sharing` fails: snapshots already shared stay public, and the Config "
    "rule requires blocking all public sharing. The setting is per account and Region: it is "
    "decided only where the app holds the `AWS::EC2::SnapshotBlockPublicAccess` resource.",
    remedy=Remedy(
        {"State": "block-all-sharing"},
        safe=False,
        breaks="Snapshots that are publicly shared today stop being publicly available: "
        "accounts that restore them lose access.",
        describe="`State: block-all-sharing` where it is `block-new-sharing`; the property is "
        "required, so this fix only acts under `overwrite`",
    ),
)


# --------------------------------------------------------------------------- EBS in templates


_EBS_DEFAULT = "the account's EBS encryption by default in the Region"
_EC2_3_FIX = "set Encrypted to true (on the volume, or on each BlockDeviceMappings[].Ebs)"


def _volume_encryption(ebs: View) -> Verdict:
    """Whether the EBS volume ``ebs`` describes (an `AWS::EC2::Volume`'s properties or a
    block device's `Ebs`) is encrypted: `Encrypted` decides; absent, a `KmsKeyId` means
    encrypted (EC2 refuses a key for an unencrypted volume); else a `SnapshotId` leaves it to
    the snapshot and the account, and nothing to the account's encryption by default.
    Raises :class:`Undecidable` for an undecided value."""
    path = f"{ebs.path}.Encrypted" if ebs.path else "Encrypted"
    flag = as_bool(ebs.get("Encrypted"))
    if flag is not None:
        return (
            Verdict.passed() if flag else Verdict.failed(path, ebs.shallow("Encrypted"), _EC2_3_FIX)
        )
    if ebs.has("KmsKeyId"):
        return Verdict.passed("KmsKeyId is set: a volume with a KMS key is encrypted")
    if ebs.has("SnapshotId"):
        raise Undecidable(
            path,
            "absent: the snapshot's encryption (a volume of an encrypted snapshot is "
            f"encrypted) and {_EBS_DEFAULT} decide",
            Kind.ACCOUNT_DEFAULT,
        )
    raise Undecidable(path, f"absent: {_EBS_DEFAULT} decides", Kind.ACCOUNT_DEFAULT)


def _mapped_volumes(view: View, path: str, judge: Callable[[View], Verdict]) -> Verdict | None:
    """``judge`` on the `Ebs` of each `BlockDeviceMappings` item at ``path`` (mappings
    without `Ebs`, instance store or `NoDevice`, are skipped): the first FAIL, else the first
    undecided item (raised), else PASS; ``None`` when no item has an `Ebs`."""
    undecided: Undecidable | None = None
    seen = False
    for item in view.items(path):
        try:
            ebs = item.at("Ebs")
            if ebs is None:
                continue
            seen = True
            verdict = judge(ebs)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if verdict.status is Status.FAIL:
            return verdict
    if undecided is not None:
        raise undecided
    return Verdict.passed() if seen else None


_MAPPINGS = {
    "AWS::EC2::Instance": "BlockDeviceMappings",
    "AWS::EC2::LaunchTemplate": "LaunchTemplateData.BlockDeviceMappings",
}


@rule(
    "EC2.3",
    "AWS::EC2::Volume",
    "AWS::EC2::Instance",
    "AWS::EC2::LaunchTemplate",
    fix=_EC2_3_FIX,
    remedy=Remedy(
        {"Encrypted": True},
        safe=False,
        breaks="Changing Encrypted replaces an existing volume: its data is lost unless "
        "restored from a snapshot. KMS requests for the key are billed.",
    ),
)
def volumes_are_encrypted(resource: Resource, ctx: RuleContext) -> Verdict:
    """The EBS volumes the template creates are encrypted: an `AWS::EC2::Volume`, and the
    `Ebs` of each `BlockDeviceMappings` item of an `AWS::EC2::Instance` (reported on the
    instance) or of an `AWS::EC2::LaunchTemplate`'s `LaunchTemplateData` (reported once on
    the launch template, for every instance and Auto Scaling group launched from it).
    `Encrypted` true passes and false fails. Absent, a `KmsKeyId` passes (CloudFormation and
    EC2 require `Encrypted` true when a key is given, so a volume that deploys with one is
    encrypted); otherwise it is UNKNOWN: the account's EBS encryption by default (EC2.7)
    decides, and for a volume of a `SnapshotId` the snapshot's encryption too. An instance
    or launch template without EBS mappings is not applicable: its volumes are its AMI's (or
    its launch template's, judged on the template). Decided from the template: the volumes
    and block device mappings it declares; needs the account: EBS encryption by default,
    snapshots, and the AMI's own block devices that no mapping names (its root volume,
    unless a mapping names the root device).
    """
    path = _MAPPINGS.get(resource.type)
    if path is None:
        return _volume_encryption(resource.props)
    verdict = _mapped_volumes(resource.props, path, _volume_encryption)
    if verdict is None:
        return Verdict.not_applicable(f"no {path} item has an Ebs volume")
    return verdict


def _encrypted_flag(ebs: View) -> Verdict:
    """`Encrypted` is true; absent fails (what EC2.181 and EC2.173 read)."""
    found = ebs.shallow("Encrypted")
    if as_bool(ebs.get("Encrypted")) is True:
        return Verdict.passed()
    reason = None if found is not None else "absent: the account's default decides"
    return Verdict(Status.FAIL, path=f"{ebs.path}.Encrypted", found=found, reason=reason)


@rule(
    "EC2.181",
    "AWS::EC2::LaunchTemplate",
    fix="set LaunchTemplateData.BlockDeviceMappings[].Ebs.Encrypted to true",
)
def launch_template_encrypts_ebs(template: Resource, ctx: RuleContext) -> Verdict:
    """Every item of `LaunchTemplateData.BlockDeviceMappings` that has an `Ebs` sets
    `Ebs.Encrypted` to true. Absent `Encrypted` fails (conservative: the account's EBS
    encryption by default would still encrypt, and the Config rule does not say how it reads
    an absent value). A template without EBS mappings passes: it configures no volume, as the
    Config rule reads it (the AMI's own mappings are not seen).
    """
    verdict = _mapped_volumes(
        template.props, "LaunchTemplateData.BlockDeviceMappings", _encrypted_flag
    )
    return verdict or Verdict.passed()


_SPOT_SPECS = "SpotFleetRequestConfigData.LaunchSpecifications"


@rule(
    "EC2.173",
    "AWS::EC2::SpotFleet",
    fix=f"set {_SPOT_SPECS}[].BlockDeviceMappings[].Ebs.Encrypted to true",
)
def spot_fleet_encrypts_ebs(fleet: Resource, ctx: RuleContext) -> Verdict:
    """Every launch specification (`SpotFleetRequestConfigData.LaunchSpecifications`) sets
    `Ebs.Encrypted` to true on each `BlockDeviceMappings` item that has an `Ebs` (absent fails,
    conservative). A fleet without launch specifications (launch templates only) is not
    applicable: the control reads requests with launch parameters.
    """
    specs = list(fleet.props.items(_SPOT_SPECS))
    if not specs:
        return Verdict.not_applicable("the request has no launch specifications")
    undecided: Undecidable | None = None
    for spec in specs:
        try:
            verdict = _mapped_volumes(spec, "BlockDeviceMappings", _encrypted_flag)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if verdict is not None and verdict.status is Status.FAIL:
            return verdict
    if undecided is not None:
        raise undecided
    return Verdict.passed()


# --------------------------------------------------------------------------- Site-to-Site VPN

_TUNNELS = "VpnTunnelOptionsSpecifications"


def _each_tunnel(connection: Resource, judge: Callable[[View], Verdict], default: str) -> Verdict:
    """Both tunnels of a VPN connection pass ``judge``; a tunnel not specified (fewer than
    two items) has the service defaults, which fail with ``default``."""
    tunnels = list(connection.props.items(_TUNNELS))
    undecided: Undecidable | None = None
    for tunnel in tunnels:
        try:
            verdict = judge(tunnel)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if verdict.status is Status.FAIL:
            return verdict
    if len(tunnels) < 2:
        return Verdict(
            Status.FAIL,
            path=_TUNNELS,
            found=connection.props.shallow(_TUNNELS),
            reason=f"{2 - len(tunnels)} of the 2 tunnels not specified: {default}",
        )
    if undecided is not None:
        raise undecided
    return Verdict.passed()


_LOG_ENABLED = prop("LogOptions.CloudwatchLogOptions.LogEnabled", absent=False).is_true()


@rule(
    "EC2.171",
    "AWS::EC2::VPNConnection",
    fix=f"give both items of {_TUNNELS} LogOptions.CloudwatchLogOptions with LogEnabled true "
    "and a LogGroupArn",
)
def vpn_tunnels_log(connection: Resource, ctx: RuleContext) -> Verdict:
    """Both tunnels log to CloudWatch Logs: `VpnTunnelOptionsSpecifications` has two items,
    each with `LogOptions.CloudwatchLogOptions.LogEnabled` true. A missing item or property
    means logging off, the service default.
    """
    return _each_tunnel(
        connection,
        lambda tunnel: _LOG_ENABLED.evaluate(tunnel, ctx.parameters),
        "tunnel logging is off by default",
    )


def _ikev2_only(tunnel: View) -> Verdict:
    path = f"{tunnel.path}.IKEVersions"
    versions = [item.get("Value") for item in tunnel.items("IKEVersions")]
    if versions and all(str(v).lower() == "ikev2" for v in versions):
        return Verdict.passed()
    if not versions:
        return Verdict(Status.FAIL, path=path, found=None, reason="absent means ikev1 and ikev2")
    return Verdict(Status.FAIL, path=path, found=versions)


@rule(
    "EC2.183",
    "AWS::EC2::VPNConnection",
    fix=f"set IKEVersions to [{{Value: ikev2}}] on both items of {_TUNNELS}",
)
def vpn_tunnels_use_ikev2(connection: Resource, ctx: RuleContext) -> Verdict:
    """Both tunnels allow IKEv2 only: `VpnTunnelOptionsSpecifications` has two items, each
    with `IKEVersions` holding only `ikev2`. A missing item or `IKEVersions` means the
    service default, `ikev1` and `ikev2`, which fails.
    """
    return _each_tunnel(connection, _ikev2_only, "both IKE versions are allowed by default")


# --------------------------------------------------------------------------- network ACLs

_ACL_ENTRY = "AWS::EC2::NetworkAclEntry"
_ASSOCIATION = "AWS::EC2::SubnetNetworkAclAssociation"


def _unresolved_associations(app: App) -> Undecidable | None:
    """The first subnet association of the app whose `NetworkAclId` points at no resource of
    the app (a parameter, an import): it may associate any network ACL."""
    for association in app.resources(_ASSOCIATION):
        marker = association.props.unresolved("NetworkAclId")
        if marker is not None and app.referenced(association.stack, marker) is None:
            return Undecidable.of(f"{association.logical_id}.NetworkAclId", marker)
    return None


@rule(
    "EC2.16",
    "AWS::EC2::NetworkAcl",
    fix="associate the network ACL with a subnet (AWS::EC2::SubnetNetworkAclAssociation), or "
    "remove it",
)
def network_acl_is_used(acl: Resource, ctx: RuleContext) -> Verdict:
    """An `AWS::EC2::SubnetNetworkAclAssociation` of the app has a `NetworkAclId` that refers
    to the network ACL. Without one the ACL fails; an association whose `NetworkAclId` is a
    parameter or an import makes it UNKNOWN. Associations made outside the app cannot be
    seen. A VPC's default network ACL is not a template resource.
    """
    for reference in ctx.app.referrers(acl, _ASSOCIATION):
        if reference.path == "NetworkAclId":
            return Verdict.passed()
    undecided = ctx.app.memo("EC2.16 associations", lambda: _unresolved_associations(ctx.app))
    if undecided is not None:
        raise undecided
    return Verdict(
        Status.FAIL,
        path="SubnetNetworkAclAssociation",
        found=None,
        reason="no subnet association in the app refers to it",
    )


_ADMIN_PORTS = (22, 3389)
_ACL_ALL = frozenset({"-1"})
_ACL_TCP_UDP = frozenset({"6", "17"})


def _entry_opens_admin_port(entry: Target, app: App) -> int | None:
    """The admin port an inbound allow entry opens to the internet, if any."""
    view = entry.props
    if as_bool(view.get("Egress")) is True:
        return None
    if str(view.get("RuleAction") or "").lower() != "allow":
        return None
    if not (
        _is_world(view, "CidrBlock", entry.stack, app)
        or _is_world(view, "Ipv6CidrBlock", entry.stack, app)
    ):
        return None
    protocol = str(view.get("Protocol")).strip()
    if protocol in _ACL_ALL:
        return _ADMIN_PORTS[0]
    if protocol not in _ACL_TCP_UDP:
        return None
    low, high = _port_range(view, "PortRange.From", "PortRange.To")
    return next((p for p in _ADMIN_PORTS if low <= p <= high), None)


@rule(
    "EC2.21",
    "AWS::EC2::NetworkAcl",
    fix="remove or narrow inbound allow entries from 0.0.0.0/0 or ::/0 that cover port 22 or 3389",
)
def network_acl_closes_admin_ports(acl: Resource, ctx: RuleContext) -> Verdict:
    """No inbound (`Egress` false or absent) `allow` entry of the network ACL (the app's
    `AWS::EC2::NetworkAclEntry` resources whose `NetworkAclId` refers to it) has
    `CidrBlock` `0.0.0.0/0` or `Ipv6CidrBlock` `::/0` and covers TCP or UDP port 22 or 3389:
    `Protocol` `-1` (every protocol), or `6`/`17` with a `PortRange` that includes one. Rule
    order is not read: a lower-numbered deny entry does not excuse an allow entry
    (conservative). An ACL without entries denies everything and passes. Any block of prefix
    length 0 is the internet (`10.0.0.0/0`, `0::0/0`), as EC2 stores it.
    """
    undecided: Undecidable | None = None
    for reference in ctx.app.referrers(acl, _ACL_ENTRY):
        if reference.path != "NetworkAclId":
            continue
        try:
            port = _entry_opens_admin_port(reference.source, ctx.app)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if port is not None:
            return Verdict(
                Status.FAIL,
                path=reference.logical_id,
                found=f"allow port {port} from the internet",
                reason="an inbound entry of this network ACL",
            )
    if undecided is not None:
        raise undecided
    return Verdict.passed()


# --------------------------------------------------------------------------- VPC endpoints

_ENDPOINT = "AWS::EC2::VPCEndpoint"


def _service_name_pattern(value: Any) -> str | None:
    """The text of an endpoint's `ServiceName`, with `*` for parts known only at deploy
    time (``Fn::Join`` of the Region, say); ``None`` when nothing can be read."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((fn, arg),) = value.items()
        if fn == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
            sep, parts = arg
            if isinstance(sep, str) and isinstance(parts, list):
                return sep.join(p if isinstance(p, str) else "*" for p in parts)
        if fn == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(text, str):
                return re.sub(r"\$\{[^}]*\}", "*", text)
    return None


def _endpoint_service(endpoint: Target) -> str | None:
    try:
        name = endpoint.props.get("ServiceName")
    except Undecidable:
        marker = endpoint.props.unresolved("ServiceName")
        name = _service_name_pattern(marker.expr if marker is not None else None)
        if name is None:
            raise
    return name if isinstance(name, str) else None


def _endpoint_control(control_id: str, service: str, label: str) -> None:
    pattern = re.compile(rf"^(?:cn\.)?com\.amazonaws\.(?:\*|[a-z0-9-]+)\.{re.escape(service)}$")
    fix = (
        f"add an AWS::EC2::VPCEndpoint with VpcId the VPC's Ref and ServiceName "
        f"com.amazonaws.<region>.{service}"
    )

    def check(vpc: Resource, ctx: RuleContext) -> Verdict:
        undecided: Undecidable | None = None
        for reference in ctx.app.referrers(vpc, _ENDPOINT):
            if reference.path != "VpcId":
                continue
            try:
                name = _endpoint_service(reference.source)
            except Undecidable as error:
                undecided = undecided or error
                continue
            if name is not None and pattern.match(name):
                return Verdict.passed()
        if undecided is not None:
            raise undecided
        return Verdict(
            Status.FAIL,
            path="VPCEndpoint",
            found=None,
            reason=f"no AWS::EC2::VPCEndpoint in the app gives this VPC {label}",
        )

    check.__name__ = f"vpc_has_{service.replace('.', '_').replace('-', '_')}_endpoint"
    check.__doc__ = (
        f"An `AWS::EC2::VPCEndpoint` of the app has a `VpcId` that refers to the VPC and a "
        f"`ServiceName` `com.amazonaws.<region>.{service}` ({label}; the Region may be "
        "`AWS::Region`, as CDK writes it). Decidable only where the app holds the VPC: "
        "endpoints created outside the app cannot be seen, so a VPC without one fails. An "
        "endpoint whose service name the template cannot read is UNKNOWN."
    )
    rule(control_id, "AWS::EC2::VPC", fix=fix)(check)


#: The interface endpoints FSBP asks every VPC for: control -> (service, what it reaches).
INTERFACE_ENDPOINTS: dict[str, tuple[str, str]] = {
    "EC2.10": ("ec2", "the Amazon EC2 API"),
    "EC2.55": ("ecr.api", "the Amazon ECR API"),
    "EC2.56": ("ecr.dkr", "the Docker registry of Amazon ECR"),
    "EC2.57": ("ssm", "AWS Systems Manager"),
    "EC2.58": ("ssm-contacts", "Systems Manager Incident Manager Contacts"),
    "EC2.60": ("ssm-incidents", "Systems Manager Incident Manager"),
}
for _control_id, (_service, _label) in INTERFACE_ENDPOINTS.items():
    _endpoint_control(_control_id, _service, _label)
