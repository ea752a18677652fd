"""Every case of every control, run in-process on its template fragment: no CDK, no Node.

A case file (``controls/<service>/cases.yaml``, or ``<module>.cases.yaml`` beside a module)
maps each control id to its ``cases``; the format is in ``docs/adding-a-control.md``. Each
case becomes one test, named ``<control id>: <case>``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from fsbp_constructs.config import FsbpConfig
from fsbp_constructs.controls import REGISTRY, SERVICES, case_files
from fsbp_constructs.engine.loader import stack_settings
from fsbp_constructs.engine.model import App, Stack
from fsbp_constructs.engine.registry import Status
from fsbp_constructs.evaluate import evaluate

CONTROLS_DIR = Path(__file__).parents[2] / "src" / "fsbp_constructs" / "controls"
CASE_KEYS = {
    "case", "absent", "resources", "parameters", "conditions", "mappings", "outputs",
    "region", "with", "expect", "path", "says", "stack",
}  # fmt: skip
STATUSES = {s.value for s in Status}


def _load() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for service in SERVICES:
        for path in case_files(service):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for control_id, entry in (data or {}).items():
                assert control_id not in out, f"{control_id} has cases in two files"
                out[control_id] = {**entry, "file": path.relative_to(CONTROLS_DIR)}
    return out


CASES = _load()


def _params() -> list[Any]:
    return [
        pytest.param(control_id, case, id=f"{control_id}: {case.get('case')}")
        for control_id, entry in CASES.items()
        for case in entry.get("cases") or []
    ]


def run_case(control_id: str, case: dict[str, Any]) -> dict[str, Any]:
    """The findings of one control on a case's template: logical id -> finding."""
    template: dict[str, Any] = {"Resources": case["resources"]}
    for key, section in (
        ("parameters", "Parameters"),
        ("conditions", "Conditions"),
        ("mappings", "Mappings"),
        ("outputs", "Outputs"),
    ):
        if key in case:
            template[section] = case[key]
    stack = Stack(
        name="CaseStack",
        template_path=Path(f"{control_id}.template.json"),
        template=template,
        region=case.get("region"),
        account="111111111111" if case.get("region") else None,
        settings=stack_settings(case["stack"]) if "stack" in case else None,
    )
    given = {control_id: case["with"]} if "with" in case else {}
    config = FsbpConfig(controls=[control_id], parameters=given)
    return {f.logical_id or "<stack>": f for f in evaluate(App([stack]), config)}


@pytest.mark.parametrize(("control_id", "case"), _params())
def test_case(control_id: str, case: dict[str, Any]) -> None:
    unknown_keys = set(case) - CASE_KEYS
    assert not unknown_keys, f"unknown case keys {sorted(unknown_keys)}"
    findings = run_case(control_id, case)
    expect = case["expect"]
    if isinstance(expect, str):
        assert expect in STATUSES, f"expect must be one of {sorted(STATUSES)}"
        rule = REGISTRY[control_id]
        checked = [
            logical_id
            for logical_id, definition in case["resources"].items()
            if definition.get("Type") in rule.resource_types
        ]
        assert len(checked) == 1, (
            f"expect: {expect} needs exactly one resource of {rule.resource_types}; "
            f"found {checked}: give expect as a mapping of logical id to status"
        )
        expect = {checked[0]: expect}
    got = {logical_id: f.status.value for logical_id, f in findings.items()}
    assert got == expect, "\n".join(
        f"{lid}: {f.status.value} {f.verdict.path or ''} {f.verdict.detail}"
        for lid, f in findings.items()
    )
    if "path" in case or "says" in case:
        (finding,) = [findings[lid] for lid in expect]
        if "path" in case:
            assert finding.verdict.path == case["path"], finding.verdict
        if "says" in case:
            assert case["says"] in finding.message, finding.message


REQUIRED = ("PASS", "FAIL", "UNKNOWN")


@pytest.mark.parametrize("control_id", list(REGISTRY))
def test_every_control_has_pass_fail_absent_and_unknown_cases(control_id: str) -> None:
    """PASS, FAIL and UNKNOWN cases and a case for the absent property, unless the control's
    case file says (``without: {FAIL: why}``) why a verdict cannot occur."""
    entry = CASES.get(control_id)
    assert entry is not None, f"{control_id} has no cases.yaml entry"
    cases = entry.get("cases") or []
    without = entry.get("without") or {}
    seen: set[str] = set()
    for case in cases:
        expect = case["expect"]
        seen.update([expect] if isinstance(expect, str) else expect.values())
    for status in REQUIRED:
        assert status in seen or status in without, f"{control_id} has no {status} case"
    assert any(case.get("absent") for case in cases) or "absent" in without, (
        f"{control_id} has no case for the absent property (absent: true)"
    )


def test_case_files_name_only_declared_controls() -> None:
    assert set(CASES) <= set(REGISTRY), sorted(set(CASES) - set(REGISTRY))


def _rejections() -> list[Any]:
    return [
        pytest.param(control_id, name, bad, id=f"{control_id}.{name}={bad!r}")
        for control_id, entry in CASES.items()
        for name, values in (entry.get("rejects") or {}).items()
        for bad in values
    ]


@pytest.mark.parametrize(("control_id", "name", "bad"), _rejections())
def test_bad_parameter_values_are_refused_naming_them(control_id: str, name: str, bad: Any) -> None:
    with pytest.raises(ValueError) as raised:
        FsbpConfig(parameters={control_id: {name: bad}})
    message = str(raised.value)
    assert name in message and repr(bad) in message, message


@pytest.mark.parametrize("control_id", [c for c, r in REGISTRY.items() if r.parameters])
def test_every_parameter_has_rejected_values(control_id: str) -> None:
    """Each parameter lists bad values (``rejects:`` beside ``cases:``), and an unknown
    parameter name is refused with the valid names."""
    rejects = (CASES.get(control_id) or {}).get("rejects") or {}
    for parameter in REGISTRY[control_id].parameters:
        assert rejects.get(parameter.name), f"{control_id}: no rejects for {parameter.name}"
    with pytest.raises(ValueError, match=r"unknown parameter 'nope'"):
        FsbpConfig(parameters={control_id: {"nope": 1}})
