"""AWS AppSync: AppSync.5."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, each, prop

control(
    "AppSync.5",
    "AWS::AppSync::GraphQLApi",
    check=all_of(
        prop("AuthenticationType", absent=FAILS).none_of("API_KEY"),
        each(
            "AdditionalAuthenticationProviders",
            prop("AuthenticationType", absent=FAILS).none_of("API_KEY"),
        ),
    ),
    fix="set AuthenticationType (and every AdditionalAuthenticationProviders item) to "
    "AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA instead of API_KEY",
    note="An API key as an additional provider fails too. `AuthenticationType` is required by "
    "CloudFormation; a template without it is reported as failing.",
)
