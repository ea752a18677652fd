"""Controls app: storage and data streaming (S3, EFS, MSK, Kinesis, ...)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_athena as athena
from aws_cdk import aws_datasync as datasync
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_efs as efs
from aws_cdk import aws_emr as emr
from aws_cdk import aws_fsx as fsx
from aws_cdk import aws_glue as glue
from aws_cdk import aws_kafkaconnect as kafkaconnect
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_msk as msk
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3express as s3express
from aws_cdk import aws_transfer as transfer
from constructs import Construct

from examples import _controls

#: A log bucket outside the app (S3.9 only asks that logging is on).
ACCESS_LOGS = f"access-logs-{_controls.ENV.account}"


def _bucket(stack: Construct, name: str, **overrides: Any) -> s3.CfnBucket:
    """A bucket compliant with every S3 control, except for what ``overrides`` changes (a
    value of ``None`` removes the property); ``tls=False`` leaves out its TLS-only policy."""
    tls = overrides.pop("tls", True)
    extra: list[dict[str, Any]] = overrides.pop("statements", [])
    props: dict[str, Any] = {
        "lifecycle_configuration": s3.CfnBucket.LifecycleConfigurationProperty(
            rules=[
                s3.CfnBucket.RuleProperty(
                    status="Enabled",
                    abort_incomplete_multipart_upload=(
                        s3.CfnBucket.AbortIncompleteMultipartUploadProperty(days_after_initiation=7)
                    ),
                )
            ]
        ),
        "logging_configuration": s3.CfnBucket.LoggingConfigurationProperty(
            destination_bucket_name=ACCESS_LOGS, log_file_prefix=f"{name}/"
        ),
        "public_access_block_configuration": s3.CfnBucket.PublicAccessBlockConfigurationProperty(
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        ),
        "ownership_controls": s3.CfnBucket.OwnershipControlsProperty(
            rules=[
                s3.CfnBucket.OwnershipControlsRuleProperty(object_ownership="BucketOwnerEnforced")
            ]
        ),
    }
    props.update(overrides)
    bucket = s3.CfnBucket(stack, name, **{k: v for k, v in props.items() if v is not None})
    if tls:
        s3.CfnBucketPolicy(
            stack,
            f"{name}Policy",
            bucket=bucket.ref,
            policy_document={
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Deny",
                        "Principal": {"AWS": "*"},
                        "Action": "s3:*",
                        "Resource": [bucket.attr_arn, cdk.Fn.join("", [bucket.attr_arn, "/*"])],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    },
                    *extra,
                ],
            },
        )
    return bucket


ACCOUNT = _controls.ENV.account
SUBNETS = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]


def _cluster(stack: Construct, name: str, **overrides: Any) -> msk.CfnCluster:
    """An MSK cluster compliant with every MSK control, except for ``overrides``."""
    props: dict[str, Any] = {
        "cluster_name": name.lower(),
        "kafka_version": "3.6.0",
        "number_of_broker_nodes": 2,
        "broker_node_group_info": msk.CfnCluster.BrokerNodeGroupInfoProperty(
            instance_type="kafka.m5.large", client_subnets=SUBNETS
        ),
        "client_authentication": msk.CfnCluster.ClientAuthenticationProperty(
            sasl=msk.CfnCluster.SaslProperty(iam=msk.CfnCluster.IamProperty(enabled=True))
        ),
        "encryption_info": msk.CfnCluster.EncryptionInfoProperty(
            encryption_in_transit=msk.CfnCluster.EncryptionInTransitProperty(
                client_broker="TLS", in_cluster=True
            )
        ),
    }
    props.update(overrides)
    return msk.CfnCluster(stack, name, **{k: v for k, v in props.items() if v is not None})


def _connector(stack: Construct, name: str, **overrides: Any) -> kafkaconnect.CfnConnector:
    """An MSK Connect connector compliant with every MSK control, except for ``overrides``."""
    cfn = kafkaconnect.CfnConnector
    props: dict[str, Any] = {
        "connector_name": name.lower(),
        "kafka_connect_version": "2.7.1",
        "connector_configuration": {"connector.class": "io.example.Sink", "tasks.max": "1"},
        "service_execution_role_arn": f"arn:aws:iam::{ACCOUNT}:role/connect",
        "capacity": cfn.CapacityProperty(
            provisioned_capacity=cfn.ProvisionedCapacityProperty(mcu_count=1, worker_count=1)
        ),
        "kafka_cluster": cfn.KafkaClusterProperty(
            apache_kafka_cluster=cfn.ApacheKafkaClusterProperty(
                bootstrap_servers="b-1.events.example:9098",
                vpc=cfn.VpcProperty(security_groups=["sg-0a1b2c3d4e5f60001"], subnets=SUBNETS),
            )
        ),
        "kafka_cluster_client_authentication": cfn.KafkaClusterClientAuthenticationProperty(
            authentication_type="IAM"
        ),
        "kafka_cluster_encryption_in_transit": cfn.KafkaClusterEncryptionInTransitProperty(
            encryption_type="TLS"
        ),
        "log_delivery": cfn.LogDeliveryProperty(
            worker_log_delivery=cfn.WorkerLogDeliveryProperty(
                cloud_watch_logs=cfn.CloudWatchLogsLogDeliveryProperty(
                    enabled=True, log_group=f"/connect/{name.lower()}"
                )
            )
        ),
        "plugins": [
            cfn.PluginProperty(
                custom_plugin=cfn.CustomPluginProperty(
                    custom_plugin_arn=f"arn:aws:kafkaconnect:us-east-1:{ACCOUNT}:custom-plugin/sink/1",
                    revision=1,
                )
            )
        ],
    }
    props.update(overrides)
    return cfn(stack, name, **{k: v for k, v in props.items() if v is not None})


def add(stack: Construct, ok: bool) -> None:
    # S3.5: a bucket policy that denies plain HTTP
    _bucket(stack, "TlsBucket", tls=ok)
    # S3.8: bucket-level block public access; S3.2 and S3.3: public read and write. A
    # public grant survives only where S3.8 fails, so one bucket violates all three (S3.2 and
    # S3.3 are UNKNOWN, a violation under strict: the account-level settings decide).
    _bucket(
        stack,
        "PublicBlockBucket",
        public_access_block_configuration=s3.CfnBucket.PublicAccessBlockConfigurationProperty(
            block_public_acls=True,
            block_public_policy=ok,
            ignore_public_acls=True,
            restrict_public_buckets=ok,
        ),
        statements=[]
        if ok
        else [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": ["s3:GetObject", "s3:PutObject"],
                "Resource": cdk.Fn.join("", [f"arn:aws:s3:::public-{ACCOUNT}", "/*"]),
            }
        ],
        bucket_name=f"public-{ACCOUNT}",
    )
    # S3.9: server access logging
    _bucket(
        stack,
        "LoggedBucket",
        logging_configuration=(
            s3.CfnBucket.LoggingConfigurationProperty(destination_bucket_name=ACCESS_LOGS)
            if ok
            else None
        ),
    )
    # S3.12: ACLs disabled
    _bucket(
        stack,
        "AclBucket",
        ownership_controls=s3.CfnBucket.OwnershipControlsProperty(
            rules=[
                s3.CfnBucket.OwnershipControlsRuleProperty(
                    object_ownership="BucketOwnerEnforced" if ok else "BucketOwnerPreferred"
                )
            ]
        ),
    )

    # EFS.1 and EFS.8 (both read Encrypted: one file system violates both)
    efs.CfnFileSystem(
        stack,
        "EncryptedFileSystem",
        encrypted=ok,
        backup_policy=efs.CfnFileSystem.BackupPolicyProperty(status="ENABLED"),
    )
    # EFS.7: automatic backups; EFS.2: in a backup plan (without automatic backups and no
    # backup selection in the app, EFS.2 is UNKNOWN: a violation under strict)
    efs.CfnFileSystem(
        stack,
        "BackedUpFileSystem",
        encrypted=True,
        backup_policy=efs.CfnFileSystem.BackupPolicyProperty(
            status="ENABLED" if ok else "DISABLED"
        ),
    )

    # MSK.1: TLS between brokers
    _cluster(
        stack,
        "InClusterTls",
        encryption_info=msk.CfnCluster.EncryptionInfoProperty(
            encryption_in_transit=msk.CfnCluster.EncryptionInTransitProperty(
                client_broker="TLS", in_cluster=ok
            )
        ),
    )
    # MSK.4: no public broker endpoints
    _cluster(
        stack,
        "PrivateBrokers",
        broker_node_group_info=msk.CfnCluster.BrokerNodeGroupInfoProperty(
            instance_type="kafka.m5.large",
            client_subnets=SUBNETS,
            connectivity_info=msk.CfnCluster.ConnectivityInfoProperty(
                public_access=msk.CfnCluster.PublicAccessProperty(
                    type="DISABLED" if ok else "SERVICE_PROVIDED_EIPS"
                )
            ),
        ),
    )
    # MSK.6: no unauthenticated clients
    _cluster(
        stack,
        "AuthenticatedClients",
        client_authentication=(
            msk.CfnCluster.ClientAuthenticationProperty(
                sasl=msk.CfnCluster.SaslProperty(iam=msk.CfnCluster.IamProperty(enabled=True))
            )
            if ok
            else None
        ),
    )
    # MSK.3: connector to cluster over TLS
    _connector(
        stack,
        "TlsConnector",
        kafka_cluster_encryption_in_transit=(
            kafkaconnect.CfnConnector.KafkaClusterEncryptionInTransitProperty(
                encryption_type="TLS" if ok else "PLAINTEXT"
            )
        ),
    )
    # MSK.5: connector worker logs
    _connector(
        stack,
        "LoggedConnector",
        log_delivery=(
            kafkaconnect.CfnConnector.LogDeliveryProperty(
                worker_log_delivery=kafkaconnect.CfnConnector.WorkerLogDeliveryProperty(
                    s3=kafkaconnect.CfnConnector.S3LogDeliveryProperty(
                        enabled=True, bucket=ACCESS_LOGS, prefix="connect/"
                    )
                )
            )
            if ok
            else None
        ),
    )

    # Kinesis.3: seven days of retention (encrypted for Kinesis.1)
    kinesis.CfnStream(
        stack,
        "RetainedStream",
        shard_count=1,
        retention_period_hours=168 if ok else 24,
        stream_encryption=kinesis.CfnStream.StreamEncryptionProperty(
            encryption_type="KMS", key_id="alias/aws/kinesis"
        ),
    )

    # S3.6: no deny-listed action granted to another account
    _bucket(
        stack,
        "SharedBucket",
        statements=[
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
                "Action": ["s3:GetObject"] if ok else ["s3:GetObject", "s3:PutObjectAcl"],
                "Resource": cdk.Fn.join("", [f"arn:aws:s3:::shared-{ACCOUNT}", "/*"]),
            }
        ],
        bucket_name=f"shared-{ACCOUNT}",
    )
    # S3.25: directory bucket lifecycle rule
    s3express.CfnDirectoryBucket(
        stack,
        "ExpressBucket",
        data_redundancy="SingleAvailabilityZone",
        location_name="use1-az4",
        lifecycle_configuration=(
            s3express.CfnDirectoryBucket.LifecycleConfigurationProperty(
                rules=[
                    s3express.CfnDirectoryBucket.RuleProperty(
                        status="Enabled", expiration_in_days=30
                    )
                ]
            )
            if ok
            else None
        ),
    )

    # S3.19: access point block public access
    s3.CfnAccessPoint(
        stack,
        "DataAccessPoint",
        bucket=f"data-{ACCOUNT}",
        public_access_block_configuration=s3.CfnAccessPoint.PublicAccessBlockConfigurationProperty(
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=ok,
        ),
    )
    # S3.24: Multi-Region Access Point block public access
    s3.CfnMultiRegionAccessPoint(
        stack,
        "GlobalAccessPoint",
        regions=[s3.CfnMultiRegionAccessPoint.RegionProperty(bucket=f"data-{ACCOUNT}")],
        public_access_block_configuration=(
            s3.CfnMultiRegionAccessPoint.PublicAccessBlockConfigurationProperty(
                block_public_acls=True,
                block_public_policy=ok,
                ignore_public_acls=True,
                restrict_public_buckets=True,
            )
        ),
    )

    _add_file_systems(stack, ok)
    _add_data_services(stack, ok)


def _add_file_systems(stack: Construct, ok: bool) -> None:
    fs = fsx.CfnFileSystem
    # FSx.1: OpenZFS copies tags to backups and volumes
    fs(
        stack,
        "OpenZfsTags",
        file_system_type="OPENZFS",
        storage_capacity=64,
        subnet_ids=SUBNETS,
        open_zfs_configuration=fs.OpenZFSConfigurationProperty(
            deployment_type="MULTI_AZ_1",
            preferred_subnet_id=SUBNETS[0],
            throughput_capacity=160,
            copy_tags_to_backups=ok,
            copy_tags_to_volumes=True,
        ),
    )
    # FSx.3: OpenZFS Multi-AZ
    fs(
        stack,
        "OpenZfsMultiAz",
        file_system_type="OPENZFS",
        storage_capacity=64,
        subnet_ids=SUBNETS if ok else SUBNETS[:1],
        open_zfs_configuration=fs.OpenZFSConfigurationProperty(
            deployment_type="MULTI_AZ_1" if ok else "SINGLE_AZ_HA_2",
            preferred_subnet_id=SUBNETS[0] if ok else None,
            throughput_capacity=160,
            copy_tags_to_backups=True,
            copy_tags_to_volumes=True,
        ),
    )
    # FSx.2: Lustre copies tags to backups
    fs(
        stack,
        "LustreTags",
        file_system_type="LUSTRE",
        storage_capacity=1200,
        subnet_ids=SUBNETS[:1],
        lustre_configuration=fs.LustreConfigurationProperty(
            deployment_type="PERSISTENT_2",
            per_unit_storage_throughput=125,
            copy_tags_to_backups=ok,
        ),
    )
    # FSx.4: ONTAP Multi-AZ
    fs(
        stack,
        "OntapMultiAz",
        file_system_type="ONTAP",
        storage_capacity=1024,
        subnet_ids=SUBNETS if ok else SUBNETS[:1],
        ontap_configuration=fs.OntapConfigurationProperty(
            deployment_type="MULTI_AZ_2" if ok else "SINGLE_AZ_2",
            preferred_subnet_id=SUBNETS[0] if ok else None,
            throughput_capacity_per_ha_pair=384,
        ),
    )
    # FSx.5: Windows File Server Multi-AZ
    fs(
        stack,
        "WindowsMultiAz",
        file_system_type="WINDOWS",
        storage_capacity=32,
        subnet_ids=SUBNETS if ok else SUBNETS[:1],
        windows_configuration=fs.WindowsConfigurationProperty(
            throughput_capacity=32,
            deployment_type="MULTI_AZ_1" if ok else "SINGLE_AZ_2",
            preferred_subnet_id=SUBNETS[0] if ok else None,
            active_directory_id="d-1234567890",
        ),
    )


def _add_data_services(stack: Construct, ok: bool) -> None:
    role = f"arn:aws:iam::{ACCOUNT}:role/service"
    # Transfer.2: no plain FTP
    transfer.CfnServer(
        stack,
        "SftpServer",
        protocols=["SFTP"] if ok else ["SFTP", "FTP"],
        endpoint_type="VPC",
        endpoint_details=transfer.CfnServer.EndpointDetailsProperty(
            vpc_id="vpc-0a1b2c3d4e5f60001", subnet_ids=SUBNETS
        ),
    )
    # Transfer.3: connector logs
    transfer.CfnConnector(
        stack,
        "PartnerConnector",
        access_role=role,
        url="sftp://partner.example.com",
        sftp_config=transfer.CfnConnector.SftpConfigProperty(
            user_secret_id="partner-sftp", trusted_host_keys=["ssh-ed25519 AAAAexample"]
        ),
        logging_role=role if ok else None,
    )
    # DataSync.1: task logs
    datasync.CfnTask(
        stack,
        "SyncTask",
        source_location_arn=f"arn:aws:datasync:us-east-1:{ACCOUNT}:location/loc-0a1b2c3d4e5f60001",
        destination_location_arn=(
            f"arn:aws:datasync:us-east-1:{ACCOUNT}:location/loc-0a1b2c3d4e5f60002"
        ),
        cloud_watch_log_group_arn=(
            f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/datasync/sync" if ok else None
        ),
    )
    # Athena.4: workgroup metrics
    athena.CfnWorkGroup(
        stack,
        "AnalystsWorkGroup",
        name="analysts",
        work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
            publish_cloud_watch_metrics_enabled=ok
        ),
    )
    # Glue.4: Spark jobs on a supported Glue version
    glue.CfnJob(
        stack,
        "EtlJob",
        role=role,
        command=glue.CfnJob.JobCommandProperty(
            name="glueetl", script_location=f"s3://scripts-{ACCOUNT}/etl.py", python_version="3"
        ),
        glue_version="4.0" if ok else "2.0",
    )
    # EMR.1: primary node in a private subnet (default route to an internet gateway only in
    # the noncompliant variant)
    subnet = ec2.CfnSubnet(
        stack, "EmrSubnet", vpc_id="vpc-0a1b2c3d4e5f60001", cidr_block="10.0.8.0/24"
    )
    table = ec2.CfnRouteTable(stack, "EmrRoutes", vpc_id="vpc-0a1b2c3d4e5f60001")
    ec2.CfnSubnetRouteTableAssociation(
        stack, "EmrRoutesAssoc", route_table_id=table.ref, subnet_id=subnet.ref
    )
    ec2.CfnRoute(
        stack,
        "EmrDefaultRoute",
        route_table_id=table.ref,
        destination_cidr_block="0.0.0.0/0",
        **(
            {"nat_gateway_id": "nat-0a1b2c3d4e5f60001"}
            if ok
            else {"gateway_id": "igw-0a1b2c3d4e5f60001"}
        ),
    )
    emr.CfnCluster(
        stack,
        "EtlCluster",
        name="etl",
        release_label="emr-7.1.0",
        job_flow_role="EMR_EC2_DefaultRole",
        service_role="EMR_DefaultRole",
        instances=emr.CfnCluster.JobFlowInstancesConfigProperty(
            ec2_subnet_id=subnet.ref,
            master_instance_group=emr.CfnCluster.InstanceGroupConfigProperty(
                instance_count=1, instance_type="m5.xlarge"
            ),
        ),
    )
    # Glue.3: ML transform user data encrypted
    glue.CfnMLTransform(
        stack,
        "MatchTransform",
        role=role,
        input_record_tables=glue.CfnMLTransform.InputRecordTablesProperty(
            glue_tables=[
                glue.CfnMLTransform.GlueTablesProperty(database_name="crm", table_name="people")
            ]
        ),
        transform_parameters=glue.CfnMLTransform.TransformParametersProperty(
            transform_type="FIND_MATCHES",
            find_matches_parameters=glue.CfnMLTransform.FindMatchesParametersProperty(
                primary_key_column_name="id"
            ),
        ),
        transform_encryption=glue.CfnMLTransform.TransformEncryptionProperty(
            ml_user_data_encryption=glue.CfnMLTransform.MLUserDataEncryptionProperty(
                ml_user_data_encryption_mode="SSE-KMS" if ok else "DISABLED",
                kms_key_id=(
                    f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                    if ok
                    else None
                ),
            )
        ),
    )
    # EMR.3 (at rest) and EMR.4 (in transit)
    for name, rest, transit in (("AtRest", ok, True), ("InTransit", True, ok)):
        encryption: dict[str, Any] = {
            "EnableAtRestEncryption": rest,
            "EnableInTransitEncryption": transit,
        }
        if rest:
            encryption["AtRestEncryptionConfiguration"] = {
                "S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}
            }
        if transit:
            encryption["InTransitEncryptionConfiguration"] = {
                "TLSCertificateConfiguration": {
                    "CertificateProviderType": "PEM",
                    "S3Object": f"s3://{ACCESS_LOGS}/certs.zip",
                }
            }
        emr.CfnSecurityConfiguration(
            stack,
            f"EmrSecurity{name}",
            security_configuration={"EncryptionConfiguration": encryption},
        )
    # DataFirehose.1: server-side encryption
    firehose.CfnDeliveryStream(
        stack,
        "DeliveryStream",
        delivery_stream_type="DirectPut",
        delivery_stream_encryption_configuration_input=(
            firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                key_type="AWS_OWNED_CMK"
            )
            if ok
            else None
        ),
        extended_s3_destination_configuration=(
            firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty(
                bucket_arn=f"arn:aws:s3:::{ACCESS_LOGS}", role_arn=role
            )
        ),
    )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
