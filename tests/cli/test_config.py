"""Options from ``[tool.fsbp]`` in pyproject.toml (or ``--config FILE``); flags override them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import DATA, FIXTURE_CONTROLS, run

SHORT_TAGS = DATA / "short-tags.yaml"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project directory with a subdirectory to run from (the config is found upward)."""
    work = tmp_path / "project" / "infra"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    return tmp_path / "project"


def _controls(result_json: dict[str, object]) -> set[str]:
    findings = result_json["findings"]
    assert isinstance(findings, list)
    return {f["control"] for f in findings} & FIXTURE_CONTROLS


def test_pyproject_settings_are_found_upward(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "app"\n\n'
        "[tool.fsbp]\n"
        'controls = ["S3.13", "Kinesis.1"]\n'
        'severity-threshold = "MEDIUM"\n',
        encoding="utf-8",
    )

    result = run(capsys, SHORT_TAGS, "--format", "json")

    assert _controls(result.json()) == {"S3.13", "Kinesis.1"}
    levels = {(f["resource"], f["level"]) for f in result.json()["findings"]}
    assert ("short-tags/Logs", "warning") in levels  # S3.13 is LOW, below the threshold
    assert ("short-tags/PlainStream", "error") in levels


def test_flags_override_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.fsbp]\ncontrols = ["S3.13"]\nreport_only = true\n', encoding="utf-8"
    )

    from_file = run(capsys, SHORT_TAGS, "--format", "json")
    overridden = run(
        capsys, SHORT_TAGS, "--control", "ECR.2", "--no-report-only", "--format", "json"
    )

    assert (from_file.code, _controls(from_file.json())) == (0, {"S3.13"})
    assert (overridden.code, _controls(overridden.json())) == (1, {"ECR.2"})


def test_parameters_merge_file_and_flags(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.fsbp]\n"
        'controls = ["ECR.1"]\n'
        '[tool.fsbp.parameters."ECR.1"]\n'
        "registryScanningConfigured = true\n",
        encoding="utf-8",
    )

    from_file = run(capsys, SHORT_TAGS, "--format", "json")
    overridden = run(
        capsys,
        SHORT_TAGS,
        "--parameter",
        "ECR.1.registryScanningConfigured=false",
        "--format",
        "json",
    )

    assert ("ECR.1", "short-tags/Unscanned", "PASS") in from_file.verdicts()
    assert ("ECR.1", "short-tags/Unscanned", "FAIL") in overridden.verdicts()


def test_no_config_ignores_the_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[tool.fsbp]\ncontrols = ["S3.13"]\n', "utf-8")

    result = run(capsys, SHORT_TAGS, "--no-config", "--format", "json")

    assert _controls(result.json()) == {"ECR.1", "ECR.2", "Kinesis.1", "S3.13"}


def test_nearest_pyproject_with_a_tool_fsbp_table_wins(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[tool.fsbp]\ncontrols = ["S3.13"]\n', "utf-8")
    (project / "infra" / "pyproject.toml").write_text('[project]\nname = "infra"\n', "utf-8")

    result = run(capsys, SHORT_TAGS, "--format", "json")

    assert _controls(result.json()) == {"S3.13"}


def test_config_option_reads_a_standalone_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "fsbp.toml"
    config.write_text('exclude = ["ECR.1", "ECR.2", "S3.13"]\nstrict = true\n', "utf-8")

    result = run(capsys, SHORT_TAGS, "--config", config, "--format", "json")

    assert _controls(result.json()) == {"Kinesis.1"}
    assert ("short-tags/RegionalStream", "error") in {
        (f["resource"], f["level"]) for f in result.json()["findings"]
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[tool.fsbp]\ncontrol = ["ECR.1"]\n', "unknown setting 'control'; settings: controls,"),
        ('[tool.fsbp]\ncontrols = "ECR.1"\n', "controls must be a list of control ids"),
        ('[tool.fsbp]\nseverity_threshold = "SEVERE"\n', "unknown severity 'SEVERE'"),
        ("[tool.fsbp]\nstrict = 1\n", "strict must be True or False, not 1"),
        ('[tool.fsbp]\nparameters = {"ELB.13" = {minAvailabilityZones = 1}}\n', "from 2 to 6"),
        ("[tool.fsbp\n", "invalid TOML"),
    ],
)
def test_bad_config_exits_2_naming_the_file(
    content: str, message: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text(content, encoding="utf-8")

    result = run(capsys, SHORT_TAGS)

    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"fsbp-check: error: {project / 'pyproject.toml'}")
    assert message in result.err
    assert result.err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.toml", None, "no such file"),
        ("pyproject.toml", '[project]\nname = "x"\n', "no [tool.fsbp] table"),
    ],
)
def test_bad_config_option_exits_2(
    name: str,
    content: str | None,
    message: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = project / name
    if content is not None:
        config.write_text(content, encoding="utf-8")

    result = run(capsys, SHORT_TAGS, "--config", config)

    assert (result.code, result.err) == (2, f"fsbp-check: error: {config}: {message}\n")
