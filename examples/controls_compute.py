"""Controls app: compute and containers (EC2 Auto Scaling, ECS, ECR, EKS, Lambda, Elastic
Beanstalk).

One resource per control: it violates that control only in the ``noncompliant`` variant and
complies with every checked control of its type in the ``compliant`` one. L1 resources with
explicit properties, so that each control's property is visible and synth needs no lookup.
"""

from __future__ import annotations

import json

import aws_cdk as cdk
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_eks as eks
from aws_cdk import aws_elasticbeanstalk as elasticbeanstalk
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from examples import _controls

ACCOUNT = "111111111111"
AMI = "ami-0123456789abcdef0"
VPC_ID = "vpc-0123456789abcdef0"
IMAGE = "public.ecr.aws/nginx/nginx:1.27"
TARGET_GROUP = f"arn:aws:elasticloadbalancing:us-east-1:{ACCOUNT}:targetgroup/web/0123456789abcdef"
LIFECYCLE = json.dumps(
    {
        "rules": [
            {
                "rulePriority": 1,
                "selection": {
                    "tagStatus": "untagged",
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": 30,
                },
                "action": {"type": "expire"},
            }
        ]
    }
)
_HEALTH = "aws:elasticbeanstalk:healthreporting:system"
_LOGS = "aws:elasticbeanstalk:cloudwatch:logs"


def _subnet(stack: Construct, name: str, zone: int, cidr: str) -> ec2.CfnSubnet:
    """A subnet in the Region's ``zone``-th Availability Zone (as CDK writes it)."""
    return ec2.CfnSubnet(
        stack,
        name,
        vpc_id=VPC_ID,
        cidr_block=cidr,
        availability_zone=cdk.Fn.select(zone, cdk.Fn.get_azs()),
        map_public_ip_on_launch=False,
    )


def _group(
    stack: Construct,
    name: str,
    spec: autoscaling.CfnAutoScalingGroup.LaunchTemplateSpecificationProperty,
    subnets: list[str],
    *,
    elb_health: bool = True,
) -> None:
    autoscaling.CfnAutoScalingGroup(
        stack,
        name,
        min_size="1",
        max_size="2",
        vpc_zone_identifier=subnets,
        target_group_arns=[TARGET_GROUP],
        health_check_type="ELB" if elb_health else "EC2",
        health_check_grace_period=300,
        mixed_instances_policy=autoscaling.CfnAutoScalingGroup.MixedInstancesPolicyProperty(
            launch_template=autoscaling.CfnAutoScalingGroup.LaunchTemplateProperty(
                launch_template_specification=spec,
                overrides=[
                    autoscaling.CfnAutoScalingGroup.LaunchTemplateOverridesProperty(instance_type=t)
                    for t in ("m7i.large", "m6i.large")
                ],
            )
        ),
    )


def _container(
    name: str, *, user: str | None = "1000:1000", logs: bool = True, windows: bool = False
) -> ecs.CfnTaskDefinition.ContainerDefinitionProperty:
    return ecs.CfnTaskDefinition.ContainerDefinitionProperty(
        name=name,
        image=IMAGE,
        essential=True,
        readonly_root_filesystem=None if windows else True,
        user=user,
        log_configuration=ecs.CfnTaskDefinition.LogConfigurationProperty(
            log_driver="awslogs",
            options={
                "awslogs-group": f"/ecs/{name}",
                "awslogs-region": "us-east-1",
                "awslogs-stream-prefix": name,
            },
        )
        if logs
        else None,
    )


def _task(
    stack: Construct,
    name: str,
    container: ecs.CfnTaskDefinition.ContainerDefinitionProperty,
    *,
    volumes: list[ecs.CfnTaskDefinition.VolumeProperty] | None = None,
    family: str | None = None,
) -> None:
    ecs.CfnTaskDefinition(
        stack,
        name,
        requires_compatibilities=["FARGATE"],
        network_mode="awsvpc",
        cpu="1024" if family else "256",
        memory="2048" if family else "512",
        runtime_platform=ecs.CfnTaskDefinition.RuntimePlatformProperty(
            operating_system_family=family, cpu_architecture="X86_64"
        )
        if family
        else None,
        container_definitions=[container],
        volumes=volumes,
    )


def _cluster(stack: Construct, name: str, **overrides: object) -> None:
    settings: dict[str, object] = {
        "public": False,
        "secrets": True,
        "audit": True,
        "version": "1.34",
    }
    settings.update(overrides)
    eks.CfnCluster(
        stack,
        name,
        version=str(settings["version"]),
        role_arn=f"arn:aws:iam::{ACCOUNT}:role/eks-cluster",
        resources_vpc_config=eks.CfnCluster.ResourcesVpcConfigProperty(
            subnet_ids=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            endpoint_public_access=bool(settings["public"]),
            endpoint_private_access=True,
        ),
        encryption_config=[
            eks.CfnCluster.EncryptionConfigProperty(
                resources=["secrets"],
                provider=eks.CfnCluster.ProviderProperty(
                    key_arn=f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0123-4567"
                ),
            )
        ]
        if settings["secrets"]
        else None,
        logging=eks.CfnCluster.LoggingProperty(
            cluster_logging=eks.CfnCluster.ClusterLoggingProperty(
                enabled_types=[
                    eks.CfnCluster.LoggingTypeConfigProperty(type=t)
                    for t in (("api", "audit") if settings["audit"] else ("api",))
                ]
            )
        ),
    )


def _function(
    stack: Construct, name: str, *, runtime: str = "python3.13", subnets: list[str] | None = None
) -> lambda_.CfnFunction:
    return lambda_.CfnFunction(
        stack,
        name,
        runtime=runtime,
        handler="index.handler",
        role=f"arn:aws:iam::{ACCOUNT}:role/function",
        code=lambda_.CfnFunction.CodeProperty(zip_file="def handler(event, context):\n    pass\n"),
        vpc_config=lambda_.CfnFunction.VpcConfigProperty(
            subnet_ids=subnets, security_group_ids=["sg-0123456789abcdef0"]
        )
        if subnets
        else None,
    )


def _environment(stack: Construct, name: str, *, enhanced: bool = True, logs: bool = True) -> None:
    elasticbeanstalk.CfnEnvironment(
        stack,
        name,
        application_name="web",
        solution_stack_name="64bit Amazon Linux 2023 v6.6.0 running Node.js 22",
        option_settings=[
            elasticbeanstalk.CfnEnvironment.OptionSettingProperty(
                namespace=_HEALTH,
                option_name="SystemType",
                value="enhanced" if enhanced else "basic",
            ),
            elasticbeanstalk.CfnEnvironment.OptionSettingProperty(
                namespace=_LOGS, option_name="StreamLogs", value="true" if logs else "false"
            ),
        ],
    )


def add(stack: Construct, ok: bool) -> None:
    zone_a = _subnet(stack, "SubnetA", 0, "10.0.0.0/24")
    zone_b = _subnet(stack, "SubnetB", 1, "10.0.1.0/24")
    both = [zone_a.ref, zone_b.ref]

    # AutoScaling.1: ELB health checks; AutoScaling.2: several Availability Zones
    template = ec2.CfnLaunchTemplate(
        stack,
        "LaunchTemplate",
        launch_template_data=ec2.CfnLaunchTemplate.LaunchTemplateDataProperty(
            image_id=AMI,
            metadata_options=ec2.CfnLaunchTemplate.MetadataOptionsProperty(http_tokens="required"),
        ),
    )
    spec = autoscaling.CfnAutoScalingGroup.LaunchTemplateSpecificationProperty(
        launch_template_id=template.ref, version=template.attr_latest_version_number
    )
    _group(stack, "Ec2HealthGroup", spec, both, elb_health=ok)
    _group(stack, "OneZoneGroup", spec, both if ok else [zone_a.ref])
    # Autoscaling.5: no public IP addresses from a launch configuration
    autoscaling.CfnLaunchConfiguration(
        stack,
        "PublicIpConfig",
        image_id=AMI,
        instance_type="m7i.large",
        associate_public_ip_address=not ok,
        metadata_options=autoscaling.CfnLaunchConfiguration.MetadataOptionsProperty(
            http_tokens="required", http_put_response_hop_limit=1
        ),
    )

    # ECR.3: a lifecycle policy
    ecr.CfnRepository(
        stack,
        "NoLifecycleRepo",
        image_scanning_configuration=ecr.CfnRepository.ImageScanningConfigurationProperty(
            scan_on_push=True
        ),
        image_tag_mutability="IMMUTABLE",
        lifecycle_policy=ecr.CfnRepository.LifecyclePolicyProperty(lifecycle_policy_text=LIFECYCLE)
        if ok
        else None,
    )

    # ECS.2, ECS.10: a Fargate service without public IP addresses, on the latest platform
    for name, public, version in (
        ("PublicIpService", not ok, "LATEST"),
        ("OldPlatformService", False, "LATEST" if ok else "1.3.0"),
    ):
        ecs.CfnService(
            stack,
            name,
            cluster="default",
            launch_type="FARGATE",
            platform_version=version,
            task_definition=f"arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/web:1",
            network_configuration=ecs.CfnService.NetworkConfigurationProperty(
                awsvpc_configuration=ecs.CfnService.AwsVpcConfigurationProperty(
                    subnets=both, assign_public_ip="ENABLED" if public else "DISABLED"
                )
            ),
        )
    # ECS.16: a task set without public IP addresses
    ecs.CfnTaskSet(
        stack,
        "PublicIpTaskSet",
        cluster="default",
        service="web",
        task_definition=f"arn:aws:ecs:us-east-1:{ACCOUNT}:task-definition/web:1",
        launch_type="FARGATE",
        network_configuration=ecs.CfnTaskSet.NetworkConfigurationProperty(
            aws_vpc_configuration=ecs.CfnTaskSet.AwsVpcConfigurationProperty(
                subnets=both, assign_public_ip="DISABLED" if ok else "ENABLED"
            )
        ),
    )
    # ECS.9: logging; ECS.18: EFS in transit; ECS.20: non-root; ECS.21: not administrator
    _task(stack, "NoLogsTask", _container("app", logs=ok))
    _task(
        stack,
        "EfsPlainTask",
        _container("app"),
        volumes=[
            ecs.CfnTaskDefinition.VolumeProperty(
                name="shared",
                efs_volume_configuration=ecs.CfnTaskDefinition.EFSVolumeConfigurationProperty(
                    filesystem_id="fs-0123456789abcdef0",
                    transit_encryption="ENABLED" if ok else "DISABLED",
                ),
            )
        ],
    )
    _task(stack, "RootUserTask", _container("app", user="1000:1000" if ok else "root"))
    _task(
        stack,
        "WindowsAdminTask",
        _container("app", user="ContainerUser" if ok else "ContainerAdministrator", windows=True),
        family="WINDOWS_SERVER_2022_CORE",
    )
    # ECS.19: managed termination protection
    ecs.CfnCapacityProvider(
        stack,
        "UnprotectedCapacity",
        auto_scaling_group_provider=ecs.CfnCapacityProvider.AutoScalingGroupProviderProperty(
            auto_scaling_group_arn=(
                f"arn:aws:autoscaling:us-east-1:{ACCOUNT}:autoScalingGroup:0123:"
                "autoScalingGroupName/workers"
            ),
            managed_scaling=ecs.CfnCapacityProvider.ManagedScalingProperty(status="ENABLED"),
            managed_termination_protection="ENABLED" if ok else "DISABLED",
        ),
    )

    # EKS.1: private endpoint; EKS.3: secrets encryption; EKS.8: audit logs
    _cluster(stack, "PublicEndpointCluster", public=not ok)
    _cluster(stack, "PlainSecretsCluster", secrets=ok)
    _cluster(stack, "NoAuditCluster", audit=ok)
    # EKS.9: node groups on a supported Kubernetes version
    eks.CfnNodegroup(
        stack,
        "OldNodegroup",
        cluster_name="prod",
        node_role=f"arn:aws:iam::{ACCOUNT}:role/eks-nodes",
        subnets=both,
        version="1.34" if ok else "1.30",
    )

    # Lambda.1: no public function policy
    public_fn = _function(stack, "PublicFunction")
    lambda_.CfnPermission(
        stack,
        "PublicInvoke",
        action="lambda:InvokeFunction",
        function_name=public_fn.attr_arn,
        principal="*",
        principal_org_id="o-0123456789" if ok else None,
    )
    # Lambda.2: supported runtime; Lambda.5: a VPC function in several zones
    _function(stack, "OldRuntimeFunction", runtime="python3.13" if ok else "python3.8")
    _function(stack, "OneZoneFunction", subnets=both if ok else [zone_a.ref])

    # ElasticBeanstalk.1: enhanced health; ElasticBeanstalk.3: logs to CloudWatch
    _environment(stack, "BasicHealthEnvironment", enhanced=ok)
    _environment(stack, "NoLogsEnvironment", logs=ok)


def build(variant: str, outdir: str | None = None) -> cdk.App:
    return _controls.build(add, variant, outdir)


if __name__ == "__main__":
    _controls.main(add)
