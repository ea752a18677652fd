"""Shared test setup: one pytest session, many small apps (each synth is cheap once Node runs)."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import cfnlint.api
import pytest
from aws_cdk import aws_ec2 as ec2
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from fsbp_constructs.testing import new_app

#: A fixed environment so that templates and bootstrap names are stable.
ENV = cdk.Environment(account="111111111111", region="us-east-1")

#: Stack notifications satisfy the retired CloudFormation.1, so that every control can run.
NOTIFY = ["arn:aws:sns:us-east-1:111111111111:stack-events"]


def new_stack() -> tuple[cdk.App, cdk.Stack]:
    """A fresh app with one stack ``S`` in :data:`ENV` that sends its events to :data:`NOTIFY`,
    with termination protection (CloudFormation.3)."""
    app = new_app()
    return app, cdk.Stack(app, "S", env=ENV, notification_arns=NOTIFY, termination_protection=True)


def new_stack_with_vpc() -> tuple[cdk.App, cdk.Stack, ec2.IVpc]:
    """:func:`new_stack` plus an imported VPC with private subnets in two AZs."""
    app, stack = new_stack()
    vpc = ec2.Vpc.from_vpc_attributes(
        stack,
        "Vpc",
        vpc_id="vpc-12345678",
        availability_zones=["us-east-1a", "us-east-1b"],
        private_subnet_ids=["subnet-1111aaaa", "subnet-2222bbbb"],
    )
    return app, stack, vpc


@pytest.fixture
def env() -> cdk.Environment:
    return ENV


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """One reviewable JSON file per snapshot (pair with fsbp_constructs.testing.template_of)."""
    return snapshot.use_extension(JSONSnapshotExtension)


def cfn_lint_errors(template: dict[str, Any], region: str = "us-east-1") -> list[str]:
    """cfn-lint's errors (not warnings or informational matches) for a template."""
    matches = cfnlint.api.lint(json.dumps(template), regions=[region])
    return [
        f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path or []))})"
        for m in matches
        if m.rule.id.startswith("E")
    ]
