"""``-o`` never writes over a file the run read, nor into a pipe or device (issue 31, 12-13).

Files are compared by identity (device and inode), so a hard link or a symlink to an input,
to a cloud assembly's manifest, nested template or ``assets.json``, or to the configuration
file is refused as surely as the input's own path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import DATA, run

CLEAN = DATA / "compliant.yaml"
SCRIPT = Path(sys.executable).with_name("fsbp-check")
INPUTS = "is one of the inputs; write the report to another file"


def _assembly(tmp_path: Path) -> Path:
    """A cloud assembly with a nested template and an assets.json."""
    out = tmp_path / "cdk.out"
    out.mkdir()
    nested = {"Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": "N.json"}}
    (out / "S.json").write_text(json.dumps({"Resources": {"Inner": nested}}), encoding="utf-8")
    (out / "N.json").write_text('{"Resources": {}}', encoding="utf-8")
    (out / "S.assets.json").write_text('{"version": "36.0.0", "files": {}}', encoding="utf-8")
    stack = {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.json"}}
    assets = {"type": "cdk:asset-manifest", "properties": {"file": "S.assets.json"}}
    manifest = {"version": "36.0.0", "artifacts": {"S": stack, "S.assets": assets}}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_hard_link_to_the_input_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "t.yaml"
    shutil.copy(CLEAN, template)
    for name, make in (("hard.yaml", os.link), ("soft.yaml", os.symlink)):
        make(template, tmp_path / name)

        result = run(capsys, "--no-config", template, "-o", tmp_path / name)

        assert (result.code, result.out) == (2, "")
        assert result.err == f"fsbp-check: error: --output {tmp_path / name}: {INPUTS}\n"
    assert template.read_bytes() == CLEAN.read_bytes()


@pytest.mark.parametrize("name", ["manifest.json", "S.json", "N.json", "S.assets.json"])
def test_a_hard_link_to_any_file_of_an_input_assembly_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = _assembly(tmp_path)
    before = _contents(out)
    link = tmp_path / "report.json"
    os.link(out / name, link)

    result = run(capsys, "--no-config", out, "--format", "json", "-o", link)

    assert result.code == 2
    assert result.err == f"fsbp-check: error: --output {link}: {INPUTS}\n"
    assert _contents(out) == before
    # A template given from inside the assembly reads the assembly's manifest too.
    again = run(capsys, "--no-config", out / "S.json", "-o", link)
    assert (again.code, again.err) == (2, f"fsbp-check: error: --output {link}: {INPUTS}\n")
    assert _contents(out) == before


def test_the_configuration_file_just_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "fsbp.toml"
    config.write_text('controls = ["ECR.1"]\n', encoding="utf-8")
    os.link(config, tmp_path / "linked.toml")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.fsbp]\ncontrols = ["ECR.1"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    given = run(capsys, CLEAN, "--config", config, "-o", tmp_path / "linked.toml")
    found = run(capsys, CLEAN, "-o", pyproject)

    assert (given.code, given.err) == (
        2,
        f"fsbp-check: error: --output {tmp_path / 'linked.toml'}: {INPUTS}\n",
    )
    assert (found.code, found.err) == (2, f"fsbp-check: error: --output {pyproject}: {INPUTS}\n")
    assert config.read_text(encoding="utf-8") == 'controls = ["ECR.1"]\n'
    assert pyproject.read_text(encoding="utf-8").startswith("[tool.fsbp]")


def test_an_existing_unrelated_file_is_overwritten_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    report.write_text("x" * 100_000, encoding="utf-8")

    result = run(capsys, "--no-config", CLEAN, "--format", "json", "-o", report)

    assert result.code == 0
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 0


def test_a_fifo_or_a_directory_as_output_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        completed = subprocess.run(
            [str(SCRIPT), "--no-config", str(CLEAN), "-o", str(target)],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,  # it used to hang forever on the FIFO
        )

        assert completed.returncode == 2
        assert completed.stdout == ""
        assert completed.stderr == (
            f"fsbp-check: error: --output {target}: exists and is not a regular file "
            "(a directory, pipe, device or socket); give a new path or a regular file\n"
        )
