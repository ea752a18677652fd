"""AWS Database Migration Service: DMS.1, DMS.6, DMS.7, DMS.8, DMS.9, DMS.10, DMS.11, DMS.12,
DMS.13."""

from __future__ import annotations

import json
from typing import Any

from ...engine.checks import FAILS, control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Verdict, rule
from ...engine.values import Undecidable

__all__ = ["LOGGING_SEVERITIES"]

#: The log severities DMS.7 and DMS.8 accept: the default level or more detail.
LOGGING_SEVERITIES = (
    "LOGGER_SEVERITY_DEFAULT",
    "LOGGER_SEVERITY_DEBUG",
    "LOGGER_SEVERITY_DETAILED_DEBUG",
)

_TASK = "AWS::DMS::ReplicationTask"
_ENDPOINT = "AWS::DMS::Endpoint"

control(
    "DMS.1",
    "AWS::DMS::ReplicationInstance",
    check=prop("PubliclyAccessible", absent=True).is_false(),
    fix="set PubliclyAccessible to false (chosen at creation: the replication instance is "
    "replaced)",
    note="Absent means public: the DMS default is a public IP address. Only the flag is "
    "judged, as the Config rule does: a public instance in a subnet without a route to an "
    "internet gateway still fails.",
)

control(
    "DMS.6",
    "AWS::DMS::ReplicationInstance",
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    fix="remove AutoMinorVersionUpgrade, or set it to true",
    note="Absent means the DMS default, on.",
)

control(
    "DMS.13",
    "AWS::DMS::ReplicationInstance",
    check=prop("MultiAZ", absent=False).is_true(),
    fix="set MultiAZ to true (and leave AvailabilityZone unset)",
    note="Absent means a single Availability Zone, the DMS default.",
    remedy=Remedy(
        {"MultiAZ": True},
        safe=False,
        breaks="Doubles the replication instance's cost (a standby in another Availability "
        "Zone); conflicts with an AvailabilityZone that is set.",
    ),
)


# --------------------------------------------------------------------------- DMS.7, DMS.8


def _task_settings(task: Resource) -> dict[str, Any] | None:
    """The task's settings document (``None``: absent); UNKNOWN when it is not decided."""
    raw = task.props.get("ReplicationTaskSettings")
    if raw is None:
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise Undecidable(
                "ReplicationTaskSettings", "a settings document that is not valid JSON"
            ) from None
    if not isinstance(raw, dict):
        raise Undecidable("ReplicationTaskSettings", f"a value that is not a JSON object ({raw!r})")
    return raw


def _logging_verdict(task: Resource, components: tuple[str, str], fix: str) -> Verdict:
    settings = _task_settings(task)
    logging = settings.get("Logging") if settings is not None else None
    if not isinstance(logging, dict) or logging.get("EnableLogging") not in (True, "true", "True"):
        found = logging.get("EnableLogging") if isinstance(logging, dict) else None
        return Verdict.failed("ReplicationTaskSettings.Logging.EnableLogging", found, fix)
    listed = logging.get("LogComponents") or []
    if not isinstance(listed, list):
        raise Undecidable(
            "ReplicationTaskSettings.Logging.LogComponents",
            f"a value that is not a list ({listed!r})",
        )
    for component in components:
        for item in listed:
            if isinstance(item, dict) and item.get("Id") == component:
                severity = item.get("Severity", "LOGGER_SEVERITY_DEFAULT")
                if severity not in LOGGING_SEVERITIES:
                    return Verdict.failed(
                        f"ReplicationTaskSettings.Logging.LogComponents[Id={component}].Severity",
                        severity,
                        fix,
                    )
    return Verdict.passed()


_TARGET_FIX = (
    "set Logging.EnableLogging to true in ReplicationTaskSettings, with TARGET_APPLY and "
    "TARGET_LOAD at LOGGER_SEVERITY_DEFAULT or more detailed (or left out of LogComponents)"
)
_SOURCE_FIX = (
    "set Logging.EnableLogging to true in ReplicationTaskSettings, with SOURCE_CAPTURE and "
    "SOURCE_UNLOAD at LOGGER_SEVERITY_DEFAULT or more detailed (or left out of LogComponents)"
)


@rule("DMS.7", _TASK, fix=_TARGET_FIX)
def task_logs_target(task: Resource, ctx: RuleContext) -> Verdict:
    """The `ReplicationTaskSettings` document (JSON) has `Logging.EnableLogging` true, and its
    `LogComponents` give `TARGET_APPLY` and `TARGET_LOAD` the severity
    `LOGGER_SEVERITY_DEFAULT`, `LOGGER_SEVERITY_DEBUG` or `LOGGER_SEVERITY_DETAILED_DEBUG`.
    Absent settings, or settings without `Logging`, mean logging off (the DMS default): FAIL.
    A component left out of `LogComponents` gets DMS's default severity, which passes.

    Code, not a declaration: the settings are a JSON document inside a string property.
    """
    return _logging_verdict(task, ("TARGET_APPLY", "TARGET_LOAD"), _TARGET_FIX)


@rule("DMS.8", _TASK, fix=_SOURCE_FIX)
def task_logs_source(task: Resource, ctx: RuleContext) -> Verdict:
    """The `ReplicationTaskSettings` document (JSON) has `Logging.EnableLogging` true, and its
    `LogComponents` give `SOURCE_CAPTURE` and `SOURCE_UNLOAD` the severity
    `LOGGER_SEVERITY_DEFAULT`, `LOGGER_SEVERITY_DEBUG` or `LOGGER_SEVERITY_DETAILED_DEBUG`.
    Absent settings, or settings without `Logging`, mean logging off (the DMS default): FAIL.
    A component left out of `LogComponents` gets DMS's default severity, which passes.

    Code, not a declaration: the settings are a JSON document inside a string property.
    """
    return _logging_verdict(task, ("SOURCE_CAPTURE", "SOURCE_UNLOAD"), _SOURCE_FIX)


# --------------------------------------------------------------------------- endpoints

control(
    "DMS.9",
    _ENDPOINT,
    check=prop("SslMode", absent="none").none_of("none", ignore_case=True),
    fix="set SslMode to require, verify-ca or verify-full (the last two with CertificateArn)",
    note="Absent means `none`, the DMS default. Every engine is judged, as the Config rule "
    "does: an endpoint whose engine takes no SSL mode (Amazon S3, DynamoDB, Kinesis) fails "
    "unless it names one (open question: conservative verdict).",
    remedy=Remedy(
        {"SslMode": "require"},
        safe=False,
        breaks="The endpoint's database must accept TLS connections; a server without TLS "
        "makes the connection test and the tasks fail.",
    ),
)

control(
    "DMS.10",
    _ENDPOINT,
    check=prop("NeptuneSettings.IamAuthEnabled", absent=False).is_true(),
    when=prop("EngineName", absent=FAILS).one_of("neptune", ignore_case=True),
    fix="set NeptuneSettings.IamAuthEnabled to true, with NeptuneSettings.ServiceAccessRoleArn "
    "naming a role allowed to connect to the Neptune cluster",
    note="Only Neptune endpoints (`EngineName: neptune`) are applicable; absent means IAM "
    "authorization off.",
    remedy=Remedy(
        {"NeptuneSettings.IamAuthEnabled": True},
        safe=False,
        breaks="The Neptune cluster must have IAM authentication on, and the endpoint's "
        "service access role must be allowed `neptune-db:*` on it, or the migration fails.",
    ),
)

control(
    "DMS.11",
    _ENDPOINT,
    check=prop("MongoDbSettings.AuthType", absent="password").none_of("no", ignore_case=True),
    when=prop("EngineName", absent=FAILS).one_of("mongodb", ignore_case=True),
    fix="remove MongoDbSettings.AuthType, or set it to password",
    note="Only MongoDB endpoints (`EngineName: mongodb`) are applicable; absent means "
    "`password`, the DMS default. DocumentDB endpoints (`docdb`) are not judged.",
)

control(
    "DMS.12",
    _ENDPOINT,
    check=prop("RedisSettings.SslSecurityProtocol", absent="ssl-encryption").one_of(
        "ssl-encryption", ignore_case=True
    ),
    when=prop("EngineName", absent=FAILS).one_of("redis", ignore_case=True),
    fix="remove RedisSettings.SslSecurityProtocol, or set it to ssl-encryption",
    note="Only Redis OSS endpoints (`EngineName: redis`) are applicable; absent means "
    "`ssl-encryption`, the DMS default.",
)
