"""The fixes of ``FsbpDefaults`` that need to know the L2 that made the resource (the rest are
the generic fix of :mod:`.remedy`): each registers itself with :func:`.remedy.applier`."""

from __future__ import annotations

import functools
from typing import Any, cast

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3

from .remedy import OPAQUE, Visit, applier, l2_scope, list_entries, plain, read

__all__ = ["LIFECYCLE_RULE_ID"]

_KINESIS_AWS_KEY = {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}
#: The Regions where aws-cdk-lib's ``kinesis.Stream`` leaves streams unencrypted, and the
#: condition it shares per stack for Region-agnostic stacks; FsbpDefaults does the same.
_KINESIS_UNSUPPORTED = ("cn-north-1", "cn-northwest-1")
_KINESIS_CONDITION = "AwsCdkKinesisEncryptedStreamsUnsupportedRegions"


@applier("Kinesis.1", kinesis.CfnStream)
def _kinesis_encryption(visit: Visit) -> None:
    stream = cast(kinesis.CfnStream, visit.node)
    old = read(visit.props, "streamEncryption")
    if read(old, "encryptionType") == "KMS":
        return
    # kinesis.Stream always sets StreamEncryption unless told UNENCRYPTED.
    explicit = old is not None or l2_scope(stream, kinesis.Stream) is not None
    stack = cdk.Stack.of(stream)
    region = stack.region
    if not cdk.Token.is_unresolved(region):
        if region not in _KINESIS_UNSUPPORTED:
            visit.change(
                "StreamEncryption",
                old,
                _KINESIS_AWS_KEY,
                lambda: setattr(
                    stream,
                    "stream_encryption",
                    kinesis.CfnStream.StreamEncryptionProperty(
                        encryption_type="KMS", key_id="alias/aws/kinesis"
                    ),
                ),
                explicit=explicit,
            )
        return

    def conditional() -> None:
        if stack.node.try_find_child(_KINESIS_CONDITION) is None:
            cdk.CfnCondition(
                stack,
                _KINESIS_CONDITION,
                expression=cdk.Fn.condition_or(
                    *(cdk.Fn.condition_equals(cdk.Aws.REGION, r) for r in _KINESIS_UNSUPPORTED)
                ),
            )
        stream.stream_encryption = cdk.Fn.condition_if(
            _KINESIS_CONDITION, cdk.Aws.NO_VALUE, dict(_KINESIS_AWS_KEY)
        )

    visit.change("StreamEncryption", old, _KINESIS_AWS_KEY, conditional, explicit=explicit)


@applier("ECS.12", ecs.CfnCluster)
def _ecs_container_insights(visit: Visit) -> None:
    cluster = cast(ecs.CfnCluster, visit.node)
    settings = list_entries(read(visit.props, "clusterSettings"))
    if settings is None:
        return
    for index, setting in enumerate(settings):
        if read(setting, "name") == "containerInsights":
            value = read(setting, "value")
            if value not in ("enabled", "enhanced"):
                path = f"ClusterSettings.{index}.Value"
                visit.change(
                    f"ClusterSettings[{index}].Value",
                    value,
                    "enabled",
                    functools.partial(cluster.add_property_override, path, "enabled"),
                )
            return
    wanted = ecs.CfnCluster.ClusterSettingsProperty(name="containerInsights", value="enabled")
    visit.change(
        f"ClusterSettings[{len(settings)}].Value",
        None,
        "enabled",
        lambda: setattr(cluster, "cluster_settings", [*settings, wanted]),
    )


_DESYNC = "routing.http.desync_mitigation_mode"


@applier("ELB.12", elbv2.CfnLoadBalancer)
def _alb_desync_mode(visit: Visit) -> None:
    lb = cast(elbv2.CfnLoadBalancer, visit.node)
    if read(visit.props, "type") not in (None, "application"):
        return
    prop = f"LoadBalancerAttributes[{_DESYNC}]"
    raw = visit.props.get("loadBalancerAttributes")
    l2 = l2_scope(lb, elbv2.BaseLoadBalancer)
    if plain(raw) is OPAQUE and l2 is not None:
        # The L2 renders its attributes from a live map (nothing cached), so resolving them
        # here has no side effect; its set_attribute keeps them in one place.
        resolved = list_entries(cdk.Stack.of(lb).resolve(raw))
        if resolved is not None:
            mode = next((read(a, "value") for a in resolved if read(a, "key") == _DESYNC), None)
            if mode not in ("defensive", "strictest"):
                visit.change(
                    prop, mode, "defensive", lambda: l2.set_attribute(_DESYNC, "defensive")
                )
        return
    attributes = list_entries(plain(raw))
    if attributes is None:
        return
    for index, attribute in enumerate(attributes):
        if read(attribute, "key") == _DESYNC:
            value = read(attribute, "value")
            if value not in ("defensive", "strictest"):
                path = f"LoadBalancerAttributes.{index}.Value"
                visit.change(
                    prop,
                    value,
                    "defensive",
                    functools.partial(lb.add_property_override, path, "defensive"),
                )
            return
    wanted = elbv2.CfnLoadBalancer.LoadBalancerAttributeProperty(key=_DESYNC, value="defensive")
    visit.change(
        prop,
        None,
        "defensive",
        lambda: setattr(lb, "load_balancer_attributes", [*attributes, wanted]),
    )


@applier("ECS.5", ecs.CfnTaskDefinition)
def _ecs_read_only_root(visit: Visit) -> None:
    task = cast(ecs.CfnTaskDefinition, visit.node)
    family = read(visit.props, "runtimePlatform.operatingSystemFamily")
    if family is OPAQUE or (isinstance(family, str) and family.startswith("WINDOWS_SERVER")):
        return
    containers = read(visit.props, "containerDefinitions")
    l2 = l2_scope(task, ecs.TaskDefinition)
    values: list[Any] = []
    if containers is OPAQUE and l2 is not None:
        # The L2 renders its containers lazily and caches the result: ask each container for
        # its definition rather than resolving (and freezing) the task's property.
        values = [
            plain(c.render_container_definition().readonly_root_filesystem) for c in l2._containers
        ]
    elif isinstance(containers, list):
        values = [read(c, "readonlyRootFilesystem") for c in containers]
    for index, value in enumerate(values):
        if value is not True:
            path = f"ContainerDefinitions.{index}.ReadonlyRootFilesystem"
            visit.change(
                f"ContainerDefinitions[{index}].ReadonlyRootFilesystem",
                value,
                True,
                functools.partial(task.add_property_override, path, True),
            )


LIFECYCLE_RULE_ID = "FsbpDefaults-S3.13"


@applier("S3.13", s3.CfnBucket)
def _s3_lifecycle(visit: Visit) -> None:
    bucket = cast(s3.CfnBucket, visit.node)
    aspect = visit.aspect
    rule = aspect._lifecycle_rule()
    raw = visit.props.get("lifecycleConfiguration")
    l2 = l2_scope(bucket, s3.Bucket)
    if plain(raw) is OPAQUE and l2 is not None:
        # The L2 renders its rules from a live list (nothing cached), so resolving them here
        # has no side effect; its add_lifecycle_rule keeps them in one place.
        raw = cdk.Stack.of(bucket).resolve(raw)

        def apply() -> None:
            l2.add_lifecycle_rule(
                id=LIFECYCLE_RULE_ID,
                expiration=aspect.bucket_expiration,
                abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
            )
    else:

        def apply() -> None:
            if raw is None:
                bucket.lifecycle_configuration = s3.CfnBucket.LifecycleConfigurationProperty(
                    rules=[
                        s3.CfnBucket.RuleProperty(
                            id=LIFECYCLE_RULE_ID,
                            status="Enabled",
                            expiration_in_days=aspect._expiration_days,
                            abort_incomplete_multipart_upload=(
                                s3.CfnBucket.AbortIncompleteMultipartUploadProperty(
                                    days_after_initiation=7
                                )
                            ),
                        )
                    ]
                )
            else:
                bucket.add_property_override(
                    f"LifecycleConfiguration.Rules.{len(rules or [])}", rule
                )

    config = plain(raw)
    rules = list_entries(read(config, "rules"))
    if config is OPAQUE or rules is None:
        return
    statuses = [read(r, "status") for r in rules]
    if "Enabled" not in statuses and OPAQUE not in statuses:
        visit.change(
            "LifecycleConfiguration.Rules", None if config is None else statuses, [rule], apply
        )
