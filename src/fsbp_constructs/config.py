"""Options shared by every entry point (the cdk-nag pack, ``fsbp-check``, the pytest helpers)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .catalog import CATALOG, Severity, _unknown_control_message
from .controls import REGISTRY
from .engine.registry import Rule

__all__ = ["FsbpConfig"]


def _ids(value: Iterable[str] | str | None, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise ValueError(
            f"{option} must be a list of control ids, not the string {value!r}; "
            f"write {option}=[{value!r}]"
        )
    ids = tuple(value)
    for control_id in ids:
        _check_implemented(str(control_id), option)
    return ids


def _check_implemented(control_id: str, option: str) -> None:
    if control_id in REGISTRY:
        return
    if control_id in CATALOG:
        raise ValueError(
            f"{option}: {control_id} is an FSBP control that this package does not check "
            f"at synth; checked controls: {', '.join(REGISTRY)}"
        )
    raise ValueError(f"{option}: {_unknown_control_message(control_id, list(REGISTRY))}")


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
        object.__setattr__(self, "severity_threshold", Severity.parse(self.severity_threshold))
        for name in ("strict", "report_only", "include_retired"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False, not {getattr(self, name)!r}")
        object.__setattr__(self, "parameters", self._parse_parameters(self.parameters))

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
                if name not in known:
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
