"""Amazon SNS: SNS.2 (retired), SNS.4."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from .._policy import public_policy_rule

control(
    "SNS.2",
    "AWS::SNS::Topic",
    check=prop("DeliveryStatusLogging", absent=FAILS).not_empty(),
    fix="add an item to DeliveryStatusLogging (a Protocol with a FailureFeedbackRoleArn and "
    "SuccessFeedbackRoleArn)",
    note="Feedback role ARNs known only at deploy time count. Retired control: it runs only "
    "with `include_retired=True` or when named in `controls`.",
)


_PUBLIC_FIX = (
    "give the Allow statements of the topic's AWS::SNS::TopicPolicy named principals "
    '(account or role ARNs, or service principals) instead of "*", or narrow a "*" principal '
    "with a condition on aws:SourceAccount, aws:SourceArn, aws:SourceOwner, "
    "aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceVpce with a fixed value"
)
#: The resource policies of a topic, and the property that names the topic.
_POLICIES = {"AWS::SNS::TopicPolicy": "Topics", "AWS::SNS::TopicInlinePolicy": "TopicArn"}


public_policy_rule(
    "SNS.4",
    "AWS::SNS::Topic",
    name="topic_is_not_public",
    attached=_POLICIES,
    fix=_PUBLIC_FIX,
    doc="""No `AWS::SNS::TopicPolicy` (its `Topics` naming the topic by `Ref`) or
`AWS::SNS::TopicInlinePolicy` (`TopicArn`) of the app has an `Allow` statement open to
everyone: `Principal: "*"`, `{"AWS": "*"}`, an AWS principal with a wildcard or
`NotPrincipal`, unless a condition narrows it with a fixed value (no wildcard) of
`aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceVpc`,
`aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`
or `aws:PrincipalArn` (not negated, not `...IfExists`). A topic without a policy keeps
SNS's default policy (the owner account only): it passes. `aws:SourceIp` does not narrow
(conservative). Deny statements (CDK's `enforceSSL`) are not access. A principal or condition
value that is a template parameter is UNKNOWN when no other statement fails. A policy
whose topics are not in the template (a literal ARN, a parameter, an import) is judged on its
own, on the policy resource: a public statement fails; any other policy is UNKNOWN, since
CloudFormation's page says the policy adds permissions to the topic's policy and the rest
of it is not in the template (conservative verdict).
""",
)
