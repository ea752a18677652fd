"""fsbp_constructs.testing agrees with `cdk synth`: the same context, the same verdict."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_kinesis as kinesis

from fsbp_constructs.testing import app_context, assert_compliant, check_app, new_app
from tests.conftest import ENV

ROOT = Path(__file__).resolve().parents[1]
CDK = ROOT / "tools" / "cdk-cli" / "node_modules" / ".bin" / "cdk"

#: One app, two ways: `cdk synth` runs this file; the tests import ``build`` from it.
APP = """
import sys

import aws_cdk as cdk
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_kinesis as kinesis

from fsbp_constructs import FsbpChecks


def build(app: cdk.App, variant: str) -> cdk.Stack:
    if variant == "warning":  # no Region: Kinesis.1 is UNKNOWN, a warning
        stack = cdk.Stack(app, "Agnostic")
        kinesis.Stream(stack, "Stream")
    else:  # ECR.1 fails: an error
        env = cdk.Environment(account="111111111111", region="us-east-1")
        stack = cdk.Stack(app, "Pinned", env=env)
        ecr.Repository(stack, "Repo", image_tag_mutability=ecr.TagMutability.IMMUTABLE,
                       repository_name=app.node.try_get_context("repositoryName"),
                       lifecycle_rules=[ecr.LifecycleRule(max_image_count=5)])
    return stack


if __name__ == "__main__":
    app = cdk.App()
    build(app, sys.argv[1])
    cdk.Validations.of(app).add_plugins(FsbpChecks(controls=["ECR.1", "Kinesis.1"]))
    app.synth()
"""


def _write_app(directory: Path, variant: str) -> None:
    (directory / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    settings = {
        "app": f"{sys.executable} app.py {variant}",
        "context": {
            "repositoryName": "from-cdk-json",
            "@aws-cdk/core:newStyleStackSynthesis": True,
        },
    }
    (directory / "cdk.json").write_text(json.dumps(settings), encoding="utf-8")


def _cdk_synth(directory: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(ROOT / "src")
    env["CDK_DISABLE_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(CDK), "synth", "--quiet", "--no-notices", "--output", "cdk.out"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _without_cli_metadata(template: Mapping[str, Any]) -> dict[str, Any]:
    """Resources less what the CLI alone adds: CDKMetadata and each resource's construct path."""
    return {
        logical_id: {key: value for key, value in resource.items() if key != "Metadata"}
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] != "AWS::CDK::Metadata"
    }


def _build(directory: Path, variant: str) -> tuple[cdk.App, cdk.Stack]:
    namespace: dict[str, object] = {}
    exec(compile((directory / "app.py").read_text(), "app.py", "exec"), namespace)
    app = new_app(directory)
    stack = namespace["build"](app, variant)  # type: ignore[operator]
    assert isinstance(stack, cdk.Stack)
    return app, stack


@pytest.mark.parametrize("variant", ["warning", "error"])
def test_assert_compliant_fails_exactly_when_cdk_synth_does(tmp_path: Path, variant: str) -> None:
    _write_app(tmp_path, variant)
    synth = _cdk_synth(tmp_path)
    # new_app read cdk.json: the template is the one `cdk synth` wrote.
    _, stack = _build(tmp_path, variant)
    written = json.loads((tmp_path / "cdk.out" / f"{stack.stack_name}.template.json").read_text())
    ours = cdk.assertions.Template.from_stack(stack).to_json()
    assert _without_cli_metadata(ours) == _without_cli_metadata(written)

    app, _ = _build(tmp_path, variant)
    controls = ["ECR.1", "Kinesis.1"]
    if variant == "warning":
        assert synth.returncode == 0, synth.stderr[-3000:]
        result = assert_compliant(app, controls=controls)
        assert result.reported() == {("FSBP-Kinesis.1", "warning", "Agnostic/Stream/Resource")}
    else:
        assert "from-cdk-json" in json.dumps(ours["Resources"])
        assert synth.returncode == 1, synth.stderr[-3000:]
        with pytest.raises(AssertionError) as raised:
            assert_compliant(app, controls=controls)
        assert str(raised.value).splitlines()[0] == "1 FSBP finding(s) would fail `cdk synth`:"


def _agnostic_stream() -> cdk.App:
    app = new_app()
    kinesis.Stream(cdk.Stack(app, "Agnostic"), "Stream")
    return app


def test_a_warning_passes_and_fails_with_strict() -> None:
    result = assert_compliant(_agnostic_stream(), controls=["Kinesis.1"])
    assert result.error is None
    with pytest.raises(AssertionError) as raised:
        assert_compliant(_agnostic_stream(), controls=["Kinesis.1"], strict=True)
    lines = str(raised.value).splitlines()
    assert lines[0] == "1 FSBP finding(s) would fail `cdk synth`:"
    assert lines[1].startswith("- Kinesis.1 UNKNOWN error at Agnostic/Stream/Resource: ")


def test_failure_message_lists_each_finding_with_its_fix_and_no_internals() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Repo")
    with pytest.raises(AssertionError) as raised:
        assert_compliant(app, controls=["ECR.1", "ECR.2"])
    lines = str(raised.value).splitlines()
    assert lines == [
        "2 FSBP finding(s) would fail `cdk synth`:",
        *sorted(lines[1:]),
    ]
    assert lines[1].startswith("- ECR.1 FAIL error at S/Repo/Resource: ")
    assert lines[2].startswith("- ECR.2 FAIL error at S/Repo/Resource: ")
    assert all(" Fix: " in line for line in lines[1:])
    # The same advice as `cdk synth` and fsbp-check: the CDK setting, then CloudFormation's.
    assert "Fix: With aws-cdk-lib, ecr.Repository(image_scan_on_push=True)" in lines[1]
    assert "In CloudFormation: set ImageScanningConfiguration.ScanOnPush to true" in lines[1]
    assert "Traceback" not in str(raised.value) and "jsii" not in str(raised.value)
    # pytest hides the helper's own frames from the report.
    frames = [entry.frame.code.name for entry in raised.traceback if not entry.ishidden(raised)]
    assert "assert_compliant" not in frames


def test_new_app_reads_cdk_json_and_cdk_context_json(tmp_path: Path) -> None:
    (tmp_path / "cdk.json").write_text(
        json.dumps({"app": "python app.py", "context": {"flag": "from-cdk-json", "both": "json"}})
    )
    (tmp_path / "cdk.context.json").write_text(json.dumps({"both": "context", "lookup": 1}))
    assert app_context(tmp_path) == {"flag": "from-cdk-json", "both": "json", "lookup": 1}
    app = new_app(tmp_path, context={"flag": "given"})
    assert app.node.try_get_context("flag") == "given"
    assert app.node.try_get_context("both") == "json"
    assert app.node.try_get_context("lookup") == 1


def test_new_app_reads_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert app_context() == {}
    flag = "@aws-cdk/aws-s3:createDefaultLoggingPolicy"
    (tmp_path / "cdk.json").write_text(json.dumps({"app": "x", "context": {flag: True}}))
    stack = cdk.Stack(new_app(), "S")
    assert cdk.FeatureFlags.of(stack).is_enabled(flag) is True


def test_new_app_names_a_bad_cdk_json(tmp_path: Path) -> None:
    (tmp_path / "cdk.json").write_text('{"context": ')
    with pytest.raises(ValueError, match=r"cdk\.json is not valid JSON .*fix the file"):
        new_app(tmp_path)
    (tmp_path / "cdk.json").write_text('{"context": ["a"]}')
    with pytest.raises(ValueError, match=r'"context" must be a JSON object, not \[\'a\'\]'):
        new_app(tmp_path)


def test_help_shows_the_fsbp_checks_options() -> None:
    for helper in (check_app, assert_compliant):
        params = list(inspect.signature(helper).parameters)
        assert params[0] == "app"
        assert {"controls", "exclude", "strict", "include_retired"} <= set(params[1:])
        assert "options" not in params
