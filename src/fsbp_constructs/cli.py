"""``fsbp-check``: the FSBP checks of ``FsbpChecks`` on a ``cdk.out`` or on template files.

::

    fsbp-check cdk.out
    fsbp-check template.yaml other.json --format sarif --output fsbp.sarif
    python -m fsbp_constructs cdk.out --control ECR.1 --parameter ELB.13.minAvailabilityZones=3
    fsbp-check --list-controls --format json
    fsbp-check --explain ECR.1

Exit codes: 0 no failing finding, 1 failing findings, 2 a usage or input error (one line on
stderr naming the file or option and the problem), 130 interrupted (Ctrl-C). Options come from
``[tool.fsbp]`` in the nearest ``pyproject.toml`` (or ``--config FILE``); flags override them.
What is refused, and the limits, are in docs/cli.md ("What it refuses and why").

This module never imports ``aws_cdk``: checking templates needs neither the CDK nor Node.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import yaml

from . import __version__
from .config import SETTINGS, ConfigError, FsbpConfig, file_settings, merge_settings
from .controls import REGISTRY
from .engine.limits import InputError, read_bytes
from .engine.loader import load_cloud_assembly, load_template_file, parse_json
from .engine.model import App, Stack
from .engine.notes import Note, input_notes
from .engine.yaml_loader import NotFiniteError, describe_yaml_error, load_yaml_template
from .evaluate import Finding, Level, evaluate
from .explain import control_records, explain, find_control, list_text
from .report import (
    TOOL_NAME,
    escape,
    json_report,
    note_level,
    sarif_report,
    summarize,
    text_report,
)

__all__ = ["SETTINGS", "load_inputs", "main"]

#: The exit code after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130

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
            "Exit codes: 0 no failing finding, 1 failing findings, 2 usage or input error, "
            "130 interrupted. "
            "Defaults come from [tool.fsbp] in the nearest pyproject.toml; flags override them."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a cdk.out directory (every stack, nested stacks and stages) or template files",
    )
    about = parser.add_mutually_exclusive_group()
    about.add_argument(
        "--list-controls",
        action="store_true",
        help="list every FSBP control: id, severity, title, resource types, what is checked, "
        "whether it is checked, parameters (--format text or json); no PATH",
    )
    about.add_argument(
        "--explain",
        metavar="ID",
        help="print a control's page (ECR.1 or FSBP-ECR.1): what is checked, what PASS, FAIL "
        "and UNKNOWN mean for it, parameters, CDK and CloudFormation fixes; no PATH",
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
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C: stop quietly, as other command-line tools do
        return INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error already printed
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.list_controls or args.explain is not None:
        return _about(args)
    if not args.paths:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            parser.print_usage(sys.stderr)
        return _fail(
            "give a cloud assembly (cdk.out) or template files to check (PATH), "
            "or --list-controls, or --explain ID"
        )
    paths = [Path(p) for p in args.paths]
    try:
        config = _config(args, Path.cwd())
        app = load_inputs(paths)
        read = functools.cache(lambda: _read_files(paths, app, _config_files(args, Path.cwd())))
        if args.output is not None:
            _check_output(args.output, read, paths)
    except (UsageError, InputError, ConfigError) as error:
        return _fail(str(error))
    try:
        findings = evaluate(app, config)
        notes = input_notes(app)
    except InputError as error:  # a value CloudFormation rejects, met while checking
        return _fail(str(error))
    except Exception as error:  # a bug of ours, not the input's: still one line, exit 2
        return _fail(
            f"could not check {', '.join(args.paths)} ({type(error).__name__}: {error}); "
            "please report this to fsbp-constructs"
        )
    text = _render(args.format, findings, config, len(app.stacks), notes)
    problem = _write(text, args.output, read)
    if problem is not None:
        return _fail(problem)
    failed = summarize(findings, config).failed or any(
        note_level(note, config) is Level.ERROR for note in notes
    )
    return 1 if failed else 0


def _about(args: argparse.Namespace) -> int:
    """``--list-controls`` and ``--explain ID``: exit 0, or 2 for an unknown id or option."""
    flag = "--list-controls" if args.list_controls else "--explain"
    if args.paths:
        return _fail(f"{flag} takes no PATH ({' '.join(args.paths)}); run it on its own")
    if args.list_controls:
        if args.format == "sarif":
            return _fail("--list-controls: --format is text or json")
        text = (
            json.dumps(control_records(), indent=2) + "\n" if args.format == "json" else list_text()
        )
    else:
        if args.format != "text":
            return _fail("--explain: prints text (Markdown); --format does not apply")
        try:
            text = explain(find_control(args.explain))
        except LookupError as error:
            return _fail(str(error))
    read = functools.cache(lambda: _read_files([], App([]), _config_files(args, Path.cwd())))
    try:
        if args.output is not None:
            _check_output(args.output, read, [])
    except UsageError as error:
        return _fail(str(error))
    problem = _write(text, args.output, read)
    return 2 if problem is not None and _fail(problem) else 0


def _fail(message: str) -> int:
    stderr = sys.stderr
    if stderr is not None:
        # nowhere left to say it if this fails; the exit code still does
        with contextlib.suppress(OSError, ValueError):
            _write_stream(f"{TOOL_NAME}: error: {escape(message)}\n", stderr)
    return 2


def _render(
    kind: str, findings: list[Finding], config: FsbpConfig, stacks: int, notes: list[Note]
) -> str:
    if kind == "json":
        report = json_report(findings, config, stacks=stacks, notes=notes)
        return json.dumps(report, indent=2) + "\n"
    if kind == "sarif":
        report = sarif_report(findings, config, root=Path.cwd(), notes=notes)
        return json.dumps(report, indent=2) + "\n"
    return text_report(findings, config, stacks=stacks, notes=notes)


_Identity = tuple[int, int]


def _check_output(output: Path, read: Callable[[], set[_Identity]], inputs: Sequence[Path]) -> None:
    """Refuse, before opening it, an output that is not a regular file or a new path, that is
    one of the files read (the same file by device and inode: a hard link or a symlink to an
    input is refused too), or that is inside an input cloud assembly."""
    try:
        mode = output.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise UsageError(f"--output {output}: cannot be used ({error.strerror or error})") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(
            f"--output {output}: exists and is not a regular file (a directory, pipe, device "
            "or socket); give a new path or a regular file"
        )
    target = output.resolve()
    for directory in (p.resolve() for p in inputs if p.is_dir()):
        if target.is_relative_to(directory):
            raise UsageError(
                f"--output {output}: is inside the cloud assembly {directory}, whose files "
                "are the input; write the report outside it"
            )
    if mode is not None and _identity(output) in read():
        raise UsageError(
            f"--output {output}: is one of the inputs; write the report to another file"
        )


def _identity(path: Path | int) -> _Identity:
    found = os.fstat(path) if isinstance(path, int) else os.stat(path)
    return found.st_dev, found.st_ino


def _read_files(inputs: Sequence[Path], app: App, configs: Sequence[Path]) -> set[_Identity]:
    """Device and inode of every file this run read or may read: the input files, every
    template, every file of an input cloud assembly (manifests, nested templates, metadata,
    assets.json; also the assembly a template given from inside one belongs to) and the
    configuration file (``--config``, else every ``pyproject.toml`` the search would read)."""
    files = [*inputs, *(stack.template_path for stack in app.stacks)]
    assemblies = {p for p in inputs if p.is_dir()}
    assemblies |= {p.parent for p in inputs if (p.parent / "manifest.json").is_file()}
    for directory in assemblies:
        for folder, _, names in os.walk(directory):
            files.extend(Path(folder, name) for name in names)
    files.extend(configs)
    found = set()
    for path in files:
        with contextlib.suppress(OSError):
            found.add(_identity(path))
    return found


def _config_files(args: argparse.Namespace, cwd: Path) -> list[Path]:
    if args.no_config:
        return []
    if args.config is not None:
        return [args.config]
    return [folder / "pyproject.toml" for folder in (cwd, *cwd.parents)]


def _write(text: str, output: Path | None, read: Callable[[], set[_Identity]]) -> str | None:
    """Write the report; the problem in one line, or ``None``. Never a partial ``-o`` file.

    ``-o`` is opened without blocking and without truncating, and written only if what was
    opened is a regular file and none of the files ``read()`` names (a path swapped since the
    check). Characters the output cannot encode are written as escapes (``\\udc80``).
    """
    if output is not None:
        data = text.encode("utf-8", errors="backslashreplace")
        flags = os.O_WRONLY | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(output, flags, 0o666)
        except OSError as error:
            return f"{output}: cannot write the report ({error.strerror or error})"
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode) or _identity(fd) in read():
                return f"--output {output}: changed since it was checked; not written"
            os.ftruncate(fd, 0)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        except OSError as error:
            return f"{output}: cannot write the report ({error.strerror or error})"
        finally:
            os.close(fd)
        return None
    stdout = sys.stdout
    if stdout is None:
        return "standard output is closed; give --output FILE or redirect it"
    try:
        _write_stream(text, stdout)
    except BrokenPipeError:  # `fsbp-check cdk.out | head`: stop quietly
        _silence(stdout)
    except (OSError, ValueError) as error:
        _silence(stdout)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return f"standard output: cannot write the report ({reason})"
    return None


def _write_stream(text: str, stream: TextIO) -> None:
    """Write to a standard stream; what its encoding cannot represent becomes an escape."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (io.StringIO)
        stream.write(text)
        stream.flush()
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.flush()
    buffer.write(text.encode(encoding, errors="backslashreplace"))
    buffer.flush()


def _silence(stdout: TextIO) -> None:
    """Point stdout at /dev/null so that Python's exit-time flush does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())


# ---------------------------------------------------------------------------------------------
# Configuration


def _config(args: argparse.Namespace, cwd: Path) -> FsbpConfig:
    """The file's settings, then the flags on top; each source's errors name that source."""
    source, settings = file_settings(
        False if args.no_config else (args.config if args.config else None), cwd
    )
    del source  # the file's own errors already name it
    merged = merge_settings(settings, _flag_settings(args))
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
    data = read_bytes(path, regular_only=False, what="template")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    as_json = path.suffix == ".json" or (
        path.suffix not in _YAML_SUFFIXES and text.lstrip().startswith("{")
    )
    if as_json:
        return parse_json(path, text)
    try:
        return load_yaml_template(text)
    except NotFiniteError as error:
        raise InputError(f"{path}: {error}") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: invalid YAML ({describe_yaml_error(error)})") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a CloudFormation template") from None
