"""Hostile and sloppy templates (issue 15): refused with one line, or checked and reported."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from fsbp_constructs.engine.limits import MAX_FILE_BYTES
from tests.cli.helpers import FIXTURE_CONTROLS, run

DATA = Path(__file__).parent / "data"


def _refused(capsys: pytest.CaptureFixture[str], path: Path, *message: str) -> str:
    result = run(capsys, "--no-config", path)
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith(f"fsbp-check: error: {path}: "), result.err
    assert result.err.count("\n") == 1, result.err
    for part in message:
        assert part in result.err
    return result.err


# --- item 3: Fn::ForEach, macros, AWS::Include -----------------------------------------------


def test_for_each_over_a_literal_list_is_expanded_and_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, "--no-config", DATA / "foreach-literal.yaml", "--format", "json")

    assert result.code == 1
    assert {
        ("ECR.2", "foreach-literal/RepoApi", "FAIL"),
        ("ECR.2", "foreach-literal/RepoWeb", "FAIL"),
        ("ECR.1", "foreach-literal/RepoApi", "PASS"),
        ("ECR.1", "foreach-literal/RepoWeb", "PASS"),
    } == result.verdicts(FIXTURE_CONTROLS)
    assert result.json()["notes"] == []


def test_for_each_over_a_parameter_is_reported_not_passed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = DATA / "foreach-parameter.yaml"
    result = run(capsys, "--no-config", path)

    assert result.code == 0  # a warning: the run does not claim the loop's resources pass
    assert "WARNING       foreach-parameter.yaml: Fn::ForEach::Repos loops over" in result.out
    assert "not a literal list" in result.out

    strict = run(capsys, "--no-config", "--strict", path, "--format", "json")
    assert strict.code == 1
    (note,) = strict.json()["notes"]
    assert note["kind"] == "FSBP-NotChecked"
    assert "{'Ref': 'Names'}" in note["message"]


@pytest.mark.parametrize(
    ("name", "where", "said"),
    [
        ("macro-transform.yaml", "", "declares the Transform 'CompanyHardening'"),
        ("include.yaml", "Repo", "Fn::Transform 'AWS::Include' changes this part"),
    ],
)
def test_a_template_that_is_not_final_says_so(
    name: str, where: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, "--no-config", DATA / name, "--format", "json")

    assert result.code == 0
    (note,) = result.json()["notes"]
    assert (note["kind"], note["logical_id"]) == ("FSBP-NotChecked", where)
    assert said in note["message"]
    assert "--template-stage Processed" in note["message"]

    sarif = run(capsys, "--no-config", DATA / name, "--format", "sarif").json()
    (notification,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert said in notification["message"]["text"]
    assert notification["level"] == "warning"

    assert run(capsys, "--no-config", "--strict", DATA / name).code == 1


def test_for_each_without_the_transform_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    text = (DATA / "foreach-literal.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("Transform: AWS::LanguageExtensions\n", ""), encoding="utf-8")

    result = run(capsys, "--no-config", path)

    assert result.code == 0
    assert "needs 'Transform: AWS::LanguageExtensions'" in result.out


# --- items 7, 8, 9: duplicate JSON keys, Properties that is a string, alias bombs --------------


def test_duplicate_json_keys_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    _refused(capsys, DATA / "duplicate-resources.json", "the key 'Resources' appears twice")


def test_properties_that_is_a_string_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    _refused(
        capsys,
        DATA / "properties-string.yaml",
        "resource 'Repo': Properties is the string",
        "CloudFormation rejects the template",
    )


def test_a_yaml_alias_bomb_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    _refused(capsys, DATA / "alias-bomb.yaml", "YAML aliases stand for more than 100,000 nodes")
    assert time.monotonic() - started < 5


def test_an_alias_inside_its_own_node_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    _refused(capsys, DATA / "alias-self.yaml", "a YAML alias refers to a node that contains it")


def test_ordinary_anchors_and_merge_keys_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--no-config", DATA / "alias-ok.yaml", "--format", "json")

    assert result.code == 0
    assert ("ECR.2", "alias-ok/Other", "PASS") in result.verdicts()
    assert ("ECR.1", "alias-ok/Repo", "PASS") in result.verdicts()


def test_a_template_past_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    _refused(capsys, big, "larger than 64 MiB")


def test_a_deeply_nested_template_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"Resources": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    _refused(capsys, deep, "nested too deeply")


# --- item 15, 16: escapes in the text report, encodings ----------------------------------------


def test_control_characters_are_escaped_in_text_and_valid_in_json_and_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = DATA / "control-characters.json"
    text = run(capsys, "--no-config", path, "--control", "ECR.2")

    assert text.code == 1
    for raw in ("\x1b", "\r", "\u202e", "\ud800"):
        assert raw not in text.out
    for escaped in ("Esc\\x1b[31mRed", "Line\\x0d\\x0aBreak", "Bidi\\u202eooper", "Lone\\ud800"):
        assert escaped in text.out
    assert all(line.isprintable() for line in text.out.splitlines())

    for kind in ("json", "sarif"):
        output = tmp_path / f"report.{kind}"
        result = run(capsys, "--no-config", path, "--format", kind, "-o", output)
        assert (result.code, result.err) == (1, "")
        report = json.loads(output.read_text(encoding="utf-8"))  # valid JSON, nothing lost
        assert "Esc\x1b[31mRed" in _strings(report)


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value), set())
    return set()


def test_a_lone_surrogate_reaches_the_output_file_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "report.txt"
    result = run(capsys, "--no-config", DATA / "control-characters.json", "-o", output)

    assert (result.code, result.err) == (1, "")
    assert "Lone\\ud800" in output.read_text(encoding="utf-8")


# --- item 22: nested stacks in a bare template; item 23: blank reasons ------------------------


def test_a_nested_stack_in_a_bare_template_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--no-config", DATA / "nested-stack.yaml", "--format", "json")

    assert result.code == 0
    (note,) = result.json()["notes"]
    assert note["logical_id"] == "Network"
    assert "its template (TemplateURL) was not checked" in note["message"]


def test_an_acknowledgment_with_a_blank_reason_does_not_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, "--no-config", DATA / "blank-reason.yaml", "--format", "json")

    assert result.code == 1
    assert ("ECR.2", "blank-reason/Repo", "FAIL") in result.verdicts()
    ecr2 = next(f for f in result.json()["findings"] if f["control"] == "ECR.2")
    assert (ecr2["level"], ecr2["acknowledged"]) == ("error", None)
    (note,) = result.json()["notes"]
    assert note["kind"] == "FSBP-Acknowledgment"
    assert "FSBP-ECR.2 in Metadata cdk_nag.rules_to_suppress has no reason" in note["message"]
