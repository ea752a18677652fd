"""End to end with the real AWS CDK CLI (tools/cdk-cli, the 2.1148 line) on examples/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fsbp_constructs import REGISTRY

ROOT = Path(__file__).resolve().parents[1]
CDK = ROOT / "tools" / "cdk-cli" / "node_modules" / ".bin" / "cdk"


def cdk_synth(app: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    assert CDK.exists(), "the CDK CLI is missing: run scripts/setup.sh"
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CDK_DISABLE_VERSION_CHECK"] = "1"
    env["CDK_CLI_NOTICES"] = "false"
    return subprocess.run(
        [str(CDK), "synth", "--app", app, "--output", str(outdir), "--quiet", "--no-notices"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_cli_version_is_the_2_1148_line() -> None:
    out = subprocess.run([str(CDK), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("2.1148."), out.stdout


#: Every controls app: ``examples/controls*.py``, one per service group.
CONTROL_APPS = sorted(p.stem for p in (ROOT / "examples").glob("controls*.py"))


def test_noncompliant_apps_fail_on_every_control(tmp_path: Path) -> None:
    output = ""
    for name in CONTROL_APPS:
        app = f"{sys.executable} -m examples.{name} noncompliant"
        result = cdk_synth(app, tmp_path / name)
        app_output = result.stdout + result.stderr
        assert result.returncode == 1, app_output[-3000:]
        assert "Synthesis finished with errors" in app_output or "Validation failed" in app_output
        output += app_output
    for rule in REGISTRY.values():
        assert f"Acknowledge with 'FSBP::{rule.rule_id}'" in output, rule.rule_id


@pytest.mark.parametrize("name", CONTROL_APPS)
def test_compliant_apps_synthesize(tmp_path: Path, name: str) -> None:
    result = cdk_synth(f"{sys.executable} -m examples.{name} compliant", tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "FSBP-" not in output
    assert (tmp_path / "Compliant.template.json").is_file()


def test_secure_service_synthesizes_and_its_plain_twin_fails(tmp_path: Path) -> None:
    secure = cdk_synth(f"{sys.executable} examples/service_app.py compliant", tmp_path / "ok")
    assert secure.returncode == 0, (secure.stdout + secure.stderr)[-3000:]
    assert "FSBP-" not in secure.stdout + secure.stderr

    plain = cdk_synth(f"{sys.executable} examples/service_app.py noncompliant", tmp_path / "no")
    output = plain.stdout + plain.stderr
    assert plain.returncode == 1, output[-3000:]
    for rule_id in ("ECR.1", "ECR.2", "ECS.5", "ECS.12", "Kinesis.1", "S3.13"):
        assert f"Acknowledge with 'FSBP::FSBP-{rule_id}'" in output, rule_id
