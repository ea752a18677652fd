"""Loading what is checked: a CDK cloud assembly (``cdk.out``) or a bare CloudFormation template.

From a cloud assembly we read, per stack artifact in ``manifest.json`` (nested assemblies of
stages included): the template, the environment (account and Region, when explicit), the
stack's notification ARNs, and its metadata file, which maps construct paths to logical ids,
names the templates of nested stacks, and records acknowledgments
(``aws:cdk:acknowledged-rules``) on the construct they were made on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .foreach import FOR_EACH_PREFIX, expand_for_each
from .limits import (
    MAX_STAGE_DEPTH,
    InputError,
    NotFiniteNumber,
    first_not_finite,
    inside,
    read_bytes,
)
from .model import ACKNOWLEDGED_RULES, App, Stack

__all__ = [
    "InputError",
    "check_template",
    "load_cloud_assembly",
    "load_template_file",
    "parse_json",
]

_UNKNOWN_ENV = ("unknown-account", "unknown-region")


class _DuplicateKey(ValueError):
    pass


class _NotFinite(ValueError):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(
                    f"the key {key!r} appears twice in one object; CloudFormation rejects such "
                    "templates: keep one"
                )
            seen.add(key)
    return out


def _refuse_constant(text: str) -> Any:
    raise _NotFinite(text)


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e999: a number too large for any CloudFormation value
        raise _NotFinite(text)
    return number


def _marked(text: str) -> Any:
    """What a number JSON cannot hold stands for while :func:`_where_not_finite` finds it."""
    value = float(text)
    return NotFiniteNumber(text) if not math.isfinite(value) else value


def _where_not_finite(text: str) -> str:
    """Where (``Resources.R.Properties.X``) and what the first non-finite number of ``text``
    is; parsed again, only on this error path."""
    tree = json.loads(text, parse_constant=NotFiniteNumber, parse_float=_marked)
    found = first_not_finite(tree)
    return f"{found[0] or 'the top level'} is {found[1].text}" if found else "a number"


def parse_json(path: Path, text: str) -> Any:
    """JSON text, as CloudFormation reads it.

    Refused, naming the file: a key repeated in one object (the last one would win silently,
    and CloudFormation rejects such a template; a cloud assembly's files too: a hand-edited
    ``cdk.out`` can repeat a key that CDK never would), and ``NaN``, ``Infinity`` or a number
    too large for a float (they are not JSON, and CloudFormation rejects them).
    """
    try:
        return json.loads(
            text,
            object_pairs_hook=_refuse_duplicates,
            parse_constant=_refuse_constant,
            parse_float=_finite_float,
        )
    except _NotFinite:
        where = _where_not_finite(text)
        raise InputError(
            f"{path}: {where}, which is not a JSON number (NaN and infinities are not JSON, "
            "and CloudFormation rejects them): write a finite number"
        ) from None
    except _DuplicateKey as error:
        raise InputError(f"{path}: invalid JSON ({error})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: invalid JSON ({error})") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise InputError(
            f"{path}: invalid JSON (a number with thousands of digits, more than any "
            "CloudFormation value holds)"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a CloudFormation template") from None


def _read_json(path: Path, root: Path | None = None, what: str = "template") -> Any:
    """A JSON file: inside ``root`` (a cloud assembly), a regular file, not too large; see
    :func:`parse_json`."""
    if root is not None and not inside(path, root):
        raise InputError(
            f"{path}: outside the cloud assembly {root}; a cloud assembly names only its own files"
        )
    data = read_bytes(path, what=what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    return parse_json(path, text)


def check_template(path: Path, template: Any, *, synthesized: bool = False) -> dict[str, Any]:
    """``template`` if it is a CloudFormation template, with literal ``Fn::ForEach`` expanded.

    Raises :class:`InputError` naming the file (and the resource) unless it has a top-level
    ``Resources`` mapping whose resources are mappings with a ``Type`` and, if any, mapping
    ``Properties``: CloudFormation rejects anything else, so nothing else may pass.

    A template CDK synthesized for a stack without resources has no ``Resources``; that is
    allowed there (``synthesized``), and means nothing to check.
    """
    if synthesized and isinstance(template, dict) and "Resources" not in template:
        return template
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise InputError(
            f"{path}: not a CloudFormation template (no top-level 'Resources' mapping)"
        )
    checked = expand_for_each(path, template)
    resources: dict[str, Any] = checked["Resources"]
    for logical_id, definition in resources.items():
        if str(logical_id).startswith(FOR_EACH_PREFIX):
            continue  # a loop left unexpanded; the report names it
        where = f"{path}: resource {logical_id!r}"
        if not isinstance(definition, dict):
            raise InputError(f"{where} is {_kind(definition)}, not a mapping with a Type")
        if not isinstance(definition.get("Type"), str):
            raise InputError(f"{where} has no Type (a string such as AWS::S3::Bucket)")
        properties = definition.get("Properties")
        if properties is not None and not isinstance(properties, dict):
            raise InputError(
                f"{where}: Properties is {_kind(properties)}, not a mapping of property "
                "names to values; CloudFormation rejects the template"
            )
    return checked


def _kind(value: Any) -> str:
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    return "null" if value is None else f"{type(value).__name__} {value!r}"


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


def _environment(manifest: Path, artifact: Mapping[str, Any]) -> tuple[str | None, str | None]:
    env = artifact.get("environment")
    if env is not None and not isinstance(env, str):
        raise InputError(f"{manifest}: an artifact's environment must be a string (aws://...)")
    env = env or ""
    if not env.startswith("aws://"):
        return None, None
    account, _, region = env.removeprefix("aws://").partition("/")
    return (
        None if account in _UNKNOWN_ENV else account,
        None if region in _UNKNOWN_ENV else region,
    )


def _member(directory: Path, root: Path, name: Any, source: Path, what: str) -> Path:
    """A file or directory that ``source`` names: a relative path inside ``root``."""
    if not isinstance(name, str) or not name:
        raise InputError(f"{source}: {what} must be a file name, not {name!r}")
    path = directory / name
    if Path(name).is_absolute() or not inside(path, root):
        raise InputError(
            f"{source}: {what} {name!r} is outside the cloud assembly {root}; a cloud "
            "assembly names only its own files"
        )
    return path


def _metadata_entries(source: Path, data: Any) -> dict[str, list[dict[str, Any]]]:
    """Construct path -> metadata entries; refuses any other shape, naming the file."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: stack metadata must map construct paths to lists of entries")
    for path, entries in data.items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise InputError(
                f"{source}: the metadata of {path!r} must be a list of entries "
                '({"type": ..., "data": ...})'
            )
    return data


def _metadata(
    directory: Path, root: Path, manifest: Path, artifact: Mapping[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    inline = artifact.get("metadata")
    if inline is not None:
        return _metadata_entries(manifest, inline)
    extra = artifact.get("additionalMetadataFile")
    if extra is not None:
        path = _member(directory, root, extra, manifest, "additionalMetadataFile")
        return _metadata_entries(path, _read_json(path, root, "metadata file"))
    return {}


def stack_settings(properties: Mapping[str, Any]) -> dict[str, Any]:
    """What a CDK deploy passes to CloudFormation for the stack, from its artifact: the
    notification ARNs, termination protection, and the service role (the synthesizer's
    CloudFormation execution role; ``None`` without one, as with the CLI-credentials or
    legacy synthesizers)."""
    arns = properties.get("notificationArns")
    role = properties.get("cloudFormationExecutionRoleArn")
    return {
        "NotificationARNs": [str(a) for a in arns] if isinstance(arns, list) else [],
        "EnableTerminationProtection": properties.get("terminationProtection") is True,
        "RoleARN": role if isinstance(role, str) else None,
    }


def _stacks_of_artifact(
    directory: Path, root: Path, artifact_id: str, artifact: Mapping[str, Any]
) -> list[Stack]:
    manifest = directory / "manifest.json"
    properties = artifact.get("properties")
    if not isinstance(properties, dict):
        raise InputError(f"{manifest}: stack {artifact_id} has no 'properties' object")
    template_file = properties.get("templateFile")
    if not isinstance(template_file, str):
        raise InputError(f"{manifest}: stack {artifact_id} names no template")
    _member(directory, root, template_file, manifest, f"the template of stack {artifact_id}")
    account, region = _environment(manifest, artifact)
    settings = stack_settings(properties)
    metadata = _metadata(directory, root, manifest, artifact)

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
        template_path = _member(directory, root, file, manifest, f"the template of {path}")
        template = check_template(
            template_path,
            _read_json(template_path, root, "template"),
            synthesized=True,
        )
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
            settings=settings,
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


def _assembly_stacks(
    directory: Path, root: Path, recursive: bool, visited: tuple[Path, ...] = ()
) -> Iterator[Stack]:
    manifest_path = directory / "manifest.json"
    manifest = _read_json(manifest_path, root, "manifest")
    artifacts = manifest.get("artifacts") if isinstance(manifest, dict) else None
    if not isinstance(artifacts, dict):
        raise InputError(f"{manifest_path}: not a cloud assembly manifest (no 'artifacts')")
    visited = (*visited, directory.resolve())
    for artifact_id, artifact in artifacts.items():
        if not isinstance(artifact, dict):
            raise InputError(
                f"{manifest_path}: artifact {artifact_id!r} is {_kind(artifact)}, not an object"
            )
        kind = artifact.get("type")
        if kind == "aws:cloudformation:stack":
            yield from _stacks_of_artifact(directory, root, artifact_id, artifact)
        elif kind == "cdk:cloud-assembly" and recursive:
            properties = artifact.get("properties")
            sub = properties.get("directoryName") if isinstance(properties, dict) else None
            stage = _member(directory, root, sub, manifest_path, f"the directory of {artifact_id}")
            if stage.resolve() in visited:
                raise InputError(
                    f"{manifest_path}: stage {artifact_id} points to {sub!r}, which contains "
                    "it (a cycle of stages)"
                )
            if len(visited) > MAX_STAGE_DEPTH:
                raise InputError(f"{manifest_path}: stages nested more than {MAX_STAGE_DEPTH} deep")
            yield from _assembly_stacks(stage, root, recursive, visited)


def load_cloud_assembly(
    directory: Path, *, templates: Iterable[Path] | None = None, recursive: bool = True
) -> App:
    """Every stack of a cloud assembly, nested stacks and (with ``recursive``) stages included.

    With ``templates``, only the stacks whose template is listed (plus their nested stacks).
    Every file the assembly names must be a regular file inside ``directory``.
    """
    if not (directory / "manifest.json").is_file():
        raise InputError(f"{directory}: not a cloud assembly (no manifest.json)")
    wanted = {Path(t).resolve() for t in templates} if templates is not None else None
    stacks = []
    for stack in _assembly_stacks(directory, directory, recursive):
        top = stack
        while top.parent is not None:
            top = top.parent
        if wanted is None or top.template_path.resolve() in wanted:
            stacks.append(stack)
    return App(stacks)
