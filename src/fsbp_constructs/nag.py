"""``FsbpChecks``: the FSBP controls as a cdk-nag 3 pack (a CDK policy-validation plugin).

CDK calls :meth:`FsbpChecks.validate` once per synth with the paths of the synthesized
templates. The pack reads them, and the cloud assembly files beside them, as plain JSON and
runs the engine in Python: no jsii call per rule or per resource.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import os
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import aws_cdk as cdk
import constructs
from cdk_nag import NagPack

from . import __version__
from .catalog import Severity
from .config import FsbpConfig, file_settings, merge_settings
from .engine.limits import InputError
from .engine.loader import load_cloud_assembly
from .engine.model import App
from .engine.notes import Note, input_notes
from .engine.registry import Status
from .evaluate import Finding, Level, evaluate
from .report import note_level

__all__ = ["FsbpChecks"]

PACK_NAME = "FSBP"
T = TypeVar("T")

_TEMPLATES_NOT_CONSTRUCTS = (
    "FsbpChecks checks synthesized templates, not constructs: register it with "
    "Validations.of(app).add_plugins(FsbpChecks(app)) and synthesize the app"
)


class FsbpChecks(NagPack):
    """Checks every synthesized template of the app against AWS Security Hub FSBP controls.

    Register it once on the app::

        Validations.of(app).add_plugins(FsbpChecks(app))

    Rule ids are ``FSBP-<control id>`` (``FSBP-ECR.1``). Acknowledge a finding on a resource,
    a construct (and everything under it) or a stack, with a reason (an acknowledgment with
    an empty or blank reason is ignored and reported)::

        Validations.of(repo).acknowledge(
            Acknowledgment(id="FSBP::FSBP-ECR.2", reason="tags are moved by the release job"))

    Where options come from, the first that gives one winning: the arguments given here; the
    ``[tool.fsbp]`` table of the nearest ``pyproject.toml`` (searched from the current
    directory upward, which under ``cdk synth`` is the app's directory), or ``config_file``;
    the defaults below. ``parameters`` merge one parameter at a time. ``fsbp-check`` reads
    the same file, so both give the same verdicts. See docs/configuration.md.

    :param scope: the app; needed only for ``audit_acknowledgments``.
    :param controls: run only these control ids (default: all active controls).
    :param exclude: never run these control ids (default: none).
    :param severity_threshold: FAIL findings of controls at or above this severity fail the
        synth; below it they are warnings. Default: every severity fails.
    :param strict: UNKNOWN findings (undecidable from the template), and parts of a template
        that could not be checked, fail the synth too (default: False).
    :param report_only: report everything as warnings; nothing fails (default: False).
    :param include_retired: also run retired controls (their messages give the date;
        default: False).
    :param parameters: control parameters by control id, named as in Security Hub, e.g.
        ``{"ELB.13": {"minAvailabilityZones": 3}, "EKS.2": {"oldestVersionSupported": "1.35"}}``.
    :param audit_acknowledgments: write every acknowledgment, with its reason, into the
        acknowledged resources' template ``Metadata`` (``cdk_nag.rules_to_suppress``), so the
        exceptions travel with the template and ``fsbp-check`` honours them.
    :param config_file: the TOML file to read options from (its ``[tool.fsbp]`` table, else
        its top level); ``None`` (the default) finds ``[tool.fsbp]`` in the nearest
        ``pyproject.toml``; ``False`` reads no file.
    :raises ValueError: for a bad option or configuration file, naming the value and the fix.
    """

    def __init__(
        self,
        scope: constructs.IConstruct | None = None,
        *,
        controls: Sequence[str] | None = None,
        exclude: Sequence[str] | None = None,
        severity_threshold: Severity | str | None = None,
        strict: bool | None = None,
        report_only: bool | None = None,
        include_retired: bool | None = None,
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
        audit_acknowledgments: bool = False,
        config_file: str | os.PathLike[str] | bool | None = None,
    ) -> None:
        """Create the pack; see the class documentation for the options and their sources."""
        given = {
            "controls": controls,
            "exclude": exclude,
            "severity_threshold": severity_threshold,
            "strict": strict,
            "report_only": report_only,
            "include_retired": include_retired,
            "parameters": parameters,
        }
        _, from_file = file_settings(config_file)
        settings = merge_settings(from_file, {k: v for k, v in given.items() if v is not None})
        #: The options in effect: the arguments over the configuration file over the defaults.
        self.config = FsbpConfig(**settings)
        if audit_acknowledgments and scope is None:
            raise ValueError(
                "audit_acknowledgments=True needs the app: write FsbpChecks(app, "
                "audit_acknowledgments=True)"
            )
        super().__init__(scope, write_suppressions_to_cloud_formation=audit_acknowledgments)
        self._pack_name = PACK_NAME
        #: The findings of the last validation (every verdict, passes included).
        self.findings: list[Finding] = []
        #: What the last validation could not check, or ignored (see ``engine.notes``).
        self.notes: list[Note] = []

    @property
    def name(self) -> str:
        return PACK_NAME

    @property
    def version(self) -> str:
        return __version__

    @property
    def rule_ids(self) -> list[str]:
        return [rule.rule_id for rule in self.config.enabled_rules()]

    def _check_resource(self, node: cdk.CfnResource) -> None:
        raise NotImplementedError(_TEMPLATES_NOT_CONSTRUCTS)

    def validate_scope(self, scope: constructs.IConstruct) -> cdk.PolicyValidationPluginReport:
        raise NotImplementedError(_TEMPLATES_NOT_CONSTRUCTS)

    def validate(self, context: cdk.IPolicyValidationContext) -> cdk.PolicyValidationPluginReport:
        """Check the synthesized templates; called by CDK once per synth."""
        template_paths = list(context.template_paths)
        with _collector_paused():
            return self._checked(context, template_paths)

    def _checked(
        self, context: cdk.IPolicyValidationContext, template_paths: list[str]
    ) -> cdk.PolicyValidationPluginReport:
        try:
            app = load_app(template_paths)
            above_stacks = _app_and_stage_acknowledgments(context.app_construct)
            for stack in app.stacks:
                for path, acks in above_stacks.items():
                    stack.acknowledgments.setdefault(path, {}).update(acks)
            self.findings = evaluate(app, self.config)
            self.notes = input_notes(app)
        except InputError as error:  # a template CloudFormation would reject
            return _failure(
                f"FsbpChecks cannot check this template: {error}",
                "correct the template (CloudFormation would reject it too)",
                template_paths,
            )
        except Exception as error:  # report, never a traceback out of `cdk synth`
            return _failure(
                f"FsbpChecks could not check the app: {type(error).__name__}: {error}",
                "please report this, with the template, to fsbp-constructs",
                template_paths,
            )
        return report(self.findings, self.config, self.notes)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the pack runs, then restore it.

    A CDK app's process holds hundreds of thousands of objects (aws-cdk-lib's bindings), and
    the pack's many short-lived allocations, which reference counting frees anyway, set off
    collections that may walk all of them. On the 1,000-resource benchmark app the collector
    ran about 46 times during the pack's run (0.02 s), and in a process that had just
    imported aws-cdk-lib a first evaluation took 0.27 s with it against 0.09 s without. What
    the pack leaves in cycles is collected as usual once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# jsii's metaclass makes inspect (and so help()) show `(*args, **kwargs)`; show ours.
_INIT = inspect.signature(FsbpChecks.__init__)
FsbpChecks.__signature__ = _INIT.replace(parameters=list(_INIT.parameters.values())[1:])


def _failure(
    description: str, fix: str, template_paths: Sequence[str]
) -> cdk.PolicyValidationPluginReport:
    """A failed report naming every template: CDK prints (and fails on) a violation only when
    it names a resource, so one without any would pass the synth silently."""
    return cdk.PolicyValidationPluginReport(
        success=False,
        violations=[
            cdk.PolicyViolation(
                rule_name="FSBP-Error",
                description=description,
                fix=fix,
                severity="error",
                violating_resources=[
                    cdk.PolicyViolatingResource(
                        locations=[],
                        resource_logical_id=Path(path).name.removesuffix(".template.json"),
                        template_path=path,
                    )
                    for path in template_paths
                ],
            )
        ],
    )


def load_app(template_paths: Sequence[str]) -> App:
    """The stacks behind CDK's template paths, read from their cloud assembly directories."""
    by_directory: dict[Path, list[Path]] = defaultdict(list)
    for path in template_paths:
        by_directory[Path(path).parent].append(Path(path))
    stacks = []
    for directory, templates in by_directory.items():
        stacks.extend(load_cloud_assembly(directory, templates=templates, recursive=False).stacks)
    return App(stacks)


def _app_and_stage_acknowledgments(root: constructs.IConstruct | None) -> dict[str, dict[str, str]]:
    """Acknowledgments made on the app or a stage, which no stack's metadata file records.

    Only the app and stage nodes are visited (a few jsii calls), never the stacks' contents.
    """
    found: dict[str, dict[str, str]] = {}
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        for entry in node.node.metadata:
            if entry.type == cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY and entry.data:
                acks = found.setdefault(node.node.path, {})
                acks.update({str(k): str(v) for k, v in dict(entry.data).items()})
        pending.extend(
            child
            for child in node.node.children
            # A stack is never a stage: only other children cost a jsii call to ask.
            if not isinstance(child, cdk.Stack) and cdk.Stage.is_stage(child)
        )
    return found


def report(
    findings: Sequence[Finding], config: FsbpConfig, notes: Sequence[Note] = ()
) -> cdk.PolicyValidationPluginReport:
    """The CDK report: one violation per distinct message, listing the resources it names.

    Findings with the same control, level, message and fix (e.g. every repository whose
    ``ScanOnPush`` is absent) share one violation, so nothing is lost and the report stays
    short. A finding acknowledged on a construct is reported under the rule name CDK matches
    with that acknowledgment, so CDK moves it to the report's suppressed list with the
    reason: ``FSBP-ECR.1`` for CDK's id form ``FSBP::FSBP-ECR.1``, and
    ``Annotation::FSBP-ECR.1`` for the short form ``FSBP-ECR.1`` (which CDK stores under
    that name). Findings acknowledged in template Metadata are left out: CDK would not match
    them. Each note (a part not checked, an acknowledgment without a reason) is a violation
    of its own (``FSBP-NotChecked``, ``FSBP-Acknowledgment``).
    """
    # Grouped on what the message and fix are made of (the fix names the L2 that makes the
    # resource type), so that each is written once.
    groups: dict[tuple[str, Level, Status, str | None, str | None, str], list[Finding]] = {}
    success = True
    for finding in findings:
        rule_name = _rule_name(finding)
        if rule_name is None:
            continue
        level = finding.level(config, unless_acknowledged=False)
        if level is Level.NONE:
            continue
        if level is Level.ERROR and finding.acknowledged is None:
            success = False
        verdict = finding.verdict
        key = (rule_name, level, verdict.status, verdict.detail, verdict.fix, finding.resource_type)
        groups.setdefault(key, []).append(finding)
    violations = [
        _struct(
            cdk.PolicyViolation,
            rule_name=rule_name,
            description=first.message,
            fix=first.fix,
            severity=level.value,
            rule_metadata={
                "control": first.control.id,
                "severity": first.control.severity.name,
                "status": status.value,
                "documentation": first.control.doc_url,
            },
            violating_resources=[
                _struct(
                    cdk.PolicyViolatingResource,
                    locations=[f.verdict.path] if f.verdict.path else [],
                    construct_path=f.construct_path,
                    resource_logical_id=f.logical_id or f.stack.name,
                    template_path=str(f.stack.template_path),
                )
                for f in members
            ],
        )
        for (rule_name, level, status, *_), members in groups.items()
        for first in members[:1]
    ]
    for note in notes:
        level = note_level(note, config)
        if level is Level.ERROR:
            success = False
        violations.append(
            cdk.PolicyViolation(
                rule_name=note.kind,
                description=note.message,
                fix="see docs/cli.md, section 'What it refuses and why'",
                severity=level.value,
                violating_resources=[
                    cdk.PolicyViolatingResource(
                        locations=[],
                        construct_path=note.construct_path
                        or (
                            note.stack.construct_path_of(note.logical_id)
                            if note.logical_id
                            else note.stack.construct_path
                        ),
                        resource_logical_id=note.logical_id or note.stack.name,
                        template_path=str(note.stack.template_path),
                    )
                ],
            )
        )
    return _struct(cdk.PolicyValidationPluginReport, success=success, violations=violations)


def _struct(cls: type[T], **values: Any) -> T:
    """``cls(**values)`` for a jsii struct, without jsii's run-time type check of every field.

    The check runs again for each nested struct, and with a thousand findings it cost more
    than the whole evaluation (measured with cProfile on the 1,000-resource benchmark app).
    The values here are built above from typed data, so the check can only repeat what
    mypy proves; ``tests/test_pack.py`` proves the result equals the checked constructor's.
    A jsii struct keeps its fields in ``_values``, keyed by Python name, ``None`` left out.
    """
    struct = cls.__new__(cls)
    struct._values = {k: v for k, v in values.items() if v is not None}  # type: ignore[attr-defined]
    return struct


def _rule_name(finding: Finding) -> str | None:
    """The rule name CDK matches with the finding's acknowledgment; ``None``: leave it out."""
    ack = finding.acknowledged
    if ack is None:
        return finding.control.rule_id
    if not finding.construct_path or ack.at == "template Metadata":
        return None
    if ack.cdk_form:
        return finding.control.rule_id
    if ack.id == f"Annotation::{finding.control.rule_id}":
        return ack.id
    return None
