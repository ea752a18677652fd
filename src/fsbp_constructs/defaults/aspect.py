"""``FsbpDefaults``: an aspect that gives existing and third-party resources compliant defaults.

Most resources of a real app come from aspect-unaware code: ``ecs_patterns``, AWS Solutions
Constructs, a team's own constructs, raw L1s. ``FsbpDefaults`` visits their L1 resources and
sets the compliant value of a property wherever the property is **absent**::

    Aspects.of(app).add(FsbpDefaults())                       # the safe fixes
    Aspects.of(app).add(FsbpDefaults(opt_in=["ECS.5"]))       # plus read-only root filesystems

What a fix sets, whether it is safe (on by default) or opt-in, and what it can break is the
control's :class:`~fsbp_constructs.engine.registry.Remedy`, declared with the control in
``fsbp_constructs.controls``. The aspect applies a remedy generically (the CloudFormation
properties it names, where they are absent); a few fixes need to know the L2 that made the
resource and are written here (:func:`_applier`). :data:`FIXES` and ``docs/remediation.md``
are derived from the declarations. Rules the aspect follows:

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
import importlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import aws_cdk as cdk
import constructs
import jsii
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_s3 as s3

from ..catalog import CATALOG, unknown_control_message
from ..controls import REGISTRY
from ..engine.registry import Remedy, Status
from ..engine.values import Undecidable, Unresolved, View

__all__ = ["FIXES", "REPORT_FILE", "Change", "Fix", "FsbpDefaults"]

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
    """How the aspect remediates one control on one resource type (derived from its Remedy)."""

    control: str
    #: CloudFormation resource type.
    resource_type: str
    #: The jsii name of the L1 class visited (``aws-cdk-lib.aws_ecr.CfnRepository``): a name,
    #: not the class, so that importing the aspect imports none of aws-cdk-lib's service
    #: modules (those of all the remedies took 1.6 s with Python's bytecode cache, 11 s without).
    cfn_type: str
    remedy: Remedy
    apply: Callable[[_Visit], None]

    @property
    def cfn_class(self) -> type[cdk.CfnResource]:
        """The L1 class visited (importing its service module)."""
        module, _, name = self.cfn_type.removeprefix("aws-cdk-lib.").rpartition(".")
        found: type[cdk.CfnResource] = getattr(importlib.import_module(f"aws_cdk.{module}"), name)
        return found

    @property
    def safe(self) -> bool:
        """On by default: a property value, no new resource, nothing a workload notices."""
        return self.remedy.safe

    @property
    def sets(self) -> str:
        return self.remedy.text

    @property
    def can_break(self) -> str:
        return self.remedy.breaks


#: Hand-written appliers, by control id: the fixes that need to know the L2.
_APPLIERS: dict[str, tuple[str, Callable[[_Visit], None]]] = {}


def _applier(
    control: str, cfn_class: type[cdk.CfnResource]
) -> Callable[[Callable[[_Visit], None]], Callable[[_Visit], None]]:
    def register(apply: Callable[[_Visit], None]) -> Callable[[_Visit], None]:
        _APPLIERS[control] = (vars(cfn_class)["__jsii_type__"], apply)
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


# --------------------------------------------------------------------------- fixes that need the L2


_KINESIS_AWS_KEY = {"EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}
#: The Regions where aws-cdk-lib's ``kinesis.Stream`` leaves streams unencrypted, and the
#: condition it shares per stack for Region-agnostic stacks; FsbpDefaults does the same.
_KINESIS_UNSUPPORTED = ("cn-north-1", "cn-northwest-1")
_KINESIS_CONDITION = "AwsCdkKinesisEncryptedStreamsUnsupportedRegions"


@_applier("Kinesis.1", kinesis.CfnStream)
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


@_applier("ECS.12", ecs.CfnCluster)
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


@_applier("ELB.12", elbv2.CfnLoadBalancer)
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


@_applier("ECS.5", ecs.CfnTaskDefinition)
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


_LIFECYCLE_RULE_ID = "FsbpDefaults-S3.13"


@_applier("S3.13", s3.CfnBucket)
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


# --------------------------------------------------------------------------- generic fixes


def _key(props: Any, cfn_name: str) -> str | None:
    """The jsii name under which an L1 keeps the CloudFormation property ``cfn_name``
    (``OriginSSLProtocols`` is ``originSslProtocols``): names differ only in case."""
    if not isinstance(props, dict):
        return None
    wanted = cfn_name.lower()
    return next((k for k in props if k.lower() == wanted), None)


def _locate(props: Any, path: str) -> list[tuple[str, str, Any]]:
    """Where a remedy's ``path`` lands in an L1's properties: ``(override path, shown path,
    current value)`` for each place (``[*]`` crosses a list: each item). After a list, the
    value is only set where its parent object already exists (a custom origin's config, not
    every origin). :data:`OPAQUE` marks a place that cannot be read (a token)."""
    places: list[tuple[str, str, Any, bool]] = [("", "", props, True)]
    for segment in path.split("."):
        name, _, star = segment.partition("[")
        next_places: list[tuple[str, str, Any, bool]] = []
        for override, shown, value, create in places:
            override = f"{override}.{name}" if override else name
            shown = f"{shown}.{name}" if shown else name
            value = _plain(value)
            if value is OPAQUE:
                next_places.append((override, shown, OPAQUE, False))
                continue
            key = _key(value, name)
            child = None if key is None else _plain(value[key])
            if value is None and not create:
                continue
            if star:
                if child is OPAQUE:
                    next_places.append((override, shown, OPAQUE, False))
                for index, item in enumerate(child if isinstance(child, list) else []):
                    next_places.append((f"{override}.{index}", f"{shown}[{index}]", item, False))
            else:
                next_places.append((override, shown, child, create))
        places = next_places
    return [(override, shown, value) for override, shown, value, _ in places]


def _generic(remedy: Remedy) -> Callable[[_Visit], None]:
    """Set each property of ``remedy`` where it is absent (or differs, under ``overwrite``);
    properties it maps to ``None`` are removed when anything was set."""

    def apply(visit: _Visit) -> None:
        changed = False
        for path, value in remedy.sets.items():
            if value is None:
                continue
            for override, shown, old in _locate(visit.props, path):
                if old == value:
                    continue
                changed |= visit.change(
                    shown,
                    old,
                    value,
                    functools.partial(visit.node.add_property_override, override, value),
                )
        if changed:
            for path, value in remedy.sets.items():
                if value is None and any(
                    old is not None for _, _, old in _locate(visit.props, path)
                ):
                    visit.node.add_property_deletion_override(path)

    return apply


def _l1_type(resource_type: str) -> str:
    """``AWS::ECR::Repository`` -> ``aws-cdk-lib.aws_ecr.CfnRepository`` (jsii's name of the
    L1 class; ``tests/test_aspect.py`` checks that each names a class of aws-cdk-lib)."""
    _, service, name = resource_type.split("::")
    return f"aws-cdk-lib.aws_{service.lower()}.Cfn{name}"


def _derive_fixes() -> list[Fix]:
    fixes = []
    for rule in REGISTRY.values():
        if rule.remedy is None:
            continue
        resource_type = rule.resource_types[0]
        if rule.id in _APPLIERS:
            cfn_type, apply = _APPLIERS[rule.id]
        else:
            cfn_type, apply = _l1_type(resource_type), _generic(rule.remedy)
        fixes.append(Fix(rule.id, resource_type, cfn_type, rule.remedy, apply))
    return fixes


#: Every fix, in the order of the registry (and of ``docs/remediation.md``).
FIXES: list[Fix] = _derive_fixes()
_BY_TYPE: dict[str, list[Fix]] = {}
for _f in FIXES:
    _BY_TYPE.setdefault(_f.cfn_type, []).append(_f)


# --------------------------------------------------------------------------- remedy scopes


class _Caseless(dict[str, Any]):
    """An L1's properties read by their CloudFormation names: an L1 keeps them under jsii
    names, which differ only in case (``originSslProtocols`` is ``OriginSSLProtocols``)."""

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower(), default)


def _readable(value: Any) -> Any:
    """An L1 property value for a scope check: CDK tokens become :class:`Unresolved`."""
    value = _plain(value)
    if value is OPAQUE:
        return Unresolved("a CDK token, resolved only when the template is written")
    if isinstance(value, dict):
        return _Caseless({str(k).lower(): _readable(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_readable(v) for v in value]
    return value


def _in_scope(fix: Fix, props: View) -> bool:
    """Whether ``fix``'s remedy suits this resource: its scope passes on the L1's own
    properties. Out of scope, or undecided (a token), the resource is left alone."""
    assert fix.remedy.when is not None
    params = {p.name: p.default for p in REGISTRY[fix.control].parameters}
    try:
        verdict = fix.remedy.when.evaluate(props, params)
    except Undecidable:
        return False
    return verdict.status is Status.PASS


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
            f"{option}: {unknown_control_message(control_id, fixed)}; controls "
            f"with a fix: {', '.join(fixed)}"
        )
    return ids


@jsii.implements(cdk.IAspect)
class FsbpDefaults:
    """Sets compliant values on L1 resources wherever the property is absent.

    Add it to the app (or a stack) before synthesis::

        Aspects.of(app).add(FsbpDefaults(opt_in=["ECR.2"], overwrite=["ECR.1"]))

    Safe fixes are on by default; the others are opt-in by control id. :attr:`controls` lists
    the fixes that apply; ``docs/remediation.md`` (generated from the controls' remedies) says
    what each sets and can break.

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

    @staticmethod
    def inject(scope: constructs.IConstruct, *, exclude: Sequence[type[Any]] = ()) -> None:
        """Give every injectable L2 created under ``scope`` from now on the Secure
        constructs' defaults (CDK property injectors), pattern libraries included::

            FsbpDefaults.inject(app)   # before the stacks are built

        Call it before the constructs are created. See
        :mod:`fsbp_constructs.defaults.injectors` for the L2s and what they get.

        :param exclude: L2 classes to leave alone, e.g. ``[ecs.ContainerDefinition]``.
        """
        from .injectors import inject

        inject(scope, exclude=exclude)

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
        for cls in type(node).__mro__:  # a subclass of an L1 gets the L1's fixes
            fixes = _BY_TYPE.get(cls.__dict__.get("__jsii_type__", ""))
            if fixes:
                break
        if not fixes:
            return
        enabled = [fix for fix in fixes if fix.control in self._enabled]
        if not enabled:
            return
        node = cast(cdk.CfnResource, node)
        props: dict[str, Any] = dict(node._cfn_properties)
        readable: View | None = None  # read only for a remedy with a scope
        for fix in enabled:
            if fix.remedy.when is not None:
                if readable is None:
                    readable = View(_readable(props))
                if not _in_scope(fix, readable):
                    continue
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
            path = outdir / REPORT_FILE
            path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
            print(summary_line(self.report.changes, path), file=sys.stderr)
        return []


def summary_line(changes: Sequence[Change], path: Path) -> str:
    """What ``cdk synth`` shows of the aspect's work: the count by control, and the report.
    (CDK CLI 2.1148 does not print info annotations; it passes the app's stderr through.)"""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.control] = counts.get(change.control, 0) + 1
    by_control = ", ".join(f"{control} {count}" for control, count in counts.items())
    head = f"FsbpDefaults: {len(changes)} change{'s' if len(changes) != 1 else ''}"
    return f"{head} ({by_control}); see {path}" if changes else f"{head}; see {path}"
