"""Amazon SQS: SQS.1, SQS.3."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, prop
from .._policy import public_policy_rule

control(
    "SQS.1",
    "AWS::SQS::Queue",
    check=any_of(
        prop("SqsManagedSseEnabled", absent=True).is_true(),
        prop("KmsMasterKeyId", absent=FAILS).not_empty(),
    ),
    fix="remove SqsManagedSseEnabled or set it to true (SSE-SQS), or set KmsMasterKeyId to a "
    "KMS key (SSE-KMS)",
    note="A queue created without either property gets SSE-SQS (the default for new queues "
    "since 2022), so absent passes. Only `SqsManagedSseEnabled: false` without a "
    "`KmsMasterKeyId` leaves a queue unencrypted. Any KMS key passes, the AWS managed "
    "`alias/aws/sqs` included: the control asks for encryption, not for a customer managed key.",
)


_PUBLIC_FIX = (
    "give the Allow statements of the queue's AWS::SQS::QueuePolicy named principals "
    '(account or role ARNs, or service principals) instead of "*", or narrow a "*" principal '
    "with a condition on aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, "
    "aws:PrincipalAccount or aws:SourceVpce with a fixed value"
)
#: The resource policies of a queue, and the property that names the queue.
_POLICIES = {"AWS::SQS::QueuePolicy": "Queues", "AWS::SQS::QueueInlinePolicy": "Queue"}


public_policy_rule(
    "SQS.3",
    "AWS::SQS::Queue",
    name="queue_is_not_public",
    attached=_POLICIES,
    fix=_PUBLIC_FIX,
    doc="""No `AWS::SQS::QueuePolicy` (its `Queues` naming the queue by `Ref`, the queue URL) or
`AWS::SQS::QueueInlinePolicy` (`Queue`) of the app has an `Allow` statement open to
everyone: `Principal: "*"`, `{"AWS": "*"}`, an AWS principal with a wildcard or
`NotPrincipal`, unless a condition narrows it with a fixed value (no wildcard) of
`aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceVpc`,
`aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`
or `aws:PrincipalArn` (not negated, not `...IfExists`). A queue without a policy is
reachable by its owner account only: it passes. `aws:SourceIp` does not narrow
(conservative). Deny statements (CDK's `enforceSSL`) are not access. A principal or condition
value that is a template parameter is UNKNOWN when no other statement fails. A policy
whose queues are not in the template (a literal URL, a parameter, an import) is judged on its
own, on the policy resource: a public statement fails; any other policy is UNKNOWN, since
CloudFormation's page says the policy adds permissions to the queue's policy and the rest
of it is not in the template (conservative verdict).
""",
)
