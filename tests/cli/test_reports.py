"""What every report says of a finding: one advice everywhere, SARIF that names only the rules
it uses, valid URIs and strict JSON whatever the file names and logical ids (issue 28 items 1
and 5, issue 31 item 14)."""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no types-jsonschema in the dev group
import pytest

from fsbp_constructs import nag
from fsbp_constructs.cli import load_inputs
from fsbp_constructs.config import FsbpConfig
from fsbp_constructs.controls import REGISTRY
from fsbp_constructs.evaluate import cdk_fix, evaluate
from tests.cli.helpers import DATA, run

SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
#: RFC 3986 relative-ref of path segments: unreserved, sub-delims, ":", "@", "/" and "%XX".
_URI_PATH = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=@/]|%[0-9A-F]{2})+")
SHORT_TAGS = DATA / "short-tags.yaml"
_UNSCANNED = {"Type": "AWS::ECR::Repository", "Properties": {}}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _strict(text: str) -> Any:
    """Parse as a strict parser would: a lone surrogate (escaped or not) is refused."""
    data = json.loads(text)
    for string in _strings(data):
        string.encode("utf-8")  # UnicodeEncodeError on a lone surrogate
    return data


def test_the_same_finding_gives_the_same_advice_in_every_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    only = ("--no-config", "--control", "ECR.1")
    as_json = run(capsys, SHORT_TAGS, *only, "--format", "json").json()
    sarif = run(capsys, SHORT_TAGS, *only, "--format", "sarif").json()
    text = run(capsys, SHORT_TAGS, *only).out
    config = FsbpConfig(controls=("ECR.1",))
    synth = nag.report(evaluate(load_inputs([SHORT_TAGS]), config), config)

    (record,) = [f for f in as_json["findings"] if f["logical_id"] == "Unscanned"]
    advice = record["fix"]
    cdk = cdk_fix("ECR.1", "AWS::ECR::Repository")
    assert cdk is not None and cdk.startswith("With aws-cdk-lib, ecr.Repository(image_scan_")
    assert advice == f"{cdk}. In CloudFormation: {REGISTRY['ECR.1'].fix}"
    assert f"                fix: {advice}" in text.splitlines()
    (result,) = [r for r in sarif["runs"][0]["results"] if "suppressions" not in r]
    assert result["message"]["text"].endswith(f" Fix: {advice}.")
    (violation,) = [v for v in synth.violations if v.severity == "error"]
    assert violation.fix == f"{advice}. See {record['documentation']}"
    # The rule's help names both fixes of the control too.
    (rule,) = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert f"Fix: {cdk}." in rule["help"]["text"]
    assert f"Fix: In CloudFormation: {REGISTRY['ECR.1'].fix}." in rule["help"]["text"]


def test_sarif_lists_only_the_rules_of_its_results(capsys: pytest.CaptureFixture[str]) -> None:
    sarif = run(capsys, SHORT_TAGS, "--no-config", "--format", "sarif").json()

    jsonschema.validate(sarif, SCHEMA, cls=jsonschema.Draft4Validator)
    (log,) = sarif["runs"]
    rules = log["tool"]["driver"]["rules"]
    used = {r["ruleId"] for r in log["results"]}
    assert [rule["id"] for rule in rules] == sorted(used, key=[r["id"] for r in rules].index)
    assert len(rules) == len(used) < len(REGISTRY) // 4
    for entry in log["results"]:
        assert rules[entry["ruleIndex"]]["id"] == entry["ruleId"]


def test_a_stack_level_finding_points_at_resources(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DATA)
    sarif = run(capsys, SHORT_TAGS.name, "--control", "CloudFormation.3", "--format", "sarif")

    (result,) = sarif.json()["runs"][0]["results"]
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert SHORT_TAGS.read_text(encoding="utf-8").splitlines()[line - 1] == "Resources:"
    assert line > 2


@pytest.mark.parametrize("name", ["a #1 100% é:x.json", "t\udcff.json"])
def test_sarif_uris_are_percent_encoded_and_name_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = tmp_path / "in dir"
    folder.mkdir()
    template = folder / name
    template.write_text(json.dumps({"Resources": {"Repo": _UNSCANNED}}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    result = run(capsys, "--no-config", "--control", "ECR.1", "--format", "sarif", template)

    log = _strict(result.out)["runs"][0]
    uri = log["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uriBaseId"] == "SRCROOT"
    assert _URI_PATH.fullmatch(uri["uri"]), uri["uri"]
    base = log["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert _URI_PATH.fullmatch(base.removeprefix("file://"))
    resolved = urllib.parse.urljoin(base, uri["uri"]).removeprefix("file://")
    assert Path(os.fsdecode(urllib.parse.unquote_to_bytes(resolved))) == template


def test_a_lone_surrogate_in_a_logical_id_gives_strict_json_in_every_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "t.json"
    # "\udc80" in JSON text: Python's parser accepts the lone surrogate, strict ones do not.
    template.write_text(json.dumps({"Resources": {"R\udc80": _UNSCANNED}}), encoding="ascii")
    only = ("--no-config", "--control", "ECR.1")

    as_json = _strict(run(capsys, template, *only, "--format", "json").out)
    sarif = _strict(run(capsys, template, *only, "--format", "sarif").out)
    text = run(capsys, template, *only).out

    assert [f["logical_id"] for f in as_json["findings"]] == ["R\\udc80"]
    result = sarif["runs"][0]["results"][0]
    assert result["locations"][0]["logicalLocations"][0]["name"] == "R\\udc80"
    jsonschema.validate(sarif, SCHEMA, cls=jsonschema.Draft4Validator)
    text.encode("utf-8")
    assert "t/R\\udc80" in text
