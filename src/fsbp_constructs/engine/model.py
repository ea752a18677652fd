"""The app being checked: stacks, their templates, and what the cloud assembly says about them.

Everything here is plain JSON read from disk: a CDK cloud assembly (``cdk.out``) or bare
CloudFormation templates. Nothing imports ``aws_cdk``.

From a cloud assembly we read, per stack artifact in ``manifest.json`` (nested assemblies of
stages included): the template, the environment (account and Region, when explicit), the
stack's notification ARNs, and its metadata file, which maps construct paths to logical ids,
names the templates of nested stacks, and records acknowledgments
(``aws:cdk:acknowledged-rules``) on the construct they were made on.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .values import Unresolved, Variant, expand, resolve

__all__ = [
    "ACKNOWLEDGED_RULES",
    "App",
    "InputError",
    "Resource",
    "Stack",
    "load_cloud_assembly",
    "load_template_file",
]

#: The construct metadata type that ``Validations.of(x).acknowledge(...)`` writes.
ACKNOWLEDGED_RULES = "aws:cdk:acknowledged-rules"

_UNKNOWN_ENV = ("unknown-account", "unknown-region")


class InputError(Exception):
    """A file or directory that cannot be checked; the message names it and the problem."""


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


# ---------------------------------------------------------------------------------------------
# Loading


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: invalid JSON ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read ({error})") from None


def check_template(path: Path, template: Any, *, synthesized: bool = False) -> dict[str, Any]:
    """Raise :class:`InputError` unless ``template`` looks like a CloudFormation template.

    A template CDK synthesized for a stack without resources has no ``Resources``; that is
    allowed there (``synthesized``), and means nothing to check.
    """
    if synthesized and isinstance(template, dict) and "Resources" not in template:
        return template
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise InputError(
            f"{path}: not a CloudFormation template (no top-level 'Resources' mapping)"
        )
    return template


_READ = object()


def load_template_file(path: Path, template: Any = _READ) -> Stack:
    """A bare template: no environment, no stack settings, no construct metadata.

    ``template`` is the already parsed content (e.g. from YAML); by default the file is read
    as JSON.
    """
    data = check_template(path, _read_json(path) if template is _READ else template)
    name = path.name  # app.template.yaml -> app
    for suffix in (".json", ".yaml", ".yml", ".template"):
        name = name.removesuffix(suffix)
    return Stack(name=name or path.name, template_path=path, template=data)


def _environment(artifact: Mapping[str, Any]) -> tuple[str | None, str | None]:
    env = str(artifact.get("environment") or "")
    if not env.startswith("aws://"):
        return None, None
    account, _, region = env.removeprefix("aws://").partition("/")
    return (
        None if account in _UNKNOWN_ENV else account,
        None if region in _UNKNOWN_ENV else region,
    )


def _metadata(directory: Path, artifact: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    inline = artifact.get("metadata")
    if isinstance(inline, dict):
        return inline
    extra = artifact.get("additionalMetadataFile")
    if isinstance(extra, str):
        data = _read_json(directory / extra)
        return data if isinstance(data, dict) else {}
    return {}


def _stacks_of_artifact(
    directory: Path, artifact_id: str, artifact: Mapping[str, Any]
) -> list[Stack]:
    properties = artifact.get("properties") or {}
    template_file = properties.get("templateFile")
    if not isinstance(template_file, str):
        raise InputError(f"{directory / 'manifest.json'}: stack {artifact_id} names no template")
    account, region = _environment(artifact)
    arns = properties.get("notificationArns")
    metadata = _metadata(directory, artifact)

    # Which template each construct path belongs to: the stack's own, or a nested stack's.
    template_of: dict[str, str] = {}
    for path, entries in metadata.items():
        for entry in entries:
            if entry.get("type") == "aws:cdk:templateFile" and isinstance(entry.get("data"), str):
                template_of[path.strip("/")] = entry["data"]
    top_path = str(artifact.get("displayName") or artifact_id)
    if template_file not in template_of.values():
        template_of[top_path] = template_file
    owners = sorted(template_of, key=len, reverse=True)

    stacks: dict[str, Stack] = {}
    for path in sorted(template_of, key=len):
        file = template_of[path]
        template_path = directory / file
        template = check_template(template_path, _read_json(template_path), synthesized=True)
        parent = next(
            (stacks[p] for p in sorted(stacks, key=len, reverse=True) if path.startswith(p + "/")),
            None,
        )
        stacks[path] = Stack(
            name=artifact_id if parent is None else path,
            template_path=template_path,
            template=template,
            region=region,
            account=account,
            notification_arns=list(arns)
            if parent is None and isinstance(arns, list)
            else ([] if parent is None else None),
            construct_path=path,
            parent=parent,
        )
    for raw_path, entries in metadata.items():
        path = raw_path.strip("/")
        owner = next((o for o in owners if path == o or path.startswith(o + "/")), None)
        for entry in entries:
            kind, data = entry.get("type"), entry.get("data")
            if kind == "aws:cdk:logicalId" and isinstance(data, str) and owner is not None:
                stacks[owner].construct_paths[data] = path
            elif kind == ACKNOWLEDGED_RULES and isinstance(data, dict):
                # Every stack sees the acknowledgments of its own and its ancestors' paths.
                for stack in stacks.values():
                    acks = stack.acknowledgments.setdefault(path, {})
                    acks.update({str(k): str(v) for k, v in data.items()})
    return list(stacks.values())


def _assembly_stacks(directory: Path, recursive: bool) -> Iterator[Stack]:
    manifest_path = directory / "manifest.json"
    manifest = _read_json(manifest_path)
    artifacts = manifest.get("artifacts") if isinstance(manifest, dict) else None
    if not isinstance(artifacts, dict):
        raise InputError(f"{manifest_path}: not a cloud assembly manifest (no 'artifacts')")
    for artifact_id, artifact in artifacts.items():
        kind = artifact.get("type") if isinstance(artifact, dict) else None
        if kind == "aws:cloudformation:stack":
            yield from _stacks_of_artifact(directory, artifact_id, artifact)
        elif kind == "cdk:cloud-assembly":
            sub = (artifact.get("properties") or {}).get("directoryName")
            if recursive and isinstance(sub, str):
                yield from _assembly_stacks(directory / sub, recursive)


def load_cloud_assembly(
    directory: Path, *, templates: Iterable[Path] | None = None, recursive: bool = True
) -> App:
    """Every stack of a cloud assembly, nested stacks and (with ``recursive``) stages included.

    With ``templates``, only the stacks whose template is listed (plus their nested stacks).
    """
    if not (directory / "manifest.json").is_file():
        raise InputError(f"{directory}: not a cloud assembly (no manifest.json)")
    wanted = {Path(t).resolve() for t in templates} if templates is not None else None
    stacks = []
    for stack in _assembly_stacks(directory, recursive):
        top = stack
        while top.parent is not None:
            top = top.parent
        if wanted is None or top.template_path.resolve() in wanted:
            stacks.append(stack)
    return App(stacks)
