"""Amazon ECS: ECS.3, ECS.4, ECS.5, ECS.8, ECS.12."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import Parameter, RuleContext, Verdict, rule
from ..engine.values import get, items

CONTAINERS = "ContainerDefinitions"

#: Environment variable names ECS.8 flags (Security Hub's `secretKeys`, not customizable).
SECRET_KEYS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA")


#: Values of the `containerInsights` setting, on a cluster or as the account default.
INSIGHTS_VALUES = ("enabled", "enhanced", "disabled")


def _insights_setting(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value.lower() in INSIGHTS_VALUES:
        return value.lower()
    raise ValueError(f"must be one of {', '.join(INSIGHTS_VALUES)}, not {value!r}")


def _true(value: object) -> bool:
    return value is True or value == "true"


@rule("ECS.3", "AWS::ECS::TaskDefinition")
def task_does_not_share_host_pid(task: Resource, ctx: RuleContext) -> Verdict:
    """`PidMode` is not `host`. Absent means the task's own process namespace."""
    mode = get(task.properties, "PidMode")
    if mode == "host":
        return Verdict.failed(
            "PidMode",
            mode,
            "remove PidMode, or set it to task (SecureEc2TaskDefinition refuses host)",
        )
    return Verdict.passed()


@rule("ECS.4", "AWS::ECS::TaskDefinition")
def containers_are_not_privileged(task: Resource, ctx: RuleContext) -> Verdict:
    """No container definition has `Privileged: true`. Absent means false."""
    for path, container in items(task.properties, CONTAINERS):
        privileged = get(container, "Privileged", where=path)
        if _true(privileged):
            return Verdict.failed(
                f"{path}.Privileged",
                privileged,
                "remove Privileged, or set it to false (the Secure task "
                "definitions refuse privileged containers)",
            )
    return Verdict.passed()


@rule("ECS.5", "AWS::ECS::TaskDefinition")
def containers_have_read_only_root(task: Resource, ctx: RuleContext) -> Verdict:
    """Every container definition has `ReadonlyRootFilesystem: true`; absent fails. Task
    definitions whose `RuntimePlatform.OperatingSystemFamily` is Windows Server are not
    applicable.
    """
    family = get(task.properties, "RuntimePlatform.OperatingSystemFamily")
    if isinstance(family, str) and family.startswith("WINDOWS_SERVER"):
        return Verdict.not_applicable(f"Windows task definition ({family})")
    for path, container in items(task.properties, CONTAINERS):
        read_only = get(container, "ReadonlyRootFilesystem", where=path)
        if not _true(read_only):
            return Verdict.failed(
                f"{path}.ReadonlyRootFilesystem",
                read_only,
                "set ReadonlyRootFilesystem to true and mount writable paths as volumes "
                "(the Secure task definitions do, with scratch_paths for /tmp and the like)",
            )
    return Verdict.passed()


@rule("ECS.8", "AWS::ECS::TaskDefinition")
def containers_keep_secrets_out_of_environment(task: Resource, ctx: RuleContext) -> Verdict:
    """No container's `Environment[].Name` is `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` or
    `ECS_ENGINE_AUTH_DATA`, compared case-insensitively (open question: the superset is the
    conservative verdict). Values are not inspected; `Secrets` is the remedy.
    """
    for path, container in items(task.properties, CONTAINERS):
        for env_path, variable in items(container, "Environment", where=path):
            name = get(variable, "Name", where=env_path)
            if isinstance(name, str) and name.upper() in SECRET_KEYS:
                return Verdict.failed(
                    f"{env_path}.Name",
                    name,
                    f"pass {name} through Secrets (Secrets Manager or SSM Parameter Store), "
                    "or better, use the task role instead of keys",
                )
    return Verdict.passed()


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
)
def cluster_uses_container_insights(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`ClusterSettings` has `containerInsights` set to `enabled` or `enhanced` (`enhanced`
    passes provisionally: open question). Absent: the cluster inherits the account setting,
    which decides when given as the `accountContainerInsights` parameter; otherwise UNKNOWN
    (the account default is off unless changed).
    """
    fix = "set the containerInsights cluster setting to enabled or enhanced (SecureCluster does)"
    for path, setting in items(cluster.properties, "ClusterSettings"):
        if get(setting, "Name", where=path) != "containerInsights":
            continue
        value = get(setting, "Value", where=path)
        if value in ("enabled", "enhanced"):
            return Verdict.passed()
        return Verdict.failed(f"{path}.Value", value, fix)
    account = ctx.param("accountContainerInsights")
    if account in ("enabled", "enhanced"):
        return Verdict.passed(
            f"inherits the account setting containerInsights={account} "
            "(accountContainerInsights parameter)"
        )
    if account == "disabled":
        return Verdict.failed(
            "ClusterSettings",
            None,
            f"{fix}; the account setting is disabled (accountContainerInsights parameter)",
        )
    return Verdict.unknown(
        "containerInsights is not set, so the account default applies (off unless changed)",
        path="ClusterSettings",
        fix=f"{fix}, or give the account setting as the ECS.12 parameter accountContainerInsights",
    )
