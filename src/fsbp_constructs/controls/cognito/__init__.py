"""Amazon Cognito: Cognito.1 to Cognito.6."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, prop
from ...engine.model import Resource
from ...engine.registry import (
    Parameter,
    Remedy,
    RuleContext,
    Status,
    Verdict,
    rule,
    whole_number,
)
from ...engine.values import Undecidable, as_bool

control(
    "Cognito.2",
    "AWS::Cognito::IdentityPool",
    check=prop("AllowUnauthenticatedIdentities", absent=FAILS).is_false(),
    fix="set AllowUnauthenticatedIdentities to false",
    note="CloudFormation requires the property, so a pool without it cannot be created; it "
    "is flagged rather than guessed.",
)

control(
    "Cognito.6",
    "AWS::Cognito::UserPool",
    check=prop("DeletionProtection", absent="INACTIVE").equals("ACTIVE"),
    fix="set DeletionProtection to ACTIVE",
    note="User pools are created without deletion protection unless asked.",
    remedy=Remedy(
        {"DeletionProtection": "ACTIVE"},
        safe=False,
        breaks="Deleting the stack, or any update that replaces the user pool, fails until "
        "deletion protection is set to INACTIVE again.",
    ),
)


# --------------------------------------------------------------------------- Cognito.1, .4

_MODES = ("AUDIT", "ENFORCED")


def _security_mode(value: object) -> str:
    if value not in _MODES:
        raise ValueError(f"must be one of {', '.join(_MODES)}, not {value!r}")
    return str(value)


_STANDARD_FIX = (
    "set UserPoolAddOns.AdvancedSecurityMode to ENFORCED (threat protection needs "
    "UserPoolTier PLUS)"
)


@rule(
    "Cognito.1",
    "AWS::Cognito::UserPool",
    parameters=[
        Parameter(
            "SecurityMode",
            default="ENFORCED",
            description="The threat protection mode required for standard authentication: "
            "ENFORCED (full function), or AUDIT (audit only or full function passes).",
            parse=_security_mode,
        )
    ],
    fix=_STANDARD_FIX,
    remedy=Remedy(
        {"UserPoolAddOns.AdvancedSecurityMode": "ENFORCED"},
        safe=False,
        breaks="Threat protection is a feature of the Plus tier (UserPoolTier PLUS), billed "
        "per monthly active user; in full-function mode risky sign-ins are blocked or "
        "challenged with MFA according to the pool's risk configuration.",
    ),
)
def user_pool_enforces_threat_protection(pool: Resource, ctx: RuleContext) -> Verdict:
    """`UserPoolAddOns.AdvancedSecurityMode` is `ENFORCED` (full function) for standard
    authentication; with the `SecurityMode` parameter `AUDIT`, `AUDIT` passes too. Absent
    means `OFF`. The Plus tier that threat protection needs (`UserPoolTier`) is not checked
    here: CloudFormation refuses the mode without it.
    """
    mode = pool.props.get("UserPoolAddOns.AdvancedSecurityMode")
    wanted = ("ENFORCED",) if ctx.param("SecurityMode") == "ENFORCED" else _MODES
    if mode in wanted:
        return Verdict.passed()
    found = mode if mode is not None else None
    return Verdict(
        Status.FAIL,
        path="UserPoolAddOns.AdvancedSecurityMode",
        found=found,
        fix=_STANDARD_FIX,
        reason="absent means 'OFF'" if mode is None else None,
    )


control(
    "Cognito.4",
    "AWS::Cognito::UserPool",
    check=all_of(
        prop("UserPoolAddOns.AdvancedSecurityMode", absent="OFF").one_of("AUDIT", "ENFORCED"),
        prop(
            "UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode", absent="AUDIT"
        ).equals("ENFORCED"),
    ),
    fix="set UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode to ENFORCED, with "
    "threat protection on (UserPoolAddOns.AdvancedSecurityMode AUDIT or ENFORCED; it needs "
    "UserPoolTier PLUS)",
    note="Custom authentication is protected only while threat protection is on: "
    "`CustomAuthMode` with `AdvancedSecurityMode` `OFF` (or absent) fails. Standard "
    "authentication's mode is Cognito.1's. An absent `CustomAuthMode` is read as audit only "
    "(open question: conservative verdict). Every user pool is evaluated, whether or not it "
    "uses custom authentication flows.",
)


# --------------------------------------------------------------------------- Cognito.3

_POLICY = "Policies.PasswordPolicy"
_FLAGS = (
    ("requireLowercase", "RequireLowercase", "a lowercase letter"),
    ("requireUppercase", "RequireUppercase", "an uppercase letter"),
    ("requireNumbers", "RequireNumbers", "a number"),
    ("requireSymbols", "RequireSymbols", "a symbol"),
)


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"must be true or false, not {value!r}")


_PASSWORD_FIX = (
    "set Policies.PasswordPolicy with MinimumLength of at least 8, RequireLowercase, "
    "RequireUppercase, RequireNumbers and RequireSymbols true, and "
    "TemporaryPasswordValidityDays of at most 7 (or leave out Policies.PasswordPolicy for "
    "Cognito's default, which meets them)"
)


@rule(
    "Cognito.3",
    "AWS::Cognito::UserPool",
    parameters=[
        Parameter(
            "minLength",
            default=8,
            description="The least number of characters a password must have.",
            parse=whole_number(8, 128, "characters"),
        ),
        *(
            Parameter(name, default=True, description=f"Require {what}.", parse=_flag)
            for name, _key, what in _FLAGS
        ),
        Parameter(
            "temporaryPasswordValidity",
            default=7,
            description="The most days a temporary password may stay valid.",
            parse=whole_number(7, 365, "days"),
        ),
    ],
    fix=_PASSWORD_FIX,
)
def user_pool_password_policy_is_strong(pool: Resource, ctx: RuleContext) -> Verdict:
    """`Policies.PasswordPolicy` has `MinimumLength` of at least `minLength` (8),
    `RequireLowercase`, `RequireUppercase`, `RequireNumbers` and `RequireSymbols` true (each
    unless its parameter is false), and `TemporaryPasswordValidityDays` of at most
    `temporaryPasswordValidity` (7). Without `Policies.PasswordPolicy`, Cognito's default
    policy applies (8 characters, every character class, 7 days): it passes. Within a given
    policy, an absent `Require...` is false (the API's reading of an omitted boolean), an
    absent `MinimumLength` is 8 and an absent `TemporaryPasswordValidityDays` is 7. The
    parameters' ranges and defaults are Security Hub's (checked 2026-11-30: `minLength` 8 to
    128, default 8; the four flags true or false, default true; `temporaryPasswordValidity` 7
    to 365, default 7), narrower than the Config rule's (5 to 128, 1 to 365).
    """
    if not pool.props.has(_POLICY):
        return Verdict.passed("no password policy: Cognito's default policy")
    length = pool.props.get(f"{_POLICY}.MinimumLength")
    length = 8 if length is None else length
    if _number(length, f"{_POLICY}.MinimumLength") < ctx.param("minLength"):
        return Verdict.failed(f"{_POLICY}.MinimumLength", length)
    for name, key, _what in _FLAGS:
        if not ctx.param(name):
            continue
        value = pool.props.get(f"{_POLICY}.{key}")
        flag = as_bool(value) if value is not None else False
        if flag is None:
            raise Undecidable(f"{_POLICY}.{key}", f"a value that is not a boolean ({value!r})")
        if not flag:
            return Verdict.failed(f"{_POLICY}.{key}", value)
    days = pool.props.get(f"{_POLICY}.TemporaryPasswordValidityDays")
    days = 7 if days in (None, 0, "0") else days
    if _number(days, f"{_POLICY}.TemporaryPasswordValidityDays") > ctx.param(
        "temporaryPasswordValidity"
    ):
        return Verdict.failed(f"{_POLICY}.TemporaryPasswordValidityDays", days)
    return Verdict.passed()


def _number(value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Undecidable(path, f"a value that is not a number ({value!r})")
    try:
        return float(value)
    except ValueError:
        raise Undecidable(path, f"a value that is not a number ({value!r})") from None


# --------------------------------------------------------------------------- Cognito.5

control(
    "Cognito.5",
    "AWS::Cognito::UserPool",
    check=prop("MfaConfiguration", absent="OFF").equals("ON"),
    when=prop("Policies.SignInPolicy.AllowedFirstAuthFactors", absent=["PASSWORD"]).equals(
        ["PASSWORD"]
    ),
    fix="set MfaConfiguration to ON (with SoftwareTokenMfaConfiguration, SmsConfiguration "
    "or EmailConfiguration for the second factor)",
    note="Only pools that sign in with a password alone are in scope: "
    "`Policies.SignInPolicy.AllowedFirstAuthFactors` absent or exactly `[PASSWORD]`; pools "
    "that also allow passwordless first factors are not applicable. `OPTIONAL` fails: users "
    "may sign in without a second factor (open question: conservative verdict).",
    remedy=Remedy(
        {"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration.Enabled": True},
        safe=False,
        breaks="Every user must set up an authenticator app at the next sign-in; "
        "applications must handle the MFA challenge.",
    ),
)
