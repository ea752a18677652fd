"""One resource per FSBP control, built from plain aws-cdk-lib constructs.

``noncompliant``: each checked control has exactly one violating resource (the resource is
compliant for every other control on its type), so ``cdk synth`` fails with one FSBP violation
per control. ``compliant``: the same resources with compliant settings; it synthesizes cleanly.

    cdk synth --app "python examples/controls_app.py noncompliant"   # exits 1
    cdk synth --app "python examples/controls_app.py compliant"      # exits 0

The pack runs with every control on (``include_retired=True``) and ``strict=True``, so the
controls a template cannot decide (CloudFormation.1 without notification ARNs, CloudFormation.4
without a service role, EC2.24 on a paravirtual-capable instance type) count as violations
too.
"""

from __future__ import annotations

import sys

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_eks as eks
from aws_cdk import aws_elasticloadbalancing as elb
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_networkfirewall as nfw
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_redshift as redshift
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from aws_cdk import aws_waf as waf
from aws_cdk import aws_wafregional as wafregional
from aws_cdk import custom_resources as cr
from constructs import Construct

from fsbp_constructs import FsbpChecks
from fsbp_constructs.constructs.ec2 import SecureVpc

ENV = cdk.Environment(account="111111111111", region="us-east-1")
TOPIC_ARN = "arn:aws:sns:us-east-1:111111111111:stack-events"
IMAGE = ecs.ContainerImage.from_registry("public.ecr.aws/nginx/nginx:1.27")
#: Container logs (ECS.9), to a log group created outside this app.
CONTAINER_LOGS = ecs.GenericLogDriver(
    log_driver="awslogs",
    options={
        "awslogs-group": "/ecs/controls",
        "awslogs-region": "us-east-1",
        "awslogs-stream-prefix": "app",
    },
)
AMI = "ami-0123456789abcdef0"
#: Where the example's access logs would go (a bucket of a central logging account).
LOG_BUCKET = "example-access-logs-111111111111"
#: Load balancer attributes of controls other than the one an app shows (ELB.4, ELB.5, ELB.6).
_LB_ATTRIBUTES = {
    "routing.http.drop_invalid_header_fields.enabled": "true",
    "deletion_protection.enabled": "true",
    "access_logs.s3.enabled": "true",
    "access_logs.s3.bucket": LOG_BUCKET,
}
#: Context lookups answered in advance (what cdk.context.json holds), so synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": [
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
    ],
}


class ControlsStack(cdk.Stack):
    """Every resource type the checked controls cover; ``ok`` picks compliant settings."""

    def __init__(self, scope: Construct, construct_id: str, *, ok: bool) -> None:
        super().__init__(
            scope,
            construct_id,
            env=ENV,
            notification_arns=[TOPIC_ARN] if ok else None,  # CloudFormation.1
            termination_protection=ok,  # CloudFormation.3
            # CloudFormation.4: the default synthesizer deploys with its execution role; the
            # CLI-credentials one names none (UNKNOWN: a role may be given at deploy time).
            synthesizer=None if ok else cdk.CliCredentialsStackSynthesizer(),
        )
        vpc = (SecureVpc if ok else ec2.Vpc)(self, "Vpc", max_azs=2, nat_gateways=0)
        public = ec2.SubnetSelection(subnet_type=ec2.SubnetType.PUBLIC)
        subnets = vpc.select_subnets(subnet_type=ec2.SubnetType.PUBLIC)

        # ECR.1, ECR.2
        ecr.Repository(
            self,
            "UnscannedRepo",
            image_scan_on_push=ok,
            image_tag_mutability=ecr.TagMutability.IMMUTABLE,
            lifecycle_rules=[ecr.LifecycleRule(max_image_count=100)],  # ECR.3
        )
        ecr.Repository(
            self,
            "MutableRepo",
            image_scan_on_push=True,
            image_tag_mutability=ecr.TagMutability.IMMUTABLE if ok else ecr.TagMutability.MUTABLE,
            lifecycle_rules=[ecr.LifecycleRule(max_image_count=100)],  # ECR.3
        )

        # ECS.3, ECS.4, ECS.5, ECS.8: one task definition per control.
        host_pid = ecs.Ec2TaskDefinition(
            self, "HostPidTask", pid_mode=ecs.PidMode.TASK if ok else ecs.PidMode.HOST
        )
        host_pid.add_container(
            "app",
            image=IMAGE,
            memory_limit_mib=256,
            readonly_root_filesystem=True,
            logging=CONTAINER_LOGS,  # ECS.9
            user="1000",  # ECS.20
        )
        privileged = ecs.Ec2TaskDefinition(self, "PrivilegedTask")
        privileged.add_container(
            "app",
            image=IMAGE,
            memory_limit_mib=256,
            readonly_root_filesystem=True,
            privileged=not ok,
            logging=CONTAINER_LOGS,  # ECS.9
            user="1000",  # ECS.20
        )
        writable = ecs.FargateTaskDefinition(self, "WritableRootTask")
        writable.add_container(
            "app", image=IMAGE, readonly_root_filesystem=ok, logging=CONTAINER_LOGS, user="1000"
        )
        secrets = ecs.FargateTaskDefinition(self, "EnvSecretsTask")
        secrets.add_container(
            "app",
            image=IMAGE,
            readonly_root_filesystem=True,
            logging=CONTAINER_LOGS,  # ECS.9
            user="1000",  # ECS.20
            environment={"LOG_LEVEL": "info"}
            if ok
            else {"AWS_SECRET_ACCESS_KEY": "do-not-do-this"},
        )
        # ECS.12
        ecs.Cluster(
            self,
            "Cluster",
            vpc=vpc,
            container_insights_v2=(
                ecs.ContainerInsights.ENABLED if ok else ecs.ContainerInsights.DISABLED
            ),
        )

        # ELB.12 (ALB desync mode), ELB.13 (AZ spread), ELB.14 (Classic LB override)
        # (Both variants keep the settings of the controls shown by controls_edge.py.)
        alb = elbv2.ApplicationLoadBalancer(self, "Alb", vpc=vpc, vpc_subnets=public)
        alb.set_attribute("routing.http.desync_mitigation_mode", "defensive" if ok else "monitor")
        for key, value in _LB_ATTRIBUTES.items():
            alb.set_attribute(key, value)
        nlb = elbv2.NetworkLoadBalancer(
            self,
            "Nlb",
            vpc=vpc,
            vpc_subnets=ec2.SubnetSelection(subnets=subnets.subnets if ok else subnets.subnets[:1]),
        )
        nlb.set_attribute("deletion_protection.enabled", "true")
        clb = elb.LoadBalancer(
            self,
            "Clb",
            vpc=vpc,
            subnet_selection=public,
            access_logging_policy=elb.CfnLoadBalancer.AccessLoggingPolicyProperty(
                enabled=True, s3_bucket_name=LOG_BUCKET
            ),
        )
        cfn_clb = clb.node.default_child
        assert isinstance(cfn_clb, elb.CfnLoadBalancer)
        cfn_clb.connection_draining_policy = elb.CfnLoadBalancer.ConnectionDrainingPolicyProperty(
            enabled=True, timeout=300
        )
        cr.AwsCustomResource(
            self,
            "ClbDesyncMode",
            on_update=cr.AwsSdkCall(
                service="ElasticLoadBalancing",
                action="modifyLoadBalancerAttributes",
                parameters={
                    "LoadBalancerName": clb.load_balancer_name,
                    "LoadBalancerAttributes": {
                        "AdditionalAttributes": [
                            {
                                "Key": "elb.http.desyncmitigationmode",
                                "Value": "defensive" if ok else "monitor",
                            }
                        ]
                    },
                },
                physical_resource_id=cr.PhysicalResourceId.of("clb-desync-mode"),
            ),
            policy=cr.AwsCustomResourcePolicy.from_sdk_calls(
                resources=cr.AwsCustomResourcePolicy.ANY_RESOURCE
            ),
            install_latest_aws_sdk=False,
        )

        # Kinesis.1
        kinesis.CfnStream(
            self,
            "Stream",
            shard_count=1,
            retention_period_hours=168,
            stream_encryption=(
                kinesis.CfnStream.StreamEncryptionProperty(
                    encryption_type="KMS", key_id="alias/aws/kinesis"
                )
                if ok
                else None
            ),
        )

        # S3.13
        s3.Bucket(
            self,
            "Bucket",
            enforce_ssl=True,
            server_access_logs_bucket=s3.Bucket.from_bucket_name(self, "AccessLogs", LOG_BUCKET),
            lifecycle_rules=[
                s3.LifecycleRule(abort_incomplete_multipart_upload_after=cdk.Duration.days(7))
            ]
            if ok
            else None,
        )

        # SNS.2 (retired)
        sns.CfnTopic(
            self,
            "Topic",
            delivery_status_logging=[
                sns.CfnTopic.LoggingConfigProperty(
                    protocol="sqs",
                    failure_feedback_role_arn=f"arn:aws:iam::{ENV.account}:role/log",
                    success_feedback_role_arn=f"arn:aws:iam::{ENV.account}:role/log",
                )
            ]
            if ok
            else None,
        )

        # EFS.3 (root directory), EFS.4 (POSIX user)
        file_system = efs.FileSystem(self, "FileSystem", vpc=vpc, enable_automatic_backups=True)
        user = efs.PosixUser(uid="1000", gid="1000")
        efs.AccessPoint(
            self,
            "RootAccessPoint",
            file_system=file_system,
            posix_user=user,
            path="/data" if ok else "/",
        )
        efs.AccessPoint(
            self,
            "AnyUserAccessPoint",
            file_system=file_system,
            path="/shared",
            posix_user=user if ok else None,
        )

        # EKS.2
        eks.CfnCluster(
            self,
            "Eks",
            version="1.34" if ok else "1.30",
            role_arn=f"arn:aws:iam::{ENV.account}:role/eks",
            resources_vpc_config=eks.CfnCluster.ResourcesVpcConfigProperty(
                subnet_ids=subnets.subnet_ids,
                endpoint_public_access=False,  # EKS.1
                endpoint_private_access=True,
            ),
            encryption_config=[  # EKS.3
                eks.CfnCluster.EncryptionConfigProperty(
                    resources=["secrets"],
                    provider=eks.CfnCluster.ProviderProperty(
                        key_arn=f"arn:aws:kms:us-east-1:{ENV.account}:key/eks-secrets"
                    ),
                )
            ],
            logging=eks.CfnCluster.LoggingProperty(  # EKS.8
                cluster_logging=eks.CfnCluster.ClusterLoggingProperty(
                    enabled_types=[eks.CfnCluster.LoggingTypeConfigProperty(type="audit")]
                )
            ),
        )

        # CloudFront.10
        cloudfront.CfnDistribution(
            self,
            "Distribution",
            distribution_config=(
                cloudfront.CfnDistribution.DistributionConfigProperty(
                    enabled=True,
                    default_root_object="index.html",
                    logging=cloudfront.CfnDistribution.LoggingProperty(
                        bucket=f"{LOG_BUCKET}.s3.amazonaws.com"
                    ),
                    web_acl_id=f"arn:aws:wafv2:us-east-1:{ENV.account}:global/webacl/site/0001",
                    viewer_certificate=cloudfront.CfnDistribution.ViewerCertificateProperty(
                        acm_certificate_arn=(
                            f"arn:aws:acm:us-east-1:{ENV.account}:certificate/0001"
                        ),
                        ssl_support_method="sni-only",
                        minimum_protocol_version="TLSv1.2_2021",
                    ),
                    default_cache_behavior=cloudfront.CfnDistribution.DefaultCacheBehaviorProperty(
                        target_origin_id="api",
                        viewer_protocol_policy="redirect-to-https",
                        cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
                        # CloudFront.17: signed URLs with a trusted key group.
                        trusted_key_groups=["4b0e5e6c-0d9e-4a6f-9a57-0f2d3c4b5a61"],
                    ),
                    origins=[
                        cloudfront.CfnDistribution.OriginProperty(
                            id="api",
                            domain_name="api.example.com",
                            custom_origin_config=cloudfront.CfnDistribution.CustomOriginConfigProperty(
                                origin_protocol_policy="https-only",
                                origin_ssl_protocols=["TLSv1.2"] if ok else ["SSLv3", "TLSv1.2"],
                            ),
                        ),
                        cloudfront.CfnDistribution.OriginProperty(
                            id="api-replica",
                            domain_name="api-replica.example.com",
                            custom_origin_config=cloudfront.CfnDistribution.CustomOriginConfigProperty(
                                origin_protocol_policy="https-only",
                                origin_ssl_protocols=["TLSv1.2"],
                            ),
                        ),
                    ],
                    # CloudFront.4 (controls_edge.py): the API fails over to its replica
                    origin_groups=cloudfront.CfnDistribution.OriginGroupsProperty(
                        quantity=1,
                        items=[
                            cloudfront.CfnDistribution.OriginGroupProperty(
                                id="api-failover",
                                failover_criteria=cloudfront.CfnDistribution.OriginGroupFailoverCriteriaProperty(
                                    status_codes=cloudfront.CfnDistribution.StatusCodesProperty(
                                        quantity=2, items=[500, 503]
                                    )
                                ),
                                members=cloudfront.CfnDistribution.OriginGroupMembersProperty(
                                    quantity=2,
                                    items=[
                                        cloudfront.CfnDistribution.OriginGroupMemberProperty(
                                            origin_id="api"
                                        ),
                                        cloudfront.CfnDistribution.OriginGroupMemberProperty(
                                            origin_id="api-replica"
                                        ),
                                    ],
                                ),
                            )
                        ],
                    ),
                )
            ),
        )

        # EC2.23, EC2.24, EC2.170
        ec2.CfnLaunchTemplate(
            self,
            "Imdsv1Template",
            launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
                image_id=AMI,
                metadata_options=ec2.CfnLaunchTemplate.MetadataOptionsProperty(
                    http_tokens="required" if ok else "optional"
                ),
            ),
        )
        ec2.CfnTransitGateway(
            self, "TransitGateway", auto_accept_shared_attachments="disable" if ok else "enable"
        )
        ec2.CfnInstance(
            self,
            "Instance",
            image_id=AMI,
            instance_type="m5.large" if ok else "m3.medium",
            metadata_options=ec2.CfnInstance.MetadataOptionsProperty(http_tokens="required"),
            network_interfaces=[
                ec2.CfnInstance.NetworkInterfaceProperty(
                    device_index="0",
                    subnet_id=subnets.subnet_ids[0],
                    associate_public_ip_address=False,
                )
            ],
        )

        # AutoScaling.3, .4 (retired), .6, .9
        for name, tokens, hops in (
            ("Imdsv1Config", "required" if ok else "optional", 1),
            ("HopsConfig", "required", 1 if ok else 2),
        ):
            autoscaling.CfnLaunchConfiguration(
                self,
                name,
                image_id=AMI,
                instance_type="m5.large",
                metadata_options=autoscaling.CfnLaunchConfiguration.MetadataOptionsProperty(
                    http_tokens=tokens, http_put_response_hop_limit=hops
                ),
            )
        template = ec2.CfnLaunchTemplate(
            self,
            "LaunchTemplate",
            launch_template_data=(
                ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
                    image_id=AMI,
                    metadata_options=ec2.CfnLaunchTemplate.MetadataOptionsProperty(
                        http_tokens="required"
                    ),
                )
            ),
        )
        spec = autoscaling.CfnAutoScalingGroup.LaunchTemplateSpecificationProperty(
            launch_template_id=template.ref, version=template.attr_latest_version_number
        )
        types = ["m5.large", "m6i.large"] if ok else ["m5.large"]
        autoscaling.CfnAutoScalingGroup(
            self,
            "SingleTypeGroup",
            min_size="1",
            max_size="2",
            vpc_zone_identifier=subnets.subnet_ids,
            mixed_instances_policy=autoscaling.CfnAutoScalingGroup.MixedInstancesPolicyProperty(
                launch_template=autoscaling.CfnAutoScalingGroup.LaunchTemplateProperty(
                    launch_template_specification=spec,
                    overrides=[
                        autoscaling.CfnAutoScalingGroup.LaunchTemplateOverridesProperty(
                            instance_type=t
                        )
                        for t in types
                    ],
                )
            ),
        )
        launch_config_group = autoscaling.CfnAutoScalingGroup(
            self,
            "LaunchConfigGroup",
            min_size="1",
            max_size="2",
            vpc_zone_identifier=subnets.subnet_ids,
            launch_configuration_name=None if ok else "legacy-launch-configuration",
            mixed_instances_policy=(
                autoscaling.CfnAutoScalingGroup.MixedInstancesPolicyProperty(
                    launch_template=autoscaling.CfnAutoScalingGroup.LaunchTemplateProperty(
                        launch_template_specification=spec,
                        overrides=[
                            autoscaling.CfnAutoScalingGroup.LaunchTemplateOverridesProperty(
                                instance_type=t
                            )
                            for t in ["m5.large", "m6i.large"]
                        ],
                    )
                )
                if ok
                else None
            ),
        )
        if not ok:
            # A group launched from a launch configuration has a single type too; that is
            # counted once, on SingleTypeGroup.
            cdk.Validations.of(launch_config_group).acknowledge(
                cdk.Acknowledgment(id="FSBP::FSBP-AutoScaling.6", reason="shown by SingleTypeGroup")
            )

        # NetworkFirewall.3, .4, .5: one policy per control.
        stateless_ref = [
            nfw.CfnFirewallPolicy.StatelessRuleGroupReferenceProperty(
                priority=10,
                resource_arn=f"arn:aws:network-firewall:us-east-1:{ENV.account}:"
                "stateless-rulegroup/baseline",
            )
        ]
        for name, groups, full, fragments in (
            ("NoRuleGroupsPolicy", stateless_ref if ok else None, "aws:drop", "aws:drop"),
            ("PassFullPolicy", stateless_ref, "aws:drop" if ok else "aws:pass", "aws:drop"),
            ("PassFragmentsPolicy", stateless_ref, "aws:drop", "aws:drop" if ok else "aws:pass"),
        ):
            nfw.CfnFirewallPolicy(
                self,
                name,
                firewall_policy_name=name.lower(),
                firewall_policy=nfw.CfnFirewallPolicy.FirewallPolicyProperty(
                    stateless_default_actions=[full],
                    stateless_fragment_default_actions=[fragments],
                    stateless_rule_group_references=groups,
                ),
            )

        # Opensearch.7
        opensearch.CfnDomain(
            self,
            "Search",
            engine_version="OpenSearch_2.19",
            encryption_at_rest_options=opensearch.CfnDomain.EncryptionAtRestOptionsProperty(
                enabled=True
            ),
            node_to_node_encryption_options=(
                opensearch.CfnDomain.NodeToNodeEncryptionOptionsProperty(enabled=True)
            ),
            domain_endpoint_options=opensearch.CfnDomain.DomainEndpointOptionsProperty(
                enforce_https=True, tls_security_policy="Policy-Min-TLS-1-2-PFS-2023-10"
            ),
            # Opensearch.2, .4, .5, .6: compliant in both variants
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
                    enabled=True,
                    cloud_watch_logs_log_group_arn=f"arn:aws:logs:{ENV.region}:{ENV.account}"
                    f":log-group:/aws/opensearch/{log_type.lower()}",
                )
                for log_type in ("ES_APPLICATION_LOGS", "AUDIT_LOGS")
            },
            advanced_security_options=opensearch.CfnDomain.AdvancedSecurityOptionsInputProperty(
                enabled=ok,
                internal_user_database_enabled=False,
                master_user_options=opensearch.CfnDomain.MasterUserOptionsProperty(
                    master_user_arn=f"arn:aws:iam::{ENV.account}:role/search-admin"
                ),
            ),
        )

        # Redshift.9 (retired)
        redshift.CfnCluster(
            self,
            "Warehouse",
            cluster_type="single-node",
            node_type="ra3.large",
            db_name="analytics" if ok else "dev",
            master_username="admin",
            manage_master_password=True,
            encrypted=True,
            # Redshift.2, .3, .4, .7, .15, .18: compliant in both variants
            cluster_parameter_group_name=redshift.CfnClusterParameterGroup(
                self,
                "WarehouseParams",
                description="TLS required",
                parameter_group_family="redshift-2.0",
                parameters=[
                    redshift.CfnClusterParameterGroup.ParameterProperty(
                        parameter_name="require_ssl", parameter_value="true"
                    )
                ],
            ).ref,
            automated_snapshot_retention_period=7,
            logging_properties=redshift.CfnCluster.LoggingPropertiesProperty(
                log_destination_type="cloudwatch", log_exports=["connectionlog", "userlog"]
            ),
            enhanced_vpc_routing=True,
            vpc_security_group_ids=[
                ec2.SecurityGroup(
                    self, "WarehouseSg", vpc=vpc, allow_all_outbound=False
                ).security_group_id
            ],
            multi_az=True,
        )

        # WAF.2, WAF.4 (Regional), WAF.6, WAF.8 (global)
        regional_ip = wafregional.CfnIPSet(self, "RegionalIpSet", name="blocked")
        regional_rule = wafregional.CfnRule(
            self,
            "RegionalRule",
            metric_name="regional",
            name="regional",
            predicates=[
                wafregional.CfnRule.PredicateProperty(
                    data_id=regional_ip.ref, negated=False, type="IPMatch"
                )
            ]
            if ok
            else None,
        )
        wafregional.CfnWebACL(
            self,
            "RegionalAcl",
            metric_name="regionalacl",
            name="regional-acl",
            default_action=wafregional.CfnWebACL.ActionProperty(type="ALLOW"),
            rules=[
                wafregional.CfnWebACL.RuleProperty(
                    action=wafregional.CfnWebACL.ActionProperty(type="BLOCK"),
                    priority=1,
                    rule_id=regional_rule.ref,
                )
            ]
            if ok
            else None,
        )
        global_ip = waf.CfnIPSet(self, "GlobalIpSet", name="blocked")
        global_rule = waf.CfnRule(
            self,
            "GlobalRule",
            metric_name="global",
            name="global",
            predicates=[
                waf.CfnRule.PredicateProperty(data_id=global_ip.ref, negated=False, type="IPMatch")
            ]
            if ok
            else None,
        )
        waf.CfnWebACL(
            self,
            "GlobalAcl",
            metric_name="globalacl",
            name="global-acl",
            default_action=waf.CfnWebACL.WafActionProperty(type="ALLOW"),
            rules=[
                waf.CfnWebACL.ActivatedRuleProperty(
                    action=waf.CfnWebACL.WafActionProperty(type="BLOCK"),
                    priority=1,
                    rule_id=global_rule.ref,
                )
            ]
            if ok
            else None,
        )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    """The app, with ``FsbpChecks`` registered; ``variant`` is compliant or noncompliant."""
    if variant not in ("compliant", "noncompliant"):
        raise ValueError(f"variant must be 'compliant' or 'noncompliant', not {variant!r}")
    app = cdk.App(outdir=outdir, context=LOOKUPS)
    ControlsStack(
        app, "Compliant" if variant == "compliant" else "Noncompliant", ok=variant == "compliant"
    )
    cdk.Validations.of(app).add_plugins(FsbpChecks(app, include_retired=True, strict=True))
    return app


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "noncompliant").synth()
