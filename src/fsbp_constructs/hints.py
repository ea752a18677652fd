"""Which setting of an aws-cdk-lib L2 meets which control, and which Secure construct sets it.

The one table of it, plain data like the catalog. The property injectors
(:mod:`fsbp_constructs.defaults.injectors`) give each L2 listed here its Secure construct's
defaults; ``FsbpChecks`` words the CDK hint of a finding's fix from it (:func:`cdk_hint`); the
table of injected L2s in ``docs/remediation.md`` is generated from it. It imports nothing of
CDK, so the pack reads it without importing the Secure constructs and aws-cdk-lib's service
modules behind the injectors (about 0.6 s at import, measured with ``python -X importtime``
after aws-cdk-lib itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .controls.ec2 import INTERFACE_ENDPOINTS

__all__ = ["HINTS", "L2_SETTINGS", "Hint", "L2Settings", "cdk_hint"]


@dataclass(frozen=True)
class L2Settings:
    """The settings of one aws-cdk-lib L2 that meet controls, and its Secure construct."""

    #: The L2 as aws-cdk-lib's Python modules name it, without ``aws_``: ``ecr.Repository``.
    name: str
    #: The Secure construct that sets them by default.
    secure: str
    #: The CloudFormation resource type the L2 makes: its settings are named in the fixes of
    #: findings on that type only.
    resource_type: str
    #: The setting, as a user writes it -> the control it meets.
    meets: Mapping[str, str]


L2_SETTINGS: tuple[L2Settings, ...] = (
    L2Settings(
        "ecr.Repository",
        "SecureRepository",
        "AWS::ECR::Repository",
        {
            "image_scan_on_push=True": "ECR.1",
            "image_tag_mutability=TagMutability.IMMUTABLE": "ECR.2",
            "lifecycle_rules=[LifecycleRule(tag_status=TagStatus.UNTAGGED, ...)]": "ECR.3",
        },
    ),
    L2Settings(
        "s3.Bucket",
        "SecureBucket",
        "AWS::S3::Bucket",
        {
            "enforce_ssl=True": "S3.5",
            "block_public_access=BlockPublicAccess.BLOCK_ALL": "S3.8",
            "object_ownership=ObjectOwnership.BUCKET_OWNER_ENFORCED": "S3.12",
            "block_public_access=BlockPublicAccess.BLOCK_ALL (no public reads)": "S3.2",
            "block_public_access=BlockPublicAccess.BLOCK_ALL (no public writes)": "S3.3",
            "lifecycle_rules=[LifecycleRule(...)]": "S3.13",
        },
    ),
    L2Settings(
        "efs.FileSystem",
        "SecureFileSystem",
        "AWS::EFS::FileSystem",
        {
            "encrypted=True": "EFS.1",
            "encrypted=True (any KMS key)": "EFS.8",
            "enable_automatic_backups=True": "EFS.7",
            "enable_automatic_backups=True (AWS Backup's default EFS plan)": "EFS.2",
        },
    ),
    L2Settings(
        "kinesisfirehose.DeliveryStream",
        "SecureDeliveryStream",
        "AWS::KinesisFirehose::DeliveryStream",
        {
            "encryption=StreamEncryption.aws_owned_key()": "DataFirehose.1",
        },
    ),
    L2Settings(
        "kinesis.Stream",
        "SecureStream",
        "AWS::Kinesis::Stream",
        {
            "encryption=StreamEncryption.MANAGED (or KMS with a key)": "Kinesis.1",
            "retention_period=Duration.days(7)": "Kinesis.3",
        },
    ),
    L2Settings(
        "ecs.Cluster",
        "SecureCluster",
        "AWS::ECS::Cluster",
        {
            "container_insights_v2=ContainerInsights.ENABLED": "ECS.12",
        },
    ),
    L2Settings(
        "ecs.ContainerDefinition",
        "SecureFargateTaskDefinition",
        "AWS::ECS::TaskDefinition",
        {
            "readonly_root_filesystem=True on each container": "ECS.5",
            "logging=LogDrivers.aws_logs(...) on each container": "ECS.9",
            "user='1000' (a non-root user) on each Linux container": "ECS.20",
        },
    ),
    L2Settings(
        "elasticloadbalancingv2.ApplicationLoadBalancer",
        "SecureApplicationLoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        {
            "drop_invalid_header_fields=True": "ELB.4",
            "deletion_protection=True": "ELB.6",
            "desync_mitigation_mode=DesyncMitigationMode.DEFENSIVE": "ELB.12",
        },
    ),
    L2Settings(
        "elasticloadbalancingv2.NetworkLoadBalancer",
        "SecureNetworkLoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        {
            "deletion_protection=True": "ELB.6",
        },
    ),
    L2Settings(
        "ec2.Vpc",
        "SecureVpc",
        "AWS::EC2::VPC",
        {
            "flow_logs={'FlowLog': FlowLogOptions(traffic_type=FlowLogTrafficType.ALL)}": "EC2.6",
        },
    ),
    L2Settings(
        "sns.Topic",
        "SecureTopic",
        "AWS::SNS::Topic",
        {},
    ),
    L2Settings(
        "rds.DatabaseInstance",
        "SecureDatabaseInstance",
        "AWS::RDS::DBInstance",
        {
            "publicly_accessible=False": "RDS.2",
            "storage_encrypted=True": "RDS.3",
            "multi_az=True": "RDS.5",
            "monitoring_interval=Duration.seconds(60)": "RDS.6",
            "deletion_protection=True": "RDS.8",
            "cloudwatch_logs_exports=[the engine's log types]": "RDS.9",
            "iam_authentication=True": "RDS.10",
            "backup_retention=Duration.days(7)": "RDS.11",
            "auto_minor_version_upgrade=True": "RDS.13",
            "copy_tags_to_snapshot=True": "RDS.17",
            "port=another port than the engine's default": "RDS.23",
            "credentials=Credentials.from_username('dbadmin'), "
            "manage_master_user_password=True": "RDS.25",
            "cloudwatch_logs_exports=['postgresql', 'upgrade']": "RDS.36",
            "parameters={'rds.force_ssl': '1'} (PostgreSQL)": "RDS.38",
            "parameters={'require_secure_transport': '1'}": "RDS.39",
            "cloudwatch_logs_exports=['agent', 'error']": "RDS.40",
            "parameters={'rds.force_ssl': '1'} (SQL Server)": "RDS.41",
            "cloudwatch_logs_exports=['audit', 'error', 'general', 'slowquery']": "RDS.42",
            "parameters={'require_secure_transport': 'ON'}": "RDS.44",
        },
    ),
    L2Settings(
        "rds.DatabaseCluster",
        "SecureDatabaseCluster",
        "AWS::RDS::DBCluster",
        {
            "deletion_protection=True": "RDS.7",
            "iam_authentication=True": "RDS.12",
            "backtrack_window=Duration.hours(24)": "RDS.14",
            "readers=[ClusterInstance...] in another Availability Zone": "RDS.15",
            "copy_tags_to_snapshot=True": "RDS.16",
            "credentials=Credentials.from_username('dbadmin'), "
            "manage_master_user_password=True": "RDS.24",
            "storage_encrypted=True": "RDS.27",
            "cloudwatch_logs_exports=['audit', ...]": "RDS.34",
            "cloudwatch_logs_exports=['postgresql']": "RDS.37",
            "parameters={'server_audit_logging': '1', 'server_audit_events': ...}": "RDS.45",
            "backup=BackupProps(retention=Duration.days(7))": "RDS.50",
        },
    ),
    L2Settings(
        "docdb.DatabaseCluster",
        "SecureDocDbCluster",
        "AWS::DocDB::DBCluster",
        {
            "storage_encrypted=True": "DocumentDB.1",
            "backup=BackupProps(retention=Duration.days(7))": "DocumentDB.2",
            "export_audit_logs_to_cloud_watch=True": "DocumentDB.4",
            "deletion_protection=True": "DocumentDB.5",
            "parameter_group=ClusterParameterGroup(parameters={'tls': 'tls1.2+'})": "DocumentDB.6",
        },
    ),
    L2Settings(
        "dynamodb.Table",
        "SecureTable",
        "AWS::DynamoDB::Table",
        {
            "billing_mode=BillingMode.PAY_PER_REQUEST": "DynamoDB.1",
            "point_in_time_recovery_specification=PointInTimeRecoverySpecification("
            "point_in_time_recovery_enabled=True)": "DynamoDB.2",
            "deletion_protection=True": "DynamoDB.6",
        },
    ),
    L2Settings(
        "dynamodb.TableV2",
        "SecureTableV2",
        "AWS::DynamoDB::GlobalTable",
        {
            "point_in_time_recovery_specification=PointInTimeRecoverySpecification("
            "point_in_time_recovery_enabled=True)": "DynamoDB.2",
            "deletion_protection=True": "DynamoDB.6",
        },
    ),
)


@dataclass(frozen=True)
class Hint:
    """A CDK way to meet a control that no property injector delivers: a prop to give or a
    method to call (a companion resource, a choice only the app can make), and what a Secure
    construct does about it in its own constructor, if anything."""

    control: str
    #: The CloudFormation resource type of the control's findings it is named on.
    resource_type: str
    #: What to write, in aws-cdk-lib's Python names: ``cdk.Stack(termination_protection=True)``.
    write: str
    #: What a Secure construct does about it: ``SecureStack sets it by default``.
    secure: str | None = None


_VPC = "AWS::EC2::VPC"
_ALB = "AWS::ElasticLoadBalancingV2::LoadBalancer"
_TASK = "AWS::ECS::TaskDefinition"
_SECURE_TASKS = "SecureFargateTaskDefinition and SecureEc2TaskDefinition"

HINTS: tuple[Hint, ...] = (
    *(
        Hint(
            control,
            _VPC,
            f"vpc.add_interface_endpoint(..., service=ec2.InterfaceVpcEndpointAwsService("
            f"{service!r}))",
            "SecureVpc adds it by default",
        )
        for control, (service, _) in INTERFACE_ENDPOINTS.items()
    ),
    Hint(
        "EC2.15",
        "AWS::EC2::Subnet",
        "ec2.Vpc(subnet_configuration=[ec2.SubnetConfiguration(subnet_type=SubnetType.PUBLIC, "
        "map_public_ip_on_launch=False, ...), ...])",
        "SecureVpc sets it by default on its public subnets",
    ),
    Hint(
        "CloudFormation.3",
        "AWS::CloudFormation::Stack",
        "cdk.Stack(termination_protection=True)",
        "SecureStack sets it by default",
    ),
    Hint(
        "ELB.5",
        _ALB,
        "alb.log_access_logs(bucket) (a bucket in the load balancer's Region)",
        "no default: the bucket is yours to choose",
    ),
    Hint(
        "ELB.5",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "elasticloadbalancing.LoadBalancer(access_logging_policy=CfnLoadBalancer."
        "AccessLoggingPolicyProperty(enabled=True, s3_bucket_name=...))",
    ),
    Hint(
        "ELB.1",
        _ALB,
        "HTTPS listeners only, which passes ELB.18 too; or alb.add_redirect() beside the "
        "HTTPS listener, whose HTTP:80 redirect listener fails ELB.18 (acknowledge "
        "FSBP::FSBP-ELB.18 on it, with the reason)",
        "no default: it needs your HTTPS listener and its certificate",
    ),
    Hint(
        "ELB.17",
        "AWS::ElasticLoadBalancingV2::Listener",
        "alb.add_listener(..., protocol=ApplicationProtocol.HTTPS, "
        "ssl_policy=SslPolicy.RECOMMENDED_TLS)",
        "SecureApplicationLoadBalancer sets it on HTTPS listeners that name no policy",
    ),
    Hint(
        "ELB.13",
        _ALB,
        "vpc_subnets=ec2.SubnetSelection(...) covering two Availability Zones or more",
        "SecureApplicationLoadBalancer and SecureNetworkLoadBalancer refuse fewer",
    ),
    Hint(
        "ECS.4",
        _TASK,
        "ecs.ContainerDefinition without privileged=True (with only the Linux capabilities "
        "it needs: linux_parameters)",
        f"{_SECURE_TASKS} refuse privileged=True",
    ),
    Hint(
        "ECS.3",
        _TASK,
        "a task definition without pid_mode=PidMode.HOST",
        f"{_SECURE_TASKS} refuse it",
    ),
    Hint(
        "ECS.8",
        _TASK,
        "container secrets={'NAME': ecs.Secret.from_secrets_manager(secret)} instead of "
        "environment, and a task role instead of access keys",
        f"{_SECURE_TASKS} refuse credentials in environment",
    ),
    Hint(
        "ECS.21",
        _TASK,
        "user='ContainerUser' on each Windows container",
        "SecureFargateTaskDefinition sets it by default on Windows",
    ),
    Hint(
        "EFS.3",
        "AWS::EFS::AccessPoint",
        "efs.AccessPoint(path='/app', ...)",
        "SecureAccessPoint requires a path below /",
    ),
    Hint(
        "EFS.4",
        "AWS::EFS::AccessPoint",
        "efs.AccessPoint(posix_user=efs.PosixUser(uid='1000', gid='1000'), ...)",
        "SecureAccessPoint requires it",
    ),
    Hint(
        "S3.9",
        "AWS::S3::Bucket",
        "s3.Bucket(server_access_logs_bucket=log_bucket, server_access_logs_prefix=...)",
        "no default: the log bucket is yours to choose",
    ),
    Hint(
        "SNS.2",
        "AWS::SNS::Topic",
        "topic.add_logging_config(protocol=sns.LoggingProtocol.SQS, ...) or "
        "SecureTopic(delivery_status_logging=[...])",
        "SecureTopic turns it on when asked (it costs CloudWatch Logs)",
    ),
)


@cache
def cdk_hint(control_id: str, resource_type: str) -> str | None:
    """How to meet a control on a resource of this type with aws-cdk-lib, and which Secure
    construct does it by default; every L2 that makes the type is named (an ALB's or an
    NLB's), then the other ways (:data:`HINTS`)."""
    found = [
        (entry, setting)
        for entry in L2_SETTINGS
        if entry.resource_type == resource_type
        for setting, control in entry.meets.items()
        if control == control_id
    ]
    ways = []
    if found:
        settings = " or ".join(f"{entry.name}({setting})" for entry, setting in found)
        secure = ", ".join(entry.secure for entry, _ in found)
        ways.append(f"{settings}; {secure} and FsbpDefaults.inject(app) set it by default")
    for hint in HINTS:
        if hint.control == control_id and hint.resource_type == resource_type:
            ways.append(f"{hint.write}; {hint.secure}" if hint.secure else hint.write)
    return f"with aws-cdk-lib, {'; or '.join(ways)}" if ways else None
