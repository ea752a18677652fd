"""``fsbp-check --list-controls`` and ``--explain ID``: the controls, from the catalog and the
registry, and one control's page, the section of ``docs/controls/<service>.md`` that
:mod:`controls_doc` renders, with what each verdict means for it (from its cases) and its CDK
and CloudFormation fixes. Nothing here is typed by hand, and nothing imports ``aws_cdk``.
"""

from __future__ import annotations

import difflib
from typing import Any

from .catalog import CATALOG, Control
from .controls import REGISTRY
from .controls_doc import case_entries, checked_text, service_markdown
from .evaluate import cdk_fix

__all__ = ["control_records", "explain", "find_control", "list_text"]

_MEANINGS = {
    "PASS": "the template shows the resource meets the control",
    "FAIL": "the template shows it does not; the fix below makes it pass",
    "UNKNOWN": "the template cannot decide it (a parameter, an import, a condition whose "
    "branches disagree, an account default): a warning, an error with --strict",
    "NOT_APPLICABLE": "the control does not apply to this resource",
}


def control_records() -> list[dict[str, Any]]:
    """Every FSBP control: id, severity, title, resource types, what is checked, whether it is
    checked (and if not, why), and its parameters with their defaults."""
    records = []
    for control in CATALOG.values():
        rule = REGISTRY.get(control.id)
        records.append(
            {
                "id": control.id,
                "rule_id": control.rule_id,
                "severity": control.severity.name,
                "title": control.title,
                "status": control.status,
                "checked": checked_text(control),
                "resource_types": list(rule.resource_types if rule else control.resource_types),
                "checks": rule.summary if rule else None,
                "parameters": [
                    {"name": p.name, "default": p.default, "description": p.description}
                    for p in (rule.parameters if rule else ())
                ],
                "documentation": control.doc_url,
            }
        )
    return records


def list_text() -> str:
    """:func:`control_records` as text: a line per control, then what it checks, indented."""
    lines = []
    for record in control_records():
        lines.append(
            f"{record['id']}  [{record['severity']}]  {record['title']}  "
            f"({record['status']}; checked: {record['checked']})"
        )
        lines.append(f"    resource types: {', '.join(record['resource_types']) or 'none'}")
        if record["checks"]:
            lines.append(f"    checks: {record['checks']}")
        lines.extend(
            f"    parameter {p['name']} (default {p['default']!r}): {p['description']}"
            for p in record["parameters"]
        )
    return "\n".join(lines) + "\n"


def find_control(given: str) -> Control:
    """The control ``given`` names (``ECR.1``, ``FSBP-ECR.1``, any case); else
    :class:`LookupError` naming the close matches."""
    wanted = given.strip().removeprefix("FSBP::").lower()
    wanted = wanted.removeprefix("fsbp-")
    by_id = {control.id.lower(): control for control in CATALOG.values()}
    if wanted in by_id:
        return by_id[wanted]
    close = difflib.get_close_matches(wanted, by_id, n=5, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(by_id[c].id for c in close)}?"
        if close
        else "; --list-controls lists them"
    )
    raise LookupError(f"--explain {given}: no FSBP control has this id{hint}")


def explain(control: Control) -> str:
    """The control's page (Markdown): the docs' section, the verdicts, both fixes."""
    rule = REGISTRY.get(control.id)
    if rule is None:
        return (
            f"## {control.id}\n\n**{control.title}**\n\nSeverity {control.severity.name} · "
            f"{control.status} · [Security Hub]({control.doc_url})\n\n"
            f"- **Resource types:** {', '.join(control.resource_types) or 'none'}\n"
            f"- **Checked:** {checked_text(control)}\n"
        )
    service = control.service.lower()
    page = service_markdown(service)
    start = page.index(f"\n## {control.id}\n") + 1
    end = page.find("\n## ", start)
    lines = page[start : end if end != -1 else len(page)].rstrip("\n").splitlines()
    lines.append("\n### Verdicts\n")
    _, entry = case_entries(service).get(control.id, (None, None))
    examples: dict[str, list[str]] = {}
    for case in (entry or {}).get("cases") or []:
        expect = case.get("expect")
        for status in {expect} if isinstance(expect, str) else set((expect or {}).values()):
            examples.setdefault(status, []).append(str(case.get("case")))
    for status, meaning in _MEANINGS.items():
        if status == "NOT_APPLICABLE" and status not in examples:
            continue
        lines.append(f"- **{status}**: {meaning}.")
        lines.extend(f"  - e.g. {name}" for name in examples.get(status, []))
    lines.append("\n### Fixes\n")
    hints = [hint for hint in (cdk_fix(rule.id, t) for t in rule.resource_types) if hint]
    lines.extend(f"- **CDK:** {hint}." for hint in hints)
    if not hints:
        lines.append("- **CDK:** no L2 setting is known for it; set the CloudFormation property.")
    if rule.fix:
        lines.append(f"- **CloudFormation:** {rule.fix}.")
    lines.append(f"- **Documentation:** {control.doc_url}")
    return "\n".join(lines) + "\n"
