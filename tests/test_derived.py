"""What is derived from the control declarations stays derived: the generated docs are
current, and no list of controls is kept by hand in the package."""

from __future__ import annotations

import ast
from pathlib import Path

from fsbp_constructs import CATALOG
from fsbp_constructs.controls_doc import generated_files

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fsbp_constructs"


def test_generated_docs_are_current() -> None:
    stale = [
        str(path.relative_to(ROOT))
        for path, content in generated_files(ROOT).items()
        if not path.is_file() or path.read_text(encoding="utf-8") != content
    ]
    assert not stale, (
        f"stale: {', '.join(stale)}; run `python -m fsbp_constructs.controls_doc --write`"
    )


def _control_ids(node: ast.AST) -> list[str]:
    elements: list[ast.expr | None] = []
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        elements = list(node.elts)
    elif isinstance(node, ast.Dict):
        elements = list(node.keys)
    return [
        e.value
        for e in elements
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value in CATALOG
    ]


def test_no_list_of_controls_is_kept_by_hand() -> None:
    """Outside the control declarations (``controls/``), no Python literal lists two or more
    control ids: such a list would be a second copy of what the declarations say."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "controls") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            ids = _control_ids(node)
            if len(ids) >= 2:
                found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}: {ids}")
    assert not found, "hand-kept lists of controls:\n" + "\n".join(found)
