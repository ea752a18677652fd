"""Elastic Load Balancing: :class:`SecureApplicationLoadBalancer`,
:class:`SecureNetworkLoadBalancer`.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = [
    "MIN_AVAILABILITY_ZONES",
    "RECOMMENDED_SSL_POLICY",
    "SecureApplicationLoadBalancer",
    "SecureNetworkLoadBalancer",
    "secure_application_load_balancer_defaults",
    "secure_network_load_balancer_defaults",
]

#: Fewest distinct Availability Zones a load balancer's subnets must span (ELB.13).
MIN_AVAILABILITY_ZONES = 2
#: The TLS policy given to HTTPS listeners that name none (ELB.17): ``SslPolicy.RECOMMENDED_TLS``.
RECOMMENDED_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def secure_application_load_balancer_defaults() -> dict[str, Any]:
    """The props :class:`SecureApplicationLoadBalancer` sets unless the caller gives them."""
    return {
        # ELB.12: requests that could be used for HTTP desync are mitigated.
        "desync_mitigation_mode": elbv2.DesyncMitigationMode.DEFENSIVE,
        # ELB.4: headers with invalid field names are removed before reaching targets.
        "drop_invalid_header_fields": True,
        # ELB.6: the load balancer cannot be deleted until this is turned off.
        "deletion_protection": True,
    }


def secure_network_load_balancer_defaults() -> dict[str, Any]:
    """The props :class:`SecureNetworkLoadBalancer` sets unless the caller gives them."""
    return {
        # ELB.6: the load balancer cannot be deleted until this is turned off.
        "deletion_protection": True,
    }


_SELECTION_FIELDS = tuple(inspect.signature(ec2.SubnetSelection).parameters)


def _subnet_zones(props: Mapping[str, Any]) -> list[str] | None:
    """The AZs of the subnets the load balancer will use, ``None`` when not known at synth.

    Follows the L2's choice: ``subnet_mappings`` if given, else ``vpc_subnets``, else the public
    subnets for an internet-facing load balancer and the VPC's default selection otherwise.
    """
    vpc: ec2.IVpc = props["vpc"]
    try:
        mappings: Sequence[elbv2.SubnetMapping] | None = props.get("subnet_mappings")
        if mappings:
            zones = [m.subnet.availability_zone for m in mappings]
        else:
            selection = props.get("vpc_subnets")
            if selection is None:
                public = props.get("internet_facing")
                selection = {"subnet_type": ec2.SubnetType.PUBLIC} if public else {}
            elif not isinstance(selection, Mapping):  # a SubnetSelection struct
                selection = {name: getattr(selection, name) for name in _SELECTION_FIELDS}
            zones = list(vpc.select_subnets(**selection).availability_zones)
    except RuntimeError:
        # An imported subnet without its AZ (Subnet.from_subnet_id): FsbpChecks decides.
        return None
    if any(cdk.Token.is_unresolved(zone) for zone in zones):
        return None  # Region-agnostic stack or imported values: FsbpChecks decides.
    return zones


def _require_availability_zones(kind: str, props: Mapping[str, Any]) -> None:
    zones = _subnet_zones(props)
    if zones is not None and len(set(zones)) < MIN_AVAILABILITY_ZONES:
        raise ValueError(
            f"the {kind} would have subnets in {len(set(zones))} Availability Zone(s) "
            f"{sorted(set(zones))}, and needs at least {MIN_AVAILABILITY_ZONES} (FSBP ELB.13) "
            "to keep serving when one zone fails; choose subnets in more zones with "
            "vpc_subnets, or give the VPC more (ec2.Vpc(..., max_azs=2))"
        )


@jsii.implements(cdk.IAspect)
class _ListenerDefaults:
    """Fills what the listeners and target groups under the load balancer leave unset."""

    def visit(self, node: Any) -> None:
        # ELB.17: an HTTPS listener without a policy gets a TLS 1.3 one (TLS 1.2 minimum).
        if (
            isinstance(node, elbv2.CfnListener)
            and node.protocol == "HTTPS"
            and _unset(node, node.ssl_policy)
        ):
            node.ssl_policy = RECOMMENDED_SSL_POLICY
        # ELB.21: targets that serve HTTPS are health-checked over HTTPS.
        if (
            isinstance(node, elbv2.CfnTargetGroup)
            and node.protocol == "HTTPS"
            and _unset(node, node.health_check_protocol)
        ):
            node.health_check_protocol = "HTTPS"


def _unset(node: Any, value: Any) -> bool:
    return value is None or cdk.Stack.of(node).resolve(value) is None


class SecureApplicationLoadBalancer(elbv2.ApplicationLoadBalancer):
    """An Application Load Balancer with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_elasticloadbalancingv2.ApplicationLoadBalancer`;
    these defaults differ:

    - ``desync_mitigation_mode``: ``DesyncMitigationMode.DEFENSIVE`` (ELB.12); ``STRICTEST``
      also satisfies it and blocks every non-RFC-compliant request.
    - ``drop_invalid_header_fields``: ``True`` (ELB.4).
    - ``deletion_protection``: ``True`` (ELB.6). Deleting the stack then fails until it is
      turned off; give ``deletion_protection=False`` for short-lived environments (the pack
      does not check ELB.6).

    For the listeners and target groups made through it (``add_listener``, then
    ``add_targets``), at synth and only where they set nothing:

    - an HTTPS listener's ``ssl_policy``: ``SslPolicy.RECOMMENDED_TLS``
      (``ELBSecurityPolicy-TLS13-1-2-2021-06``, ELB.17). Costs nothing; clients that only
      speak TLS 1.0 or 1.1 can no longer connect. Opt out: give ``ssl_policy`` (and
      acknowledge ``FSBP::FSBP-ELB.17`` with a reason).
    - an HTTPS target group's health check ``protocol``: ``Protocol.HTTPS`` (ELB.21). Costs
      nothing: the targets already serve TLS on the traffic port. Opt out: give
      ``health_check=elbv2.HealthCheck(protocol=...)`` (and acknowledge ``FSBP::FSBP-ELB.21``).

    Target groups that forward plain HTTP fail ELB.21 (and ELB.22) until the targets serve
    TLS: that needs the application's certificate, so it is not defaulted; acknowledge both
    where TLS ends at the load balancer.

    Subnets in fewer than two Availability Zones raise ``ValueError`` at construction (ELB.13),
    when the zones are known at synth (a VPC in the app, or imported with its zones); with
    unknown zones ``FsbpChecks`` decides.

    Not defaulted, because they need other resources or a choice:

    - access logs (ELB.5): ``alb.log_access_logs(bucket)`` with a bucket in the same Region;
    - HTTP to HTTPS redirection (ELB.1): ``alb.add_redirect()`` next to an HTTPS listener.

    Example::

        alb = SecureApplicationLoadBalancer(stack, "Alb", vpc=vpc, internet_facing=True)
    """

    @same_props_as(elbv2.ApplicationLoadBalancer)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        if props.get("vpc") is not None:
            _require_availability_zones("Application Load Balancer", props)
        super().__init__(
            scope, id, **merge_defaults(secure_application_load_balancer_defaults(), props)
        )
        cdk.Aspects.of(self).add(_ListenerDefaults())


class SecureNetworkLoadBalancer(elbv2.NetworkLoadBalancer):
    """A Network Load Balancer with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_elasticloadbalancingv2.NetworkLoadBalancer`;
    this default differs:

    - ``deletion_protection``: ``True`` (ELB.6); see :class:`SecureApplicationLoadBalancer`.

    Subnets (``vpc_subnets`` or ``subnet_mappings``) in fewer than two Availability Zones raise
    ``ValueError`` at construction (ELB.13), when the zones are known at synth.

    Example::

        nlb = SecureNetworkLoadBalancer(stack, "Nlb", vpc=vpc)
    """

    @same_props_as(elbv2.NetworkLoadBalancer)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        if props.get("vpc") is not None:
            _require_availability_zones("Network Load Balancer", props)
        super().__init__(
            scope, id, **merge_defaults(secure_network_load_balancer_defaults(), props)
        )
