"""``FsbpChecks``: the FSBP controls as a cdk-nag 3 pack (a CDK policy-validation plugin).

CDK calls :meth:`FsbpChecks.validate` once per synth with the paths of the synthesized
templates. The pack reads them, and the cloud assembly files beside them, as plain JSON and
runs the engine in Python: no jsii call per rule or per resource.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import constructs
from cdk_nag import NagPack

from . import __version__
from .catalog import Severity
from .config import FsbpConfig
from .defaults.injectors import cdk_hint
from .engine.loader import load_cloud_assembly
from .engine.model import App
from .evaluate import Finding, Level, evaluate

__all__ = ["FsbpChecks"]

PACK_NAME = "FSBP"

_TEMPLATES_NOT_CONSTRUCTS = (
    "FsbpChecks checks synthesized templates, not constructs: register it with "
    "Validations.of(app).add_plugins(FsbpChecks(app)) and synthesize the app"
)


class FsbpChecks(NagPack):
    """Checks every synthesized template of the app against AWS Security Hub FSBP controls.

    Register it once on the app::

        Validations.of(app).add_plugins(FsbpChecks(app))

    Rule ids are ``FSBP-<control id>`` (``FSBP-ECR.1``). Acknowledge a finding on a resource,
    a construct (and everything under it) or a stack with either id form::

        Validations.of(repo).acknowledge(
            Acknowledgment(id="FSBP::FSBP-ECR.2", reason="tags are moved by the release job"))

    :param scope: the app; needed only for ``audit_acknowledgments``.
    :param controls: run only these control ids (default: all active controls).
    :param exclude: never run these control ids.
    :param severity_threshold: FAIL findings of controls at or above this severity fail the
        synth; below it they are warnings. Default: every severity fails.
    :param strict: UNKNOWN findings (undecidable from the template) fail the synth too.
    :param report_only: report everything as warnings; nothing fails.
    :param include_retired: also run retired controls (their messages give the date).
    :param parameters: control parameters by control id, named as in Security Hub, e.g.
        ``{"ELB.13": {"minAvailabilityZones": 3}, "EKS.2": {"oldestVersionSupported": "1.35"}}``.
    :param audit_acknowledgments: write every acknowledgment, with its reason, into the
        acknowledged resources' template ``Metadata`` (``cdk_nag.rules_to_suppress``), so the
        exceptions travel with the template and ``fsbp-check`` honours them.
    """

    def __init__(
        self,
        scope: constructs.IConstruct | None = None,
        *,
        controls: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        severity_threshold: Severity | str = Severity.INFORMATIONAL,
        strict: bool = False,
        report_only: bool = False,
        include_retired: bool = False,
        parameters: Mapping[str, Mapping[str, Any]] | None = None,
        audit_acknowledgments: bool = False,
    ) -> None:
        self.config = FsbpConfig(
            controls=controls,
            exclude=exclude,
            severity_threshold=severity_threshold,
            strict=strict,
            report_only=report_only,
            include_retired=include_retired,
            parameters=parameters or {},
        )
        if audit_acknowledgments and scope is None:
            raise ValueError(
                "audit_acknowledgments=True needs the app: write FsbpChecks(app, "
                "audit_acknowledgments=True)"
            )
        super().__init__(scope, write_suppressions_to_cloud_formation=audit_acknowledgments)
        self._pack_name = PACK_NAME
        #: The findings of the last validation (every verdict, passes included).
        self.findings: list[Finding] = []

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
        try:
            app = load_app(list(context.template_paths))
            above_stacks = _app_and_stage_acknowledgments(context.app_construct)
            for stack in app.stacks:
                for path, acks in above_stacks.items():
                    stack.acknowledgments.setdefault(path, {}).update(acks)
            self.findings = evaluate(app, self.config)
        except Exception as error:  # report, never a traceback out of `cdk synth`
            return cdk.PolicyValidationPluginReport(
                success=False,
                violations=[
                    cdk.PolicyViolation(
                        rule_name="FSBP-Error",
                        description=(
                            f"FsbpChecks could not check the app: {type(error).__name__}: {error}"
                        ),
                        fix="please report this, with the template, to fsbp-constructs",
                        severity="error",
                        violating_resources=[],
                    )
                ],
            )
        return report(self.findings, self.config)


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

    Only the app and stage nodes are visited (a few jsii calls), never the resources.
    """
    found: dict[str, dict[str, str]] = {}
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        for entry in node.node.metadata:
            if entry.type == cdk.Validations.ACKNOWLEDGED_RULES_METADATA_KEY and entry.data:
                acks = found.setdefault(node.node.path, {})
                acks.update({str(k): str(v) for k, v in dict(entry.data).items()})
        pending.extend(c for c in node.node.children if cdk.Stage.is_stage(c))
    return found


def _with_cdk_hint(control_id: str, fix: str) -> str:
    """The fix as a CDK user reads it: the L2 setting and the Secure construct first, then
    the CloudFormation terms of the control's own fix."""
    hint = cdk_hint(control_id)
    return f"{hint[0].upper()}{hint[1:]}. In CloudFormation: {fix}" if hint else fix


def report(findings: Sequence[Finding], config: FsbpConfig) -> cdk.PolicyValidationPluginReport:
    """The CDK report: one violation per distinct message, listing the resources it names.

    Findings with the same control, level, message and fix (e.g. every repository whose
    ``ScanOnPush`` is absent) share one violation, so nothing is lost and the report stays
    short. Findings acknowledged with CDK's id form (``FSBP::FSBP-ECR.1``) on a construct are
    reported, and CDK moves them to the report's suppressed list with the reason. Findings
    acknowledged any other way (cdk-nag's ``FSBP-ECR.1`` form, template Metadata) are left
    out, since CDK would not match them.
    """
    groups: dict[tuple[str, Level, str, str, str], list[Finding]] = {}
    success = True
    for finding in findings:
        ack = finding.acknowledged
        if ack is not None and not (ack.cdk_form and finding.construct_path):
            continue
        level = finding.level(config, unless_acknowledged=False)
        if level is Level.NONE:
            continue
        if level is Level.ERROR and ack is None:
            success = False
        key = (finding.control.id, level, finding.message, finding.fix, finding.status.value)
        groups.setdefault(key, []).append(finding)
    violations = [
        cdk.PolicyViolation(
            rule_name=first.control.rule_id,
            description=message,
            fix=_with_cdk_hint(first.control.id, fix),
            severity=level.value,
            rule_metadata={
                "control": first.control.id,
                "severity": first.control.severity.name,
                "status": status,
                "documentation": first.control.doc_url,
            },
            violating_resources=[
                cdk.PolicyViolatingResource(
                    locations=[f.verdict.path] if f.verdict.path else [],
                    construct_path=f.construct_path,
                    resource_logical_id=f.logical_id or f.stack.name,
                    template_path=str(f.stack.template_path),
                )
                for f in members
            ],
        )
        for (_, level, message, fix, status), members in groups.items()
        for first in members[:1]
    ]
    return cdk.PolicyValidationPluginReport(success=success, violations=violations)
