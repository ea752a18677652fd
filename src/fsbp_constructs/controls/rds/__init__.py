"""Amazon RDS: RDS.2, RDS.3, RDS.5-RDS.17, RDS.19-RDS.25, RDS.27, RDS.34-RDS.48, RDS.50,
RDS.51 (RDS.4 is not checkable).

One module per resource type or control group, each with its cases beside it
(``<module>.cases.yaml``): :mod:`.instances`, :mod:`.clusters`, :mod:`.log_exports`,
:mod:`.db_parameters`, :mod:`.events`, :mod:`.networking`; :mod:`._shared` holds the readers
they share. Names other packages import are re-exported here."""

from __future__ import annotations

# The modules register their controls in this order, the order of the docs.
# isort: off
from . import instances, clusters, log_exports, db_parameters, events, networking  # noqa: F401

# isort: on
from ._shared import DEFAULT_ADMIN_NAMES, IAM_AUTH_ENGINES
from .clusters import RDS51_LTS_VERSIONS, RDS51_MIN_VERSION
from .events import EVENT_CONTROLS
from .instances import DEFAULT_PORTS, MONITORING_INTERVALS, RDS8_ENGINES
from .log_exports import RDS9_LOG_TYPES

__all__ = [
    "DEFAULT_ADMIN_NAMES",
    "DEFAULT_PORTS",
    "EVENT_CONTROLS",
    "IAM_AUTH_ENGINES",
    "MONITORING_INTERVALS",
    "RDS8_ENGINES",
    "RDS9_LOG_TYPES",
    "RDS51_LTS_VERSIONS",
    "RDS51_MIN_VERSION",
]
