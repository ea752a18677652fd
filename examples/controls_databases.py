"""Controls app: databases and search (DynamoDB and DAX, ElastiCache, DocumentDB, Neptune, DMS,
Redshift, Redshift Serverless, Elasticsearch, OpenSearch).

One resource per control: it violates that control only in the ``noncompliant`` variant and
complies with every checked control of its type in the ``compliant`` one. L1 resources with
explicit properties, so that each control's property is visible and synth needs no lookup.
"""

from __future__ import annotations

import json

import aws_cdk as cdk
from aws_cdk import aws_dax as dax
from aws_cdk import aws_dms as dms
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticache as elasticache
from aws_cdk import aws_elasticsearch as es
from aws_cdk import aws_neptune as neptune
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_redshift as redshift
from aws_cdk import aws_redshiftserverless as redshiftserverless
from constructs import Construct

from examples import _controls

DAX_ROLE_ARN = "arn:aws:iam::111111111111:role/dax-access"
ACCOUNT = _controls.ENV.account
REGION = _controls.ENV.region
VPC_ID = "vpc-0a1b2c3d"
SUBNETS = ["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"]
#: Log groups outside the app (the search controls only ask that logs are published to one).
APP_LOGS = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/opensearch/app"
AUDIT_LOGS = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/opensearch/audit"
LATEST_TLS = "Policy-Min-TLS-1-2-PFS-2023-10"


def _table(
    stack: Construct, name: str, *, pitr: bool, protect: bool, on_demand: bool = True
) -> None:
    dynamodb.CfnTable(
        stack,
        name,
        key_schema=[dynamodb.CfnTable.KeySchemaProperty(attribute_name="pk", key_type="HASH")],
        attribute_definitions=[
            dynamodb.CfnTable.AttributeDefinitionProperty(attribute_name="pk", attribute_type="S")
        ],
        billing_mode="PAY_PER_REQUEST" if on_demand else "PROVISIONED",
        provisioned_throughput=None
        if on_demand
        else dynamodb.CfnTable.ProvisionedThroughputProperty(
            read_capacity_units=5, write_capacity_units=5
        ),
        point_in_time_recovery_specification=dynamodb.CfnTable.PointInTimeRecoverySpecificationProperty(
            point_in_time_recovery_enabled=pitr
        ),
        deletion_protection_enabled=protect,
    )


def _dax(stack: Construct, name: str, *, sse: bool = True, tls: bool = True) -> None:
    dax.CfnCluster(
        stack,
        name,
        node_type="dax.t3.small",
        replication_factor=3,
        iam_role_arn=DAX_ROLE_ARN,
        sse_specification=dax.CfnCluster.SSESpecificationProperty(sse_enabled=sse),
        cluster_endpoint_encryption_type="TLS" if tls else "NONE",
    )


def _cache(
    stack: Construct,
    name: str,
    subnets: elasticache.CfnSubnetGroup | None,
    *,
    auto_minor: bool = True,
    retention: int = 7,
) -> None:
    elasticache.CfnCacheCluster(
        stack,
        name,
        engine="valkey",
        cache_node_type="cache.t4g.micro",
        num_cache_nodes=1,
        auto_minor_version_upgrade=auto_minor,
        snapshot_retention_limit=retention,
        cache_subnet_group_name=subnets.ref if subnets is not None else None,
    )


def _replication_group(
    stack: Construct,
    name: str,
    *,
    at_rest: bool = True,
    transit: bool = True,
    failover: bool = True,
) -> None:
    elasticache.CfnReplicationGroup(
        stack,
        name,
        replication_group_description=name,
        engine="valkey",
        cache_node_type="cache.t4g.micro",
        num_cache_clusters=2,
        automatic_failover_enabled=failover,
        snapshot_retention_limit=7,
        at_rest_encryption_enabled=at_rest,
        transit_encryption_enabled=transit,
        transit_encryption_mode="required" if transit else None,
    )


def _docdb(
    stack: Construct,
    name: str,
    params: docdb.CfnDBClusterParameterGroup | None,
    *,
    encrypted: bool = True,
    retention: int = 7,
    protect: bool = True,
    audit: bool = True,
) -> None:
    docdb.CfnDBCluster(
        stack,
        name,
        db_cluster_parameter_group_name=params.ref if params is not None else None,
        master_username="docdbadmin",
        manage_master_user_password=True,
        storage_encrypted=encrypted,
        backup_retention_period=retention,
        deletion_protection=protect,
        enable_cloudwatch_logs_exports=["audit"] if audit else ["profiler"],
    )


def _neptune(
    stack: Construct,
    name: str,
    *,
    encrypted: bool = True,
    protect: bool = True,
    audit: bool = True,
    retention: int = 7,
    iam_auth: bool = True,
    copy_tags: bool = True,
) -> None:
    neptune.CfnDBCluster(
        stack,
        name,
        storage_encrypted=encrypted,
        deletion_protection=protect,
        backup_retention_period=retention,
        iam_auth_enabled=iam_auth,
        copy_tags_to_snapshot=copy_tags,
        enable_cloudwatch_logs_exports=["audit"] if audit else ["slowquery"],
    )


def _replication_instance(
    stack: Construct,
    name: str,
    *,
    public: bool = False,
    auto_minor: bool = True,
    multi_az: bool = True,
) -> None:
    dms.CfnReplicationInstance(
        stack,
        name,
        replication_instance_class="dms.t3.medium",
        publicly_accessible=public,
        auto_minor_version_upgrade=auto_minor,
        multi_az=multi_az,
    )


def _warehouse(
    stack: Construct,
    name: str,
    *,
    public: bool = False,
    upgrades: bool = True,
    admin: str = "warehouse_admin",
    encrypted: bool = True,
    tls: bool = True,
    snapshots: int = 7,
    logs: bool = True,
    routing: bool = True,
    open_port: bool = False,
    multi_az: bool = True,
) -> None:
    scope = Construct(stack, name + "Network")
    params = None
    if tls:
        params = redshift.CfnClusterParameterGroup(
            scope,
            "Params",
            description="TLS required",
            parameter_group_family="redshift-2.0",
            parameters=[
                redshift.CfnClusterParameterGroup.ParameterProperty(
                    parameter_name="require_ssl", parameter_value="true"
                )
            ],
        )
    group = ec2.CfnSecurityGroup(
        scope,
        "Sg",
        group_description=f"{name}: clients of the VPC only",
        vpc_id=VPC_ID,
        security_group_ingress=[
            ec2.CfnSecurityGroup.IngressProperty(
                ip_protocol="tcp",
                from_port=5439,
                to_port=5439,
                cidr_ip="0.0.0.0/0" if open_port else "10.0.0.0/16",
            )
        ],
    )
    if open_port:
        cdk.Validations.of(group).acknowledge(
            cdk.Acknowledgment(
                id="FSBP::FSBP-EC2.18", reason="the open cluster port shows Redshift.15 here"
            )
        )
    redshift.CfnCluster(
        stack,
        name,
        cluster_type="multi-node",
        number_of_nodes=2,
        node_type="ra3.xlplus",
        db_name="analytics",
        master_username=admin,
        manage_master_password=True,
        publicly_accessible=public,
        allow_version_upgrade=upgrades,
        encrypted=encrypted,
        cluster_parameter_group_name=params.ref if params is not None else None,
        automated_snapshot_retention_period=snapshots,
        logging_properties=redshift.CfnCluster.LoggingPropertiesProperty(
            log_destination_type="cloudwatch", log_exports=["connectionlog", "userlog"]
        )
        if logs
        else None,
        enhanced_vpc_routing=routing,
        vpc_security_group_ids=[group.attr_group_id],
        multi_az=multi_az,
    )


def _task_settings(*, source: bool = True, target: bool = True) -> str:
    level = {True: "LOGGER_SEVERITY_DEFAULT", False: "LOGGER_SEVERITY_ERROR"}
    components = [
        {"Id": "SOURCE_CAPTURE", "Severity": level[source]},
        {"Id": "SOURCE_UNLOAD", "Severity": level[source]},
        {"Id": "TARGET_APPLY", "Severity": level[target]},
        {"Id": "TARGET_LOAD", "Severity": level[target]},
    ]
    return json.dumps({"Logging": {"EnableLogging": True, "LogComponents": components}})


def _endpoint(
    stack: Construct, name: str, engine: str, kind: str = "source", **settings: object
) -> dms.CfnEndpoint:
    return dms.CfnEndpoint(
        stack,
        name,
        endpoint_type=kind,
        engine_name=engine,
        server_name=f"{name.lower()}.example.internal",
        port=5432,
        database_name="app",
        ssl_mode=str(settings.pop("ssl_mode", "require")),
        **settings,  # type: ignore[arg-type]
    )


def _es_domain(stack: Construct, name: str, *, audit: bool = True) -> None:
    """A legacy Elasticsearch domain compliant with every ES control except, unless ``audit``,
    ES.5."""
    logs = {
        "ES_APPLICATION_LOGS": es.CfnDomain.LogPublishingOptionProperty(
            enabled=True, cloud_watch_logs_log_group_arn=APP_LOGS
        ),
        "AUDIT_LOGS": es.CfnDomain.LogPublishingOptionProperty(
            enabled=audit, cloud_watch_logs_log_group_arn=AUDIT_LOGS
        ),
    }
    es.CfnDomain(
        stack,
        name,
        elasticsearch_version="7.10",
        encryption_at_rest_options=es.CfnDomain.EncryptionAtRestOptionsProperty(enabled=True),
        node_to_node_encryption_options=es.CfnDomain.NodeToNodeEncryptionOptionsProperty(
            enabled=True
        ),
        domain_endpoint_options=es.CfnDomain.DomainEndpointOptionsProperty(
            enforce_https=True, tls_security_policy=LATEST_TLS
        ),
        advanced_security_options=es.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=True,
            internal_user_database_enabled=False,
            master_user_options=es.CfnDomain.MasterUserOptionsProperty(
                master_user_arn=f"arn:aws:iam::{ACCOUNT}:role/search-admin"
            ),
        ),
        elasticsearch_cluster_config=es.CfnDomain.ElasticsearchClusterConfigProperty(
            instance_count=3,
            instance_type="r5.large.elasticsearch",
            zone_awareness_enabled=True,
            zone_awareness_config=es.CfnDomain.ZoneAwarenessConfigProperty(
                availability_zone_count=3
            ),
            dedicated_master_enabled=True,
            dedicated_master_count=3,
            dedicated_master_type="m5.large.elasticsearch",
        ),
        log_publishing_options=logs,
        vpc_options=es.CfnDomain.VPCOptionsProperty(
            subnet_ids=SUBNETS, security_group_ids=["sg-0a1b2c3d"]
        ),
    )


def _search_domain(stack: Construct, name: str, breaks: str = "") -> None:
    """An OpenSearch Service domain compliant with every Opensearch control, except the one
    named by ``breaks``."""
    logs = {
        "ES_APPLICATION_LOGS": opensearch.CfnDomain.LogPublishingOptionProperty(
            enabled=breaks != "Opensearch.4", cloud_watch_logs_log_group_arn=APP_LOGS
        ),
        "AUDIT_LOGS": opensearch.CfnDomain.LogPublishingOptionProperty(
            enabled=breaks != "Opensearch.5", cloud_watch_logs_log_group_arn=AUDIT_LOGS
        ),
    }
    opensearch.CfnDomain(
        stack,
        name,
        engine_version="OpenSearch_2.19",
        encryption_at_rest_options=opensearch.CfnDomain.EncryptionAtRestOptionsProperty(
            enabled=True
        ),
        node_to_node_encryption_options=(
            opensearch.CfnDomain.NodeToNodeEncryptionOptionsProperty(enabled=True)
        ),
        domain_endpoint_options=opensearch.CfnDomain.DomainEndpointOptionsProperty(
            enforce_https=True,
            tls_security_policy="Policy-Min-TLS-1-2-2019-07"
            if breaks == "Opensearch.8"
            else LATEST_TLS,
        ),
        advanced_security_options=opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=True,
            internal_user_database_enabled=False,
            master_user_options=opensearch.CfnDomain.MasterUserOptionsProperty(
                master_user_arn=f"arn:aws:iam::{ACCOUNT}:role/search-admin"
            ),
        ),
        cluster_config=opensearch.CfnDomain.ClusterConfigProperty(
            instance_count=2 if breaks == "Opensearch.6" else 3,
            instance_type="r6g.large.search",
            zone_awareness_enabled=True,
            zone_awareness_config=opensearch.CfnDomain.ZoneAwarenessConfigProperty(
                availability_zone_count=2 if breaks == "Opensearch.6" else 3
            ),
        ),
        log_publishing_options=logs,
        vpc_options=None
        if breaks == "Opensearch.2"
        else opensearch.CfnDomain.VPCOptionsProperty(
            subnet_ids=SUBNETS, security_group_ids=["sg-0a1b2c3d"]
        ),
    )


def _namespace(
    stack: Construct, name: str, *, admin: str = "warehouse_admin", logs: bool = True
) -> redshiftserverless.CfnNamespace:
    return redshiftserverless.CfnNamespace(
        stack,
        name,
        namespace_name=name.lower(),
        db_name="analytics",
        admin_username=admin,
        manage_admin_password=True,
        log_exports=["connectionlog", "userlog"] if logs else ["useractivitylog"],
    )


def _workgroup(
    stack: Construct,
    name: str,
    namespace: redshiftserverless.CfnNamespace,
    *,
    routing: bool = True,
    ssl: bool = True,
    public: bool = False,
) -> None:
    workgroup = redshiftserverless.CfnWorkgroup(
        stack,
        name,
        workgroup_name=name.lower(),
        namespace_name=namespace.namespace_name,
        enhanced_vpc_routing=routing,
        publicly_accessible=public,
        config_parameters=[
            redshiftserverless.CfnWorkgroup.ConfigParameterProperty(
                parameter_key="require_ssl", parameter_value="true" if ssl else "false"
            )
        ],
    )
    workgroup.add_dependency(namespace)


def add(stack: Construct, ok: bool) -> None:
    # DynamoDB.2: point-in-time recovery; DynamoDB.6: deletion protection;
    # DynamoDB.1: capacity that scales (on demand)
    _table(stack, "OrdersTable", pitr=ok, protect=True)
    _table(stack, "SessionsTable", pitr=True, protect=ok)
    _table(stack, "LedgerTable", pitr=True, protect=True, on_demand=ok)

    # DynamoDB.3: DAX encryption at rest; DynamoDB.7: DAX encryption in transit
    _dax(stack, "Accelerator", sse=ok)
    _dax(stack, "EdgeAccelerator", tls=ok)

    # ElastiCache.1: automatic backups; ElastiCache.2: automatic minor version upgrades;
    # ElastiCache.7: a subnet group of its own
    cache_subnets = elasticache.CfnSubnetGroup(
        stack, "CacheSubnets", description="private subnets", subnet_ids=SUBNETS
    )
    _cache(stack, "Cache", cache_subnets, retention=7 if ok else 0)
    _cache(stack, "PinnedCache", cache_subnets, auto_minor=ok)
    _cache(stack, "DefaultNetworkCache", cache_subnets if ok else None)
    # ElastiCache.3: automatic failover; ElastiCache.4: encryption at rest;
    # ElastiCache.5: encryption in transit
    _replication_group(stack, "RateLimitStore", failover=ok)
    _replication_group(stack, "SessionStore", at_rest=ok)
    _replication_group(stack, "QueueStore", transit=ok)
    # ElastiCache.6: an AUTH token for Redis OSS before 6
    elasticache.CfnReplicationGroup(
        stack,
        "LegacyStore",
        replication_group_description="LegacyStore",
        engine="redis",
        engine_version="5.0.6",
        cache_node_type="cache.t3.micro",
        num_cache_clusters=2,
        automatic_failover_enabled=True,
        snapshot_retention_limit=7,
        at_rest_encryption_enabled=True,
        transit_encryption_enabled=True,
        auth_token="{{resolve:secretsmanager:legacy-store-token:SecretString:token}}"
        if ok
        else None,
    )

    # DocumentDB.1: encryption at rest; DocumentDB.2: backup retention; DocumentDB.4: audit
    # logs; DocumentDB.5: deletion protection
    # DocumentDB.6: TLS 1.2 or later required (cluster parameter group)
    docdb_params = docdb.CfnDBClusterParameterGroup(
        stack,
        "DocsParams",
        description="TLS 1.2 or later required",
        family="docdb5.0",
        parameters={"tls": "tls1.2+"},
    )
    _docdb(stack, "CatalogDocs", docdb_params, encrypted=ok)
    _docdb(stack, "ProfileDocs", docdb_params, retention=7 if ok else 1)
    _docdb(stack, "OrderDocs", docdb_params, audit=ok)
    _docdb(stack, "AuditDocs", docdb_params, protect=ok)
    _docdb(stack, "PlainDocs", docdb_params if ok else None)

    # Neptune.1: encryption at rest; Neptune.2: audit logs; Neptune.4: deletion protection;
    # Neptune.5: backup retention; Neptune.7: IAM authentication; Neptune.8: tags to snapshots
    _neptune(stack, "SocialGraph", encrypted=ok)
    _neptune(stack, "LineageGraph", audit=ok)
    _neptune(stack, "FraudGraph", protect=ok)
    _neptune(stack, "KnowledgeGraph", retention=7 if ok else 1)
    _neptune(stack, "IdentityGraph", iam_auth=ok)
    _neptune(stack, "RoutingGraph", copy_tags=ok)

    # DMS.1: not public; DMS.6: automatic minor version upgrades; DMS.13: Multi-AZ
    _replication_instance(stack, "Migrator", public=not ok)
    _replication_instance(stack, "Replicator", auto_minor=ok)
    _replication_instance(stack, "Syncer", multi_az=ok)
    # DMS.9: SSL; DMS.10: IAM authorization (Neptune); DMS.11: authentication (MongoDB);
    # DMS.12: TLS (Redis OSS)
    source = _endpoint(stack, "OrdersSource", "postgres")
    target = _endpoint(stack, "OrdersTarget", "postgres", "target")
    _endpoint(stack, "PlainSource", "postgres", ssl_mode="require" if ok else "none")
    _endpoint(
        stack,
        "GraphTarget",
        "neptune",
        "target",
        neptune_settings=dms.CfnEndpoint.NeptuneSettingsProperty(
            iam_auth_enabled=ok,
            s3_bucket_name="staging-111111111111",
            s3_bucket_folder="graph",
            service_access_role_arn=f"arn:aws:iam::{ACCOUNT}:role/dms-neptune",
        ),
    )
    _endpoint(
        stack,
        "DocumentSource",
        "mongodb",
        mongo_db_settings=dms.CfnEndpoint.MongoDbSettingsProperty(
            auth_type="password" if ok else "no"
        ),
    )
    _endpoint(
        stack,
        "CacheTarget",
        "redis",
        "target",
        redis_settings=dms.CfnEndpoint.RedisSettingsProperty(
            server_name="cache.example.internal",
            port=6379,
            ssl_security_protocol="ssl-encryption" if ok else "plaintext",
        ),
    )
    # DMS.7: target database logging; DMS.8: source database logging
    for task_name, settings in (
        ("TargetLoggedTask", _task_settings(target=ok)),
        ("SourceLoggedTask", _task_settings(source=ok)),
    ):
        dms.CfnReplicationTask(
            stack,
            task_name,
            migration_type="full-load-and-cdc",
            replication_instance_arn=f"arn:aws:dms:{REGION}:{ACCOUNT}:rep:migrator",
            source_endpoint_arn=source.ref,
            target_endpoint_arn=target.ref,
            table_mappings=json.dumps({"rules": []}),
            replication_task_settings=settings,
        )

    # Redshift.1: not public; Redshift.6: version upgrades; Redshift.8: admin name;
    # Redshift.10: encryption at rest
    _warehouse(stack, "PublicWarehouse", public=not ok)
    _warehouse(stack, "PinnedWarehouse", upgrades=ok)
    _warehouse(stack, "DefaultAdminWarehouse", admin="warehouse_admin" if ok else "awsuser")
    _warehouse(stack, "PlainWarehouse", encrypted=ok)
    # Redshift.2: TLS required; Redshift.3: automated snapshots; Redshift.4: audit logging;
    # Redshift.7: enhanced VPC routing; Redshift.15: port not open to the internet;
    # Redshift.18: Multi-AZ
    _warehouse(stack, "CleartextWarehouse", tls=ok)
    _warehouse(stack, "UnsnappedWarehouse", snapshots=7 if ok else 1)
    _warehouse(stack, "SilentWarehouse", logs=ok)
    _warehouse(stack, "RoutedWarehouse", routing=ok)
    _warehouse(stack, "ExposedWarehouse", open_port=not ok)
    _warehouse(stack, "SingleZoneWarehouse", multi_az=ok)

    # RedshiftServerless.5: admin name; RedshiftServerless.6: log exports
    lakehouse = _namespace(stack, "Lakehouse")
    _namespace(stack, "DefaultAdminLakehouse", admin="warehouse_admin" if ok else "admin")
    _namespace(stack, "QuietLakehouse", logs=ok)
    # RedshiftServerless.1: enhanced VPC routing; RedshiftServerless.2: SSL required;
    # RedshiftServerless.3: not public
    _workgroup(stack, "RoutedWorkgroup", lakehouse, routing=ok)
    _workgroup(stack, "TlsWorkgroup", lakehouse, ssl=ok)
    _workgroup(stack, "PrivateWorkgroup", lakehouse, public=not ok)

    # ES.5: audit logs (the other ES controls' domains are in controls_identity.py)
    _es_domain(stack, "AuditedLegacySearch", audit=ok)
    # Opensearch.2: in a VPC; Opensearch.4: error logs; Opensearch.5: audit logs;
    # Opensearch.6: three data nodes in zones; Opensearch.8: latest TLS policy
    for control_id in (
        "Opensearch.2",
        "Opensearch.4",
        "Opensearch.5",
        "Opensearch.6",
        "Opensearch.8",
    ):
        _search_domain(stack, "Search" + control_id.split(".")[1], control_id if not ok else "")


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
