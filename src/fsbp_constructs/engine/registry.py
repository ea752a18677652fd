"""Rules, declared once: the control id, the resource types, the parameters and the logic.

A rule is a function decorated with :func:`rule`. Its docstring's first paragraph is what
``CONTROLS.md`` says the rule checks; the control's title, severity and status come from the
catalog. The pack's rule ids, the docs and the engine's dispatch table are all derived from
:data:`REGISTRY`.
"""

from __future__ import annotations

import enum
import inspect
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..catalog import Control, control

if TYPE_CHECKING:
    from .model import App, Resource

__all__ = [
    "REGISTRY",
    "Parameter",
    "Rule",
    "RuleContext",
    "Status",
    "Verdict",
    "rule",
]


class Status(enum.Enum):
    """What a rule concludes about one resource."""

    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"
    NOT_APPLICABLE = "NOT_APPLICABLE"


def render(value: Any) -> str:
    """A found value as the report prints it."""
    if value is None:
        return "absent"
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, sort_keys=True, default=str)


@dataclass(frozen=True)
class Verdict:
    """A rule's answer for one resource (one variant of it)."""

    status: Status
    #: Property path that decided the verdict, e.g. ``ContainerDefinitions[1].Privileged``.
    path: str | None = None
    #: The value found at ``path`` (``None``: absent).
    found: Any = None
    #: How to comply (FAIL) or how to make the rule able to decide (UNKNOWN).
    fix: str | None = None
    #: Why: the reason for UNKNOWN or NOT_APPLICABLE, or a note on PASS.
    reason: str | None = None

    @classmethod
    def passed(cls, reason: str | None = None) -> Verdict:
        return cls(Status.PASS, reason=reason)

    @classmethod
    def failed(cls, path: str, found: Any, fix: str) -> Verdict:
        return cls(Status.FAIL, path=path, found=found, fix=fix)

    @classmethod
    def unknown(cls, reason: str, *, path: str | None = None, fix: str | None = None) -> Verdict:
        return cls(Status.UNKNOWN, path=path, reason=reason, fix=fix)

    @classmethod
    def not_applicable(cls, reason: str) -> Verdict:
        return cls(Status.NOT_APPLICABLE, reason=reason)

    @property
    def detail(self) -> str:
        """One line: what was found where, or why the rule could not decide."""
        if self.status is Status.FAIL:
            return f"{self.path} is {render(self.found)}" if self.path else (self.reason or "")
        return self.reason or ""


@dataclass(frozen=True)
class Parameter:
    """A control parameter, named as Security Hub names it (``minAvailabilityZones``)."""

    name: str
    default: Any
    description: str
    #: Returns the normalized value or raises ``ValueError`` naming the valid values.
    parse: Callable[[Any], Any]


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond its resource: parameters and the whole app."""

    app: App
    parameters: dict[str, Any] = field(default_factory=dict)

    def param(self, name: str) -> Any:
        return self.parameters[name]


Check = Callable[["Resource", RuleContext], Verdict]


@dataclass(frozen=True)
class Rule:
    control: Control
    resource_types: tuple[str, ...]
    check: Check
    parameters: tuple[Parameter, ...] = ()

    @property
    def id(self) -> str:
        return self.control.id

    @property
    def rule_id(self) -> str:
        return self.control.rule_id

    @property
    def summary(self) -> str:
        """What the rule checks: the first paragraph of the rule function's docstring."""
        doc = inspect.getdoc(self.check) or ""
        return " ".join(doc.split("\n\n", 1)[0].split())

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}


#: Every implemented control, keyed by control id, in declaration order.
REGISTRY: dict[str, Rule] = {}


def rule(
    control_id: str, *resource_types: str, parameters: Sequence[Parameter] = ()
) -> Callable[[Check], Check]:
    """Declare the function below as the check of ``control_id`` on ``resource_types``."""

    def register(check: Check) -> Check:
        if control_id in REGISTRY:
            raise ValueError(f"control {control_id} is declared twice")
        if not (inspect.getdoc(check) or "").strip():
            raise ValueError(f"rule for {control_id} needs a docstring saying what it checks")
        REGISTRY[control_id] = Rule(
            control(control_id), tuple(resource_types), check, tuple(parameters)
        )
        return check

    return register
