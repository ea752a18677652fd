"""``FsbpDefaults.inject`` gives plain DocumentDB clusters the defaults of SecureDocDbCluster
(the injector creates the TLS parameter group beside the cluster, as ``<id>ParameterGroup``)."""

from __future__ import annotations

from typing import cast

import aws_cdk as cdk
from aws_cdk import aws_docdb as docdb
from aws_cdk import aws_ec2 as ec2

from fsbp_constructs import FsbpDefaults, Status
from fsbp_constructs.hints import cdk_hint
from fsbp_constructs.testing import check_app, new_app, template_of
from tests.conftest import ENV, NOTIFY


def docdb_app(*, injected: bool) -> tuple[cdk.App, cdk.Stack]:
    app = new_app()
    if injected:
        FsbpDefaults.inject(app)
    stack = cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)
    vpc = ec2.Vpc.from_vpc_attributes(
        stack,
        "Vpc",
        vpc_id="vpc-12345678",
        availability_zones=["us-east-1a", "us-east-1b"],
        private_subnet_ids=["subnet-1111aaaa", "subnet-2222bbbb"],
    )
    docdb.DatabaseCluster(
        stack,
        "Docs",
        master_user=docdb.Login(username="docadmin"),
        instance_type=ec2.InstanceType("r6g.large"),
        vpc=vpc,
    )
    return app, stack


def test_injected_cluster_has_zero_findings() -> None:
    plain_app, _ = docdb_app(injected=False)
    app, stack = docdb_app(injected=True)
    resources = template_of(stack)["Resources"].values()
    (cluster,) = [r for r in resources if r["Type"] == "AWS::DocDB::DBCluster"]
    assert cluster["Properties"]["ManageMasterUserPassword"] is True

    plain = check_app(plain_app)
    injected = check_app(app)

    assert plain.resources("DocumentDB.5", Status.FAIL) == {"S/Docs/Resource"}
    bad = [
        f"{f.control.id} {f.status.value} {f.resource}"
        for f in injected.findings
        if f.status in (Status.FAIL, Status.UNKNOWN)
    ]
    assert bad == []


def test_an_explicit_prop_wins_over_the_injected_default() -> None:
    app, stack = docdb_app(injected=True)
    docdb.DatabaseCluster(
        stack,
        "Open",
        master_user=docdb.Login(username="docadmin"),
        instance_type=ec2.InstanceType("r6g.large"),
        vpc=cast(ec2.IVpc, stack.node.find_child("Vpc")),
        deletion_protection=False,
    )

    result = check_app(app, controls=["DocumentDB.5"])

    assert result.resources("DocumentDB.5", Status.FAIL) == {"S/Open/Resource"}
    assert result.resources("DocumentDB.5", Status.PASS) == {"S/Docs/Resource"}


def test_cdk_hint_names_the_cluster_setting() -> None:
    hint = cdk_hint("DocumentDB.5", "AWS::DocDB::DBCluster")
    assert hint is not None
    assert "docdb.DatabaseCluster(deletion_protection=True)" in hint
