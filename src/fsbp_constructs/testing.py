"""Helpers for your own pytest suites: FSBP findings of a CDK app as data.

::

    from fsbp_constructs.testing import assert_compliant, new_app

    def test_my_stack_is_compliant() -> None:
        app = new_app()  # reads ./cdk.json's context and feature flags, as `cdk synth` does
        MyStack(app, "MyStack", env=ENV)
        assert_compliant(app)  # fails exactly when `cdk synth` would

``check_app`` registers :class:`~fsbp_constructs.FsbpChecks` on the app, synthesizes it (the
real plugin path: CDK calls the pack, writes ``validation-report.json``, and fails the synth
when the report fails) and returns what happened.
"""

from __future__ import annotations

import inspect
import json
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import aws_cdk as cdk
from aws_cdk import assertions

from .engine.registry import Status
from .evaluate import Finding, Level
from .nag import PACK_NAME, FsbpChecks

__all__ = [
    "CheckResult",
    "app_context",
    "assert_compliant",
    "check_app",
    "new_app",
    "template_of",
    "validation_report",
]


P = ParamSpec("P")
T = TypeVar("T")


def new_app(
    directory: str | Path | None = None, *, context: Mapping[str, Any] | None = None
) -> cdk.App:
    """An app with the context ``cdk synth`` would give it, writing to a fresh temporary
    directory (tests never share a ``cdk.out``).

    The context is that of the CDK app in ``directory`` (default: the current directory):
    the ``context`` of its ``cdk.json``, feature flags included, and the cached lookups of
    its ``cdk.context.json``, as the CDK CLI reads them. Without a ``cdk.json`` there is no
    app context. ``context`` is laid over it, as ``cdk synth --context`` is.

    :raises ValueError: when the ``cdk.json`` or ``cdk.context.json`` is not a JSON object.
    """
    merged = {**app_context(directory), **(context or {})}
    return cdk.App(outdir=tempfile.mkdtemp(prefix="fsbp-cdk-out-"), context=merged or None)


def app_context(directory: str | Path | None = None) -> dict[str, Any]:
    """The context the CDK CLI gives the app in ``directory`` (default: the current one):
    ``cdk.context.json`` under the ``context`` of ``cdk.json`` (the CLI lets ``cdk.json``
    win). ``{}`` when the directory has no ``cdk.json``."""
    root = Path.cwd() if directory is None else Path(directory)
    if not (root / "cdk.json").is_file():
        return {}
    cached = (
        _json_object(root / "cdk.context.json") if (root / "cdk.context.json").is_file() else {}
    )
    settings = _json_object(root / "cdk.json")
    given = settings.get("context", {})
    if not isinstance(given, dict):
        raise ValueError(
            f'{root / "cdk.json"}: "context" must be a JSON object, not {given!r}; write '
            '"context": {"flag": true}'
        )
    return {**cached, **given}


def _json_object(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path} is not valid JSON ({error}); fix the file") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path} must hold a JSON object, not {type(data).__name__}")
    return data


def _show_options_of(pack: type, helper: Callable[..., T]) -> None:
    """Make ``help()`` show a helper ``(app, **options)`` with the keyword options of ``pack``."""
    # Without self and the scope.
    theirs = list(inspect.signature(pack.__init__).parameters.values())[2:]  # type: ignore[misc]
    ours = inspect.signature(helper)
    helper.__signature__ = ours.replace(  # type: ignore[attr-defined]
        parameters=[ours.parameters["app"], *theirs]
    )


def _options_of(
    pack: Callable[Concatenate[Any, P], object],
) -> Callable[[Callable[..., T]], Callable[Concatenate[cdk.App, P], T]]:
    """Type (for mypy and editors) and show (for ``help()``) a helper ``(app, **options)`` as
    taking the keyword options of ``pack`` (FsbpChecks), after the app."""

    def decorate(helper: Callable[..., T]) -> Callable[Concatenate[cdk.App, P], T]:
        _show_options_of(cast(type, pack), helper)
        return helper

    return decorate


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


@_options_of(FsbpChecks)
def check_app(app: cdk.App, **options: Any) -> CheckResult:
    """Register ``FsbpChecks(app, **options)`` on ``app``, synthesize, and return the outcome.

    Takes the keyword options of :class:`~fsbp_constructs.FsbpChecks`, typed as there:
    ``mypy --strict`` rejects a misspelt or mistyped one. Synth errors other than the
    validation failure propagate.
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
    report = validation_report(outdir)
    if error is None and report.get("conclusion") == "failure":
        # Older aws-cdk-lib releases (2.258 among them) report a failed validation and set the
        # exit code of the process instead of raising; `cdk synth` fails all the same.
        error = f"Validation failed: see {outdir / 'validation-report.json'}"
    return CheckResult(pack, error, report)


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


@_options_of(FsbpChecks)
def assert_compliant(app: cdk.App, **options: Any) -> CheckResult:
    """Fail exactly when ``cdk synth`` with ``FsbpChecks(**options)`` would: on an error.

    Warnings (findings under the severity threshold, and UNKNOWN verdicts) pass, as they do
    at synth. With ``strict=True`` the pack runs strict (UNKNOWN is an error) and warnings
    fail too. Takes the options of :class:`~fsbp_constructs.FsbpChecks`.

    The ``AssertionError`` lists each finding on one line with its fix, and pytest shows it
    without this library's frames. Returns the :class:`CheckResult` when the app passes.
    """
    __tracebackhide__ = True
    result = check_app(app, **options)
    levels = (Level.ERROR, Level.WARNING) if options.get("strict") else (Level.ERROR,)
    failing = [f for f in result.problems() if f.level(result.pack.config) in levels]
    if result.error is None and not failing:
        return result
    lines = [f"{len(failing)} FSBP finding(s) would fail `cdk synth`:"]
    for f in failing:
        status = f"{f.status.value} {f.level(result.pack.config).value}"
        fix = f" Fix: {f.advice}" if f.advice else ""
        lines.append(f"- {f.control.id} {status} at {f.resource}: {f.verdict.detail}.{fix}")
    if not failing:  # the pack itself failed (FSBP-Error): give CDK's words
        lines.append(result.error or "")
    raise AssertionError("\n".join(lines)) from None


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
