"""``fsbp-check``: the FSBP checks of ``FsbpChecks`` on a ``cdk.out`` or on template files.

::

    fsbp-check cdk.out
    fsbp-check template.yaml other.json --format sarif --output fsbp.sarif
    python -m fsbp_constructs cdk.out --control ECR.1 --parameter ELB.13.minAvailabilityZones=3

Exit codes: 0 no failing finding, 1 failing findings, 2 a usage or input error (one line on
stderr naming the file or option and the problem). Options come from ``[tool.fsbp]`` in the
nearest ``pyproject.toml`` (or ``--config FILE``); flags override them.

This module never imports ``aws_cdk``: checking templates needs neither the CDK nor Node.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from . import __version__
from .config import FsbpConfig
from .controls import REGISTRY
from .engine.loader import InputError, load_cloud_assembly, load_template_file
from .engine.model import App, Stack
from .engine.yaml_loader import describe_yaml_error, load_yaml_template
from .evaluate import Finding, evaluate
from .report import TOOL_NAME, json_report, sarif_report, summarize, text_report

__all__ = ["SETTINGS", "load_inputs", "main"]

#: The settings of ``[tool.fsbp]``: the keyword arguments of ``FsbpChecks`` (``-`` may be
#: written for ``_``).
SETTINGS = (
    "controls",
    "exclude",
    "severity_threshold",
    "strict",
    "report_only",
    "include_retired",
    "parameters",
)

_YAML_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A bad option or configuration value; the message names it and the fix."""


# ---------------------------------------------------------------------------------------------
# Command line


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=TOOL_NAME,
        description=(
            "Check a CDK cloud assembly (cdk.out) or CloudFormation templates (JSON or YAML) "
            "against the AWS Security Hub FSBP controls that fsbp-constructs checks at synth."
        ),
        epilog=(
            "Exit codes: 0 no failing finding, 1 failing findings, 2 usage or input error. "
            "Defaults come from [tool.fsbp] in the nearest pyproject.toml; flags override them."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a cdk.out directory (every stack, nested stacks and stages) or template files",
    )
    parser.add_argument(
        "--control",
        action="append",
        dest="controls",
        metavar="ID",
        help="run only this control (repeatable), e.g. --control ECR.1",
    )
    parser.add_argument(
        "--exclude", action="append", metavar="ID", help="never run this control (repeatable)"
    )
    parser.add_argument(
        "--severity-threshold",
        metavar="SEVERITY",
        help="FAIL findings below this severity are warnings "
        "(INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL; default INFORMATIONAL: all fail)",
    )
    parser.add_argument(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="UNKNOWN findings (undecidable from the template) fail too",
    )
    parser.add_argument(
        "--report-only",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="report every finding as a warning; never fail",
    )
    parser.add_argument(
        "--include-retired",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also run retired controls (AutoScaling.4, CloudFormation.1, SNS.2, Redshift.9)",
    )
    parser.add_argument(
        "--parameter",
        action="append",
        default=[],
        metavar="CONTROL.NAME=VALUE",
        help="a control parameter (repeatable), e.g. ELB.13.minAvailabilityZones=3; "
        "VALUE is read as JSON when it parses as a value the parameter accepts",
    )
    config = parser.add_mutually_exclusive_group()
    config.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="a TOML file: its [tool.fsbp] table, or its top level if it has none "
        "(default: [tool.fsbp] of the nearest pyproject.toml)",
    )
    config.add_argument(
        "--no-config", action="store_true", help="ignore pyproject.toml; use only the flags"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="report format (default: text)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the report here, not to stdout"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``fsbp-check`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error already printed
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        config = _config(args, Path.cwd())
        app = load_inputs([Path(p) for p in args.paths])
    except (UsageError, InputError) as error:
        return _fail(str(error))
    try:
        findings = evaluate(app, config)
    except Exception as error:  # a bug of ours, not the input's: still one line, exit 2
        return _fail(
            f"could not check {', '.join(args.paths)} ({type(error).__name__}: {error}); "
            "please report this to fsbp-constructs"
        )
    text = _render(args.format, findings, config, len(app.stacks))
    try:
        _write(text, args.output, sys.stdout)
    except OSError as error:
        return _fail(f"{args.output}: cannot write the report ({error.strerror or error})")
    return 1 if summarize(findings, config).failed else 0


def _fail(message: str) -> int:
    print(f"{TOOL_NAME}: error: {message}", file=sys.stderr)
    return 2


def _render(kind: str, findings: list[Finding], config: FsbpConfig, stacks: int) -> str:
    if kind == "json":
        return json.dumps(json_report(findings, config, stacks=stacks), indent=2) + "\n"
    if kind == "sarif":
        return json.dumps(sarif_report(findings, config, root=Path.cwd()), indent=2) + "\n"
    return text_report(findings, config, stacks=stacks)


def _write(text: str, output: Path | None, stdout: TextIO) -> None:
    if output is None:
        try:
            stdout.write(text)
            stdout.flush()
        except BrokenPipeError:  # `fsbp-check cdk.out | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
    else:
        output.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Configuration


def _config(args: argparse.Namespace, cwd: Path) -> FsbpConfig:
    """The file's settings, then the flags on top; each source's errors name that source."""
    settings: dict[str, Any] = {}
    if not args.no_config:
        found = _read_config(args.config) if args.config else _find_config(cwd)
        if found is not None:
            source, settings = found
            try:
                FsbpConfig(**settings)
            except (TypeError, ValueError) as error:
                raise UsageError(f"{source}: {error}") from None
    flags = _flag_settings(args)
    merged = {**settings, **{k: v for k, v in flags.items() if k != "parameters"}}
    parameters: dict[str, dict[str, Any]] = {
        control: dict(values) for control, values in (settings.get("parameters") or {}).items()
    }
    for control, values in flags["parameters"].items():
        parameters.setdefault(control, {}).update(values)
    merged["parameters"] = parameters
    try:
        return FsbpConfig(**merged)
    except (TypeError, ValueError) as error:
        raise UsageError(f"command line: {error}") from None


def _flag_settings(args: argparse.Namespace) -> dict[str, Any]:
    flags: dict[str, Any] = {}
    if args.controls is not None:
        flags["controls"] = tuple(args.controls)
    if args.exclude is not None:
        flags["exclude"] = tuple(args.exclude)
    if args.severity_threshold is not None:
        flags["severity_threshold"] = args.severity_threshold
    for name in ("strict", "report_only", "include_retired"):
        if getattr(args, name) is not None:
            flags[name] = getattr(args, name)
    flags["parameters"] = _parse_parameters(args.parameter)
    return flags


def _parse_parameters(raw: Sequence[str]) -> dict[str, dict[str, Any]]:
    """``ELB.13.minAvailabilityZones=3`` -> ``{"ELB.13": {"minAvailabilityZones": 3}}``."""
    out: dict[str, dict[str, Any]] = {}
    for item in raw:
        key, sep, text = item.partition("=")
        control, dot, name = key.strip().rpartition(".")
        if not sep or not dot or not control or not name:
            raise UsageError(
                f"--parameter {item!r}: write CONTROL.NAME=VALUE, "
                "e.g. --parameter ELB.13.minAvailabilityZones=3"
            )
        out.setdefault(control, {})[name] = _parameter_value(control, name, text.strip())
    return out


def _parameter_value(control: str, name: str, text: str) -> Any:
    """The JSON reading of ``text`` if the parameter accepts it, else the text itself.

    ``3`` is the number 3 and ``true`` is True, but ``1.35`` stays the string ``"1.35"``
    for EKS.2's ``oldestVersionSupported``, which takes versions as text.
    """
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    rule = REGISTRY.get(control)
    parameter = next((p for p in rule.parameters if p.name == name), None) if rule else None
    if parameter is None:
        return decoded  # FsbpConfig names the unknown control or parameter
    try:
        parameter.parse(decoded)
    except (TypeError, ValueError):
        try:
            parameter.parse(text)
        except (TypeError, ValueError):
            return decoded  # FsbpConfig reports the error for the decoded value
        return text
    return decoded


def _find_config(start: Path) -> tuple[str, dict[str, Any]] | None:
    """``[tool.fsbp]`` of the nearest ``pyproject.toml`` (from ``start`` upward) that has one."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            tool = _read_toml(candidate).get("tool")
            table = tool.get("fsbp") if isinstance(tool, dict) else None
            if table is not None:
                return f"{candidate} [tool.fsbp]", _settings(candidate, table, "[tool.fsbp]")
    return None


def _read_config(path: Path) -> tuple[str, dict[str, Any]]:
    data = _read_toml(path)
    tool = data.get("tool")
    if isinstance(tool, dict) and "fsbp" in tool:
        return f"{path} [tool.fsbp]", _settings(path, tool["fsbp"], "[tool.fsbp]")
    if path.name == "pyproject.toml":
        raise InputError(f"{path}: no [tool.fsbp] table")
    return str(path), _settings(path, data, "top level")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a TOML file") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: invalid TOML ({error})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read ({error})") from None


def _settings(path: Path, table: Any, where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise UsageError(f"{path}: {where} must be a table of settings")
    settings: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in SETTINGS:
            raise UsageError(
                f"{path} {where}: unknown setting {raw_key!r}; settings: {', '.join(SETTINGS)}"
            )
        if key in ("controls", "exclude") and isinstance(value, list):
            value = tuple(value)
        settings[key] = value
    return settings


# ---------------------------------------------------------------------------------------------
# Inputs


def load_inputs(paths: Sequence[Path]) -> App:
    """The stacks of every path: a cloud assembly directory, or a JSON or YAML template.

    A template file inside a cloud assembly is read with its stack's settings and construct
    metadata. Raises :class:`InputError` naming the path and the problem.
    """
    stacks: list[Stack] = []
    seen: set[Path] = set()
    for path in paths:
        for stack in _load_path(path):
            key = stack.template_path.resolve()
            if key not in seen:
                seen.add(key)
                stacks.append(stack)
    return App(stacks)


def _load_path(path: Path) -> list[Stack]:
    try:
        if path.is_dir():
            stacks = load_cloud_assembly(path).stacks
            if not stacks:
                raise InputError(f"{path}: the cloud assembly has no stacks")
            return stacks
        if not path.exists():
            raise InputError(f"{path}: no such file or directory")
        if (path.parent / "manifest.json").is_file() and path.suffix == ".json":
            stacks = load_cloud_assembly(path.parent, templates=[path], recursive=False).stacks
            if stacks:
                return stacks
        data = _parse_template(path)
        if data is None:  # an empty YAML file
            raise InputError(f"{path}: empty file, not a CloudFormation template")
        return [load_template_file(path, template=data)]
    except InputError:
        raise
    except Exception as error:  # a layout the loaders did not expect: still one clear line
        raise InputError(
            f"{path}: cannot be read as a CloudFormation template or cloud assembly "
            f"({type(error).__name__}: {error})"
        ) from None


def _parse_template(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    as_json = path.suffix == ".json" or (
        path.suffix not in _YAML_SUFFIXES and text.lstrip().startswith("{")
    )
    if as_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{path}: invalid JSON ({error})") from None
    try:
        return load_yaml_template(text)
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML ({describe_yaml_error(error)})") from None
