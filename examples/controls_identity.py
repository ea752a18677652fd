"""Controls app: messaging, identity, secrets, logging, build and search (SQS, SNS, IAM, KMS,
Secrets Manager, ACM, Private CA, CloudTrail, Cognito, Connect, Service Catalog, CodeBuild, MQ,
SES, Elasticsearch, OpenSearch)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_acmpca as acmpca
from aws_cdk import aws_amazonmq as mq
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudtrail as cloudtrail
from aws_cdk import aws_codebuild as codebuild
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_connect as connect
from aws_cdk import aws_elasticsearch as es
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_servicecatalog as servicecatalog
from aws_cdk import aws_ses as ses
from aws_cdk import aws_sns as sns
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
            ),
            # ES.5 (its own domain is in controls_databases.py)
            "AUDIT_LOGS": es.CfnDomain.LogPublishingOptionProperty(
                enabled=True, cloud_watch_logs_log_group_arn=_LOG_GROUP + "-audit"
            ),
        },
        # audit logs need fine-grained access control
        "advanced_security_options": es.CfnDomain.AdvancedSecurityOptionsInputProperty(
            enabled=True,
            internal_user_database_enabled=False,
            master_user_options=es.CfnDomain.MasterUserOptionsProperty(
                master_user_arn=f"arn:aws:iam::{_ACCOUNT}:role/search-admin"
            ),
        ),
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
        # Opensearch.2, .4, .5, .6 (their own domains are in controls_databases.py)
        vpc_options=opensearch.CfnDomain.VPCOptionsProperty(
            subnet_ids=["subnet-0a1b2c3d", "subnet-1a2b3c4d", "subnet-2a3b4c5d"],
            security_group_ids=["sg-0a1b2c3d"],
        ),
        cluster_config=opensearch.CfnDomain.ClusterConfigProperty(
            instance_count=3,
            instance_type="r6g.large.search",
            zone_awareness_enabled=True,
            zone_awareness_config=opensearch.CfnDomain.ZoneAwarenessConfigProperty(
                availability_zone_count=3
            ),
        ),
        log_publishing_options={
            log_type: opensearch.CfnDomain.LogPublishingOptionProperty(
                enabled=True, cloud_watch_logs_log_group_arn=f"{_LOG_GROUP}-{log_type.lower()}"
            )
            for log_type in ("ES_APPLICATION_LOGS", "AUDIT_LOGS")
        },
    )


def _policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


_ROOT = f"arn:aws:iam::{_ACCOUNT}:root"
_KEY_ARN = f"arn:aws:kms:{_REGION}:{_ACCOUNT}:key/0a1b2c3d-0000-4000-8000-000000000000"
_BUCKET_ARN = f"arn:aws:s3:::data-{_ACCOUNT}/*"


def _user_pool(stack: Construct, name: str, breaks: str, ok: bool) -> None:
    """A Cognito user pool compliant with every Cognito user pool control, except, when not
    ``ok``, the one named by ``breaks``."""
    bad = "" if ok else breaks
    cognito.CfnUserPool(
        stack,
        name,
        deletion_protection="INACTIVE" if bad == "Cognito.6" else "ACTIVE",
        user_pool_tier="PLUS",
        user_pool_add_ons=cognito.CfnUserPool.UserPoolAddOnsProperty(
            advanced_security_mode="AUDIT" if bad == "Cognito.1" else "ENFORCED",
            advanced_security_additional_flows=(
                cognito.CfnUserPool.AdvancedSecurityAdditionalFlowsProperty(
                    custom_auth_mode="AUDIT" if bad == "Cognito.4" else "ENFORCED"
                )
            ),
        ),
        mfa_configuration="OPTIONAL" if bad == "Cognito.5" else "ON",
        enabled_mfas=["SOFTWARE_TOKEN_MFA"],
        policies=cognito.CfnUserPool.PoliciesProperty(
            password_policy=cognito.CfnUserPool.PasswordPolicyProperty(
                minimum_length=6 if bad == "Cognito.3" else 12,
                require_lowercase=True,
                require_uppercase=True,
                require_numbers=True,
                require_symbols=True,
                temporary_password_validity_days=7,
            )
        ),
    )


def _trail(stack: Construct, name: str, breaks: str, ok: bool) -> None:
    """A CloudTrail trail compliant with every CloudTrail control, except, when not ``ok``,
    the one named by ``breaks``."""
    bad = "" if ok else breaks
    cloudtrail.CfnTrail(
        stack,
        name,
        is_logging=True,
        is_multi_region_trail=True,
        s3_bucket_name=f"trail-logs-{_ACCOUNT}",
        kms_key_id=None
        if bad == "CloudTrail.2"
        else f"arn:aws:kms:{_REGION}:{_ACCOUNT}:alias/trail",
        enable_log_file_validation=bad != "CloudTrail.4",
        cloud_watch_logs_log_group_arn=None
        if bad == "CloudTrail.5"
        else f"arn:aws:logs:{_REGION}:{_ACCOUNT}:log-group:/aws/cloudtrail/{name}:*",
        cloud_watch_logs_role_arn=None
        if bad == "CloudTrail.5"
        else f"arn:aws:iam::{_ACCOUNT}:role/cloudtrail-logs",
    )


def _identity(stack: Construct, ok: bool) -> None:
    """IAM, KMS, SNS and SQS resource policies (the policy-document controls)."""
    # IAM.1: administrator access ("*" on "*"; it also grants every service and every key)
    iam.CfnManagedPolicy(
        stack,
        "AdminPolicy",
        policy_document=_policy(
            {"Effect": "Allow", "Action": "s3:GetObject" if ok else "*", "Resource": "*"}
        ),
    )
    # IAM.21: a whole service
    iam.CfnManagedPolicy(
        stack,
        "ServicePolicy",
        policy_document=_policy(
            {
                "Effect": "Allow",
                "Action": ["s3:GetObject", "s3:PutObject"] if ok else "s3:*",
                "Resource": _BUCKET_ARN,
            }
        ),
    )
    # KMS.1: decrypt with every key (customer managed policy)
    iam.CfnManagedPolicy(
        stack,
        "DecryptPolicy",
        policy_document=_policy(
            {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": _KEY_ARN if ok else "*"}
        ),
    )
    # KMS.2: decrypt with every key (inline policy of a role)
    iam.CfnRole(
        stack,
        "DecryptRole",
        assume_role_policy_document=_policy(
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ),
        policies=[
            iam.CfnRole.PolicyProperty(
                policy_name="decrypt",
                policy_document=_policy(
                    {
                        "Effect": "Allow",
                        "Action": ["kms:Decrypt", "kms:DescribeKey"],
                        "Resource": _KEY_ARN if ok else "*",
                    }
                ),
            )
        ],
    )
    # IAM.2: a user with its own policy (compliant: permissions through a group)
    iam.CfnUser(
        stack,
        "Operator",
        groups=["operators"] if ok else None,
        managed_policy_arns=None if ok else ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    )
    # KMS.5: a key policy open to everyone
    kms.CfnKey(
        stack,
        "PublicKey",
        enable_key_rotation=True,
        key_policy=_policy(
            {"Effect": "Allow", "Principal": {"AWS": _ROOT}, "Action": "kms:*", "Resource": "*"},
            {
                "Effect": "Allow",
                "Principal": {"AWS": _ROOT if ok else "*"},
                "Action": ["kms:Encrypt", "kms:Decrypt"],
                "Resource": "*",
            },
        ),
    )
    # SNS.4: a topic policy open to everyone (SNS.2's delivery status logging on)
    topic = sns.CfnTopic(
        stack,
        "PublicTopic",
        delivery_status_logging=[
            sns.CfnTopic.LoggingConfigProperty(
                protocol="sqs",
                failure_feedback_role_arn=f"arn:aws:iam::{_ACCOUNT}:role/log",
                success_feedback_role_arn=f"arn:aws:iam::{_ACCOUNT}:role/log",
            )
        ],
    )
    sns.CfnTopicPolicy(
        stack,
        "PublicTopicPolicy",
        topics=[topic.ref],
        policy_document=_policy(
            {
                "Effect": "Allow",
                "Principal": {"Service": "events.amazonaws.com"} if ok else "*",
                "Action": "sns:Publish",
                "Resource": topic.ref,
            }
        ),
    )
    # SQS.3: a queue policy open to everyone
    queue = sqs.CfnQueue(stack, "PublicQueue", sqs_managed_sse_enabled=True)
    sqs.CfnQueuePolicy(
        stack,
        "PublicQueuePolicy",
        queues=[queue.ref],
        policy_document=_policy(
            {
                "Effect": "Allow",
                "Principal": {"AWS": _ROOT} if ok else {"AWS": "*"},
                "Action": "sqs:SendMessage",
                "Resource": queue.attr_arn,
            }
        ),
    )


def _secrets_and_certificates(stack: Construct, ok: bool) -> None:
    # SecretsManager.1 (and, without any schedule, SecretsManager.4): rotation on
    rotated = secretsmanager.CfnSecret(
        stack,
        "Secret",
        generate_secret_string=secretsmanager.CfnSecret.GenerateSecretStringProperty(),
    )
    if ok:
        secretsmanager.CfnRotationSchedule(
            stack,
            "SecretRotation",
            secret_id=rotated.ref,
            rotation_lambda_arn=f"arn:aws:lambda:{_REGION}:{_ACCOUNT}:function:rotate",
            rotation_rules=secretsmanager.CfnRotationSchedule.RotationRulesProperty(
                automatically_after_days=30
            ),
        )
    # SecretsManager.4: rotation at most every 90 days
    seldom = secretsmanager.CfnSecret(
        stack,
        "SeldomSecret",
        generate_secret_string=secretsmanager.CfnSecret.GenerateSecretStringProperty(),
    )
    secretsmanager.CfnRotationSchedule(
        stack,
        "SeldomSecretRotation",
        secret_id=seldom.ref,
        rotation_lambda_arn=f"arn:aws:lambda:{_REGION}:{_ACCOUNT}:function:rotate",
        rotation_rules=secretsmanager.CfnRotationSchedule.RotationRulesProperty(
            automatically_after_days=30 if ok else 120
        ),
    )
    # ACM.2: RSA keys of at least 2048 bits
    acm.CfnCertificate(
        stack,
        "Certificate",
        domain_name="app.example.com",
        validation_method="DNS",
        key_algorithm="RSA_2048" if ok else "RSA_1024",
    )
    # PCA.1: the root CA disabled once it has signed its subordinates
    root = acmpca.CfnCertificateAuthority(
        stack,
        "RootCa",
        type="ROOT",
        key_algorithm="RSA_2048",
        signing_algorithm="SHA256WITHRSA",
        subject=acmpca.CfnCertificateAuthority.SubjectProperty(common_name="Example Root CA"),
    )
    acmpca.CfnCertificateAuthorityActivation(
        stack,
        "RootCaActivation",
        certificate_authority_arn=root.attr_arn,
        certificate="-----BEGIN CERTIFICATE-----\nexample\n-----END CERTIFICATE-----",
        status="DISABLED" if ok else "ACTIVE",
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
        source=codebuild.CfnProject.SourceProperty(
            type="BITBUCKET",
            location="https://ci-user:s3cret@bitbucket.org/example/app.git"
            if bad == "CodeBuild.1"
            else "https://bitbucket.org/example/app.git",
        )
        if breaks == "CodeBuild.1"
        else codebuild.CfnProject.SourceProperty(type="NO_SOURCE", build_spec="version: 0.2"),
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

    # CodeBuild.1, CodeBuild.2, CodeBuild.3, CodeBuild.4: one project each
    for control_id in ("CodeBuild.1", "CodeBuild.2", "CodeBuild.3", "CodeBuild.4"):
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

    # Cognito.1, Cognito.3, Cognito.4, Cognito.5, Cognito.6: one user pool each
    _user_pool(stack, "Users", "Cognito.6", ok)
    for control_id in ("Cognito.1", "Cognito.3", "Cognito.4", "Cognito.5"):
        _user_pool(stack, "Users" + control_id.split(".")[1], control_id, ok)

    # IAM.1, IAM.2, IAM.21, KMS.1, KMS.2, KMS.5, SNS.4, SQS.3: policy documents
    _identity(stack, ok)

    # SecretsManager.1, SecretsManager.4, ACM.2, PCA.1
    _secrets_and_certificates(stack, ok)

    # CloudTrail.2, CloudTrail.4, CloudTrail.5: one trail each
    for control_id in ("CloudTrail.2", "CloudTrail.4", "CloudTrail.5"):
        _trail(stack, "Trail" + control_id.split(".")[1], control_id, ok)

    # Connect.2: flow logs
    connect.CfnInstance(
        stack,
        "ContactCenter",
        identity_management_type="CONNECT_MANAGED",
        instance_alias="example-support",
        attributes=connect.CfnInstance.AttributesProperty(
            inbound_calls=True, outbound_calls=False, contactflow_logs=ok
        ),
    )

    # ServiceCatalog.1: no account shares
    portfolio = servicecatalog.CfnPortfolio(
        stack, "Portfolio", display_name="Platform", provider_name="Platform team"
    )
    if not ok:
        servicecatalog.CfnPortfolioShare(
            stack, "PortfolioShare", account_id="222222222222", portfolio_id=portfolio.ref
        )

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
