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
