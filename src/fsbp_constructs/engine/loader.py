"""Loading what is checked: a CDK cloud assembly (``cdk.out``) or a bare CloudFormation template.

From a cloud assembly we read, per stack artifact in ``manifest.json`` (nested assemblies of
stages included): the template, the environment (account and Region, when explicit), the
stack's notification ARNs, and its metadata file, which maps construct paths to logical ids,
names the templates of nested stacks, and records acknowledgments
(``aws:cdk:acknowledged-rules``) on the construct they were made on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .model import ACKNOWLEDGED_RULES, App, Stack

__all__ = ["InputError", "check_template", "load_cloud_assembly", "load_template_file"]

_UNKNOWN_ENV = ("unknown-account", "unknown-region")


class InputError(Exception):
    """A file or directory that cannot be checked; the message names it and the problem."""


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
