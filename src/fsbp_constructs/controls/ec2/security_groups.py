"""Security groups: EC2.18, EC2.19."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ...engine.cidr import WORLD_V4, WORLD_V6
from ...engine.model import App, Resource, Stack
from ...engine.registry import Parameter, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, View
from ._shared import ALL_PORTS, ALL_PROTOCOLS, TCP, UDP, port_range, protocol_of, source_is_world


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
        ports = "every port" if self.ports == ALL_PORTS else _ports_text(self.ports)
        if self.protocol in ALL_PROTOCOLS:
            return f"every protocol and port from {self.source}"
        return f"{self.protocol} {ports} from {self.source}"


def _ports_text(ports: tuple[int, int]) -> str:
    low, high = ports
    return f"port {low}" if low == high else f"ports {low}-{high}"


def _opening(rule_view: View, where: str, stack: Stack, app: App) -> _Opening | None:
    """The rule as an :class:`_Opening` when its source is the whole IPv4 or IPv6 internet
    (`0.0.0.0/0`, `::/0`, or any spelling with prefix length 0); ``None`` for any other source
    (a CIDR, a security group, a prefix list)."""
    if source_is_world(rule_view, "CidrIp", stack, app):
        source = WORLD_V4
    elif source_is_world(rule_view, "CidrIpv6", stack, app):
        source = WORLD_V6
    else:
        return None
    protocol = protocol_of(rule_view, "IpProtocol")
    if protocol in ALL_PROTOCOLS:
        return _Opening(where, protocol, ALL_PORTS, source)
    if protocol in TCP | UDP:
        name = "tcp" if protocol in TCP else "udp"
        return _Opening(where, name, port_range(rule_view, "FromPort", "ToPort"), source)
    return _Opening(where, protocol, ALL_PORTS, source)


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


def _openings(group: Resource, ctx: RuleContext) -> tuple[list[_Opening], Undecided]:
    """The group's ingress rules open to the internet, and the first rule the template
    cannot decide (its source, protocol or ports)."""
    found: list[_Opening] = []
    undecided = Undecided()
    rules = _ingress_rules(group, ctx)
    while True:
        try:
            where, view, stack = next(rules)
        except StopIteration:
            break
        except Undecidable as error:
            undecided.keep(error)
            break
        try:
            opening = _opening(view, where, stack, ctx.app)
        except Undecidable as error:
            undecided.keep(error)
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
    undecided.reraise()
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
        if opening.protocol not in ALL_PROTOCOLS and opening.protocol != "tcp":
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
    undecided.reraise()
    return Verdict.passed()
