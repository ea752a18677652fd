"""``FsbpDefaults.inject`` gives plain DynamoDB tables the defaults of SecureTable(V2)."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb

from fsbp_constructs import FsbpDefaults, SecureTable, Status
from fsbp_constructs.hints import cdk_hint
from fsbp_constructs.testing import check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY

KEY = dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)


def table_app(*, injected: bool) -> cdk.App:
    app = new_app()
    if injected:
        FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    dynamodb.Table(stack, "Table", partition_key=KEY)
    dynamodb.TableV2(stack, "Global", partition_key=KEY)
    return app


def test_injected_tables_have_zero_findings() -> None:
    plain = check_app(table_app(injected=False))
    injected = check_app(table_app(injected=True))

    # TableV2 is a global table: Security Hub judges each replica (DynamoDB.2, DynamoDB.6).
    both = {"S/Table/Resource", "S/Global/Resource"}
    assert plain.resources("DynamoDB.2", Status.FAIL) == both
    assert plain.resources("DynamoDB.6", Status.FAIL) == both
    bad = [f for f in injected.findings if f.status in (Status.FAIL, Status.UNKNOWN)]
    assert bad == []
    assert injected.error is None


def test_injected_table_v2_gets_recovery_and_protection() -> None:
    app = table_app(injected=True)
    stack = app.node.find_child("S")
    assert isinstance(stack, cdk.Stack)
    resources = template_of(stack)["Resources"].values()
    (table,) = [r for r in resources if r["Type"] == "AWS::DynamoDB::GlobalTable"]
    (replica,) = table["Properties"]["Replicas"]
    assert replica["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert replica["DeletionProtectionEnabled"] is True


def test_an_explicit_prop_wins_and_capacity_keeps_provisioned_billing() -> None:
    app = new_app()
    FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV)
    dynamodb.Table(stack, "Open", partition_key=KEY, deletion_protection=False)
    dynamodb.Table(stack, "Sized", partition_key=KEY, read_capacity=5, write_capacity=5)

    resources = template_of(stack)["Resources"]
    sized = next(v for k, v in resources.items() if k.startswith("Sized"))
    assert "BillingMode" not in sized["Properties"]
    result = check_app(app, controls=["DynamoDB.6"])
    assert result.resources("DynamoDB.6", Status.FAIL) == {"S/Open/Resource"}


def test_injected_and_secure_tables_share_one_definition() -> None:
    app = new_app()
    secure_stack = cdk.Stack(app, "Secure", env=ENV)
    SecureTable(secure_stack, "Table", partition_key=KEY)
    scope = cdk.Stage(app, "Injected")
    FsbpDefaults.inject(scope)
    plain_stack = cdk.Stack(scope, "Plain", env=ENV)
    dynamodb.Table(plain_stack, "Table", partition_key=KEY)

    def props(stack: cdk.Stack) -> object:
        resources = template_of(stack)["Resources"].values()
        (table,) = [r for r in resources if r["Type"] == "AWS::DynamoDB::Table"]
        return table["Properties"]

    assert props(secure_stack) == props(plain_stack)


def test_cdk_hint_names_the_setting_of_the_l2_that_makes_the_table() -> None:
    hint = cdk_hint("DynamoDB.6", "AWS::DynamoDB::Table")
    assert hint is not None
    assert "dynamodb.Table(deletion_protection=True)" in hint
    assert "SecureTable " in hint and "TableV2" not in hint
    global_hint = cdk_hint("DynamoDB.6", "AWS::DynamoDB::GlobalTable")
    assert global_hint is not None
    assert "dynamodb.TableV2(deletion_protection=True)" in global_hint
    assert "SecureTableV2 " in global_hint and "dynamodb.Table(" not in global_hint
