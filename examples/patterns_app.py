"""``ecs_patterns.ApplicationLoadBalancedFargateService`` built on the Secure constructs.

The pattern creates a cluster, a task definition and a load balancer unless it is given
them. ``secure`` gives it a :class:`SecureCluster`, a :class:`SecureFargateTaskDefinition` and
a :class:`SecureApplicationLoadBalancer` (docs/patterns.md); ``plain`` lets the pattern make
its own, with ``task_image_options``.

    cdk synth --app "python examples/patterns_app.py secure"  # exits 0
    cdk synth --app "python examples/patterns_app.py plain"   # exits 1: ECS.5, ECS.12
"""

from __future__ import annotations

import sys

import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_ecs_patterns as ecs_patterns
from constructs import Construct

from fsbp_constructs import (
    FsbpChecks,
    SecureApplicationLoadBalancer,
    SecureCluster,
    SecureFargateTaskDefinition,
)

ENV = cdk.Environment(account="111111111111", region="us-east-1")
#: Context lookups answered in advance (what cdk.context.json holds), so synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": ["us-east-1a", "us-east-1b"],
}
IMAGE = "public.ecr.aws/nginx/nginx:1.27"


class WebStack(cdk.Stack):
    """A web service behind an internet-facing ALB, through ``ecs_patterns``."""

    def __init__(self, scope: Construct, construct_id: str, *, secure: bool) -> None:
        super().__init__(scope, construct_id, env=ENV)
        vpc = ec2.Vpc(self, "Vpc", max_azs=2, nat_gateways=1)
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
            # ELB.12 (desync mitigation), ELB.13 (two AZs), and ELB.4 / ELB.6 settings.
            alb = SecureApplicationLoadBalancer(
                self, "Alb", vpc=vpc, internet_facing=True, deletion_protection=False
            )
            ecs_patterns.ApplicationLoadBalancedFargateService(
                self,
                "Web",
                cluster=cluster,
                task_definition=task,
                load_balancer=alb,
                public_load_balancer=True,
                desired_count=2,
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
    app = cdk.App(outdir=outdir, context=LOOKUPS)
    WebStack(app, "Web" if variant == "secure" else "PlainWeb", secure=variant == "secure")
    cdk.Validations.of(app).add_plugins(FsbpChecks(app))
    return app


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "secure").synth()
