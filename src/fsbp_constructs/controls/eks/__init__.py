"""Amazon EKS: EKS.1, EKS.2, EKS.3, EKS.8, EKS.9."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...engine.checks import FAILS, Check, all_of, prop, some
from ...engine.model import Resource
from ...engine.registry import Parameter, RuleContext, Verdict, rule
from ...engine.values import Undecidable

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


# --------------------------------------------------------------------------- EKS.1, .3, .8


def _per_type(checks: Mapping[str, Check], cluster: Resource, ctx: RuleContext) -> Verdict:
    """The check of the cluster's type (the L1 resource, or CDK's custom resource)."""
    return checks[cluster.type].evaluate(cluster.props, ctx.parameters)


_PUBLIC = {
    "AWS::EKS::Cluster": prop("ResourcesVpcConfig.EndpointPublicAccess", absent=True).is_false(),
    CDK_CLUSTER: prop("Config.resourcesVpcConfig.endpointPublicAccess", absent=True).is_false(),
}


@rule(
    "EKS.1",
    "AWS::EKS::Cluster",
    CDK_CLUSTER,
    fix="set ResourcesVpcConfig.EndpointPublicAccess to false and EndpointPrivateAccess to "
    "true (aws_eks: endpoint_access=EndpointAccess.PRIVATE)",
)
def cluster_endpoint_is_private(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`ResourcesVpcConfig.EndpointPublicAccess` is false; absent means true (EKS's default:
    a public endpoint). A public endpoint restricted by `PublicAccessCidrs` still fails: the
    control asks for no public endpoint at all. Clusters of `aws_eks.Cluster`
    (`Custom::AWSCDK-EKS-Cluster`) are read at `Config.resourcesVpcConfig.endpointPublicAccess`.
    """
    return _per_type(_PUBLIC, cluster, ctx)


_SECRETS = {
    "AWS::EKS::Cluster": some(
        "EncryptionConfig",
        all_of(
            prop("Resources", absent=FAILS).contains("secrets"),
            prop("Provider.KeyArn", absent=FAILS).present(),
        ),
    ),
    CDK_CLUSTER: some(
        "Config.encryptionConfig",
        all_of(
            prop("resources", absent=FAILS).contains("secrets"),
            prop("provider.keyArn", absent=FAILS).present(),
        ),
    ),
}


@rule(
    "EKS.3",
    "AWS::EKS::Cluster",
    CDK_CLUSTER,
    fix="add an EncryptionConfig entry with Resources [secrets] and Provider.KeyArn set to a "
    "KMS key (aws_eks: secrets_encryption_key)",
)
def cluster_encrypts_secrets(cluster: Resource, ctx: RuleContext) -> Verdict:
    """At least one item of `EncryptionConfig` lists `secrets` in `Resources` and names a
    KMS key in `Provider.KeyArn`; absent or empty fails. EKS's default envelope encryption
    with an AWS owned key (clusters of Kubernetes 1.28 and later) does not count: Security
    Hub's rule reads the cluster's encryption configuration (open question: conservative
    verdict). Clusters of `aws_eks.Cluster` are read at `Config.encryptionConfig`.
    """
    return _per_type(_SECRETS, cluster, ctx)


#: The control plane log type EKS.8 requires (Security Hub's `logTypes`, not customizable).
AUDIT = "audit"


@rule(
    "EKS.8",
    "AWS::EKS::Cluster",
    CDK_CLUSTER,
    fix="add audit to Logging.ClusterLogging.EnabledTypes (aws_eks: cluster_logging "
    "including ClusterLoggingTypes.AUDIT)",
)
def cluster_logs_audit(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`Logging.ClusterLogging.EnabledTypes` has an item whose `Type` is `audit`; absent
    means no control plane logs and fails. Clusters of `aws_eks.Cluster` pass when an item of
    `Config.logging.clusterLogging` is enabled and lists `audit` in its `types`.
    """
    if cluster.type == CDK_CLUSTER:
        check: Check = some(
            "Config.logging.clusterLogging",
            all_of(
                prop("enabled", absent=FAILS).is_true(),
                prop("types", absent=FAILS).contains(AUDIT),
            ),
        )
    else:
        check = some(
            "Logging.ClusterLogging.EnabledTypes", prop("Type", absent=FAILS).equals(AUDIT)
        )
    return check.evaluate(cluster.props, ctx.parameters)


# --------------------------------------------------------------------------- EKS.9


@rule(
    "EKS.9",
    "AWS::EKS::Nodegroup",
    parameters=[
        Parameter(
            "oldestVersionSupported",
            default=OLDEST_SUPPORTED_VERSION,
            description=(
                f"Oldest Kubernetes version in standard support ({OLDEST_SUPPORTED_VERSION} "
                f"since {OLDEST_SUPPORTED_VERSION_SINCE}), as for EKS.2."
            ),
            parse=_version_param,
        )
    ],
    fix="set Version (or the cluster's Version) to the oldestVersionSupported parameter's "
    "version or later",
)
def node_group_runs_supported_version(group: Resource, ctx: RuleContext) -> Verdict:
    """`Version` is at least `oldestVersionSupported` (compared as major.minor). Absent: the
    node group runs its cluster's version, read from the `AWS::EKS::Cluster` (or
    `aws_eks.Cluster` custom resource) that `ClusterName` points to in the app; a cluster
    outside the app, or one without a version, is UNKNOWN.
    """
    oldest = ctx.param("oldestVersionSupported")
    path = "Version"
    version = group.props.get("Version")
    if version is None:
        cluster = ctx.app.follow(group, "ClusterName")
        if cluster is None:
            raise Undecidable(
                "ClusterName",
                "the version of a cluster the app does not declare (the node group sets no "
                "Version of its own)",
            )
        path = "Config.version" if cluster.type == CDK_CLUSTER else "Version"
        version = cluster.props.get(path)
        path = f"ClusterName -> {cluster.logical_id}.{path}"
        if version is None:
            raise Undecidable(
                path,
                "the version EKS picks at creation (neither the node group nor the "
                "cluster sets one)",
            )
    try:
        current = parse_version(version)
    except ValueError as error:
        raise Undecidable(path, str(error)) from None
    if current >= parse_version(oldest):
        return Verdict.passed()
    return Verdict.failed(
        path,
        version,
        f"set the node group's Version to {oldest} or later (the oldest "
        "version in standard support)",
    )
