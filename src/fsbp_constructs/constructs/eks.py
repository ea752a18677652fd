"""Amazon EKS: refuse Kubernetes versions that have left standard support (EKS.2).

Two ways in:

- :func:`supported_kubernetes_version` validates a version for any cluster construct, e.g.
  the aws-cdk-lib ``eks.Cluster`` (which also needs a kubectl layer from another package).
- :class:`SecureEksCluster` is a small construct over ``eks.CfnCluster`` that needs nothing
  beyond aws-cdk-lib, and also meets EKS.1, EKS.3 and EKS.8 by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_eks as eks
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from constructs import Construct

from ..controls.eks import OLDEST_SUPPORTED_VERSION, OLDEST_SUPPORTED_VERSION_SINCE, parse_version

__all__ = ["OLDEST_SUPPORTED_VERSION", "SecureEksCluster", "supported_kubernetes_version"]

#: The control plane log types EKS can send to CloudWatch Logs (EKS.8 needs ``audit``).
CLUSTER_LOG_TYPES = ("api", "audit", "authenticator", "controllerManager", "scheduler")


def supported_kubernetes_version(
    version: str | eks.KubernetesVersion,
    *,
    oldest_supported_version: str = OLDEST_SUPPORTED_VERSION,
) -> eks.KubernetesVersion:
    """``version`` as an ``eks.KubernetesVersion``, or ``ValueError`` when it is older than
    ``oldest_supported_version`` (EKS.2).

    The default minimum is Security Hub's ``oldestVersionSupported``
    (:data:`OLDEST_SUPPORTED_VERSION`, the value in force when this package was released);
    pass the newer value when AWS raises it, as you would to ``FsbpChecks(parameters=...)``::

        eks.Cluster(self, "Cluster", version=supported_kubernetes_version("1.35"), ...)

    :raises ValueError: when ``version`` is below the minimum or is not written like ``"1.34"``.
    """
    text = version.version if isinstance(version, eks.KubernetesVersion) else version
    current = parse_version(text)
    if current < parse_version(oldest_supported_version):
        raise ValueError(
            f"Kubernetes version {text} is older than {oldest_supported_version}, the oldest "
            f"version in EKS standard support (EKS.2, Security Hub's oldestVersionSupported "
            f"since {OLDEST_SUPPORTED_VERSION_SINCE}): use {oldest_supported_version} or later"
        )
    return eks.KubernetesVersion.of(str(text).strip())


#: Parameters of ``SecureEksCluster.__init__`` that are not passed to ``eks.CfnCluster`` as
#: given.
_NOT_PASSED = frozenset(
    {
        "self",
        "scope",
        "id",
        "__class__",
        "version",
        "vpc",
        "vpc_subnets",
        "security_groups",
        "role",
        "secrets_encryption_key",
        "endpoint_public_access",
        "endpoint_private_access",
        "cluster_logging",
        "oldest_supported_version",
    }
)


class SecureEksCluster(Construct):
    """An ``AWS::EKS::Cluster`` on a supported Kubernetes version, with a private endpoint,
    encrypted secrets and control plane logs.

    The ``eks.CfnCluster`` is the child ``Resource`` (``node.default_child``, also
    :attr:`resource`). It is an L1 cluster: no kubectl handler, no node groups; add
    ``eks.CfnNodegroup`` or ``eks.CfnAddon`` resources beside it as needed.

    Required:

    - ``version`` (EKS.2): refused at construction when older than
      ``oldest_supported_version`` (default :data:`OLDEST_SUPPORTED_VERSION`); see
      :func:`supported_kubernetes_version`.
    - ``vpc``: subnets come from ``vpc_subnets`` (default: the VPC's default selection,
      private subnets when there are any).

    Secure defaults (any keyword given wins):

    - ``endpoint_public_access``: ``False`` and ``endpoint_private_access``: ``True`` (EKS.1:
      the API server is reachable only from the VPC).
    - ``secrets_encryption_key``: a new KMS key with rotation, child ``SecretsKey`` (EKS.3:
      Kubernetes secrets are envelope-encrypted).
    - ``cluster_logging``: every control plane log type, ``audit`` included (EKS.8).
    - ``role``: a new role, child ``Role``, assumed by ``eks.amazonaws.com`` with the
      ``AmazonEKSClusterPolicy`` managed policy.

    Not offered, because the construct builds them itself:

    - ``resources_vpc_config``: from ``vpc``, ``vpc_subnets``, ``security_groups`` and the two
      endpoint settings above (EKS.1); no public access CIDRs with a private endpoint.
    - ``role_arn``: from ``role``.
    - ``encryption_config``: from ``secrets_encryption_key`` (EKS.3).
    - ``logging``: from ``cluster_logging`` (EKS.8).

    ``version`` is checked (EKS.2) and then given to ``eks.CfnCluster``. Every other keyword
    is a ``eks.CfnCluster`` property (``name``, ``access_config``,
    ``kubernetes_network_config``, ``tags``, ...), passed unchanged.

    :raises ValueError: from :func:`supported_kubernetes_version`.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        version: str | eks.KubernetesVersion,
        vpc: ec2.IVpc,
        vpc_subnets: ec2.SubnetSelection | None = None,
        security_groups: Sequence[ec2.ISecurityGroup] | None = None,
        role: iam.IRole | None = None,
        secrets_encryption_key: kms.IKey | None = None,
        endpoint_public_access: bool = False,
        endpoint_private_access: bool = True,
        cluster_logging: Sequence[str] = CLUSTER_LOG_TYPES,
        oldest_supported_version: str = OLDEST_SUPPORTED_VERSION,
        # The properties of eks.CfnCluster that the construct does not build itself, spelled
        # out so that type checkers see them (tests/constructs/test_signatures.py keeps the
        # list in sync with aws-cdk-lib).
        access_config: cdk.IResolvable
        | eks.CfnCluster.AccessConfigProperty
        | dict[str, Any]
        | None = None,
        active_certificate_authority_id: str | None = None,
        bootstrap_self_managed_addons: bool | cdk.IResolvable | None = None,
        certificate_authority: cdk.IResolvable
        | eks.CfnCluster.CertificateAuthorityProperty
        | dict[str, Any]
        | None = None,
        compute_config: cdk.IResolvable
        | eks.CfnCluster.ComputeConfigProperty
        | dict[str, Any]
        | None = None,
        control_plane_scaling_config: cdk.IResolvable
        | eks.CfnCluster.ControlPlaneScalingConfigProperty
        | dict[str, Any]
        | None = None,
        deletion_protection: bool | cdk.IResolvable | None = None,
        force: bool | cdk.IResolvable | None = None,
        kube_api_server_config: cdk.IResolvable
        | eks.CfnCluster.KubeApiServerConfigProperty
        | dict[str, Any]
        | None = None,
        kube_controller_manager_config: cdk.IResolvable
        | eks.CfnCluster.KubeControllerManagerConfigProperty
        | dict[str, Any]
        | None = None,
        kubernetes_network_config: cdk.IResolvable
        | eks.CfnCluster.KubernetesNetworkConfigProperty
        | dict[str, Any]
        | None = None,
        kube_scheduler_config: cdk.IResolvable
        | eks.CfnCluster.KubeSchedulerConfigProperty
        | dict[str, Any]
        | None = None,
        name: str | None = None,
        outpost_config: cdk.IResolvable
        | eks.CfnCluster.OutpostConfigProperty
        | dict[str, Any]
        | None = None,
        remote_network_config: cdk.IResolvable
        | eks.CfnCluster.RemoteNetworkConfigProperty
        | dict[str, Any]
        | None = None,
        rollback_config: cdk.IResolvable
        | eks.CfnCluster.RollbackConfigProperty
        | dict[str, Any]
        | None = None,
        storage_config: cdk.IResolvable
        | eks.CfnCluster.StorageConfigProperty
        | dict[str, Any]
        | None = None,
        tags: Sequence[cdk.CfnTag | dict[str, Any]] | None = None,
        upgrade_policy: cdk.IResolvable
        | eks.CfnCluster.UpgradePolicyProperty
        | dict[str, Any]
        | None = None,
        zonal_shift_config: cdk.IResolvable
        | eks.CfnCluster.ZonalShiftConfigProperty
        | dict[str, Any]
        | None = None,
    ) -> None:
        # First, before any other local variable exists: the passed-through properties, only
        # those given (an older aws-cdk-lib that lacks one is not handed it).
        arguments = dict(locals())
        given = {
            key: value
            for key, value in arguments.items()
            if key not in _NOT_PASSED and value is not None
        }
        super().__init__(scope, id)
        checked = supported_kubernetes_version(
            version, oldest_supported_version=oldest_supported_version
        )
        self.role = role or iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("eks.amazonaws.com"),
            managed_policies=[
                iam.ManagedPolicy.from_aws_managed_policy_name("AmazonEKSClusterPolicy")
            ],
        )
        self.secrets_encryption_key = secrets_encryption_key or kms.Key(
            self,
            "SecretsKey",
            enable_key_rotation=True,
            description=f"Kubernetes secrets of {self.node.path}",
        )
        subnets = vpc.select_subnets(**(vpc_subnets._values if vpc_subnets else {}))
        self.resource = eks.CfnCluster(
            self,
            "Resource",
            version=checked.version,
            role_arn=self.role.role_arn,
            resources_vpc_config=eks.CfnCluster.ResourcesVpcConfigProperty(
                subnet_ids=subnets.subnet_ids,
                security_group_ids=[group.security_group_id for group in security_groups or ()]
                or None,
                endpoint_public_access=endpoint_public_access,
                endpoint_private_access=endpoint_private_access,
            ),
            encryption_config=[
                eks.CfnCluster.EncryptionConfigProperty(
                    provider=eks.CfnCluster.ProviderProperty(
                        key_arn=self.secrets_encryption_key.key_arn
                    ),
                    resources=["secrets"],
                )
            ],
            logging=eks.CfnCluster.LoggingProperty(
                cluster_logging=eks.CfnCluster.ClusterLoggingProperty(
                    enabled_types=[
                        eks.CfnCluster.LoggingTypeConfigProperty(type=log_type)
                        for log_type in cluster_logging
                    ]
                )
            ),
            **given,
        )

    @property
    def cluster_name(self) -> str:
        """The cluster name."""
        return self.resource.ref

    @property
    def cluster_arn(self) -> str:
        """The cluster ARN."""
        return self.resource.attr_arn

    @property
    def cluster_endpoint(self) -> str:
        """The Kubernetes API server endpoint."""
        return self.resource.attr_endpoint

    @property
    def cluster_security_group_id(self) -> str:
        """The security group EKS created for the control plane."""
        return self.resource.attr_cluster_security_group_id
