"""SageMaker AI notebook instances: SageMaker.1, SageMaker.2, SageMaker.3, SageMaker.8,
SageMaker.21."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop, unknown
from ...engine.registry import Remedy
from ._shared import NOTEBOOK, SUPPORTED_NOTEBOOK_PLATFORMS

control(
    "SageMaker.1",
    NOTEBOOK,
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
    NOTEBOOK,
    check=prop("SubnetId", absent=FAILS).not_empty(),
    fix="set SubnetId to a subnet of your VPC (with SecurityGroupIds)",
    note="Absent, the instance runs in the SageMaker service VPC. Any subnet passes: Security "
    "Hub gives the AWS Config rule no list of approved subnets.",
)

control(
    "SageMaker.3",
    NOTEBOOK,
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
    NOTEBOOK,
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
    NOTEBOOK,
    check=prop("KmsKeyId", absent=FAILS).not_empty(),
    fix="set KmsKeyId to a customer managed KMS key (its ARN, key id or alias)",
    note="Absent, SageMaker encrypts the volume with an AWS managed key. Any key set passes, "
    "an AWS managed alias included, as the AWS Config rule reads only whether a key is set.",
)
