"""SageMaker AI model monitoring: SageMaker.9, SageMaker.10, SageMaker.11, SageMaker.12,
SageMaker.13, SageMaker.14, SageMaker.15, SageMaker.20, SageMaker.22, SageMaker.25."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop, unknown
from ...engine.registry import Remedy
from ._shared import DATA_QUALITY, EXPLAINABILITY, MODEL_BIAS, MODEL_QUALITY, REPLACED, SCHEDULE

#: Inter-container traffic encryption on the four job definition types.
_ENCRYPTION_CONTROLS = {
    "SageMaker.9": DATA_QUALITY,
    "SageMaker.10": EXPLAINABILITY,
    "SageMaker.13": MODEL_QUALITY,
    "SageMaker.15": MODEL_BIAS,
}
#: Network isolation on the four job definition types.
_ISOLATION_CONTROLS = {
    "SageMaker.11": DATA_QUALITY,
    "SageMaker.12": MODEL_BIAS,
    "SageMaker.20": EXPLAINABILITY,
    "SageMaker.25": MODEL_QUALITY,
}

_DISTRIBUTED = prop("JobResources.ClusterConfig.InstanceCount", absent=1).at_least(2)

for _id, _type in _ENCRYPTION_CONTROLS.items():
    control(
        _id,
        _type,
        check=prop("NetworkConfig.EnableInterContainerTrafficEncryption", absent=False).is_true(),
        when=_DISTRIBUTED,
        fix="set NetworkConfig.EnableInterContainerTrafficEncryption to true",
        note="Only job definitions with 2 or more instances are evaluated, as the AWS Config "
        "rule says (with one instance there is no traffic between instances).",
        remedy=Remedy(
            {"NetworkConfig.EnableInterContainerTrafficEncryption": True},
            safe=False,
            breaks=REPLACED.format(name="JobDefinitionName")
            + ". Distributed monitoring jobs run longer, so use more billed instance time.",
        ),
    )

for _id, _type in _ISOLATION_CONTROLS.items():
    control(
        _id,
        _type,
        check=prop("NetworkConfig.EnableNetworkIsolation", absent=False).is_true(),
        fix="set NetworkConfig.EnableNetworkIsolation to true",
        remedy=Remedy(
            {"NetworkConfig.EnableNetworkIsolation": True},
            safe=False,
            breaks=REPLACED.format(name="JobDefinitionName")
            + ". The monitoring container can make no network calls: preprocessing or "
            "postprocessing scripts that call other services or the internet fail.",
        ),
    )

_INLINE_JOB = "MonitoringScheduleConfig.MonitoringJobDefinition"

control(
    "SageMaker.14",
    SCHEDULE,
    check=prop(f"{_INLINE_JOB}.NetworkConfig.EnableNetworkIsolation", absent=False).is_true(),
    when=prop(
        _INLINE_JOB,
        absent=unknown(
            "the network isolation of the job definition the schedule names "
            "(MonitoringJobDefinitionName), which Security Hub may or may not read"
        ),
    ).present(),
    fix=f"set {_INLINE_JOB}.NetworkConfig.EnableNetworkIsolation to true",
    note="A schedule that names a job definition (`MonitoringJobDefinitionName`) instead of "
    "defining one inline is UNKNOWN: the control page fails a schedule whose setting is not "
    "configured, the AWS Config rule reads the inline definition only (open question: "
    "never PASS). The remedy acts on inline definitions only.",
    remedy=Remedy(
        {f"{_INLINE_JOB}.NetworkConfig.EnableNetworkIsolation": True},
        safe=False,
        breaks="The monitoring container can make no network calls: preprocessing or "
        "postprocessing scripts that call other services or the internet fail.",
    ),
)

control(
    "SageMaker.22",
    SCHEDULE,
    check=prop(
        f"{_INLINE_JOB}.NetworkConfig.EnableInterContainerTrafficEncryption", absent=False
    ).is_true(),
    when=prop(_INLINE_JOB, absent=FAILS).present(),
    fix=f"set {_INLINE_JOB}.NetworkConfig.EnableInterContainerTrafficEncryption to true",
    note="As the AWS Config rule says, a schedule that names a job definition "
    "(`MonitoringJobDefinitionName`) is not applicable; SageMaker.9, SageMaker.10, "
    "SageMaker.13 and SageMaker.15 check the definitions. Unlike those, the instance count "
    "does not matter here.",
    remedy=Remedy(
        {f"{_INLINE_JOB}.NetworkConfig.EnableInterContainerTrafficEncryption": True},
        safe=False,
        breaks="Monitoring jobs on more than one instance run longer, so use more billed "
        "instance time.",
    ),
)
