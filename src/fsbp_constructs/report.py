"""Reports of findings: a readable text table, JSON, and SARIF 2.1.0 for code-scanning tools.

Every report shows what makes a run fail (errors), what it only warns about (warnings) and the
findings that were acknowledged, each with its reason and where the acknowledgment was made.
Nothing here imports ``aws_cdk``.
"""

from __future__ import annotations

import dataclasses
import os
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .catalog import Control, Severity
from .config import FsbpConfig
from .engine.notes import ACKNOWLEDGMENT, Note
from .engine.registry import Rule, Status
from .evaluate import Finding, Level, cdk_fix

__all__ = [
    "SARIF_SCHEMA",
    "TOOL_NAME",
    "Summary",
    "escape",
    "json_report",
    "level_if_unacknowledged",
    "note_level",
    "sarif_report",
    "summarize",
    "text_report",
]

TOOL_NAME = "fsbp-check"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_INFORMATION_URI = "https://github.com/fsbp-constructs/fsbp-constructs"

#: GitHub code scanning reads ``security-severity`` (0.1-10) to rank security alerts.
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFORMATIONAL: "0.1",
}


def escape(text: str) -> str:
    """``text`` with every non-printable character written as a Python escape.

    Control characters (ESC, CR, LF), bidirectional overrides (U+202E), zero-width and other
    format characters, and lone surrogates come from the template (a logical id, a reason).
    Printed raw they could rewrite a terminal or a CI log; escaped they are visible and inert.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _escaped(c) for c in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def note_level(note: Note, config: FsbpConfig) -> Level:
    """An ignored acknowledgment is an error; a part not checked is a warning (an error when
    ``strict``); with ``report_only`` both are warnings."""
    if config.report_only:
        return Level.WARNING
    if note.kind == ACKNOWLEDGMENT or config.strict:
        return Level.ERROR
    return Level.WARNING


def level_if_unacknowledged(finding: Finding, config: FsbpConfig) -> Level:
    """The level the finding would have without its acknowledgment."""
    return dataclasses.replace(finding, acknowledged=None).level(config)


@dataclasses.dataclass(frozen=True)
class Summary:
    """Counts of a run, by how the findings are reported."""

    errors: int
    warnings: int
    acknowledged: int
    passed: int
    not_applicable: int
    stacks: int
    resources: int
    controls: int

    @property
    def failed(self) -> bool:
        """True when at least one finding is an error: ``fsbp-check`` exits with 1."""
        return self.errors > 0

    def as_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "failed": self.failed}

    def line(self) -> str:
        counts = [
            _plural(self.errors, "error"),
            _plural(self.warnings, "warning"),
            f"{self.acknowledged} acknowledged",
            f"{self.passed} passed",
            f"{self.not_applicable} not applicable",
        ]
        scope = (
            f"{_plural(self.resources, 'resource')} in {_plural(self.stacks, 'stack')}, "
            f"{_plural(self.controls, 'control')}"
        )
        return f"{', '.join(counts)} ({scope})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summarize(
    findings: Sequence[Finding], config: FsbpConfig, *, stacks: int | None = None
) -> Summary:
    """Count the findings; ``stacks`` defaults to the stacks that have findings."""
    levels = Counter(f.level(config) for f in findings)
    statuses = Counter(f.status for f in findings)
    return Summary(
        errors=levels[Level.ERROR],
        warnings=levels[Level.WARNING],
        acknowledged=sum(1 for f in findings if f.acknowledged is not None),
        passed=statuses[Status.PASS],
        not_applicable=statuses[Status.NOT_APPLICABLE],
        stacks=stacks if stacks is not None else len({id(f.stack) for f in findings}),
        resources=len({(id(f.stack), f.logical_id) for f in findings}),
        controls=len(config.enabled_rules()),
    )


def _reported(findings: Iterable[Finding], config: FsbpConfig) -> list[tuple[Finding, Level]]:
    """Errors, warnings and acknowledged findings (with the level they would have had)."""
    out = []
    for finding in findings:
        if finding.acknowledged is not None:
            out.append((finding, level_if_unacknowledged(finding, config)))
            continue
        level = finding.level(config)
        if level is not Level.NONE:
            out.append((finding, level))
    return out


# ---------------------------------------------------------------------------------------------
# Text


_ORDER = {Level.ERROR: 0, Level.WARNING: 1, Level.NONE: 2}


def text_report(
    findings: Sequence[Finding],
    config: FsbpConfig,
    *,
    stacks: int | None = None,
    notes: Sequence[Note] = (),
) -> str:
    """A table grouped by control: each problem with what was found and the fix, then what was
    not checked (``notes``) and a summary. Text from the template is escaped (:func:`escape`)."""
    by_control: dict[str, list[tuple[Finding, Level]]] = {}
    for finding, level in _reported(findings, config):
        by_control.setdefault(finding.control.id, []).append((finding, level))
    order = [rule.id for rule in config.enabled_rules()]
    lines: list[str] = []
    for control_id in sorted(
        by_control, key=lambda c: order.index(c) if c in order else len(order)
    ):
        entries = by_control[control_id]
        control = entries[0][0].control
        lines.append(_control_heading(control))
        lines.append(f"  {control.doc_url}")
        entries.sort(key=lambda e: (e[0].acknowledged is not None, _ORDER[e[1]], e[0].resource))
        for finding, level in entries:
            lines.extend(_text_entry(finding, level))
        lines.append("")
    if not lines:
        lines = ["No FSBP findings to report.", ""]
    if notes:
        lines.append("Not checked, or ignored (the verdicts above do not cover these):")
        lines.extend(f"  {note_level(note, config).name:<12}  {note.line()}" for note in notes)
        lines.append("")
    lines.append(summarize(findings, config, stacks=stacks).line())
    return "\n".join(escape(line) for line in lines) + "\n"


def _control_heading(control: Control) -> str:
    retired = "" if control.active else f", retired {control.retired_on}"
    return f"{control.rule_id}  {control.title}  [{control.severity.name}{retired}]"


def _text_entry(finding: Finding, level: Level) -> list[str]:
    ack = finding.acknowledged
    label = "ACKNOWLEDGED" if ack is not None else level.name
    where = f"{finding.stack.template_path.name}: {finding.logical_id or 'the stack itself'}"
    lines = [f"  {label:<12}  {finding.resource}  ({where})"]
    indent = " " * 16
    detail = finding.verdict.detail
    if finding.status is Status.UNKNOWN:
        detail = f"cannot be decided from the template: {detail}"
    if detail:
        lines.append(f"{indent}{detail}")
    if ack is not None:
        lines.append(f"{indent}reason: {ack.reason or '(none given)'}  [{ack.id} at {ack.at}]")
    elif finding.advice:
        lines.append(f"{indent}fix: {finding.advice}")
    return lines


# ---------------------------------------------------------------------------------------------
# JSON


def json_report(
    findings: Sequence[Finding],
    config: FsbpConfig,
    *,
    stacks: int | None = None,
    notes: Sequence[Note] = (),
) -> dict[str, Any]:
    """Every finding (passes included) with its level, the summary, and what was not checked."""
    records = []
    for finding in findings:
        record = finding.as_dict()
        record["resource"] = finding.resource
        record["level"] = finding.level(config).value
        records.append(record)
    return _without_surrogates(
        {
            "tool": {"name": TOOL_NAME, "version": __version__},
            "summary": summarize(findings, config, stacks=stacks).as_dict(),
            "findings": records,
            "notes": [
                {
                    "kind": note.kind,
                    "template": str(note.stack.template_path),
                    "stack": note.stack.name,
                    "logical_id": note.logical_id,
                    "message": note.message,
                }
                for note in notes
            ],
        }
    )


# ---------------------------------------------------------------------------------------------
# SARIF 2.1.0


def sarif_report(
    findings: Sequence[Finding],
    config: FsbpConfig,
    *,
    root: Path | None = None,
    notes: Sequence[Note] = (),
) -> dict[str, Any]:
    """A SARIF 2.1.0 log: one rule per enabled control, one result per reported finding.

    Acknowledged findings are results with a ``suppressions`` entry carrying the reason.
    ``notes`` (what was not checked) are tool execution notifications of the invocation.
    Locations name the template file (relative to ``root`` when it is inside it) and the line
    of the resource's logical id; the construct path is the logical location.
    """
    reported = _reported(findings, config)
    used = {finding.control.rule_id for finding, _ in reported}
    # Only the rules of the results (SARIF 2.1.0 3.19.23 asks for no more): the whole pack's
    # definitions were most of a report's size.
    rules = [rule for rule in config.enabled_rules() if rule.rule_id in used]
    index = {rule.rule_id: i for i, rule in enumerate(rules)}
    lines = _Lines()
    artifacts: dict[Path, dict[str, Any]] = {}
    results = []
    for finding, level in reported:
        template = finding.stack.template_path
        if template not in artifacts:
            artifacts[template] = _artifact(template, root)
        results.append(
            _sarif_result(
                finding, level, index.get(finding.control.rule_id), artifacts[template], lines
            )
        )
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": _INFORMATION_URI,
                "rules": [_sarif_rule(rule, config) for rule in rules],
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    run["invocations"] = [
        {
            "executionSuccessful": True,
            "toolExecutionNotifications": [
                {
                    "level": note_level(note, config).value,
                    "descriptor": {"id": note.kind},
                    "message": {"text": note.line()},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": _artifact(note.stack.template_path, root)
                            }
                        }
                    ],
                }
                for note in notes
            ],
        }
    ]
    if root is not None:
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": root.resolve().as_uri() + "/"}}
    return _without_surrogates({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


def _sarif_rule(rule: Rule, config: FsbpConfig) -> dict[str, Any]:
    control = rule.control
    failing = not config.report_only and control.severity >= Severity.parse(
        config.severity_threshold
    )
    summary = rule.summary
    fixes = [
        f"{hint}."
        for hint in (cdk_fix(rule.id, type_name) for type_name in rule.resource_types)
        if hint
    ]
    if rule.fix:
        fixes.append(f"In CloudFormation: {rule.fix}.")
    how = "".join(f"\n\nFix: {fix}" for fix in fixes)
    return {
        "id": control.rule_id,
        "name": "".join(part.capitalize() for part in rule.check.__name__.split("_")),
        "shortDescription": {"text": control.title},
        "fullDescription": {"text": summary or control.title},
        "helpUri": control.doc_url,
        "help": {
            "text": f"{summary}{how}\n\nAWS Security Hub control {control.id}: {control.doc_url}",
            "markdown": f"{summary}{how}\n\nAWS Security Hub control "
            f"[{control.id}]({control.doc_url}) ({control.severity.name}).",
        },
        "defaultConfiguration": {"level": "error" if failing else "warning"},
        "properties": {
            "control": control.id,
            "severity": control.severity.name,
            "status": control.status,
            "security-severity": _SECURITY_SEVERITY[control.severity],
            "tags": ["security", "AWS", "FSBP", control.service],
        },
    }


def _sarif_result(
    finding: Finding,
    level: Level,
    rule_index: int | None,
    artifact: dict[str, Any],
    lines: _Lines,
) -> dict[str, Any]:
    message = finding.message
    if finding.advice:  # SARIF's ``fixes`` must be edits (artifactChanges), not advice
        message += f" Fix: {finding.advice}."
    physical: dict[str, Any] = {"artifactLocation": dict(artifact)}
    line = lines.line_of(finding.stack.template_path, finding.logical_id, finding.verdict.path)
    if line is not None:
        physical["region"] = {"startLine": line}
    logical: dict[str, Any] = {
        "name": finding.logical_id or finding.stack.name,
        "fullyQualifiedName": finding.resource,
        "kind": "resource" if finding.logical_id else "stack",
    }
    result: dict[str, Any] = {
        "ruleId": finding.control.rule_id,
        "level": level.value,
        "message": {"text": message},
        "locations": [{"physicalLocation": physical, "logicalLocations": [logical]}],
        "partialFingerprints": {
            "fsbpResource/v1": f"{finding.control.rule_id}:{finding.stack.name}:"
            f"{finding.logical_id or '-'}"
        },
        "properties": {
            "control": finding.control.id,
            "status": finding.status.value,
            "severity": finding.control.severity.name,
            "stack": finding.stack.name,
            "logicalId": finding.logical_id,
            "resourceType": finding.resource_type,
            "constructPath": finding.construct_path,
            "propertyPath": finding.verdict.path,
        },
    }
    if rule_index is not None:
        result["ruleIndex"] = rule_index
    ack = finding.acknowledged
    if ack is not None:
        result["suppressions"] = [
            {
                # template Metadata travels with the template; construct metadata does not
                "kind": "inSource" if ack.at == "template Metadata" else "external",
                "status": "accepted",
                "justification": ack.reason,
                "properties": {"acknowledgedAs": ack.id, "at": ack.at},
            }
        ]
    return result


def _artifact(path: Path, root: Path | None) -> dict[str, Any]:
    if root is not None:
        try:
            relative = path.resolve().relative_to(root.resolve())
        except ValueError:
            pass
        else:
            # RFC 3986: every byte outside the unreserved set and "/" percent-encoded (a
            # ":" too, which would otherwise read as a scheme in the first segment)
            uri = urllib.parse.quote_from_bytes(os.fsencode(relative.as_posix()), safe="/")
            return {"uri": uri, "uriBaseId": "SRCROOT"}
    return {"uri": path.resolve().as_uri()}


_EVERYTHING = "*"
_KEY = re.compile(r"""^(\s*)(["']?)([A-Za-z0-9_:.\-]+)\2\s*:""")
_INDEX = re.compile(r"\[[^\]]*\]")


def _without_surrogates(report: dict[str, Any]) -> dict[str, Any]:
    """The report with every lone surrogate of its strings as an escape (:func:`_json_safe`)."""
    return {key: _json_safe(value) for key, value in report.items()}


def _json_safe(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings (a logical id or a file name that is
    not UTF-8) written as its escape (``\\udc80``, as the text report shows it), so that
    strict JSON parsers accept the report."""
    if isinstance(value, str):
        return value if value.isascii() else _SURROGATE.sub(_escape_match, value)
    if isinstance(value, dict):
        return {k if k.isascii() else _json_safe(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def _escape_match(match: re.Match[str]) -> str:
    return _escaped(match.group())


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Lines:
    """Line numbers of the keys under a template's top-level ``Resources`` section, per file.

    A text scan that follows indentation, for indented JSON (as CDK writes it) and block-style
    YAML; a template on one line gives line 1 for everything, and a layout it cannot follow
    gives none.
    """

    def __init__(self) -> None:
        self._files: dict[Path, dict[tuple[str, ...], int]] = {}

    def line_of(self, path: Path, logical_id: str, property_path: str | None = None) -> int | None:
        """The line of the property ``property_path`` names in resource ``logical_id`` (of its
        nearest ancestor written in the template), else of the logical id; for ``""`` (the
        stack itself) the line of ``Resources``."""
        if path not in self._files:
            self._files[path] = self._scan(path)
        found = self._files[path]
        if logical_id and property_path:
            keys = [k for k in _INDEX.sub("", property_path).split(".") if k]
            for end in range(len(keys), 0, -1):
                line = found.get(("Resources", logical_id, "Properties", *keys[:end]))
                if line is not None:
                    return line
        key = ("Resources", logical_id) if logical_id else ("Resources",)
        return found.get(key, found.get((_EVERYTHING,)))

    @staticmethod
    def _scan(path: Path) -> dict[tuple[str, ...], int]:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return {}
        lines = text.splitlines()
        if len(lines) == 1:
            return {(_EVERYTHING,): 1}
        found: dict[tuple[str, ...], int] = {}
        open_keys: list[tuple[int, str]] = []  # (indent, key) of the keys the line is under
        top: int | None = None
        for number, line in enumerate(lines, start=1):
            match = _KEY.match(line)
            if match is None:
                continue
            indent, key = len(match.group(1)), match.group(3)
            if top is None:
                top = indent
            if indent <= top:
                if found:
                    break  # the section after Resources
                open_keys = [(indent, key)] if key == "Resources" else []
                if open_keys:
                    found[("Resources",)] = number
                continue
            if not open_keys:
                continue
            while open_keys and open_keys[-1][0] >= indent:
                open_keys.pop()
            open_keys.append((indent, key))
            found.setdefault(tuple(k for _, k in open_keys), number)
        return found
