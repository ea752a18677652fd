"""Readers the EC2 modules share: protocols and port ranges of rules, and "is this
source the whole internet?" (security groups, network ACLs)."""

from __future__ import annotations

from typing import Any

from ...engine.cidr import is_world
from ...engine.model import App, Stack
from ...engine.values import Undecidable, View

# --------------------------------------------------------------------------- shared readers

#: ``IpProtocol`` spellings: names and IANA numbers (CloudFormation accepts both).
TCP = frozenset({"tcp", "6"})
UDP = frozenset({"udp", "17"})
ALL_PROTOCOLS = frozenset({"-1", "all"})
ALL_PORTS = (0, 65535)


def protocol_of(view: View, path: str) -> str:
    """A protocol in lower case (``-1`` for every protocol); raises :class:`Undecidable`."""
    value = view.get(path)
    if value is None:
        return "-1"
    return str(value).strip().lower()


def port_range(view: View, low: str, high: str) -> tuple[int, int]:
    """The inclusive port range of a rule; absent or ``-1`` bounds mean every port."""
    first, last = view.get(low), view.get(high)
    try:
        start = ALL_PORTS[0] if first in (None, -1, "-1") else int(first)
        end = ALL_PORTS[1] if last in (None, -1, "-1") else int(last)
    except (TypeError, ValueError):
        raise Undecidable(
            view.path or low, f"a port that is not a number ({first!r}, {last!r})"
        ) from None
    return start, end


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


def source_is_world(rule_view: View, name: str, stack: Stack, app: App) -> bool:
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
