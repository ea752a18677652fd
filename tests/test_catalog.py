"""The control catalog, the registry it feeds, and the generated CONTROLS.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fsbp_constructs import CATALOG, REGISTRY, Severity
from fsbp_constructs.catalog import NOT_CHECKABLE_AT_SYNTH, Decidability
from fsbp_constructs.controls_doc import controls_markdown

ROOT = Path(__file__).resolve().parents[1]

#: The 35 controls of the 2022 batch this package starts from (issue #2).
BATCH_2022 = {
    "AutoScaling.3",
    "AutoScaling.4",
    "AutoScaling.6",
    "AutoScaling.9",
    "CloudFormation.1",
    "CloudFront.10",
    "EC2.23",
    "EC2.24",
    "ECR.1",
    "ECR.2",
    "ECS.3",
    "ECS.4",
    "ECS.5",
    "ECS.8",
    "ECS.12",
    "EFS.3",
    "EFS.4",
    "EKS.2",
    "ELB.12",
    "ELB.13",
    "ELB.14",
    "Kinesis.1",
    "NetworkFirewall.3",
    "NetworkFirewall.4",
    "NetworkFirewall.5",
    "Opensearch.7",
    "Redshift.9",
    "S3.13",
    "SNS.2",
    "WAF.2",
    "WAF.3",
    "WAF.4",
    "WAF.6",
    "WAF.7",
    "WAF.8",
}


def test_catalog_holds_every_fsbp_control() -> None:
    assert len(CATALOG) == 381
    assert sum(c.active for c in CATALOG.values()) == 376
    assert "OpenSearch.7" not in CATALOG and "Opensearch.7" in CATALOG


def test_the_2022_batch_is_implemented_or_marked_not_checkable() -> None:
    assert set(REGISTRY) | set(NOT_CHECKABLE_AT_SYNTH) == BATCH_2022
    assert set(NOT_CHECKABLE_AT_SYNTH) == {"WAF.3", "WAF.7"}
    assert all(CATALOG[c].decidability is Decidability.NO for c in NOT_CHECKABLE_AT_SYNTH)


def test_controls_know_whether_they_are_checked() -> None:
    assert CATALOG["ECR.1"].implemented and not CATALOG["S3.1"].implemented
    assert CATALOG["WAF.7"].not_checkable_reason is not None
    assert "CloudFormation cannot create" in str(CATALOG["WAF.3"].not_checkable_reason)
    assert CATALOG["ECR.1"].not_checkable_reason is None


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


def test_controls_md_is_up_to_date() -> None:
    committed = (ROOT / "CONTROLS.md").read_text(encoding="utf-8")
    assert committed == controls_markdown(), (
        "CONTROLS.md is stale: run `python -m fsbp_constructs.controls_doc > CONTROLS.md`"
    )
