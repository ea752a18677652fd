"""Options shared by every entry point (the cdk-nag pack, ``fsbp-check``, the pytest helpers).

Options come from three places, the first that gives one winning:

1. the arguments given in code (``FsbpChecks(...)``) or on the command line (``fsbp-check``);
2. the ``[tool.fsbp]`` table of the nearest ``pyproject.toml`` (from the current directory
   upward), or the file named by ``config_file=`` / ``--config``;
3. the defaults of :class:`FsbpConfig`.

``parameters`` are merged one parameter at a time: an argument replaces only that parameter.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .catalog import CATALOG, Severity, unknown_control_message
from .controls import REGISTRY
from .engine.limits import MAX_CONFIG_BYTES, InputError, read_bytes
from .engine.registry import Rule

__all__ = ["SETTINGS", "ConfigError", "FsbpConfig", "file_settings", "merge_settings"]

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


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the fix."""


def _ids(value: Any, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    example = f"{option}=['ECR.1']"
    if isinstance(value, str):
        raise ValueError(
            f"{option} must be a list of control ids, not the string {value!r}; "
            f"write {option}=[{value!r}]"
        )
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise ValueError(f"{option} must be a list of control ids, not {value!r}; write {example}")
    ids = tuple(value)
    for control_id in ids:
        if not isinstance(control_id, str):
            raise ValueError(
                f"{option}: {control_id!r} is not a control id; control ids are strings, "
                f"e.g. {example}"
            )
        _check_implemented(control_id, option)
    return ids


def _check_implemented(control_id: Any, option: str) -> None:
    if not isinstance(control_id, str):
        raise ValueError(
            f"{option}: {control_id!r} is not a control id; control ids are strings such as 'ECR.1'"
        )
    if control_id in REGISTRY:
        return
    if control_id in CATALOG:
        raise ValueError(
            f"{option}: {control_id} is an FSBP control that this package does not check "
            f"at synth; checked controls: {', '.join(REGISTRY)}"
        )
    raise ValueError(f"{option}: {unknown_control_message(control_id, list(REGISTRY))}")


@dataclass(frozen=True)
class FsbpConfig:
    """Which controls run, what fails, and the control parameters.

    Invalid values raise ``ValueError`` at construction, naming the bad value and the choices.
    """

    #: Only these control ids (default: every active control, plus retired ones if enabled).
    #: A retired control named here runs even without ``include_retired``.
    controls: Sequence[str] | None = None
    #: Control ids never to run.
    exclude: Sequence[str] = ()
    #: FAIL findings of controls at or above this severity are errors; below it, warnings.
    #: Default: every severity fails.
    severity_threshold: Severity | str = Severity.INFORMATIONAL
    #: UNKNOWN findings (cannot be decided from the template) are errors instead of warnings.
    strict: bool = False
    #: Report every finding as a warning; nothing fails (for adopting the pack on an old app).
    report_only: bool = False
    #: Also run the retired controls (AutoScaling.4, CloudFormation.1, SNS.2, Redshift.9).
    include_retired: bool = False
    #: Control parameters, by control id then Security Hub parameter name.
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "controls", _ids(self.controls, "controls"))
        object.__setattr__(self, "exclude", _ids(self.exclude, "exclude") or ())
        if self.controls == ():
            raise ValueError(
                "controls=[] runs no control at all; leave controls out to run every active "
                "control, or name the ones to run, e.g. controls=['ECR.1']"
            )
        object.__setattr__(self, "severity_threshold", Severity.parse(self.severity_threshold))
        for name in ("strict", "report_only", "include_retired"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")
        object.__setattr__(self, "parameters", self._parse_parameters(self.parameters))
        if not self.enabled_rules():
            chosen = (
                "every control" if self.controls is None else f"controls={list(self.controls)!r}"
            )
            raise ValueError(
                f"exclude={list(self.exclude)!r} leaves no control to run from {chosen}; "
                "remove a control from exclude"
            )

    @staticmethod
    def _parse_parameters(
        given: Mapping[str, Mapping[str, Any]] | None,
    ) -> dict[str, dict[str, Any]]:
        if given is None:
            given = {}
        if not isinstance(given, Mapping):
            raise ValueError(
                f"parameters must map control ids to parameter values, not {given!r}; "
                "e.g. parameters={'ELB.13': {'minAvailabilityZones': 3}}"
            )
        parsed = {rule.id: rule.defaults() for rule in REGISTRY.values() if rule.parameters}
        for control_id, values in given.items():
            _check_implemented(control_id, "parameters")
            rule = REGISTRY[control_id]
            known = {p.name: p for p in rule.parameters}
            if not known:
                raise ValueError(f"parameters: {control_id} takes no parameters")
            if not isinstance(values, Mapping):
                raise ValueError(
                    f"parameters[{control_id!r}] must map parameter names to values, "
                    f"not {values!r}; parameters of {control_id}: {', '.join(known)}"
                )
            for name, value in values.items():
                if not isinstance(name, str) or name not in known:
                    raise ValueError(
                        f"parameters[{control_id!r}]: unknown parameter {name!r}; "
                        f"parameters of {control_id}: {', '.join(known)}"
                    )
                try:
                    parsed[control_id][name] = known[name].parse(value)
                except (TypeError, ValueError) as error:
                    raise ValueError(f"parameters[{control_id!r}][{name!r}]: {error}") from None
        return parsed

    def enabled_rules(self) -> list[Rule]:
        """The rules that run, in registry order."""
        chosen = []
        assert isinstance(self.severity_threshold, Severity)
        for rule in REGISTRY.values():
            if rule.id in self.exclude:
                continue
            if self.controls is not None:
                if rule.id in self.controls:
                    chosen.append(rule)
            elif rule.control.active or self.include_retired:
                chosen.append(rule)
        return chosen

    def parameters_of(self, rule: Rule) -> dict[str, Any]:
        return dict(self.parameters.get(rule.id, {}))


# ---------------------------------------------------------------------------------------------
# The configuration file: [tool.fsbp] of pyproject.toml, or a file named explicitly


def file_settings(
    config_file: str | os.PathLike[str] | bool | None, cwd: Path | None = None
) -> tuple[str | None, dict[str, Any]]:
    """The settings of the configuration file, and a name for it in messages.

    ``config_file`` is ``None`` or ``True`` (``[tool.fsbp]`` of the nearest ``pyproject.toml``
    that has one, from ``cwd`` upward), a path (that file: its ``[tool.fsbp]`` table, else its
    top level), or ``False`` (no file). Raises :class:`ConfigError` naming the file.
    """
    if config_file is False:
        return None, {}
    if config_file is None or config_file is True:
        found = _find_config(Path.cwd() if cwd is None else cwd)
        return found if found is not None else (None, {})
    return _read_config(Path(config_file))


def merge_settings(file: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` over ``file``; ``parameters`` merged one parameter at a time."""
    merged = {**file, **{k: v for k, v in given.items() if k != "parameters"}}
    parameters: dict[Any, dict[Any, Any]] = {}
    for source in (file.get("parameters"), given.get("parameters")):
        if source is None:
            continue
        if not isinstance(source, Mapping):
            merged["parameters"] = source  # FsbpConfig names the bad value
            return merged
        for control, values in source.items():
            if not isinstance(values, Mapping):
                parameters[control] = values
                continue
            current = parameters.get(control)
            parameters[control] = {**(current if isinstance(current, dict) else {}), **values}
    if parameters or "parameters" in given or "parameters" in file:
        merged["parameters"] = parameters
    return merged


def _find_config(start: Path) -> tuple[str, dict[str, Any]] | None:
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
        raise ConfigError(f"{path}: no [tool.fsbp] table")
    return str(path), _settings(path, data, "top level")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = read_bytes(
            path, limit=MAX_CONFIG_BYTES, regular_only=False, what="configuration file"
        )
        return tomllib.loads(data.decode("utf-8"))
    except InputError as error:
        raise ConfigError(str(error)) from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error})") from None


def _settings(path: Path, table: Any, where: str) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table of settings")
    settings: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in SETTINGS:
            raise ConfigError(
                f"{path} {where}: unknown setting {raw_key!r}; settings: {', '.join(SETTINGS)}"
            )
        if key in spelled:
            raise ConfigError(
                f"{path} {where}: both {spelled[key]!r} and {raw_key!r} are given; keep one"
            )
        spelled[key] = raw_key
        if key in ("controls", "exclude") and isinstance(value, list):
            value = tuple(value)
        settings[key] = value
    try:
        FsbpConfig(**settings)
    except (TypeError, ValueError) as error:
        source = f"{path} {where}" if where == "[tool.fsbp]" else str(path)
        raise ConfigError(f"{source}: {error}") from None
    return settings
