"""SecureDocDbCluster: the FSBP DocumentDB controls met by default."""

from __future__ import annotations

import inspect

from aws_cdk import SecretValue
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_ec2 as ec2
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.docdb import SecureDocDbCluster
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack_with_vpc

ADMIN = docdb.Login(username="docadmin")
INSTANCE_TYPE = ec2.InstanceType("r6g.large")


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDocDbCluster(stack, "Docs", master_user=ADMIN, instance_type=INSTANCE_TYPE, vpc=vpc)

    assert template_of(stack) == snapshot_json


def test_defaults_have_zero_findings() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureDocDbCluster(stack, "Docs", master_user=ADMIN, instance_type=INSTANCE_TYPE, vpc=vpc)

    result = check_app(app)

    problems = [
        f"{f.control.id} {f.status.value} {f.resource}: {f.verdict.detail}"
        for f in result.findings
        if f.status in (Status.FAIL, Status.UNKNOWN)
    ]
    assert problems == []
    assert result.resources("DocumentDB.4", Status.PASS) == {"S/Docs/Resource"}


def test_defaults_in_the_template() -> None:
    _, stack, vpc = new_stack_with_vpc()
    cluster = SecureDocDbCluster(
        stack, "Docs", master_user=ADMIN, instance_type=INSTANCE_TYPE, vpc=vpc
    )

    template = Template.from_stack(stack)
    assert cluster.parameter_group is not None
    template.has_resource_properties(
        "AWS::DocDB::DBCluster",
        {
            "StorageEncrypted": True,
            "BackupRetentionPeriod": 7,
            "EnableCloudwatchLogsExports": ["audit"],
            "DeletionProtection": True,
            "EngineVersion": "5.0.0",
            "ManageMasterUserPassword": True,
            "MasterUsername": "docadmin",
            "MasterUserPassword": Match.absent(),
            "DBClusterParameterGroupName": {
                "Ref": stack.get_logical_id(
                    cluster.parameter_group.node.default_child  # type: ignore[arg-type]
                )
            },
        },
    )
    template.has_resource_properties(
        "AWS::DocDB::DBClusterParameterGroup",
        {"Family": "docdb5.0", "Parameters": {"tls": "tls1.2+", "audit_logs": "enabled"}},
    )
    template.resource_count_is("AWS::SecretsManager::Secret", 0)


def test_given_engine_version_and_parameter_group() -> None:
    _, stack, vpc = new_stack_with_vpc()
    eight = SecureDocDbCluster(
        stack,
        "Eight",
        master_user=ADMIN,
        instance_type=INSTANCE_TYPE,
        vpc=vpc,
        engine_version="8.0.0",
    )
    group = docdb.ClusterParameterGroup(
        stack, "Own", family="docdb5.0", parameters={"tls": "tls1.2+"}
    )
    own = SecureDocDbCluster(
        stack,
        "Own5",
        master_user=ADMIN,
        instance_type=INSTANCE_TYPE,
        vpc=vpc,
        parameter_group=group,
    )

    assert eight.parameter_group is not None
    assert own.parameter_group is None
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::DocDB::DBClusterParameterGroup", {"Family": "docdb8.0"})
    template.resource_count_is("AWS::DocDB::DBClusterParameterGroup", 2)


def test_a_password_of_your_own_is_not_managed() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDocDbCluster(
        stack,
        "Docs",
        master_user=docdb.Login(
            username="docadmin", password=SecretValue.unsafe_plain_text("not-a-real-one")
        ),
        instance_type=INSTANCE_TYPE,
        vpc=vpc,
    )

    Template.from_stack(stack).has_resource_properties(
        "AWS::DocDB::DBCluster", {"ManageMasterUserPassword": Match.absent()}
    )


def test_pack_flags_an_unprotected_cluster() -> None:
    app, stack, vpc = new_stack_with_vpc()
    SecureDocDbCluster(
        stack,
        "Docs",
        master_user=ADMIN,
        instance_type=INSTANCE_TYPE,
        vpc=vpc,
        deletion_protection=False,
    )

    result = check_app(app, controls=["DocumentDB.5"])

    assert result.resources("DocumentDB.5", Status.FAIL) == {"S/Docs/Resource"}
    assert result.reported() == {("FSBP-DocumentDB.5", "error", "S/Docs/Resource")}


def test_template_passes_cfn_lint() -> None:
    _, stack, vpc = new_stack_with_vpc()
    SecureDocDbCluster(stack, "Docs", master_user=ADMIN, instance_type=INSTANCE_TYPE, vpc=vpc)

    assert cfn_lint_errors(template_of(stack)) == []


def test_signature_is_the_l2s() -> None:
    theirs = inspect.signature(docdb.DatabaseCluster.__init__).parameters
    ours = inspect.signature(SecureDocDbCluster.__init__).parameters
    assert list(ours) == list(theirs)
    assert [p.annotation for p in ours.values()] == [p.annotation for p in theirs.values()]
