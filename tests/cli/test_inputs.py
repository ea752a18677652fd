"""Bad input never gives a traceback: one line on stderr naming the file and the problem, exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.helpers import DATA, run


def _missing(tmp: Path) -> tuple[Path, str]:
    return tmp / "nope.yaml", "no such file or directory"


def _not_utf8(tmp: Path) -> tuple[Path, str]:
    path = tmp / "latin1.yaml"
    path.write_bytes("Resources: {}\nDescription: caf\xe9\n".encode("latin-1"))
    return path, "not UTF-8 text"


def _invalid_json(tmp: Path) -> tuple[Path, str]:
    path = tmp / "broken.json"
    path.write_text('{"Resources": {"A": }', encoding="utf-8")
    return path, "invalid JSON (Expecting value: line 1 column 21 (char 20))"


def _invalid_yaml(tmp: Path) -> tuple[Path, str]:
    path = tmp / "broken.yaml"
    path.write_text("Resources:\n  A:\n    Type: [unclosed\n", encoding="utf-8")
    return path, "invalid YAML (expected ',' or ']', but got '<stream end>' (line 4, column 1))"


def _duplicate_key(tmp: Path) -> tuple[Path, str]:
    path = tmp / "twice.yaml"
    path.write_text(
        "Resources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n", encoding="utf-8"
    )
    return path, "invalid YAML (found the key 'A' twice in one mapping (line 3, column 3))"


def _json_not_a_template(tmp: Path) -> tuple[Path, str]:
    path = tmp / "package.json"
    path.write_text('{"name": "app", "version": "1.0.0"}', encoding="utf-8")
    return path, "not a CloudFormation template (no top-level 'Resources' mapping)"


def _yaml_list(tmp: Path) -> tuple[Path, str]:
    path = tmp / "list.yaml"
    path.write_text("- Resources\n- Outputs\n", encoding="utf-8")
    return path, "not a CloudFormation template (no top-level 'Resources' mapping)"


def _empty_file(tmp: Path) -> tuple[Path, str]:
    path = tmp / "empty.yaml"
    path.write_text("# nothing here\n", encoding="utf-8")
    return path, "empty file, not a CloudFormation template"


def _empty_dir(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cdk.out"
    path.mkdir()
    return path, "not a cloud assembly (no manifest.json)"


def _assembly_without_stacks(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cdk.out"
    path.mkdir()
    (path / "manifest.json").write_text(
        json.dumps(
            {
                "version": "48.0.0",
                "artifacts": {"Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}},
            }
        ),
        encoding="utf-8",
    )
    return path, "the cloud assembly has no stacks"


def _broken_manifest(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cdk.out"
    path.mkdir()
    (path / "manifest.json").write_text("{", encoding="utf-8")
    return path / "manifest.json", "invalid JSON"


def _manifest_names_missing_template(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cdk.out"
    path.mkdir()
    (path / "manifest.json").write_text(
        json.dumps(
            {
                "version": "48.0.0",
                "artifacts": {
                    "S": {
                        "type": "aws:cloudformation:stack",
                        "environment": "aws://unknown-account/unknown-region",
                        "properties": {"templateFile": "S.template.json"},
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    return path / "S.template.json", "no such file"


def _manifest_of_odd_shape(tmp: Path) -> tuple[Path, str]:
    path = tmp / "cdk.out"
    path.mkdir()
    (path / "manifest.json").write_text(
        json.dumps(
            {
                "artifacts": {
                    "S": {"type": "aws:cloudformation:stack", "properties": ["not", "a", "mapping"]}
                }
            }
        ),
        encoding="utf-8",
    )
    return path / "manifest.json", "stack S has no 'properties' object"


CASES: dict[str, Callable[[Path], tuple[Path, str]]] = {
    "missing path": _missing,
    "unreadable file (not UTF-8)": _not_utf8,
    "invalid JSON": _invalid_json,
    "invalid YAML": _invalid_yaml,
    "YAML with a repeated key": _duplicate_key,
    "JSON that is not a template": _json_not_a_template,
    "YAML that is not a template": _yaml_list,
    "empty file": _empty_file,
    "empty cdk.out": _empty_dir,
    "cdk.out without stacks": _assembly_without_stacks,
    "cdk.out with a broken manifest": _broken_manifest,
    "cdk.out naming a missing template": _manifest_names_missing_template,
    "cdk.out with a manifest of odd shape": _manifest_of_odd_shape,
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_naming_the_file_and_the_problem(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    named, problem = CASES[case](tmp_path)
    argument = tmp_path / "cdk.out" if named.parent.name == "cdk.out" else named

    result = run(capsys, argument, DATA / "compliant.yaml")

    assert result.code == 2
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith(f"fsbp-check: error: {named}: "), result.err
    assert problem in result.err


def test_bad_input_through_the_console_script_has_no_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("Resources: [\n", encoding="utf-8")
    script = Path(sys.executable).with_name("fsbp-check")

    completed = subprocess.run(
        [str(script), str(broken)], capture_output=True, text=True, check=False, timeout=120
    )

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.startswith(f"fsbp-check: error: {broken}: invalid YAML (")
    assert "Traceback" not in completed.stderr
