"""The control catalog and the registry built on it."""

from __future__ import annotations

import datetime as dt

from fsbp_constructs import CATALOG, REGISTRY, Severity
from fsbp_constructs.controls import NOT_CHECKABLE


def test_catalog_holds_every_fsbp_control() -> None:
    assert len(CATALOG) == 381
    assert sum(c.active for c in CATALOG.values()) == 376
    assert "OpenSearch.7" not in CATALOG and "Opensearch.7" in CATALOG


def test_not_checkable_controls_are_declared_with_their_reason() -> None:
    """Each was reviewed against the AWS pages: Security Hub evaluates a resource that
    CloudFormation cannot create. The catalog's decidability column (an estimate made before
    the review) said otherwise for RDS.4, Neptune.6 (Y) and Backup.1 (P)."""
    assert set(NOT_CHECKABLE) == {"WAF.3", "WAF.7", "RDS.4", "Neptune.6", "Backup.1"}
    assert all("CloudFormation cannot create" in why for why in NOT_CHECKABLE.values())
    assert not set(NOT_CHECKABLE) & set(REGISTRY)


def test_control_metadata() -> None:
    ecr1 = CATALOG["ECR.1"]
    assert ecr1.severity is Severity.HIGH
    assert ecr1.rule_id == "FSBP-ECR.1"
    assert ecr1.doc_url == (
        "https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1"
    )
    assert ecr1.resource_types == ("AWS::ECR::Repository",)
    retired = {c.id: c.retired_on for c in CATALOG.values() if not c.active}
    assert retired == {
        "AutoScaling.4": dt.date(2024, 4, 10),
        "CloudFormation.1": dt.date(2024, 4, 10),
        "EC2.27": dt.date(2022, 7, 20),
        "Redshift.9": dt.date(2025, 9, 24),
        "SNS.2": dt.date(2024, 4, 10),
    }


def test_every_rule_says_what_it_checks() -> None:
    for rule in REGISTRY.values():
        assert rule.summary.endswith("."), rule.id
        assert rule.resource_types, rule.id


def test_every_catalog_type_has_a_cloudformation_name() -> None:
    """The Config names of the catalog map to CloudFormation types through one table
    (``CONFIG_TO_CLOUDFORMATION``): what is left after it reads as ``AWS::Service::Type``, with
    no footnote mark or bracketed note, or is Security Hub's ``AWS::::Account`` (an account
    setting: no CloudFormation type)."""
    for control in CATALOG.values():
        for type_name in control.cloudformation_types:
            if type_name == "AWS::::Account":
                continue
            parts = type_name.split("::")
            assert len(parts) == 3 and all(parts), (control.id, type_name)
            assert "*" not in type_name and "(" not in type_name, (control.id, type_name)
    assert CATALOG["ACM.1"].cloudformation_types == ("AWS::CertificateManager::Certificate",)


def test_every_declaration_covers_the_type_security_hub_evaluates() -> None:
    """A checked control evaluates at least one of the types its catalog row names, in their
    CloudFormation names; the types it adds (ELB.5's Application Load Balancers, the EKS
    cluster CDK makes as a custom resource) are the declaration's, which every page shows."""
    for rule in REGISTRY.values():
        assert set(rule.resource_types) & set(rule.control.cloudformation_types), (
            rule.id, rule.resource_types, rule.control.cloudformation_types,
        )  # fmt: skip


def test_controls_md_and_the_service_pages_show_the_same_types() -> None:
    from fsbp_constructs.controls_doc import controls_markdown, service_markdown

    table = {
        row.split("|")[1].strip().split("]")[0].lstrip("["): row.split("|")[6].strip()
        for row in controls_markdown().splitlines()
        if row.startswith("| [")
    }
    pages: dict[str, str] = {}
    for rule in REGISTRY.values():
        service = rule.control.service.lower()
        if service not in pages:
            pages[service] = service_markdown(service)
        listed = ", ".join(f"`{t}`" for t in rule.resource_types)
        assert f"- **Resource types:** {listed}" in pages[service], rule.id
        assert table[rule.id] == ", ".join(rule.resource_types), rule.id
    assert "AWS::ElasticLoadBalancingV2::LoadBalancer" in table["ELB.5"]
