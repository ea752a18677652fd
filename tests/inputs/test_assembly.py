"""A cloud assembly that names files it should not (issue 15, items 12, 14, 21, 22)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from fsbp_constructs.engine.limits import MAX_STAGE_DEPTH, InputError, read_bytes
from tests.cli.helpers import run

TEMPLATE = {"Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}


def _stack(template_file: Any = "S.template.json", **extra: Any) -> dict[str, Any]:
    return {
        "type": "aws:cloudformation:stack",
        "environment": "aws://111111111111/us-east-1",
        "properties": {"templateFile": template_file},
        **extra,
    }


def _assembly(directory: Path, artifacts: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "manifest.json").write_text(
        json.dumps({"version": "48.0.0", "artifacts": artifacts}), encoding="utf-8"
    )
    (directory / "S.template.json").write_text(json.dumps(TEMPLATE), encoding="utf-8")
    return directory


def _one_line(capsys: pytest.CaptureFixture[str], path: Path, *parts: str) -> str:
    result = run(capsys, "--no-config", path)
    assert (result.code, result.out) == (2, ""), result.err
    assert result.err.count("\n") == 1, result.err
    for part in parts:
        assert part in result.err, result.err
    return result.err


def test_a_well_formed_assembly_still_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    properties = {"templateFile": "S.template.json", "terminationProtection": True}
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(properties=properties)})
    assert run(capsys, "--no-config", out).code == 0


@pytest.mark.parametrize(
    "template_file",
    ["../outside.template.json", "/etc/passwd", "/dev/zero", "/dev/urandom", "/dev/stdin"],
)
def test_a_template_outside_the_assembly_is_refused(
    template_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "outside.template.json").write_text(json.dumps(TEMPLATE), encoding="utf-8")
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(template_file)})

    err = _one_line(capsys, out, f"{template_file!r} is outside the cloud assembly")
    assert err.startswith(f"fsbp-check: error: {out / 'manifest.json'}: ")


def test_a_symbolic_link_out_of_the_assembly_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _assembly(tmp_path / "cdk.out", {"S": _stack("link.template.json")})
    (out / "link.template.json").symlink_to("/dev/zero")

    _one_line(capsys, out, "'link.template.json' is outside the cloud assembly")


def test_a_fifo_in_the_assembly_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _assembly(tmp_path / "cdk.out", {"S": _stack("fifo.template.json")})
    os.mkfifo(out / "fifo.template.json")

    _one_line(capsys, out, "fifo.template.json: not a regular file")


def test_a_metadata_file_outside_the_assembly_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(additionalMetadataFile="../../etc/passwd")})

    _one_line(capsys, out, "additionalMetadataFile '../../etc/passwd' is outside")


def test_a_nested_stack_template_named_in_metadata_stays_inside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    metadata = {"/S/Nested": [{"type": "aws:cdk:templateFile", "data": "/dev/zero"}]}
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(metadata=metadata)})

    _one_line(capsys, out, "the template of S/Nested '/dev/zero' is outside")


@pytest.mark.parametrize("directory", ["/", "..", "."])
def test_a_stage_directory_outside_or_a_cycle_is_refused(
    directory: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stage = {"type": "cdk:cloud-assembly", "properties": {"directoryName": directory}}
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(), "Stage": stage})

    expected = "a cycle of stages" if directory == "." else "is outside the cloud assembly"
    _one_line(capsys, out, expected)


def test_a_cycle_of_two_stages_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cdk.out"
    to_b = {"type": "cdk:cloud-assembly", "properties": {"directoryName": "b"}}
    to_a = {"type": "cdk:cloud-assembly", "properties": {"directoryName": ".."}}
    _assembly(out, {"A": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "a"}}})
    _assembly(out / "a", {"S": _stack(), "B": to_b})
    _assembly(out / "a" / "b", {"A": to_a})

    err = _one_line(capsys, out, "stage A points to '..', which contains it")
    assert len(err) < 400


def test_stages_nested_too_deep_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cdk.out"
    directory = out
    for _ in range(MAX_STAGE_DEPTH + 2):
        _assembly(
            directory,
            {
                "S": _stack(),
                "Deeper": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "d"}},
            },
        )
        directory = directory / "d"
    _assembly(directory, {"S": _stack()})

    _one_line(capsys, out, f"stages nested more than {MAX_STAGE_DEPTH} deep")


@pytest.mark.parametrize(
    ("artifacts", "message"),
    [
        ({"S": "aws:cloudformation:stack"}, "artifact 'S' is the string"),
        ({"S": ["a", "list"]}, "artifact 'S' is a list, not an object"),
        ({"S": _stack(metadata=["not", "a", "mapping"])}, "stack metadata must map"),
        ({"S": _stack(metadata={"/S": "x"})}, "the metadata of '/S' must be a list"),
        ({"S": _stack(environment=5)}, "environment must be a string"),
        ({"S": _stack(template_file=7)}, "names no template"),
    ],
)
def test_a_badly_shaped_manifest_names_the_file(
    artifacts: dict[str, Any], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _assembly(tmp_path / "cdk.out", artifacts)

    err = _one_line(capsys, out, message)
    assert err.startswith(f"fsbp-check: error: {out / 'manifest.json'}: ")


def test_a_badly_shaped_metadata_file_names_that_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _assembly(tmp_path / "cdk.out", {"S": _stack(additionalMetadataFile="S.metadata.json")})
    (out / "S.metadata.json").write_text('[{"type": "aws:cdk:logicalId"}]', encoding="utf-8")

    err = _one_line(capsys, out, "stack metadata must map construct paths to lists of entries")
    assert err.startswith(f"fsbp-check: error: {out / 'S.metadata.json'}: ")


def test_reading_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(b"x" * 11)
    assert read_bytes(path, limit=11) == b"x" * 11
    with pytest.raises(InputError, match="larger than"):
        read_bytes(path, limit=10)
    with pytest.raises(InputError, match="not a regular file"):
        read_bytes(Path("/dev/zero"), regular_only=False)
