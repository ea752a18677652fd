"""AWS IAM: IAM.1, IAM.2, IAM.21.

AWS Config's resource type ``AWS::IAM::Policy`` is a *managed* policy: in CloudFormation,
``AWS::IAM::ManagedPolicy``. CloudFormation's own ``AWS::IAM::Policy`` is an inline policy
(it is embedded in the roles, users and groups it names), which IAM.1 and IAM.21 do not
evaluate; KMS.2 does.
"""

from __future__ import annotations

from collections.abc import Callable

from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule
from ...engine.values import Undecidable
from .._policy import Statement, judge, statements

__all__ = ["INLINE_POLICY_TYPES", "USER_POLICY_TYPES", "managed_policy_verdict"]

#: Resources whose policy document becomes an inline policy of the principals they name.
INLINE_POLICY_TYPES = (
    "AWS::IAM::Policy",
    "AWS::IAM::RolePolicy",
    "AWS::IAM::UserPolicy",
    "AWS::IAM::GroupPolicy",
)
#: Resources that attach a policy to a user (``Users`` list or ``UserName``).
USER_POLICY_TYPES = ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::UserPolicy")

_PRINCIPAL_TYPES = ("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group")


def _is_boundary(policy: Resource, ctx: RuleContext) -> bool:
    """Whether a principal of the app uses the managed policy as its permissions boundary
    (Security Hub runs these controls with ``excludePermissionBoundaryPolicy: true``)."""
    return any(
        ref.path == "PermissionsBoundary" for ref in ctx.app.referrers(policy, *_PRINCIPAL_TYPES)
    )


def managed_policy_verdict(
    policy: Resource,
    ctx: RuleContext,
    offends: Callable[[Statement], str | None],
    fix: str,
) -> Verdict:
    """The verdict of a control on a customer managed policy's document: FAIL at the first
    statement that ``offends``; NOT_APPLICABLE for a permissions boundary."""
    if _is_boundary(policy, ctx):
        return Verdict.not_applicable(
            "the policy is a permissions boundary (Security Hub excludes boundaries)"
        )
    document = policy.props.shallow("PolicyDocument")
    found = judge(statements(document, "PolicyDocument", policy.stack), offends)
    if found is None:
        return Verdict.passed()
    statement, why = found
    return Verdict.failed(statement.path, why, fix)


# --------------------------------------------------------------------------- IAM.1

_ADMIN_FIX = (
    'replace "Action": "*" over "Resource": "*" in the policy\'s Allow statements by the '
    "actions and resources the principals need"
)


def _admin(statement: Statement) -> str | None:
    if statement.allows() and statement.grants_everything() and statement.on_everything():
        if "NotAction" in statement.raw or "NotResource" in statement.raw:
            return "an Allow statement with NotAction or NotResource over every resource"
        return 'an Allow statement of "Action": "*" on "Resource": "*"'
    return None


@rule("IAM.1", "AWS::IAM::ManagedPolicy", fix=_ADMIN_FIX)
def managed_policy_is_not_admin(policy: Resource, ctx: RuleContext) -> Verdict:
    """No `Allow` statement of the customer managed policy's `PolicyDocument` has
    `Action: "*"` on `Resource: "*"` (a string or an item of a list; `Statement` a list or one
    object). `NotAction` or `NotResource` in an `Allow` statement counts as every action or
    resource (conservative: it grants all but a few). Conditions are not read. Inline
    policies (`Policies` of roles, users and groups, and the `AWS::IAM::Policy` type) and AWS
    managed policies are out of scope, as in Security Hub; a managed policy that a principal
    of the app uses as its `PermissionsBoundary` is not applicable (Security Hub excludes
    boundaries). A statement whose action or resource is a template parameter is UNKNOWN
    when no other statement decides.
    """
    return managed_policy_verdict(policy, ctx, _admin, _ADMIN_FIX)


# --------------------------------------------------------------------------- IAM.21

_SERVICE_FIX = (
    'replace each whole-service action ("s3:*", or "*") in the policy\'s Allow statements by '
    'the actions needed (a prefix with a wildcard, such as "s3:Get*", is accepted)'
)


def _service_wildcard(statement: Statement) -> str | None:
    if not statement.allows():
        return None
    found = statement.grants_service_wildcard()
    if found is None:
        return None
    if found == "NotAction":
        return "an Allow statement with NotAction (every action of every other service)"
    return f"an Allow statement of the action {found!r}"


@rule("IAM.21", "AWS::IAM::ManagedPolicy", fix=_SERVICE_FIX)
def managed_policy_has_no_service_wildcard(policy: Resource, ctx: RuleContext) -> Verdict:
    """No `Allow` statement of the customer managed policy's `PolicyDocument` has an action
    that is a whole service (`service:*`) or every action (`*`), whatever its resources and
    conditions. A prefix with a wildcard (`ec2:Describe*`) passes. `NotAction` in an `Allow`
    statement fails (conservative: it allows every action of the services it does not list).
    Inline and AWS managed policies are out of scope; a permissions boundary of a principal of
    the app is not applicable (Security Hub excludes boundaries). An action that is a template
    parameter is UNKNOWN when no other statement fails.
    """
    return managed_policy_verdict(policy, ctx, _service_wildcard, _SERVICE_FIX)


# --------------------------------------------------------------------------- IAM.2

_USER_FIX = (
    "remove ManagedPolicyArns and Policies from the user and the user from the Users of "
    "AWS::IAM::Policy and AWS::IAM::ManagedPolicy resources (and AWS::IAM::UserPolicy); "
    "add the user to an AWS::IAM::Group that carries the policies instead"
)


def _named_users(ctx: RuleContext) -> dict[str, str]:
    """Literal user names that a policy resource of the app attaches to -> its logical id."""
    names: dict[str, str] = {}
    for kind in USER_POLICY_TYPES:
        for policy in ctx.app.resources(kind):
            try:
                given = (
                    [policy.props.get("UserName")]
                    if kind == "AWS::IAM::UserPolicy"
                    else policy.props.values("Users")
                )
            except Undecidable:
                given = []
            for name in given:
                if isinstance(name, str):
                    names.setdefault(name, policy.logical_id)
    return names


@rule("IAM.2", "AWS::IAM::User", fix=_USER_FIX)
def user_has_no_policies(user: Resource, ctx: RuleContext) -> Verdict:
    """The user has no policy of its own: `ManagedPolicyArns` and `Policies` are absent or
    empty, and no `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` or `AWS::IAM::UserPolicy` of
    the app names it (in `Users` or `UserName`, by `Ref` or by its literal `UserName`).
    Policies that reach the user through its `Groups` are what the control asks for. A list
    the template cannot decide is UNKNOWN; an ARN known only at deploy time still counts as
    a policy attached.
    """
    for key in ("ManagedPolicyArns", "Policies"):
        value = user.props.shallow(key)
        if value not in (None, []):
            return Verdict.failed(key, user.props.shallow(key))
    for ref in ctx.app.referrers(user, *USER_POLICY_TYPES):
        if ref.path.startswith("Users[") or ref.path == "UserName":
            return Verdict.failed(f"({ref.type} {ref.logical_id}).{ref.path}", user.logical_id)
    name = user.props.get("UserName")
    if isinstance(name, str):
        attached = ctx.app.memo("IAM.2 user names", lambda: _named_users(ctx))
        if name in attached:
            return Verdict.failed(f"({attached[name]}).Users", name)
    return Verdict.passed()
