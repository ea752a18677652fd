"""AWS Security Hub Foundational Security Best Practices, at ``cdk synth``.

- :class:`FsbpChecks`: the FSBP controls as a cdk-nag 3 pack that fails ``cdk synth``.
- :data:`CATALOG`: every FSBP control, with what this package checks.
- :func:`evaluate`: the same checks on templates, without CDK.
"""

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .catalog import CATALOG, Control, Severity
from .config import FsbpConfig
from .controls import REGISTRY
from .engine.loader import load_cloud_assembly, load_template_file
from .engine.model import App
from .engine.registry import Status, Verdict
from .evaluate import Finding, evaluate

if TYPE_CHECKING:
    from .constructs import *  # noqa: F403
    from .defaults import FsbpDefaults
    from .nag import FsbpChecks

_LAZY = {"FsbpChecks": "nag", "FsbpDefaults": "defaults"}


def __getattr__(name: str) -> Any:
    """CDK-facing names load aws_cdk (and Node) only when used: ``fsbp-check`` needs neither."""
    module = _LAZY.get(name)
    if module is not None:
        return getattr(importlib.import_module(f".{module}", __name__), name)
    if name.startswith("Secure") or name.startswith("secure_") or name.startswith("supported_"):
        secure = importlib.import_module(".constructs", __name__)
        if name in secure.__all__:
            return getattr(secure, name)
    raise AttributeError(f"module 'fsbp_constructs' has no attribute {name!r}")


__all__ = [
    "CATALOG",
    "REGISTRY",
    "App",
    "Control",
    "Finding",
    "FsbpChecks",
    "FsbpConfig",
    "FsbpDefaults",
    "Severity",
    "Status",
    "Verdict",
    "__version__",
    "evaluate",
    "load_cloud_assembly",
    "load_template_file",
]
