"""Controls app: edge and APIs (CloudFront, API Gateway, Step Functions, AppSync, Route 53,
WorkSpaces, Elastic Load Balancing)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_appsync as appsync
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancing as elb
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_wafv2 as wafv2
from aws_cdk import aws_workspaces as workspaces
from constructs import Construct

from examples import _controls

CERT = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
WEB_ACL = "arn:aws:wafv2:us-east-1:111111111111:global/webacl/edge/11111111-2222-3333-4444-5555"
LOG_GROUP = "arn:aws:logs:us-east-1:111111111111:log-group:edge"
KMS_ALIAS = "alias/aws/workspaces"
VPC_ID = "vpc-0123456789abcdef0"
REST_API_ID = "abc123defg"
REGIONAL_WEB_ACL = "arn:aws:wafv2:us-east-1:111111111111:regional/webacl/edge/1111-2222"


def _distribution(stack: Construct, name: str, oac_id: str, **broken: bool) -> None:
    """A distribution compliant with every CloudFront control, but for the ``broken`` ones."""
    cfd = cloudfront.CfnDistribution
    if broken.get("cert"):
        certificate = cfd.ViewerCertificateProperty(cloud_front_default_certificate=True)
        aliases = None
    else:
        certificate = cfd.ViewerCertificateProperty(
            acm_certificate_arn=CERT,
            ssl_support_method="vip" if broken.get("sni") else "sni-only",
            minimum_protocol_version="TLSv1.2_2021",
        )
        aliases = [f"{name.lower()}.example.com"]
    cfd(
        stack,
        name,
        distribution_config=cfd.DistributionConfigProperty(
            enabled=True,
            aliases=aliases,
            default_root_object=None if broken.get("root") else "index.html",
            logging=None
            if broken.get("logging")
            else cfd.LoggingProperty(bucket="edge-logs.s3.amazonaws.com", prefix=f"{name}/"),
            web_acl_id=None if broken.get("waf") else WEB_ACL,
            viewer_certificate=certificate,
            origins=[
                cfd.OriginProperty(
                    id="site",
                    domain_name="edge-site.s3.us-east-1.amazonaws.com",
                    origin_access_control_id=None if broken.get("oac") else oac_id,
                    s3_origin_config=cfd.S3OriginConfigProperty(origin_access_identity=""),
                ),
                cfd.OriginProperty(
                    id="api",
                    domain_name="edge-api.example.com",
                    custom_origin_config=cfd.CustomOriginConfigProperty(
                        origin_protocol_policy="http-only"
                        if broken.get("origin_https")
                        else "https-only",
                        origin_ssl_protocols=["TLSv1.2"],
                    ),
                ),
            ],
            default_cache_behavior=cfd.DefaultCacheBehaviorProperty(
                target_origin_id="site",
                viewer_protocol_policy="allow-all" if broken.get("https") else "redirect-to-https",
                cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
            ),
        ),
    )


def _lb_attributes(**values: str) -> list[Any]:
    return [
        elbv2.CfnLoadBalancer.LoadBalancerAttributeProperty(key=k.replace("__", "."), value=v)
        for k, v in values.items()
    ]


def add(stack: Construct, ok: bool) -> None:
    bad = not ok

    # CloudFront.1, .3, .5, .6, .7, .8, .9, .13: one distribution each, broken only there
    oac = cloudfront.CfnOriginAccessControl(
        stack,
        "Oac",
        origin_access_control_config=cloudfront.CfnOriginAccessControl.OriginAccessControlConfigProperty(
            name="edge-oac",
            origin_access_control_origin_type="s3",
            signing_behavior="always",
            signing_protocol="sigv4",
        ),
    ).attr_id
    _distribution(stack, "NoRootObject", oac, root=bad)  # CloudFront.1
    _distribution(stack, "AllowAllViewers", oac, https=bad)  # CloudFront.3
    _distribution(stack, "NoAccessLogs", oac, logging=bad)  # CloudFront.5
    _distribution(stack, "NoWebAcl", oac, waf=bad)  # CloudFront.6
    _distribution(stack, "DefaultCertificate", oac, cert=bad)  # CloudFront.7
    _distribution(stack, "DedicatedIp", oac, sni=bad)  # CloudFront.8
    _distribution(stack, "PlainOrigin", oac, origin_https=bad)  # CloudFront.9
    _distribution(stack, "NoOriginAccessControl", oac, oac=bad)  # CloudFront.13

    # APIGateway.2, .3, .4 (REST stages), .8 (HTTP API route), .9 (HTTP API stage)
    for name, stage_name, broken in (
        ("NoClientCertStage", "certs", "cert"),
        ("UntracedStage", "traces", "tracing"),
        ("NoWafStage", "waf", "waf"),
    ):
        off = bad and broken
        apigw.CfnStage(
            stack,
            name,
            rest_api_id=REST_API_ID,
            deployment_id="dep123",
            stage_name=stage_name,
            tracing_enabled=off != "tracing",
            client_certificate_id=None if off == "cert" else "cert01",
        )
        if off != "waf":
            wafv2.CfnWebACLAssociation(
                stack,
                f"{name}Waf",
                web_acl_arn=REGIONAL_WEB_ACL,
                resource_arn=f"arn:aws:apigateway:us-east-1::/restapis/{REST_API_ID}/stages/{stage_name}",
            )
    apigwv2.CfnRoute(
        stack,
        "OpenRoute",
        api_id="http123",
        route_key="GET /items",
        authorization_type="AWS_IAM" if ok else "NONE",
    )
    apigwv2.CfnStage(
        stack,
        "UnloggedHttpStage",
        api_id="http123",
        stage_name="$default",
        auto_deploy=True,
        access_log_settings=apigwv2.CfnStage.AccessLogSettingsProperty(
            destination_arn=LOG_GROUP, format="$context.requestId"
        )
        if ok
        else None,
    )

    # StepFunctions.1
    sfn.CfnStateMachine(
        stack,
        "UnloggedMachine",
        role_arn="arn:aws:iam::111111111111:role/edge-sfn",
        definition_string='{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
        logging_configuration=sfn.CfnStateMachine.LoggingConfigurationProperty(
            level="ERROR" if ok else "OFF",
            destinations=[
                sfn.CfnStateMachine.LogDestinationProperty(
                    cloud_watch_logs_log_group=sfn.CfnStateMachine.CloudWatchLogsLogGroupProperty(
                        log_group_arn=LOG_GROUP
                    )
                )
            ],
        ),
    )

    # AppSync.5
    appsync.CfnGraphQLApi(
        stack, "ApiKeyGraphql", name="edge", authentication_type="AWS_IAM" if ok else "API_KEY"
    )

    # Route53.2
    route53.CfnHostedZone(
        stack,
        "UnloggedZone",
        name="edge.example.com",
        query_logging_config=route53.CfnHostedZone.QueryLoggingConfigProperty(
            cloud_watch_logs_log_group_arn=LOG_GROUP
        )
        if ok
        else None,
    )

    # WorkSpaces.1, .2
    for name, user, root in (("PlainUserVolume", bad, False), ("PlainRootVolume", False, bad)):
        workspaces.CfnWorkspace(
            stack,
            name,
            bundle_id="wsb-0123456789",
            directory_id="d-0123456789",
            user_name=name.lower(),
            user_volume_encryption_enabled=not user,
            root_volume_encryption_enabled=not root,
            volume_encryption_key=KMS_ALIAS,
        )

    # ELB.3, .5, .7, .9: Classic Load Balancers, each broken in one way
    subnet_ids = [
        ec2.CfnSubnet(
            stack,
            f"Subnet{zone.upper()}",
            vpc_id=VPC_ID,
            cidr_block=f"10.0.{i}.0/24",
            availability_zone=cdk.Fn.select(i, cdk.Fn.get_azs()),
        ).ref
        for i, zone in enumerate("ab")
    ]
    https = elb.CfnLoadBalancer.ListenersProperty(
        load_balancer_port="443",
        instance_port="80",
        protocol="HTTPS",
        instance_protocol="HTTP",
        ssl_certificate_id=CERT,
    )
    plain = elb.CfnLoadBalancer.ListenersProperty(
        load_balancer_port="80", instance_port="80", protocol="HTTP"
    )
    for name, broken in (
        ("ClbPlainListener", "listener"),
        ("ClbNoLogs", "logs"),
        ("ClbNoDraining", "draining"),
        ("ClbNoCrossZone", "crosszone"),
    ):
        off = bad and broken
        elb.CfnLoadBalancer(
            stack,
            name,
            subnets=subnet_ids,
            listeners=[plain if off == "listener" else https],
            access_logging_policy=elb.CfnLoadBalancer.AccessLoggingPolicyProperty(
                enabled=off != "logs", s3_bucket_name="edge-logs", emit_interval=5
            ),
            connection_draining_policy=elb.CfnLoadBalancer.ConnectionDrainingPolicyProperty(
                enabled=off != "draining", timeout=300
            ),
            cross_zone=off != "crosszone",
        )

    albs: dict[str, elbv2.CfnLoadBalancer] = {}
    # ELB.1, .4, .6: Application Load Balancers, each broken in one way (ELB.5 is the CLB's)
    for name, broken in (
        ("AlbKeepsInvalidHeaders", "routing__http__drop_invalid_header_fields__enabled"),
        ("AlbNoDeletionProtection", "deletion_protection__enabled"),
        ("AlbNoRedirect", "listener"),  # ELB.1: its listener below serves plain HTTP
    ):
        attributes = {
            "routing__http__drop_invalid_header_fields__enabled": "true",
            "access_logs__s3__enabled": "true",
            "access_logs__s3__bucket": "edge-logs",
            "deletion_protection__enabled": "true",
        }
        if bad and broken in attributes:
            attributes[broken] = "false"
        albs[name] = elbv2.CfnLoadBalancer(
            stack,
            name,
            type="application",
            subnets=subnet_ids,
            load_balancer_attributes=_lb_attributes(**attributes),
        )

    # ELB.18 (listener protocol; AlbNoRedirect's listener, for ELB.1), ELB.22 (target groups)
    elbv2.CfnListener(
        stack,
        "PlainListener",
        load_balancer_arn=albs["AlbNoRedirect"].ref,
        port=443 if ok else 80,
        protocol="HTTPS" if ok else "HTTP",
        certificates=[elbv2.CfnListener.CertificateProperty(certificate_arn=CERT)] if ok else None,
        ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06" if ok else None,
        default_actions=[
            elbv2.CfnListener.ActionProperty(
                type="fixed-response",
                fixed_response_config=elbv2.CfnListener.FixedResponseConfigProperty(
                    status_code="404"
                ),
            )
        ],
    )
    elbv2.CfnTargetGroup(
        stack,
        "PlainTargets",
        vpc_id=VPC_ID,
        target_type="ip",
        port=443 if ok else 80,
        protocol="HTTPS" if ok else "HTTP",
        health_check_protocol="HTTPS",
    )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
