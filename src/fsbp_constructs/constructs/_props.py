"""How the secure constructs combine their defaults with what the caller gives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def merge_defaults(defaults: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """``given`` over ``defaults``; ``None`` means "not given", as it does for aws-cdk-lib."""
    return {**defaults, **{k: v for k, v in given.items() if v is not None}}
