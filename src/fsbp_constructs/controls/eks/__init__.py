"""Amazon EKS: EKS.2."""

from __future__ import annotations

import re

from ...engine.model import Resource
from ...engine.registry import Parameter, RuleContext, Verdict, rule

#: Security Hub's `oldestVersionSupported` for EKS.2, and the change-log date it took effect.
OLDEST_SUPPORTED_VERSION = "1.34"
OLDEST_SUPPORTED_VERSION_SINCE = "2026-08-12"

#: The custom resource through which ``aws_eks.Cluster`` (not ``aws_eks_v2``) creates clusters.
CDK_CLUSTER = "Custom::AWSCDK-EKS-Cluster"

_VERSION = re.compile(r"^(\d+)\.(\d+)$")


def parse_version(value: object) -> tuple[int, int]:
    """``"1.34"`` -> ``(1, 34)``; anything else raises ``ValueError``."""
    if isinstance(value, float):
        raise ValueError(
            f"{value!r} is not a Kubernetes version string: write it as text, {str(value)!r} "
            "(as a number, 1.30 would read as 1.3)"
        )
    match = _VERSION.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a Kubernetes version written as a string like '1.34'")
    return int(match.group(1)), int(match.group(2))


def _version_param(value: object) -> str:
    parse_version(value)
    return str(value).strip()


@rule(
    "EKS.2",
    "AWS::EKS::Cluster",
    CDK_CLUSTER,
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
    fix="set Version to the oldestVersionSupported parameter's version or later",
)
def cluster_runs_supported_version(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`Version` is at least `oldestVersionSupported` (compared as major.minor). Absent is
    UNKNOWN: EKS picks its default version at creation (open question: which). Clusters made
    by `aws_eks.Cluster` (the `Custom::AWSCDK-EKS-Cluster` custom resource) are checked on
    `Config.version`. A version that is not written as `major.minor` text is UNKNOWN.
    """
    path = "Config.version" if cluster.type == CDK_CLUSTER else "Version"
    version = cluster.props.get(path)
    oldest = ctx.param("oldestVersionSupported")
    fix = f"set {path} to {oldest} or later"
    if version is None:
        return Verdict.unknown(
            f"{path} is not set, so EKS picks its default at creation", path=path, fix=fix
        )
    try:
        current = parse_version(version)
    except ValueError as error:
        return Verdict.unknown(str(error), path=path, fix=fix)
    if current >= parse_version(oldest):
        return Verdict.passed()
    return Verdict.failed(path, version, f"{fix} (the oldest version in standard support)")
