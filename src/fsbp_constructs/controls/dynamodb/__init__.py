"""Amazon DynamoDB and DynamoDB Accelerator (DAX): DynamoDB.1, DynamoDB.2, DynamoDB.3,
DynamoDB.6, DynamoDB.7."""

from __future__ import annotations

from ...engine.checks import FAILS, Check, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable

_TABLE = "AWS::DynamoDB::Table"
_SCALABLE_TARGET = "AWS::ApplicationAutoScaling::ScalableTarget"
_DIMENSIONS = ("dynamodb:table:ReadCapacityUnits", "dynamodb:table:WriteCapacityUnits")
_SCALING_FIX = (
    "set BillingMode to PAY_PER_REQUEST, or add AWS::ApplicationAutoScaling::ScalableTarget "
    "resources (with a target-tracking ScalingPolicy) whose ResourceId is table/<the table> "
    "for both dynamodb:table:ReadCapacityUnits and dynamodb:table:WriteCapacityUnits"
)


@rule(
    "DynamoDB.1",
    _TABLE,
    fix=_SCALING_FIX,
    remedy=Remedy(
        {
            "BillingMode": "PAY_PER_REQUEST",
            "ProvisionedThroughput": None,
            "GlobalSecondaryIndexes[*].ProvisionedThroughput": None,
        },
        safe=False,
        breaks="Changes the billing: on-demand requests cost more than well-used provisioned "
        "capacity, and the billing mode can be switched only once a day.",
    ),
)
def table_scales_with_demand(table: Resource, ctx: RuleContext) -> Verdict:
    """`BillingMode` is `PAY_PER_REQUEST` (on-demand capacity scales by itself), or the app
    has an `AWS::ApplicationAutoScaling::ScalableTarget` pointing at the table for each of
    `dynamodb:table:ReadCapacityUnits` and `dynamodb:table:WriteCapacityUnits`. Absent
    `BillingMode` means `PROVISIONED`. A provisioned table without both scalable targets in
    the app fails (conservative: scaling registered outside the app is not seen). The scaling
    of global secondary indexes is not judged (open question).

    Code, not a declaration: the scaling lives in other resources (the scalable targets).
    """
    mode = table.props.get("BillingMode")
    if isinstance(mode, str) and mode.upper() == "PAY_PER_REQUEST":
        return Verdict.passed("on-demand capacity")
    if mode is not None and not isinstance(mode, str):
        raise Undecidable("BillingMode", f"a value that is not a string ({mode!r})")
    scaled: set[str] = set()
    undecided = Undecided()
    for ref in ctx.app.referrers(table, _SCALABLE_TARGET):
        if not ref.path.startswith("ResourceId"):
            continue
        try:
            dimension = ref.source.props.get("ScalableDimension")
        except Undecidable as error:
            undecided.keep(error)
            continue
        if dimension in _DIMENSIONS:
            scaled.add(str(dimension))
    missing = [d for d in _DIMENSIONS if d not in scaled]
    if not missing:
        return Verdict.passed("read and write capacity auto scaled")
    undecided.reraise()
    return Verdict(
        Status.FAIL,
        path="BillingMode",
        found=mode,
        fix=_SCALING_FIX,
        reason=f"provisioned capacity without auto scaling of {', '.join(missing)}",
    )


_GLOBAL_TABLE = "AWS::DynamoDB::GlobalTable"
_PITR = "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled"


def _table_or_replicas(check: Check, table: Resource) -> Verdict:
    """``check`` on a table, or on every replica of a global table (each replica is a table
    that Security Hub evaluates on its own; a global table without replicas fails)."""
    if table.type == _GLOBAL_TABLE:
        check = each("Replicas", check, empty=FAILS)
    try:
        return check.evaluate(table.props, {})
    except Undecidable as error:
        return Verdict.unknown(str(error), path=error.path)


@rule(
    "DynamoDB.2",
    _TABLE,
    _GLOBAL_TABLE,
    fix=f"set {_PITR} to true (on a global table: in every item of Replicas)",
    remedy=Remedy(
        {_PITR: True},
        safe=False,
        breaks="Costs continuous-backup storage, billed by the table's size.",
    ),
)
def point_in_time_recovery(table: Resource, ctx: RuleContext) -> Verdict:
    """`PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled` is true; absent means
    off. A global table (`AWS::DynamoDB::GlobalTable`, what aws-cdk-lib's `TableV2` makes) is
    judged on each item of `Replicas`: every replica is a table in Security Hub. The recovery
    period (`RecoveryPeriodInDays`) is not judged."""
    return _table_or_replicas(prop(_PITR, absent=False).is_true(), table)


control(
    "DynamoDB.3",
    "AWS::DAX::Cluster",
    check=prop("SSESpecification.SSEEnabled", absent=False).is_true(),
    fix="set SSESpecification.SSEEnabled to true (it can only be chosen when the cluster "
    "is created: the cluster is replaced)",
)


@rule(
    "DynamoDB.6",
    _TABLE,
    _GLOBAL_TABLE,
    fix="set DeletionProtectionEnabled to true (on a global table: in every item of Replicas)",
    remedy=Remedy(
        {"DeletionProtectionEnabled": True},
        safe=False,
        breaks="Deleting the table, or the stack, fails until deletion protection is turned "
        "off first.",
    ),
)
def deletion_protection(table: Resource, ctx: RuleContext) -> Verdict:
    """`DeletionProtectionEnabled` is true; absent means false. A global table
    (`AWS::DynamoDB::GlobalTable`, what aws-cdk-lib's `TableV2` makes) is judged on each item
    of `Replicas`: every replica is a table in Security Hub, with its own setting."""
    return _table_or_replicas(prop("DeletionProtectionEnabled", absent=False).is_true(), table)


control(
    "DynamoDB.7",
    "AWS::DAX::Cluster",
    check=prop("ClusterEndpointEncryptionType", absent="NONE").equals("TLS"),
    fix="set ClusterEndpointEncryptionType to TLS (chosen at creation: the cluster is replaced)",
    note="The catalog lists `AWS::DynamoDB::Table`, but the Config rule reads DAX clusters: "
    "the cluster's endpoint setting is what decides.",
)
