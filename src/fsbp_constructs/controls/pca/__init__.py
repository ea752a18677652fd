"""AWS Private CA: PCA.1."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule

_ACTIVATION = "AWS::ACMPCA::CertificateAuthorityActivation"
_FIX = (
    "once the root CA has signed its subordinate CAs, set Status to DISABLED on its "
    "AWS::ACMPCA::CertificateAuthorityActivation"
)


@rule("PCA.1", "AWS::ACMPCA::CertificateAuthority", fix=_FIX)
def root_ca_is_disabled(ca: Resource, ctx: RuleContext) -> Verdict:
    """A root CA (`Type: ROOT`) is disabled: an `AWS::ACMPCA::CertificateAuthorityActivation`
    of the app points at it (`CertificateAuthorityArn` by `Ref` or `Fn::GetAtt`) with
    `Status: DISABLED`. Without an activation the CA stays `PENDING_CERTIFICATE`, and an
    activation's `Status` defaults to `ACTIVE`: both fail (the Config rule accepts only
    `DISABLED`). Subordinate CAs are not applicable.
    """
    if ca.props.get("Type") != "ROOT":
        return Verdict.not_applicable("a subordinate CA (only root CAs are evaluated)")
    activations = [
        ref.source
        for ref in ctx.app.referrers(ca, _ACTIVATION)
        if ref.path == "CertificateAuthorityArn"
    ]
    if not activations:
        return Verdict.failed(f"({_ACTIVATION})", None)
    for activation in activations:
        status = activation.props.get("Status")
        if (status or "ACTIVE") != "DISABLED":
            return Verdict.failed(f"({activation.logical_id}).Status", status)
    return Verdict.passed()
