"""``FsbpDefaults``: an aspect that gives existing and third-party resources compliant defaults.

Most resources of a real app come from aspect-unaware code: ``ecs_patterns``, AWS Solutions
Constructs, a team's own constructs, raw L1s. ``FsbpDefaults`` visits their L1 resources and
sets the compliant value of a property wherever the property is **absent**::

    Aspects.of(app).add(FsbpDefaults())                       # the safe fixes
    Aspects.of(app).add(FsbpDefaults(opt_in=["ECS.5"]))       # plus read-only root filesystems

Each fix is declared once, in :data:`FIXES`, with its control id, its resource type, whether it
is safe (on by default) or opt-in, what it sets and what it can break; the same table is
``docs/remediation.md``. Rules the aspect follows:

- A value set explicitly (by the user or by an L2) is kept, unless the control is named in
  ``overwrite``. Values the aspect cannot read at synth (tokens, intrinsic functions) are
  always kept; ``FsbpChecks`` reports them as it finds them.
- A resource whose control is acknowledged (``Validations.of(x).acknowledge(...)`` with
  ``FSBP::FSBP-<id>`` or ``FSBP-<id>``, on the resource or any ancestor) is left alone.
- Every change is reported: an info annotation on the resource, :attr:`FsbpDefaults.changes`,
  and ``fsbp-defaults.json`` in the app's output directory (``cdk.out``).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import aws_cdk as cdk
import constructs
import jsii
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3

from .catalog import CATALOG, _unknown_control_message

__all__ = ["FIXES", "Change", "Fix", "FsbpDefaults", "remediation_table"]

#: The name of the change report written to the app's output directory.
REPORT_FILE = "fsbp-defaults.json"


class _Opaque:
    """A value the aspect cannot read at synth: a token, an intrinsic function."""

    def __repr__(self) -> str:
        return "<unreadable>"


OPAQUE: Any = _Opaque()

_TOKEN = re.compile(r"[$#]\{Token\[")


@dataclass(frozen=True)
class Change:
    """One property the aspect set: where, for which control, from what to what."""

    #: Construct path of the L1 resource.
    path: str
    #: The FSBP control id the change satisfies.
    control: str
    #: CloudFormation property path, e.g. ``ImageScanningConfiguration.ScanOnPush``.
    prop: str
    #: The value before (``None``: absent).
    old: Any
    #: The value set.
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "control": self.control,
            "property": self.prop,
            "old": self.old,
            "new": self.new,
        }

    @property
    def message(self) -> str:
        old = "absent" if self.old is None else json.dumps(self.old)
        return (
            f"FsbpDefaults set {self.prop} to {json.dumps(self.new)} for FSBP "
            f"{self.control} (was {old})"
        )


@dataclass(frozen=True)
class Fix:
    """How the aspect remediates one control on one resource type."""

    control: str
    #: CloudFormation resource type.
    resource_type: str
    #: The L1 class visited.
    cfn_class: type[cdk.CfnResource]
    #: On by default (a property value, no new resource, nothing a running workload notices);
    #: otherwise opt-in by control id.
    safe: bool
    #: What the fix sets (Markdown).
    sets: str
    #: What the fix can break, or cost (Markdown).
    can_break: str
    apply: Callable[[_Visit], None]


#: Every fix, in the order of ``docs/remediation.md``.
FIXES: list[Fix] = []


def _fix(
    control: str,
    resource_type: str,
    cfn_class: type[cdk.CfnResource],
    *,
    safe: bool,
    sets: str,
    can_break: str,
) -> Callable[[Callable[[_Visit], None]], Callable[[_Visit], None]]:
    def register(apply: Callable[[_Visit], None]) -> Callable[[_Visit], None]:
        FIXES.append(Fix(control, resource_type, cfn_class, safe, sets, can_break, apply))
        return apply

    return register


def _plain(value: Any) -> Any:
    """A property value as read from ``_cfn_properties``, or :data:`OPAQUE` for a token."""
    if value is None or isinstance(value, (bool, int, float, list, dict)):
        return value
    if isinstance(value, str):
        return OPAQUE if _TOKEN.search(value) else value
    return OPAQUE  # an IResolvable: Lazy, intrinsic function, CDK token object


def _get(value: Any, path: str) -> Any:
    """``path`` (dotted jsii names, e.g. ``metadataOptions.httpTokens``) inside ``value``:
    ``None`` when absent, :data:`OPAQUE` when a token is on the way."""
    value = _plain(value)
    for key in path.split("."):
        if value is None or value is OPAQUE:
            return value
        if not isinstance(value, dict):
            return OPAQUE
        value = _plain(value.get(key))
    return value


class _Visit:
    """One fix on one resource: its properties, and whether and how a change is made."""

    def __init__(
        self, aspect: FsbpDefaults, node: cdk.CfnResource, fix: Fix, props: dict[str, Any]
    ) -> None:
        self.aspect = aspect
        self.node = node
        self.control = fix.control
        #: The L1's properties by jsii name, as set (``_cfn_properties``). Reading them never
        #: fails, unlike the typed attributes, which raise for values an L2 stored untyped; a
        #: jsii error inside an aspect callback would fail the synth even when caught.
        self.props = props
        self.overwrite = fix.control in aspect.overwrite
        self._acknowledged: bool | None = None

    def change(
        self,
        prop: str,
        old: Any,
        new: Any,
        apply: Callable[[], object],
        *,
        explicit: bool | None = None,
    ) -> bool:
        """Apply and report a change if allowed; return whether it was made.

        ``old`` is the noncompliant value (``None``: absent). A set value (``explicit``,
        default: ``old is not None``) is replaced only under ``overwrite``; a token never.
        """
        explicit = old is not None if explicit is None else explicit
        if old is OPAQUE or (explicit and not self.overwrite):
            return False
        if self._acknowledged is None:
            self._acknowledged = _acknowledged(self.node, self.control)
        if self._acknowledged:
            return False
        apply()
        self.aspect._record(self.node, Change(self.node.node.path, self.control, prop, old, new))
        return True


def _acknowledged(node: constructs.IConstruct, control: str) -> bool:
    """Acknowledged on the node or an ancestor, as ``FSBP::FSBP-<id>`` (CDK's form) or
    ``FSBP-<id>`` (stored as ``Annotation::FSBP-<id>``)."""
    ids = set(CATALOG[control].acknowledgment_ids)
    for scope in node.node.scopes:
        for entry in scope.node.metadata:
            if (
                entry.type == cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY
                and isinstance(entry.data, dict)
                and ids.intersection(entry.data)
            ):
                return True
    return False


def _l2_scope(node: cdk.CfnResource, l2_class: type[Any]) -> Any:
    """The L2 whose primary resource ``node`` is, if it is an ``l2_class``."""
    scope = node.node.scope
    if isinstance(scope, l2_class) and node.node.id == "Resource":
        return scope
    return None


def _list_entries(value: Any) -> list[dict[str, Any]] | None:
    """A list property whose entries can all be read, else ``None``."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return None
    return value


# --------------------------------------------------------------------------- safe fixes


@_fix(
    "ECR.1",
    "AWS::ECR::Repository",
    ecr.CfnRepository,
    safe=True,
    sets="`ImageScanningConfiguration.ScanOnPush: true`",
    can_break="Nothing. Basic scanning has no charge and only reports findings.",
)
def _ecr_scan_on_push(visit: _Visit) -> None:
    repo = cast(ecr.CfnRepository, visit.node)
    old = _get(visit.props, "imageScanningConfiguration.scanOnPush")
    if old is not True:
        visit.change(
            "ImageScanningConfiguration.ScanOnPush",
            old,
            True,
            lambda: setattr(
                repo,
                "image_scanning_configuration",
                ecr.CfnRepository.ImageScanningConfigurationProperty(scan_on_push=True),
            ),
        )


_KINESIS_AWS_KEY = {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}
#: The Regions where aws-cdk-lib's ``kinesis.Stream`` leaves streams unencrypted, and the
#: condition it shares per stack for Region-agnostic stacks; FsbpDefaults does the same.
_KINESIS_UNSUPPORTED = ("cn-north-1", "cn-northwest-1")
_KINESIS_CONDITION = "AwsCdkKinesisEncryptedStreamsUnsupportedRegions"


@_fix(
    "Kinesis.1",
    "AWS::Kinesis::Stream",
    kinesis.CfnStream,
    safe=True,
    sets="`StreamEncryption` KMS with the AWS managed key `alias/aws/kinesis`; in a "
    "Region-agnostic stack behind the China-Region condition `kinesis.Stream` uses, "
    "nothing in cn-north-1 and cn-northwest-1. A `kinesis.Stream` left unencrypted "
    "on purpose (`StreamEncryption.UNENCRYPTED`) counts as explicit",
    can_break="Nothing for producers and consumers: the AWS managed key needs no key "
    "policy or IAM change. Encryption starts in place, without interruption; "
    "KMS request charges apply.",
)
def _kinesis_encryption(visit: _Visit) -> None:
    stream = cast(kinesis.CfnStream, visit.node)
    old = _get(visit.props, "streamEncryption")
    if _get(old, "encryptionType") == "KMS":
        return
    # kinesis.Stream always sets StreamEncryption unless told UNENCRYPTED.
    explicit = old is not None or _l2_scope(stream, kinesis.Stream) is not None
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


@_fix(
    "ECS.12",
    "AWS::ECS::Cluster",
    ecs.CfnCluster,
    safe=True,
    sets="the `containerInsights` cluster setting `enabled`",
    can_break="Nothing running. Container Insights is billed as CloudWatch custom metrics "
    "and logs; `exclude=['ECS.12']` if that cost is not wanted.",
)
def _ecs_container_insights(visit: _Visit) -> None:
    cluster = cast(ecs.CfnCluster, visit.node)
    settings = _list_entries(_get(visit.props, "clusterSettings"))
    if settings is None:
        return
    for index, setting in enumerate(settings):
        if _get(setting, "name") == "containerInsights":
            value = _get(setting, "value")
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


@_fix(
    "ELB.12",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    elbv2.CfnLoadBalancer,
    safe=True,
    sets=f"the `{_DESYNC}` attribute `defensive` on Application Load Balancers that do not set it",
    can_break="Nothing: `defensive` is the service default; the fix makes it explicit so "
    "that a change to `monitor` shows in the template.",
)
def _alb_desync_mode(visit: _Visit) -> None:
    lb = cast(elbv2.CfnLoadBalancer, visit.node)
    if _get(visit.props, "type") not in (None, "application"):
        return
    prop = f"LoadBalancerAttributes[{_DESYNC}]"
    raw = visit.props.get("loadBalancerAttributes")
    l2 = _l2_scope(lb, elbv2.BaseLoadBalancer)
    if _plain(raw) is OPAQUE and l2 is not None:
        # The L2 renders its attributes from a live map (nothing cached), so resolving them
        # here has no side effect; its set_attribute keeps them in one place.
        resolved = _list_entries(cdk.Stack.of(lb).resolve(raw))
        if resolved is not None:
            mode = next((_get(a, "value") for a in resolved if _get(a, "key") == _DESYNC), None)
            if mode not in ("defensive", "strictest"):
                visit.change(
                    prop, mode, "defensive", lambda: l2.set_attribute(_DESYNC, "defensive")
                )
        return
    attributes = _list_entries(_plain(raw))
    if attributes is None:
        return
    for index, attribute in enumerate(attributes):
        if _get(attribute, "key") == _DESYNC:
            value = _get(attribute, "value")
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


# --------------------------------------------------------------------------- opt-in fixes


@_fix(
    "ECS.5",
    "AWS::ECS::TaskDefinition",
    ecs.CfnTaskDefinition,
    safe=False,
    sets="`ReadonlyRootFilesystem: true` on every container definition that does not set "
    "it (Windows task definitions are skipped)",
    can_break="Any container that writes outside its volumes (`/tmp`, caches, pid files, "
    "e.g. nginx's `/var/cache/nginx`) fails at run time. Mount writable paths "
    "as volumes first.",
)
def _ecs_read_only_root(visit: _Visit) -> None:
    task = cast(ecs.CfnTaskDefinition, visit.node)
    family = _get(visit.props, "runtimePlatform.operatingSystemFamily")
    if family is OPAQUE or (isinstance(family, str) and family.startswith("WINDOWS_SERVER")):
        return
    containers = _get(visit.props, "containerDefinitions")
    l2 = _l2_scope(task, ecs.TaskDefinition)
    values: list[Any] = []
    if containers is OPAQUE and l2 is not None:
        # The L2 renders its containers lazily and caches the result: ask each container for
        # its definition rather than resolving (and freezing) the task's property.
        values = [
            _plain(c.render_container_definition().readonly_root_filesystem) for c in l2._containers
        ]
    elif isinstance(containers, list):
        values = [_get(c, "readonlyRootFilesystem") for c in containers]
    for index, value in enumerate(values):
        if value is not True:
            path = f"ContainerDefinitions.{index}.ReadonlyRootFilesystem"
            visit.change(
                f"ContainerDefinitions[{index}].ReadonlyRootFilesystem",
                value,
                True,
                functools.partial(task.add_property_override, path, True),
            )


@_fix(
    "ECR.2",
    "AWS::ECR::Repository",
    ecr.CfnRepository,
    safe=False,
    sets="`ImageTagMutability: IMMUTABLE` (under `overwrite`, a `*_WITH_EXCLUSION` value "
    "loses its `ImageTagMutabilityExclusionFilters`)",
    can_break="Pushing an existing tag again fails: pipelines that move `latest` or an "
    "environment tag must push new tags instead.",
)
def _ecr_immutable_tags(visit: _Visit) -> None:
    repo = cast(ecr.CfnRepository, visit.node)
    old = _get(visit.props, "imageTagMutability")
    if old == "IMMUTABLE":
        return
    filters = visit.props.get("imageTagMutabilityExclusionFilters")

    def immutable() -> None:
        repo.image_tag_mutability = "IMMUTABLE"
        if filters is not None:
            repo.image_tag_mutability_exclusion_filters = None

    visit.change("ImageTagMutability", old, "IMMUTABLE", immutable)


_LIFECYCLE_RULE_ID = "FsbpDefaults-S3.13"


@_fix(
    "S3.13",
    "AWS::S3::Bucket",
    s3.CfnBucket,
    safe=False,
    sets=f"a lifecycle rule `{_LIFECYCLE_RULE_ID}` on a bucket without an enabled rule: "
    "abort incomplete multipart uploads after 7 days, and expire objects after "
    "`bucket_expiration` when given",
    can_break="CloudFormation then owns the bucket's whole lifecycle configuration: rules "
    "set outside the template are replaced. Multipart uploads running longer than "
    "7 days are aborted; with `bucket_expiration`, objects are deleted.",
)
def _s3_lifecycle(visit: _Visit) -> None:
    bucket = cast(s3.CfnBucket, visit.node)
    aspect = visit.aspect
    rule = aspect._lifecycle_rule()
    raw = visit.props.get("lifecycleConfiguration")
    l2 = _l2_scope(bucket, s3.Bucket)
    if _plain(raw) is OPAQUE and l2 is not None:
        # The L2 renders its rules from a live list (nothing cached), so resolving them here
        # has no side effect; its add_lifecycle_rule keeps them in one place.
        raw = cdk.Stack.of(bucket).resolve(raw)

        def apply() -> None:
            l2.add_lifecycle_rule(
                id=_LIFECYCLE_RULE_ID,
                expiration=aspect.bucket_expiration,
                abort_incomplete_multipart_upload_after=cdk.Duration.days(7),
            )
    else:

        def apply() -> None:
            if raw is None:
                bucket.lifecycle_configuration = s3.CfnBucket.LifecycleConfigurationProperty(
                    rules=[
                        s3.CfnBucket.RuleProperty(
                            id=_LIFECYCLE_RULE_ID,
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

    config = _plain(raw)
    rules = _list_entries(_get(config, "rules"))
    if config is OPAQUE or rules is None:
        return
    statuses = [_get(r, "status") for r in rules]
    if "Enabled" not in statuses and OPAQUE not in statuses:
        visit.change(
            "LifecycleConfiguration.Rules", None if config is None else statuses, [rule], apply
        )


_IMDS_BREAKS = (
    "Software on the instances that calls the instance metadata service without a "
    "session token (IMDSv1: old AWS SDKs and agents, plain `curl` scripts) gets "
    "HTTP 401."
)


@_fix(
    "AutoScaling.3",
    "AWS::AutoScaling::LaunchConfiguration",
    autoscaling.CfnLaunchConfiguration,
    safe=False,
    sets="`MetadataOptions.HttpTokens: required` (IMDSv2 only)",
    can_break=_IMDS_BREAKS,
)
def _launch_configuration_imdsv2(visit: _Visit) -> None:
    config = cast(autoscaling.CfnLaunchConfiguration, visit.node)
    old = _get(visit.props, "metadataOptions.httpTokens")
    if old != "required":
        visit.change(
            "MetadataOptions.HttpTokens",
            old,
            "required",
            lambda: config.add_property_override("MetadataOptions.HttpTokens", "required"),
        )


@_fix(
    "EC2.170",
    "AWS::EC2::LaunchTemplate",
    ec2.CfnLaunchTemplate,
    safe=False,
    sets="`LaunchTemplateData.MetadataOptions.HttpTokens: required` (IMDSv2 only); "
    "`FsbpChecks` does not check EC2.170",
    can_break=_IMDS_BREAKS,
)
def _launch_template_imdsv2(visit: _Visit) -> None:
    template = cast(ec2.CfnLaunchTemplate, visit.node)
    old = _get(visit.props, "launchTemplateData.metadataOptions.httpTokens")
    if old != "required":
        path = "LaunchTemplateData.MetadataOptions.HttpTokens"
        visit.change(
            path, old, "required", lambda: template.add_property_override(path, "required")
        )


@_fix(
    "CloudFront.10",
    "AWS::CloudFront::Distribution",
    cloudfront.CfnDistribution,
    safe=False,
    sets="`OriginSSLProtocols: [TLSv1.2]` on each custom origin that lists `SSLv3` or "
    "sets no protocols",
    can_break="Origins that cannot negotiate TLS 1.2 become unreachable from CloudFront "
    "(HTTP 502).",
)
def _cloudfront_origin_tls(visit: _Visit) -> None:
    distribution = cast(cloudfront.CfnDistribution, visit.node)
    origins = _get(visit.props, "distributionConfig.origins")
    if not isinstance(origins, list):
        return
    for index, origin in enumerate(origins):
        custom = _get(origin, "customOriginConfig")
        if custom is None or custom is OPAQUE:
            continue
        protocols = _get(custom, "originSslProtocols")
        if isinstance(protocols, list) and "SSLv3" not in protocols:
            continue
        path = f"DistributionConfig.Origins.{index}.CustomOriginConfig.OriginSSLProtocols"
        visit.change(
            path.replace(f".{index}.", f"[{index}]."),
            protocols,
            ["TLSv1.2"],
            functools.partial(distribution.add_property_override, path, ["TLSv1.2"]),
        )


@_fix(
    "EC2.23",
    "AWS::EC2::TransitGateway",
    ec2.CfnTransitGateway,
    safe=False,
    sets="`AutoAcceptSharedAttachments: disable` where it is `enable`; absent is already "
    "compliant, so this fix only acts under `overwrite`",
    can_break="Attachment requests from accounts the gateway is shared with wait for manual "
    "acceptance; automation that relied on auto-accept stalls.",
)
def _transit_gateway_auto_accept(visit: _Visit) -> None:
    gateway = cast(ec2.CfnTransitGateway, visit.node)
    old = _get(visit.props, "autoAcceptSharedAttachments")
    if old == "enable":
        visit.change(
            "AutoAcceptSharedAttachments",
            old,
            "disable",
            lambda: setattr(gateway, "auto_accept_shared_attachments", "disable"),
        )


_BY_CLASS: dict[type, list[Fix]] = {}
for _f in FIXES:
    _BY_CLASS.setdefault(_f.cfn_class, []).append(_f)


# --------------------------------------------------------------------------- the aspect


def _control_ids(value: Iterable[str], option: str) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ValueError(
            f"{option} must be a list of control ids, not the string {value!r}; "
            f"write {option}=[{value!r}]"
        )
    fixed = list(dict.fromkeys(f.control for f in FIXES))
    ids = tuple(value)
    for control_id in ids:
        if control_id in fixed:
            continue
        if control_id in CATALOG:
            raise ValueError(
                f"{option}: FsbpDefaults has no fix for {control_id}; controls "
                f"with a fix: {', '.join(fixed)}"
            )
        raise ValueError(
            f"{option}: {_unknown_control_message(control_id, fixed)}; controls "
            f"with a fix: {', '.join(fixed)}"
        )
    return ids


@jsii.implements(cdk.IAspect)
class FsbpDefaults:
    """Sets compliant values on L1 resources wherever the property is absent.

    Add it to the app (or a stack) before synthesis::

        Aspects.of(app).add(FsbpDefaults(opt_in=["ECR.2"], overwrite=["ECR.1"]))

    Safe fixes (on by default): ECR.1 scan on push, Kinesis.1 encryption with the AWS managed
    key, ECS.12 Container Insights, ELB.12 desync mitigation ``defensive`` made explicit.
    Opt-in fixes: ECS.5, ECR.2, S3.13, AutoScaling.3, EC2.170, CloudFront.10, EC2.23. See
    :data:`FIXES` and ``docs/remediation.md`` for what each sets and can break.

    :param opt_in: opt-in fixes to apply, by control id (default: none).
    :param overwrite: controls whose explicitly set, noncompliant values are replaced too
        (default: none; explicit values are kept). Naming an opt-in control here opts in.
    :param exclude: safe fixes not to apply (e.g. ``["ECS.12"]`` to avoid Container Insights
        charges).
    :param bucket_expiration: with the S3.13 fix, the lifecycle rule also expires objects
        after this long (default: objects never expire; only incomplete multipart uploads are
        aborted, after 7 days).
    :raises ValueError: an unknown control id, a control without a fix, an option given as a
        string, a control both excluded and enabled, or an expiration that is not a whole
        number of days.
    """

    def __init__(
        self,
        *,
        opt_in: Sequence[str] = (),
        overwrite: Sequence[str] = (),
        exclude: Sequence[str] = (),
        bucket_expiration: cdk.Duration | None = None,
    ) -> None:
        self.opt_in = _control_ids(opt_in, "opt_in")
        self.overwrite = _control_ids(overwrite, "overwrite")
        self.exclude = _control_ids(exclude, "exclude")
        clash = sorted(set(self.exclude) & (set(self.opt_in) | set(self.overwrite)))
        if clash:
            raise ValueError(
                f"exclude names {', '.join(clash)}, which opt_in or overwrite "
                "enables; name each control in one of them only"
            )
        self.bucket_expiration = bucket_expiration
        self._expiration_days: int | None = None
        if bucket_expiration is not None:
            if not isinstance(bucket_expiration, cdk.Duration):
                raise ValueError(
                    f"bucket_expiration must be a Duration, not {bucket_expiration!r}; "
                    "e.g. Duration.days(365)"
                )
            days = bucket_expiration.to_days(integral=False)
            if days < 1 or days != int(days):
                raise ValueError(
                    "bucket_expiration must be a whole number of days, at least 1 (S3 "
                    f"ExpirationInDays), not {bucket_expiration.to_human_string()}"
                )
            self._expiration_days = int(days)
        enabled = {f.control for f in FIXES if f.safe} | set(self.opt_in) | set(self.overwrite)
        self._enabled = frozenset(enabled - set(self.exclude))
        self._changes: list[Change] = []
        self._report: _Report | None = None

    @property
    def changes(self) -> list[Change]:
        """Every change made so far, in visit order."""
        return list(self._changes)

    @property
    def controls(self) -> list[str]:
        """The control ids whose fixes this aspect applies."""
        return [c for c in dict.fromkeys(f.control for f in FIXES) if c in self._enabled]

    def visit(self, node: constructs.IConstruct) -> None:
        if self._report is None:
            self._report = _Report.of(node.node.root)
        fixes = None
        for cls in type(node).__mro__:
            fixes = _BY_CLASS.get(cls)
            if fixes:
                break
        if not fixes:
            return
        node = cast(cdk.CfnResource, node)
        props: dict[str, Any] | None = None
        for fix in fixes:
            if fix.control in self._enabled:
                if props is None:
                    props = dict(node._cfn_properties)
                fix.apply(_Visit(self, node, fix, props))

    def _record(self, node: cdk.CfnResource, change: Change) -> None:
        self._changes.append(change)
        cdk.Annotations.of(node).add_info(change.message)
        if self._report is not None:
            self._report.changes.append(change)

    def _lifecycle_rule(self) -> dict[str, Any]:
        rule: dict[str, Any] = {
            "Id": _LIFECYCLE_RULE_ID,
            "Status": "Enabled",
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
        }
        if self._expiration_days is not None:
            rule["ExpirationInDays"] = self._expiration_days
        return rule


class _Report(constructs.Construct):
    """The changes of every FsbpDefaults of an app, kept in one child of the app's root.

    Its validation writes them to ``cdk.out/fsbp-defaults.json``: CDK validates the tree once
    per synthesis, after every aspect and before it writes the templates.
    """

    ID = "FsbpDefaultsReport"

    def __init__(self, root: constructs.IConstruct) -> None:
        super().__init__(cast(constructs.Construct, root), self.ID)
        self.root = root
        self.changes: list[Change] = []
        self.node.add_validation(_WriteReport(self))

    @classmethod
    def of(cls, root: constructs.IConstruct) -> _Report:
        found = root.node.try_find_child(cls.ID)
        return found if isinstance(found, _Report) else cls(root)


@jsii.implements(constructs.IValidation)
class _WriteReport:
    def __init__(self, report: _Report) -> None:
        self.report = report

    def validate(self) -> list[str]:
        root = self.report.root
        if isinstance(root, cdk.Stage):
            outdir = Path(root.outdir)
            outdir.mkdir(parents=True, exist_ok=True)
            document = {"version": 1, "changes": [c.to_json() for c in self.report.changes]}
            (outdir / REPORT_FILE).write_text(json.dumps(document, indent=2) + "\n", "utf-8")
        return []


def remediation_table() -> str:
    """The Markdown table of :data:`FIXES`, as ``docs/remediation.md`` shows it."""
    lines = ["| Control | Resource type | Applied | Sets | Can break |", "|---|---|---|---|---|"]
    for fix in FIXES:
        applied = "by default" if fix.safe else "opt-in"
        lines.append(
            f"| {fix.control} | `{fix.resource_type}` | {applied} | {fix.sets} | {fix.can_break} |"
        )
    return "\n".join(lines)
