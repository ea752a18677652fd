"""Reading IAM policy documents: the one reader that every policy control shares.

A policy document arrives as CloudFormation gives it (resolved by the engine, with
:class:`~fsbp_constructs.engine.values.Unresolved` markers where a value is known only at
deploy time): ``Statement`` as a list or as one object, ``Action``/``NotAction``,
``Resource``/``NotResource`` and principals as a string or a list, the document itself
possibly a JSON string. The controls ask four questions of a statement:

- does it allow (:meth:`Statement.allows`),
- do its actions cover an action or pattern (:meth:`Statement.grants`,
  :meth:`Statement.grants_service_wildcard`),
- does it apply to every resource of a kind (:meth:`Statement.on_every`),
- is it open to everyone (:meth:`Statement.is_public`): a ``*`` principal (``"*"``,
  ``{"AWS": "*"}``, an ARN with a wildcard, or ``NotPrincipal``) that no condition narrows
  to an account, an organization, a source or a network.

A value the template cannot decide is read as a *shape*: the text with every fixed
deploy-time part (a pseudo parameter, a resource's id or attribute: never a wildcard)
replaced by :data:`TOKEN`. A value that could be anything (a template parameter, an import,
an undecided condition) raises :class:`Undecidable`, but only when the answer depends on it:
the questions look at the decidable parts first.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..engine.model import Resource, Stack, Target
from ..engine.registry import Check, RuleContext, Status, Verdict, rule
from ..engine.values import Kind, Undecidable, Unresolved, View

__all__ = [
    "RESTRICTING_KEYS",
    "TOKEN",
    "Statement",
    "action_covers",
    "attached_policies",
    "judge",
    "outside",
    "outside_verdict",
    "public_policy_rule",
    "public_statement",
    "raw",
    "shape_of",
    "statements",
]

#: Stands for a fixed value known at deploy time (an account id, a resource ARN) in a shape.
TOKEN = "\x00"

#: Condition keys that narrow a ``*`` principal to known callers (compared lower-case).
RESTRICTING_KEYS = frozenset(
    {
        "aws:sourcearn",
        "aws:sourceaccount",
        "aws:sourceowner",
        "aws:sourcevpc",
        "aws:sourcevpce",
        "aws:principalorgid",
        "aws:principalorgpaths",
        "aws:principalaccount",
        "aws:principalarn",
        "kms:calleraccount",
    }
)

#: Kinds of unresolved value that are one fixed value, never a wildcard.
_FIXED_KINDS = frozenset({Kind.PSEUDO, Kind.RESOURCE_ID, Kind.ATTRIBUTE})

#: Intrinsics whose value is one resource's id or attribute, or one pseudo parameter.
_ONE_VALUE = frozenset({"Ref", "Fn::GetAtt"})

_SUB_TOKEN = re.compile(r"\$\{([^}]*)\}")


def shape_of(value: Any, path: str, stack: Stack | None) -> str:
    """The text of a value, fixed deploy-time parts as :data:`TOKEN`; raises
    :class:`Undecidable` when a part could be any text (a parameter, an import)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Unresolved)):
        raise Undecidable(path, f"a value that is not text ({value!r})")
    if not isinstance(value, Unresolved):
        return str(value)
    expr = value.expr
    if stack is not None and isinstance(expr, dict) and len(expr) == 1:
        ((fn, arg),) = expr.items()
        if fn == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
            sep, parts = arg
            if isinstance(sep, str) and isinstance(parts, list):
                return sep.join(shape_of(stack.resolve(p), path, stack) for p in parts)
        if fn == "Fn::Sub":
            return _sub_shape(arg, value, path, stack)
    if value.kind in _FIXED_KINDS and isinstance(expr, dict) and set(expr) <= _ONE_VALUE:
        return TOKEN
    raise Undecidable.of(path, value)


def _sub_shape(arg: Any, value: Unresolved, path: str, stack: Stack) -> str:
    text, variables = (arg[0], arg[1] or {}) if isinstance(arg, list) else (arg, {})
    if not isinstance(text, str) or not isinstance(variables, dict):
        raise Undecidable.of(path, value)

    def part(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("!"):
            return "${" + name[1:] + "}"
        if name in variables:
            expr: Any = variables[name]
        elif "." in name:
            expr = {"Fn::GetAtt": name.split(".", 1)}
        else:
            expr = {"Ref": name}
        return shape_of(stack.resolve(expr), path, stack)

    return _SUB_TOKEN.sub(part, text)


@functools.lru_cache(maxsize=4096)
def _pattern(text: str) -> re.Pattern[str]:
    """An IAM wildcard pattern (``*``, ``?``) as a case-insensitive expression."""
    body = "".join(
        ".*" if c == "*" else "." if c == "?" else re.escape(c) for c in text.replace(TOKEN, "")
    )
    return re.compile(f"^{body}$", re.IGNORECASE | re.DOTALL)


def action_covers(pattern: str, action: str) -> bool:
    """Whether an action pattern of a policy (``kms:*``, ``kms:De*``, ``*``) covers ``action``
    (IAM compares actions ignoring case)."""
    return _pattern(pattern).match(action) is not None


def _has_wildcard(text: str) -> bool:
    return "*" in text or "?" in text or "${" in text


@dataclass(frozen=True)
class Statement:
    """One statement of a policy document, with the stack its values resolve in."""

    raw: dict[str, Any]
    path: str
    stack: Stack | None = None

    def _values(self, key: str) -> list[tuple[str, Any]]:
        value = self.raw.get(key)
        where = f"{self.path}.{key}"
        if value is None:
            return []
        if isinstance(value, Unresolved) and value.kind not in _FIXED_KINDS:
            raise Undecidable.of(where, value)
        if isinstance(value, list):
            return [(f"{where}[{i}]", v) for i, v in enumerate(value)]
        return [(where, value)]

    def _shapes(self, key: str) -> Iterator[tuple[str, str | None, Undecidable | None]]:
        """Each value of ``key`` as ``(path, shape, None)`` or ``(path, None, why)``."""
        for where, value in self._values(key):
            try:
                yield where, shape_of(value, where, self.stack), None
            except Undecidable as error:
                yield where, None, error

    def allows(self) -> bool:
        effect = self.raw.get("Effect")
        if isinstance(effect, Unresolved):
            raise Undecidable.of(f"{self.path}.Effect", effect)
        return effect == "Allow"

    # Actions -----------------------------------------------------------------------------
    def grants(self, *actions: str) -> bool:
        """Whether the statement's actions cover any of ``actions`` (``NotAction``: whether
        it leaves one of them out, so that it is allowed)."""
        negated = "NotAction" in self.raw
        found = self._covering(self._shapes("NotAction" if negated else "Action"), actions)
        return not found if negated else found

    def _covering(
        self, shapes: Iterator[tuple[str, str | None, Undecidable | None]], actions: tuple[str, ...]
    ) -> bool:
        undecided: Undecidable | None = None
        for _where, shape, why in shapes:
            if shape is None:
                undecided = undecided or why
            elif any(action_covers(shape, a) for a in actions):
                return True
        if undecided is not None:
            raise undecided
        return False

    def grants_everything(self) -> bool:
        """``Action: "*"``; ``NotAction`` counts (it allows every action but a few)."""
        if "NotAction" in self.raw:
            return True
        return self._literally("Action", "*")

    def grants_service_wildcard(self) -> str | None:
        """The first action that is a whole service (``s3:*``) or every action (``*``);
        ``NotAction`` counts (it allows every action of every other service)."""
        if "NotAction" in self.raw:
            return "NotAction"
        undecided: Undecidable | None = None
        for _where, shape, why in self._shapes("Action"):
            if shape is None:
                undecided = undecided or why
            elif shape == "*" or re.fullmatch(r"[A-Za-z0-9-]+:\*+", shape):
                return shape
        if undecided is not None:
            raise undecided
        return None

    def _literally(self, key: str, text: str) -> bool:
        undecided: Undecidable | None = None
        for _where, shape, why in self._shapes(key):
            if shape is None:
                undecided = undecided or why
            elif shape == text:
                return True
        if undecided is not None:
            raise undecided
        return False

    # Resources ---------------------------------------------------------------------------
    def on_everything(self) -> bool:
        """``Resource: "*"``; ``NotResource`` counts (every resource but a few)."""
        if "NotResource" in self.raw:
            return True
        return self._literally("Resource", "*")

    def on_every(self, every: Callable[[str], bool]) -> bool:
        """Whether a resource of the statement is ``*`` or a pattern ``every`` accepts (every
        KMS key of an account); ``NotResource`` counts."""
        if "NotResource" in self.raw:
            return True
        undecided: Undecidable | None = None
        for _where, shape, why in self._shapes("Resource"):
            if shape is None:
                undecided = undecided or why
            elif shape == "*" or every(shape):
                return True
        if undecided is not None:
            raise undecided
        return False

    # Principals --------------------------------------------------------------------------
    def is_public(self) -> bool:
        """An ``Allow`` to everyone: ``Principal: "*"``, ``{"AWS": "*"}`` or an AWS principal
        with a wildcard (``arn:aws:iam::*:root``), or ``NotPrincipal``; unless a condition
        narrows it with a fixed value of a key of :data:`RESTRICTING_KEYS`."""
        if not self.allows():
            return False
        if not self._everyone():
            return False
        return not self._narrowed()

    def _everyone(self) -> bool:
        if "NotPrincipal" in self.raw:
            return True
        principal = self.raw.get("Principal")
        where = f"{self.path}.Principal"
        if isinstance(principal, Unresolved):
            raise Undecidable.of(where, principal)
        if principal == "*":
            return True
        if not isinstance(principal, dict):
            return False
        if isinstance(principal.get("AWS"), Unresolved) and principal["AWS"].kind not in (
            _FIXED_KINDS
        ):
            raise Undecidable.of(f"{where}.AWS", principal["AWS"])
        values = principal.get("AWS")
        items = values if isinstance(values, list) else [] if values is None else [values]
        undecided: Undecidable | None = None
        for index, value in enumerate(items):
            at = f"{where}.AWS[{index}]" if isinstance(values, list) else f"{where}.AWS"
            try:
                shape = shape_of(value, at, self.stack)
            except Undecidable as error:
                undecided = undecided or error
                continue
            if _has_wildcard(shape):
                return True
        if undecided is not None:
            raise undecided
        return False

    def _narrowed(self) -> bool:
        condition = self.raw.get("Condition")
        where = f"{self.path}.Condition"
        if condition is None:
            return False
        if not isinstance(condition, dict):
            raise Undecidable(where, f"a condition that is not an object ({condition!r})")
        undecided: Undecidable | None = None
        for operator, tests in condition.items():
            op = str(operator)
            if op.endswith("IfExists") or "Not" in op or op.startswith("ForAllValues:"):
                continue  # passes when the key is absent, or excludes rather than narrows
            if not isinstance(tests, dict):
                continue
            for key, value in tests.items():
                if str(key).lower() not in RESTRICTING_KEYS:
                    continue
                at = f"{where}.{operator}.{key}"
                values = value if isinstance(value, list) else [value]
                try:
                    shapes = [shape_of(v, at, self.stack) for v in values]
                except Undecidable as error:
                    undecided = undecided or error
                    continue
                if shapes and not any(_has_wildcard(s) for s in shapes):
                    return True
        if undecided is not None:
            raise undecided
        return False


def statements(document: Any, path: str, stack: Stack | None = None) -> list[Statement]:
    """The statements of a policy document (an object or a JSON string; ``Statement`` a list
    or one object). Raises :class:`Undecidable` where the document or a statement is not
    known at synth."""
    if isinstance(document, Unresolved):
        raise Undecidable.of(path, document)
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            raise Undecidable(path, "a policy document that is not JSON") from None
    if document is None:
        return []
    if not isinstance(document, dict):
        raise Undecidable(path, f"a policy document that is not an object ({document!r})")
    body = document.get("Statement")
    where = f"{path}.Statement"
    if isinstance(body, Unresolved):
        raise Undecidable.of(where, body)
    if body is None:
        return []
    if isinstance(body, dict):
        return [Statement(body, where, stack)]
    if not isinstance(body, list):
        raise Undecidable(where, f"a Statement that is not a list ({body!r})")
    found = []
    for index, item in enumerate(body):
        at = f"{where}[{index}]"
        if isinstance(item, Unresolved):
            raise Undecidable.of(at, item)
        if isinstance(item, dict):
            found.append(Statement(item, at, stack))
    return found


def judge(
    found: list[Statement],
    offends: Callable[[Statement], str | None],
    undecided: Undecidable | None = None,
) -> tuple[Statement, str] | None:
    """The first statement that ``offends`` (returns why), reading every statement before
    giving up on an undecidable one: a later statement may already decide. Raises the first
    :class:`Undecidable` when none offends and one (or ``undecided``, a document that could
    not be read) could not be read."""
    for statement in found:
        try:
            why = offends(statement)
        except Undecidable as error:
            undecided = undecided or error
            continue
        if why is not None:
            return statement, why
    if undecided is not None:
        raise undecided
    return None


def public_statement(statement: Statement) -> str | None:
    """Why a statement makes a resource public (for :func:`judge`), else ``None``."""
    if statement.is_public():
        return "an Allow statement to every principal, not narrowed by a condition"
    return None


def attached_policies(
    resource: Resource | Target, ctx: RuleContext, pointers: Mapping[str, str]
) -> tuple[list[Statement], Undecidable | None]:
    """The statements of every resource policy of the app attached to ``resource``:
    ``pointers`` maps a policy type to the property that names the resource
    (``{"AWS::SNS::TopicPolicy": "Topics"}``), by ``Ref`` or ``Fn::GetAtt``; with the first
    policy document that could not be read (pass it to :func:`judge`)."""
    found: list[Statement] = []
    undecided: Undecidable | None = None
    for ref in ctx.app.referrers(resource, *pointers):
        if ref.path.split("[")[0].split(".")[0] != pointers[ref.type]:
            continue
        source = ref.source
        where = f"({ref.type} {ref.logical_id}).PolicyDocument"
        try:
            document = source.props.shallow("PolicyDocument")
            found.extend(statements(document, where, source.stack))
        except Undecidable as error:
            undecided = undecided or error
    return found, undecided


def public_policy_rule(
    control_id: str,
    resource_type: str,
    *,
    name: str,
    doc: str,
    fix: str,
    own: str | None = None,
    attached: Mapping[str, str] | None = None,
) -> Check:
    """Declare ``control_id``: no resource policy of a ``resource_type`` resource is open to
    everyone (:func:`public_statement`). The policy documents are the resource's own
    property ``own`` (a KMS key's ``KeyPolicy``) and the policy resources of the app attached
    to it (``attached``, as :func:`attached_policies` takes it: an SNS ``TopicPolicy`` by its
    ``Topics``). The first offending statement fails, with its path; a document or statement
    the template cannot decide is UNKNOWN unless another one already fails; none at all (the
    service's default policy, the owner account only) passes. A policy resource whose
    targets are not in the app is judged on its own (:func:`outside_verdict`): a public
    statement fails; otherwise UNKNOWN, since the CloudFormation pages say these resources
    add permissions to the target's policy (conservative: the rest is not in the template).
    ``name`` and ``doc`` are the check's name (report rule names) and its docs text."""
    pointers = dict(attached or {})

    def own_statements(policy: Resource) -> Verdict:
        where = "PolicyDocument"
        found = statements(policy.props.shallow(where), where, policy.stack)
        offending = judge(found, public_statement)
        if offending is None:
            return Verdict.passed()
        statement, why = offending
        return Verdict.failed(statement.path, why, fix)

    def check(resource: Resource, ctx: RuleContext) -> Verdict:
        if resource.type in pointers:  # a policy: judged here when its targets are outside
            targets = outside(
                resource, ctx, pointers[resource.type], lambda t: t.type == resource_type
            )
            noun = resource_type.rsplit("::", 1)[-1].lower()
            return outside_verdict(
                resource, targets, noun, lambda: own_statements(resource), replaces=False
            )
        found: list[Statement] = []
        undecided: Undecidable | None = None
        if own is not None:
            try:
                found.extend(statements(resource.props.shallow(own), own, resource.stack))
            except Undecidable as error:
                undecided = error
        if pointers:
            more, unread = attached_policies(resource, ctx, pointers)
            found.extend(more)
            undecided = undecided or unread
        offending = judge(found, public_statement, undecided)
        if offending is None:
            return Verdict.passed()
        statement, why = offending
        return Verdict.failed(statement.path, why, fix)

    check.__name__ = check.__qualname__ = name
    check.__doc__ = doc
    rule(control_id, resource_type, fix=fix, policy_types=list(pointers))(check)
    return check


# ------------------------------------------------------------------ policies of outside targets


def raw(props: View, path: str) -> Any:
    """The value at ``path``, or the :class:`Unresolved` marker standing there."""
    try:
        return props.shallow(path)
    except Undecidable:
        marker = props.unresolved(path)
        if marker is None:
            raise
        return marker


def outside(
    policy: Resource,
    ctx: RuleContext,
    pointer: str,
    inside: Callable[[Target], bool],
    named: Callable[[str], bool] | None = None,
) -> list[str]:
    """The targets that a policy resource names in its property ``pointer`` (one value, or
    a list: an S3 policy's ``Bucket``, a queue policy's ``Queues``) and that are not in the
    app, as a finding names them (``'my-bucket'``, ``a template parameter``). Empty when
    every target is in the app: a resource ``inside`` accepts that the value points at (by
    ``Ref``, ``Fn::GetAtt``, ``Fn::Sub`` or a CDK import, as :meth:`App.referrers` sees it
    from the target's side), or a literal identifier ``named`` accepts (a bucket's literal
    ``BucketName``)."""
    value = raw(policy.props, pointer)
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    pointed = ctx.app.pointed(policy, pointer)
    found: list[str] = []
    for index, item in items:
        at = pointer if index is None else f"{pointer}[{index}]"
        if any(
            inside(target)
            for path, target in pointed
            if path == at or path.startswith((f"{at}.", f"{at}["))
        ):
            continue
        if isinstance(item, str) and named is not None and named(item):
            continue
        found.append(repr(item) if isinstance(item, str) else _described(item))
    return found


def _described(value: Any) -> str:
    return f"given by {value.reason}" if isinstance(value, Unresolved) else repr(value)


def outside_verdict(
    policy: Resource,
    targets: list[str],
    noun: str,
    judged: Callable[[], Verdict],
    *,
    replaces: bool,
) -> Verdict:
    """The verdict on a policy resource whose ``targets`` (:func:`outside`; empty: all in
    the app, :meth:`Verdict.covered`) are outside the template, from ``judged()``, the
    verdict its statements alone give. A FAIL stands, naming the targets. A PASS stands only
    when the policy ``replaces`` the target's whole policy (an S3 bucket policy); a policy
    that adds to it (a Lambda permission) cannot prove the rest: UNKNOWN."""
    if not targets:
        return Verdict.covered()
    where = f"the {noun} {', '.join(targets)}, outside the template"
    try:
        verdict = judged()
    except Undecidable as error:
        raise Undecidable(error.path, f"{error.reason} (on {where})", error.kind) from None
    if verdict.status is Status.FAIL:
        reason = f"{verdict.reason}; on {where}" if verdict.reason else f"on {where}"
        return Verdict(Status.FAIL, verdict.path, verdict.found, verdict.fix, reason)
    if verdict.status is Status.PASS and not replaces:
        return Verdict.unknown(
            f"the rest of the resource policy of {where}: this {policy.type} adds to it and "
            "makes it no more public, but other statements are not in the template",
            path=None,
        )
    reason = f"{verdict.reason}; on {where}" if verdict.reason else f"on {where}"
    return Verdict(verdict.status, verdict.path, verdict.found, verdict.fix, reason)
