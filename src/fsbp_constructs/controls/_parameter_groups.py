"""Reading a database setting through the parameter group a resource names: the one reader
that the RDS, DocumentDB and Redshift controls share.

A database names its parameter group in one property (`DBParameterGroupName`,
`DBClusterParameterGroupName`, `ClusterParameterGroupName`). The setting is read from:

- no group at all: the engine's default group, so the engine's default value;
- a `Ref` or `Fn::GetAtt` (or a CDK cross-stack import) of a group of the app: its
  `Parameters`, a map (RDS, DocumentDB, Neptune) or a list of `ParameterName` /
  `ParameterValue` items (Redshift), names compared ignoring case; a parameter the group
  does not set takes the engine's default for the group's family;
- a literal `default.<family>` name: the default group, so the engine's default value;
- any other literal name: a group outside the template, UNKNOWN with the reason; a name the
  template does not decide (a template parameter, an import) is UNKNOWN of its own kind.

The default may depend on the engine version (RDS for PostgreSQL turns `rds.force_ssl` on from
version 15): :attr:`GroupSetting.by_version` then reads it from the group's family, a default
group's name or the resource's `EngineVersion`, and only then is a version read at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..engine.model import Resource, Target
from ..engine.registry import RuleContext, Status, Verdict
from ..engine.values import Kind, Undecidable, Unresolved

__all__ = ["ByVersion", "Found", "GroupSetting", "judge_setting", "read_setting"]

#: The engine default from a version text (`postgres16`, `16.4`, or ``None``: unknown); may
#: raise :class:`Undecidable` when the default depends on a version the template does not give.
ByVersion = Callable[[str | None], Any]


@dataclass(frozen=True)
class GroupSetting:
    """One database parameter, read through the parameter group a resource names.

    ``ok`` judges the value found; it may raise ``ValueError`` (a value of the wrong kind),
    which reads as UNKNOWN with its message."""

    #: The resource property naming the group (`DBParameterGroupName`, ...).
    group_path: str
    #: The CloudFormation type that group must be (`AWS::RDS::DBParameterGroup`, ...).
    group_type: str
    #: The parameter's names, lower case (RDS spells some two ways).
    names: tuple[str, ...]
    #: The parameter as the messages name it.
    shown: str
    ok: Callable[[Any], bool]
    #: What the messages say the value must be (`must be 1`).
    wanted: str
    #: The engine default (the value of the default group), when it does not depend on the
    #: version.
    default: Any = None
    #: The engine default by version, when it does (then :attr:`default` is unused).
    by_version: ByVersion | None = None
    #: The group property naming its family (read by :attr:`by_version` only).
    family_path: str = "Family"
    #: The resource property naming its version (read by :attr:`by_version` only).
    version_path: str = "EngineVersion"

    def default_for(self, version: Callable[[], str | None]) -> Any:
        return self.default if self.by_version is None else self.by_version(version())


@dataclass(frozen=True)
class Found:
    """Where the setting was read, and what it is."""

    #: The verdict's path: the group property, with the group's parameter in parentheses.
    path: str
    #: What the verdict shows as found at :attr:`path` (``None``: absent).
    found: Any
    #: The setting's value (the engine default where the group does not set it).
    value: Any
    #: How the value came about, for the message ("" when the group sets it).
    note: str = ""


@contextmanager
def _in_group(setting: GroupSetting, group: Target) -> Iterator[None]:
    """Re-raise an undecided read of ``group``'s properties with the path the verdicts name:
    `DBParameterGroupName (Params.Parameters.rds.force_ssl)`."""
    try:
        yield
    except Undecidable as error:
        path = f"{setting.group_path} ({group.logical_id}.{error.path})"
        raise Undecidable(path, error.reason, error.kind) from None


def _version(resource: Resource, setting: GroupSetting) -> Callable[[], str | None]:
    def read() -> str | None:
        if not resource.props.has(setting.version_path):
            return None
        return str(resource.props.get(setting.version_path))

    return read


def _set_in(group: Target, setting: GroupSetting) -> tuple[str, Any, bool]:
    """``(path in the group, value, True)`` where the group sets the parameter, else
    ``(path where it would be, None, False)``."""
    with _in_group(setting, group):
        parameters = group.props.shallow("Parameters")
        if isinstance(parameters, list):
            for item in group.props.items("Parameters"):
                if str(item.get("ParameterName")).lower() in setting.names:
                    return f"{item.path}.ParameterValue", item.get("ParameterValue"), True
            return f"Parameters[ParameterName={setting.names[0]}]", None, False
        if isinstance(parameters, dict):
            for key, value in parameters.items():
                if str(key).lower() in setting.names:
                    if isinstance(value, Unresolved):
                        raise Undecidable.of(f"Parameters.{key}", value)
                    return f"Parameters.{key}", value, True
        elif parameters is not None:
            raise Undecidable("Parameters", f"a value that is not a list or map ({parameters!r})")
    return f"Parameters.{setting.names[0]}", None, False


def read_setting(resource: Resource, ctx: RuleContext, setting: GroupSetting) -> Found:
    """The setting for ``resource``, from the parameter group it names (see the module's
    text); raises :class:`Undecidable` where the template does not decide it."""
    where = setting.group_path
    version = _version(resource, setting)
    if not resource.props.has(where):
        value = setting.default_for(version)
        note = (
            f"absent means the default parameter group; a default group's {setting.shown} "
            f"is {value!r}"
        )
        return Found(where, None, value, note)
    group = ctx.app.follow(resource, where)
    if group is None:
        name = resource.props.get(where)  # an undecided name raises as its own kind
        if isinstance(name, str) and name.lower().startswith("default."):
            value = setting.default_for(lambda: name[len("default.") :])
            return Found(where, name, value, f"a default group, whose {setting.shown} is {value!r}")
        raise Undecidable(
            where,
            f"the {setting.shown} setting of a parameter group outside the template ({name!r})",
            Kind.RESOURCE_ID,
        )
    if group.type != setting.group_type:
        raise Undecidable(where, f"{group.logical_id}, which is not an {setting.group_type}")
    path, value, is_set = _set_in(group, setting)
    where = f"{where} ({group.logical_id}.{path})"
    if is_set:
        return Found(where, value, value)

    def family() -> str | None:
        with _in_group(setting, group):
            if group.props.has(setting.family_path):
                return str(group.props.get(setting.family_path))
        return version()

    value = setting.default_for(family)
    note = f"the group does not set {setting.shown}, whose default is {value!r}"
    return Found(where, None, value, note)


def judge_setting(resource: Resource, ctx: RuleContext, setting: GroupSetting, fix: str) -> Verdict:
    """PASS when ``setting.ok`` accepts the setting :func:`read_setting` finds, else FAIL at
    its path with ``fix``."""
    found = read_setting(resource, ctx, setting)
    try:
        ok = setting.ok(found.value)
    except ValueError as error:
        raise Undecidable(found.path, str(error)) from None
    if ok:
        detail = f"{setting.shown} is {found.value!r}"
        return Verdict.passed(f"{detail} ({found.note})" if found.note else detail)
    reason = f"{setting.shown} {setting.wanted}"
    return Verdict(
        Status.FAIL,
        path=found.path,
        found=found.found,
        fix=fix,
        reason=f"{found.note}; {reason}" if found.note else reason,
    )
