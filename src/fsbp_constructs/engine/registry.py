"""Rules, declared once: the control id, the resource types, the parameters and the logic.

A rule is a function decorated with :func:`rule`. Its docstring's first paragraph is what
``CONTROLS.md`` says the rule checks; the control's title, severity and status come from the
catalog. The pack's rule ids, the docs and the engine's dispatch table are all derived from
:data:`REGISTRY`.
"""

from __future__ import annotations

import dataclasses
import enum
import inspect
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..catalog import Control, control

if TYPE_CHECKING:
    from . import checks
    from .model import App, Resource

__all__ = [
    "NOT_CHECKABLE",
    "REGISTRY",
    "Parameter",
    "Remedy",
    "Rule",
    "RuleContext",
    "Status",
    "Verdict",
    "not_checkable",
    "rule",
    "whole_number",
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
        if reason is None and cls is Verdict:
            return _PASSED  # verdicts are immutable: the plain pass is shared
        return cls(Status.PASS, reason=reason)

    @classmethod
    def failed(cls, path: str, found: Any, fix: str | None = None) -> Verdict:
        """A FAIL at ``path``; without ``fix``, the report gives the rule's declared fix."""
        return cls(Status.FAIL, path=path, found=found, fix=fix)

    @classmethod
    def unknown(cls, reason: str, *, path: str | None = None, fix: str | None = None) -> Verdict:
        return cls(Status.UNKNOWN, path=path, reason=reason, fix=fix)

    @classmethod
    def not_applicable(cls, reason: str) -> Verdict:
        return cls(Status.NOT_APPLICABLE, reason=reason)

    @classmethod
    def covered(cls) -> Verdict:
        """No finding at all: a resource of a rule's ``policy_types`` whose targets are all
        in the app, where the finding of each target already judges it."""
        return _COVERED

    @property
    def detail(self) -> str:
        """One line: what was found where, or why the rule could not decide."""
        if self.status is Status.FAIL:
            if not self.path:
                return self.reason or ""
            found = f"{self.path} is {render(self.found)}"
            return f"{found} ({self.reason})" if self.reason else found
        return self.reason or ""


_PASSED = Verdict(Status.PASS)
_COVERED = Verdict(Status.NOT_APPLICABLE, reason="judged on the resources it is attached to")


@dataclass(frozen=True)
class Parameter:
    """A control parameter, named as Security Hub names it (``minAvailabilityZones``)."""

    name: str
    default: Any
    description: str
    #: Returns the normalized value or raises ``ValueError`` naming the valid values.
    parse: Callable[[Any], Any]


def whole_number(low: int, high: int, unit: str = "") -> Callable[[Any], int]:
    """A parameter's parser: a whole number from ``low`` to ``high`` (Security Hub's range),
    else ``ValueError`` naming the range and the bad value."""
    what = f"whole number of {unit}" if unit else "whole number"

    def parse(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"must be a {what} from {low} to {high} (Security Hub's range), not {value!r}"
            )
        return value

    return parse


@dataclass(frozen=True)
class RuleContext:
    """What a rule may know beyond its resource: parameters and the whole app."""

    app: App
    parameters: dict[str, Any] = field(default_factory=dict)

    def param(self, name: str) -> Any:
        return self.parameters[name]


Check = Callable[["Resource", RuleContext], Verdict]


@dataclass(frozen=True)
class Remedy:
    """How ``FsbpDefaults`` makes a resource comply: the CloudFormation properties it sets.

    ``sets`` maps property paths to the compliant value, set where the property is absent
    (or, under ``overwrite``, where it differs); ``None`` removes a property that only makes
    sense with the old value. A path may cross a list with ``[*]``
    (``ContainerDefinitions[*].ReadonlyRootFilesystem``: on every item). ``safe`` remedies
    are on by default; the others are opt-in by control id, because of what ``breaks``.
    ``describe`` replaces the generated "sets" text where the CDK side does more (a
    hand-written fix that needs the L2).

    ``when`` limits the remedy to the resources it suits (an engine, a file system type),
    read from the L1's own properties; a declaration's scope (``control(when=...)``) is added
    to it. A resource whose scope the L1 cannot decide (a token) is left alone.
    """

    sets: Mapping[str, Any]
    safe: bool
    breaks: str
    describe: str | None = None
    when: checks.Check | None = None

    @property
    def text(self) -> str:
        if self.describe is not None:
            return self.describe
        text = ", ".join(
            f"`{k}: {json.dumps(v)}`" if v is not None else f"removes `{k}`"
            for k, v in self.sets.items()
        )
        return text if self.when is None else f"{text}, only where {self.when.describe()}"


@dataclass(frozen=True)
class Rule:
    control: Control
    resource_types: tuple[str, ...]
    check: Check
    parameters: tuple[Parameter, ...] = ()
    #: What the rule checks (Markdown): generated for declarations, the docstring for code.
    doc: str = ""
    #: How to comply, in CloudFormation terms (a verdict may give a more precise one).
    fix: str | None = None
    remedy: Remedy | None = None
    #: What only the resource's owner can decide (a certificate for their domain, a WAF they
    #: design): no default can satisfy the control. The report's fix and the docs say it.
    decision: str | None = None
    #: Policy resource types the rule also judges (an ``AWS::S3::BucketPolicy``) when what
    #: they are attached to is not in the app; the check returns :meth:`Verdict.covered`
    #: for one whose targets are all in the app (their own findings judge it).
    policy_types: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.control.id

    @property
    def rule_id(self) -> str:
        return self.control.rule_id

    @property
    def summary(self) -> str:
        """What the rule checks, on one line."""
        return " ".join(self.doc.split())

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}


#: Every implemented control, keyed by control id, in declaration order. Complete once
#: :mod:`fsbp_constructs.controls` is imported (import it from there).
REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> None:
    if rule.id in REGISTRY:
        raise ValueError(f"control {rule.id} is declared twice")
    if not rule.doc.strip():
        raise ValueError(f"control {rule.id} needs a text saying what it checks")
    missing = [t for t in rule.resource_types if not t.startswith(("AWS::", "Custom::"))]
    if missing or not rule.resource_types:
        raise ValueError(f"control {rule.id}: bad resource types {rule.resource_types!r}")
    if rule.decision is not None:
        if not rule.decision.strip() or rule.remedy is not None:
            raise ValueError(
                f"control {rule.id}: a decision names what only the owner can choose, so it "
                "needs a text and excludes a remedy"
            )
        rule = dataclasses.replace(rule, fix=with_decision(rule.fix, rule.decision))
    REGISTRY[rule.id] = rule


def with_decision(fix: str | None, decision: str) -> str:
    """A fix followed by what only the owner can decide (the report's fix text)."""
    said = f"needs your decision, which no default can make: {decision}"
    return f"{fix} ({said})" if fix else said


#: Controls that a template cannot check at all, with the reason (declared with their
#: service's controls by :func:`not_checkable`).
NOT_CHECKABLE: dict[str, str] = {}


def not_checkable(control_id: str, reason: str) -> None:
    """Declare that no template can decide ``control_id``, and why (WAF.3 evaluates a resource
    type that CloudFormation cannot create)."""
    control(control_id)
    if control_id in NOT_CHECKABLE or control_id in REGISTRY:
        raise ValueError(f"control {control_id} is declared twice")
    NOT_CHECKABLE[control_id] = reason


def rule(
    control_id: str,
    *resource_types: str,
    parameters: Sequence[Parameter] = (),
    fix: str | None = None,
    remedy: Remedy | None = None,
    decision: str | None = None,
    policy_types: Sequence[str] = (),
) -> Callable[[Check], Check]:
    """Declare the function below as the check of ``control_id`` on ``resource_types``
    (and on ``policy_types``, see :attr:`Rule.policy_types`).

    For the controls a declaration cannot say (cross-resource lookups, policy documents,
    version tables). The docstring's first paragraph is what the docs say it checks.
    ``decision`` says what only the owner can decide, where no default can comply
    (:attr:`Rule.decision`).
    """

    def register(check: Check) -> Check:
        doc = (inspect.getdoc(check) or "").split("\n\n", 1)[0]
        _register(
            Rule(
                control(control_id),
                tuple(resource_types),
                check,
                tuple(parameters),
                doc,
                fix,
                remedy,
                decision,
                tuple(policy_types),
            )
        )
        return check

    return register
