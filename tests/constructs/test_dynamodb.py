"""SecureTable and SecureTableV2: point-in-time recovery and deletion protection by default."""

from __future__ import annotations

import inspect

import pytest
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.dynamodb import SecureTable, SecureTableV2
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack

KEY = dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY)
    SecureTableV2(stack, "Global", partition_key=KEY)

    assert template_of(stack) == snapshot_json


def test_defaults_have_zero_findings() -> None:
    app, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY)
    SecureTableV2(stack, "Global", partition_key=KEY)

    result = check_app(app)

    assert [f for f in result.findings if f.status in (Status.FAIL, Status.UNKNOWN)] == []
    assert result.error is None
    assert result.resources("DynamoDB.2", Status.PASS) >= {"S/Table/Resource"}
    assert result.resources("DynamoDB.6", Status.PASS) >= {"S/Table/Resource"}


def test_defaults_in_the_template() -> None:
    _, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY)
    SecureTableV2(stack, "Global", partition_key=KEY)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
            "DeletionProtectionEnabled": True,
            "BillingMode": "PAY_PER_REQUEST",
            "ProvisionedThroughput": Match.absent(),
        },
    )
    template.has_resource_properties(
        "AWS::DynamoDB::GlobalTable",
        {
            "Replicas": [
                Match.object_like(
                    {
                        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
                        "DeletionProtectionEnabled": True,
                    }
                )
            ]
        },
    )


def test_given_capacity_keeps_provisioned_billing() -> None:
    _, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY, read_capacity=5, write_capacity=5)

    Template.from_stack(stack).has_resource_properties(
        "AWS::DynamoDB::Table",
        {
            "BillingMode": Match.absent(),
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        },
    )


def test_the_older_boolean_replaces_the_recovery_default() -> None:
    _, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY, point_in_time_recovery=True)

    Template.from_stack(stack).has_resource_properties(
        "AWS::DynamoDB::Table",
        {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}},
    )


def test_pack_flags_an_unprotected_table() -> None:
    app, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY, deletion_protection=False)

    result = check_app(app, controls=["DynamoDB.6"])

    assert result.resources("DynamoDB.6", Status.FAIL) == {"S/Table/Resource"}
    assert result.reported() == {("FSBP-DynamoDB.6", "error", "S/Table/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureTable(stack, "Table", partition_key=KEY)
    SecureTableV2(stack, "Global", partition_key=KEY)

    assert cfn_lint_errors(template_of(stack)) == []


@pytest.mark.parametrize(
    ("construct", "l2"),
    [(SecureTable, dynamodb.Table), (SecureTableV2, dynamodb.TableV2)],
    ids=["Table", "TableV2"],
)
def test_signature_is_the_l2s(construct: type, l2: type) -> None:
    theirs = inspect.signature(l2.__init__).parameters  # type: ignore[misc]
    ours = inspect.signature(construct.__init__).parameters  # type: ignore[misc]
    assert list(ours) == list(theirs)
    assert [p.annotation for p in ours.values()] == [p.annotation for p in theirs.values()]
