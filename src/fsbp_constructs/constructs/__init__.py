"""Secure-by-default L3 constructs: the aws-cdk-lib construct a team already uses, with the
FSBP-compliant settings as defaults (each documented with the control it satisfies)."""

from .autoscaling import SecureAutoScalingGroup
from .cloudformation import SecureStack
from .cloudfront import SecureDistribution, secure_http_origin
from .docdb import SecureDocDbCluster
from .dynamodb import SecureTable, SecureTableV2
from .ec2 import SecureTransitGateway, SecureVpc
from .ecr import SecureRepository
from .ecs import SecureCluster, SecureEc2TaskDefinition, SecureFargateTaskDefinition
from .efs import SecureAccessPoint, SecureFileSystem
from .eks import SecureEksCluster, supported_kubernetes_version
from .elb import SecureApplicationLoadBalancer, SecureNetworkLoadBalancer
from .firehose import SecureDeliveryStream
from .kinesis import SecureStream
from .networkfirewall import SecureFirewallPolicy
from .opensearch import SecureDomain
from .rds import SecureDatabaseCluster, SecureDatabaseInstance
from .redshift import SecureRedshiftCluster
from .s3 import SecureBucket
from .sns import SecureTopic

__all__ = [
    "SecureAccessPoint",
    "SecureApplicationLoadBalancer",
    "SecureAutoScalingGroup",
    "SecureBucket",
    "SecureCluster",
    "SecureDatabaseCluster",
    "SecureDatabaseInstance",
    "SecureDeliveryStream",
    "SecureDistribution",
    "SecureDocDbCluster",
    "SecureDomain",
    "SecureEc2TaskDefinition",
    "SecureEksCluster",
    "SecureFargateTaskDefinition",
    "SecureFileSystem",
    "SecureFirewallPolicy",
    "SecureNetworkLoadBalancer",
    "SecureRedshiftCluster",
    "SecureRepository",
    "SecureStack",
    "SecureStream",
    "SecureTable",
    "SecureTableV2",
    "SecureTopic",
    "SecureTransitGateway",
    "SecureVpc",
    "secure_http_origin",
    "supported_kubernetes_version",
]
