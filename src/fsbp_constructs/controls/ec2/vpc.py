"""VPCs, subnets, interfaces and gateways: EC2.6, EC2.10, EC2.15, EC2.23, EC2.55-EC2.58,
EC2.60, EC2.172, EC2.180."""

from __future__ import annotations

import re
from typing import Any

from ...engine.checks import FAILS, all_of, control, param, prop
from ...engine.model import Resource, Target
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
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
    undecided = Undecided()
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
            undecided.keep(error)
            continue
        if traffic in ("ALL", wanted):
            return Verdict.passed()
        seen.append(f"{reference.logical_id} records {traffic!r}")
    undecided.reraise()
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


control(
    "EC2.15",
    "AWS::EC2::Subnet",
    check=prop("MapPublicIpOnLaunch", absent=False).is_false(),
    fix="set MapPublicIpOnLaunch to false",
    note="CloudFormation creates subnets with `MapPublicIpOnLaunch` false; public subnets of "
    "L2 VPCs set it to true. Decided from the template: the subnets it declares; needs the "
    "account: the default VPC's default subnets, which map public IPs and are no template's.",
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
        undecided = Undecided()
        for reference in ctx.app.referrers(vpc, _ENDPOINT):
            if reference.path != "VpcId":
                continue
            try:
                name = _endpoint_service(reference.source)
            except Undecidable as error:
                undecided.keep(error)
                continue
            if name is not None and pattern.match(name):
                return Verdict.passed()
        undecided.reraise()
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
