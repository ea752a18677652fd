"""Amazon CloudFront: CloudFront.1, .3, .4, .5, .6, .7, .8, .9, .10, .12, .13, .15, .16, .17."""

from __future__ import annotations

# The modules register their controls in this order, the order of the docs.
# isort: off
from . import origins, distributions  # noqa: F401

# isort: on
from .distributions import RECOMMENDED_VIEWER_POLICIES

__all__ = ["RECOMMENDED_VIEWER_POLICIES"]
