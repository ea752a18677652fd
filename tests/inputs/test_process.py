"""fsbp-check as a process: outputs, streams, signals and options (issue 15, 13 and 16-24)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import run

DATA = Path(__file__).parent / "data"
SCRIPT = Path(sys.executable).with_name("fsbp-check")
CLEAN = Path(__file__).parents[1] / "cli" / "data" / "compliant.yaml"


def _script(*args: str | Path, **options: object) -> subprocess.CompletedProcess[Any]:
    settings = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, **options}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(SCRIPT), "--no-config", *map(str, args)], check=False, timeout=120, **settings
    )


# --- item 13: the report never overwrites an input ---------------------------------------------


def test_the_report_is_not_written_over_the_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "t.yaml"
    shutil.copy(CLEAN, template)

    result = run(capsys, "--no-config", template, "-o", template)

    assert result.code == 2
    assert result.err == f"fsbp-check: error: --output {template}: is one of the inputs; " + (
        "write the report to another file\n"
    )
    assert template.read_text(encoding="utf-8") == CLEAN.read_text(encoding="utf-8")


def test_the_report_is_not_written_into_an_input_cloud_assembly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cdk.out"
    out.mkdir()
    stack = {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.json"}}
    manifest = json.dumps({"artifacts": {"S": stack}})
    (out / "manifest.json").write_text(manifest, encoding="utf-8")
    shutil.copy(DATA / "foreach-literal.yaml", tmp_path / "x.yaml")
    (out / "S.json").write_text('{"Resources": {}}', encoding="utf-8")

    result = run(capsys, "--no-config", out, "-o", out / "manifest.json")

    assert result.code == 2
    assert "is inside the cloud assembly" in result.err
    assert (out / "manifest.json").read_text(encoding="utf-8") == manifest
    # A template given from inside the assembly is an input too.
    again = run(capsys, "--no-config", out / "S.json", "-o", out / "S.json")
    assert (again.code, "is one of the inputs" in again.err) == (2, True)


# --- items 16, 17, 18: encodings, closed or full outputs, endless configuration files ---------


def test_a_non_ascii_id_on_a_cp1252_stdout_is_escaped_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    completed = _script(DATA / "non-ascii-id.json", "--control", "ECR.2", env=env, text=False)

    assert completed.returncode == 1
    assert completed.stderr == b""
    assert b"non-ascii-id/R\\u0113po" in completed.stdout  # U+0113 is not in cp1252


def test_a_lone_surrogate_on_stdout_is_escaped() -> None:
    completed = _script(DATA / "control-characters.json", "--control", "ECR.2")

    assert (completed.returncode, completed.stderr) == (1, "")
    assert "Lone\\ud800" in completed.stdout


def test_a_closed_stdout_is_one_line() -> None:
    completed = subprocess.run(
        f'"{SCRIPT}" --no-config "{CLEAN}" >&-',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=120,
    )

    assert completed.returncode == 2
    assert completed.stderr == (
        "fsbp-check: error: standard output is closed; give --output FILE or redirect it\n"
    )


def test_a_full_device_is_one_line_naming_it() -> None:
    with open("/dev/full", "w") as full:
        completed = _script(CLEAN, stdout=full)
    assert completed.returncode == 2
    assert completed.stderr == (
        "fsbp-check: error: standard output: cannot write the report (No space left on device)\n"
    )

    # -o takes only a regular file or a new path (issue 31 item 13): a device is refused
    # before it is opened.
    to_file = _script(CLEAN, "-o", "/dev/full")
    assert to_file.returncode == 2
    assert to_file.stderr.startswith(
        "fsbp-check: error: --output /dev/full: exists and is not a regular file"
    )


def test_config_from_dev_zero_is_refused_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, CLEAN, "--config", "/dev/zero")

    assert result.code == 2
    assert result.err == (
        "fsbp-check: error: /dev/zero: not a regular file (a device, socket or pipe); give a "
        "configuration file that is a regular file\n"
    )


def test_a_template_from_a_pipe_is_read(tmp_path: Path) -> None:
    completed = _script("--control", "ECR.1", "/dev/stdin", input=CLEAN.read_text(encoding="utf-8"))
    assert completed.returncode == 0, completed.stderr
    assert "1 passed" in completed.stdout


# --- item 19: Ctrl-C ----------------------------------------------------------------------------


def test_ctrl_c_exits_130_quietly() -> None:
    # Reading a template from a pipe nobody writes to: the process waits until interrupted.
    process = subprocess.Popen(
        [str(SCRIPT), "--no-config", "/dev/stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.5)  # past the imports, into the read
        process.send_signal(signal.SIGINT)
        # Wait with stdin still open: closing it first could hand the read an end of file
        # before the signal is handled (an empty template, not an interrupt).
        process.wait(timeout=60)
        out, err = process.communicate()
    finally:
        process.kill()
    assert (process.returncode, out, err) == (130, "", "")


# --- items 22 and 24: options that check nothing, or are of the wrong type ---------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fsbp-controls-empty.toml", "controls=[] runs no control at all; leave controls out"),
        ("fsbp-both-spellings.toml", "both 'severity_threshold' and 'severity-threshold'"),
        ("fsbp-exclude-int.toml", "exclude must be a list of control ids, not 5; write exclude="),
    ],
)
def test_bad_settings_in_a_config_file_are_one_line(
    config: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, CLEAN, "--config", DATA / config)

    assert result.code == 2
    assert result.err.startswith(f"fsbp-check: error: {DATA / config}"), result.err
    assert message in result.err
    assert result.err.count("\n") == 1


def test_excluding_every_chosen_control_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    result = run(capsys, "--no-config", CLEAN, "--control", "ECR.1", "--exclude", "ECR.1")

    assert result.code == 2
    assert "leaves no control to run" in result.err


def test_an_error_naming_a_non_ascii_path_on_a_cp1252_stderr_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    missing = tmp_path / "r\u0113po.yaml"
    completed = _script(missing, env=env, text=False)

    assert completed.returncode == 2
    assert completed.stderr == f"fsbp-check: error: {tmp_path}/r\\u0113po.yaml: ".encode() + (
        b"no such file or directory\n"
    )
