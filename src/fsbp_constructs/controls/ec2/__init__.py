"""Amazon EC2 and VPC: EC2.3, EC2.6, EC2.8, EC2.9, EC2.10, EC2.15-EC2.19, EC2.21, EC2.23-EC2.25,
EC2.51, EC2.55-EC2.58, EC2.60, EC2.170-EC2.173, EC2.180-EC2.183.

One module per resource group, each with its cases beside it (``<module>.cases.yaml``):
:mod:`.vpc`, :mod:`.instances`, :mod:`.security_groups`, :mod:`.network_acls`, :mod:`.ebs`,
:mod:`.vpn`. Names other packages import are re-exported here."""

from __future__ import annotations

from . import ebs, instances, network_acls, security_groups, vpc, vpn
from .instances import PV_FAMILIES, PV_REGIONS
from .security_groups import HIGH_RISK_PORTS
from .vpc import INTERFACE_ENDPOINTS

__all__ = [
    "HIGH_RISK_PORTS",
    "INTERFACE_ENDPOINTS",
    "PV_FAMILIES",
    "PV_REGIONS",
    "ebs",
    "instances",
    "network_acls",
    "security_groups",
    "vpc",
    "vpn",
]
