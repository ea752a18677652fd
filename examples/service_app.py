"""A realistic service: an internet-facing ALB in front of a Fargate service, whose task writes
events to a Kinesis stream, files to an S3 bucket and alerts to an SNS topic, running an image
from an ECR repository.

``compliant`` builds it from this package's secure constructs and synthesizes with zero FSBP
findings. ``noncompliant`` is the same service from plain aws-cdk-lib constructs, as it is
often written; ``cdk synth`` fails with FSBP violations.

    cdk synth --app "python examples/service_app.py compliant"     # exits 0
    cdk synth --app "python examples/service_app.py noncompliant"  # exits 1
"""

from __future__ import annotations

import sys

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import Construct

from fsbp_constructs import (
    FsbpChecks,
    SecureApplicationLoadBalancer,
    SecureBucket,
    SecureCluster,
    SecureFargateTaskDefinition,
    SecureRepository,
    SecureStream,
    SecureTopic,
    SecureVpc,
)

ENV = cdk.Environment(account="111111111111", region="us-east-1")
CERTIFICATE_ARN = "arn:aws:acm:us-east-1:111111111111:certificate/0001"
#: Context lookups answered in advance (what cdk.context.json holds), so synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": [
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
    ],
}


class ServiceStack(cdk.Stack):
    """The service; ``secure`` picks this package's constructs or plain aws-cdk-lib ones."""

    def __init__(self, scope: Construct, construct_id: str, *, secure: bool) -> None:
        super().__init__(scope, construct_id, env=ENV, termination_protection=secure)
        vpc = (SecureVpc if secure else ec2.Vpc)(self, "Vpc", max_azs=2, nat_gateways=1)

        if secure:
            repository: ecr.Repository = SecureRepository(self, "Images")
            stream: kinesis.Stream = SecureStream(self, "Events")
            topic: sns.Topic = SecureTopic(self, "Alerts")
            cluster: ecs.Cluster = SecureCluster(self, "Cluster", vpc=vpc)
            secure_task = SecureFargateTaskDefinition(self, "Task", cpu=256, memory_limit_mib=512)
            container = secure_task.add_container(
                "web",
                image=ecs.ContainerImage.from_ecr_repository(repository, "1.4.2"),
                scratch_paths=["/tmp"],
                port_mappings=[ecs.PortMapping(container_port=8080)],
                environment={"EVENTS_STREAM": stream.stream_name},
            )
            task: ecs.FargateTaskDefinition = secure_task
            alb: elbv2.ApplicationLoadBalancer = SecureApplicationLoadBalancer(
                self, "Alb", vpc=vpc, internet_facing=True
            )
            # S3.9, ELB.5: access logs of the bucket and the load balancer go to a log bucket,
            # which does not log its own access (acknowledged: it is the end of the chain).
            logs = SecureBucket(self, "AccessLogs")
            cdk.Validations.of(logs).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-S3.9", reason="the access-log bucket does not log itself"
                )
            )
            bucket: s3.Bucket = SecureBucket(self, "Files", server_access_logs_bucket=logs)
            alb.log_access_logs(logs, prefix="alb")
        else:
            repository = ecr.Repository(self, "Images")
            stream = kinesis.Stream(self, "Events", encryption=kinesis.StreamEncryption.UNENCRYPTED)
            bucket = s3.Bucket(self, "Files")
            topic = sns.Topic(self, "Alerts")
            cluster = ecs.Cluster(self, "Cluster", vpc=vpc)
            task = ecs.FargateTaskDefinition(self, "Task", cpu=256, memory_limit_mib=512)
            container = task.add_container(
                "web",
                image=ecs.ContainerImage.from_ecr_repository(repository, "1.4.2"),
                port_mappings=[ecs.PortMapping(container_port=8080)],
                environment={"EVENTS_STREAM": stream.stream_name},
                logging=ecs.LogDrivers.aws_logs(stream_prefix="web"),
            )
            alb = elbv2.ApplicationLoadBalancer(self, "Alb", vpc=vpc, internet_facing=True)

        stream.grant_write(task.task_role)
        bucket.grant_read_write(task.task_role)
        topic.grant_publish(task.task_role)
        service = ecs.FargateService(
            self, "Service", cluster=cluster, task_definition=task, desired_count=2
        )
        # ELB.1, ELB.18: HTTPS only, with the site's certificate.
        listener = alb.add_listener(
            "Https",
            port=443,
            certificates=[elbv2.ListenerCertificate.from_arn(CERTIFICATE_ARN)],
        )
        targets = listener.add_targets(
            "Web",
            port=8080,
            protocol=elbv2.ApplicationProtocol.HTTP,
            targets=[service.load_balancer_target(container_name=container.container_name)],
        )
        if secure:
            cdk.Validations.of(targets).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-ELB.22",
                    reason="TLS ends at the load balancer; the tasks listen in private subnets",
                )
            )
            cdk.Validations.of(targets).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-ELB.21",
                    reason="the tasks serve plain HTTP (TLS ends at the load balancer), so health "
                    "checks cannot use HTTPS",
                )
            )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    """The app, with ``FsbpChecks`` registered; ``variant`` is compliant or noncompliant."""
    if variant not in ("compliant", "noncompliant"):
        raise ValueError(f"variant must be 'compliant' or 'noncompliant', not {variant!r}")
    # Access-log delivery through a bucket policy (not ACLs), as new CDK apps do.
    flags = {"@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True}
    app = cdk.App(outdir=outdir, context={**LOOKUPS, **flags})
    ServiceStack(
        app, "Service" if variant == "compliant" else "PlainService", secure=variant == "compliant"
    )
    cdk.Validations.of(app).add_plugins(FsbpChecks(app))
    return app


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "compliant").synth()
