"""Controls app: edge and APIs (CloudFront, API Gateway, EventBridge, Step Functions, AppSync,
Route 53, WorkSpaces, Elastic Load Balancing, WAF, Network Firewall)."""

from __future__ import annotations

from typing import Any, NamedTuple

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_apigatewayv2 as apigwv2
from aws_cdk import aws_appsync as appsync
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_elasticloadbalancing as elb
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_events as events
from aws_cdk import aws_networkfirewall as nfw
from aws_cdk import aws_route53 as route53
from aws_cdk import aws_stepfunctions as sfn
from aws_cdk import aws_wafv2 as wafv2
from aws_cdk import aws_workspaces as workspaces
from constructs import Construct

from examples import _controls
from examples.controls_storage import _bucket

CERT = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"
WEB_ACL = "arn:aws:wafv2:us-east-1:111111111111:global/webacl/edge/11111111-2222-3333-4444-5555"
LOG_GROUP = "arn:aws:logs:us-east-1:111111111111:log-group:edge"
KMS_ALIAS = "alias/aws/workspaces"
VPC_ID = "vpc-0123456789abcdef0"
REST_API_ID = "abc123defg"
REGIONAL_WEB_ACL = "arn:aws:wafv2:us-east-1:111111111111:regional/webacl/edge/1111-2222"
IAM_CERT = "arn:aws:iam::111111111111:server-certificate/edge"
FUNCTION_URL_DOMAIN = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws"
FIREWALL_POLICY = "arn:aws:network-firewall:us-east-1:111111111111:firewall-policy/edge"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
PUBLIC_KEY = (
    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAedge\n"
    "-----END PUBLIC KEY-----\n"
)


class Shared(NamedTuple):
    """What every distribution shares: the S3 origin access control, the site's buckets
    (their regional domain names) and the key group that signs viewer URLs."""

    oac_id: str
    site: str
    replica: str
    key_group_id: str


def _distribution(
    stack: Construct, name: str, shared: Shared, fn_oac_id: str | None = None, **broken: bool
) -> None:
    """A distribution compliant with every CloudFront control, but for the ``broken`` ones."""
    cfd = cloudfront.CfnDistribution
    oac_id = shared.oac_id
    if broken.get("cert"):
        certificate = cfd.ViewerCertificateProperty(cloud_front_default_certificate=True)
        aliases = None
    else:
        certificate = cfd.ViewerCertificateProperty(
            acm_certificate_arn=CERT,
            ssl_support_method="vip" if broken.get("sni") else "sni-only",
            minimum_protocol_version="TLSv1.2_2019" if broken.get("tls") else "TLSv1.2_2021",
        )
        aliases = [f"{name.lower()}.example.com"]
    function_url = []
    if fn_oac_id is not None:  # CloudFront.16: a Lambda function URL origin
        function_url = [
            cfd.OriginProperty(
                id="function",
                domain_name=FUNCTION_URL_DOMAIN,
                origin_access_control_id=None if broken.get("fn_oac") else fn_oac_id,
                custom_origin_config=cfd.CustomOriginConfigProperty(
                    origin_protocol_policy="https-only", origin_ssl_protocols=["TLSv1.2"]
                ),
            )
        ]
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
                    # CloudFront.12: a bucket the app does not declare may not exist
                    domain_name="edge-site-gone.s3.us-east-1.amazonaws.com"
                    if broken.get("bucket")
                    else shared.site,
                    origin_access_control_id=None if broken.get("oac") else oac_id,
                    s3_origin_config=cfd.S3OriginConfigProperty(origin_access_identity=""),
                ),
                cfd.OriginProperty(
                    id="replica",
                    domain_name=shared.replica,
                    origin_access_control_id=oac_id,
                    s3_origin_config=cfd.S3OriginConfigProperty(origin_access_identity=""),
                ),
                *function_url,
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
            # CloudFront.4: the site fails over to its replica
            origin_groups=None
            if broken.get("failover")
            else cfd.OriginGroupsProperty(
                quantity=1,
                items=[
                    cfd.OriginGroupProperty(
                        id="site-failover",
                        failover_criteria=cfd.OriginGroupFailoverCriteriaProperty(
                            status_codes=cfd.StatusCodesProperty(quantity=2, items=[500, 503])
                        ),
                        members=cfd.OriginGroupMembersProperty(
                            quantity=2,
                            items=[
                                cfd.OriginGroupMemberProperty(origin_id="site"),
                                cfd.OriginGroupMemberProperty(origin_id="replica"),
                            ],
                        ),
                    )
                ],
            ),
            default_cache_behavior=cfd.DefaultCacheBehaviorProperty(
                target_origin_id="site",
                viewer_protocol_policy="allow-all" if broken.get("https") else "redirect-to-https",
                cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
                # CloudFront.17: viewers sign with a key group, not an account's key pairs
                trusted_key_groups=None if broken.get("signers") else [shared.key_group_id],
                trusted_signers=["self"] if broken.get("signers") else None,
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

    # CloudFront.1, .3, .4, .5, .6, .7, .8, .9, .12, .13, .15, .17: one distribution each,
    # broken only there
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
    public_key = cloudfront.CfnPublicKey(
        stack,
        "SignerKey",
        public_key_config=cloudfront.CfnPublicKey.PublicKeyConfigProperty(
            name="edge-signer", caller_reference="edge-signer-1", encoded_key=PUBLIC_KEY
        ),
    )
    key_group = cloudfront.CfnKeyGroup(
        stack,
        "Signers",
        key_group_config=cloudfront.CfnKeyGroup.KeyGroupConfigProperty(
            name="edge-signers", items=[public_key.ref]
        ),
    )
    shared = Shared(
        oac_id=oac,
        site=_bucket(stack, "SiteBucket").attr_regional_domain_name,
        replica=_bucket(stack, "SiteReplicaBucket").attr_regional_domain_name,
        key_group_id=key_group.ref,
    )
    _distribution(stack, "NoRootObject", shared, root=bad)  # CloudFront.1
    _distribution(stack, "AllowAllViewers", shared, https=bad)  # CloudFront.3
    _distribution(stack, "NoAccessLogs", shared, logging=bad)  # CloudFront.5
    _distribution(stack, "NoWebAcl", shared, waf=bad)  # CloudFront.6
    _distribution(stack, "DefaultCertificate", shared, cert=bad)  # CloudFront.7
    _distribution(stack, "DedicatedIp", shared, sni=bad)  # CloudFront.8
    _distribution(stack, "PlainOrigin", shared, origin_https=bad)  # CloudFront.9
    _distribution(stack, "NoOriginAccessControl", shared, oac=bad)  # CloudFront.13
    _distribution(stack, "NoOriginFailover", shared, failover=bad)  # CloudFront.4
    _distribution(stack, "OldViewerTls", shared, tls=bad)  # CloudFront.15
    _distribution(stack, "MissingBucket", shared, bucket=bad)  # CloudFront.12
    _distribution(stack, "LegacySigners", shared, signers=bad)  # CloudFront.17
    fn_oac = cloudfront.CfnOriginAccessControl(
        stack,
        "FunctionOac",
        origin_access_control_config=cloudfront.CfnOriginAccessControl.OriginAccessControlConfigProperty(
            name="edge-function-oac",
            origin_access_control_origin_type="lambda",
            signing_behavior="always",
            signing_protocol="sigv4",
        ),
    ).attr_id
    _distribution(stack, "FunctionUrlNoOac", shared, fn_oac, fn_oac=bad)  # CloudFront.16

    # APIGateway.11: a custom domain name that still accepts TLS 1.0 clients
    apigw.CfnDomainName(
        stack,
        "LegacyTlsDomain",
        domain_name="api.edge.example.com",
        regional_certificate_arn=CERT,
        endpoint_configuration=apigw.CfnDomainName.EndpointConfigurationProperty(
            types=["REGIONAL"]
        ),
        security_policy="TLS_1_2" if ok else "TLS_1_0",
    )

    # EventBridge.3: a custom event bus without a resource-based policy
    bus = events.CfnEventBus(stack, "UnsharedBus", name="edge-orders")
    if ok:
        events.CfnEventBusPolicy(
            stack,
            "UnsharedBusPolicy",
            event_bus_name=bus.ref,
            statement_id="edge-publishers",
            statement={
                "Sid": "edge-publishers",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{_controls.ENV.account}:root"},
                "Action": "events:PutEvents",
                "Resource": bus.attr_arn,
            },
        )

    # APIGateway.1, .2, .3, .4, .5 (REST stages), .8 (HTTP API route), .9 (HTTP API stage),
    # .10 (HTTP API private integration)
    for name, stage_name, broken in (
        ("NoClientCertStage", "certs", "cert"),
        ("UntracedStage", "traces", "tracing"),
        ("NoWafStage", "waf", "waf"),
        ("UnloggedStage", "logs", "logging"),
        ("PlainCacheStage", "cache", "cache"),
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
            cache_cluster_enabled=broken == "cache",
            cache_cluster_size="0.5" if broken == "cache" else None,
            method_settings=[
                apigw.CfnStage.MethodSettingProperty(
                    http_method="*",
                    resource_path="/*",
                    logging_level="OFF" if off == "logging" else "ERROR",
                    caching_enabled=broken == "cache",
                    cache_data_encrypted=True if broken == "cache" and off != "cache" else None,
                )
            ],
        )
        if off != "waf":
            wafv2.CfnWebACLAssociation(
                stack,
                f"{name}Waf",
                web_acl_arn=REGIONAL_WEB_ACL,
                resource_arn=f"arn:aws:apigateway:us-east-1::/restapis/{REST_API_ID}/stages/{stage_name}",
            )
    http_api = apigwv2.CfnApi(stack, "HttpApi", name="edge-http", protocol_type="HTTP").ref
    apigwv2.CfnRoute(
        stack,
        "OpenRoute",
        api_id=http_api,
        route_key="GET /items",
        authorization_type="AWS_IAM" if ok else "NONE",
    )
    apigwv2.CfnStage(
        stack,
        "UnloggedHttpStage",
        api_id=http_api,
        stage_name="$default",
        auto_deploy=True,
        access_log_settings=apigwv2.CfnStage.AccessLogSettingsProperty(
            destination_arn=LOG_GROUP, format="$context.requestId"
        )
        if ok
        else None,
    )

    apigwv2.CfnIntegration(
        stack,
        "PlainPrivateIntegration",
        api_id=http_api,
        integration_type="HTTP_PROXY",
        integration_method="ANY",
        integration_uri="arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/edge/1/2",
        connection_type="VPC_LINK",
        connection_id="vpclink1",
        payload_format_version="1.0",
        tls_config=apigwv2.CfnIntegration.TlsConfigProperty(
            server_name_to_verify="api.internal.example.com"
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

    # AppSync.2, .5
    for name, broken in (("ApiKeyGraphql", "auth"), ("UnloggedGraphql", "logs")):
        off = bad and broken
        appsync.CfnGraphQLApi(
            stack,
            name,
            name=name.lower(),
            authentication_type="API_KEY" if off == "auth" else "AWS_IAM",
            log_config=appsync.CfnGraphQLApi.LogConfigProperty(
                cloud_watch_logs_role_arn="arn:aws:iam::111111111111:role/edge-appsync-logs",
                field_log_level="NONE" if off == "logs" else "ERROR",
            ),
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

    def https(certificate: str = CERT) -> elb.CfnLoadBalancer.ListenersProperty:
        return elb.CfnLoadBalancer.ListenersProperty(
            load_balancer_port="443",
            instance_port="80",
            protocol="HTTPS",
            instance_protocol="HTTP",
            ssl_certificate_id=certificate,
            policy_names=["Tls12"],
        )

    plain = elb.CfnLoadBalancer.ListenersProperty(
        load_balancer_port="80", instance_port="80", protocol="HTTP"
    )
    # ELB.2, .8, .10 as well: an IAM certificate, a weak TLS policy, one Availability Zone
    for name, broken in (
        ("ClbPlainListener", "listener"),
        ("ClbNoLogs", "logs"),
        ("ClbNoDraining", "draining"),
        ("ClbNoCrossZone", "crosszone"),
        ("ClbIamCertificate", "certificate"),
        ("ClbWeakTlsPolicy", "policy"),
        ("ClbOneZone", "zones"),
    ):
        off = bad and broken
        elb.CfnLoadBalancer(
            stack,
            name,
            subnets=subnet_ids[:1] if off == "zones" else subnet_ids,
            listeners=[
                plain if off == "listener" else https(IAM_CERT if off == "certificate" else CERT)
            ],
            policies=[
                elb.CfnLoadBalancer.PoliciesProperty(
                    policy_name="Tls12",
                    policy_type="SSLNegotiationPolicyType",
                    attributes=[
                        {
                            "Name": "Reference-Security-Policy",
                            "Value": "ELBSecurityPolicy-2016-08"
                            if off == "policy"
                            else "ELBSecurityPolicy-TLS-1-2-2017-01",
                        }
                    ],
                )
            ],
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
        ssl_policy=TLS_POLICY if ok else None,
        default_actions=[
            elbv2.CfnListener.ActionProperty(
                type="fixed-response",
                fixed_response_config=elbv2.CfnListener.FixedResponseConfigProperty(
                    status_code="404"
                ),
            )
        ],
    )
    # ELB.17: an HTTPS listener with an old TLS policy
    elbv2.CfnListener(
        stack,
        "WeakTlsListener",
        load_balancer_arn=albs["AlbKeepsInvalidHeaders"].ref,
        port=443,
        protocol="HTTPS",
        certificates=[elbv2.CfnListener.CertificateProperty(certificate_arn=CERT)],
        ssl_policy=TLS_POLICY if ok else "ELBSecurityPolicy-2016-08",
        default_actions=[
            elbv2.CfnListener.ActionProperty(
                type="fixed-response",
                fixed_response_config=elbv2.CfnListener.FixedResponseConfigProperty(
                    status_code="404"
                ),
            )
        ],
    )
    # ELB.21: plain HTTP health checks
    elbv2.CfnTargetGroup(
        stack,
        "PlainHealthChecks",
        vpc_id=VPC_ID,
        target_type="ip",
        port=443,
        protocol="HTTPS",
        health_check_protocol="HTTPS" if ok else "HTTP",
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

    _waf(stack, ok)
    _network_firewall(stack, ok)


def _waf(stack: Construct, ok: bool) -> None:
    # WAF.10: a web ACL without rules
    acl = wafv2.CfnWebACL
    visible = {"cloud_watch_metrics_enabled": True, "sampled_requests_enabled": True}
    acl(
        stack,
        "EmptyWebAcl",
        scope="REGIONAL",
        default_action=acl.DefaultActionProperty(allow={}),
        visibility_config=acl.VisibilityConfigProperty(metric_name="edge-acl", **visible),
        rules=[
            acl.RuleProperty(
                name="common",
                priority=0,
                override_action=acl.OverrideActionProperty(none={}),
                statement=acl.StatementProperty(
                    managed_rule_group_statement=acl.ManagedRuleGroupStatementProperty(
                        vendor_name="AWS", name="AWSManagedRulesCommonRuleSet"
                    )
                ),
                visibility_config=acl.VisibilityConfigProperty(metric_name="common", **visible),
            )
        ]
        if ok
        else [],
    )
    # WAF.12: a rule group whose rule publishes no CloudWatch metrics
    group = wafv2.CfnRuleGroup
    group(
        stack,
        "UnmeasuredRuleGroup",
        scope="REGIONAL",
        capacity=10,
        visibility_config=group.VisibilityConfigProperty(metric_name="edge-group", **visible),
        rules=[
            group.RuleProperty(
                name="block-bad-ips",
                priority=0,
                action=group.RuleActionProperty(block={}),
                statement=group.StatementProperty(
                    ip_set_reference_statement=group.IPSetReferenceStatementProperty(
                        arn="arn:aws:wafv2:us-east-1:111111111111:regional/ipset/bad/1"
                    )
                ),
                visibility_config=group.VisibilityConfigProperty(
                    metric_name="bad-ips",
                    cloud_watch_metrics_enabled=ok,
                    sampled_requests_enabled=True,
                ),
            )
        ],
    )


def _network_firewall(stack: Construct, ok: bool) -> None:
    bad = not ok
    # NetworkFirewall.6: a stateless rule group without rules
    rules = nfw.CfnRuleGroup
    rules(
        stack,
        "EmptyStatelessGroup",
        rule_group_name="edge-stateless",
        type="STATELESS",
        capacity=10,
        rule_group=rules.RuleGroupProperty(
            rules_source=rules.RulesSourceProperty(
                stateless_rules_and_custom_actions=rules.StatelessRulesAndCustomActionsProperty(
                    stateless_rules=[
                        rules.StatelessRuleProperty(
                            priority=1,
                            rule_definition=rules.RuleDefinitionProperty(
                                actions=["aws:drop"],
                                match_attributes=rules.MatchAttributesProperty(
                                    sources=[rules.AddressProperty(address_definition="0.0.0.0/0")]
                                ),
                            ),
                        )
                    ]
                    if ok
                    else []
                )
            )
        ),
    )
    # NetworkFirewall.2, .9, .10: firewalls, each broken in one way
    for name, broken in (
        ("UnloggedFirewall", "logs"),
        ("DeletableFirewall", "deletion"),
        ("MovableFirewall", "subnets"),
    ):
        off = bad and broken
        firewall = nfw.CfnFirewall(
            stack,
            name,
            firewall_name=name.lower(),
            firewall_policy_arn=FIREWALL_POLICY,
            vpc_id=VPC_ID,
            subnet_mappings=[
                nfw.CfnFirewall.SubnetMappingProperty(subnet_id="subnet-0123456789abcdef0")
            ],
            delete_protection=off != "deletion",
            subnet_change_protection=off != "subnets",
        )
        if off != "logs":
            nfw.CfnLoggingConfiguration(
                stack,
                f"{name}Logs",
                firewall_arn=firewall.attr_firewall_arn,
                logging_configuration=nfw.CfnLoggingConfiguration.LoggingConfigurationProperty(
                    log_destination_configs=[
                        nfw.CfnLoggingConfiguration.LogDestinationConfigProperty(
                            log_type="ALERT",
                            log_destination_type="CloudWatchLogs",
                            log_destination={"logGroup": "edge-firewall-alerts"},
                        )
                    ]
                ),
            )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
