"""AWS Transfer Family: Transfer.2, Transfer.3."""

from __future__ import annotations

from ...engine.checks import control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule

control(
    "Transfer.2",
    "AWS::Transfer::Server",
    check=prop("Protocols", absent=["SFTP"]).excludes("FTP"),
    fix="remove FTP from Protocols (use SFTP or FTPS)",
    note="FTPS and AS2 pass; only plain FTP fails. No remedy: absent (SFTP) already passes; "
    "what fails is an explicit choice of FTP.",
)

_LOGGING_FIX = (
    "set LoggingRole to the ARN of a role that lets Transfer Family write to CloudWatch Logs"
)


@rule("Transfer.3", "AWS::Transfer::Connector", fix=_LOGGING_FIX)
def connector_logs(connector: Resource, ctx: RuleContext) -> Verdict:
    """`LoggingRole` is set; absent means the connector writes no logs. Only its presence
    counts: a role ARN known only at deploy time (a `Fn::GetAtt`) passes. No remedy: a role
    that lets Transfer Family write to CloudWatch Logs must be chosen.

    Code, not a declaration: `prop(...).present()` reads the value, so a deploy-time ARN
    would make it UNKNOWN; this reads presence only (`View.has`).
    """
    if connector.props.has("LoggingRole"):
        return Verdict.passed()
    return Verdict(Status.FAIL, path="LoggingRole", fix=_LOGGING_FIX, reason="absent: no logs")
