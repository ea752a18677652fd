"""Intrinsic functions: what a template value is, as far as the template alone can tell.

A resource's ``Properties`` are turned into one or more *variants*: plain JSON in which every
``Fn::If`` has been replaced by one of its branches (every combination of undecided conditions
is a variant), ``AWS::NoValue`` has been removed, and every value that only exists at deploy
time (a parameter, an import, an attribute, a resource id) has been replaced by an
:class:`Unresolved` marker that says why. Rules never see an intrinsic function.

Reading a value that is (or contains) an :class:`Unresolved` marker through :func:`get` raises
:class:`Undecidable`; the engine turns that into an UNKNOWN verdict with the reason. A rule
therefore cannot pass a resource by accident because a value was a token.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "MAX_CONDITIONS",
    "Undecidable",
    "Unresolved",
    "Variant",
    "condition_holds",
    "expand",
    "get",
    "items",
]

#: At most this many undecided conditions are expanded per resource (2**N variants); beyond
#: that, further ``Fn::If`` values become :class:`Unresolved`.
MAX_CONDITIONS = 6

_NO_VALUE = object()


@dataclass(frozen=True)
class Unresolved:
    """A value the template cannot decide; ``expr`` is the original intrinsic."""

    reason: str
    expr: Any = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"<unresolved: {self.reason}>"


class Undecidable(Exception):
    """Raised when a rule reads a value that depends on something the template cannot decide."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path} depends on {reason}" if path else reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Variant:
    """One way the properties can come out; ``conditions`` names the branch taken per condition."""

    properties: dict[str, Any]
    conditions: tuple[tuple[str, bool], ...] = ()

    def describe(self) -> str:
        return ", ".join(f"{name}={value}" for name, value in self.conditions) or "unconditional"


class _Context:
    def __init__(
        self,
        template: Mapping[str, Any],
        pseudo: Mapping[str, Any],
        assignment: Mapping[str, bool],
    ) -> None:
        self.template = template
        self.pseudo = pseudo
        self.assignment = assignment
        self.parameters: Mapping[str, Any] = template.get("Parameters") or {}
        self.resources: Mapping[str, Any] = template.get("Resources") or {}
        self.mappings: Mapping[str, Any] = template.get("Mappings") or {}


def _single_key(value: Any, *, in_condition: bool = False) -> tuple[str, Any] | None:
    """``(function, argument)`` when ``value`` is an intrinsic function call."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref" or key.startswith("Fn::") or (in_condition and key == "Condition"):
            return key, arg
    return None


def _resolve(value: Any, ctx: _Context) -> Any:
    """Resolve one value under a fixed condition assignment; may return ``_NO_VALUE``."""
    fn = _single_key(value)
    if fn is None:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                resolved = _resolve(item, ctx)
                if resolved is not _NO_VALUE:
                    out[key] = resolved
            return out
        if isinstance(value, list):
            return [r for r in (_resolve(i, ctx) for i in value) if r is not _NO_VALUE]
        return value
    name, arg = fn
    if name == "Ref":
        return _ref(str(arg), value, ctx)
    if name == "Fn::If":
        cond, when_true, when_false = arg
        taken = _condition(cond, ctx)
        if taken is None:
            return Unresolved(f"condition {cond!r}", value)
        return _resolve(when_true if taken else when_false, ctx)
    if name == "Fn::Join":
        sep, parts = arg
        resolved = _resolve(parts, ctx)
        if isinstance(resolved, list) and all(isinstance(p, (str, int, float)) for p in resolved):
            return str(sep).join(str(p) for p in resolved)
        return Unresolved(_reason_in(resolved, "a joined value"), value)
    if name == "Fn::Select":
        index, options = arg
        resolved_options = _resolve(options, ctx)
        resolved_index = _resolve(index, ctx)
        if isinstance(resolved_options, list) and isinstance(resolved_index, (int, str)):
            try:
                return resolved_options[int(resolved_index)]
            except (ValueError, IndexError):
                return Unresolved("an Fn::Select index out of range", value)
        return Unresolved(_reason_in(resolved_options, "a selected value"), value)
    if name == "Fn::Sub":
        return _sub(arg, value, ctx)
    if name == "Fn::FindInMap":
        keys = [_resolve(k, ctx) for k in arg[:3]]
        if all(isinstance(k, str) for k in keys):
            found = ctx.mappings.get(keys[0], {}).get(keys[1], {}).get(keys[2], _NO_VALUE)
            if found is not _NO_VALUE:
                return _resolve(found, ctx)
        return Unresolved("an Fn::FindInMap lookup", value)
    if name == "Fn::ImportValue":
        export = _resolve(arg, ctx)
        label = export if isinstance(export, str) else "a computed name"
        return Unresolved(f"the imported value {label}", value)
    if name == "Fn::GetAtt":
        target = arg if isinstance(arg, str) else ".".join(str(a) for a in arg)
        return Unresolved(f"the attribute {target}", value)
    if name == "Fn::GetAZs":
        return Unresolved("the Region's Availability Zones", value)
    return Unresolved(f"the intrinsic function {name}", value)


def _reason_in(value: Any, what: str) -> str:
    found = _first_unresolved(value)
    return found.reason if found is not None else what


def _ref(name: str, original: Any, ctx: _Context) -> Any:
    if name == "AWS::NoValue":
        return _NO_VALUE
    if name in ctx.pseudo:
        return ctx.pseudo[name]
    if name.startswith("AWS::"):
        return Unresolved(f"the pseudo parameter {name}", original)
    if name in ctx.parameters:
        return Unresolved(f"the template parameter {name}", original)
    if name in ctx.resources:
        return Unresolved(f"the id of resource {name}, known only at deploy time", original)
    return Unresolved(f"an unknown reference {name}", original)


def _sub(arg: Any, original: Any, ctx: _Context) -> Any:
    if isinstance(arg, list):
        text, variables = arg[0], {k: _resolve(v, ctx) for k, v in (arg[1] or {}).items()}
    else:
        text, variables = arg, {}
    if not isinstance(text, str):
        return Unresolved("an Fn::Sub value", original)
    out, pos = [], 0
    while True:
        start = text.find("${", pos)
        if start < 0:
            out.append(text[pos:])
            break
        end = text.find("}", start)
        if end < 0:
            out.append(text[pos:])
            break
        out.append(text[pos:start])
        token = text[start + 2 : end]
        if token.startswith("!"):
            out.append("${" + token[1:] + "}")
        else:
            resolved = variables[token] if token in variables else _ref(token, original, ctx)
            if not isinstance(resolved, (str, int, float)):
                return Unresolved(_reason_in(resolved, f"${{{token}}}"), original)
            out.append(str(resolved))
        pos = end + 1
    return "".join(out)


def _condition(name: Any, ctx: _Context, seen: frozenset[str] = frozenset()) -> bool | None:
    if isinstance(name, str) and name in ctx.assignment:
        return ctx.assignment[name]
    if not isinstance(name, str) or name in seen:  # a cycle is invalid; leave it undecided
        return None
    definition = (ctx.template.get("Conditions") or {}).get(name)
    if definition is None:
        return None
    return _truth(definition, ctx, 0, seen | {name})


def _truth(expr: Any, ctx: _Context, depth: int, seen: frozenset[str]) -> bool | None:
    """Statically evaluate a condition expression; ``None`` when it depends on deploy time."""
    if depth > 20:
        return None
    if isinstance(expr, bool):
        return expr
    fn = _single_key(expr, in_condition=True)
    if fn is None:
        return None
    name, arg = fn
    if name == "Condition":
        return _condition(arg, ctx, seen)
    if name == "Fn::Equals":
        left, right = (_resolve(a, ctx) for a in arg)
        if _first_unresolved(left) is not None or _first_unresolved(right) is not None:
            return None
        return bool(str(left) == str(right))
    parts = [_truth(a, ctx, depth + 1, seen) for a in arg] if isinstance(arg, list) else []
    if name == "Fn::Not":
        return None if parts[0] is None else not parts[0]
    if name == "Fn::And":
        if any(p is False for p in parts):
            return False
        return None if any(p is None for p in parts) else True
    if name == "Fn::Or":
        if any(p is True for p in parts):
            return True
        return None if any(p is None for p in parts) else False
    return None


def _conditions_used(value: Any, found: list[str]) -> None:
    fn = _single_key(value)
    if fn is not None and fn[0] == "Fn::If":
        cond = fn[1][0]
        if isinstance(cond, str) and cond not in found:
            found.append(cond)
    if isinstance(value, dict):
        for item in value.values():
            _conditions_used(item, found)
    elif isinstance(value, list):
        for item in value:
            _conditions_used(item, found)


def expand(
    properties: Mapping[str, Any],
    template: Mapping[str, Any],
    pseudo: Mapping[str, Any],
) -> list[Variant]:
    """All the variants of a resource's properties, one per combination of undecided conditions.

    ``pseudo`` holds the pseudo parameters known at synth (``AWS::Region`` when the stack has
    an explicit environment, ``AWS::AccountId``, ``AWS::Partition``).
    """
    base = _Context(template, pseudo, {})
    names: list[str] = []
    _conditions_used(properties, names)
    undecided = [n for n in names if _condition(n, base) is None][:MAX_CONDITIONS]
    variants = []
    for values in itertools.product((True, False), repeat=len(undecided)):
        assignment = dict(zip(undecided, values, strict=True))
        ctx = _Context(template, pseudo, assignment)
        props = _resolve(dict(properties), ctx)
        variants.append(Variant(props, tuple(assignment.items())))
    return variants


def condition_holds(
    name: str, template: Mapping[str, Any], pseudo: Mapping[str, Any]
) -> bool | None:
    """A template condition's value when the template decides it, else ``None``."""
    return _condition(name, _Context(template, pseudo, {}))


def resolve(value: Any, template: Mapping[str, Any], pseudo: Mapping[str, Any]) -> Any:
    """Resolve a single value with every undecided condition left :class:`Unresolved`."""
    return _resolve(value, _Context(template, pseudo, {}))


def _first_unresolved(value: Any) -> Unresolved | None:
    if isinstance(value, Unresolved):
        return value
    if isinstance(value, dict):
        for item in value.values():
            found = _first_unresolved(item)
            if found is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            found = _first_unresolved(item)
            if found is not None:
                return found
    return None


def get(obj: Any, path: str, *, deep: bool = True, where: str = "") -> Any:
    """Read ``A.B.C`` from resolved properties; ``None`` when any step is absent.

    Raises :class:`Undecidable` when a step, or (with ``deep``) anything inside the value
    found, is :class:`Unresolved`. ``where`` prefixes the path in messages (``Containers[0]``).
    """
    full = f"{where}.{path}" if where and path else (where or path)
    current = obj
    for step in path.split(".") if path else []:
        if isinstance(current, Unresolved):
            raise Undecidable(full, current.reason)
        if not isinstance(current, dict):
            return None
        current = current.get(step)
        if current is None:
            return None
    if isinstance(current, Unresolved):
        raise Undecidable(full, current.reason)
    if deep:
        found = _first_unresolved(current)
        if found is not None:
            raise Undecidable(full, found.reason)
    return current


def items(obj: Any, path: str, *, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Iterate the objects of a list property as ``(path_of_item, item)``.

    The list and each item must be decidable (else :class:`Undecidable`); values inside an
    item may still be unresolved and are checked when read with :func:`get`.
    """
    full = f"{where}.{path}" if where and path else (where or path)
    value = get(obj, path, deep=False, where=where)
    if value is None:
        return
    if not isinstance(value, list):
        raise Undecidable(full, f"a value that is not a list ({value!r})")
    for index, item in enumerate(value):
        item_path = f"{full}[{index}]"
        if isinstance(item, Unresolved):
            raise Undecidable(item_path, item.reason)
        if isinstance(item, dict):
            yield item_path, item
