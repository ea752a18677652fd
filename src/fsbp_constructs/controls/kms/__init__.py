"""AWS KMS: KMS.1, KMS.2, KMS.5."""

from __future__ import annotations

from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule
from .._policy import TOKEN, Statement, action_covers, judge, public_policy_rule, statements
from ..iam import INLINE_POLICY_TYPES, managed_policy_verdict

__all__ = ["BLOCKED_ACTIONS"]

#: The decryption actions KMS.1 and KMS.2 block on every key (Security Hub's
#: ``blockedActionsPatterns``, not customizable).
BLOCKED_ACTIONS = ("kms:Decrypt", "kms:ReEncryptFrom")

#: Two key ARNs that share nothing in their key id: a pattern that covers both covers every
#: key of the account and Region.
_SAMPLE_KEYS = (
    "arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-0000-4000-8000-000000000000",
    "arn:aws:kms:us-east-1:111122223333:key/fedcba98-7654-4321-9876-fedcba987654",
)


def _every_key(shape: str) -> bool:
    """Whether a resource pattern covers every KMS key (of an account, a Region, or all):
    ``arn:aws:kms:*:111122223333:key/*``, ``arn:aws:kms:us-east-1:111122223333:*``. A
    deploy-time part in the key id (``Fn::GetAtt`` of a key) is one key."""
    if TOKEN in shape.rsplit(":", 1)[-1] or TOKEN in shape.rsplit("/", 1)[-1]:
        return False
    pattern = shape.replace(TOKEN, "*")
    return all(action_covers(pattern, key) for key in _SAMPLE_KEYS)


def _decrypts_every_key(statement: Statement) -> str | None:
    if statement.allows() and statement.grants(*BLOCKED_ACTIONS) and statement.on_every(_every_key):
        return "an Allow statement of kms:Decrypt or kms:ReEncryptFrom on every KMS key"
    return None


_DECRYPT_FIX = (
    "name the keys in the Resource of Allow statements that grant kms:Decrypt or "
    'kms:ReEncryptFrom (the key ARNs, e.g. Fn::GetAtt of the key\'s Arn) instead of "*"'
)


@rule("KMS.1", "AWS::IAM::ManagedPolicy", fix=_DECRYPT_FIX)
def managed_policy_does_not_decrypt_every_key(policy: Resource, ctx: RuleContext) -> Verdict:
    """In the customer managed policy's `PolicyDocument`, no `Allow` statement's `Action`
    covers `kms:Decrypt` or `kms:ReEncryptFrom` (`*`, `kms:*`, `kms:Decrypt*` included; a
    `NotAction` that leaves them out too) on every key: `Resource: "*"`, a key ARN pattern
    whose key id is a wildcard (`arn:aws:kms:*:111122223333:key/*`), or `NotResource`.
    Conditions are not read (the Config rule does not evaluate them). A key ARN known only at
    deploy time (`Fn::GetAtt`, `Ref`, an `Fn::Join` of them) is one key; a resource that is a
    template parameter is UNKNOWN when no other statement decides. Inline and AWS managed
    policies are out of scope (KMS.2 reads inline ones); a permissions boundary of a
    principal of the app is not applicable (Security Hub excludes boundaries).
    """
    return managed_policy_verdict(policy, ctx, _decrypts_every_key, _DECRYPT_FIX)


def _inline_documents(resource: Resource) -> list[tuple[str, object]]:
    """``(path, document)`` of every inline policy the resource carries."""
    if resource.type in INLINE_POLICY_TYPES:
        return [("PolicyDocument", resource.props.shallow("PolicyDocument"))]
    return [
        (f"{item.path}.PolicyDocument", item.shallow("PolicyDocument"))
        for item in resource.props.items("Policies")
    ]


@rule(
    "KMS.2",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::Group",
    *INLINE_POLICY_TYPES,
    fix=_DECRYPT_FIX,
)
def inline_policy_does_not_decrypt_every_key(resource: Resource, ctx: RuleContext) -> Verdict:
    """No inline policy allows decrypting with every key: neither the `Policies` of a role,
    user or group, nor an `AWS::IAM::Policy` (or `RolePolicy`, `UserPolicy`, `GroupPolicy`),
    which becomes an inline policy of the principals it names; the finding is on the resource
    that holds the statement (CDK's `DefaultPolicy` of a role for its grants). In each
    `PolicyDocument`, no `Allow` statement's `Action` covers `kms:Decrypt` or
    `kms:ReEncryptFrom` (`*`, `kms:*`, `kms:Decrypt*` included; a `NotAction` that leaves
    them out too) on every key: `Resource: "*"`, a key ARN pattern whose key id is a wildcard,
    or `NotResource`. Conditions are not read. A key ARN known only at deploy time is one key;
    a resource that is a template parameter is UNKNOWN when no other statement decides.
    """
    found: list[Statement] = []
    for path, document in _inline_documents(resource):
        found.extend(statements(document, path, resource.stack))
    offending = judge(found, _decrypts_every_key)
    if offending is None:
        return Verdict.passed()
    statement, why = offending
    return Verdict.failed(statement.path, why, _DECRYPT_FIX)


# --------------------------------------------------------------------------- KMS.5

_PUBLIC_FIX = (
    "give the KeyPolicy's Allow statements named principals (account or role ARNs, or "
    'service principals) instead of "*", or narrow a "*" principal with a condition on '
    "aws:PrincipalOrgID, aws:PrincipalAccount, kms:CallerAccount, aws:SourceAccount, "
    "aws:SourceArn or aws:SourceVpce with a fixed value"
)


public_policy_rule(
    "KMS.5",
    "AWS::KMS::Key",
    name="key_is_not_public",
    own="KeyPolicy",
    fix=_PUBLIC_FIX,
    doc="""No `Allow` statement of the `KeyPolicy` is open to everyone: `Principal: "*"`,
`{"AWS": "*"}`, an AWS principal with a wildcard (`arn:aws:iam::*:root`) or `NotPrincipal`,
unless a condition narrows it with a fixed value (no wildcard, no policy variable) of
`aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceVpc`,
`aws:SourceVpce`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`,
`aws:PrincipalArn` or `kms:CallerAccount` (under an operator that is not negated and not
`...IfExists`). An absent `KeyPolicy` is KMS's default policy (the account only): it
passes. `aws:SourceIp` does not narrow (conservative: anyone from that network). An
account principal known only at deploy time (CDK's `Fn::Join` of `AWS::AccountId`) is
not public; a principal or condition value that is a template parameter is UNKNOWN when
no other statement decides.
""",
)
