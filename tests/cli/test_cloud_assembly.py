"""``fsbp-check`` on a synthesized ``cdk.out``: the same verdicts as ``FsbpChecks``.

One app, synthesized once with ``FsbpChecks(app, audit_acknowledgments=True)``: a stack with
notification ARNs, acknowledgments in both id forms (on constructs and on a stack), a nested
stack and a stage.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsonschema  # type: ignore[import-untyped]  # no types-jsonschema in the dev group
import pytest
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_kinesis as kinesis

from fsbp_constructs.testing import CheckResult, check_app, new_app
from tests.cli.helpers import DATA, run
from tests.conftest import ENV

SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
#: The controls this app was written for (what other controls say of it is their cases').
CONTROLS = ("CloudFormation.1", "ECR.1", "ECR.2", "Kinesis.1")
OPTIONS = ("--include-retired", *(arg for control in CONTROLS for arg in ("--control", control)))


@pytest.fixture(scope="module")
def synthesized() -> tuple[Path, CheckResult]:
    app = new_app()
    stack = cdk.Stack(
        app, "S", env=ENV, notification_arns=["arn:aws:sns:us-east-1:111111111111:stack-events"]
    )
    ecr.Repository(
        stack, "Good", image_scan_on_push=True, image_tag_mutability=ecr.TagMutability.IMMUTABLE
    )
    ecr.Repository(stack, "Bad")
    legacy = ecr.Repository(stack, "Legacy")
    cdk.Validations.of(legacy).acknowledge(
        cdk.Acknowledgment(id="FSBP::FSBP-ECR.1", reason="the registry scans every push")
    )
    moving = ecr.Repository(stack, "Moving")
    cdk.Validations.of(moving).acknowledge(
        cdk.Acknowledgment(id="FSBP-ECR.2", reason="the release job moves tags")
    )
    nested = cdk.NestedStack(stack, "Inner")
    kinesis.Stream(nested, "Plain", encryption=kinesis.StreamEncryption.UNENCRYPTED)
    stage = cdk.Stage(app, "Prod", env=ENV)
    prod = cdk.Stack(stage, "P")
    ecr.Repository(prod, "StageRepo", image_tag_mutability=ecr.TagMutability.IMMUTABLE)
    cdk.Validations.of(prod).acknowledge(
        cdk.Acknowledgment(id="FSBP::FSBP-ECR.1", reason="Prod images come from the registry")
    )

    result = check_app(
        app, audit_acknowledgments=True, include_retired=True, controls=list(CONTROLS)
    )
    return Path(str(app.outdir)), result


def _pack_verdicts(result: CheckResult) -> set[tuple[str, str, str, bool]]:
    return {
        (f.control.id, f.resource, f.status.value, f.acknowledged is not None)
        for f in result.findings
    }


def _cli_verdicts(report: dict[str, Any]) -> set[tuple[str, str, str, bool]]:
    return {
        (f["control"], f["resource"], f["status"], f["acknowledged"] is not None)
        for f in report["findings"]
    }


def test_cdk_out_gives_the_verdicts_of_fsbp_checks(
    synthesized: tuple[Path, CheckResult], capsys: pytest.CaptureFixture[str]
) -> None:
    outdir, pack = synthesized

    result = run(capsys, outdir, *OPTIONS, "--format", "json")

    assert result.code == 1
    assert _cli_verdicts(result.json()) == _pack_verdicts(pack)
    assert _cli_verdicts(result.json()) == {
        ("CloudFormation.1", "S", "PASS", False),
        ("CloudFormation.1", "S/Inner.NestedStack/Inner.NestedStackResource", "UNKNOWN", False),
        ("CloudFormation.1", "Prod/P", "UNKNOWN", False),
        ("ECR.1", "S/Good/Resource", "PASS", False),
        ("ECR.2", "S/Good/Resource", "PASS", False),
        ("ECR.1", "S/Bad/Resource", "FAIL", False),
        ("ECR.2", "S/Bad/Resource", "FAIL", False),
        ("ECR.1", "S/Legacy/Resource", "FAIL", True),
        ("ECR.2", "S/Legacy/Resource", "FAIL", False),
        ("ECR.1", "S/Moving/Resource", "FAIL", False),
        ("ECR.2", "S/Moving/Resource", "FAIL", True),
        ("Kinesis.1", "S/Inner/Plain/Resource", "FAIL", False),
        ("ECR.1", "Prod/P/StageRepo/Resource", "FAIL", True),
        ("ECR.2", "Prod/P/StageRepo/Resource", "PASS", False),
    }
    reasons = {
        (f["control"], f["resource"]): f["acknowledged"]["reason"]
        for f in result.json()["findings"]
        if f["acknowledged"]
    }
    assert reasons == {
        ("ECR.1", "S/Legacy/Resource"): "the registry scans every push",
        ("ECR.2", "S/Moving/Resource"): "the release job moves tags",
        ("ECR.1", "Prod/P/StageRepo/Resource"): "Prod images come from the registry",
    }


def test_templates_copied_out_of_cdk_out_keep_their_acknowledgments(
    synthesized: tuple[Path, CheckResult], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outdir, pack = synthesized
    copy = shutil.copy(outdir / "S.template.json", tmp_path / "S.template.json")

    result = run(capsys, copy, "--control", "ECR.1", "--control", "ECR.2", "--format", "json")

    acknowledged = {
        (f["control"], f["logical_id"], f["acknowledged"]["id"], f["acknowledged"]["at"])
        for f in result.json()["findings"]
        if f["acknowledged"]
    }
    logical_ids = {f.resource: f.logical_id for f in pack.findings}
    legacy, moving = logical_ids["S/Legacy/Resource"], logical_ids["S/Moving/Resource"]
    assert acknowledged == {
        ("ECR.1", legacy, "FSBP::FSBP-ECR.1", "template Metadata"),
        ("ECR.2", moving, "FSBP-ECR.2", "template Metadata"),
    }


def test_a_template_inside_cdk_out_is_read_with_its_stack_settings(
    synthesized: tuple[Path, CheckResult], capsys: pytest.CaptureFixture[str]
) -> None:
    outdir, _ = synthesized

    result = run(
        capsys, outdir / "S.template.json", "--control", "CloudFormation.1", "--format", "json"
    )

    assert result.verdicts() == {
        ("CloudFormation.1", "S", "PASS"),
        ("CloudFormation.1", "S/Inner.NestedStack/Inner.NestedStackResource", "UNKNOWN"),
    }


def test_sarif_of_cdk_out_is_valid_and_locates_each_resource(
    synthesized: tuple[Path, CheckResult],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    outdir, _ = synthesized
    monkeypatch.chdir(outdir.parent)

    result = run(capsys, outdir, *OPTIONS, "--format", "sarif")

    sarif = result.json()
    jsonschema.validate(sarif, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    (sarif_run,) = sarif["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    located = set()
    for entry in sarif_run["results"]:
        location = entry["locations"][0]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        line = location["physicalLocation"]["region"]["startLine"]
        logical_id = location["logicalLocations"][0]["name"]
        text = (outdir.parent / uri).read_text(encoding="utf-8").splitlines()
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]
        if location["logicalLocations"][0]["kind"] == "resource":
            assert text[line - 1].strip().startswith(f'"{logical_id}": {{'), (uri, line)
        located.add(
            (
                entry["ruleId"],
                location["logicalLocations"][0]["fullyQualifiedName"],
                entry["level"],
                "suppressions" in entry,
            )
        )
    assert located == {
        (
            "FSBP-CloudFormation.1",
            "S/Inner.NestedStack/Inner.NestedStackResource",
            "warning",
            False,
        ),
        ("FSBP-CloudFormation.1", "Prod/P", "warning", False),
        ("FSBP-ECR.1", "S/Bad/Resource", "error", False),
        ("FSBP-ECR.2", "S/Bad/Resource", "error", False),
        ("FSBP-ECR.1", "S/Legacy/Resource", "error", True),
        ("FSBP-ECR.2", "S/Legacy/Resource", "error", False),
        ("FSBP-ECR.1", "S/Moving/Resource", "error", False),
        ("FSBP-ECR.2", "S/Moving/Resource", "error", True),
        ("FSBP-Kinesis.1", "S/Inner/Plain/Resource", "error", False),
        ("FSBP-ECR.1", "Prod/P/StageRepo/Resource", "error", True),
    }
