"""FsbpChecks as a cdk-nag 3 pack: rule ids, options, failing levels, acknowledgments, scope."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_kinesis as kinesis
from constructs import Construct

from fsbp_constructs import REGISTRY, FsbpChecks, Status, evaluate, nag
from fsbp_constructs.nag import _struct
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV


def test_rule_ids_follow_the_registry() -> None:
    """One rule per declared control, ``FSBP-<control id>``, in declaration order; retired
    controls only on request. (The list itself is CONTROLS.md, generated and kept current
    by tests/test_derived.py, so a change to it shows in review.)"""
    active = [f"FSBP-{r.id}" for r in REGISTRY.values() if r.control.active]
    retired = [f"FSBP-{r.id}" for r in REGISTRY.values() if not r.control.active]
    assert FsbpChecks().rule_ids == active
    assert sorted(FsbpChecks(include_retired=True).rule_ids) == sorted(active + retired)
    assert {"FSBP-AutoScaling.4", "FSBP-CloudFormation.1", "FSBP-SNS.2"} <= set(retired)
    assert FsbpChecks(controls=["ECR.1", "SNS.2"]).rule_ids == ["FSBP-ECR.1", "FSBP-SNS.2"]
    assert "FSBP-ECR.2" not in FsbpChecks(exclude=["ECR.2"]).rule_ids
    assert FsbpChecks().name == "FSBP"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"controls": ["ECR.99"]}, r"unknown control id 'ECR.99'"),
        ({"controls": ["opensearch.7"]}, r"did you mean Opensearch.7"),
        ({"exclude": ["S3.1"]}, r"S3.1 is an FSBP control that this package does not check"),
        ({"controls": "ECR.1"}, r"write controls=\['ECR.1'\]"),
        (
            {"severity_threshold": "SEVERE"},
            r"unknown severity 'SEVERE'; choose one of: "
            r"INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL",
        ),
        ({"strict": "yes"}, r"strict must be True or False, not 'yes'"),
        (
            {"parameters": {"ELB.13": {"minAZs": 3}}},
            r"unknown parameter 'minAZs'; parameters of ELB.13: minAvailabilityZones",
        ),
        ({"parameters": {"ELB.13": {"minAvailabilityZones": 7}}}, r"from 2 to 6 .*not 7"),
        ({"parameters": {"ECR.2": {"x": 1}}}, r"ECR.2 takes no parameters"),
        (
            {"parameters": {"EKS.2": {"oldestVersionSupported": 1.34}}},
            r"1.34 is not a Kubernetes version",
        ),
        (
            {"parameters": {"ECR.1": {"registryScanningConfigured": "yes"}}},
            r"must be true or false, not 'yes'",
        ),
        ({"audit_acknowledgments": True}, r"needs the app"),
    ],
)
def test_bad_options_raise_at_construction(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FsbpChecks(**options)  # type: ignore[arg-type]


def _two_repositories() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Repo")  # fails ECR.1 (HIGH) and ECR.2 (MEDIUM)
    return app


def test_every_failure_is_an_error_by_default() -> None:
    result = check_app(_two_repositories(), controls=["ECR.1", "ECR.2"])
    assert result.error is not None and "ValidationFailed" in result.error
    assert result.reported() == {
        ("FSBP-ECR.1", "error", "S/Repo/Resource"),
        ("FSBP-ECR.2", "error", "S/Repo/Resource"),
    }
    assert result.report["conclusion"] == "failure"


def test_severity_threshold_turns_lower_failures_into_warnings() -> None:
    result = check_app(_two_repositories(), controls=["ECR.1", "ECR.2"], severity_threshold="HIGH")
    assert result.reported() == {
        ("FSBP-ECR.1", "error", "S/Repo/Resource"),
        ("FSBP-ECR.2", "warning", "S/Repo/Resource"),
    }
    assert result.error is not None

    passing = check_app(
        _two_repositories(), controls=["ECR.1", "ECR.2"], severity_threshold="CRITICAL"
    )
    assert passing.error is None
    assert {r[1] for r in passing.reported()} == {"warning"}


def test_report_only_reports_everything_and_fails_nothing() -> None:
    result = check_app(_two_repositories(), controls=["ECR.1", "ECR.2"], report_only=True)
    assert result.error is None
    assert result.reported() == {
        ("FSBP-ECR.1", "warning", "S/Repo/Resource"),
        ("FSBP-ECR.2", "warning", "S/Repo/Resource"),
    }


def test_findings_with_the_same_message_share_one_violation() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "A")  # ScanOnPush absent
    ecr.Repository(stack, "B")  # the same
    ecr.Repository(stack, "C", image_scan_on_push=False)  # another message

    result = check_app(app, controls=["ECR.1"], report_only=True)

    shared = {
        v["description"]: sorted(c["constructPath"] for c in v["violatingConstructs"])
        for v in result.report["violations"]
    }
    assert sorted(shared.values()) == [["S/A/Resource", "S/B/Resource"], ["S/C/Resource"]]
    assert all(description.startswith("[ECR.1] ") for description in shared)


def _region_agnostic_stream() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "Agnostic")  # no env: CDK puts encryption behind a Region condition
    kinesis.Stream(stack, "Stream")
    return app


def test_unknown_is_a_warning_and_an_error_in_strict_mode() -> None:
    lenient = check_app(_region_agnostic_stream(), controls=["Kinesis.1"])
    assert lenient.resources("Kinesis.1", Status.UNKNOWN) == {"Agnostic/Stream/Resource"}
    assert lenient.reported() == {("FSBP-Kinesis.1", "warning", "Agnostic/Stream/Resource")}
    assert lenient.error is None

    strict = check_app(_region_agnostic_stream(), controls=["Kinesis.1"], strict=True)
    assert strict.reported() == {("FSBP-Kinesis.1", "error", "Agnostic/Stream/Resource")}
    assert strict.error is not None


def test_retired_controls_are_off_by_default_and_name_their_retirement() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    cdk.aws_sns.Topic(stack, "Topic")
    assert check_app(app).resources("SNS.2", Status.FAIL) == set()

    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    cdk.aws_sns.Topic(stack, "Topic")
    result = check_app(app, include_retired=True)
    [finding] = [f for f in result.findings if f.control.id == "SNS.2"]
    assert finding.status is Status.FAIL
    assert "control retired on 2024-04-10" in finding.message


class Service(Construct):
    """A construct with two repositories, to acknowledge a whole subtree."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        ecr.Repository(self, "Api")
        ecr.Repository(self, "Worker")


def _ack(scope: Construct, rule: str, reason: str) -> None:
    cdk.Validations.of(scope).acknowledge(cdk.Acknowledgment(id=rule, reason=reason))


@pytest.mark.parametrize("form", ["FSBP::FSBP-ECR.2", "FSBP-ECR.2"])
def test_acknowledgments_are_scoped_exactly(form: str) -> None:
    app = new_app()
    acked_stack = cdk.Stack(app, "Acked", env=ENV)
    ecr.Repository(acked_stack, "Any")
    stack = cdk.Stack(app, "S", env=ENV)
    one = ecr.Repository(stack, "One")
    ecr.Repository(stack, "Sibling")
    service = Service(stack, "Service")
    _ack(one, form, "tags are moved by the release job")
    _ack(service, form, "the service team owns its tags")
    _ack(acked_stack, form, "legacy stack")

    result = check_app(app, controls=["ECR.1", "ECR.2"])

    acknowledged = {
        f.resource: f.acknowledged
        for f in result.findings
        if f.control.id == "ECR.2" and f.acknowledged is not None
    }
    assert set(acknowledged) == {
        "S/One/Resource",
        "S/Service/Api/Resource",
        "S/Service/Worker/Resource",
        "Acked/Any/Resource",
    }
    assert acknowledged["S/One/Resource"].reason == "tags are moved by the release job"
    assert acknowledged["S/Service/Api/Resource"].at == "S/Service"
    # Reported: ECR.2 only on the sibling; ECR.1 everywhere (not acknowledged).
    ecr2 = {path for rule, _, path in result.reported() if rule == "FSBP-ECR.2"}
    assert ecr2 == {"S/Sibling/Resource"}
    ecr1 = {path for rule, _, path in result.reported() if rule == "FSBP-ECR.1"}
    assert len(ecr1) == 5
    # Both forms: CDK lists them as suppressed, with the reason. CDK stores the short form
    # as `Annotation::FSBP-ECR.2` and matches it only with a violation of that name.
    suppressed = {path for rule, _, path in result.reported("suppressedViolations")}
    assert suppressed == set(acknowledged)
    reasons = {v["reason"] for v in result.report["suppressedViolations"]}
    assert reasons == {
        "tags are moved by the release job",
        "the service team owns its tags",
        "legacy stack",
    }
    names = {v["ruleName"] for v in result.report["suppressedViolations"]}
    assert names == ({"FSBP-ECR.2"} if form.startswith("FSBP::") else {"Annotation::FSBP-ECR.2"})
    ids = {v["acknowledgedId"] for v in result.report["suppressedViolations"]}
    assert ids == ({form} if form.startswith("FSBP::") else {f"Annotation::{form}"})


def test_audit_acknowledgments_writes_reasons_into_template_metadata() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    repo = ecr.Repository(stack, "Repo", image_scan_on_push=True)
    _ack(repo, "FSBP-ECR.2", "tags are moved by the release job")
    result = check_app(app, controls=["ECR.2"], audit_acknowledgments=True)
    assert result.error is None
    template = json.loads((Path(str(app.outdir)) / "S.template.json").read_text())
    [resource] = [r for r in template["Resources"].values() if r["Type"] == "AWS::ECR::Repository"]
    assert resource["Metadata"]["cdk_nag"]["rules_to_suppress"] == [
        {"id": "FSBP-ECR.2", "reason": "tags are moved by the release job"}
    ]


def test_stages_and_nested_stacks_are_checked() -> None:
    app = new_app()
    stage = cdk.Stage(app, "Prod", env=ENV)
    stack = cdk.Stack(stage, "Service")
    ecr.Repository(stack, "Top")
    nested = cdk.NestedStack(stack, "Inner")
    ecr.Repository(nested, "Deep")

    result = check_app(app, controls=["ECR.2"])

    assert result.resources("ECR.2", Status.FAIL) == {
        "Prod/Service/Top/Resource",
        "Prod/Service/Inner/Deep/Resource",
    }
    assert {path for _, _, path in result.reported()} == {
        "Prod/Service/Top/Resource",
        "Prod/Service/Inner/Deep/Resource",
    }


def test_validate_scope_is_refused_with_directions() -> None:
    with pytest.raises(NotImplementedError, match=r"add_plugins\(FsbpChecks\(app\)\)"):
        FsbpChecks().validate_scope(cdk.App())


def test_a_stack_without_resources_has_nothing_to_check() -> None:
    app = new_app()
    cdk.Stack(app, "Empty", env=ENV)
    stack = cdk.Stack(app, "S", env=ENV)
    ecr.Repository(stack, "Repo", image_scan_on_push=True)
    result = check_app(app, controls=["ECR.1"])
    assert result.error is None
    assert result.resources("ECR.1", Status.PASS) == {"S/Repo/Resource"}


@pytest.mark.parametrize("form", ["FSBP::FSBP-ECR.2", "FSBP-ECR.2"])
def test_acknowledgments_on_the_app_and_on_a_stage(form: str) -> None:
    app = new_app()
    stage = cdk.Stage(app, "Prod", env=ENV)
    ecr.Repository(cdk.Stack(stage, "Service"), "Repo", image_scan_on_push=True)
    dev = cdk.Stage(app, "Dev", env=ENV)
    ecr.Repository(cdk.Stack(dev, "Service"), "Repo", image_scan_on_push=True)
    _ack(stage, form, "production tags are managed by the release job")

    result = check_app(app, controls=["ECR.2"])
    acked = {f.resource: f.acknowledged.at for f in result.findings if f.acknowledged}
    assert acked == {"Prod/Service/Repo/Resource": "Prod"}
    assert {path for _, _, path in result.reported()} == {"Dev/Service/Repo/Resource"}

    app = new_app()
    ecr.Repository(cdk.Stack(app, "S", env=ENV), "Repo", image_scan_on_push=True)
    _ack(app, form, "tags are mutable by design in this sandbox app")
    result = check_app(app, controls=["ECR.2"])
    assert {f.acknowledged.at for f in result.findings if f.acknowledged} == {""}
    assert result.reported() == set()


# --- issue 15: option errors, acknowledgments without a reason, templates CDK lets through ------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"controls": []}, r"controls=\[\] runs no control at all"),
        (
            {"exclude": 5},
            r"exclude must be a list of control ids, not 5; write exclude=\['ECR.1'\]",
        ),
        ({"controls": [1]}, r"controls: 1 is not a control id"),
        ({"parameters": {1: {"x": 1}}}, r"parameters: 1 is not a control id"),
        ({"parameters": {"ELB.13": {3: 1}}}, r"unknown parameter 3; parameters of ELB.13"),
        ({"controls": ["ECR.1"], "exclude": ["ECR.1"]}, r"leaves no control to run"),
    ],
)
def test_bad_option_types_raise_value_error_naming_the_value(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        FsbpChecks(config_file=False, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["FSBP::FSBP-ECR.2", "FSBP-ECR.2"])
@pytest.mark.parametrize("reason", ["", "   "])
def test_an_acknowledgment_without_a_reason_fails_the_synth(form: str, reason: str) -> None:
    app = new_app()
    repo = ecr.Repository(cdk.Stack(app, "S", env=ENV), "Repo", image_scan_on_push=True)
    _ack(repo, form, reason)

    result = check_app(app, controls=["ECR.2"], config_file=False)

    assert result.error is not None and "ValidationFailed" in result.error
    assert [f.acknowledged for f in result.findings] == [None]
    problems = {(rule, path) for rule, severity, path in result.reported() if severity == "error"}
    assert ("FSBP-Acknowledgment", "S/Repo") in problems
    [ack_violation] = [
        v for v in result.report["violations"] if v["ruleName"] == "FSBP-Acknowledgment"
    ]
    assert "has no reason, so it is ignored" in ack_violation["description"]
    if form == "FSBP-ECR.2":  # CDK cannot match the short form: the finding itself stays
        assert ("FSBP-ECR.2", "S/Repo/Resource") in problems


def test_properties_that_is_a_string_fails_the_synth_naming_the_resource() -> None:
    app = new_app()
    odd = cdk.CfnResource(cdk.Stack(app, "S", env=ENV), "Odd", type="AWS::ECR::Repository")
    odd.add_override("Properties", "ImageTagMutability: MUTABLE")

    result = check_app(app, controls=["ECR.2"], config_file=False)

    assert result.error is not None and "ValidationFailed" in result.error
    [violation] = result.report["violations"]
    assert violation["ruleName"] == "FSBP-Error"
    assert "S.template.json: resource 'Odd': Properties is the string" in violation["description"]


# --- issue 10: one configuration, and FsbpChecks's own signature -------------------------------


def test_tool_fsbp_in_pyproject_changes_the_verdict_of_a_synth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fsbp]\ncontrols = ["ECR.1", "ECR.2"]\nexclude = ["ECR.1"]\n'
        'severity-threshold = "HIGH"\n',
        encoding="utf-8",
    )
    app_dir = tmp_path / "app"
    app_dir.mkdir()
    monkeypatch.chdir(app_dir)  # `cdk synth` runs the app from its directory

    failing = check_app(_two_repositories(), config_file=False, controls=["ECR.1", "ECR.2"])
    assert failing.error is not None
    assert {rule for rule, _, _ in failing.reported()} == {"FSBP-ECR.1", "FSBP-ECR.2"}

    from_file = check_app(_two_repositories())
    assert from_file.pack.config.exclude == ("ECR.1",)
    assert from_file.error is None  # ECR.1 excluded; ECR.2 (MEDIUM) below HIGH: a warning
    assert from_file.reported() == {("FSBP-ECR.2", "warning", "S/Repo/Resource")}

    # Arguments given in code win over the file.
    from_code = check_app(_two_repositories(), exclude=[], severity_threshold="LOW")
    assert from_code.reported() == {
        ("FSBP-ECR.1", "error", "S/Repo/Resource"),
        ("FSBP-ECR.2", "error", "S/Repo/Resource"),
    }


def test_config_file_argument_reads_that_file_and_names_it_in_errors(tmp_path: Path) -> None:
    settings = tmp_path / "fsbp.toml"
    settings.write_text('controls = ["ECR.1"]\n', encoding="utf-8")
    assert FsbpChecks(config_file=settings).rule_ids == ["FSBP-ECR.1"]
    assert FsbpChecks(config_file=str(settings), controls=["ECR.2"]).rule_ids == ["FSBP-ECR.2"]

    settings.write_text('severity_threshold = "LOW"\nseverity-threshold = "HIGH"\n', "utf-8")
    with pytest.raises(ValueError, match=rf"{settings} top level: both 'severity_threshold'"):
        FsbpChecks(config_file=settings)
    with pytest.raises(ValueError, match="no such file"):
        FsbpChecks(config_file=tmp_path / "missing.toml")


def test_parameters_from_the_file_and_from_code_merge_one_parameter_at_a_time(
    tmp_path: Path,
) -> None:
    settings = tmp_path / "fsbp.toml"
    settings.write_text(
        '[parameters."ELB.13"]\nminAvailabilityZones = 3\n'
        '[parameters."EKS.2"]\noldestVersionSupported = "1.30"\n',
        encoding="utf-8",
    )
    pack = FsbpChecks(config_file=settings, parameters={"ELB.13": {"minAvailabilityZones": 4}})
    assert pack.config.parameters["ELB.13"]["minAvailabilityZones"] == 4
    assert pack.config.parameters["EKS.2"]["oldestVersionSupported"] == "1.30"


def test_help_shows_the_packs_own_signature_and_options() -> None:
    import inspect
    import pydoc

    signature = inspect.signature(FsbpChecks)
    assert list(signature.parameters) == [
        "scope",
        "controls",
        "exclude",
        "severity_threshold",
        "strict",
        "report_only",
        "include_retired",
        "parameters",
        "audit_acknowledgments",
        "config_file",
    ]
    assert signature.parameters["controls"].kind is inspect.Parameter.KEYWORD_ONLY
    text = pydoc.plain(pydoc.render_doc(FsbpChecks))
    assert "FsbpChecks(scope: 'constructs.IConstruct | None' = None, *, controls" in text
    assert "*args" not in text
    for inherited in ("verbose", "write_suppressions_to_cloud_formation", "additional_loggers"):
        assert inherited not in text
    assert ":param config_file:" in text


def test_a_template_that_is_not_final_is_a_warning_in_the_synth_and_an_error_when_strict() -> None:
    def app_with_macro() -> cdk.App:
        app = new_app()
        stack = cdk.Stack(app, "S", env=ENV)
        stack.add_transform("CompanyHardening")
        ecr.Repository(stack, "Repo", image_scan_on_push=True)
        return app

    result = check_app(app_with_macro(), controls=["ECR.1"], config_file=False)

    assert result.error is None
    assert ("FSBP-NotChecked", "warning", "S") in result.reported()
    [note] = [v for v in result.report["violations"] if v["ruleName"] == "FSBP-NotChecked"]
    assert "declares the Transform 'CompanyHardening'" in note["description"]

    strict = check_app(app_with_macro(), controls=["ECR.1"], strict=True, config_file=False)
    assert strict.error is not None and "ValidationFailed" in strict.error


def test_validate_pauses_the_garbage_collector_and_restores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return evaluate(*args, **kwargs)

    monkeypatch.setattr(nag, "evaluate", watched)
    assert gc.isenabled()
    check_app(_two_repositories(), controls=["ECR.1"], report_only=True)
    assert seen == [False]
    assert gc.isenabled()

    gc.disable()  # an app that turned it off keeps it off
    try:
        check_app(_two_repositories(), controls=["ECR.1"], report_only=True)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_report_structs_equal_the_type_checked_constructors() -> None:
    """``report`` builds its jsii structs without jsii's run-time check (see ``_struct``)."""
    resource: dict[str, Any] = {
        "locations": ["ImageScanningConfiguration.ScanOnPush"],
        "construct_path": "S/Repo/Resource",
        "resource_logical_id": "Repo",
        "template_path": "S.template.json",
    }
    assert _struct(cdk.PolicyViolatingResource, **resource) == cdk.PolicyViolatingResource(
        **resource
    )
    assert _struct(cdk.PolicyViolatingResource, locations=[], construct_path=None) == (
        cdk.PolicyViolatingResource(locations=[])
    )
    violation: dict[str, Any] = {
        "rule_name": "FSBP-ECR.1",
        "description": "d",
        "fix": "f",
        "severity": "error",
        "rule_metadata": {"control": "ECR.1"},
        "violating_resources": [cdk.PolicyViolatingResource(**resource)],
    }
    assert _struct(cdk.PolicyViolation, **violation) == cdk.PolicyViolation(**violation)
    report: dict[str, Any] = {"success": False, "violations": [cdk.PolicyViolation(**violation)]}
    assert _struct(cdk.PolicyValidationPluginReport, **report) == (
        cdk.PolicyValidationPluginReport(**report)
    )
