"""The declarative form of a property control: what to read, what absent means, what passes.

A declaration reads as the control's page does::

    prop("ImageTagMutability", absent="MUTABLE").equals("IMMUTABLE")
    each("ContainerDefinitions", prop("Privileged", absent=False).is_false())
    setting("ClusterSettings", "Name", "containerInsights", "Value", absent=UNKNOWN_ACCOUNT)
        .one_of("enabled", "enhanced")

Every property names what its absence means (``absent=``): CloudFormation's default value
(the check then judges that value), :data:`PASSES`, :data:`FAILS`, or :func:`unknown` (the
verdict depends on something outside the template, such as an account setting). A check
evaluates to a :class:`~.registry.Verdict` naming the property path and the value found, and
describes itself in words for the generated docs (:meth:`Check.describe`).

Values compared against may be control parameters (:func:`param`); a parameter left unset
(``None``) requires nothing.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..catalog import control as catalog_control
from .model import Resource
from .registry import (
    Parameter,
    Remedy,
    Rule,
    RuleContext,
    Status,
    Verdict,
    _register,
    render,
)
from .values import Kind, Undecidable, View, as_bool

__all__ = [
    "FAILS",
    "PASSES",
    "Check",
    "Prop",
    "all_of",
    "any_of",
    "control",
    "each",
    "param",
    "prop",
    "setting",
    "some",
    "unknown",
]


class Absent(enum.Enum):
    """What an absent property means when it is not a default value."""

    PASSES = "passes"
    FAILS = "fails"


#: The absent property complies (there is no default value to judge).
PASSES = Absent.PASSES
#: The absent property does not comply.
FAILS = Absent.FAILS


@dataclass(frozen=True)
class Unknown:
    """Absent means a value the template does not show (an account setting, a service pick)."""

    reason: str


def unknown(reason: str) -> Unknown:
    """``absent=unknown("the account's default ...")``: an absent property is UNKNOWN."""
    return Unknown(reason)


@dataclass(frozen=True)
class Param:
    """A control parameter used as an operand; ``None`` (unset) requires nothing."""

    name: str

    def __str__(self) -> str:
        return f"the `{self.name}` parameter"


def param(name: str) -> Param:
    return Param(name)


def _code(value: Any) -> str:
    if isinstance(value, Param):
        return str(value)
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _operand(value: Any, params: Mapping[str, Any]) -> Any:
    return params.get(value.name) if isinstance(value, Param) else value


class Check:
    """A condition on a resource's properties (or on one item of a list)."""

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def params(self) -> set[str]:
        """The control parameters this check reads."""
        return set()


# --------------------------------------------------------------------------- properties


@dataclass(frozen=True)
class Prop:
    """A property path, with what its absence means."""

    path: str
    absent: Any

    def locate(self, view: View, *, deep: bool = True) -> tuple[str, bool, Any]:
        """``(full path, present, value)``; raises :class:`Undecidable`. Without ``deep``,
        values inside the one found may stay undecided (for presence checks)."""
        full = f"{view.path}.{self.path}" if view.path else self.path
        if not view.has(self.path):
            return full, False, None
        if deep:
            return full, True, view.get(self.path)
        marker = view.unresolved(self.path)
        if marker is not None and marker.kind in _NEVER_EMPTY:
            return full, True, marker  # a resource's id or attribute: set, and never empty
        return full, True, view.shallow(self.path)

    def describe_absent(self) -> str:
        if self.absent is PASSES:
            return "absent passes"
        if self.absent is FAILS:
            return "absent fails"
        if isinstance(self.absent, Unknown):
            return f"absent is UNKNOWN ({self.absent.reason})"
        return f"absent means {_code(self.absent)}"

    # Comparisons -------------------------------------------------------------------------
    def equals(self, value: Any) -> Check:
        return Compare(self, "equals", (value,))

    def one_of(self, *values: Any, ignore_case: bool = False) -> Check:
        return Compare(self, "one_of", values, ignore_case)

    def none_of(self, *values: Any, ignore_case: bool = False) -> Check:
        return Compare(self, "none_of", values, ignore_case)

    def at_least(self, value: Any) -> Check:
        return Compare(self, "at_least", (value,))

    def at_most(self, value: Any) -> Check:
        return Compare(self, "at_most", (value,))

    def matches(self, pattern: str) -> Check:
        return Compare(self, "matches", (pattern,))

    def is_true(self) -> Check:
        return Compare(self, "is_true", ())

    def is_false(self) -> Check:
        return Compare(self, "is_false", ())

    def present(self) -> Check:
        return Compare(self, "present", ())

    def missing(self) -> Check:
        """The property is absent (a scope: "not a member of a cluster")."""
        return Compare(self, "missing", ())

    def not_empty(self) -> Check:
        return Compare(self, "not_empty", ())

    def contains(self, *values: Any) -> Check:
        """A list property that holds at least one of ``values``."""
        return Compare(self, "contains", values)

    def excludes(self, *values: Any) -> Check:
        """A list property that holds none of ``values``."""
        return Compare(self, "excludes", values)


def prop(path: str, *, absent: Any) -> Prop:
    """The property at ``path`` (dotted, relative to the resource or list item)."""
    return Prop(path, absent)


@dataclass(frozen=True)
class Setting(Prop):
    """The value of the list item whose ``key_field`` is ``key`` (a setting by its name)."""

    key_field: str = "Name"
    key: str = ""
    value_field: str = "Value"

    def locate(self, view: View, *, deep: bool = True) -> tuple[str, bool, Any]:
        for item in view.items(self.path):
            if item.get(self.key_field) == self.key:
                full = f"{item.path}.{self.value_field}"
                if not item.has(self.value_field):
                    return full, False, None
                value = item.get(self.value_field) if deep else item.shallow(self.value_field)
                return full, True, value
        base = f"{view.path}.{self.path}" if view.path else self.path
        return f"{base}[{self.key_field}={self.key}]", False, None


def setting(list_path: str, key_field: str, key: str, value_field: str, *, absent: Any) -> Setting:
    """``setting("LoadBalancerAttributes", "Key", "routing.http...", "Value", absent=...)``."""
    return Setting(list_path, absent, key_field, key, value_field)


#: Comparisons that look at presence only: values inside may stay undecided, and a
#: reference to a resource of the template (``Ref``, ``Fn::GetAtt``) counts as set.
_SHALLOW = frozenset({"present", "missing", "not_empty"})
#: Unresolved values that are known to be set and not empty (a parameter may be "").
_NEVER_EMPTY = frozenset({Kind.RESOURCE_ID, Kind.ATTRIBUTE})

_WORDS: dict[str, str] = {
    "equals": "is {0}",
    "one_of": "is one of {all}",
    "none_of": "is none of {all}",
    "at_least": "is at least {0}",
    "at_most": "is at most {0}",
    "matches": "matches {0}",
    "is_true": "is true",
    "is_false": "is false",
    "present": "is set",
    "missing": "is not set",
    "not_empty": "is not empty",
    "contains": "contains {any}",
    "excludes": "contains none of {all}",
}


@dataclass(frozen=True)
class Compare(Check):
    prop: Prop
    op: str
    operands: tuple[Any, ...]
    ignore_case: bool = False

    def describe(self) -> str:
        codes = [_code(v) for v in self.operands]
        words = _WORDS[self.op].format(*codes, all=", ".join(codes), any=" or ".join(codes))
        case = " (ignoring case)" if self.ignore_case else ""
        name = self.prop.path
        if isinstance(self.prop, Setting):
            key = f"{self.prop.key_field}={self.prop.key}"
            name = f"{self.prop.path}[{key}].{self.prop.value_field}"
        return f"`{name}` {words}{case}; {self.prop.describe_absent()}"

    def params(self) -> set[str]:
        return {v.name for v in self.operands if isinstance(v, Param)}

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        path, present, value = self.prop.locate(view, deep=self.op not in _SHALLOW)
        if not present:
            absent = self.prop.absent
            if absent is PASSES:
                return Verdict.passed(f"{path} is absent")
            if absent is FAILS:
                return Verdict(Status.FAIL, path=path, found=None)
            if isinstance(absent, Unknown):
                raise Undecidable(path, absent.reason, Kind.ACCOUNT_DEFAULT)
            verdict = self._judge(path, absent, params)
            if verdict.status is Status.FAIL:
                return Verdict(
                    Status.FAIL, path=path, found=None, reason=f"absent means {render(absent)}"
                )
            return verdict
        return self._judge(path, value, params)

    def _judge(self, path: str, value: Any, params: Mapping[str, Any]) -> Verdict:
        operands = [_operand(v, params) for v in self.operands]
        if any(isinstance(v, Param) for v in self.operands) and all(o is None for o in operands):
            return Verdict.passed("the parameter is not set")
        ok = _test(self.op, value, operands, self.ignore_case, path)
        if ok:
            return Verdict.passed()
        return Verdict(Status.FAIL, path=path, found=value)


def _fold(value: Any, ignore_case: bool) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if ignore_case and isinstance(value, str):
        return value.lower()
    return value


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool):
        raise Undecidable(path, f"a value that is not a number ({value!r})")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Undecidable(path, f"a value that is not a number ({value!r})") from None


def _test(op: str, value: Any, operands: list[Any], ignore_case: bool, path: str) -> bool:
    if op in ("is_true", "is_false"):
        flag = as_bool(value)
        if flag is None:
            raise Undecidable(path, f"a value that is not a boolean ({value!r})")
        return flag is (op == "is_true")
    if op == "present":
        return value is not None
    if op == "missing":
        return value is None
    if op == "not_empty":
        return value not in (None, "", [], {})
    if op in ("contains", "excludes"):
        if not isinstance(value, list):
            raise Undecidable(path, f"a value that is not a list ({value!r})")
        held = {_fold(v, ignore_case) for v in value if not isinstance(v, (dict, list))}
        wanted = {_fold(v, ignore_case) for v in operands}
        return bool(held & wanted) if op == "contains" else not held & wanted
    if op in ("at_least", "at_most"):
        number, bound = _number(value, path), _number(operands[0], path)
        return number >= bound if op == "at_least" else number <= bound
    if op == "matches":
        return isinstance(value, str) and re.search(str(operands[0]), value) is not None
    folded = _fold(value, ignore_case)
    choices = [_fold(v, ignore_case) for v in operands]
    if op == "equals":
        return bool(folded == choices[0])
    if op == "one_of":
        return folded in choices
    if op == "none_of":
        return folded not in choices
    raise ValueError(f"unknown comparison {op}")


# --------------------------------------------------------------------------- combinations


def _combine_all(verdicts: Sequence[Verdict]) -> Verdict:
    """FAIL if any fails (the first), else UNKNOWN if any is, else PASS."""
    for verdict in verdicts:
        if verdict.status is Status.FAIL:
            return verdict
    for verdict in verdicts:
        if verdict.status is Status.UNKNOWN:
            return verdict
    return Verdict.passed()


def _attempt(check: Check, view: View, params: Mapping[str, Any]) -> Verdict:
    try:
        return check.evaluate(view, params)
    except Undecidable as error:
        return Verdict.unknown(str(error), path=error.path)


@dataclass(frozen=True)
class AllOf(Check):
    checks: tuple[Check, ...]

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        return _combine_all([_attempt(c, view, params) for c in self.checks])

    def describe(self) -> str:
        return "; and ".join(c.describe() for c in self.checks)

    def params(self) -> set[str]:
        return set().union(*(c.params() for c in self.checks))


@dataclass(frozen=True)
class AnyOf(Check):
    checks: tuple[Check, ...]

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        verdicts = [_attempt(c, view, params) for c in self.checks]
        if any(v.status is Status.PASS for v in verdicts):
            return Verdict.passed()
        unknown_ = next((v for v in verdicts if v.status is Status.UNKNOWN), None)
        return unknown_ or verdicts[0]

    def describe(self) -> str:
        return "either " + "; or ".join(c.describe() for c in self.checks)

    def params(self) -> set[str]:
        return set().union(*(c.params() for c in self.checks))


def all_of(*checks: Check) -> Check:
    return AllOf(checks)


def any_of(*checks: Check) -> Check:
    return AnyOf(checks)


@dataclass(frozen=True)
class Each(Check):
    """Every object of a list satisfies ``check``; an absent or empty list gives ``empty``."""

    path: str
    check: Check
    empty: Absent

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        verdicts = [_attempt(self.check, item, params) for item in view.items(self.path)]
        if not verdicts:
            return _empty(view, self.path, self.empty)
        return _combine_all(verdicts)

    def describe(self) -> str:
        tail = "" if self.empty is PASSES else "; an absent or empty list fails"
        return f"every item of `{self.path}`: {self.check.describe()}{tail}"

    def params(self) -> set[str]:
        return self.check.params()


@dataclass(frozen=True)
class Some(Check):
    """At least one object of a list satisfies ``check``; absent or empty fails."""

    path: str
    check: Check

    def evaluate(self, view: View, params: Mapping[str, Any]) -> Verdict:
        verdicts = [_attempt(self.check, item, params) for item in view.items(self.path)]
        if any(v.status is Status.PASS for v in verdicts):
            return Verdict.passed()
        unknown_ = next((v for v in verdicts if v.status is Status.UNKNOWN), None)
        if unknown_ is not None:
            return unknown_
        full = f"{view.path}.{self.path}" if view.path else self.path
        return Verdict(Status.FAIL, path=full, found=view.shallow(self.path))

    def describe(self) -> str:
        return f"at least one item of `{self.path}`: {self.check.describe()}"

    def params(self) -> set[str]:
        return self.check.params()


def _empty(view: View, path: str, empty: Absent) -> Verdict:
    if empty is PASSES:
        return Verdict.passed(f"{path} has no items")
    full = f"{view.path}.{path}" if view.path else path
    return Verdict(Status.FAIL, path=full, found=view.shallow(path))


def each(path: str, check: Check, *, empty: Absent = PASSES) -> Check:
    """Every object of the list at ``path`` satisfies ``check`` (absent or empty: ``empty``)."""
    return Each(path, check, empty)


def some(path: str, check: Check) -> Check:
    """At least one object of the list at ``path`` satisfies ``check``."""
    return Some(path, check)


def _in_undecided_scope(scope: Verdict, verdict: Verdict) -> Verdict:
    """The verdict of a resource whose scope the template leaves undecided: the check's PASS
    stands (out of scope it would be NOT_APPLICABLE, not a failure either); a FAIL counts only
    in scope, so it is UNKNOWN naming both (its path is the scope's, the value undecided)."""
    if verdict.status is Status.FAIL:
        return Verdict.unknown(
            f"whether it is in scope: {scope.detail}; in scope, it fails: {verdict.detail}",
            path=scope.path,
            fix=verdict.fix,
        )
    if verdict.status is Status.UNKNOWN:
        both = scope.detail
        if verdict.detail != scope.detail:
            both = f"whether it is in scope: {scope.detail}; and {verdict.detail}"
        return Verdict.unknown(both, path=scope.path, fix=verdict.fix)
    return verdict


def control(
    control_id: str,
    *resource_types: str,
    check: Check,
    fix: str,
    when: Check | None = None,
    not_applicable: Mapping[str, str] | None = None,
    parameters: Sequence[Parameter] = (),
    remedy: Remedy | None = None,
    note: str = "",
    decision: str | None = None,
) -> Rule:
    """Declare a property control: ``check`` on every resource of ``resource_types``.

    :param fix: how to comply, in CloudFormation terms.
    :param when: the scope filter: resources where it fails are NOT_APPLICABLE. Where the
        template leaves it undecided, the check still runs: PASS stands (in scope or not, the
        resource does not fail), a FAIL becomes UNKNOWN naming the scope's reason and the
        failure, and an UNKNOWN names both reasons.
    :param not_applicable: resource types Security Hub maps to the control but does not
        evaluate, each with the reason.
    :param note: what the docs add to the generated text (open questions, conservative
        verdicts and why).
    :param decision: what only the owner can decide, where no default can comply (a
        certificate for their domain, a WAF they design); the fix text and the docs say it.
    """
    skipped = dict(not_applicable or {})
    doc = check.describe() + "."
    if when is not None:
        doc += f" Only where {when.describe()}; elsewhere not applicable."
    for type_name, reason in skipped.items():
        doc += f" `{type_name}` is not applicable ({reason})."
    if note:
        doc += " " + note
    unknown_params = check.params() - {p.name for p in parameters}
    if unknown_params:
        raise ValueError(f"control {control_id}: undeclared parameters {sorted(unknown_params)}")

    def evaluate(resource: Resource, ctx: RuleContext) -> Verdict:
        if resource.type in skipped:
            return Verdict.not_applicable(skipped[resource.type])
        if when is None:
            return check.evaluate(resource.props, ctx.parameters)
        scope = _attempt(when, resource.props, ctx.parameters)
        if scope.status is Status.FAIL:
            return Verdict.not_applicable(f"out of scope: {scope.detail}")
        if scope.status is Status.PASS:
            return check.evaluate(resource.props, ctx.parameters)
        return _in_undecided_scope(scope, _attempt(check, resource.props, ctx.parameters))

    if remedy is not None and when is not None:  # a remedy acts only in the control's scope
        own = remedy.when
        remedy = dataclasses.replace(remedy, when=when if own is None else all_of(when, own))
    declared = Rule(
        catalog_control(control_id),
        tuple(resource_types),
        evaluate,
        tuple(parameters),
        doc,
        fix,
        remedy,
        decision,
    )
    _register(declared)
    return declared
