"""The example apps, in process: exactly which resources each variant flags."""

from __future__ import annotations

import importlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest

from examples import patterns_app, service_app
from fsbp_constructs import REGISTRY
from fsbp_constructs.testing import validation_report

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: Every controls app: ``examples/controls*.py``, one per service group.
CONTROL_APPS = sorted(p.stem for p in EXAMPLES.glob("controls*.py"))


def _build(name: str) -> Callable[..., cdk.App]:
    build: Callable[..., cdk.App] = importlib.import_module(f"examples.{name}").build
    return build


def _synth(build: Callable[..., cdk.App], variant: str) -> tuple[str | None, dict[str, Any]]:
    """Synthesize an example (it registers FsbpChecks itself): the error, and the report."""
    outdir = tempfile.mkdtemp(prefix="fsbp-example-")
    try:
        build(variant, outdir=outdir).synth()
        error = None
    except RuntimeError as raised:
        error = str(raised)
    return error, validation_report(Path(outdir))


def _violations(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (v["ruleName"], c["constructPath"])
        for v in report.get("violations", [])
        for c in v["violatingConstructs"]
    }


def test_controls_apps_violate_every_control() -> None:
    """Across the noncompliant controls apps, every checked control fires (a group's
    resources may also fire another group's controls: the compliant twins prove which
    settings comply)."""
    rules: set[str] = set()
    for name in CONTROL_APPS:
        error, report = _synth(_build(name), "noncompliant")
        assert error is not None, name
        rules.update(rule for rule, _ in _violations(report))
    assert sorted({rule.rule_id for rule in REGISTRY.values()} - rules) == []


@pytest.mark.parametrize("name", CONTROL_APPS)
def test_controls_app_compliant_variant_is_clean(name: str) -> None:
    error, report = _synth(_build(name), "compliant")
    assert error is None
    assert _violations(report) == set()


def test_service_app_secure_variant_is_clean_and_plain_twin_is_flagged() -> None:
    error, report = _synth(service_app.build, "compliant")
    assert error is None and _violations(report) == set()

    error, report = _synth(service_app.build, "noncompliant")
    assert error is not None
    assert _violations(report) >= {
        ("FSBP-ECR.1", "PlainService/Images/Resource"),
        ("FSBP-ECR.2", "PlainService/Images/Resource"),
        ("FSBP-ECS.5", "PlainService/Task/Resource"),
        ("FSBP-ECS.12", "PlainService/Cluster/Resource"),
        ("FSBP-Kinesis.1", "PlainService/Events/Resource"),
        ("FSBP-S3.13", "PlainService/Files/Resource"),
    }


def test_bad_variant_names_the_choices() -> None:
    with pytest.raises(ValueError, match="'compliant' or 'noncompliant', not 'secure'"):
        service_app.build("secure")


def test_patterns_app_secure_is_clean_and_task_image_options_is_flagged() -> None:
    error, report = _synth(patterns_app.build, "secure")
    assert error is None and _violations(report) == set()

    error, report = _synth(patterns_app.build, "plain")
    assert error is not None
    assert _violations(report) >= {
        ("FSBP-ECS.5", "PlainWeb/Web/TaskDef/Resource"),
        ("FSBP-ECS.12", "PlainWeb/EcsDefaultClusterMnL3mNNYNVpc/Resource"),
    }
    levels = {v["ruleName"]: v["severity"] for v in report["violations"]}
    assert (levels["FSBP-ECS.5"], levels["FSBP-ECS.12"]) == ("error", "warning")
