"""Every FSBP control this package checks: one package per AWS service, each holding the
declarations (or code) of its controls and their cases. A small service keeps its cases in
``cases.yaml``; a large one is split into modules by resource type or control group, each
with its cases beside it (``instances.py`` and ``instances.cases.yaml``): see
:func:`case_files`.

Importing this package registers every control in :data:`REGISTRY`, from which the pack's
dispatch, the rule ids, the docs, the remediation table and the options are derived. See
``docs/adding-a-control.md``.
"""

import importlib
import pkgutil
from pathlib import Path

from ..engine.registry import NOT_CHECKABLE, REGISTRY

#: The service packages, in alphabetical order (the order of the docs and the registry).
SERVICES: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))

for _service in SERVICES:
    importlib.import_module(f"{__name__}.{_service}")


def case_files(service: str) -> list[Path]:
    """The case files of a service package: ``cases.yaml`` and every ``<module>.cases.yaml``
    beside it, in name order."""
    return sorted((Path(__file__).parent / service).glob("*cases.yaml"))


__all__ = ["NOT_CHECKABLE", "REGISTRY", "SERVICES", "case_files"]
