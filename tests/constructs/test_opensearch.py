"""SecureDomain: Opensearch.7 (fine-grained access control) and the settings it requires."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.ec2 import SecureVpc
from fsbp_constructs.constructs.opensearch import SecureDomain
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack

VERSION = opensearch.EngineVersion.OPENSEARCH_2_19
ADMIN_ROLE = "arn:aws:iam::111111111111:role/search-admin"


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION)

    assert template_of(stack) == snapshot_json


def test_fine_grained_access_control_encryption_https_and_tls12() -> None:
    _, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION)

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::OpenSearchService::Domain",
        {
            "AdvancedSecurityOptions": {
                "Enabled": True,
                "InternalUserDatabaseEnabled": True,
                "MasterUserOptions": {
                    "MasterUserName": "admin",
                    "MasterUserPassword": Match.any_value(),
                },
            },
            "EncryptionAtRestOptions": {"Enabled": True},
            "NodeToNodeEncryptionOptions": {"Enabled": True},
            "DomainEndpointOptions": {
                "EnforceHTTPS": True,
                "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10",
            },
        },
    )
    template.resource_count_is("AWS::SecretsManager::Secret", 1)


@pytest.mark.parametrize(
    "options",
    [
        opensearch.AdvancedSecurityOptions(master_user_arn=ADMIN_ROLE),
        {"master_user_arn": ADMIN_ROLE},
    ],
)
def test_master_user_arn_replaces_the_generated_master_user(options: object) -> None:
    _, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION, fine_grained_access_control=options)  # type: ignore[arg-type]

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::OpenSearchService::Domain",
        {
            "AdvancedSecurityOptions": {
                "Enabled": True,
                "InternalUserDatabaseEnabled": False,
                "MasterUserOptions": {"MasterUserARN": ADMIN_ROLE},
            }
        },
    )
    template.resource_count_is("AWS::SecretsManager::Secret", 0)


def test_defaults_have_zero_findings_with_every_control() -> None:
    """Given a VPC (the one gap, Opensearch.2), the domain has no FAIL or UNKNOWN."""
    app, stack = new_stack()
    vpc = SecureVpc(
        stack,
        "Vpc",
        max_azs=3,
        nat_gateways=0,
        subnet_configuration=[
            ec2.SubnetConfiguration(name="data", subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)
        ],
    )
    SecureDomain(
        stack,
        "Search",
        version=VERSION,
        vpc=vpc,
        vpc_subnets=[ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_ISOLATED)],
    )

    result = check_app(app, include_retired=True)

    domain = [f for f in result.findings if f.resource == "S/Search/Resource"]
    assert [f.control.id for f in domain if f.status in (Status.FAIL, Status.UNKNOWN)] == []
    for control_id in ("2", "4", "5", "6", "7", "8"):
        assert result.resources(f"Opensearch.{control_id}", Status.PASS) == {"S/Search/Resource"}


def test_without_a_vpc_opensearch_2_fails() -> None:
    """The documented gap: the domain is public unless given a VPC."""
    app, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION)

    result = check_app(app, controls=["Opensearch.2"])

    assert result.resources("Opensearch.2", Status.FAIL) == {"S/Search/Resource"}


def test_fault_tolerance_and_logging_defaults() -> None:
    _, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION)

    Template.from_stack(stack).has_resource_properties(
        "AWS::OpenSearchService::Domain",
        {
            "ClusterConfig": Match.object_like(
                {
                    "InstanceCount": 3,
                    "ZoneAwarenessEnabled": True,
                    "ZoneAwarenessConfig": {"AvailabilityZoneCount": 3},
                }
            ),
            "LogPublishingOptions": {
                "ES_APPLICATION_LOGS": Match.object_like({"Enabled": True}),
                "AUDIT_LOGS": Match.object_like({"Enabled": True}),
            },
        },
    )


def test_pack_flags_fine_grained_access_control_turned_off() -> None:
    app, stack = new_stack()
    domain = SecureDomain(stack, "Search", version=VERSION)
    l1 = domain.node.default_child
    assert isinstance(l1, cdk.CfnResource)
    l1.add_property_override("AdvancedSecurityOptions.Enabled", False)

    result = check_app(app, controls=["Opensearch.7"])

    assert result.resources("Opensearch.7", Status.FAIL) == {"S/Search/Resource"}
    assert result.reported() == {("FSBP-Opensearch.7", "error", "S/Search/Resource")}


def test_options_without_a_master_user_are_refused() -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=r"names no master user.*Opensearch\.7.*master_user_name"):
        SecureDomain(
            stack,
            "Search",
            version=VERSION,
            fine_grained_access_control=opensearch.AdvancedSecurityOptions(),
        )


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    SecureDomain(stack, "Search", version=VERSION)

    assert cfn_lint_errors(template_of(stack)) == []
