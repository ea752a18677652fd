"""Every control that an aws-cdk-lib construct can meet has a CDK hint (#28.1), held to the
declarations: the remedies of the controls, and what the Secure constructs say they do."""

from __future__ import annotations

import inspect
import re

import aws_cdk as cdk

from fsbp_constructs import constructs
from fsbp_constructs.controls import REGISTRY
from fsbp_constructs.evaluate import cdk_fix
from fsbp_constructs.hints import HINTS, L2_SETTINGS, cdk_hint

#: The resource types the injected L2s make.
L2_TYPES = {entry.resource_type for entry in L2_SETTINGS}

#: Controls with a remedy on a type an injected L2 makes, which no L2 setting meets.
NO_L2_SETTING = {
    "RDS.47": "Multi-AZ DB clusters (Engine postgres): rds.DatabaseCluster makes Aurora only",
    "RDS.48": "Multi-AZ DB clusters (Engine mysql): rds.DatabaseCluster makes Aurora only",
}

#: Controls a Secure L2 construct's documentation names that have no hint yet (#28.1: open).
NOT_YET = {
    "AutoScaling.2",
    "AutoScaling.3",
    "AutoScaling.4",
    "AutoScaling.6",
    "AutoScaling.9",
    "EC2.170",
    "EC2.24",
    "CloudFront.1",
    "CloudFront.3",
    "CloudFront.4",
    "CloudFront.5",
    "CloudFront.6",
    "CloudFront.8",
    "CloudFront.9",
    "CloudFront.10",
    "CloudFront.15",
    "CloudFront.16",
    "CloudFront.17",
    "Opensearch.1",
    "Opensearch.2",
    "Opensearch.3",
    "Opensearch.4",
    "Opensearch.5",
    "Opensearch.6",
    "Opensearch.7",
    "Opensearch.8",
    "RDS.46",
    "S3.6",
    "ELB.21",
    "ELB.22",
    "SecretsManager.1",
    "SecretsManager.4",
    "CloudFormation.1",
}


def hinted(control_id: str) -> bool:
    return any(cdk_hint(control_id, t) for t in REGISTRY[control_id].resource_types)


def test_every_remedy_on_a_type_an_l2_makes_has_a_hint() -> None:
    """A remedy sets a CloudFormation property; where an injected L2 makes the resource, the
    L2 has a setting for it (or the table above says why not)."""
    missing = [
        (rule.id, type_name)
        for rule in REGISTRY.values()
        if rule.remedy is not None and rule.id not in NO_L2_SETTING
        for type_name in rule.resource_types
        if type_name in L2_TYPES and cdk_hint(rule.id, type_name) is None
    ]
    assert missing == []
    assert all(REGISTRY[c].remedy is not None and not hinted(c) for c in NO_L2_SETTING)


def secure_l2_constructs() -> dict[str, set[str]]:
    """Each Secure construct that is an aws-cdk-lib L2 (or Stack) -> the controls its
    documentation names."""
    named = {}
    for name in constructs.__all__:
        cls = getattr(constructs, name)
        if not inspect.isclass(cls):
            continue
        if not any(b.__module__.startswith("aws_cdk") for b in cls.__mro__[1:2]):
            continue  # built on Construct: aws-cdk-lib has no L2 with the setting
        doc = inspect.getdoc(cls) or ""
        named[name] = set(re.findall(r"\b([A-Za-z0-9]+\.\d+)\b", doc)) & set(REGISTRY)
    return named


def test_every_control_a_secure_l2_construct_meets_has_a_hint() -> None:
    named = secure_l2_constructs()
    assert {"SecureVpc", "SecureStack", "SecureBucket"} <= set(named)
    missing = sorted(
        (name, control)
        for name, controls in named.items()
        for control in controls
        if control not in NOT_YET and not hinted(control)
    )
    assert missing == []
    # A control that gains a hint leaves the list of the open ones.
    assert sorted(c for c in NOT_YET if hinted(c)) == []
    assert set().union(*named.values()) >= NOT_YET


def test_the_misses_of_the_trial_name_what_the_library_offers() -> None:
    """The hints #28 found missing in a new user's trial."""
    for control in ("EC2.10", "EC2.55", "EC2.56", "EC2.57", "EC2.58", "EC2.60"):
        hint = cdk_hint(control, "AWS::EC2::VPC")
        assert hint is not None and "SecureVpc" in hint and "add_interface_endpoint" in hint
    assert "ec2.InterfaceVpcEndpointAwsService('ecr.dkr')" in str(
        cdk_hint("EC2.56", "AWS::EC2::VPC")
    )
    assert "map_public_ip_on_launch=False" in str(cdk_hint("EC2.15", "AWS::EC2::Subnet"))
    stack = cdk_hint("CloudFormation.3", "AWS::CloudFormation::Stack")
    assert stack is not None and "termination_protection=True" in stack and "SecureStack" in stack
    assert "log_access_logs" in str(cdk_hint("ELB.5", "AWS::ElasticLoadBalancingV2::LoadBalancer"))
    assert "access_logging_policy" in str(
        cdk_hint("ELB.5", "AWS::ElasticLoadBalancing::LoadBalancer")
    )


def test_hints_name_a_type_their_control_checks_and_real_names() -> None:
    for hint in HINTS:
        assert hint.resource_type in REGISTRY[hint.control].resource_types, hint
    # The props named exist on the aws-cdk-lib classes.
    assert "termination_protection" in inspect.signature(cdk.Stack.__init__).parameters


def test_a_hint_reads_as_a_sentence_in_every_report() -> None:
    fix = cdk_fix("CloudFormation.3", "AWS::CloudFormation::Stack")
    assert fix == (
        "With aws-cdk-lib, cdk.Stack(termination_protection=True); SecureStack sets it by default"
    )
