"""Intrinsic functions: what a template value is, as far as the template alone can tell.

A resource's ``Properties`` are turned into one or more *variants*: plain JSON in which every
``Fn::If`` has been replaced by one of its branches, ``AWS::NoValue`` has been removed, and
every value that only exists at deploy time (a parameter, an import, an attribute, a resource
id) has been replaced by an :class:`Unresolved` marker that says what it is (its
:class:`Kind`) and why. Rules never see an intrinsic function.

Conditions are decided **jointly**: the variants come from the possible values of what the
conditions depend on (template parameters, pseudo parameters the stack does not fix, other
deploy-time values), so a condition and its negation are never both true, and two
``Fn::Equals`` over the same parameter are consistent.

Reading a value that is (or contains) an :class:`Unresolved` marker through :class:`View`
raises :class:`Undecidable`; the engine turns that into an UNKNOWN verdict with the reason. A
rule therefore cannot pass a resource by accident because a value was a token.
"""

from __future__ import annotations

import base64
import enum
import ipaddress
import itertools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .limits import InputError

__all__ = [
    "CIDR_MAX_COUNT",
    "MAX_CONDITION_DEPTH",
    "MAX_VARIANTS",
    "Kind",
    "Undecidable",
    "Unresolved",
    "Variant",
    "View",
    "as_bool",
    "condition_holds",
    "condition_problem",
    "expand",
    "get",
    "items",
    "region_condition",
    "resolve",
]

#: At most this many variants per resource (combinations of the values that its conditions
#: depend on). Beyond that, its ``Fn::If`` values stay :class:`Unresolved` (UNKNOWN if read).
MAX_VARIANTS = 64
#: Conditions nested deeper than this (through ``Condition`` references) are undecided.
MAX_CONDITION_DEPTH = 100


class Kind(enum.Enum):
    """What an unresolved value depends on, so that an UNKNOWN can say which."""

    PARAMETER = "a template parameter"
    PSEUDO = "a pseudo parameter the stack does not fix"
    RESOURCE_ID = "a resource id known only at deploy time"
    ATTRIBUTE = "a resource attribute known only at deploy time"
    IMPORT = "a value imported from another stack"
    CONDITION = "a template condition"
    ACCOUNT_DEFAULT = "an account-level setting"
    DYNAMIC_REFERENCE = "a dynamic reference ({{resolve:...}}) resolved at deploy time"
    MALFORMED = "a malformed or unsupported intrinsic function"


_NO_VALUE = object()


@dataclass(frozen=True)
class Unresolved:
    """A value the template cannot decide; ``expr`` is the original intrinsic."""

    reason: str
    expr: Any = field(default=None, compare=False)
    kind: Kind = field(default=Kind.MALFORMED, compare=False)

    def __repr__(self) -> str:
        return f"<unresolved: {self.reason}>"

    @property
    def presence_known(self) -> bool:
        """False when the value may also be absent (an ``Fn::If`` with an ``AWS::NoValue``
        branch, or one left undecided)."""
        return self.kind is not Kind.CONDITION


class Undecidable(Exception):
    """Raised when a rule reads a value that depends on something the template cannot decide."""

    def __init__(self, path: str, reason: str, kind: Kind = Kind.MALFORMED) -> None:
        super().__init__(f"{path} depends on {reason}" if path else reason)
        self.path = path
        self.reason = reason
        self.kind = kind

    @classmethod
    def of(cls, path: str, value: Unresolved) -> Undecidable:
        return cls(path, value.reason, value.kind)


@dataclass(frozen=True)
class Variant:
    """One way the properties can come out; ``conditions`` names the branch taken per condition."""

    properties: dict[str, Any]
    conditions: tuple[tuple[str, bool], ...] = ()

    def describe(self) -> str:
        return ", ".join(f"{name}={value}" for name, value in self.conditions) or "unconditional"


def as_bool(value: Any) -> bool | None:
    """A CloudFormation boolean: ``True``, or ``"true"`` in any case (CloudFormation reads
    boolean strings case-insensitively); ``None`` when ``value`` is not a boolean."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def _text(value: Any) -> str:
    """The string form CloudFormation compares in ``Fn::Equals`` (JSON ``true`` is "true")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------------- conditions


class _Env:
    """The deploy-time values one variant assumes: parameter values and free atoms."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values
        self.memo: dict[str, bool | None] = {}


_OTHER = "\x00another value"  # a parameter value that equals none of the compared literals


class _Context:
    def __init__(
        self,
        template: Mapping[str, Any],
        pseudo: Mapping[str, Any],
        env: _Env | None = None,
    ) -> None:
        self.template = template
        self.pseudo = pseudo
        self.env = env or _Env({})
        self.parameters: Mapping[str, Any] = _mapping(template.get("Parameters"))
        self.resources: Mapping[str, Any] = _mapping(template.get("Resources"))
        self.mappings: Mapping[str, Any] = _mapping(template.get("Mappings"))
        self.conditions: Mapping[str, Any] = _mapping(template.get("Conditions"))
        #: Set when resolving met an ``Fn::If`` whose condition is undecided.
        self.met_undecided = False


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _single_key(value: Any, *, in_condition: bool = False) -> tuple[str, Any] | None:
    """``(function, argument)`` when ``value`` is an intrinsic function call."""
    if isinstance(value, dict) and len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref" or key.startswith("Fn::") or (in_condition and key == "Condition"):
            return key, arg
    return None


def _condition(name: Any, ctx: _Context, stack: tuple[str, ...] = ()) -> bool | None:
    """A named condition under the context's assumptions; ``None`` when undecided (or invalid:
    unknown, cyclic, or nested deeper than :data:`MAX_CONDITION_DEPTH`)."""
    if not isinstance(name, str) or name in stack or len(stack) >= MAX_CONDITION_DEPTH:
        return None
    memo = ctx.env.memo
    if name in memo:
        return memo[name]
    definition = ctx.conditions.get(name)
    value = None if definition is None else _truth(definition, ctx, (*stack, name))
    memo[name] = value
    return value


def _truth(expr: Any, ctx: _Context, stack: tuple[str, ...]) -> bool | None:
    """Evaluate a condition expression; ``None`` when it depends on an undecided value."""
    if isinstance(expr, bool):
        return expr
    fn = _single_key(expr, in_condition=True)
    if fn is None:
        return None
    name, arg = fn
    if name == "Condition":
        return _condition(arg, ctx, stack)
    if name == "Fn::Equals":
        if not isinstance(arg, list) or len(arg) != 2:
            return None
        atom = ctx.env.values.get(_atom_key(arg)) if ctx.env.values else None
        if isinstance(atom, bool):
            return atom
        left, right = (_resolve(a, ctx) for a in arg)
        undecided = [_first_unresolved(side) is not None for side in (left, right)]
        if undecided == [False, False]:
            return _text(left) == _text(right)
        # A parameter assumed to hold "another value" equals no decided literal.
        others = [_assumed_other(a, ctx) for a in arg]
        if (others[0] and not undecided[1]) or (others[1] and not undecided[0]):
            return False
        return None
    parts = [_truth(a, ctx, stack) for a in arg] if isinstance(arg, list) else []
    if name == "Fn::Not":
        return None if len(parts) != 1 or parts[0] is None else not parts[0]
    if name == "Fn::And":
        if any(p is False for p in parts):
            return False
        return None if not parts or any(p is None for p in parts) else True
    if name == "Fn::Or":
        if any(p is True for p in parts):
            return True
        return None if not parts or any(p is None for p in parts) else False
    return None


def _assumed_other(value: Any, ctx: _Context) -> bool:
    fn = _single_key(value)
    return fn is not None and fn[0] == "Ref" and ctx.env.values.get(str(fn[1])) == _OTHER


def _atom_key(equals_args: Any) -> str:
    return "Fn::Equals " + json.dumps(equals_args, sort_keys=True, default=str)


def _atoms(
    names: list[str], ctx: _Context
) -> tuple[dict[str, list[Any]], dict[str, list[bool]]] | None:
    """What the conditions ``names`` depend on: each undecided parameter (or pseudo parameter)
    with the values worth trying, and each other undecided ``Fn::Equals`` as a free boolean.
    ``None`` when a condition is invalid (unknown, cyclic or too deep)."""
    candidates: dict[str, set[str]] = {}
    free: dict[str, list[bool]] = {}
    seen: set[str] = set()

    def ref_name(value: Any) -> str | None:
        fn = _single_key(value)
        if fn is not None and fn[0] == "Ref" and isinstance(fn[1], str):
            ref = fn[1]
            if ref in ctx.parameters or (ref.startswith("AWS::") and ref not in ctx.pseudo):
                return ref
        return None

    def walk(expr: Any, depth: int) -> bool:
        if depth > MAX_CONDITION_DEPTH:
            return False
        fn = _single_key(expr, in_condition=True)
        if fn is None:
            return isinstance(expr, bool)
        name, arg = fn
        if name == "Condition":
            if not isinstance(arg, str) or arg not in ctx.conditions:
                return False
            if arg in seen:
                return True
            seen.add(arg)
            return walk(ctx.conditions[arg], depth + 1)
        if name == "Fn::Equals":
            if not isinstance(arg, list) or len(arg) != 2:
                return False
            refs = [ref_name(a) for a in arg]
            resolved = [_resolve(a, ctx) for a in arg]
            decided = [_first_unresolved(r) is None for r in resolved]
            if refs[0] is not None and decided[1]:
                candidates.setdefault(refs[0], set()).add(_text(resolved[1]))
            elif refs[1] is not None and decided[0]:
                candidates.setdefault(refs[1], set()).add(_text(resolved[0]))
            elif not all(decided):
                free[_atom_key(arg)] = [True, False]
            return True
        if name in ("Fn::Not", "Fn::And", "Fn::Or") and isinstance(arg, list):
            return all(walk(a, depth + 1) for a in arg)
        return False

    for name in names:
        if name in seen:
            continue
        seen.add(name)
        if name not in ctx.conditions or not walk(ctx.conditions[name], 0):
            return None
    choices: dict[str, list[Any]] = {}
    for ref, values in candidates.items():
        allowed = _mapping(ctx.parameters.get(ref)).get("AllowedValues")
        if isinstance(allowed, list) and allowed:
            choices[ref] = [_text(v) for v in allowed]
        else:
            choices[ref] = [*sorted(values), _OTHER]
    return choices, free


def _conditions_used(value: Any, found: list[str]) -> None:
    fn = _single_key(value)
    if fn is not None and fn[0] == "Fn::If" and isinstance(fn[1], list) and fn[1]:
        cond = fn[1][0]
        if isinstance(cond, str) and cond not in found:
            found.append(cond)
    if isinstance(value, dict):
        for item in value.values():
            _conditions_used(item, found)
    elif isinstance(value, list):
        for item in value:
            _conditions_used(item, found)


def _assignments(
    names: list[str], ctx: _Context
) -> list[tuple[_Env, tuple[tuple[str, bool], ...]]] | None:
    """The distinct ways the conditions ``names`` can come out together, each with the
    assumptions that produce it; ``None`` when they cannot be enumerated within the limits."""
    atoms = _atoms(names, ctx)
    if atoms is None:
        return None
    choices, free = atoms
    axes = [*choices.items(), *free.items()]
    total = 1
    for _, options in axes:
        total *= len(options)
    if total > MAX_VARIANTS:
        return None
    out: dict[tuple[tuple[str, bool], ...], _Env] = {}
    for combo in itertools.product(*(options for _, options in axes)):
        env = _Env({key: value for (key, _), value in zip(axes, combo, strict=True)})
        sub = _Context(ctx.template, {**ctx.pseudo, **_pseudo_of(env)}, env)
        outcome = tuple((n, _condition(n, sub)) for n in names)
        if any(v is None for _, v in outcome):
            return None
        decided = tuple((n, bool(v)) for n, v in outcome)
        out.setdefault(decided, env)
    return [(env, decided) for decided, env in out.items()]


def _pseudo_of(env: _Env) -> dict[str, Any]:
    return {k: v for k, v in env.values.items() if k.startswith("AWS::") and v != _OTHER}


# --------------------------------------------------------------------------- resolution


def _resolve(value: Any, ctx: _Context) -> Any:
    """Resolve one value under the context's assumptions; may return ``_NO_VALUE``.

    The most common values (plain strings and objects) are tested for first: this walk
    runs over every property of every checked resource.
    """
    if isinstance(value, str):
        return _dynamic(value, value) if "{{resolve:" in value else value
    if isinstance(value, dict):
        fn = _single_key(value) if len(value) == 1 else None
        if fn is None:
            out: dict[str, Any] = {}
            for key, item in value.items():
                if type(item) is str and "{{resolve:" not in item:
                    out[key] = item  # a plain string (most values): no call
                    continue
                resolved = _resolve(item, ctx)
                if resolved is not _NO_VALUE:
                    out[key] = resolved
            return out
        name, arg = fn
        try:
            return _dynamic(_function(name, arg, value, ctx), value)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError) as error:
            return Unresolved(f"a malformed {name} ({error})", value, Kind.MALFORMED)
    if isinstance(value, list):
        items: list[Any] = []
        for item in value:
            if type(item) is str and "{{resolve:" not in item:
                items.append(item)
                continue
            resolved = _resolve(item, ctx)
            if resolved is not _NO_VALUE:
                items.append(resolved)
        return items
    return value


def _dynamic(value: Any, original: Any) -> Any:
    """A string holding a dynamic reference (``{{resolve:ssm:...}}``, as CDK writes for
    secrets and SSM parameters) is only known at deploy time."""
    if isinstance(value, str) and "{{resolve:" in value:
        service = value.split("{{resolve:", 1)[1].split(":", 1)[0]
        return Unresolved(
            f"a {service} dynamic reference resolved at deploy time",
            original,
            Kind.DYNAMIC_REFERENCE,
        )
    return value


def _function(name: str, arg: Any, value: Any, ctx: _Context) -> Any:
    if name == "Ref":
        return _ref(arg, value, ctx)
    if name == "Fn::If":
        cond, when_true, when_false = arg
        taken = _condition(cond, ctx)
        if taken is None:
            ctx.met_undecided = True
            return Unresolved(f"condition {cond!r}", value, Kind.CONDITION)
        return _resolve(when_true if taken else when_false, ctx)
    if name == "Fn::Join":
        sep, parts = arg
        resolved = _resolve(parts, ctx)
        if isinstance(resolved, list) and all(_is_scalar(p) for p in resolved):
            return str(sep).join(_text(p) for p in resolved)
        return _unresolved_in(resolved, "a joined value", value)
    if name == "Fn::Select":
        index, options = arg
        resolved_options = _resolve(options, ctx)
        resolved_index = _resolve(index, ctx)
        if not isinstance(resolved_options, list):
            return _unresolved_in(resolved_options, "a selected value", value)
        if isinstance(resolved_index, Unresolved):
            return Unresolved(resolved_index.reason, value, resolved_index.kind)
        if isinstance(resolved_index, bool) or not _is_index(resolved_index):
            _refuse_other_digits("Fn::Select index", resolved_index)
            return Unresolved(f"an invalid Fn::Select index {resolved_index!r}", value)
        position = int(resolved_index)
        if position >= len(resolved_options):
            return Unresolved("an Fn::Select index out of range", value)
        return resolved_options[position]
    if name == "Fn::Sub":
        return _sub(arg, value, ctx)
    if name == "Fn::FindInMap":
        keys = [_resolve(k, ctx) for k in arg[:3]]
        if all(isinstance(k, str) for k in keys):
            found = _mapping(_mapping(ctx.mappings.get(keys[0])).get(keys[1])).get(
                keys[2], _NO_VALUE
            )
            if found is not _NO_VALUE:
                return _resolve(found, ctx)
            return Unresolved("an Fn::FindInMap key that the mapping lacks", value)
        return _unresolved_in(keys, "an Fn::FindInMap lookup", value)
    if name == "Fn::ImportValue":
        export = _resolve(arg, ctx)
        label = export if isinstance(export, str) else "a computed name"
        return Unresolved(f"the imported value {label}", value, Kind.IMPORT)
    if name == "Fn::GetAtt":
        target = arg if isinstance(arg, str) else ".".join(str(a) for a in arg)
        return Unresolved(f"the attribute {target}", value, Kind.ATTRIBUTE)
    if name == "Fn::GetAZs":
        return Unresolved("the Region's Availability Zones", value, Kind.PSEUDO)
    if name == "Fn::Split":
        sep, text = arg
        resolved = _resolve(text, ctx)
        if isinstance(sep, str) and sep and isinstance(resolved, str):
            return resolved.split(sep)
        return _unresolved_in(resolved, "a split value", value)
    if name == "Fn::Base64":
        resolved = _resolve(arg, ctx)
        if isinstance(resolved, str):
            return base64.b64encode(resolved.encode()).decode()
        return _unresolved_in(resolved, "an Fn::Base64 value", value)
    if name == "Fn::Length":
        resolved = _resolve(arg, ctx)
        if isinstance(resolved, list):
            return len(resolved)
        return _unresolved_in(resolved, "an Fn::Length value", value)
    if name == "Fn::ToJsonString":
        resolved = _resolve(arg, ctx)
        if _first_unresolved(resolved) is None:
            return json.dumps(resolved, separators=(",", ":"))
        return _unresolved_in(resolved, "an Fn::ToJsonString value", value)
    if name == "Fn::Cidr":
        block, count, bits = (_resolve(a, ctx) for a in arg)
        _cidr_limits(block, count, bits)
        if isinstance(block, str) and _is_index(count) and _is_index(bits):
            network = ipaddress.ip_network(block, strict=False)
            _cidr_limits(network, count, bits)
            prefix = network.max_prefixlen - int(bits)
            subnets = itertools.islice(network.subnets(new_prefix=prefix), int(count))
            return [str(s) for s in subnets]
        return _unresolved_in([block, count, bits], "an Fn::Cidr value", value)
    return Unresolved(f"the intrinsic function {name}", value)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, Unresolved)


def _is_index(value: Any) -> bool:
    """A non-negative integer, or a string of ASCII digits (``"2"``)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.isascii() and value.isdigit()


def _refuse_other_digits(what: str, value: Any) -> None:
    """Digits that Python reads as a number but are not ASCII (Arabic-Indic, full-width,
    superscript: U+0661, U+FF11, U+00B2):
    CloudFormation's integers are ASCII digits, so a template holding them is refused."""
    if isinstance(value, str) and not value.isascii() and any(c.isdigit() for c in value):
        raise InputError(
            f"the {what} {value!r} is written with digits that are not ASCII (0-9); "
            "CloudFormation rejects it: write the number in ASCII digits"
        )


#: What CloudFormation allows in ``Fn::Cidr``: 1 to 256 blocks, and subnet bits that fit the
#: address family (at most 32 for IPv4, 128 for IPv6, minus the block's own prefix).
CIDR_MAX_COUNT = 256


def _cidr_limits(block: Any, count: Any, bits: Any) -> None:
    """Raise :class:`InputError` for an ``Fn::Cidr`` whose decided arguments CloudFormation
    rejects; ``block`` is the resolved block or, once parsed, its network. Checked before
    any block is generated, so that a huge count costs nothing."""
    _refuse_other_digits("Fn::Cidr count", count)
    _refuse_other_digits("Fn::Cidr cidrBits", bits)
    if _is_index(count) and not 1 <= int(count) <= CIDR_MAX_COUNT:
        raise InputError(
            f"Fn::Cidr count {count!r} is outside 1-{CIDR_MAX_COUNT}, the range CloudFormation "
            "allows: ask for at most 256 blocks"
        )
    if not _is_index(bits):
        return
    if isinstance(block, (ipaddress.IPv4Network, ipaddress.IPv6Network)):
        most, family = block.max_prefixlen - block.prefixlen, f"{block} (IPv{block.version})"
    else:
        most, family = 128, "any address block (IPv6 has 128 bits)"
    if int(bits) > most:
        raise InputError(
            f"Fn::Cidr cidrBits {bits!r} is more than {most}, the most {family} allows; "
            "CloudFormation rejects the template"
        )


def _unresolved_in(resolved: Any, what: str, original: Any) -> Unresolved:
    found = _first_unresolved(resolved)
    if found is not None:
        return Unresolved(found.reason, original, found.kind)
    return Unresolved(what, original)


def _ref(name: Any, original: Any, ctx: _Context) -> Any:
    if not isinstance(name, str):
        return Unresolved(f"a Ref to {name!r}", original)
    if name == "AWS::NoValue":
        return _NO_VALUE
    if name in ctx.pseudo:
        return ctx.pseudo[name]
    assumed = ctx.env.values.get(name, _OTHER)
    if name in ctx.env.values and assumed != _OTHER:
        return assumed
    if name.startswith("AWS::"):
        return Unresolved(f"the pseudo parameter {name}", original, Kind.PSEUDO)
    if name in ctx.parameters:
        return Unresolved(f"the template parameter {name}", original, Kind.PARAMETER)
    if name in ctx.resources:
        return Unresolved(
            f"the id of resource {name}, known only at deploy time", original, Kind.RESOURCE_ID
        )
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
            if token in variables:
                resolved = variables[token]
            elif "." in token and token.split(".", 1)[0] in ctx.resources:
                resolved = Unresolved(f"the attribute {token}", original, Kind.ATTRIBUTE)
            else:
                resolved = _ref(token, original, ctx)
            if not _is_scalar(resolved):
                return _unresolved_in(resolved, f"${{{token}}}", original)
            out.append(_text(resolved))
        pos = end + 1
    return "".join(out)


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


# --------------------------------------------------------------------------- entry points


def expand(
    properties: Mapping[str, Any],
    template: Mapping[str, Any],
    pseudo: Mapping[str, Any],
    resource_condition: str | None = None,
) -> list[Variant]:
    """All the variants of a resource's properties, one per way its conditions can come out.

    ``pseudo`` holds the pseudo parameters known at synth (``AWS::Region`` when the stack has
    an explicit environment, ``AWS::AccountId``, ``AWS::Partition``). ``resource_condition``
    is the resource's own ``Condition``: variants in which it is false do not exist (an empty
    list means the resource is never created).
    """
    base = _Context(template, pseudo)
    own = None if resource_condition is None else _condition(resource_condition, base)
    if own is False:
        return []
    resolved = _resolve(dict(properties), base)
    if not base.met_undecided and (own is not None or resource_condition is None):
        return [Variant(resolved)]  # the common case: every condition met is decided
    names: list[str] = []
    if resource_condition is not None:
        names.append(resource_condition)
    _conditions_used(properties, names)
    undecided = [n for n in names if _condition(n, base) is None]
    assignments = _assignments(undecided, base) if undecided else []
    if not undecided or assignments is None:
        # Decided, or too many (or invalid) conditions: undecided ones stay Unresolved.
        return [Variant(resolved)]
    variants = []
    for env, decided in assignments:
        if resource_condition is not None and dict(decided).get(resource_condition) is False:
            continue
        ctx = _Context(template, {**pseudo, **_pseudo_of(env)}, env)
        shown = tuple((n, v) for n, v in decided if n != resource_condition)
        variants.append(Variant(_resolve(dict(properties), ctx), shown))
    return _dedupe(variants)


def _dedupe(variants: list[Variant]) -> list[Variant]:
    """Variants with equal properties are one (conditions that only gate the resource)."""
    out: list[Variant] = []
    for variant in variants:
        if not any(v.properties == variant.properties for v in out):
            out.append(variant)
    if len(out) == 1:
        return [Variant(out[0].properties)]
    return out


def condition_holds(
    name: str, template: Mapping[str, Any], pseudo: Mapping[str, Any]
) -> bool | None:
    """A template condition's value when the template decides it, else ``None``."""
    return _condition(name, _Context(template, pseudo))


def condition_problem(name: Any, template: Mapping[str, Any]) -> str | None:
    """Why a condition cannot be evaluated at all (unknown, cyclic, or nested deeper than
    :data:`MAX_CONDITION_DEPTH`), else ``None``."""
    conditions = _mapping(template.get("Conditions"))
    if not isinstance(name, str) or name not in conditions:
        return f"the condition {name!r} is not defined in the template"
    done: set[str] = set()

    def visit(current: str, path: tuple[str, ...]) -> str | None:
        if current in path:
            return f"the condition {name!r} refers to itself ({' -> '.join((*path, current))})"
        if len(path) >= MAX_CONDITION_DEPTH:
            return f"the condition {name!r} nests more than {MAX_CONDITION_DEPTH} conditions"
        if current in done:
            return None
        if current not in conditions:
            return f"the condition {current!r} (used by {name!r}) is not defined"
        for ref in _condition_refs(conditions[current]):
            problem = visit(ref, (*path, current))
            if problem is not None:
                return problem
        done.add(current)
        return None

    return visit(name, ())


def region_condition(name: str, template: Mapping[str, Any]) -> list[str] | None:
    """The Regions a condition stands for, when it only says "the Region is one of these"
    (as CDK's ``AwsCdkKinesisEncryptedStreamsUnsupportedRegions`` does), else ``None``."""
    expr = _mapping(template.get("Conditions")).get(name)
    regions: list[str] = []

    def collect(value: Any, depth: int) -> bool:
        fn = _single_key(value, in_condition=True)
        if fn is None or depth > 10:
            return False
        function, arg = fn
        if function == "Fn::Or" and isinstance(arg, list):
            return all(collect(a, depth + 1) for a in arg)
        if function == "Fn::Equals" and isinstance(arg, list) and len(arg) == 2:
            refs = [a for a in arg if a == {"Ref": "AWS::Region"}]
            others = [a for a in arg if isinstance(a, str)]
            if len(refs) == 1 and len(others) == 1:
                regions.append(others[0])
                return True
        return False

    return regions if expr is not None and collect(expr, 0) else None


def _condition_refs(expr: Any) -> Iterator[str]:
    fn = _single_key(expr, in_condition=True)
    if fn is None:
        return
    name, arg = fn
    if name == "Condition":
        yield str(arg)
    elif isinstance(arg, list):
        for item in arg:
            yield from _condition_refs(item)


def resolve(value: Any, template: Mapping[str, Any], pseudo: Mapping[str, Any]) -> Any:
    """Resolve a single value with every undecided condition left :class:`Unresolved`."""
    resolved = _resolve(value, _Context(template, pseudo))
    return None if resolved is _NO_VALUE else resolved


# --------------------------------------------------------------------------- reading


def get(obj: Any, path: str, *, deep: bool = True, where: str = "") -> Any:
    """Read ``A.B.C`` from resolved properties; ``None`` when any step is absent.

    Raises :class:`Undecidable` when a step, or (with ``deep``) anything inside the value
    found, is :class:`Unresolved`. ``where`` prefixes the path in messages (``Containers[0]``).
    """
    full = f"{where}.{path}" if where and path else (where or path)
    current = obj
    for step in path.split(".") if path else []:
        if isinstance(current, Unresolved):
            raise Undecidable.of(full, current)
        if not isinstance(current, dict):
            return None
        current = current.get(step)
        if current is None:
            return None
    if isinstance(current, Unresolved):
        raise Undecidable.of(full, current)
    if deep:
        found = _first_unresolved(current)
        if found is not None:
            raise Undecidable.of(full, found)
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
            raise Undecidable.of(item_path, item)
        if isinstance(item, dict):
            yield item_path, item


class View:
    """Read-only access to resolved properties: the only way rules read a template value.

    Every read names its property path, so a verdict can say where it looked; a value that the
    template cannot decide raises :class:`Undecidable` instead of being returned.
    """

    __slots__ = ("_value", "path")

    def __init__(self, value: Any, path: str = "") -> None:
        self._value = value
        self.path = path

    def __repr__(self) -> str:
        return f"View({self.path or '<root>'})"

    def _full(self, path: str) -> str:
        return f"{self.path}.{path}" if self.path and path else (self.path or path)

    def get(self, path: str = "") -> Any:
        """The plain value at ``path`` (``None``: absent); :class:`Undecidable` if any part
        of it is undecided."""
        return get(self._value, path, where=self.path)

    def shallow(self, path: str = "") -> Any:
        """Like :meth:`get`, but values inside the one found may still be undecided."""
        return get(self._value, path, deep=False, where=self.path)

    def has(self, path: str) -> bool:
        """Whether ``path`` is present. Undecidable only when the presence itself is (an
        ``Fn::If`` that may drop it); an unresolved but present value counts as present."""
        try:
            return get(self._value, path, deep=False, where=self.path) is not None
        except Undecidable as error:
            if error.kind is Kind.CONDITION:
                raise
            return True

    def unresolved(self, path: str) -> Unresolved | None:
        """The marker standing at ``path`` when its value is undecided (a ``Ref``, an
        attribute, an import...), else ``None``: what :meth:`App.follow` reads to find the
        resource a property points at."""
        try:
            get(self._value, path, deep=False, where=self.path)
        except Undecidable:
            current = self._value
            for step in path.split("."):
                if isinstance(current, Unresolved):
                    return current
                current = current.get(step) if isinstance(current, dict) else None
            return current if isinstance(current, Unresolved) else None
        return None

    def at(self, path: str) -> View | None:
        """The object or list at ``path`` as a view (``None``: absent)."""
        value = get(self._value, path, deep=False, where=self.path)
        return None if value is None else View(value, self._full(path))

    def items(self, path: str) -> Iterator[View]:
        """The objects of the list at ``path``, each as a view."""
        for item_path, item in items(self._value, path, where=self.path):
            yield View(item, item_path)

    def values(self, path: str) -> list[Any]:
        """The plain items of the list at ``path`` (``[]``: absent)."""
        value = self.get(path)
        if value is None:
            return []
        if not isinstance(value, list):
            raise Undecidable(self._full(path), f"a value that is not a list ({value!r})")
        return value
