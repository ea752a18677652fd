"""Controls app: Amazon RDS (DB instances, DB clusters, proxies, event subscriptions, global
clusters).

Each control has a resource that violates it in the ``noncompliant`` variant, and complies with
every control of its type in the ``compliant`` one. A few violations spill over by design: a
DB cluster holds the log exports (RDS.9) and tag copying (RDS.17) of its Aurora instances, and
RDS.9 asks more log types than RDS.36, RDS.40 and RDS.42.

    cdk synth --app "python -m examples.controls_rds noncompliant"   # exits 1
    cdk synth --app "python -m examples.controls_rds compliant"      # exits 0
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_rds as rds
from constructs import Construct

from examples import _controls

#: The role RDS publishes enhanced monitoring metrics with (RDS.6); a literal ARN keeps the
#: app free of any other resource type.
MONITORING_ROLE_ARN = "arn:aws:iam::111111111111:role/rds-monitoring-role"
TOPIC_ARN = "arn:aws:sns:us-east-1:111111111111:rds-events"
#: An existing VPC (a VPC of the app would bring the EC2 VPC controls into this app).
VPC_ID = "vpc-0123456789abcdef0"


def _zone(index: int) -> str:
    """The Region's n-th Availability Zone (`Fn::Select` of `Fn::GetAZs`), as CDK writes it."""
    return cdk.Fn.select(index, cdk.Fn.get_azs())


#: What every example DB instance sets to comply with each DB instance control.
_INSTANCE_OK: dict[str, Any] = {
    "publicly_accessible": False,  # RDS.2
    "storage_encrypted": True,  # RDS.3
    "multi_az": True,  # RDS.5
    "monitoring_interval": 60,  # RDS.6
    "monitoring_role_arn": MONITORING_ROLE_ARN,
    "deletion_protection": True,  # RDS.8
    "backup_retention_period": 7,  # RDS.11
    "auto_minor_version_upgrade": True,  # RDS.13
    "copy_tags_to_snapshot": True,  # RDS.17
    "master_username": "appadmin",  # RDS.25
}

#: Per engine: what complies with the engine's own controls (RDS.9 and RDS.36/40/42 log
#: types, RDS.10 IAM authentication, RDS.23 a port other than the default, and the TLS
#: parameter of RDS.38/39/41/44 in a parameter group of the app), and the group's settings.
_ENGINES: dict[str, dict[str, Any]] = {
    "mysql": {
        "props": {
            "db_instance_class": "db.t3.micro",
            "enable_iam_database_authentication": True,
            "port": "3307",
            "enable_cloudwatch_logs_exports": ["audit", "error", "general", "slowquery"],
        },
        "family": "mysql8.0",
        "tls": ("require_secure_transport", "1", "0"),
    },
    "postgres": {
        "props": {
            "engine_version": "16.4",
            "db_instance_class": "db.t3.micro",
            "enable_iam_database_authentication": True,
            "port": "5433",
            "enable_cloudwatch_logs_exports": ["postgresql", "upgrade"],
        },
        "family": "postgres16",
        "tls": ("rds.force_ssl", "1", "0"),
    },
    "sqlserver-se": {
        "props": {
            "db_instance_class": "db.m5.large",
            "license_model": "license-included",
            "port": "1434",
            "enable_cloudwatch_logs_exports": ["agent", "error"],
        },
        "family": "sqlserver-se-16.0",
        "tls": ("rds.force_ssl", "1", "0"),
    },
    "mariadb": {
        "props": {
            "engine_version": "10.11.8",
            "db_instance_class": "db.t3.micro",
            "enable_iam_database_authentication": True,
            "port": "3307",
            "enable_cloudwatch_logs_exports": ["audit", "error", "general", "slowquery"],
        },
        "family": "mariadb10.11",
        "tls": ("require_secure_transport", "ON", "OFF"),
    },
}

#: Markers for settings that name resources of the app (resolved in ``add``).
PLAIN_GROUP = "<the engine's parameter group without TLS>"
PUBLIC_SUBNETS = "<the subnet group of public subnets>"

#: The DB instance controls: the engine of the control's instance, and the one setting that
#: breaks the control.
_INSTANCE_BAD: dict[str, tuple[str, str, Any]] = {
    "RDS.2": ("mysql", "publicly_accessible", True),
    "RDS.3": ("mysql", "storage_encrypted", False),
    "RDS.5": ("mysql", "multi_az", False),
    "RDS.6": ("mysql", "monitoring_interval", 0),
    "RDS.8": ("mysql", "deletion_protection", False),
    "RDS.9": ("mysql", "enable_cloudwatch_logs_exports", ["audit", "error", "general"]),
    "RDS.10": ("mysql", "enable_iam_database_authentication", False),
    "RDS.11": ("mysql", "backup_retention_period", 1),
    "RDS.13": ("mysql", "auto_minor_version_upgrade", False),
    "RDS.17": ("mysql", "copy_tags_to_snapshot", False),
    "RDS.23": ("mysql", "port", "3306"),
    "RDS.25": ("mysql", "master_username", "admin"),
    "RDS.36": ("postgres", "enable_cloudwatch_logs_exports", ["upgrade"]),
    "RDS.38": ("postgres", "db_parameter_group_name", PLAIN_GROUP),
    "RDS.39": ("mysql", "db_parameter_group_name", PLAIN_GROUP),
    "RDS.40": ("sqlserver-se", "enable_cloudwatch_logs_exports", ["error"]),
    "RDS.41": ("sqlserver-se", "db_parameter_group_name", PLAIN_GROUP),
    "RDS.42": ("mariadb", "enable_cloudwatch_logs_exports", ["general", "slowquery"]),
    "RDS.44": ("mariadb", "db_parameter_group_name", PLAIN_GROUP),
    "RDS.46": ("mysql", "db_subnet_group_name", PUBLIC_SUBNETS),
}

#: What every example DB cluster sets to comply with each DB cluster control.
_CLUSTER_OK: dict[str, Any] = {
    "deletion_protection": True,  # RDS.7
    "enable_iam_database_authentication": True,  # RDS.12
    "copy_tags_to_snapshot": True,  # RDS.16, RDS.47, RDS.48
    "master_username": "appadmin",  # RDS.24
    "storage_encrypted": True,  # RDS.27
    "backup_retention_period": 7,  # RDS.50
}

#: Multi-AZ DB clusters (RDS for MySQL or PostgreSQL) span three zones by themselves (RDS.15);
#: Aurora clusters get two DB instances in two zones, which comply with every instance control.
_CLUSTER_KINDS: dict[str, dict[str, Any]] = {
    "postgres": {
        "engine": "postgres",
        "db_cluster_instance_class": "db.m6gd.large",
        "allocated_storage": 100,
        "storage_type": "io1",
        "iops": 1000,
    },
    "mysql": {
        "engine": "mysql",
        "db_cluster_instance_class": "db.m6gd.large",
        "allocated_storage": 100,
        "storage_type": "io1",
        "iops": 1000,
    },
    "aurora-mysql": {
        "engine": "aurora-mysql",
        "port": 3307,  # RDS.23 on its instances
        "backtrack_window": 86400,  # RDS.14
        "enable_cloudwatch_logs_exports": ["audit", "error", "general", "slowquery"],  # RDS.9, 34
    },
    "aurora-postgresql": {
        "engine": "aurora-postgresql",
        "port": 5433,  # RDS.23 on its instances
        "enable_cloudwatch_logs_exports": ["postgresql"],  # RDS.9, RDS.37
    },
}

AUDIT_GROUP = "<the Aurora MySQL cluster parameter group with audit logging>"
PLAIN_CLUSTER_GROUP = "<the Aurora MySQL cluster parameter group without audit logging>"
ONE_INSTANCE = "<one DB instance only>"

#: The DB cluster controls: the kind of the control's cluster, and the one setting that breaks
#: the control (``members``: how many DB instances join an Aurora cluster).
_CLUSTER_BAD: dict[str, tuple[str, str, Any]] = {
    "RDS.7": ("postgres", "deletion_protection", False),
    "RDS.12": ("postgres", "enable_iam_database_authentication", False),
    "RDS.14": ("aurora-mysql", "backtrack_window", 0),
    "RDS.15": ("aurora-postgresql", "members", 1),
    "RDS.16": ("aurora-postgresql", "copy_tags_to_snapshot", False),
    "RDS.24": ("postgres", "master_username", "postgres"),
    "RDS.27": ("postgres", "storage_encrypted", False),
    "RDS.34": ("aurora-mysql", "enable_cloudwatch_logs_exports", ["error", "general", "slowquery"]),
    "RDS.35": ("postgres", "auto_minor_version_upgrade", False),
    "RDS.37": ("aurora-postgresql", "enable_cloudwatch_logs_exports", ["iam-db-auth-error"]),
    "RDS.45": ("aurora-mysql", "db_cluster_parameter_group_name", PLAIN_CLUSTER_GROUP),
    "RDS.47": ("postgres", "copy_tags_to_snapshot", False),
    "RDS.48": ("mysql", "copy_tags_to_snapshot", False),
    "RDS.50": ("postgres", "backup_retention_period", 1),
}

#: The event subscription controls: the source type, and the categories (all of them in the
#: compliant variant; one too few in the noncompliant one).
_EVENTS: dict[str, tuple[str, list[str]]] = {
    "RDS.19": ("db-cluster", ["maintenance"]),
    "RDS.20": ("db-instance", ["maintenance", "failure"]),
    "RDS.21": ("db-parameter-group", ["deletion"]),
    "RDS.22": ("db-security-group", ["failure"]),
}


def _name(control_id: str) -> str:
    return control_id.replace(".", "")


def _network(stack: Construct) -> tuple[rds.CfnDBSubnetGroup, rds.CfnDBSubnetGroup]:
    """Two DB subnet groups: private subnets (their route table has no default route), and
    public ones (a default route to the internet gateway: RDS.46)."""
    gateway = ec2.CfnInternetGateway(stack, "Gateway")
    ec2.CfnVPCGatewayAttachment(
        stack, "GatewayAttachment", vpc_id=VPC_ID, internet_gateway_id=gateway.ref
    )
    groups = []
    for index, kind in enumerate(("Private", "Public")):
        table = ec2.CfnRouteTable(stack, f"{kind}Routes", vpc_id=VPC_ID)
        if kind == "Public":
            ec2.CfnRoute(
                stack,
                "PublicDefaultRoute",
                route_table_id=table.ref,
                destination_cidr_block="0.0.0.0/0",
                gateway_id=gateway.ref,
            )
        subnets = []
        for zone_index in range(2):
            subnet = ec2.CfnSubnet(
                stack,
                f"{kind}Subnet{zone_index + 1}",
                vpc_id=VPC_ID,
                cidr_block=f"10.0.{index * 2 + zone_index}.0/24",
                availability_zone=_zone(zone_index),
            )
            ec2.CfnSubnetRouteTableAssociation(
                stack,
                f"{kind}Subnet{zone_index + 1}Routes",
                subnet_id=subnet.ref,
                route_table_id=table.ref,
            )
            subnets.append(subnet.ref)
        groups.append(
            rds.CfnDBSubnetGroup(
                stack,
                f"{kind}Subnets",
                db_subnet_group_description=f"{kind.lower()} subnets",
                subnet_ids=subnets,
            )
        )
    return groups[0], groups[1]


def _parameter_groups(stack: Construct) -> dict[str, tuple[str, str]]:
    """Per engine: the parameter group that requires TLS, and one that does not."""
    groups: dict[str, tuple[str, str]] = {}
    for engine, profile in _ENGINES.items():
        name, on, off = profile["tls"]
        refs = []
        for kind, value in (("Tls", on), ("Plain", off)):
            group = rds.CfnDBParameterGroup(
                stack,
                f"{engine.title().replace('-', '')}{kind}Parameters",
                family=profile["family"],
                description=f"{engine} {kind.lower()}",
                parameters={name: value},
            )
            refs.append(group.ref)
        groups[engine] = (refs[0], refs[1])
    return groups


def add(stack: Construct, ok: bool) -> None:
    private, public = _network(stack)
    groups = _parameter_groups(stack)
    for control_id, (engine, key, bad) in _INSTANCE_BAD.items():
        settings = {
            **_INSTANCE_OK,
            **_ENGINES[engine]["props"],
            "db_parameter_group_name": groups[engine][0],
            "db_subnet_group_name": private.ref,
        }
        if not ok:
            named = {PLAIN_GROUP: groups[engine][1], PUBLIC_SUBNETS: public.ref}
            settings[key] = named.get(bad, bad) if isinstance(bad, str) else bad
        rds.CfnDBInstance(
            stack,
            f"Instance{_name(control_id)}",
            engine=engine,
            allocated_storage="20",
            manage_master_user_password=True,
            **settings,
        )

    audit = rds.CfnDBClusterParameterGroup(
        stack,
        "AuditClusterParameters",
        family="aurora-mysql8.0",
        description="audit logging",
        parameters={
            "server_audit_logging": "1",
            "server_audit_events": "CONNECT,QUERY_DCL,QUERY_DDL",
        },
    )
    plain = rds.CfnDBClusterParameterGroup(
        stack,
        "PlainClusterParameters",
        family="aurora-mysql8.0",
        description="no audit logging",
        parameters={"server_audit_logging": "0"},
    )
    for control_id, (kind, key, bad) in _CLUSTER_BAD.items():
        settings = {**_CLUSTER_OK, **_CLUSTER_KINDS[kind]}
        if kind == "aurora-mysql":
            settings["db_cluster_parameter_group_name"] = audit.ref  # RDS.45
        members = 2
        if not ok:
            if key == "members":
                members = bad
            elif bad == PLAIN_CLUSTER_GROUP:
                settings[key] = plain.ref
            else:
                settings[key] = bad
        name = f"Cluster{_name(control_id)}"
        cluster = rds.CfnDBCluster(
            stack,
            name,
            manage_master_user_password=True,
            db_subnet_group_name=private.ref,
            **settings,
        )
        if not kind.startswith("aurora"):
            continue
        for index in range(members):
            rds.CfnDBInstance(
                stack,
                f"{name}Instance{index + 1}",
                engine=kind,
                db_instance_class="db.r6g.large",
                db_cluster_identifier=cluster.ref,
                availability_zone=_zone(index),
                publicly_accessible=False,  # RDS.2
                monitoring_interval=60,  # RDS.6
                monitoring_role_arn=MONITORING_ROLE_ARN,
            )

    for control_id, (source_type, fewer) in _EVENTS.items():
        rds.CfnEventSubscription(
            stack,
            f"Events{_name(control_id)}",
            sns_topic_arn=TOPIC_ARN,
            source_type=source_type,
            event_categories=None if ok else fewer,
        )

    rds.CfnDBProxy(
        stack,
        "ProxyRDS43",
        db_proxy_name="app",
        engine_family="POSTGRESQL",
        role_arn="arn:aws:iam::111111111111:role/rds-proxy",
        vpc_subnet_ids=private.subnet_ids,
        auth=[
            rds.CfnDBProxy.AuthFormatProperty(
                auth_scheme="SECRETS",
                secret_arn="arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf",
                iam_auth="REQUIRED",
            )
        ],
        require_tls=ok,  # RDS.43
    )

    rds.CfnGlobalCluster(
        stack,
        "GlobalRDS51",
        global_cluster_identifier="orders",
        engine="aurora-mysql",
        engine_version="8.0.mysql_aurora.3.08.0" if ok else "8.0.mysql_aurora.3.05.2",  # RDS.51
        deletion_protection=True,
        storage_encrypted=True,
    )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
