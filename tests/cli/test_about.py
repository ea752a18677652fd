"""``fsbp-check --list-controls`` and ``--explain ID`` (issue 28 item 5)."""

from __future__ import annotations

import json

import pytest

from fsbp_constructs.catalog import CATALOG
from fsbp_constructs.controls import REGISTRY
from fsbp_constructs.controls_doc import service_markdown
from tests.cli.helpers import DATA, run


def test_list_controls_as_json_names_every_control_from_the_catalog_and_registry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, "--list-controls", "--format", "json")

    assert (result.code, result.err) == (0, "")
    records = json.loads(result.out)
    assert [r["id"] for r in records] == list(CATALOG)
    by_id = {r["id"]: r for r in records}
    for control_id, rule in REGISTRY.items():
        record = by_id[control_id]
        assert record["checks"] == rule.summary
        assert record["resource_types"] == list(rule.resource_types)
        assert record["severity"] == rule.control.severity.name
        assert record["checked"].startswith("yes")
        assert [p["name"] for p in record["parameters"]] == [p.name for p in rule.parameters]
    unchecked = [r for r in records if r["id"] not in REGISTRY]
    assert unchecked and all(r["checks"] is None and r["checked"] != "yes" for r in unchecked)
    assert by_id["ELB.13"]["parameters"][0]["name"] == "minAvailabilityZones"


def test_list_controls_as_text_has_a_line_per_control(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--list-controls")

    assert result.code == 0
    heads = [line for line in result.out.splitlines() if not line.startswith(" ")]
    assert len(heads) == len(CATALOG)
    assert heads[0].startswith(f"{next(iter(CATALOG))}  [")
    ecr1 = result.out.split("\nECR.1  ", 1)[1].split("\nECR.2  ", 1)[0]
    assert f"    checks: {REGISTRY['ECR.1'].summary}" in ecr1.splitlines()


@pytest.mark.parametrize("given", ["ECR.1", "FSBP-ECR.1", "fsbp-ecr.1"])
def test_explain_prints_the_docs_section_verdicts_and_both_fixes(
    capsys: pytest.CaptureFixture[str], given: str
) -> None:
    result = run(capsys, "--explain", given)

    assert (result.code, result.err) == (0, "")
    section = service_markdown("ecr").split("\n## ECR.1\n", 1)[1].split("\n## ", 1)[0]
    assert section.strip() in result.out
    rule = REGISTRY["ECR.1"]
    lines = result.out.splitlines()
    for status in ("PASS", "FAIL", "UNKNOWN"):
        assert any(line.startswith(f"- **{status}**: ") for line in lines)
    assert "  - e.g. ScanOnPush from a parameter is undecidable" in lines
    assert f"- **CloudFormation:** {rule.fix}." in lines
    assert "- **CDK:** With aws-cdk-lib, ecr.Repository(image_scan_on_push=True); " in result.out
    assert f"- **Documentation:** {rule.control.doc_url}" in lines


def test_explain_of_a_control_not_checked_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--explain", "Account.1")

    assert result.code == 0
    assert "- **Checked:** no: a template cannot decide it" in result.out.splitlines()


def test_an_unknown_id_exits_2_naming_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--explain", "ECR.9")

    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("fsbp-check: error: --explain ECR.9: no FSBP control has this id")
    assert "did you mean " in result.err and "ECR.1" in result.err


def test_list_and_explain_take_no_path_and_checks_need_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with_path = run(capsys, "--list-controls", DATA / "compliant.yaml")
    no_path = run(capsys)
    sarif = run(capsys, "--list-controls", "--format", "sarif")

    assert with_path.code == no_path.code == sarif.code == 2
    assert "--list-controls takes no PATH" in with_path.err
    assert no_path.err.splitlines()[-1].startswith("fsbp-check: error: give a cloud assembly")
    assert sarif.err == "fsbp-check: error: --list-controls: --format is text or json\n"
