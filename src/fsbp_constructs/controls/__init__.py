"""Every FSBP control this package checks: one package per AWS service, each holding the
declarations (or code) of its controls and their cases (``cases.yaml``).

Importing this package registers every control in :data:`REGISTRY`, from which the pack's
dispatch, the rule ids, the docs, the remediation table and the options are derived. See
``docs/adding-a-control.md``.
"""

import importlib
import pkgutil

from ..engine.registry import NOT_CHECKABLE, REGISTRY

#: The service packages, in alphabetical order (the order of the docs and the registry).
SERVICES: tuple[str, ...] = tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))

for _service in SERVICES:
    importlib.import_module(f"{__name__}.{_service}")

__all__ = ["NOT_CHECKABLE", "REGISTRY", "SERVICES"]
