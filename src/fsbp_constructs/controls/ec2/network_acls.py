"""Network ACLs: EC2.16, EC2.21."""

from __future__ import annotations

from ...engine.model import App, Resource, Target
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, as_bool
from ._shared import port_range, source_is_world

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
        source_is_world(view, "CidrBlock", entry.stack, app)
        or source_is_world(view, "Ipv6CidrBlock", entry.stack, app)
    ):
        return None
    protocol = str(view.get("Protocol")).strip()
    if protocol in _ACL_ALL:
        return _ADMIN_PORTS[0]
    if protocol not in _ACL_TCP_UDP:
        return None
    low, high = port_range(view, "PortRange.From", "PortRange.To")
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
    undecided = Undecided()
    for reference in ctx.app.referrers(acl, _ACL_ENTRY):
        if reference.path != "NetworkAclId":
            continue
        try:
            port = _entry_opens_admin_port(reference.source, ctx.app)
        except Undecidable as error:
            undecided.keep(error)
            continue
        if port is not None:
            return Verdict(
                Status.FAIL,
                path=reference.logical_id,
                found=f"allow port {port} from the internet",
                reason="an inbound entry of this network ACL",
            )
    undecided.reraise()
    return Verdict.passed()
