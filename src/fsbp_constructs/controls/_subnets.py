"""Subnets and their Availability Zones, for the controls that count zones (ELB.13, ELB.10,
AutoScaling.2, Lambda.5) and any other that asks where a subnet lies."""

from __future__ import annotations

import json
from typing import Any

from ..engine.model import Resource, Target
from ..engine.registry import RuleContext
from ..engine.values import Undecidable, Unresolved

__all__ = ["BY_ID", "BY_INDEX", "BY_NAME", "subnet_zone", "zone_of_subnet"]


def _literal_index(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _get_azs_index(marker: Any) -> int | None:
    """The literal ``n`` of ``Fn::Select [n, Fn::GetAZs ...]`` (an undecided AZ), else None;
    raises :class:`Undecidable` when ``n`` is not a literal."""
    expr = marker.expr if isinstance(marker, Unresolved) else None
    if not isinstance(expr, dict) or list(expr) != ["Fn::Select"]:
        return None
    arg = expr["Fn::Select"]
    if not isinstance(arg, list) or len(arg) != 2:
        return None
    index, options = arg
    if not isinstance(options, dict) or list(options) != ["Fn::GetAZs"]:
        return None
    literal = _literal_index(index)
    if literal is None:
        raise Undecidable(
            "AvailabilityZone",
            f"an Fn::Select index that is not a literal number ({json.dumps(index)}), so two "
            "such subnets may pick the same Availability Zone",
        )
    return literal


#: How a subnet's zone is named: by AZ name, by AZ id, or as the n-th AZ of the Region
#: (``Fn::GetAZs``). Within one kind, distinct values are distinct zones; across kinds, two
#: values may be the same zone.
BY_NAME, BY_ID, BY_INDEX = "name", "id", "index"


def subnet_zone(subnet: Target) -> tuple[str, str]:
    """``(kind, zone)`` of a subnet; raises :class:`Undecidable` when the template cannot say."""
    props = subnet.props
    if props.has("AvailabilityZone"):
        try:
            return BY_NAME, str(props.get("AvailabilityZone"))
        except Undecidable:
            # Fn::Select [n, Fn::GetAZs ""] with a literal n: distinct n, distinct AZs.
            index = _get_azs_index(props.shallow().get("AvailabilityZone"))
            if index is None:
                raise
            return BY_INDEX, f"AZ #{index} of the Region"
    if props.has("AvailabilityZoneId"):
        return BY_ID, str(props.get("AvailabilityZoneId"))
    raise Undecidable(
        "AvailabilityZone", "the Availability Zone AWS picks, as the subnet sets none"
    )


def zone_of_subnet(resource: Resource, ctx: RuleContext, subnet: Any, path: str) -> tuple[str, str]:
    """``(kind, zone)`` of a subnet a resource names (see :func:`subnet_zone`); raises
    :class:`Undecidable` when the subnet is not an ``AWS::EC2::Subnet`` of the app."""
    target = ctx.app.referenced(resource.stack, subnet)
    if target is None:
        what = subnet.reason if isinstance(subnet, Unresolved) else json.dumps(subnet)
        raise Undecidable(path, f"a subnet the app does not declare ({what})")
    if target.type != "AWS::EC2::Subnet":
        raise Undecidable(path, f"{target.logical_id} is not an AWS::EC2::Subnet")
    return subnet_zone(target)
