"""The app being checked: stacks, their templates, and what the cloud assembly says about them.

Everything here is plain JSON (see :mod:`.loader` for reading it from disk). Nothing imports
``aws_cdk``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .values import Unresolved, Variant, expand, resolve

__all__ = [
    "ACKNOWLEDGED_RULES",
    "App",
    "Resource",
    "Stack",
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
    #: ARNs from the cloud assembly; ``None`` when the input carries no stack settings.
    notification_arns: list[str] | None = None
    #: Construct path of the stack (``MyStack``, ``Prod/MyStack``, ``MyStack/Nested``).
    construct_path: str | None = None
    #: logical id -> construct path, from the stack's metadata.
    construct_paths: dict[str, str] = field(default_factory=dict)
    #: construct path -> {acknowledged id: reason}, from construct metadata.
    acknowledgments: dict[str, dict[str, str]] = field(default_factory=dict)
    parent: Stack | None = None

    @property
    def pseudo_parameters(self) -> dict[str, Any]:
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
    """One resource, as a rule sees it: ``properties`` is one resolved variant."""

    stack: Stack
    logical_id: str
    type: str
    definition: dict[str, Any]
    variant: Variant
    app: App

    @property
    def properties(self) -> dict[str, Any]:
        return self.variant.properties

    @property
    def construct_path(self) -> str | None:
        return self.stack.construct_path_of(self.logical_id)

    @property
    def is_stack_itself(self) -> bool:
        """True for the stand-in of a top-level stack (stack-level controls)."""
        return self.logical_id == ""


@dataclass
class App:
    """All the stacks being checked together; cross-resource lookups stay within it."""

    stacks: list[Stack]

    @functools.cached_property
    def _by_type(self) -> dict[str, list[tuple[Stack, str, dict[str, Any]]]]:
        index: dict[str, list[tuple[Stack, str, dict[str, Any]]]] = {}
        for stack in self.stacks:
            for logical_id, definition in stack.resources.items():
                if isinstance(definition, dict):
                    entry = (stack, logical_id, definition)
                    index.setdefault(str(definition.get("Type")), []).append(entry)
        return index

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

    def resources(self, type_name: str) -> Iterator[tuple[Stack, str, dict[str, Any]]]:
        """Every resource of a type in the app, in template order (an index built once)."""
        yield from self._by_type.get(type_name, ())

    def referenced_resource(
        self, stack: Stack, value: Any
    ) -> tuple[Stack, str, dict[str, Any]] | None:
        """The resource that a ``Ref`` (or a CDK cross-stack ``Fn::ImportValue``) points to."""
        expr = value.expr if isinstance(value, Unresolved) else value
        if not isinstance(expr, dict) or len(expr) != 1:
            return None
        ((fn, arg),) = expr.items()
        if fn == "Ref" and isinstance(arg, str):
            definition = stack.resources.get(arg)
            return (stack, arg, definition) if isinstance(definition, dict) else None
        if fn == "Fn::ImportValue":
            name = stack.resolve(arg)
            if isinstance(name, str):
                return self._exported(name)
        return None

    def _exported(self, export_name: str) -> tuple[Stack, str, dict[str, Any]] | None:
        found = self._exports.get(export_name)
        return self.referenced_resource(*found) if found is not None else None

    def variants(self, stack: Stack, definition: Mapping[str, Any]) -> list[Variant]:
        properties = definition.get("Properties")
        if not isinstance(properties, dict):
            properties = {}
        return expand(properties, stack.template, stack.pseudo_parameters)
