"""Amazon ECS: ECS.3, ECS.4, ECS.5, ECS.8, ECS.12."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, control, each, prop, setting
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Verdict, rule

__all__ = ["INSIGHTS_VALUES", "SECRET_KEYS"]

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
