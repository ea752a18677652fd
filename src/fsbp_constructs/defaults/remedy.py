"""How ``FsbpDefaults`` applies a remedy to one L1 resource: reading its properties (tokens
read as :data:`OPAQUE`), making and reporting a change, and the generic fix that sets a
remedy's CloudFormation properties where they are absent. The fixes that need an L2's
knowledge are in :mod:`.fixers`; the aspect that visits the tree is in :mod:`.aspect`.
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import aws_cdk as cdk
import constructs

from ..catalog import CATALOG
from ..engine.registry import Remedy

if TYPE_CHECKING:
    from .aspect import FsbpDefaults

__all__ = [
    "APPLIERS",
    "OPAQUE",
    "Change",
    "Fix",
    "Visit",
    "applier",
    "generic",
    "is_acknowledged",
    "l1_type",
    "l2_scope",
    "list_entries",
    "plain",
    "read",
]


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
    apply: Callable[[Visit], None]

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
APPLIERS: dict[str, tuple[str, Callable[[Visit], None]]] = {}


def applier(
    control: str, cfn_class: type[cdk.CfnResource]
) -> Callable[[Callable[[Visit], None]], Callable[[Visit], None]]:
    def register(apply: Callable[[Visit], None]) -> Callable[[Visit], None]:
        APPLIERS[control] = (vars(cfn_class)["__jsii_type__"], apply)
        return apply

    return register


def plain(value: Any) -> Any:
    """A property value as read from ``_cfn_properties``, or :data:`OPAQUE` for a token."""
    if value is None or isinstance(value, (bool, int, float, list, dict)):
        return value
    if isinstance(value, str):
        return OPAQUE if _TOKEN.search(value) else value
    return OPAQUE  # an IResolvable: Lazy, intrinsic function, CDK token object


def read(value: Any, path: str) -> Any:
    """``path`` (dotted jsii names, e.g. ``metadataOptions.httpTokens``) inside ``value``:
    ``None`` when absent, :data:`OPAQUE` when a token is on the way."""
    value = plain(value)
    for key in path.split("."):
        if value is None or value is OPAQUE:
            return value
        if not isinstance(value, dict):
            return OPAQUE
        value = plain(value.get(key))
    return value


class Visit:
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
            self._acknowledged = is_acknowledged(self.node, self.control)
        if self._acknowledged:
            return False
        apply()
        self.aspect._record(self.node, Change(self.node.node.path, self.control, prop, old, new))
        return True


def is_acknowledged(node: constructs.IConstruct, control: str) -> bool:
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


def l2_scope(node: cdk.CfnResource, l2_class: type[Any]) -> Any:
    """The L2 whose primary resource ``node`` is, if it is an ``l2_class``."""
    scope = node.node.scope
    if isinstance(scope, l2_class) and node.node.id == "Resource":
        return scope
    return None


def list_entries(value: Any) -> list[dict[str, Any]] | None:
    """A list property whose entries can all be read, else ``None``."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        return None
    return value


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
            value = plain(value)
            if value is OPAQUE:
                next_places.append((override, shown, OPAQUE, False))
                continue
            key = _key(value, name)
            child = None if key is None else plain(value[key])
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


def generic(remedy: Remedy) -> Callable[[Visit], None]:
    """Set each property of ``remedy`` where it is absent (or differs, under ``overwrite``);
    properties it maps to ``None`` are removed when anything was set."""

    def apply(visit: Visit) -> None:
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


def l1_type(resource_type: str) -> str:
    """``AWS::ECR::Repository`` -> ``aws-cdk-lib.aws_ecr.CfnRepository`` (jsii's name of the
    L1 class; ``tests/test_aspect.py`` checks that each names a class of aws-cdk-lib)."""
    _, service, name = resource_type.split("::")
    return f"aws-cdk-lib.aws_{service.lower()}.Cfn{name}"
