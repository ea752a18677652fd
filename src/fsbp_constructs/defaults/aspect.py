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
resource and are written in :mod:`.fixers`. :data:`FIXES` and ``docs/remediation.md``
are derived from the declarations. Rules the aspect follows:

- A value set explicitly (by the user or by an L2) is kept, unless the control is named in
  ``overwrite``. Values the aspect cannot read at synth (tokens, intrinsic functions) are
  always kept; ``FsbpChecks`` reports them as it finds them. A token that resolves to nothing
  (an L2's lazy prop left unset) is absent, as it is in the template.
- A resource whose control is acknowledged (``Validations.of(x).acknowledge(...)`` with
  ``FSBP::FSBP-<id>`` or ``FSBP-<id>``, on the resource or any ancestor) is left alone.
- Every change is reported: an info annotation on the resource, :attr:`FsbpDefaults.changes`,
  and ``fsbp-defaults.json`` in the app's output directory (``cdk.out``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

import aws_cdk as cdk
import constructs
import jsii

from ..catalog import CATALOG, unknown_control_message
from ..controls import REGISTRY
from ..engine.registry import Status
from ..engine.values import Undecidable, Unresolved, View
from .fixers import LIFECYCLE_RULE_ID  # importing .fixers registers the fixes that need the L2
from .remedy import APPLIERS, OPAQUE, Change, Fix, Visit, generic, l1_type, plain
from .report import REPORT_FILE, ChangeReport

__all__ = ["FIXES", "REPORT_FILE", "Change", "Fix", "FsbpDefaults"]


def _derive_fixes() -> list[Fix]:
    fixes = []
    for rule in REGISTRY.values():
        if rule.remedy is None:
            continue
        resource_type = rule.resource_types[0]
        if rule.id in APPLIERS:
            cfn_type, apply = APPLIERS[rule.id]
        else:
            cfn_type, apply = l1_type(resource_type), generic(rule.remedy)
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
    value = plain(value)
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


def _absent_tokens_dropped(
    node: cdk.CfnResource, props: dict[str, Any], fixes: Sequence[Fix]
) -> dict[str, Any]:
    """``props`` without the tokens that resolve to nothing: an L2 passes some props as a
    lazy value that is empty unless set (``rds.DatabaseInstance`` so passes
    ``enableIamDatabaseAuthentication``), and such a property is absent in the template, so
    it is absent for the fixes too. Only top-level properties that a fix sets are resolved
    (one jsii call each); lists and objects are not, since an L2 may render them once and
    cache the result."""
    wanted = {
        path.lower() for fix in fixes for path in fix.remedy.sets if not set(path) & set(".[")
    }
    tokens = [k for k, v in props.items() if k.lower() in wanted and plain(v) is OPAQUE]
    if tokens:
        stack = cdk.Stack.of(node)
        for key in tokens:
            if stack.resolve(props[key]) is None:
                del props[key]
    return props


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
        self._report: ChangeReport | None = None

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
            self._report = ChangeReport.of(node.node.root)
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
        props = _absent_tokens_dropped(node, dict(node._cfn_properties), enabled)
        readable: View | None = None  # read only for a remedy with a scope
        for fix in enabled:
            if fix.remedy.when is not None:
                if readable is None:
                    readable = View(_readable(props))
                if not _in_scope(fix, readable):
                    continue
            fix.apply(Visit(self, node, fix, props))

    def _record(self, node: cdk.CfnResource, change: Change) -> None:
        self._changes.append(change)
        cdk.Annotations.of(node).add_info(change.message)
        if self._report is not None:
            self._report.changes.append(change)

    def _lifecycle_rule(self) -> dict[str, Any]:
        rule: dict[str, Any] = {
            "Id": LIFECYCLE_RULE_ID,
            "Status": "Enabled",
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7},
        }
        if self._expiration_days is not None:
            rule["ExpirationInDays"] = self._expiration_days
        return rule
