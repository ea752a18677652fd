"""``ecs_patterns.ApplicationLoadBalancedFargateService`` built on the Secure constructs.

The pattern creates a cluster, a task definition and a load balancer unless it is given
them. ``secure`` gives it a :class:`SecureCluster`, a :class:`SecureFargateTaskDefinition` and
a :class:`SecureApplicationLoadBalancer` (docs/patterns.md); ``plain`` lets the pattern make
its own, with ``task_image_options``.

    cdk synth --app "python examples/patterns_app.py secure"  # exits 0
    cdk synth --app "python examples/patterns_app.py plain"   # exits 1: ECS.5, ECS.12, ...
"""

from __future__ import annotations

import sys

import aws_cdk as cdk
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ecs_patterns as ecs_patterns
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from constructs import Construct

from fsbp_constructs import (
    FsbpChecks,
    SecureApplicationLoadBalancer,
    SecureBucket,
    SecureCluster,
    SecureFargateTaskDefinition,
    SecureVpc,
)

ENV = cdk.Environment(account="111111111111", region="us-east-1")
#: Context lookups answered in advance (what cdk.context.json holds), so synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": ["us-east-1a", "us-east-1b"],
}
IMAGE = "public.ecr.aws/nginx/nginx:1.27"
CERTIFICATE_ARN = "arn:aws:acm:us-east-1:111111111111:certificate/0001"


class WebStack(cdk.Stack):
    """A web service behind an internet-facing ALB, through ``ecs_patterns``."""

    def __init__(self, scope: Construct, construct_id: str, *, secure: bool) -> None:
        super().__init__(scope, construct_id, env=ENV, termination_protection=secure)
        vpc = (SecureVpc if secure else ec2.Vpc)(self, "Vpc", max_azs=2, nat_gateways=1)
        if secure:
            # ECS.12: Container Insights.
            cluster = SecureCluster(self, "Cluster", vpc=vpc)
            # ECS.5 (read-only root, /tmp and nginx's cache writable), ECS.9 (logs),
            # ECS.4 and ECS.8 (refused at add_container).
            task = SecureFargateTaskDefinition(self, "Task", cpu=256, memory_limit_mib=512)
            task.add_container(
                "web",
                image=ecs.ContainerImage.from_registry(IMAGE),
                port_mappings=[ecs.PortMapping(container_port=80)],
                scratch_paths=["/tmp", "/var/cache/nginx", "/var/run"],
            )
            # ELB.12 (desync mitigation), ELB.13 (two AZs), ELB.4 (invalid headers dropped),
            # ELB.6 (deletion protection); ELB.5: access logs to a log bucket, which does not
            # log itself (acknowledged: the end of the chain).
            alb = SecureApplicationLoadBalancer(self, "Alb", vpc=vpc, internet_facing=True)
            logs = SecureBucket(self, "AccessLogs")
            cdk.Validations.of(logs).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-S3.9", reason="the access-log bucket does not log itself"
                )
            )
            alb.log_access_logs(logs, prefix="web")
            # ELB.1, ELB.18: HTTPS only, with the site's certificate.
            service = ecs_patterns.ApplicationLoadBalancedFargateService(
                self,
                "Web",
                cluster=cluster,
                task_definition=task,
                load_balancer=alb,
                public_load_balancer=True,
                desired_count=2,
                protocol=elbv2.ApplicationProtocol.HTTPS,
                certificate=acm.Certificate.from_certificate_arn(self, "Cert", CERTIFICATE_ARN),
            )
            cdk.Validations.of(service.target_group).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-ELB.22",
                    reason="TLS ends at the load balancer; the tasks listen in private subnets",
                )
            )
            cdk.Validations.of(service.target_group).acknowledge(
                cdk.Acknowledgment(
                    id="FSBP::FSBP-ELB.21",
                    reason="the tasks serve plain HTTP (TLS ends at the load balancer), so health "
                    "checks cannot use HTTPS",
                )
            )
        else:
            ecs_patterns.ApplicationLoadBalancedFargateService(
                self,
                "Web",
                vpc=vpc,
                task_image_options=ecs_patterns.ApplicationLoadBalancedTaskImageOptions(
                    image=ecs.ContainerImage.from_registry(IMAGE), container_port=80
                ),
                public_load_balancer=True,
                desired_count=2,
            )


def build(variant: str, outdir: str | None = None) -> cdk.App:
    """The app, with ``FsbpChecks`` registered; ``variant`` is ``secure`` or ``plain``."""
    if variant not in ("secure", "plain"):
        raise ValueError(f"variant must be 'secure' or 'plain', not {variant!r}")
    # Access-log delivery through a bucket policy (not ACLs), as new CDK apps do.
    flags = {"@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": True}
    app = cdk.App(outdir=outdir, context={**LOOKUPS, **flags})
    WebStack(app, "Web" if variant == "secure" else "PlainWeb", secure=variant == "secure")
    cdk.Validations.of(app).add_plugins(FsbpChecks(app))
    return app


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "secure").synth()
