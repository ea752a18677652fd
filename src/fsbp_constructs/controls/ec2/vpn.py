"""Client VPN and Site-to-Site VPN: EC2.51, EC2.171, EC2.183."""

from __future__ import annotations

from collections.abc import Callable

from ...engine.checks import FAILS, control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, View

control(
    "EC2.51",
    "AWS::EC2::ClientVpnEndpoint",
    check=prop("ConnectionLogOptions.Enabled", absent=FAILS).is_true(),
    fix="set ConnectionLogOptions.Enabled to true with a CloudwatchLogGroup",
    note="`ConnectionLogOptions` is required by CloudFormation; logging also needs a log "
    "group, so no single property fixes the control.",
)


# --------------------------------------------------------------------------- Site-to-Site VPN

_TUNNELS = "VpnTunnelOptionsSpecifications"


def _each_tunnel(connection: Resource, judge: Callable[[View], Verdict], default: str) -> Verdict:
    """Both tunnels of a VPN connection pass ``judge``; a tunnel not specified (fewer than
    two items) has the service defaults, which fail with ``default``."""
    tunnels = list(connection.props.items(_TUNNELS))
    undecided = Undecided()
    for tunnel in tunnels:
        try:
            verdict = judge(tunnel)
        except Undecidable as error:
            undecided.keep(error)
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
    undecided.reraise()
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
