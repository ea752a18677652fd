"""SecureRedshiftCluster: Redshift.9 (retired) plus the other Redshift controls by default."""

from __future__ import annotations

import pytest
from aws_cdk import aws_redshift as redshift
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.redshift import SecureRedshiftCluster
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")

    assert template_of(stack) == snapshot_json


def test_private_encrypted_logged_cluster_with_tls_parameter_group() -> None:
    _, stack = new_stack()
    cluster = SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")

    template = Template.from_stack(stack)
    assert cluster.parameter_group is not None
    template.has_resource_properties(
        "AWS::Redshift::Cluster",
        {
            "DBName": "sales",
            "ClusterType": "single-node",
            "NumberOfNodes": Match.absent(),
            "MasterUsername": "rsadmin",
            "ManageMasterPassword": True,
            "MasterUserPassword": Match.absent(),
            "Encrypted": True,
            "PubliclyAccessible": False,
            "AutomatedSnapshotRetentionPeriod": 7,
            "AllowVersionUpgrade": True,
            "EnhancedVpcRouting": True,
            "LoggingProperties": {
                "LogDestinationType": "cloudwatch",
                "LogExports": ["connectionlog", "userlog", "useractivitylog"],
            },
            "ClusterParameterGroupName": {"Ref": stack.get_logical_id(cluster.parameter_group)},
        },
    )
    template.has_resource_properties(
        "AWS::Redshift::ClusterParameterGroup",
        {
            "ParameterGroupFamily": "redshift-2.0",
            "Parameters": [
                {"ParameterName": "require_ssl", "ParameterValue": "true"},
                {"ParameterName": "enable_user_activity_logging", "ParameterValue": "true"},
            ],
        },
    )
    assert isinstance(cluster.resource, redshift.CfnCluster)
    assert cluster.node.default_child is cluster.resource
    assert stack.resolve(cluster.cluster_name) == {"Ref": stack.get_logical_id(cluster.resource)}


def test_given_values_replace_defaults() -> None:
    _, stack = new_stack()
    cluster = SecureRedshiftCluster(
        stack,
        "Warehouse",
        db_name="sales",
        node_type="ra3.xlplus",
        number_of_nodes=2,
        cluster_parameter_group_name="team-params",
        master_user_password="{{resolve:ssm:pw}}",
    )

    template = Template.from_stack(stack)
    assert cluster.parameter_group is None
    template.resource_count_is("AWS::Redshift::ClusterParameterGroup", 0)
    template.has_resource_properties(
        "AWS::Redshift::Cluster",
        {
            "ClusterType": "multi-node",
            "NumberOfNodes": 2,
            "ClusterParameterGroupName": "team-params",
            "MasterUserPassword": "{{resolve:ssm:pw}}",
            "ManageMasterPassword": Match.absent(),
        },
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")

    result = assert_compliant(app, include_retired=True, strict=True)

    assert result.resources("Redshift.9", Status.PASS) == {"S/Warehouse/Resource"}


def test_pack_flags_dev_set_through_the_escape_hatch() -> None:
    app, stack = new_stack()
    cluster = SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")
    cluster.resource.add_property_override("DBName", "dev")

    result = check_app(app, controls=["Redshift.9"])

    assert result.resources("Redshift.9", Status.FAIL) == {"S/Warehouse/Resource"}
    assert result.reported() == {("FSBP-Redshift.9", "error", "S/Warehouse/Resource")}


@pytest.mark.parametrize("name", ["dev", "DEV", " dev "])
def test_default_database_name_is_refused(name: str) -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=rf"db_name '{name}' is Redshift's default.*Redshift\.9"):
        SecureRedshiftCluster(stack, "Warehouse", db_name=name, node_type="ra3.large")


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")

    assert cfn_lint_errors(template_of(stack)) == []
