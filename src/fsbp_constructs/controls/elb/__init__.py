"""Elastic Load Balancing: ELB.1, .2, .3, .4, .5, .6, .7, .8, .9, .10, .12, .13, .14, .17, .18, .21,
.22.

One module per resource family, each with its cases beside it (``<module>.cases.yaml``):
:mod:`.load_balancers` (Application, Network and Gateway Load Balancers), :mod:`.classic`
(Classic Load Balancers) and :mod:`.listeners` (listeners and target groups); :mod:`._shared`
holds the resource types and the zone count of a load balancer's subnets.
"""

from __future__ import annotations

# isort: off
# The import order is the registry order, which the generated docs follow.
from . import load_balancers, classic, listeners
# isort: on

__all__ = ["classic", "listeners", "load_balancers"]
