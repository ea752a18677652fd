"""Run the enabled rules over an app and return findings."""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .catalog import Control, Severity
from .config import FsbpConfig
from .engine.limits import InputError
from .engine.loader import stack_settings
from .engine.model import App, Resource, Stack
from .engine.registry import Rule, RuleContext, Status, Verdict, render
from .engine.values import (
    Undecidable,
    Unresolved,
    Variant,
    condition_problem,
    region_condition,
)
from .hints import cdk_hint

__all__ = ["Acknowledged", "Finding", "Level", "cdk_fix", "evaluate"]

#: The type name used for the stand-in of a top-level stack (stack-level controls).
STACK_TYPE = "AWS::CloudFormation::Stack"


class Level(enum.Enum):
    """How a finding is reported."""

    ERROR = "error"
    WARNING = "warning"
    #: Passed, not applicable, or acknowledged: nothing to report.
    NONE = "none"


@dataclass(frozen=True)
class Acknowledged:
    """An acknowledgment that covers a finding: the id as written, the reason, where."""

    id: str
    reason: str
    #: Construct path it was made on, or ``template Metadata`` for template-borne ones.
    at: str
    #: True for ``FSBP::FSBP-X.n``, the form CDK's own validation report filters.
    cdk_form: bool


def cdk_fix(control_id: str, resource_type: str) -> str | None:
    """:func:`hints.cdk_hint` as a sentence of its own (``With aws-cdk-lib, ...``)."""
    hint = cdk_hint(control_id, resource_type)
    return f"{hint[0].upper()}{hint[1:]}" if hint else None


@dataclass(frozen=True)
class Finding:
    """One control's verdict on one resource."""

    control: Control
    verdict: Verdict
    stack: Stack
    #: Logical id; empty for a finding on a top-level stack itself.
    logical_id: str
    resource_type: str
    construct_path: str | None
    acknowledged: Acknowledged | None = None

    @property
    def status(self) -> Status:
        return self.verdict.status

    @property
    def resource(self) -> str:
        """How the report names the resource: its construct path, else stack/logical id."""
        if self.construct_path:
            return self.construct_path
        return f"{self.stack.name}/{self.logical_id}" if self.logical_id else self.stack.name

    def level(self, config: FsbpConfig, *, unless_acknowledged: bool = True) -> Level:
        """ERROR, WARNING or NONE under ``config``; acknowledged findings are NONE, unless
        ``unless_acknowledged`` is false (the level the finding would have without it)."""
        if self.status in (Status.PASS, Status.NOT_APPLICABLE):
            return Level.NONE
        if unless_acknowledged and self.acknowledged is not None:
            return Level.NONE
        if config.report_only:
            return Level.WARNING
        if self.status is Status.FAIL:
            severe = self.control.severity >= Severity.parse(config.severity_threshold)
            return Level.ERROR if severe else Level.WARNING
        return Level.ERROR if config.strict else Level.WARNING

    @property
    def message(self) -> str:
        """One paragraph: control, severity, what was found, and retirement if any."""
        control = self.control
        head = f"[{control.id}] {control.title} (severity {control.severity.name}"
        head += ")" if control.active else f"; control retired on {control.retired_on})"
        if self.status is Status.UNKNOWN:
            return f"{head}. Cannot be decided from the template: {self.verdict.detail}."
        return f"{head}. {self.verdict.detail}." if self.verdict.detail else f"{head}."

    @property
    def cdk_fix(self) -> str | None:
        """The CDK way to comply, for a failing or undecided finding: the L2 setting, the
        Secure construct and ``FsbpDefaults`` that set it (:func:`hints.cdk_hint`)."""
        if self.status not in (Status.FAIL, Status.UNKNOWN):
            return None
        return cdk_fix(self.control.id, self.resource_type)

    @property
    def advice(self) -> str | None:
        """Both fixes in one text, the same in every report (synth, ``fsbp-check`` text, JSON
        and SARIF, ``assert_compliant``): the CDK setting first, then the CloudFormation
        property (the verdict's fix)."""
        hint, fix = self.cdk_fix, self.verdict.fix
        if hint is None:
            return fix
        return f"{hint}. In CloudFormation: {fix}" if fix else hint

    @property
    def fix(self) -> str:
        """:attr:`advice` and the control's documentation."""
        advice = self.advice
        url = self.control.doc_url
        return f"{advice}. See {url}" if advice else f"See {url}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record (used by the JSON report and the pytest helpers)."""
        ack = self.acknowledged
        return {
            "control": self.control.id,
            "rule_id": self.control.rule_id,
            "title": self.control.title,
            "severity": self.control.severity.name,
            "status": self.status.value,
            "stack": self.stack.name,
            "template": str(self.stack.template_path),
            "logical_id": self.logical_id,
            "resource_type": self.resource_type,
            "construct_path": self.construct_path,
            "property_path": self.verdict.path,
            "found": render(self.verdict.found) if self.status is Status.FAIL else None,
            "detail": self.verdict.detail,
            "fix": self.advice,
            "documentation": self.control.doc_url,
            "acknowledged": None
            if ack is None
            else {"id": ack.id, "reason": ack.reason, "at": ack.at},
        }


def _run_one(rule: Rule, resource: Resource, ctx: RuleContext) -> Verdict:
    try:
        with ctx.app.watching() as conditional:
            verdict = rule.check(resource, ctx)
    except Undecidable as undecidable:
        verdict = Verdict.unknown(str(undecidable), path=undecidable.path)
    except InputError as error:  # a value CloudFormation rejects (an Fn::Cidr count of 10**8)
        raise InputError(f"{resource.stack.template_path}: {error}") from None
    except Exception as error:  # a rule bug must never pass a resource, nor crash a synth
        return Verdict.unknown(
            f"the {rule.id} rule failed on this resource ({type(error).__name__}: {error}); "
            "please report this to fsbp-constructs"
        )
    others = [
        t
        for t in conditional
        if t.stack is not resource.stack or t.logical_id != resource.logical_id
    ]
    if others and verdict.status in (Status.PASS, Status.FAIL):
        verdict = Verdict.unknown(
            f"whether {others[0].logical_id} is created (its Condition {others[0].condition} "
            f"is undecided), on which the {verdict.status.value} verdict rests",
            path=verdict.path,
            fix=verdict.fix,
        )
    if verdict.fix is None and rule.fix and verdict.status in (Status.FAIL, Status.UNKNOWN):
        verdict = Verdict(verdict.status, verdict.path, verdict.found, rule.fix, verdict.reason)
    return verdict


def _combine(stack: Stack, verdicts: list[tuple[Variant, Verdict]]) -> Verdict:
    """One verdict from the verdicts of every variant: agreement, or UNKNOWN naming the split
    (a condition on the Region in words: "in cn-north-1 or cn-northwest-1")."""
    if len(verdicts) == 1 or len({verdict.status for _, verdict in verdicts}) == 1:
        return verdicts[0][1]
    fail = next((v for _, v in verdicts if v.status is Status.FAIL), None)
    split = "; ".join(
        f"{verdict.status.value} {_when(stack, variant)}"
        + (f" ({verdict.detail})" if verdict.status is Status.FAIL and verdict.detail else "")
        for variant, verdict in verdicts
    )
    return Verdict.unknown(
        f"the outcome depends on template conditions ({split})",
        path=fail.path if fail else None,
        fix=fail.fix if fail else None,
    )


def _when(stack: Stack, variant: Variant) -> str:
    parts = []
    for name, value in variant.conditions:
        regions = region_condition(name, stack.template)
        if regions is None:
            parts.append(f"{name}={value}")
        else:
            where = " or ".join(regions)
            parts.append(f"in {where}" if value else f"outside {where}")
    return "when " + (", ".join(parts) or "unconditional")


_NO_SETTINGS = Unresolved("stack settings that a bare template does not carry")


def _stack_stand_in(stack: Stack, app: App) -> Resource:
    settings = stack.settings
    if settings is None:
        settings = dict.fromkeys(stack_settings({}), _NO_SETTINGS)
    variant = Variant(dict(settings))
    return Resource(stack, "", STACK_TYPE, variant, app)


def _acknowledgment(
    stack: Stack, construct_path: str | None, definition: dict[str, Any], control: Control
) -> Acknowledged | None:
    """The closest acknowledgment of ``control`` for a resource, in either id form.

    Only an acknowledgment with a reason counts: one whose reason is empty or blank is
    skipped here (the finding stays) and named in the report (``engine.notes``).
    """
    metadata = definition.get("Metadata")
    recorded = metadata.get("cdk_nag") if isinstance(metadata, dict) else None
    if not stack.acknowledgments and recorded is None:
        return None  # the common case: nothing acknowledged in this stack or on the resource
    ids = control.acknowledgment_ids
    long_form = ids[0]
    if construct_path:
        path: str | None = construct_path
        while path is not None:  # the construct, its ancestors, then the app itself ("")
            acks = stack.acknowledgments.get(path)
            if acks:
                for key, reason in acks.items():
                    if key in ids and reason.strip():
                        return Acknowledged(key, reason, path, key == long_form)
            path = path.rpartition("/")[0] if path else None
    entries = recorded.get("rules_to_suppress") if isinstance(recorded, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or entry.get("id") not in ids:
            continue
        given = entry.get("reason")
        if isinstance(given, str) and given.strip():
            return Acknowledged(
                str(entry["id"]), given, "template Metadata", entry["id"] == long_form
            )
    return None


def evaluate(app: App, config: FsbpConfig | None = None) -> list[Finding]:
    """Every enabled control's verdict on every resource it covers, in template order."""
    config = config or FsbpConfig()
    dispatch: dict[str, list[tuple[Rule, RuleContext]]] = defaultdict(list)
    for rule in config.enabled_rules():
        ctx = RuleContext(app, config.parameters_of(rule))
        for type_name in (*rule.resource_types, *rule.policy_types):
            dispatch[type_name].append((rule, ctx))

    findings: list[Finding] = []
    for stack in app.stacks:
        candidates: Iterable[tuple[str, Any]] = stack.resources.items()
        if stack.parent is None and STACK_TYPE in dispatch:
            stand_in = _stack_stand_in(stack, app)
            findings.extend(_check(stack, {}, [stand_in], dispatch[STACK_TYPE], ""))
        for logical_id, definition in candidates:
            if not isinstance(definition, dict):
                continue
            rules = dispatch.get(str(definition.get("Type")))
            if not rules:
                continue
            condition = definition.get("Condition")
            problem = None if condition is None else condition_problem(condition, stack.template)
            try:
                if problem is not None:
                    raise ValueError(problem)
                variants = app.variants(stack, definition)
            except InputError as error:  # a value CloudFormation rejects: no verdict at all
                raise InputError(
                    f"{stack.template_path}: resource {logical_id!r}: {error}"
                ) from None
            except Exception as error:  # a malformed template: UNKNOWN on this resource
                reason = (
                    f"its Condition cannot be evaluated: {problem}"
                    if problem is not None
                    else f"its Properties are malformed ({type(error).__name__}: {error})"
                )
                verdict = Verdict.unknown(reason)
                findings.extend(
                    Finding(
                        rule.control,
                        verdict,
                        stack,
                        logical_id,
                        str(definition["Type"]),
                        stack.construct_path_of(logical_id),
                    )
                    for rule, _ in rules
                )
                continue
            if not variants:
                continue  # its Condition is false: never created in this stack
            resources = [
                Resource(stack, logical_id, str(definition["Type"]), v, app) for v in variants
            ]
            findings.extend(_check(stack, definition, resources, rules, logical_id))
    return findings


def _check(
    stack: Stack,
    definition: dict[str, Any],
    variants: list[Resource],
    rules: list[tuple[Rule, RuleContext]],
    logical_id: str,
) -> list[Finding]:
    construct_path = stack.construct_path_of(logical_id) if logical_id else stack.construct_path
    out = []
    for rule, ctx in rules:
        verdicts = [(r.variant, _run_one(rule, r, ctx)) for r in variants]
        if all(v is Verdict.covered() for _, v in verdicts):
            continue  # a policy judged on the resources it is attached to
        verdict = _combine(stack, verdicts)
        ack = None
        if verdict.status in (Status.FAIL, Status.UNKNOWN):
            ack = _acknowledgment(stack, construct_path, definition, rule.control)
        out.append(
            Finding(rule.control, verdict, stack, logical_id, variants[0].type, construct_path, ack)
        )
    return out
