"""Amazon SageMaker AI: SageMaker.1, SageMaker.2, SageMaker.3, SageMaker.4, SageMaker.5,
SageMaker.8, SageMaker.9, SageMaker.10, SageMaker.11, SageMaker.12, SageMaker.13, SageMaker.14,
SageMaker.15, SageMaker.16, SageMaker.17, SageMaker.19, SageMaker.20, SageMaker.21,
SageMaker.22, SageMaker.23, SageMaker.24, SageMaker.25."""

from __future__ import annotations

# The modules register their controls in this order, the order of the docs.
# isort: off
from . import notebooks, endpoints, monitoring, feature_store  # noqa: F401

# isort: on
from ._shared import SUPPORTED_NOTEBOOK_PLATFORMS

__all__ = ["SUPPORTED_NOTEBOOK_PLATFORMS"]
