"""Amazon EMR: EMR.3, EMR.4."""

from __future__ import annotations

import json

from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.values import Undecidable, View, as_bool

_ENCRYPTION = "SecurityConfiguration.EncryptionConfiguration"


def _encryption(config: Resource) -> View:
    """The `EncryptionConfiguration` of the security configuration, which CloudFormation
    accepts as a JSON object or as a JSON string; values inside that the template cannot
    decide (a key ARN) stay unread until asked for."""
    document = config.props.shallow("SecurityConfiguration")
    if isinstance(document, str):
        try:
            parsed = json.loads(document)
        except ValueError:
            raise Undecidable(
                "SecurityConfiguration", "a SecurityConfiguration string that is not JSON"
            ) from None
        inner = parsed.get("EncryptionConfiguration") if isinstance(parsed, dict) else None
        return View(inner if isinstance(inner, dict) else {}, _ENCRYPTION)
    found = config.props.at(_ENCRYPTION) if isinstance(document, dict) else None
    return found if found is not None else View({}, _ENCRYPTION)


def _flag(config: Resource, name: str, fix: str) -> Verdict:
    path = f"{_ENCRYPTION}.{name}"
    value = _encryption(config).get(name)
    if value is None:
        return Verdict(Status.FAIL, path=path, fix=fix, reason="absent means false")
    flag = as_bool(value)
    if flag is None:
        raise Undecidable(path, f"a value that is not a boolean ({value!r})")
    return Verdict.passed() if flag else Verdict.failed(path, value, fix)


_REST_FIX = (
    "set SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption to true, with "
    "AtRestEncryptionConfiguration (S3 and local disk encryption)"
)
_TRANSIT_FIX = (
    "set SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption to true, "
    "with InTransitEncryptionConfiguration (TLS certificates)"
)


@rule("EMR.3", "AWS::EMR::SecurityConfiguration", fix=_REST_FIX)
def security_configuration_encrypts_at_rest(config: Resource, ctx: RuleContext) -> Verdict:
    """`SecurityConfiguration.EncryptionConfiguration.EnableAtRestEncryption` is true; absent
    means false. The document may be a JSON object or a JSON string.

    Code, not a declaration: CloudFormation also accepts the document as a JSON string.
    """
    return _flag(config, "EnableAtRestEncryption", _REST_FIX)


@rule("EMR.4", "AWS::EMR::SecurityConfiguration", fix=_TRANSIT_FIX)
def security_configuration_encrypts_in_transit(config: Resource, ctx: RuleContext) -> Verdict:
    """`SecurityConfiguration.EncryptionConfiguration.EnableInTransitEncryption` is true;
    absent means false. The document may be a JSON object or a JSON string.

    Code, not a declaration: CloudFormation also accepts the document as a JSON string.
    """
    return _flag(config, "EnableInTransitEncryption", _TRANSIT_FIX)
