"""Helpers for your own pytest suites: FSBP findings of a CDK app as data.

::

    from fsbp_constructs.testing import check_app, assert_compliant

    def test_my_stack_is_compliant() -> None:
        app = cdk.App()
        MyStack(app, "MyStack", env=ENV)
        assert_compliant(app)

``check_app`` registers :class:`~fsbp_constructs.FsbpChecks` on the app, synthesizes it (the
real plugin path: CDK calls the pack, writes ``validation-report.json``, and raises when the
report fails) and returns what happened.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import aws_cdk as cdk
from aws_cdk import assertions

from .engine.registry import Status
from .evaluate import Finding, Level
from .nag import PACK_NAME, FsbpChecks

__all__ = [
    "CheckResult",
    "assert_compliant",
    "check_app",
    "new_app",
    "template_of",
    "validation_report",
]


def new_app(**context: Any) -> cdk.App:
    """An app writing to a fresh temporary directory, so that tests never share a cdk.out."""
    return cdk.App(outdir=tempfile.mkdtemp(prefix="fsbp-cdk-out-"), context=context or None)


@dataclass
class CheckResult:
    """The outcome of synthesizing an app with ``FsbpChecks`` registered."""

    pack: FsbpChecks
    #: The ValidationFailed message when synth raised, else ``None``.
    error: str | None
    #: The FSBP plugin's part of CDK's ``validation-report.json`` (``{}`` if none written).
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """Every verdict of the run, passes and not-applicable ones included."""
        return self.pack.findings

    def resources(self, control_id: str, status: Status) -> set[str]:
        """Construct paths (or stack/logical id) of the findings of a control with a status."""
        return {
            f.resource for f in self.findings if f.control.id == control_id and f.status is status
        }

    def reported(self, key: str = "violations") -> set[tuple[str, str, str]]:
        """``(rule name, severity, construct path)`` of each violation in CDK's report.

        ``key="suppressedViolations"`` gives the ones CDK suppressed by acknowledgment.
        """
        out = set()
        for violation in self.report.get(key, []):
            for construct in violation.get("violatingConstructs", []):
                out.add(
                    (
                        violation["ruleName"],
                        violation.get("severity", ""),
                        construct.get("constructPath", ""),
                    )
                )
        return out

    def problems(self) -> list[Finding]:
        """Findings that make the pack fail or warn (acknowledged ones excluded)."""
        return [f for f in self.findings if f.level(self.pack.config) is not Level.NONE]


def check_app(app: cdk.App, **options: Any) -> CheckResult:
    """Register ``FsbpChecks(app, **options)`` on ``app``, synthesize, and return the outcome.

    Synth errors other than the validation failure propagate.
    """
    pack = FsbpChecks(app, **options)
    cdk.Validations.of(app).add_plugins(pack)
    error = None
    try:
        assembly = app.synth(force=True)  # a cached assembly would skip the validation
        outdir = Path(assembly.directory)
    except RuntimeError as raised:
        if "ValidationFailed" not in str(raised):
            raise
        error = str(raised)
        outdir = Path(str(app.outdir))
    return CheckResult(pack, error, validation_report(outdir))


def validation_report(outdir: Path) -> dict[str, Any]:
    """The FSBP plugin's part of the ``validation-report.json`` CDK wrote in ``outdir``."""
    path = outdir / "validation-report.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    for plugin in data.get("pluginReports", []):
        if plugin.get("pluginName") == PACK_NAME:
            return dict(plugin)
    return {}


def assert_compliant(app: cdk.App, **options: Mapping[str, Any] | Any) -> CheckResult:
    """Fail with one readable line per problem unless the app has no FSBP errors or warnings."""
    result = check_app(app, **options)
    problems = result.problems()
    if problems or result.error:
        lines = [f"{len(problems)} FSBP finding(s):"]
        for f in problems:
            lines.append(f"  {f.control.rule_id} {f.status.value} {f.resource}: {f.verdict.detail}")
            if f.verdict.fix:
                lines.append(f"      fix: {f.verdict.fix}")
        raise AssertionError("\n".join(lines))
    return result


_ASSET_HASH = re.compile(r"[0-9a-f]{64}")


def template_of(stack: cdk.Stack) -> dict[str, Any]:
    """The stack's synthesized template, with 64-hex asset hashes masked as ``<asset-hash>``.

    Give the stack a fixed ``env`` so bootstrap names are stable, then snapshot the result
    (syrupy: ``assert template_of(stack) == snapshot.use_extension(JSONSnapshotExtension)``).
    """
    template = assertions.Template.from_stack(stack).to_json()
    return cast(dict[str, Any], _mask(template))


def _mask(value: Any) -> Any:
    if isinstance(value, str):
        return _ASSET_HASH.sub("<asset-hash>", value)
    if isinstance(value, dict):
        return {_mask(k): _mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value
