"""Amazon Cognito: Cognito.2, Cognito.6."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop

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
)
