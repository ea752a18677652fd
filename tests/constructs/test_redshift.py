"""SecureRedshiftCluster: Redshift.9 (retired) plus the other Redshift controls by default."""

from __future__ import annotations

import inspect

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_redshift as redshift
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ec2 import SecureVpc
from fsbp_constructs.constructs.redshift import SecureRedshiftCluster
from fsbp_constructs.testing import check_app, template_of
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
            "ClusterType": "multi-node",
            "NumberOfNodes": 2,
            "MultiAZ": True,
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


def _private_group(stack: cdk.Stack) -> str:
    vpc = SecureVpc(stack, "Vpc", max_azs=3, nat_gateways=0)
    group = ec2.SecurityGroup(stack, "Clients", vpc=vpc, allow_all_outbound=False)
    group.add_ingress_rule(ec2.Peer.ipv4("10.0.0.0/16"), ec2.Port.tcp(5439))
    return group.security_group_id


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    SecureRedshiftCluster(
        stack,
        "Warehouse",
        db_name="sales",
        node_type="ra3.large",
        vpc_security_group_ids=[_private_group(stack)],
    )

    result = check_app(app, include_retired=True)

    mine = [f for f in result.findings if f.resource == "S/Warehouse/Resource"]
    assert {f.control.id for f in mine if f.status in (Status.FAIL, Status.UNKNOWN)} == set()
    assert result.resources("Redshift.9", Status.PASS) == {"S/Warehouse/Resource"}
    for control_id in ("Redshift.2", "Redshift.3", "Redshift.4", "Redshift.7", "Redshift.15"):
        assert result.resources(control_id, Status.PASS) == {"S/Warehouse/Resource"}
    assert result.resources("Redshift.18", Status.PASS) == {"S/Warehouse/Resource"}


def test_without_security_groups_redshift_15_is_unknown() -> None:
    """The documented gap: the VPC's default security group is not in the template."""
    app, stack = new_stack()
    SecureRedshiftCluster(stack, "Warehouse", db_name="sales", node_type="ra3.large")

    result = check_app(app, controls=["Redshift.15"])

    assert result.resources("Redshift.15", Status.UNKNOWN) == {"S/Warehouse/Resource"}


def test_multi_az_off_is_single_node_and_reported() -> None:
    app, stack = new_stack()
    SecureRedshiftCluster(
        stack, "Warehouse", db_name="sales", node_type="ra3.large", multi_az=False
    )

    Template.from_stack(stack).has_resource_properties(
        "AWS::Redshift::Cluster",
        {"ClusterType": "single-node", "NumberOfNodes": Match.absent(), "MultiAZ": False},
    )
    result = check_app(app, controls=["Redshift.18"])
    assert result.reported() == {("FSBP-Redshift.18", "error", "S/Warehouse/Resource")}


def test_signature_is_the_l1s_props() -> None:
    """Typed keyword arguments, one per CfnCluster property (no **props)."""
    theirs = inspect.signature(redshift.CfnCluster.__init__).parameters
    ours = inspect.signature(SecureRedshiftCluster.__init__).parameters
    assert list(ours) == list(theirs)[:3] + ["db_name", "node_type"] + [
        name for name in theirs if name not in ("self", "scope", "id", "db_name", "node_type")
    ]
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in ours.values())
    assert ours["cluster_type"].default is None and ours["master_username"].default is None


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
