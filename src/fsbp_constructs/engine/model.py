"""The app being checked: stacks, their templates, and what the cloud assembly says about them.

Everything here is plain JSON (see :mod:`.loader` for reading it from disk). Nothing imports
``aws_cdk``.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .values import Unresolved, Variant, View, condition_holds, expand, resolve

__all__ = [
    "ACKNOWLEDGED_RULES",
    "App",
    "Reference",
    "Resource",
    "Stack",
    "Target",
]

#: The construct metadata type that ``Validations.of(x).acknowledge(...)`` writes.
ACKNOWLEDGED_RULES = "aws:cdk:acknowledged-rules"


@dataclass
class Stack:
    """One CloudFormation template and what is known about its deployment."""

    name: str
    template_path: Path
    template: dict[str, Any]
    region: str | None = None
    account: str | None = None
    #: The stack's own settings from the cloud assembly, under CloudFormation's stack API
    #: names (``NotificationARNs``, ``EnableTerminationProtection``, ``RoleARN``: the service
    #: role a deploy passes); ``None`` when the input carries no stack settings (a bare
    #: template). A nested stack has its root's settings: CloudFormation applies the root's
    #: termination protection and service role to it.
    settings: dict[str, Any] | None = None
    #: Construct path of the stack (``MyStack``, ``Prod/MyStack``, ``MyStack/Nested``).
    construct_path: str | None = None
    #: logical id -> construct path, from the stack's metadata.
    construct_paths: dict[str, str] = field(default_factory=dict)
    #: construct path -> {acknowledged id: reason}, from construct metadata.
    acknowledgments: dict[str, dict[str, str]] = field(default_factory=dict)
    parent: Stack | None = None

    @functools.cached_property
    def pseudo_parameters(self) -> dict[str, Any]:
        """The pseudo parameters the stack's environment decides (read once)."""
        pseudo: dict[str, Any] = {}
        if self.region:
            pseudo["AWS::Region"] = self.region
            if self.region.startswith("cn-"):
                pseudo["AWS::Partition"] = "aws-cn"
            elif self.region.startswith("us-gov-"):
                pseudo["AWS::Partition"] = "aws-us-gov"
            else:
                pseudo["AWS::Partition"] = "aws"
        if self.account:
            pseudo["AWS::AccountId"] = self.account
        return pseudo

    @property
    def resources(self) -> dict[str, Any]:
        resources = self.template.get("Resources")
        return resources if isinstance(resources, dict) else {}

    def resolve(self, value: Any) -> Any:
        """Resolve a value of this template (undecided conditions stay unresolved)."""
        return resolve(value, self.template, self.pseudo_parameters)

    def construct_path_of(self, logical_id: str) -> str | None:
        path = self.construct_paths.get(logical_id)
        if path is not None:
            return path
        definition = self.resources.get(logical_id)
        metadata = definition.get("Metadata") if isinstance(definition, dict) else None
        cdk_path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
        return cdk_path if isinstance(cdk_path, str) else None


@dataclass
class Resource:
    """One resource as a rule sees it: one resolved variant of its properties, read through
    :attr:`props` (a :class:`View`: every read names its path, and undecided values raise)."""

    stack: Stack
    logical_id: str
    type: str
    variant: Variant
    app: App

    @property
    def props(self) -> View:
        return View(self.variant.properties)

    @property
    def construct_path(self) -> str | None:
        return self.stack.construct_path_of(self.logical_id)

    @property
    def is_stack_itself(self) -> bool:
        """True for the stand-in of a top-level stack (stack-level controls)."""
        return self.logical_id == ""


@dataclass(frozen=True)
class Target:
    """Another resource of the app, as a cross-resource lookup finds it: its properties
    resolved with undecided conditions left undecided."""

    stack: Stack
    logical_id: str
    type: str
    props: View
    #: The resource's ``Condition`` when the template does not decide it (the resource may
    #: not be created); ``None`` for a resource that is created. Resources whose condition is
    #: false are not in the app's lookups at all.
    condition: str | None = None


@dataclass(frozen=True)
class Reference:
    """A resource points at another through ``path`` (a ``Ref``, ``Fn::GetAtt``, ``Fn::Sub``
    or CDK cross-stack import in one of its properties)."""

    app: App
    stack: Stack
    logical_id: str
    type: str
    path: str

    @property
    def source(self) -> Target:
        """The resource that points (its properties resolved on first use)."""
        found = self.app._target(self.stack, self.logical_id)
        assert found is not None
        return found


T = TypeVar("T")

#: Intrinsics a reference can be wrapped in and still name its target (see ``_unwrapped``).
_WRAPPERS = frozenset({"Fn::If", "Fn::Select", "Fn::Join"})

_REF_IN_SUB = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")


@dataclass(eq=False)
class App:
    """All the stacks being checked together; cross-resource lookups stay within it.

    Lookups are indexed once and resolve a resource's properties only when a rule asks for
    that resource, so a control that looks across the app stays linear in its size.
    """

    stacks: list[Stack]
    _targets: dict[tuple[int, str], Target | None] = field(default_factory=dict, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _referrer_index: dict[str, dict[tuple[int, str], list[Reference]]] = field(
        default_factory=dict, repr=False
    )
    _exists: dict[tuple[int, str], bool | None] = field(default_factory=dict, repr=False)
    _watch: list[Target] | None = field(default=None, repr=False)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per app: an index a cross-resource control builds over the
        whole app (every registry scanning rule, every custom resource that sets a mode)
        and then reads per resource, so that the control stays linear."""
        if key not in self._memo:
            watch, self._watch = self._watch, None  # an index belongs to no one resource
            try:
                self._memo[key] = compute()
            finally:
                self._watch = watch
        value: T = self._memo[key]
        return value

    @functools.cached_property
    def _by_type(self) -> dict[str, list[tuple[Stack, str]]]:
        index: dict[str, list[tuple[Stack, str]]] = {}
        for stack in self.stacks:
            for logical_id, definition in stack.resources.items():
                if isinstance(definition, dict) and self.created(stack, logical_id) is not False:
                    index.setdefault(str(definition.get("Type")), []).append((stack, logical_id))
        return index

    def created(self, stack: Stack, logical_id: str) -> bool | None:
        """Whether the template creates the resource: its ``Condition`` (none: created),
        ``None`` when the condition is undecided (a parameter decides it)."""
        key = (id(stack), logical_id)
        if key not in self._exists:
            definition = stack.resources.get(logical_id)
            condition = definition.get("Condition") if isinstance(definition, dict) else None
            self._exists[key] = (
                True
                if not isinstance(condition, str)
                else condition_holds(condition, stack.template, stack.pseudo_parameters)
            )
        return self._exists[key]

    def _target(self, stack: Stack, logical_id: str) -> Target | None:
        key = (id(stack), logical_id)
        if key not in self._targets:
            definition = stack.resources.get(logical_id)
            created = self.created(stack, logical_id)
            target = None
            if isinstance(definition, dict) and created is not False:
                properties = definition.get("Properties")
                resolved = stack.resolve(properties if isinstance(properties, dict) else {})
                target = Target(
                    stack,
                    logical_id,
                    str(definition.get("Type")),
                    View(resolved),
                    None if created else str(definition.get("Condition")),
                )
            self._targets[key] = target
        found = self._targets[key]
        if found is not None and found.condition is not None and self._watch is not None:
            self._watch.append(found)
        return found

    @contextlib.contextmanager
    def watching(self) -> Iterator[list[Target]]:
        """Collect, while one rule judges one resource, the resources it looked at whose
        creation the template leaves undecided (an undecided ``Condition``): a verdict that
        rests on them is UNKNOWN."""
        watch, self._watch = self._watch, []
        try:
            yield self._watch
        finally:
            self._watch = watch

    @functools.cached_property
    def _exports(self) -> dict[str, tuple[Stack, Any]]:
        exports: dict[str, tuple[Stack, Any]] = {}
        for stack in self.stacks:
            outputs = stack.template.get("Outputs") or {}
            for output in outputs.values() if isinstance(outputs, dict) else []:
                if isinstance(output, dict):
                    name = stack.resolve((output.get("Export") or {}).get("Name"))
                    if isinstance(name, str):
                        exports.setdefault(name, (stack, output.get("Value")))
        return exports

    def types(self) -> list[str]:
        """Every resource type in the app (to find ``Custom::*`` resources, say)."""
        return list(self._by_type)

    def resources(self, type_name: str) -> list[Target]:
        """Every resource of a type in the app, in template order (an index built once)."""
        found = (self._target(s, i) for s, i in self._by_type.get(type_name, ()))
        return [t for t in found if t is not None]

    def referenced(self, stack: Stack, value: Any) -> Target | None:
        """The resource that a value points to: a ``Ref`` or ``Fn::GetAtt`` in ``stack``, or
        a CDK cross-stack ``Fn::ImportValue`` of one. ``value`` is the raw expression or the
        :class:`Unresolved` marker that stands for it."""
        found = self._pointed(stack, value)
        return None if found is None else self._target(*found)

    def follow(self, source: Resource | Target, path: str) -> Target | None:
        """The resource that ``source``'s property at ``path`` points to (by ``Ref``,
        ``Fn::GetAtt`` or a CDK cross-stack import), when it is in the app."""
        return self.referenced(source.stack, source.props.unresolved(path))

    def _pointed(self, stack: Stack, value: Any, depth: int = 0) -> tuple[Stack, str] | None:
        expr = value.expr if isinstance(value, Unresolved) else value
        if not isinstance(expr, dict) or len(expr) != 1 or depth > 4:
            return None
        ((fn, arg),) = expr.items()
        name = None
        if fn == "Ref" and isinstance(arg, str):
            name = arg
        elif fn == "Fn::GetAtt":
            name = arg[0] if isinstance(arg, list) and arg else str(arg).split(".", 1)[0]
        elif fn == "Fn::ImportValue":
            export = stack.resolve(arg)
            found = self._exports.get(export) if isinstance(export, str) else None
            return None if found is None else self._pointed(*found, depth + 1)
        if (
            isinstance(name, str)
            and isinstance(stack.resources.get(name), dict)
            and self.created(stack, name) is not False
        ):
            return stack, name
        return None

    def _referrers_from(self, type_name: str) -> dict[tuple[int, str], list[Reference]]:
        """Everything that resources of ``type_name`` point at, indexed by target on first
        use: a control asks for the referrers of one or two types (the flow logs of a VPC),
        so only their properties are walked, not the whole app's."""
        index = self._referrer_index.get(type_name)
        if index is None:
            index = self._referrer_index[type_name] = {}
            for stack, logical_id in self._by_type.get(type_name, ()):
                found: list[tuple[str, tuple[Stack, str]]] = []
                self._pointers(stack, stack.resources[logical_id].get("Properties"), "", found)
                for path, (target_stack, target_id) in found:
                    reference = Reference(self, stack, logical_id, type_name, path)
                    index.setdefault((id(target_stack), target_id), []).append(reference)
        return index

    @functools.cached_property
    def _position(self) -> dict[tuple[int, str], int]:
        """Each resource's place in the app (stack by stack, in template order)."""
        return {
            (id(stack), logical_id): n
            for n, (stack, logical_id) in enumerate(
                (stack, logical_id) for stack in self.stacks for logical_id in stack.resources
            )
        }

    def _pointers(
        self, stack: Stack, value: Any, path: str, found: list[tuple[str, tuple[Stack, str]]]
    ) -> None:
        """Add to ``found`` every place in ``value`` that points at a resource (descending
        only into objects and lists: this walks every property of the resources indexed)."""
        if isinstance(value, dict):
            if len(value) == 1:
                target = self._pointed(stack, value)
                if target is not None:
                    found.append((path, target))
                    return
                ((fn, arg),) = value.items()
                if fn in _WRAPPERS:  # the property points where its wrapped value does
                    for item in self._unwrapped(stack, fn, arg):
                        self._pointers(stack, item, path, found)
                    return
                if "Fn::Sub" in value:
                    text = value["Fn::Sub"]
                    text = text[0] if isinstance(text, list) and text else text
                    for name in _REF_IN_SUB.findall(text if isinstance(text, str) else ""):
                        if isinstance(stack.resources.get(name), dict):
                            found.append((path, (stack, name)))
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    self._pointers(stack, item, f"{path}.{key}" if path else key, found)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, (dict, list)):
                    self._pointers(stack, item, f"{path}[{index}]", found)

    def _unwrapped(self, stack: Stack, fn: str, arg: Any) -> list[Any]:
        """The values a wrapping intrinsic can evaluate to: the chosen branch of an
        ``Fn::If`` (both while its condition is undecided), the chosen item of an
        ``Fn::Select`` with a literal index (every item otherwise), the parts of an
        ``Fn::Join``."""
        if fn == "Fn::If" and isinstance(arg, list) and len(arg) == 3:
            holds = condition_holds(arg[0], stack.template, stack.pseudo_parameters)
            return [arg[1], arg[2]] if holds is None else [arg[1] if holds else arg[2]]
        if fn == "Fn::Select" and isinstance(arg, list) and len(arg) == 2:
            index, items = stack.resolve(arg[0]), arg[1]
            if isinstance(items, list) and isinstance(index, (int, str)):
                text = str(index)
                if text.isascii() and text.isdigit():
                    return items[int(text) : int(text) + 1]
            return list(items) if isinstance(items, list) else [items]
        if fn == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
            return list(arg[1]) if isinstance(arg[1], list) else [arg[1]]
        return [arg]

    def pointed(self, source: Resource | Target, prop: str) -> list[tuple[str, Target]]:
        """What ``source``'s top-level property ``prop`` points at, as :meth:`referrers` sees
        it from the other side (a ``Ref``, ``Fn::GetAtt``, ``Fn::Sub`` or CDK import anywhere
        inside it): ``(path, target)`` pairs, the path from ``prop`` (``Queues[1]``)."""
        definition = source.stack.resources.get(source.logical_id)
        properties = definition.get("Properties") if isinstance(definition, dict) else None
        value = properties.get(prop) if isinstance(properties, dict) else None
        found: list[tuple[str, tuple[Stack, str]]] = []
        self._pointers(source.stack, {prop: value}, "", found)
        targets = ((path, self._target(*key)) for path, key in found)
        return [(path, target) for path, target in targets if target is not None]

    def referrers(self, resource: Resource | Target, *types: str) -> list[Reference]:
        """Everything in the app that points at ``resource`` (optionally only from resources
        of ``types``): flow logs of a VPC, a listener of a load balancer, a WAF association."""
        key = (id(resource.stack), resource.logical_id)
        found = [
            reference
            for type_name in dict.fromkeys(types or self._by_type)
            for reference in self._referrers_from(type_name).get(key, ())
        ]
        if len(types) != 1:  # in the app's order, as one walk of every type would find them
            found.sort(key=lambda r: self._position[(id(r.stack), r.logical_id)])
        return found

    def variants(self, stack: Stack, definition: Mapping[str, Any]) -> list[Variant]:
        properties = definition.get("Properties")
        if not isinstance(properties, dict):
            properties = {}
        condition = definition.get("Condition")
        return expand(
            properties,
            stack.template,
            stack.pseudo_parameters,
            condition if isinstance(condition, str) else None,
        )
