"""The contributor guide (docs/adding-a-control.md) shows real code: each ```python block that
is a ``control(...)`` declaration is, to the character, the source of that control's
declaration in its package (read with ``ast``), and each ```yaml block's cases and
``rejects`` are the control's real ones (the guide's comments aside)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import yaml

from fsbp_constructs.controls import SERVICES, case_files

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "adding-a-control.md"
CONTROLS = ROOT / "src" / "fsbp_constructs" / "controls"


def _blocks(language: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.S | re.M)


def _declared_id(node: ast.AST) -> str | None:
    """The control id of a ``control("X.n", ...)`` call, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "control"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def _declarations() -> dict[str, str]:
    """Every ``control(...)`` call of the control packages: id -> its source text."""
    found: dict[str, str] = {}
    for path in sorted(CONTROLS.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            control_id = _declared_id(node)
            if control_id is not None:
                segment = ast.get_source_segment(source, node)
                assert segment is not None
                found[control_id] = segment
    return found


def _cases() -> dict[str, dict[str, Any]]:
    """Every control's entry of every case file: id -> {"cases": [...], "rejects": {...}}."""
    found: dict[str, dict[str, Any]] = {}
    for service in SERVICES:
        for path in case_files(service):
            found.update(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    return found


def test_the_guide_shows_a_declaration_and_cases() -> None:
    declarations = [b for b in _blocks("python") if _snippet_id(b) is not None]
    assert [_snippet_id(b) for b in declarations] == ["ECR.2"]
    assert any("cases" in (yaml.safe_load(b) or {}).get("ECR.2", {}) for b in _blocks("yaml"))


def _snippet_id(block: str) -> str | None:
    body = ast.parse(block).body
    if len(body) == 1 and isinstance(body[0], ast.Expr):
        return _declared_id(body[0].value)
    return None


def test_each_declaration_in_the_guide_is_the_real_one() -> None:
    real = _declarations()
    for block in _blocks("python"):
        control_id = _snippet_id(block)
        if control_id is None:
            continue  # an example app, not a declaration
        assert control_id in real, f"the guide declares {control_id}, which no package does"
        assert block.rstrip("\n") == real[control_id], (
            f"docs/adding-a-control.md shows {control_id}'s declaration differently from its "
            f"package: copy the control(...) call from the source\n{real[control_id]}"
        )


def test_each_case_and_rejects_in_the_guide_is_the_real_one() -> None:
    real = _cases()
    compared = 0
    for block in _blocks("yaml"):
        for control_id, entry in (yaml.safe_load(block) or {}).items():
            assert control_id in real, f"the guide shows cases of {control_id}, which has none"
            if "rejects" in entry:
                assert entry["rejects"] == real[control_id]["rejects"], control_id
                compared += 1
            by_name = {c["case"]: c for c in real[control_id].get("cases", [])}
            for case in entry.get("cases", []):
                if not isinstance(case, dict):
                    continue  # `cases: [...]`: the rest of the list, elided
                assert case == by_name.get(case["case"]), (
                    f"the guide's {control_id} case {case['case']!r} differs from "
                    f"{control_id}'s case file: {by_name.get(case['case'])}"
                )
                compared += 1
    assert compared >= 2
