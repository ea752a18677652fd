"""The Secure constructs' defaults as CDK property injectors, for every L2 of an app.

``PropertyInjectors.of(scope)`` hands the props of each injectable L2 created under
``scope`` to its injectors before the L2 builds its L1s, including the L2s that pattern
libraries (``ecs_patterns``, AWS Solutions Constructs) create. :func:`inject` registers one
injector per L2 below; each merges the **same** defaults as the Secure construct of that L2
(``secure_repository_defaults()`` for ``SecureRepository``, ...) *under* the props given, so
an explicit prop always wins (and ``FsbpChecks`` reports it if it is noncompliant).

:data:`INJECTED` is the one CDK-side table of which L2 setting meets which control: it feeds
the injectors and the CDK hints of ``FsbpChecks``' messages.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import aws_cdk as cdk
import jsii
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import IConstruct

from ..constructs.ecr import secure_repository_defaults
from ..constructs.ecs import secure_cluster_defaults, secure_container_defaults
from ..constructs.elb import (
    secure_application_load_balancer_defaults,
    secure_network_load_balancer_defaults,
)
from ..constructs.kinesis import secure_stream_defaults
from ..constructs.s3 import secure_bucket_defaults
from ..constructs.sns import secure_topic_defaults

__all__ = ["INJECTED", "Injected", "cdk_hint", "inject"]


@dataclass(frozen=True)
class Injected:
    """One injectable L2, its props struct, its Secure construct and shared defaults."""

    l2: type[Any]
    props: type[Any]
    secure: str
    #: The defaults, given the construct id (the Secure construct calls the same function).
    defaults: Callable[[str], dict[str, Any]]
    #: The L2 setting, as a user writes it -> the control it meets.
    meets: Mapping[str, str]
    #: A default left out when the user gives the other prop: default -> prop.
    replaced_by: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.l2.__module__.rsplit('.', 1)[-1].removeprefix('aws_')}.{self.l2.__name__}"


INJECTED: tuple[Injected, ...] = (
    Injected(
        ecr.Repository,
        ecr.RepositoryProps,
        "SecureRepository",
        lambda _: secure_repository_defaults(),
        {
            "image_scan_on_push=True": "ECR.1",
            "image_tag_mutability=TagMutability.IMMUTABLE": "ECR.2",
        },
    ),
    Injected(
        s3.Bucket,
        s3.BucketProps,
        "SecureBucket",
        lambda _: secure_bucket_defaults(),
        {"lifecycle_rules=[LifecycleRule(...)]": "S3.13"},
    ),
    Injected(
        kinesis.Stream,
        kinesis.StreamProps,
        "SecureStream",
        lambda _: secure_stream_defaults(),
        {
            "encryption=StreamEncryption.MANAGED (or KMS with a key)": "Kinesis.1",
            "retention_period=Duration.days(7)": "Kinesis.3",
        },
    ),
    Injected(
        ecs.Cluster,
        ecs.ClusterProps,
        "SecureCluster",
        lambda _: secure_cluster_defaults(),
        {"container_insights_v2=ContainerInsights.ENABLED": "ECS.12"},
        {"container_insights_v2": "container_insights"},
    ),
    Injected(
        ecs.ContainerDefinition,
        ecs.ContainerDefinitionProps,
        "SecureFargateTaskDefinition",
        secure_container_defaults,
        {"readonly_root_filesystem=True on each container": "ECS.5"},
    ),
    Injected(
        elbv2.ApplicationLoadBalancer,
        elbv2.ApplicationLoadBalancerProps,
        "SecureApplicationLoadBalancer",
        lambda _: secure_application_load_balancer_defaults(),
        {"desync_mitigation_mode=DesyncMitigationMode.DEFENSIVE": "ELB.12"},
    ),
    Injected(
        elbv2.NetworkLoadBalancer,
        elbv2.NetworkLoadBalancerProps,
        "SecureNetworkLoadBalancer",
        lambda _: secure_network_load_balancer_defaults(),
        {},
    ),
    Injected(
        sns.Topic,
        sns.TopicProps,
        "SecureTopic",
        lambda _: secure_topic_defaults(),
        {},
    ),
)


def cdk_hint(control_id: str) -> str | None:
    """How to meet a control with the L2, and which Secure construct does it by default."""
    for entry in INJECTED:
        setting = next((s for s, c in entry.meets.items() if c == control_id), None)
        if setting is not None:
            return (
                f"with aws-cdk-lib, {entry.name}({setting}); {entry.secure} and "
                "FsbpDefaults.inject(app) set it by default"
            )
    return None


@jsii.implements(cdk.IPropertyInjector)
class _Injector:
    def __init__(self, entry: Injected) -> None:
        self._entry = entry
        self._names = {
            name.replace("_", ""): name for name in inspect.signature(entry.props).parameters
        }

    @property
    def construct_unique_id(self) -> str:
        unique_id: str = self._entry.l2.PROPERTY_INJECTION_ID
        return unique_id

    def inject(self, original_props: Any, context: cdk.InjectionContext) -> Any:
        # The props arrive as a dict of jsii names (imageScanOnPush); the struct wants the
        # Python names (image_scan_on_push): they differ only in case and underscores.
        props: dict[str, Any] = dict(original_props or {})
        given = {
            self._names.get(key.lower(), key): value
            for key, value in props.items()
            if value is not None
        }
        defaults = self._entry.defaults(context.id)
        for default, prop in self._entry.replaced_by.items():
            if prop in given:
                defaults.pop(default, None)
        return self._entry.props(**{**defaults, **given})


def inject(scope: IConstruct, *, exclude: Sequence[type[Any]] = ()) -> None:
    """Give every injectable L2 under ``scope`` the Secure constructs' defaults.

    :param exclude: L2 classes to leave alone (e.g. ``[ecs.ContainerDefinition]`` for
        containers that write to their root filesystem).
    """
    known = {e.l2 for e in INJECTED}
    if isinstance(exclude, (str, type)):
        raise ValueError(f"exclude must be a list of L2 classes, not {exclude!r}")
    for cls in exclude:
        if cls not in known:
            names = ", ".join(e.name for e in INJECTED)
            raise ValueError(f"exclude: {cls!r} has no FSBP injector; the injected L2s: {names}")
    # jsii hands ``inject`` the InjectionContext struct whole, where the generated protocol
    # spells it as keyword arguments: the cast bridges the two.
    injectors = [
        cast(cdk.IPropertyInjector, _Injector(e)) for e in INJECTED if e.l2 not in tuple(exclude)
    ]
    cdk.PropertyInjectors.of(scope).add(*injectors)
