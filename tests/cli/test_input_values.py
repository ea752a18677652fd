"""Values CloudFormation rejects are input errors (exit 2), not verdicts (issue 31, items 7
and 15): numbers that are not finite, a key repeated in a cloud assembly's files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.cli.helpers import run


def _repo(scanning: str) -> str:
    """An ECR repository as JSON text, with ``scanning`` as its ImageScanningConfiguration."""
    return '{"Type": "AWS::ECR::Repository", "Properties": {"ImageScanningConfiguration": ' + (
        scanning + "}}"
    )


def _template(*resources: tuple[str, str]) -> str:
    """JSON text whose Resources hold ``resources`` as written: a key may repeat."""
    return '{"Resources": {' + ", ".join(f'"{k}": {v}' for k, v in resources) + "}}"


def _refused(
    capsys: pytest.CaptureFixture[str], path: Path, *parts: str, named: Path | None = None
) -> str:
    """Exit 2, no report, one line that names ``named`` (by default ``path``) and ``parts``."""
    result = run(capsys, "--no-config", path)
    assert (result.code, result.out) == (2, ""), result.err
    assert result.err.startswith(f"fsbp-check: error: {named or path}"), result.err
    assert result.err.count("\n") == 1, result.err
    for part in parts:
        assert part in result.err, result.err
    return result.err


# --- numbers that are not finite -------------------------------------------------------------


@pytest.mark.parametrize("written", ["NaN", "Infinity", "-Infinity", "1e999", "-1.5E400"])
def test_a_json_number_that_is_not_finite_is_refused_naming_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """JSON has no NaN or infinities (RFC 8259); Python's parser takes them, CloudFormation
    does not."""
    path = tmp_path / "t.json"
    path.write_text(
        _template(("Repo", _repo('{"ScanOnPush": true, "X": [1, ' + written + "]}"))),
        encoding="utf-8",
    )
    _refused(
        capsys,
        path,
        f"Resources.Repo.Properties.ImageScanningConfiguration.X[1] is {written}",
        "not a JSON number",
    )


@pytest.mark.parametrize("written", [".inf", "-.inf", ".NaN", "+.INF", "1.0e+999"])
def test_a_yaml_float_that_is_not_finite_is_refused_naming_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str
) -> None:
    """The probe: `FromPort: .inf` was an internal error reported as UNKNOWN."""
    path = tmp_path / "t.yaml"
    path.write_text(
        "Resources:\n"
        "  G:\n"
        "    Type: AWS::EC2::SecurityGroup\n"
        "    Properties:\n"
        "      GroupDescription: d\n"
        "      SecurityGroupIngress:\n"
        f"        - {{IpProtocol: tcp, FromPort: {written}, ToPort: 22, CidrIp: 0.0.0.0/0}}\n",
        encoding="utf-8",
    )
    _refused(
        capsys,
        path,
        f"Resources.G.Properties.SecurityGroupIngress[0].FromPort is {written} (line 7, column ",
        "not a JSON number",
    )


def test_finite_floats_and_a_key_spelled_like_inf_still_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "Resources:\n"
        "  Repo:\n"
        "    Type: AWS::ECR::Repository\n"
        "    Metadata: {.inf: 1.5, big: 1.0e+300}\n"
        "    Properties: {ImageScanningConfiguration: {ScanOnPush: true}}\n",
        encoding="utf-8",
    )
    result = run(capsys, "--no-config", path, "--format", "json", "--control", "ECR.1")
    assert result.verdicts() == {("ECR.1", "t/Repo", "PASS")}, result.err


def test_an_integer_of_thousands_of_digits_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text('{"Resources": {"R": {"Type": "T", "X": %s}}}' % ("9" * 5000), "utf-8")
    err = _refused(capsys, path, "a number with thousands of digits")
    assert "set_int_max_str_digits" not in err


# --- a key repeated in a cloud assembly's files ----------------------------------------------

FAILING = _repo('{"ScanOnPush": false}')
PASSING = _repo('{"ScanOnPush": true}')
#: The failing repository hidden by a second one of the same logical id.
HIDDEN = _template(("Repo", FAILING), ("Repo", PASSING))


def _assembly(directory: Path, template: str, manifest: str | None = None) -> Path:
    directory.mkdir()
    stack = {
        "type": "aws:cloudformation:stack",
        "environment": "aws://111111111111/us-east-1",
        "properties": {"templateFile": "S.template.json"},
    }
    (directory / "manifest.json").write_text(
        manifest or json.dumps({"version": "48.0.0", "artifacts": {"S": stack}}), "utf-8"
    )
    (directory / "S.template.json").write_text(template, encoding="utf-8")
    return directory


def test_a_repeated_resource_in_a_cloud_assembly_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assembly = _assembly(tmp_path / "cdk.out", HIDDEN)
    template = assembly / "S.template.json"
    for given in (assembly, template):  # the directory, or one template file inside it
        result = run(capsys, "--no-config", given)
        assert (result.code, result.out) == (2, ""), result.err
        assert result.err == (
            f"fsbp-check: error: {template}: invalid JSON (the key 'Repo' appears twice in one "
            "object; CloudFormation rejects such templates: keep one)\n"
        )


def test_a_repeated_artifact_in_a_manifest_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two artifacts of one id: the first stack would not be checked at all."""
    stack = (
        '{"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}'
    )
    manifest = '{"version": "48.0.0", "artifacts": {"S": ' + stack + ', "S": ' + stack + "}}"
    assembly = _assembly(tmp_path / "cdk.out", _template(("Repo", FAILING)), manifest)
    _refused(
        capsys,
        assembly,
        "invalid JSON (the key 'S' appears twice",
        named=assembly / "manifest.json",
    )


def test_a_repeated_key_in_a_nested_stack_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assembly = tmp_path / "cdk.out"
    assembly.mkdir()
    metadata = {
        "/S": [{"type": "aws:cdk:logicalId", "data": "S"}],
        "/S/Inner.NestedStack/Inner.NestedStackResource": [
            {"type": "aws:cdk:templateFile", "data": "Inner.nested.template.json"}
        ],
    }
    stack = {
        "type": "aws:cloudformation:stack",
        "properties": {"templateFile": "S.template.json"},
        "metadata": metadata,
    }
    (assembly / "manifest.json").write_text(
        json.dumps({"version": "48.0.0", "artifacts": {"S": stack}}), "utf-8"
    )
    (assembly / "S.template.json").write_text(_template(("Repo", PASSING)), "utf-8")
    (assembly / "Inner.nested.template.json").write_text(HIDDEN, "utf-8")
    _refused(
        capsys,
        assembly,
        "invalid JSON (the key 'Repo' appears twice",
        named=assembly / "Inner.nested.template.json",
    )


def test_a_repeated_key_in_a_yaml_template_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "Resources:\n"
        "  Repo: {Type: AWS::ECR::Repository}\n"
        "  Repo:\n"
        "    Type: AWS::ECR::Repository\n"
        "    Properties: {ImageScanningConfiguration: {ScanOnPush: true}}\n",
        encoding="utf-8",
    )
    _refused(capsys, path, "found the key 'Repo' twice in one mapping (line 3, column 3)")


# --- intrinsic-function arguments CloudFormation rejects -------------------------------------


def test_a_huge_cidr_count_is_refused_quickly_naming_the_resource(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The probe: 343 bytes that asked for 10**8 blocks."""
    path = tmp_path / "cidr.yaml"
    path.write_text(
        "Resources:\n"
        "  S:\n"
        "    Type: AWS::EC2::Subnet\n"
        "    Properties:\n"
        "      VpcId: vpc-1\n"
        '      CidrBlock: !Select [0, !Cidr ["::/0", 100000000, 100]]\n',
        encoding="utf-8",
    )
    started = time.monotonic()
    _refused(capsys, path, "resource 'S': Fn::Cidr count 100000000 is outside 1-256")
    assert time.monotonic() - started < 2


def test_a_select_index_in_full_width_digits_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "select.json"
    repo = _repo('{"ScanOnPush": {"Fn::Select": ["\\uff11", [false, true]]}}')
    path.write_text(_template(("Repo", repo)), encoding="utf-8")
    _refused(capsys, path, "resource 'Repo': the Fn::Select index '\uff11' is written with")
