"""Amazon ECS: ECS.2, ECS.3, ECS.4, ECS.5, ECS.8, ECS.9, ECS.10, ECS.12, ECS.16, ECS.18, ECS.19,
ECS.20, ECS.21."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, any_of, control, each, prop, setting, some
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Undecidable

__all__ = ["INSIGHTS_VALUES", "LATEST_FARGATE_VERSIONS", "SECRET_KEYS"]

#: Environment variable names ECS.8 flags (Security Hub's `secretKeys`, not customizable).
SECRET_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA")

#: Values of the `containerInsights` setting, on a cluster or as the account default.
INSIGHTS_VALUES = ("enabled", "enhanced", "disabled")
_INSIGHTS_ON = ("enabled", "enhanced")


control(
    "ECS.3",
    "AWS::ECS::TaskDefinition",
    check=prop("PidMode", absent=PASSES).none_of("host"),
    fix="remove PidMode, or set it to task",
    note="Absent means the task's own process namespace.",
)

control(
    "ECS.4",
    "AWS::ECS::TaskDefinition",
    check=each("ContainerDefinitions", prop("Privileged", absent=False).is_false()),
    fix="remove Privileged from every container definition, or set it to false",
    remedy=Remedy(
        {"ContainerDefinitions[*].Privileged": False},
        safe=False,
        breaks="A container that needs root on the host (Docker in Docker, device access, "
        "kernel settings) stops working; give it only the Linux capabilities it needs "
        "(LinuxParameters.Capabilities) instead.",
    ),
)

control(
    "ECS.5",
    "AWS::ECS::TaskDefinition",
    check=each("ContainerDefinitions", prop("ReadonlyRootFilesystem", absent=False).is_true()),
    when=prop("RuntimePlatform.OperatingSystemFamily", absent=PASSES).matches(
        r"^(?!WINDOWS_SERVER)"
    ),
    fix="set ReadonlyRootFilesystem to true on every container definition, and mount the "
    "paths the container writes (/tmp, caches, pid files) as volumes",
    note="That is, task definitions whose operating system family is Windows Server "
    "(`WINDOWS_SERVER_*`) are not applicable (since 24 Mar 2026).",
    remedy=Remedy(
        {"ContainerDefinitions[*].ReadonlyRootFilesystem": True},
        safe=False,
        breaks="Any container that writes outside its volumes (`/tmp`, caches, pid files, "
        "e.g. nginx's `/var/cache/nginx`) fails at run time. Mount writable paths as volumes "
        "first. Windows task definitions are skipped.",
    ),
)

control(
    "ECS.8",
    "AWS::ECS::TaskDefinition",
    check=each(
        "ContainerDefinitions",
        each("Environment", prop("Name", absent=PASSES).none_of(*SECRET_KEYS, ignore_case=True)),
    ),
    fix="pass the value through Secrets (ValueFrom a Secrets Manager secret or an SSM "
    "SecureString parameter) instead of Environment, or better, give the task a TaskRoleArn "
    "instead of access keys",
    note="The names are compared ignoring case (open question: the superset is the "
    "conservative verdict). Values are not inspected; `Secrets` and `EnvironmentFiles` are "
    "not flagged.",
)


def _insights_setting(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in INSIGHTS_VALUES:
        return value.lower()
    raise ValueError(f"must be one of {', '.join(INSIGHTS_VALUES)}, not {value!r}")


#: The cluster's own setting; a `containerInsights` entry without a `Value` fails.
_CLUSTER_INSIGHTS = setting(
    "ClusterSettings", "Name", "containerInsights", "Value", absent=FAILS
).one_of(*_INSIGHTS_ON)

_ECS12_FIX = "set the ClusterSettings entry containerInsights to enabled or enhanced"


@rule(
    "ECS.12",
    "AWS::ECS::Cluster",
    parameters=[
        Parameter(
            "accountContainerInsights",
            default=None,
            description=(
                "The account's default containerInsights setting in the target Region "
                f"({', '.join(INSIGHTS_VALUES)}), which clusters without their own setting "
                "inherit. Unset: such clusters are UNKNOWN."
            ),
            parse=_insights_setting,
        )
    ],
    fix=_ECS12_FIX,
    remedy=Remedy(
        {"ClusterSettings[Name=containerInsights].Value": "enabled"},
        safe=True,
        breaks="Nothing running. Container Insights is billed as CloudWatch custom metrics "
        "and logs; `exclude=['ECS.12']` if that cost is not wanted.",
        describe="the `containerInsights` cluster setting `enabled` (`ClusterSettings` entry "
        "`{Name: containerInsights, Value: enabled}`)",
    ),
)
def cluster_uses_container_insights(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`ClusterSettings` has `containerInsights` set to `enabled` or `enhanced` (`enhanced`
    passes provisionally: open question). Absent: the cluster inherits the account setting,
    which decides when given as the `accountContainerInsights` parameter; otherwise UNKNOWN
    (the account default is off unless changed).

    Code, not a declaration: a declaration cannot say "absent means a parameter's value,
    UNKNOWN when the parameter is unset".
    """
    if any(s.get("Name") == "containerInsights" for s in cluster.props.items("ClusterSettings")):
        return _CLUSTER_INSIGHTS.evaluate(cluster.props, ctx.parameters)
    account = ctx.param("accountContainerInsights")
    if account in _INSIGHTS_ON:
        return Verdict.passed(
            f"inherits the account setting containerInsights={account} "
            "(accountContainerInsights parameter)"
        )
    if account == "disabled":
        return Verdict.failed(
            "ClusterSettings",
            None,
            f"{_ECS12_FIX}; the account setting is disabled (accountContainerInsights parameter)",
        )
    return Verdict.unknown(
        "the account's containerInsights setting, as the cluster does not set its own "
        "(the account default is off unless changed)",
        path="ClusterSettings",
        fix=f"{_ECS12_FIX}, or give the account setting as the ECS.12 parameter "
        "accountContainerInsights",
    )


# --------------------------------------------------------------------------- ECS.2, ECS.16

control(
    "ECS.2",
    "AWS::ECS::Service",
    check=prop("NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp", absent="DISABLED").equals(
        "DISABLED"
    ),
    fix="set NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp to DISABLED (or remove it), "
    "and reach the internet through a NAT gateway or VPC endpoints",
    note="A service without `awsvpc` network configuration (bridge or host mode) gets no "
    "public IP address of its own and passes.",
)

control(
    "ECS.16",
    "AWS::ECS::TaskSet",
    check=prop("NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp", absent="DISABLED").equals(
        "DISABLED"
    ),
    fix="set NetworkConfiguration.AwsVpcConfiguration.AssignPublicIp to DISABLED (or remove it)",
    note="The task set's property is spelled `AwsVpcConfiguration` (the service's is "
    "`AwsvpcConfiguration`).",
)


# --------------------------------------------------------------------------- ECS.9

control(
    "ECS.9",
    "AWS::ECS::TaskDefinition",
    check=each(
        "ContainerDefinitions",
        prop("LogConfiguration.LogDriver", absent=FAILS).not_empty(),
    ),
    fix="give every container definition a LogConfiguration with a LogDriver (awslogs to send "
    "the output to CloudWatch Logs, or awsfirelens)",
    note="Any log driver passes (`awslogs`, `awsfirelens`, `splunk`, ...): the control asks "
    "for a logging configuration, not for a destination.",
)


# --------------------------------------------------------------------------- ECS.10

#: The latest Fargate platform versions (Linux, Windows): Security Hub's values.
LATEST_FARGATE_VERSIONS = ("1.4.0", "1.0.0")
_FARGATE = ("FARGATE", "FARGATE_SPOT")

control(
    "ECS.10",
    "AWS::ECS::Service",
    check=prop("PlatformVersion", absent="LATEST").one_of("LATEST", *LATEST_FARGATE_VERSIONS),
    when=any_of(
        prop("LaunchType", absent=FAILS).equals("FARGATE"),
        some("CapacityProviderStrategy", prop("CapacityProvider", absent=FAILS).one_of(*_FARGATE)),
        prop("PlatformVersion", absent=FAILS).present(),
    ),
    fix="remove PlatformVersion (it means LATEST), or set it to LATEST or 1.4.0 (Linux; 1.0.0 "
    "on Windows)",
    note="That is, services on Fargate: `LaunchType` `FARGATE`, a `FARGATE` or `FARGATE_SPOT` "
    "capacity provider, or any `PlatformVersion` (only Fargate takes one). `1.4.0` (Linux) and "
    "`1.0.0` (Windows) are the latest versions when this pack was released: a newer release "
    "makes them fail in Security Hub before this pack knows (that is why the control is P).",
)


# --------------------------------------------------------------------------- ECS.18

_EFS_FIX = "set EFSVolumeConfiguration.TransitEncryption to ENABLED on every EFS volume"


@rule(
    "ECS.18",
    "AWS::ECS::TaskDefinition",
    fix=_EFS_FIX,
)
def efs_volumes_encrypt_in_transit(task: Resource, ctx: RuleContext) -> Verdict:
    """Every item of `Volumes` that has an `EFSVolumeConfiguration` sets its
    `TransitEncryption` to `ENABLED`; absent means `DISABLED`. Volumes of other kinds (bind
    mounts, Docker volumes, FSx) and task definitions without volumes pass.
    """
    check = prop("TransitEncryption", absent="DISABLED").equals("ENABLED")
    verdicts = []
    for volume in task.props.items("Volumes"):
        efs = volume.at("EFSVolumeConfiguration")
        if efs is None:
            continue
        try:
            verdicts.append(check.evaluate(efs, ctx.parameters))
        except Undecidable as error:
            verdicts.append(Verdict.unknown(str(error), path=error.path))
    failed = next((v for v in verdicts if v.status is Status.FAIL), None)
    if failed is not None:
        return failed
    return next((v for v in verdicts if v.status is not Status.PASS), Verdict.passed())


# --------------------------------------------------------------------------- ECS.19

control(
    "ECS.19",
    "AWS::ECS::CapacityProvider",
    check=prop("AutoScalingGroupProvider.ManagedTerminationProtection", absent="DISABLED").equals(
        "ENABLED"
    ),
    when=prop("AutoScalingGroupProvider", absent=FAILS).present(),
    fix="set AutoScalingGroupProvider.ManagedTerminationProtection to ENABLED (the group needs "
    "NewInstancesProtectedFromScaleIn and managed scaling)",
    note="That is, capacity providers of an Auto Scaling group; Fargate and managed-instance "
    "capacity providers are not applicable.",
    remedy=Remedy(
        {"AutoScalingGroupProvider.ManagedTerminationProtection": "ENABLED"},
        safe=False,
        breaks="The deployment fails unless the Auto Scaling group protects new instances "
        "from scale in (NewInstancesProtectedFromScaleIn) and the capacity provider's managed "
        "scaling is on; instances running tasks are then kept until their tasks stop.",
    ),
)


# --------------------------------------------------------------------------- ECS.20, ECS.21

#: A `User` whose user part is root (by name or uid 0): `root`, `0`, `root:group`, `0:0`.
_NOT_ROOT = r"^(?!(root|0)(:|$))\S"
_WINDOWS = r"^WINDOWS_SERVER"

control(
    "ECS.20",
    "AWS::ECS::TaskDefinition",
    check=each("ContainerDefinitions", prop("User", absent=FAILS).matches(_NOT_ROOT)),
    when=prop("RuntimePlatform.OperatingSystemFamily", absent=PASSES).matches(
        r"^(?!WINDOWS_SERVER)"
    ),
    fix="set User on every container definition to a user other than root (a name, a uid "
    "other than 0, or user:group)",
    note="That is, Linux task definitions: an absent operating system family means Linux. "
    "Absent `User` means the image's user, root for most images, and fails. The user part "
    "`root` or `0` fails whatever the group.",
)

control(
    "ECS.21",
    "AWS::ECS::TaskDefinition",
    check=each(
        "ContainerDefinitions",
        prop("User", absent=FAILS).none_of("ContainerAdministrator", ignore_case=True),
    ),
    when=prop("RuntimePlatform.OperatingSystemFamily", absent=FAILS).matches(_WINDOWS),
    fix="set User on every container definition to a Windows user other than "
    "ContainerAdministrator (ContainerUser, say)",
    note="That is, Windows task definitions (`WINDOWS_SERVER_*`); an absent operating "
    "system family means Linux and is not applicable. Absent `User` means the image's user "
    "(ContainerAdministrator for the Windows base images) and fails. The name is compared "
    "ignoring case (conservative).",
)
