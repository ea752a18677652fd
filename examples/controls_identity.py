"""Controls app: messaging, identity, build and search (SQS, CodeBuild, Cognito, MQ, SES,
Elasticsearch, OpenSearch)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_amazonmq as mq
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_elasticsearch as es
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from examples import _controls

_ACCOUNT = _controls.ENV.account
_REGION = _controls.ENV.region
#: A log group outside the app (ES.4 only asks that error logs are published to one).
_LOG_GROUP = f"arn:aws:logs:{_REGION}:{_ACCOUNT}:log-group:/aws/es/app-logs"


def _es_domain(stack: Construct, name: str, breaks: str, ok: bool) -> None:
    """A legacy Elasticsearch domain compliant with every ES control, except, when not ``ok``,
    the one named by ``breaks``."""
    bad = "" if ok else breaks
    props: dict[str, Any] = {
        "elasticsearch_version": "7.10",
        "encryption_at_rest_options": es.CfnDomain.EncryptionAtRestOptionsProperty(
            enabled=bad != "ES.1"
        ),
        "node_to_node_encryption_options": es.CfnDomain.NodeToNodeEncryptionOptionsProperty(
            enabled=bad != "ES.3"
        ),
        "domain_endpoint_options": es.CfnDomain.DomainEndpointOptionsProperty(
            enforce_https=True,
            tls_security_policy=(
                "Policy-Min-TLS-1-2-2019-07" if bad == "ES.8" else "Policy-Min-TLS-1-2-PFS-2023-10"
            ),
        ),
        "elasticsearch_cluster_config": es.CfnDomain.ElasticsearchClusterConfigProperty(
            instance_count=2 if bad == "ES.6" else 3,
            instance_type="r5.large.elasticsearch",
            zone_awareness_enabled=True,
            zone_awareness_config=es.CfnDomain.ZoneAwarenessConfigProperty(
                availability_zone_count=3
            ),
            dedicated_master_enabled=bad != "ES.7",
            dedicated_master_count=None if bad == "ES.7" else 3,
            dedicated_master_type=None if bad == "ES.7" else "m5.large.elasticsearch",
        ),
        "log_publishing_options": {
            "ES_APPLICATION_LOGS": es.CfnDomain.LogPublishingOptionProperty(
                enabled=bad != "ES.4", cloud_watch_logs_log_group_arn=_LOG_GROUP
            )
        },
        "vpc_options": None
        if bad == "ES.2"
        else es.CfnDomain.VPCOptionsProperty(
            subnet_ids=["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"],
            security_group_ids=["sg-0a1b2c3d"],
        ),
    }
    es.CfnDomain(stack, name, **{k: v for k, v in props.items() if v is not None})


def _search_domain(stack: Construct, name: str, breaks: str, ok: bool) -> None:
    """An OpenSearch Service domain compliant with every Opensearch control checked so far,
    except, when not ``ok``, the one named by ``breaks``."""
    bad = "" if ok else breaks
    opensearch.CfnDomain(
        stack,
        name,
        engine_version="OpenSearch_2.19",
        encryption_at_rest_options=opensearch.CfnDomain.EncryptionAtRestOptionsProperty(
            enabled=bad != "Opensearch.1"
        ),
        node_to_node_encryption_options=(
            opensearch.CfnDomain.NodeToNodeEncryptionOptionsProperty(enabled=bad != "Opensearch.3")
        ),
        domain_endpoint_options=opensearch.CfnDomain.DomainEndpointOptionsProperty(
            enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10"
        ),
        advanced_security_options=opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=True,
            internal_user_database_enabled=False,
            master_user_options=opensearch.CfnDomain.MasterUserOptionsProperty(
                master_user_arn=f"arn:aws:iam::{_ACCOUNT}:role/search-admin"
            ),
        ),
    )


def _project(stack: Construct, name: str, breaks: str, ok: bool) -> None:
    """A CodeBuild project compliant with every CodeBuild control, except, when not ``ok``,
    the one named by ``breaks``."""
    bad = "" if ok else breaks
    variables = [codebuild.CfnProject.EnvironmentVariableProperty(name="STAGE", value="prod")]
    if bad == "CodeBuild.2":
        variables.append(
            codebuild.CfnProject.EnvironmentVariableProperty(
                name="AWS_ACCESS_KEY_ID", value="AKIAIOSFODNN7EXAMPLE"
            )
        )
    codebuild.CfnProject(
        stack,
        name,
        service_role=f"arn:aws:iam::{_ACCOUNT}:role/build",
        artifacts=codebuild.CfnProject.ArtifactsProperty(type="NO_ARTIFACTS"),
        source=codebuild.CfnProject.SourceProperty(type="NO_SOURCE", build_spec="version: 0.2"),
        environment=codebuild.CfnProject.EnvironmentProperty(
            type="LINUX_CONTAINER",
            compute_type="BUILD_GENERAL1_SMALL",
            image="aws/codebuild/standard:7.0",
            environment_variables=variables,
        ),
        logs_config=codebuild.CfnProject.LogsConfigProperty(
            cloud_watch_logs=codebuild.CfnProject.CloudWatchLogsConfigProperty(
                status="DISABLED" if bad == "CodeBuild.4" else "ENABLED"
            ),
            s3_logs=codebuild.CfnProject.S3LogsConfigProperty(
                status="DISABLED" if bad == "CodeBuild.4" else "ENABLED",
                location=None if bad == "CodeBuild.4" else f"build-logs-{_ACCOUNT}/{name}",
                encryption_disabled=bad == "CodeBuild.3",
            ),
        ),
    )


def add(stack: Construct, ok: bool) -> None:
    # SQS.1: encryption at rest (SSE-SQS)
    sqs.CfnQueue(stack, "Queue", sqs_managed_sse_enabled=ok)

    # ES.1, ES.2, ES.3, ES.4, ES.6, ES.7, ES.8: one legacy domain each
    for control_id in ("ES.1", "ES.2", "ES.3", "ES.4", "ES.6", "ES.7", "ES.8"):
        _es_domain(stack, "Es" + control_id.split(".")[1], control_id, ok)

    # CodeBuild.2, CodeBuild.3, CodeBuild.4: one project each
    for control_id in ("CodeBuild.2", "CodeBuild.3", "CodeBuild.4"):
        _project(stack, "Build" + control_id.split(".")[1], control_id, ok)

    # CodeBuild.7: report export encryption
    codebuild.CfnReportGroup(
        stack,
        "Reports",
        type="TEST",
        export_config=codebuild.CfnReportGroup.ReportExportConfigProperty(
            export_config_type="S3",
            s3_destination=codebuild.CfnReportGroup.S3ReportExportConfigProperty(
                bucket=f"reports-{_ACCOUNT}", encryption_disabled=not ok
            ),
        ),
    )

    # Cognito.2: no guest access
    cognito.CfnIdentityPool(stack, "Identities", allow_unauthenticated_identities=not ok)

    # Cognito.6: deletion protection
    cognito.CfnUserPool(stack, "Users", deletion_protection="ACTIVE" if ok else "INACTIVE")

    # MQ.2: ActiveMQ audit logs
    mq.CfnBroker(
        stack,
        "Broker",
        broker_name="orders",
        engine_type="ACTIVEMQ",
        engine_version="5.18",
        host_instance_type="mq.m5.large",
        deployment_mode="ACTIVE_STANDBY_MULTI_AZ",
        publicly_accessible=False,
        auto_minor_version_upgrade=True,
        users=[
            mq.CfnBroker.UserProperty(
                username="admin",
                password="{{resolve:secretsmanager:mq-admin:SecretString:password}}",
            )
        ],
        logs=mq.CfnBroker.LogListProperty(audit=ok, general=True),
    )

    # SES.3: TLS required for delivery
    ses.CfnConfigurationSet(
        stack,
        "Mail",
        delivery_options=ses.CfnConfigurationSet.DeliveryOptionsProperty(
            tls_policy="REQUIRE" if ok else "OPTIONAL"
        ),
    )

    # Opensearch.1, Opensearch.3: one domain each (Opensearch.7's is in controls_app.py)
    for control_id in ("Opensearch.1", "Opensearch.3"):
        _search_domain(stack, "Search" + control_id.split(".")[1], control_id, ok)


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
