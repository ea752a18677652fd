"""Amazon SageMaker AI: SageMaker.1, SageMaker.2, SageMaker.3, SageMaker.4, SageMaker.5,
SageMaker.8, SageMaker.9, SageMaker.10, SageMaker.11, SageMaker.12, SageMaker.13, SageMaker.14,
SageMaker.15, SageMaker.16, SageMaker.17, SageMaker.19, SageMaker.20, SageMaker.21,
SageMaker.22, SageMaker.23, SageMaker.24, SageMaker.25."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, each, prop, some, unknown
from ...engine.registry import Remedy

__all__ = ["SUPPORTED_NOTEBOOK_PLATFORMS"]

#: The notebook platform identifiers SageMaker.8 accepts (Security Hub's
#: `supportedPlatformIdentifierVersions`, not customizable; it changes as Amazon Linux
#: versions reach end of support).
SUPPORTED_NOTEBOOK_PLATFORMS = ("notebook-al2023-v1",)

_NOTEBOOK = "AWS::SageMaker::NotebookInstance"
_MODEL = "AWS::SageMaker::Model"
_SCHEDULE = "AWS::SageMaker::MonitoringSchedule"
_EXPERIMENT = "AWS::SageMaker::InferenceExperiment"
_DATA_QUALITY = "AWS::SageMaker::DataQualityJobDefinition"
_MODEL_BIAS = "AWS::SageMaker::ModelBiasJobDefinition"
_EXPLAINABILITY = "AWS::SageMaker::ModelExplainabilityJobDefinition"
_MODEL_QUALITY = "AWS::SageMaker::ModelQualityJobDefinition"

_REPLACED = (
    "CloudFormation replaces the resource to change this property: a fixed name "
    "(`{name}`) blocks the replacement until it is changed or removed"
)


# --------------------------------------------------------------------------- notebook instances

control(
    "SageMaker.1",
    _NOTEBOOK,
    check=prop("DirectInternetAccess", absent="Enabled").equals("Disabled"),
    fix="set DirectInternetAccess to Disabled, with SubnetId and SecurityGroupIds, and reach "
    "the internet through a NAT gateway or VPC endpoints",
    note="CloudFormation accepts `Disabled` only together with a `SubnetId`.",
    remedy=Remedy(
        {"DirectInternetAccess": "Disabled"},
        safe=False,
        breaks="The notebook instance is replaced (the data on its ML storage volume is lost). "
        "Without SubnetId the deployment fails; in a VPC, the notebook reaches package "
        "indexes, Git and AWS APIs only through a NAT gateway or VPC endpoints.",
    ),
)

control(
    "SageMaker.2",
    _NOTEBOOK,
    check=prop("SubnetId", absent=FAILS).not_empty(),
    fix="set SubnetId to a subnet of your VPC (with SecurityGroupIds)",
    note="Absent, the instance runs in the SageMaker service VPC. Any subnet passes: Security "
    "Hub gives the AWS Config rule no list of approved subnets.",
)

control(
    "SageMaker.3",
    _NOTEBOOK,
    check=prop("RootAccess", absent="Enabled").equals("Disabled"),
    fix="set RootAccess to Disabled",
    note="Lifecycle configuration scripts still run as root when root access is disabled.",
    remedy=Remedy(
        {"RootAccess": "Disabled"},
        safe=False,
        breaks="Notebook users can no longer use sudo: installing system packages or changing "
        "the instance's configuration by hand fails; do it in a lifecycle configuration.",
    ),
)

control(
    "SageMaker.8",
    _NOTEBOOK,
    check=prop(
        "PlatformIdentifier",
        absent=unknown(
            "the platform SageMaker picks when PlatformIdentifier is absent (its documented "
            "default has changed over time: notebook-al2-v2, then notebook-al2-v3)"
        ),
    ).one_of(*SUPPORTED_NOTEBOOK_PLATFORMS),
    fix="set PlatformIdentifier to notebook-al2023-v1",
    note="Security Hub's list (not customizable) holds only `notebook-al2023-v1`; older "
    "identifiers (`notebook-al1-v1`, `notebook-al2-v1`, `notebook-al2-v2`, "
    "`notebook-al2-v3`) fail. The list follows Amazon Linux's support dates, so it is "
    "checked as of this release. Absent is UNKNOWN rather than FAIL: the default is the "
    "service's pick at creation (conservative verdict: never PASS).",
    remedy=Remedy(
        {"PlatformIdentifier": SUPPORTED_NOTEBOOK_PLATFORMS[0]},
        safe=False,
        breaks="The notebook instance is replaced (the data on its ML storage volume is lost), "
        "and it runs Amazon Linux 2023 with JupyterLab 4: kernels, packages and lifecycle "
        "scripts written for Amazon Linux 2 may need changes.",
    ),
)

control(
    "SageMaker.21",
    _NOTEBOOK,
    check=prop("KmsKeyId", absent=FAILS).not_empty(),
    fix="set KmsKeyId to a customer managed KMS key (its ARN, key id or alias)",
    note="Absent, SageMaker encrypts the volume with an AWS managed key. Any key set passes, "
    "an AWS managed alias included, as the AWS Config rule reads only whether a key is set.",
)


# --------------------------------------------------------------------------- endpoints, models

control(
    "SageMaker.4",
    "AWS::SageMaker::EndpointConfig",
    check=each(
        "ProductionVariants",
        any_of(
            prop("InitialInstanceCount", absent=FAILS).at_least(2),
            prop("ServerlessConfig", absent=FAILS).present(),
        ),
    ),
    when=some("ProductionVariants", prop("InstanceType", absent=FAILS).present()),
    fix="set InitialInstanceCount to 2 or more on every instance-based production variant",
    note="Security Hub evaluates instance-based endpoint configurations only: one whose "
    "variants are all serverless (`ServerlessConfig`, no `InstanceType`) is not applicable, "
    "and a serverless variant passes.",
)

control(
    "SageMaker.5",
    _MODEL,
    check=prop("EnableNetworkIsolation", absent=False).is_true(),
    fix="set EnableNetworkIsolation to true",
    remedy=Remedy(
        {"EnableNetworkIsolation": True},
        safe=False,
        breaks="The model is replaced (a fixed ModelName blocks the replacement). Its "
        "containers can make no network calls and get no AWS credentials: "
        "inference code that calls other services, downloads at run time or uses the "
        "execution role from inside the container fails.",
    ),
)

control(
    "SageMaker.16",
    _MODEL,
    check=prop("PrimaryContainer.ImageConfig.RepositoryAccessMode", absent=FAILS).equals("Vpc"),
    when=prop("PrimaryContainer", absent=FAILS).present(),
    fix="set PrimaryContainer.ImageConfig.RepositoryAccessMode to Vpc, pull the image from a "
    "private Docker registry reachable in the model's VpcConfig",
    note="Models without a `PrimaryContainer` (inference pipelines in `Containers`) are not "
    "applicable: SageMaker.19 checks them. A missing `ImageConfig` fails.",
)

control(
    "SageMaker.19",
    _MODEL,
    check=each(
        "Containers",
        prop("ImageConfig.RepositoryAccessMode", absent=FAILS).equals("Vpc"),
    ),
    when=prop("Containers", absent=FAILS).not_empty(),
    fix="set ImageConfig.RepositoryAccessMode to Vpc on every container of Containers, pulling "
    "the images from a private Docker registry reachable in the model's VpcConfig",
    note="Only models with `Containers` (inference pipelines) are evaluated; a list of one "
    "container is evaluated too (open question: conservative verdict). A container without "
    "`ImageConfig` fails.",
)


# --------------------------------------------------------------------------- model monitoring

#: Inter-container traffic encryption on the four job definition types.
_ENCRYPTION_CONTROLS = {
    "SageMaker.9": _DATA_QUALITY,
    "SageMaker.10": _EXPLAINABILITY,
    "SageMaker.13": _MODEL_QUALITY,
    "SageMaker.15": _MODEL_BIAS,
}
#: Network isolation on the four job definition types.
_ISOLATION_CONTROLS = {
    "SageMaker.11": _DATA_QUALITY,
    "SageMaker.12": _MODEL_BIAS,
    "SageMaker.20": _EXPLAINABILITY,
    "SageMaker.25": _MODEL_QUALITY,
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
            breaks=_REPLACED.format(name="JobDefinitionName")
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
            breaks=_REPLACED.format(name="JobDefinitionName")
            + ". The monitoring container can make no network calls: preprocessing or "
            "postprocessing scripts that call other services or the internet fail.",
        ),
    )

_INLINE_JOB = "MonitoringScheduleConfig.MonitoringJobDefinition"

control(
    "SageMaker.14",
    _SCHEDULE,
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
    _SCHEDULE,
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


# ----------------------------------------------------------------- feature store, experiments

control(
    "SageMaker.17",
    "AWS::SageMaker::FeatureGroup",
    check=prop("OfflineStoreConfig.S3StorageConfig.KmsKeyId", absent=FAILS).not_empty(),
    when=prop("OfflineStoreConfig", absent=FAILS).present(),
    fix="set OfflineStoreConfig.S3StorageConfig.KmsKeyId to a customer managed KMS key",
    note="A feature group without an offline store is not applicable. Any key passes, as the "
    "AWS Config rule reads only whether a key is set. CDK's L1 takes `OfflineStoreConfig` as "
    "untyped JSON: keys in camelCase (what a property class renders there) are not "
    "CloudFormation's and read as absent.",
)

control(
    "SageMaker.23",
    _EXPERIMENT,
    check=prop("KmsKey", absent=FAILS).not_empty(),
    fix="set KmsKey to a customer managed KMS key (its ARN, key id or alias)",
    note="Any key passes, as the AWS Config rule reads only whether a key is set.",
)

control(
    "SageMaker.24",
    _EXPERIMENT,
    check=prop("DataStorageConfig.KmsKey", absent=FAILS).not_empty(),
    when=prop("DataStorageConfig", absent=FAILS).present(),
    fix="set DataStorageConfig.KmsKey to a customer managed KMS key",
    note="Only experiments that capture data (`DataStorageConfig`) are evaluated. Any key "
    "passes, as the AWS Config rule reads only whether a key is set.",
)
