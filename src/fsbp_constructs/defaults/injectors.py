"""The Secure constructs' defaults as CDK property injectors, for every L2 of an app.

``PropertyInjectors.of(scope)`` hands the props of each injectable L2 created under
``scope`` to its injectors before the L2 builds its L1s, including the L2s that pattern
libraries (``ecs_patterns``, AWS Solutions Constructs) create. :func:`inject` registers one
injector per L2 below; each merges the **same** defaults as the Secure construct of that L2
(``secure_repository_defaults()`` for ``SecureRepository``, ...) *under* the props given, so
an explicit prop always wins (and ``FsbpChecks`` reports it if it is noncompliant).

:data:`INJECTED` is the one CDK-side table of which L2 setting meets which control: it feeds
the injectors and the CDK hints of ``FsbpChecks``' messages.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import aws_cdk as cdk
import jsii
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import IConstruct

from ..constructs.docdb import secure_docdb_cluster_defaults
from ..constructs.dynamodb import (
    injected_table_props,
    injected_table_v2_props,
    secure_table_defaults,
    secure_table_v2_defaults,
)
from ..constructs.ec2 import secure_vpc_defaults
from ..constructs.ecr import secure_repository_defaults
from ..constructs.ecs import secure_cluster_defaults, secure_container_defaults
from ..constructs.efs import secure_file_system_defaults
from ..constructs.elb import (
    secure_application_load_balancer_defaults,
    secure_network_load_balancer_defaults,
)
from ..constructs.firehose import secure_delivery_stream_defaults
from ..constructs.kinesis import secure_stream_defaults
from ..constructs.rds import secure_database_cluster_defaults, secure_database_instance_defaults
from ..constructs.s3 import secure_bucket_defaults
from ..constructs.sns import secure_topic_defaults

__all__ = ["INJECTED", "Injected", "cdk_hint", "inject"]


@dataclass(frozen=True)
class Injected:
    """One injectable L2, its props struct, its Secure construct and shared defaults."""

    l2: type[Any]
    props: type[Any]
    secure: str
    #: The defaults, given the construct id (the Secure construct calls the same function).
    defaults: Callable[[str], dict[str, Any]]
    #: The L2 setting, as a user writes it -> the control it meets.
    meets: Mapping[str, str]
    #: A default left out when the user gives the other prop: default -> prop.
    replaced_by: Mapping[str, str] = field(default_factory=dict)
    #: Defaults that depend on the props given (an RDS engine's port and logs), laid over
    #: ``defaults``; the function leaves out what a given prop replaces. It also gets the
    #: injection context, whose scope can hold a resource the defaults name.
    from_props: Callable[[Mapping[str, Any], cdk.InjectionContext], dict[str, Any]] | None = None

    @property
    def name(self) -> str:
        return f"{self.l2.__module__.rsplit('.', 1)[-1].removeprefix('aws_')}.{self.l2.__name__}"


INJECTED: tuple[Injected, ...] = (
    Injected(
        ecr.Repository,
        ecr.RepositoryProps,
        "SecureRepository",
        lambda _: secure_repository_defaults(),
        {
            "image_scan_on_push=True": "ECR.1",
            "image_tag_mutability=TagMutability.IMMUTABLE": "ECR.2",
            "lifecycle_rules=[LifecycleRule(tag_status=TagStatus.UNTAGGED, ...)]": "ECR.3",
        },
    ),
    Injected(
        s3.Bucket,
        s3.BucketProps,
        "SecureBucket",
        lambda _: secure_bucket_defaults(),
        {
            "enforce_ssl=True": "S3.5",
            "block_public_access=BlockPublicAccess.BLOCK_ALL": "S3.8",
            "object_ownership=ObjectOwnership.BUCKET_OWNER_ENFORCED": "S3.12",
            "lifecycle_rules=[LifecycleRule(...)]": "S3.13",
        },
    ),
    Injected(
        efs.FileSystem,
        efs.FileSystemProps,
        "SecureFileSystem",
        lambda _: secure_file_system_defaults(),
        {
            "encrypted=True": "EFS.1",
            "encrypted=True (any KMS key)": "EFS.8",
            "enable_automatic_backups=True": "EFS.7",
            "enable_automatic_backups=True (AWS Backup's default EFS plan)": "EFS.2",
        },
    ),
    Injected(
        firehose.DeliveryStream,
        firehose.DeliveryStreamProps,
        "SecureDeliveryStream",
        lambda _: secure_delivery_stream_defaults(),
        {"encryption=StreamEncryption.aws_owned_key()": "DataFirehose.1"},
        {"encryption": "source"},
    ),
    Injected(
        kinesis.Stream,
        kinesis.StreamProps,
        "SecureStream",
        lambda _: secure_stream_defaults(),
        {
            "encryption=StreamEncryption.MANAGED (or KMS with a key)": "Kinesis.1",
            "retention_period=Duration.days(7)": "Kinesis.3",
        },
    ),
    Injected(
        ecs.Cluster,
        ecs.ClusterProps,
        "SecureCluster",
        lambda _: secure_cluster_defaults(),
        {"container_insights_v2=ContainerInsights.ENABLED": "ECS.12"},
        {"container_insights_v2": "container_insights"},
    ),
    Injected(
        ecs.ContainerDefinition,
        ecs.ContainerDefinitionProps,
        "SecureFargateTaskDefinition",
        secure_container_defaults,
        {
            "readonly_root_filesystem=True on each container": "ECS.5",
            "logging=LogDrivers.aws_logs(...) on each container": "ECS.9",
            "user='1000' (a non-root user) on each Linux container": "ECS.20",
        },
    ),
    Injected(
        elbv2.ApplicationLoadBalancer,
        elbv2.ApplicationLoadBalancerProps,
        "SecureApplicationLoadBalancer",
        lambda _: secure_application_load_balancer_defaults(),
        {"desync_mitigation_mode=DesyncMitigationMode.DEFENSIVE": "ELB.12"},
    ),
    Injected(
        elbv2.NetworkLoadBalancer,
        elbv2.NetworkLoadBalancerProps,
        "SecureNetworkLoadBalancer",
        lambda _: secure_network_load_balancer_defaults(),
        {},
    ),
    Injected(
        ec2.Vpc,
        ec2.VpcProps,
        "SecureVpc",
        lambda _: secure_vpc_defaults(),
        {"flow_logs={'FlowLog': FlowLogOptions(traffic_type=FlowLogTrafficType.ALL)}": "EC2.6"},
    ),
    Injected(
        sns.Topic,
        sns.TopicProps,
        "SecureTopic",
        lambda _: secure_topic_defaults(),
        {},
    ),
    Injected(
        rds.DatabaseInstance,
        rds.DatabaseInstanceProps,
        "SecureDatabaseInstance",
        lambda _: {},
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
        from_props=lambda given, _: secure_database_instance_defaults(given),
    ),
    Injected(
        rds.DatabaseCluster,
        rds.DatabaseClusterProps,
        "SecureDatabaseCluster",
        lambda _: {},
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
        from_props=lambda given, _: secure_database_cluster_defaults(given),
    ),
    Injected(
        docdb.DatabaseCluster,
        docdb.DatabaseClusterProps,
        "SecureDocDbCluster",
        lambda _: {},
        {
            "storage_encrypted=True": "DocumentDB.1",
            "backup=BackupProps(retention=Duration.days(7))": "DocumentDB.2",
            "export_audit_logs_to_cloud_watch=True": "DocumentDB.4",
            "deletion_protection=True": "DocumentDB.5",
            "parameter_group=ClusterParameterGroup(parameters={'tls': 'tls1.2+'})": "DocumentDB.6",
        },
        from_props=lambda given, context: secure_docdb_cluster_defaults(
            given, scope=context.scope, id=context.id
        ),
    ),
    Injected(
        dynamodb.Table,
        cast(type[Any], injected_table_props),
        "SecureTable",
        lambda _: {},
        {
            "billing_mode=BillingMode.PAY_PER_REQUEST": "DynamoDB.1",
            "point_in_time_recovery_specification=PointInTimeRecoverySpecification("
            "point_in_time_recovery_enabled=True)": "DynamoDB.2",
            "deletion_protection=True": "DynamoDB.6",
        },
        from_props=lambda given, _: secure_table_defaults(given),
    ),
    Injected(
        dynamodb.TableV2,
        cast(type[Any], injected_table_v2_props),
        "SecureTableV2",
        lambda _: {},
        {},
        from_props=lambda given, _: secure_table_v2_defaults(given),
    ),
)


def cdk_hint(control_id: str) -> str | None:
    """How to meet a control with the L2, and which Secure construct does it by default."""
    for entry in INJECTED:
        setting = next((s for s, c in entry.meets.items() if c == control_id), None)
        if setting is not None:
            return (
                f"with aws-cdk-lib, {entry.name}({setting}); {entry.secure} and "
                "FsbpDefaults.inject(app) set it by default"
            )
    return None


@jsii.implements(cdk.IPropertyInjector)
class _Injector:
    def __init__(self, entry: Injected) -> None:
        self._entry = entry
        self._names = {
            name.replace("_", ""): name for name in inspect.signature(entry.props).parameters
        }

    @property
    def construct_unique_id(self) -> str:
        unique_id: str = self._entry.l2.PROPERTY_INJECTION_ID
        return unique_id

    def inject(self, original_props: Any, context: cdk.InjectionContext) -> Any:
        # The props arrive as a dict of jsii names (imageScanOnPush); the struct wants the
        # Python names (image_scan_on_push): they differ only in case and underscores.
        props: dict[str, Any] = dict(original_props or {})
        given = {
            self._names.get(key.lower(), key): value
            for key, value in props.items()
            if value is not None
        }
        defaults = self._entry.defaults(context.id)
        if self._entry.from_props is not None:
            defaults.update(self._entry.from_props(given, context))
        for default, prop in self._entry.replaced_by.items():
            if prop in given:
                defaults.pop(default, None)
        return self._entry.props(**{**defaults, **given})


def inject(scope: IConstruct, *, exclude: Sequence[type[Any]] = ()) -> None:
    """Give every injectable L2 under ``scope`` the Secure constructs' defaults.

    :param exclude: L2 classes to leave alone (e.g. ``[ecs.ContainerDefinition]`` for
        containers that write to their root filesystem).
    """
    known = {e.l2 for e in INJECTED}
    if isinstance(exclude, (str, type)):
        raise ValueError(f"exclude must be a list of L2 classes, not {exclude!r}")
    for cls in exclude:
        if cls not in known:
            names = ", ".join(e.name for e in INJECTED)
            raise ValueError(f"exclude: {cls!r} has no FSBP injector; the injected L2s: {names}")
    # jsii hands ``inject`` the InjectionContext struct whole, where the generated protocol
    # spells it as keyword arguments: the cast bridges the two.
    injectors = [
        cast(cdk.IPropertyInjector, _Injector(e)) for e in INJECTED if e.l2 not in tuple(exclude)
    ]
    cdk.PropertyInjectors.of(scope).add(*injectors)
