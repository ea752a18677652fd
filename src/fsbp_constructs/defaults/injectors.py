"""The Secure constructs' defaults as CDK property injectors, for every L2 of an app.

``PropertyInjectors.of(scope)`` hands the props of each injectable L2 created under
``scope`` to its injectors before the L2 builds its L1s, including the L2s that pattern
libraries (``ecs_patterns``, AWS Solutions Constructs) create. :func:`inject` registers one
injector per L2 below; each merges the **same** defaults as the Secure construct of that L2
(``secure_repository_defaults()`` for ``SecureRepository``, ...) *under* the props given, so
an explicit prop always wins (and ``FsbpChecks`` reports it if it is noncompliant).

Which setting of each L2 meets which control is declared once, in
:mod:`fsbp_constructs.hints`, which ``FsbpChecks`` reads for the CDK hints of its messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import aws_cdk as cdk
import jsii
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_rds as rds
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns
from constructs import IConstruct

from ..constructs.docdb import secure_docdb_cluster_defaults
from ..constructs.dynamodb import (
    secure_table_defaults,
    secure_table_v2_defaults,
)
from ..constructs.ec2 import secure_vpc_defaults
from ..constructs.ecr import secure_repository_defaults
from ..constructs.ecs import secure_cluster_defaults, secure_container_defaults
from ..constructs.efs import secure_file_system_defaults
from ..constructs.elb import (
    secure_application_load_balancer_defaults,
    secure_network_load_balancer_defaults,
)
from ..constructs.firehose import secure_delivery_stream_defaults
from ..constructs.kinesis import secure_stream_defaults
from ..constructs.rds import secure_database_cluster_defaults, secure_database_instance_defaults
from ..constructs.s3 import secure_bucket_defaults
from ..constructs.sns import secure_topic_defaults
from ..hints import L2_SETTINGS, L2Settings

__all__ = ["INJECTED", "Injected", "inject"]


@dataclass(frozen=True)
class Injected:
    """One injectable L2, its props struct and its Secure construct's defaults; which of its
    settings meet which control, and the Secure construct's name, are in
    :data:`fsbp_constructs.hints.L2_SETTINGS`."""

    l2: type[Any]
    #: Its props struct, whose mapping of Python to jsii names the injector reads.
    props: type[Any]
    #: The defaults, given the construct id (the Secure construct calls the same function).
    defaults: Callable[[str], dict[str, Any]]
    #: A default left out when the user gives the other prop: default -> prop.
    replaced_by: Mapping[str, str] = field(default_factory=dict)
    #: Defaults that depend on the props given (an RDS engine's port and logs), laid over
    #: ``defaults``; the function leaves out what a given prop replaces. It also gets the
    #: injection context, whose scope can hold a resource the defaults name.
    from_props: Callable[[Mapping[str, Any], cdk.InjectionContext], dict[str, Any]] | None = None

    @property
    def name(self) -> str:
        return f"{self.l2.__module__.rsplit('.', 1)[-1].removeprefix('aws_')}.{self.l2.__name__}"

    @property
    def settings(self) -> L2Settings:
        """Its settings that meet controls, and its Secure construct."""
        return next(entry for entry in L2_SETTINGS if entry.name == self.name)


INJECTED: tuple[Injected, ...] = (
    Injected(
        ecr.Repository,
        ecr.RepositoryProps,
        lambda _: secure_repository_defaults(),
    ),
    Injected(
        s3.Bucket,
        s3.BucketProps,
        lambda _: secure_bucket_defaults(),
    ),
    Injected(
        efs.FileSystem,
        efs.FileSystemProps,
        lambda _: secure_file_system_defaults(),
    ),
    Injected(
        firehose.DeliveryStream,
        firehose.DeliveryStreamProps,
        lambda _: secure_delivery_stream_defaults(),
        {"encryption": "source"},
    ),
    Injected(
        kinesis.Stream,
        kinesis.StreamProps,
        lambda _: secure_stream_defaults(),
    ),
    Injected(
        ecs.Cluster,
        ecs.ClusterProps,
        lambda _: secure_cluster_defaults(),
        {"container_insights_v2": "container_insights"},
    ),
    Injected(
        ecs.ContainerDefinition,
        ecs.ContainerDefinitionProps,
        secure_container_defaults,
    ),
    Injected(
        elbv2.ApplicationLoadBalancer,
        elbv2.ApplicationLoadBalancerProps,
        lambda _: secure_application_load_balancer_defaults(),
    ),
    Injected(
        elbv2.NetworkLoadBalancer,
        elbv2.NetworkLoadBalancerProps,
        lambda _: secure_network_load_balancer_defaults(),
    ),
    Injected(
        ec2.Vpc,
        ec2.VpcProps,
        lambda _: secure_vpc_defaults(),
    ),
    Injected(
        sns.Topic,
        sns.TopicProps,
        lambda _: secure_topic_defaults(),
    ),
    Injected(
        rds.DatabaseInstance,
        rds.DatabaseInstanceProps,
        lambda _: {},
        from_props=lambda given, _: secure_database_instance_defaults(given),
    ),
    Injected(
        rds.DatabaseCluster,
        rds.DatabaseClusterProps,
        lambda _: {},
        from_props=lambda given, _: secure_database_cluster_defaults(given),
    ),
    Injected(
        docdb.DatabaseCluster,
        docdb.DatabaseClusterProps,
        lambda _: {},
        from_props=lambda given, context: secure_docdb_cluster_defaults(
            given, scope=context.scope, id=context.id
        ),
    ),
    Injected(
        dynamodb.Table,
        dynamodb.TableProps,
        lambda _: {},
        from_props=lambda given, _: secure_table_defaults(given),
    ),
    Injected(
        dynamodb.TableV2,
        dynamodb.TablePropsV2,
        lambda _: {},
        from_props=lambda given, _: secure_table_v2_defaults(given),
    ),
)


@jsii.implements(cdk.IPropertyInjector)
class _Injector:
    def __init__(self, entry: Injected) -> None:
        self._entry = entry
        #: Each prop's Python name -> its jsii name (image_scan_on_push -> imageScanOnPush).
        self._jsii_names: Mapping[str, str] = entry.props.__jsii_name_mapping__
        self._python_names = {jsii: python for python, jsii in self._jsii_names.items()}

    @property
    def construct_unique_id(self) -> str:
        unique_id: str = self._entry.l2.PROPERTY_INJECTION_ID
        return unique_id

    def inject(self, original_props: Any, context: cdk.InjectionContext) -> Any:
        """The props given, unchanged, over the Secure construct's defaults.

        The props arrive under their jsii names with the values JavaScript holds: an enum as
        its value (``"destroy"`` for ``RemovalPolicy.DESTROY``), a struct as a plain mapping.
        They go back exactly so, in a mapping of jsii names: a props struct would need them
        as Python types, and its run-time type check refuses an enum's string.
        """
        given_js = {k: v for k, v in dict(original_props or {}).items() if v is not None}
        given = {self._python_names.get(key, key): value for key, value in given_js.items()}
        defaults = self._entry.defaults(context.id)
        if self._entry.from_props is not None:
            defaults.update(self._entry.from_props(given, context))
        for default, prop in self._entry.replaced_by.items():
            if prop in given:
                defaults.pop(default, None)
        unknown = sorted(set(defaults) - set(self._jsii_names))
        if unknown:  # a mistake in this package's defaults, never in the app
            raise ValueError(f"the defaults of {self._entry.name} name no prop of it: {unknown}")
        return {**{self._jsii_names[k]: v for k, v in defaults.items()}, **given_js}


def inject(scope: IConstruct, *, exclude: Sequence[type[Any]] = ()) -> None:
    """Give every injectable L2 created under ``scope`` from now on the Secure constructs'
    defaults.

    CDK hands an L2's props to the injectors when the L2 is created, so an L2 that already
    exists under ``scope`` would silently keep its own: that is refused (``ValueError``
    naming it), and the fix is to call ``inject`` right after ``cdk.App()``.

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
    _refuse_existing(scope, known)
    # jsii hands ``inject`` the InjectionContext struct whole, where the generated protocol
    # spells it as keyword arguments: the cast bridges the two.
    injectors = [
        cast(cdk.IPropertyInjector, _Injector(e)) for e in INJECTED if e.l2 not in tuple(exclude)
    ]
    cdk.PropertyInjectors.of(scope).add(*injectors)


def _refuse_existing(scope: IConstruct, injectable: set[type[Any]]) -> None:
    """Raise when an injectable L2 already exists under ``scope``: its props are taken."""
    classes = tuple(injectable)
    built = [c.node.path for c in scope.node.find_all() if isinstance(c, classes)]
    if built:
        shown = ", ".join(built[:3]) + (f" and {len(built) - 3} more" if len(built) > 3 else "")
        raise ValueError(
            f"FsbpDefaults.inject({scope.node.path or 'app'}) was called after {shown} "
            "existed: CDK hands an L2's props to injectors when it is created, so these keep "
            "their own. Call FsbpDefaults.inject(app) right after app = cdk.App(), before any "
            "stack is built."
        )
