"""``fsbp-check`` on template files: verdicts, options, config files, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]  # no types-jsonschema in the dev group
import pytest

from fsbp_constructs.engine.yaml_loader import load_yaml_template
from tests.cli.helpers import DATA, FIXTURE_CONTROLS, Run, run

SHORT_TAGS = DATA / "short-tags.yaml"

#: The verdicts written at the top of short-tags.yaml.
SHORT_TAGS_VERDICTS = {
    ("ECR.1", "short-tags/Scanned", "PASS"),
    ("ECR.2", "short-tags/Scanned", "PASS"),
    ("ECR.1", "short-tags/Unscanned", "FAIL"),
    ("ECR.2", "short-tags/Unscanned", "FAIL"),
    ("ECR.1", "short-tags/Chosen", "FAIL"),
    ("ECR.2", "short-tags/Chosen", "UNKNOWN"),
    ("Kinesis.1", "short-tags/Encrypted", "PASS"),
    ("Kinesis.1", "short-tags/PlainStream", "FAIL"),
    ("Kinesis.1", "short-tags/RegionalStream", "UNKNOWN"),
    ("S3.13", "short-tags/Logs", "FAIL"),
}


@pytest.fixture(autouse=True)
def _no_project_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty directory, so that no pyproject.toml above the tests is read."""
    monkeypatch.chdir(tmp_path)


def test_yaml_with_short_tags_gives_each_resource_its_verdict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, SHORT_TAGS, "--format", "json")

    assert result.code == 1
    assert result.verdicts(FIXTURE_CONTROLS) == SHORT_TAGS_VERDICTS
    levels = {
        (f["control"], f["resource"]): f["level"]
        for f in result.json()["findings"]
        if f["control"] in FIXTURE_CONTROLS
    }
    assert {k for k, level in levels.items() if level == "error"} == {
        ("ECR.1", "short-tags/Unscanned"),
        ("ECR.2", "short-tags/Unscanned"),
        ("Kinesis.1", "short-tags/PlainStream"),
        ("S3.13", "short-tags/Logs"),
    }
    assert {k for k, level in levels.items() if level == "warning"} == {
        ("ECR.2", "short-tags/Chosen"),
        ("Kinesis.1", "short-tags/RegionalStream"),
    }


def test_the_same_template_in_json_gives_the_same_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_json = tmp_path / "short-tags.template.json"
    as_json.write_text(json.dumps(load_yaml_template(SHORT_TAGS.read_text())), encoding="utf-8")

    result = run(capsys, as_json, "--format", "json")

    assert result.code == 1
    assert result.verdicts(FIXTURE_CONTROLS) == SHORT_TAGS_VERDICTS


def test_text_report_groups_by_control_with_fix_and_acknowledgment_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, SHORT_TAGS, "--control", "ECR.1")

    assert result.code == 1
    assert result.err == ""
    assert result.out.splitlines() == [
        "FSBP-ECR.1  ECR private repositories should have image scanning configured  [HIGH]",
        "  https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1",
        "  ERROR         short-tags/Unscanned  (short-tags.yaml: Unscanned)",
        "                ImageScanningConfiguration.ScanOnPush is false",
        "                fix: With aws-cdk-lib, ecr.Repository(image_scan_on_push=True); "
        "SecureRepository and FsbpDefaults.inject(app) set it by default. In CloudFormation: "
        "set ImageScanningConfiguration.ScanOnPush to true, or declare the "
        "account's registry scanning with the ECR.1 parameter registryScanningConfigured",
        "  ACKNOWLEDGED  short-tags/Chosen  (short-tags.yaml: Chosen)",
        "                ImageScanningConfiguration.ScanOnPush is absent",
        "                reason: Scanning is configured for the whole registry  "
        "[FSBP-ECR.1 at template Metadata]",
        "",
        "1 error, 0 warnings, 1 acknowledged, 1 passed, 0 not applicable "
        "(3 resources in 1 stack, 1 control)",
    ]


#: A bare template carries no stack settings (termination protection, service role): the
#: stack-level controls are UNKNOWN on it, warnings that never fail.
STACK_SETTINGS = ("--exclude", "CloudFormation.3", "--exclude", "CloudFormation.4")


def test_compliant_template_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, DATA / "compliant.yaml", *STACK_SETTINGS)

    assert result.code == 0
    assert result.out.splitlines()[0] == "No FSBP findings to report."


def test_a_bare_template_leaves_the_stack_settings_unknown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run(capsys, DATA / "compliant.yaml", "--format", "json")

    assert result.code == 0
    problems = [f for f in result.json()["findings"] if f["status"] in ("FAIL", "UNKNOWN")]
    assert {(f["control"], f["status"], f["level"]) for f in problems} == {
        ("CloudFormation.3", "UNKNOWN", "warning"),
        ("CloudFormation.4", "UNKNOWN", "warning"),
    }


def test_unknown_resource_types_are_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "custom.yaml"
    template.write_text(
        "Resources:\n  Thing:\n    Type: Custom::Anything\n"
        "  Future:\n    Type: AWS::NewService::Gadget\n",
        encoding="utf-8",
    )

    result = run(capsys, template, "--format", "json", *STACK_SETTINGS)

    assert (result.code, result.err) == (0, "")
    assert result.json()["findings"] == []


def test_several_templates_are_checked_together(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(
        capsys, SHORT_TAGS, DATA / "compliant.yaml", "--control", "ECR.2", "--format", "json"
    )

    assert result.verdicts() == {
        ("ECR.2", "short-tags/Scanned", "PASS"),
        ("ECR.2", "short-tags/Unscanned", "FAIL"),
        ("ECR.2", "short-tags/Chosen", "UNKNOWN"),
        ("ECR.2", "compliant/Repo", "PASS"),
    }
    assert result.json()["summary"]["stacks"] == 2


# ---------------------------------------------------------------------------------------------
# Options


def test_controls_and_exclude_choose_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    only = run(
        capsys, SHORT_TAGS, "--control", "Kinesis.1", "--control", "S3.13", "--format", "json"
    )
    excluded = run(
        capsys,
        SHORT_TAGS,
        "--exclude",
        "ECR.1",
        "--exclude",
        "ECR.2",
        "--exclude",
        "S3.13",
        "--format",
        "json",
    )

    assert {v[0] for v in only.verdicts()} == {"Kinesis.1", "S3.13"}
    assert {v[0] for v in excluded.verdicts(FIXTURE_CONTROLS)} == {"Kinesis.1"}


def test_severity_threshold_turns_lower_failures_into_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    low = run(capsys, SHORT_TAGS, "--control", "S3.13", "--format", "json")
    medium = run(
        capsys,
        SHORT_TAGS,
        "--control",
        "S3.13",
        "--severity-threshold",
        "medium",
        "--format",
        "json",
    )

    assert (low.code, [f["level"] for f in low.json()["findings"]]) == (1, ["error"])
    assert (medium.code, [f["level"] for f in medium.json()["findings"]]) == (0, ["warning"])


def test_strict_makes_unknown_an_error_and_report_only_never_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    default = run(capsys, SHORT_TAGS, "--control", "ECR.2", "--format", "json")
    strict = run(capsys, SHORT_TAGS, "--control", "ECR.2", "--strict", "--format", "json")
    report_only = run(capsys, SHORT_TAGS, "--report-only", "--format", "json")

    def levels(result: Run) -> set[tuple[str, str]]:
        return {(f["resource"], f["level"]) for f in result.json()["findings"]}

    assert levels(default) == {
        ("short-tags/Scanned", "none"),
        ("short-tags/Unscanned", "error"),
        ("short-tags/Chosen", "warning"),
    }
    assert strict.code == 1
    assert levels(strict) == {
        ("short-tags/Scanned", "none"),
        ("short-tags/Unscanned", "error"),
        ("short-tags/Chosen", "error"),
    }
    assert report_only.code == 0
    assert {
        f["level"]
        for f in report_only.json()["findings"]
        if f["status"] in ("FAIL", "UNKNOWN") and not f["acknowledged"]
    } == {"warning"}


def test_include_retired_runs_retired_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "topic.yaml"
    template.write_text("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n", encoding="utf-8")

    default = run(capsys, template, "--format", "json")
    retired = run(capsys, template, "--include-retired", "--format", "json")

    assert {c for c, _, _ in default.verdicts()} & {"SNS.2", "CloudFormation.1"} == set()
    assert ("SNS.2", "topic/Topic", "FAIL") in retired.verdicts()
    assert ("CloudFormation.1", "topic", "UNKNOWN") in retired.verdicts()


@pytest.mark.parametrize(
    ("parameter", "status"),
    [
        ("ECR.1.registryScanningConfigured=true", "PASS"),
        ("ECR.1.registryScanningConfigured=false", "FAIL"),
    ],
)
def test_parameter_values_are_read_as_json(
    parameter: str, status: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(
        capsys, SHORT_TAGS, "--control", "ECR.1", "--parameter", parameter, "--format", "json"
    )

    assert ("ECR.1", "short-tags/Unscanned", status) in result.verdicts()


@pytest.mark.parametrize(("oldest", "status"), [("1.30", "PASS"), ("1.35", "FAIL")])
def test_version_parameters_stay_text(
    oldest: str, status: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "eks.yaml"
    template.write_text(
        "Resources:\n  Cluster:\n    Type: AWS::EKS::Cluster\n    Properties:\n"
        "      Version: '1.34'\n      RoleArn: arn:aws:iam::111111111111:role/eks\n"
        "      ResourcesVpcConfig: {SubnetIds: [subnet-1, subnet-2]}\n",
        encoding="utf-8",
    )

    result = run(
        capsys,
        template,
        "--control",
        "EKS.2",
        "--format",
        "json",
        "--parameter",
        f"EKS.2.oldestVersionSupported={oldest}",
    )

    assert result.verdicts() == {("EKS.2", "eks/Cluster", status)}


# ---------------------------------------------------------------------------------------------
# Usage errors: exit 2, one line on stderr naming the option and the fix


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--control", "ECR.99"], "unknown control id 'ECR.99'"),
        (["--control", "ecr.1"], "did you mean ECR.1?"),
        (["--exclude", "S3.1"], "S3.1 is an FSBP control that this package does not check"),
        (
            ["--severity-threshold", "SEVERE"],
            "unknown severity 'SEVERE'; choose one of: INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL",
        ),
        (["--parameter", "minAvailabilityZones=3"], "write CONTROL.NAME=VALUE"),
        (["--parameter", "ELB.13.minAvailabilityZones"], "write CONTROL.NAME=VALUE"),
        (["--parameter", "ELB.13.minAvailabilityZones=9"], "must be a whole number from 2 to 6"),
        (["--parameter", "ELB.13.minAZs=3"], "unknown parameter 'minAZs'"),
    ],
)
def test_bad_option_values_exit_2_naming_the_value(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, SHORT_TAGS, *args)

    assert result.code == 2
    assert result.out == ""
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("fsbp-check: error: ")
    assert message in result.err


@pytest.mark.parametrize("args", [[], ["--format", "xml", "x.yaml"], ["--bogus", "x.yaml"]])
def test_argument_errors_exit_2_with_usage(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, *args)

    assert result.code == 2
    assert result.err.startswith("usage: fsbp-check")
    assert "Traceback" not in result.err


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--help").code == 0
    version = run(capsys, "--version")
    assert (version.code, version.out.split()[0]) == (0, "fsbp-check")


# ---------------------------------------------------------------------------------------------
# Output


def test_output_file_gets_the_report_and_stdout_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "fsbp.json"

    result = run(capsys, SHORT_TAGS, "--format", "json", "--output", report)

    assert (result.code, result.out, result.err) == (1, "", "")
    assert {f["status"] for f in json.loads(report.read_text())["findings"]} == {
        "PASS",
        "FAIL",
        "UNKNOWN",
    }


def test_unwritable_output_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "missing-dir" / "report.sarif"

    result = run(capsys, SHORT_TAGS, "--output", target)

    assert result.code == 2
    assert result.err.startswith(f"fsbp-check: error: {target}: cannot write the report")


# ---------------------------------------------------------------------------------------------
# The installed entry points


def test_python_dash_m_runs_the_cli_without_loading_the_cdk(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    completed = subprocess.run(
        [sys.executable, "-m", "fsbp_constructs", str(SHORT_TAGS), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=120,
    )
    imported = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, fsbp_constructs.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aws_cdk', 'jsii')))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=120,
    )

    assert completed.returncode == 1, completed.stderr
    assert {
        (f["control"], f["resource"], f["status"])
        for f in json.loads(completed.stdout)["findings"]
        if f["control"] in FIXTURE_CONTROLS
    } == SHORT_TAGS_VERDICTS
    assert imported.stdout.strip() == "[]"


def test_sarif_of_a_yaml_template_is_valid_and_points_at_properties_or_logical_ids(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    monkeypatch.chdir(DATA)

    controls = [arg for control in sorted(FIXTURE_CONTROLS) for arg in ("--control", control)]
    result = run(capsys, SHORT_TAGS.name, "--format", "sarif", *controls)

    sarif = result.json()
    jsonschema.validate(sarif, schema, cls=jsonschema.Draft4Validator)
    lines = SHORT_TAGS.read_text(encoding="utf-8").splitlines()
    located = set()
    for entry in sarif["runs"][0]["results"]:
        physical = entry["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": "short-tags.yaml", "uriBaseId": "SRCROOT"}
        line = lines[physical["region"]["startLine"] - 1]
        located.add((entry["ruleId"], line, entry["level"], "suppressions" in entry))
    # The property the verdict names where the template writes it; else the logical id.
    assert located == {
        ("FSBP-ECR.1", "        ScanOnPush: false", "error", False),
        ("FSBP-ECR.1", "  Chosen:", "error", True),  # no ImageScanningConfiguration
        (
            "FSBP-ECR.2",
            "      ImageTagMutability: !If [Always, MUTABLE, IMMUTABLE]",
            "error",
            False,
        ),
        ("FSBP-ECR.2", "      ImageTagMutability: !Ref Mutability", "warning", False),
        ("FSBP-Kinesis.1", "  PlainStream:", "error", False),
        ("FSBP-Kinesis.1", "      StreamEncryption: !If", "warning", False),
        ("FSBP-S3.13", "  Logs:", "error", False),
    }
    (suppressed,) = [e for e in sarif["runs"][0]["results"] if "suppressions" in e]
    assert suppressed["suppressions"][0]["justification"] == (
        "Scanning is configured for the whole registry"
    )
