"""No module imports another module's private names.

The rule, for every ``.py`` file of the package (``src/fsbp_constructs``):

- A *private name* is one that starts with a single underscore (``_subnet_zone``, ``_ID``);
  dunders (``__version__``) are not private. ``from M import _x`` is allowed only when
  ``M`` is the importing module itself, never from another module, whatever package
  they share: a name two modules need is public in the module that owns it.
- A *private module* is one whose last part starts with an underscore (``controls/_policy.py``,
  ``controls/_subnets.py``). It is shared by its package: the package and every module below it
  may import it (and its public names); a module outside that package may not.
- ``import M`` / ``from M import N`` of modules outside the package (the standard library,
  aws_cdk, ...) are not judged here.

The message of a failure names the import and what to rename."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_layers import PACKAGE, module_name


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _violations(path: Path) -> list[str]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    where = str(path.relative_to(PACKAGE.parent))
    return _judge(module, package, where, path.read_text(encoding="utf-8"))


def _judge(module: str, package: str, where: str, text: str) -> list[str]:
    """The violations of the source ``text`` of ``module`` (in ``package``)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        targets: list[tuple[str, list[str]]] = []
        if isinstance(node, ast.Import):
            targets = [(alias.name, []) for alias in node.names]
        else:
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = (
                (f"{base}.{node.module}" if node.module else base)
                if node.level
                else str(node.module)
            )
            names = [alias.name for alias in node.names]
            # ``from pkg import _mod`` names a module: judge it as a module, not as a name.
            submodules = [n for n in names if _is_module(f"{source}.{n}")]
            targets = [(source, [n for n in names if n not in submodules])]
            targets += [(f"{source}.{n}", []) for n in submodules]
        for source, names in targets:
            if not source.startswith("fsbp_constructs"):
                continue
            parts = source.split(".")
            for i, part in enumerate(parts):
                owner = ".".join(parts[:i])
                if _private(part) and not (module == owner or module.startswith(owner + ".")):
                    found.append(
                        f"{where}:{node.lineno} imports the private module {source} from outside "
                        f"{owner}: make it public (rename {part} to {part.lstrip('_')}) or move "
                        f"what {module} needs into a public module"
                    )
            for name in names:
                if _private(name) and source != module:
                    found.append(
                        f"{where}:{node.lineno} imports the private name {name} from {source}: "
                        f"rename it to {name.lstrip('_')} in {source} (and its uses there), or "
                        "move it into a shared module of the package under a public name"
                    )
    return found


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    root = PACKAGE / relative
    return root.with_suffix(".py").is_file() or (root / "__init__.py").is_file()


#: Violations in modules other sessions are editing, each to be fixed as its message says and
#: then deleted from here (the test fails while a listed one is gone, so the list only shrinks).
KNOWN = {
    "fsbp_constructs/engine/checks.py: _register from fsbp_constructs.engine.registry",
}


def _key(violation: str) -> str:
    where, _, rest = violation.partition(" imports the private name ")
    return f"{where.rpartition(':')[0]}: {rest.partition(':')[0]}"


def test_no_module_imports_a_private_name_of_another() -> None:
    found = [v for path in sorted(PACKAGE.rglob("*.py")) for v in _violations(path)]
    new = [v for v in found if _key(v) not in KNOWN]
    assert not new, "private imports across modules:\n" + "\n".join(new)
    fixed = KNOWN - {_key(v) for v in found}
    assert not fixed, f"fixed, so delete from KNOWN: {sorted(fixed)}"


def test_the_rule_catches_what_it_names() -> None:
    """The checker itself: a private name across modules and a private module from outside
    its package are caught; a package's own private module and its public names, a module's
    own names, dunders and outside libraries are not."""
    s3 = ("fsbp_constructs.controls.s3", "fsbp_constructs.controls.s3")
    allowed = (
        "from __future__ import annotations\n"
        "from .._policy import Statement\n"
        "from .. import _policy\n"
        "from fsbp_constructs.controls._policy import Statement as S\n"
        "from typing import _SpecialForm\n"
        "from . import __doc__\n"
    )
    assert _judge(*s3, "s3", allowed) == []
    assert _judge(*s3, "s3", "from fsbp_constructs.controls.s3 import _own\n") == []
    [name] = _judge(*s3, "s3", "from .._policy import _shape\n")
    assert "private name _shape from fsbp_constructs.controls._policy" in name
    assert "rename it to shape" in name
    [module] = _judge(
        "fsbp_constructs.config", "fsbp_constructs", "config", "from .controls import _policy\n"
    )
    assert "private module fsbp_constructs.controls._policy from outside" in module
    [other] = _judge(*s3, "s3", "from ..elb import _ID\n")
    assert "private name _ID from fsbp_constructs.controls.elb" in other
