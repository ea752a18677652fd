"""Amazon EKS: EKS.2."""

from __future__ import annotations

import re

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import get

#: Security Hub's `oldestVersionSupported` for EKS.2, and the change-log date it took effect.
OLDEST_SUPPORTED_VERSION = "1.34"
OLDEST_SUPPORTED_VERSION_SINCE = "2026-08-12"

_VERSION = re.compile(r"^(\d+)\.(\d+)$")


def parse_version(value: object) -> tuple[int, int]:
    """``"1.34"`` -> ``(1, 34)``; anything else raises ``ValueError``."""
    match = _VERSION.match(str(value).strip())
    if not match or isinstance(value, float):
        raise ValueError(f"{value!r} is not a Kubernetes version written as a string like '1.34'")
    return int(match.group(1)), int(match.group(2))


def _version_param(value: object) -> str:
    parse_version(value)
    return str(value).strip()


@rule(
    "EKS.2",
    "AWS::EKS::Cluster",
    parameters=[
        Parameter(
            "oldestVersionSupported",
            default=OLDEST_SUPPORTED_VERSION,
            description=(
                f"Oldest Kubernetes version in standard support ({OLDEST_SUPPORTED_VERSION} "
                f"since {OLDEST_SUPPORTED_VERSION_SINCE}); AWS raises it as versions leave "
                "standard support."
            ),
            parse=_version_param,
        )
    ],
)
def cluster_runs_supported_version(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`Version` is at least `oldestVersionSupported` (compared as major.minor). Absent is
    UNKNOWN: EKS picks its default version at creation.
    """
    version = get(cluster.properties, "Version")
    oldest = ctx.param("oldestVersionSupported")
    fix = f"set Version to {oldest} or later"
    if version is None:
        return Verdict.unknown("Version is not set, so EKS picks its default at creation",
                               path="Version", fix=fix)
    try:
        current = parse_version(version)
    except ValueError as error:
        return Verdict.unknown(str(error), path="Version", fix=fix)
    if current >= parse_version(oldest):
        return Verdict.passed()
    return Verdict.failed("Version", version, f"{fix} (the oldest version in standard support)")
