"""SageMaker AI endpoints and models: SageMaker.4, SageMaker.5, SageMaker.16, SageMaker.19."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, each, prop, some
from ...engine.registry import Remedy
from ._shared import MODEL

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
    MODEL,
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
    MODEL,
    check=prop("PrimaryContainer.ImageConfig.RepositoryAccessMode", absent=FAILS).equals("Vpc"),
    when=prop("PrimaryContainer", absent=FAILS).present(),
    fix="set PrimaryContainer.ImageConfig.RepositoryAccessMode to Vpc, pull the image from a "
    "private Docker registry reachable in the model's VpcConfig",
    note="Models without a `PrimaryContainer` (inference pipelines in `Containers`) are not "
    "applicable: SageMaker.19 checks them. A missing `ImageConfig` fails.",
)

control(
    "SageMaker.19",
    MODEL,
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
