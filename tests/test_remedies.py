"""Every remedy fixes its control: each FAIL case of the control, imported as real L1s
(``cloudformation_include``), remediated by ``FsbpDefaults`` (the control opted in, with
``overwrite`` for the cases that set a noncompliant value), then checked again. One app per
case: a case that CloudFormation would refuse (a required property missing) fails here.

A remedy sets what complies under Security Hub's default parameters, so cases that set
parameters (``with``) are left out. A FAIL case that no single property fixes (a missing
companion resource, a value ``FsbpDefaults`` does not own) is listed in ``NOT_BY_REMEDY``
with the reason."""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import cloudformation_include as cfn_inc

from fsbp_constructs.config import FsbpConfig
from fsbp_constructs.controls import REGISTRY
from fsbp_constructs.defaults import FIXES, FsbpDefaults
from fsbp_constructs.defaults.aspect import Change
from fsbp_constructs.engine.model import App, Stack
from fsbp_constructs.engine.registry import Status
from fsbp_constructs.evaluate import evaluate
from tests.controls.test_cases import CASES

SECTIONS = {"parameters": "Parameters", "conditions": "Conditions", "mappings": "Mappings"}
FIXED = {fix.control: fix.resource_type for fix in FIXES}


#: ``(control, case)`` -> why its remedy cannot fix it.
NOT_BY_REMEDY: dict[tuple[str, str], str] = {
    (
        "CloudFront.10",
        "the legacy DistributionConfig.CustomOrigin allowing SSLv3 fails",
    ): "the remedy sets OriginSSLProtocols on Origins only, not on the legacy CustomOrigin",
    (
        "RDS.3",
        "an Aurora instance takes encryption from its unencrypted cluster",
    ): "the instance takes it from its cluster, where RDS.27's remedy sets StorageEncrypted",
    (
        "RDS.11",
        "an Aurora instance of a cluster with the default retention fails",
    ): "the instance takes it from its cluster, where RDS.50's remedy sets BackupRetentionPeriod",
    (
        "ECS.4",
        'Privileged written as the string "True" is read as CloudFormation does',
    ): "cloudformation_include refuses the string 'True' as a boolean (the case with true "
    "proves the remedy)",
    (
        "Kinesis.1",
        "the China-Region condition decided by a stack in cn-north-1 fails",
    ): "the remedy sets nothing in the China Regions, where CDK leaves streams unencrypted",
}


def _bad(control: str) -> str:
    """The verdict a remedy turns around: FAIL, or UNKNOWN for a control that never fails
    (``without: {FAIL: ...}``: the account-level setting decides, and the remedy sets the
    bucket-level one)."""
    return "UNKNOWN" if "FAIL" in (CASES.get(control, {}).get("without") or {}) else "FAIL"


def _expected(control: str, case: dict[str, Any], resource_type: str) -> dict[str, str]:
    """The status a case expects for each of its resources of ``resource_type``."""
    expect = case["expect"]
    if isinstance(expect, str):
        expect = {
            lid: expect
            for lid, body in case["resources"].items()
            if body.get("Type") in REGISTRY[control].resource_types
        }
    return {
        lid: status
        for lid, status in expect.items()
        if case["resources"][lid]["Type"] == resource_type
    }


def _failing_cases() -> list[tuple[str, int, dict[str, Any], str]]:
    """``(control, case number, case, logical id)`` for each resource of the fixed type that
    a case expects to FAIL (or UNKNOWN, see :func:`_bad`)."""
    out = []
    for control, resource_type in FIXED.items():
        bad = _bad(control)
        for number, case in enumerate(CASES.get(control, {}).get("cases") or []):
            if (control, case.get("case")) in NOT_BY_REMEDY or "with" in case:
                continue
            if bad == "UNKNOWN" and "parameters" in case:
                continue  # a template parameter decides: the deployer's value, left alone
            for logical_id, status in _expected(control, case, resource_type).items():
                if status == bad:
                    out.append((control, number, case, logical_id))
    return out


FAILING = _failing_cases()


def _remediated(control: str, number: int) -> dict[str, Any]:
    """The template ``FsbpDefaults`` writes for case ``number`` of ``control``."""
    return _synth(control, number)[0]


@functools.cache
def _synth(control: str, number: int) -> tuple[dict[str, Any], list[Change]]:
    """The template and the changes ``FsbpDefaults`` makes for case ``number``."""
    case = CASES[control]["cases"][number]
    source = Path(tempfile.mkdtemp(prefix="fsbp-remedies-"))
    template = {"Resources": case["resources"]}
    template.update({SECTIONS[k]: case[k] for k in SECTIONS if k in case})
    path = source / "case.json"
    path.write_text(json.dumps(template), encoding="utf-8")
    app = cdk.App(outdir=str(source / "cdk.out"))
    region = case.get("region")
    env = cdk.Environment(account="111111111111", region=region) if region else None
    stack = cdk.Stack(app, "Case", env=env)
    cfn_inc.CfnInclude(stack, "Case", template_file=str(path))
    aspect = FsbpDefaults(overwrite=[control])
    cdk.Aspects.of(stack).add(aspect)
    remediated: dict[str, Any] = app.synth().get_stack_artifact(stack.artifact_id).template
    return remediated, aspect.changes


@pytest.mark.parametrize(
    ("control", "number", "case", "logical_id"),
    FAILING,
    ids=[f"{c}: {case.get('case')} ({lid})" for c, _, case, lid in FAILING],
)
def test_remedy_fixes_the_failing_case(
    control: str,
    number: int,
    case: dict[str, Any],
    logical_id: str,
) -> None:
    template = _remediated(control, number)
    stack = Stack(
        name="Case",
        template_path=Path("Case.template.json"),
        template=template,
        region=case.get("region"),
        account="111111111111" if case.get("region") else None,
    )
    config = FsbpConfig(
        controls=[control], parameters={control: case["with"]} if "with" in case else {}
    )
    findings = {f.logical_id: f for f in evaluate(App([stack]), config)}
    finding = findings[logical_id]
    expected = {Status.PASS} if _bad(control) == "UNKNOWN" else {Status.PASS, Status.UNKNOWN}
    assert finding.status in expected | {Status.NOT_APPLICABLE}, (
        f"{control}'s remedy ({REGISTRY[control].remedy}) left {logical_id} failing: "
        f"{finding.message}\n{json.dumps(template['Resources'][logical_id], indent=1)}"
    )


def test_every_remedy_is_proven_by_a_case() -> None:
    """A remedy whose control has no FAIL case on the type it fixes is not tested above."""
    proven = {control for control, *_ in FAILING}
    assert sorted(set(FIXED) - proven) == []


def test_not_by_remedy_names_real_cases() -> None:
    named = {(c, case.get("case")) for c in FIXED for case in CASES.get(c, {}).get("cases") or []}
    assert sorted(set(NOT_BY_REMEDY) - named) == []


def _out_of_scope_cases() -> list[tuple[str, int, str]]:
    """``(control, case number, logical id)`` for each resource of the fixed type that a
    case of a scoped remedy's control expects to be NOT_APPLICABLE."""
    out = []
    for control, resource_type in FIXED.items():
        if REGISTRY[control].remedy.when is None:  # type: ignore[union-attr]
            continue
        for number, case in enumerate(CASES.get(control, {}).get("cases") or []):
            for logical_id, status in _expected(control, case, resource_type).items():
                if status == "NOT_APPLICABLE":
                    out.append((control, number, logical_id))
    return out


OUT_OF_SCOPE = _out_of_scope_cases()


@pytest.mark.parametrize(
    ("control", "number", "logical_id"),
    OUT_OF_SCOPE,
    ids=[f"{c}: {CASES[c]['cases'][n].get('case')} ({lid})" for c, n, lid in OUT_OF_SCOPE],
)
def test_scoped_remedy_leaves_out_of_scope_resources_alone(
    control: str, number: int, logical_id: str
) -> None:
    """A remedy with a scope (``Remedy.when``, or its declaration's ``when``) changes
    nothing on a resource the control does not apply to (another engine, another file
    system type): the property it sets may not even be valid there."""
    _, changes = _synth(control, number)
    mine = [c for c in changes if c.control == control and c.path.endswith(f"/{logical_id}")]
    assert mine == []
