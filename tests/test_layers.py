"""The package's layers: catalog (data) <- engine <- controls <- adapters and constructs.

The engine and the controls never import ``aws_cdk``; the engine never imports the
controls or an adapter; the import graph of the package has no cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "fsbp_constructs"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Modules imported anywhere in the file, function bodies included (a lazy import is
    still a dependency); ``TYPE_CHECKING`` blocks are not."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                found.update(alias.name for alias in sub.names)
            elif isinstance(sub, ast.ImportFrom):
                base = package
                for _ in range(sub.level - 1):
                    base = base.rpartition(".")[0]
                target = (
                    f"{base}.{sub.module}"
                    if sub.level and sub.module
                    else (base if sub.level else str(sub.module))
                )
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in sub.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {i for i in _imports(path) if i in modules and i != name}
        for name, path in modules.items()
    }


def test_engine_and_controls_never_import_cdk() -> None:
    for path in [*(PACKAGE / "engine").rglob("*.py"), *(PACKAGE / "controls").rglob("*.py")]:
        heavy = {i for i in _imports(path) if i.split(".")[0] in ("aws_cdk", "constructs", "jsii")}
        assert not heavy, f"{path.relative_to(PACKAGE)} imports {sorted(heavy)}"
    assert not {i for i in _imports(PACKAGE / "catalog.py") if i.startswith("fsbp_constructs.")}


def test_the_engine_imports_only_the_catalog_and_itself() -> None:
    for name, imports in _graph().items():
        if name.startswith("fsbp_constructs.engine"):
            outside = {
                i
                for i in imports
                if not i.startswith("fsbp_constructs.engine")
                and i not in ("fsbp_constructs.catalog",)
            }
            assert not outside, f"{name} imports {sorted(outside)}"


def test_controls_import_only_the_engine_and_the_catalog() -> None:
    for name, imports in _graph().items():
        # The controls package and its modules; not controls_doc, the tool that documents them.
        if name == "fsbp_constructs.controls" or name.startswith("fsbp_constructs.controls."):
            outside = {
                i
                for i in imports
                if not i.startswith(("fsbp_constructs.engine", "fsbp_constructs.controls"))
                and i != "fsbp_constructs.catalog"
            }
            assert not outside, f"{name} imports {sorted(outside)}"


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    # The package itself re-exports its parts; importing a submodule runs it first, which
    # is not an edge back from the submodule.
    graph = {k: {i for i in v if i != "fsbp_constructs"} for k, v in graph.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
