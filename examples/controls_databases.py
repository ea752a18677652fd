"""Controls app: databases (DynamoDB and DAX, ElastiCache, DocumentDB, Neptune, DMS,
Redshift, Redshift Serverless).

One resource per control: it violates that control only in the ``noncompliant`` variant and
complies with every checked control of its type in the ``compliant`` one. L1 resources with
explicit properties, so that each control's property is visible and synth needs no lookup.
"""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_dax as dax
from aws_cdk import aws_dms as dms
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_elasticache as elasticache
from aws_cdk import aws_neptune as neptune
from aws_cdk import aws_redshift as redshift
from aws_cdk import aws_redshiftserverless as redshiftserverless
from constructs import Construct

from examples import _controls

DAX_ROLE_ARN = "arn:aws:iam::111111111111:role/dax-access"


def _table(stack: Construct, name: str, *, pitr: bool, protect: bool) -> None:
    dynamodb.CfnTable(
        stack,
        name,
        key_schema=[dynamodb.CfnTable.KeySchemaProperty(attribute_name="pk", key_type="HASH")],
        attribute_definitions=[
            dynamodb.CfnTable.AttributeDefinitionProperty(attribute_name="pk", attribute_type="S")
        ],
        billing_mode="PAY_PER_REQUEST",
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


def _cache(stack: Construct, name: str, *, auto_minor: bool = True, retention: int = 7) -> None:
    elasticache.CfnCacheCluster(
        stack,
        name,
        engine="valkey",
        cache_node_type="cache.t4g.micro",
        num_cache_nodes=1,
        auto_minor_version_upgrade=auto_minor,
        snapshot_retention_limit=retention,
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
    *,
    encrypted: bool = True,
    retention: int = 7,
    protect: bool = True,
    audit: bool = True,
) -> None:
    docdb.CfnDBCluster(
        stack,
        name,
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
) -> None:
    redshift.CfnCluster(
        stack,
        name,
        cluster_type="single-node",
        node_type="ra3.large",
        db_name="analytics",
        master_username=admin,
        manage_master_password=True,
        publicly_accessible=public,
        allow_version_upgrade=upgrades,
        encrypted=encrypted,
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
    # DynamoDB.2: point-in-time recovery; DynamoDB.6: deletion protection
    _table(stack, "OrdersTable", pitr=ok, protect=True)
    _table(stack, "SessionsTable", pitr=True, protect=ok)

    # DynamoDB.3: DAX encryption at rest; DynamoDB.7: DAX encryption in transit
    _dax(stack, "Accelerator", sse=ok)
    _dax(stack, "EdgeAccelerator", tls=ok)

    # ElastiCache.1: automatic backups; ElastiCache.2: automatic minor version upgrades
    _cache(stack, "Cache", retention=7 if ok else 0)
    _cache(stack, "PinnedCache", auto_minor=ok)
    # ElastiCache.3: automatic failover; ElastiCache.4: encryption at rest;
    # ElastiCache.5: encryption in transit
    _replication_group(stack, "RateLimitStore", failover=ok)
    _replication_group(stack, "SessionStore", at_rest=ok)
    _replication_group(stack, "QueueStore", transit=ok)

    # DocumentDB.1: encryption at rest; DocumentDB.2: backup retention; DocumentDB.4: audit
    # logs; DocumentDB.5: deletion protection
    _docdb(stack, "CatalogDocs", encrypted=ok)
    _docdb(stack, "ProfileDocs", retention=7 if ok else 1)
    _docdb(stack, "OrderDocs", audit=ok)
    _docdb(stack, "AuditDocs", protect=ok)

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

    # Redshift.1: not public; Redshift.6: version upgrades; Redshift.8: admin name;
    # Redshift.10: encryption at rest
    _warehouse(stack, "PublicWarehouse", public=not ok)
    _warehouse(stack, "PinnedWarehouse", upgrades=ok)
    _warehouse(stack, "DefaultAdminWarehouse", admin="warehouse_admin" if ok else "awsuser")
    _warehouse(stack, "PlainWarehouse", encrypted=ok)

    # RedshiftServerless.5: admin name; RedshiftServerless.6: log exports
    lakehouse = _namespace(stack, "Lakehouse")
    _namespace(stack, "DefaultAdminLakehouse", admin="warehouse_admin" if ok else "admin")
    _namespace(stack, "QuietLakehouse", logs=ok)
    # RedshiftServerless.1: enhanced VPC routing; RedshiftServerless.2: SSL required;
    # RedshiftServerless.3: not public
    _workgroup(stack, "RoutedWorkgroup", lakehouse, routing=ok)
    _workgroup(stack, "TlsWorkgroup", lakehouse, ssl=ok)
    _workgroup(stack, "PrivateWorkgroup", lakehouse, public=not ok)


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
