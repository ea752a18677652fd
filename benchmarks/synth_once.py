"""One measured synth in a fresh process: ``python benchmarks/synth_once.py SIZE CONFIG OUTDIR``.

Builds the benchmark app of about SIZE resources, registers the validation plugin of CONFIG,
times ``app.synth()`` with ``time.perf_counter`` and writes the measurements as JSON to
``OUTDIR/benchmark.json``. ``run.py`` calls it once per run so that no run warms up another
(jsii's Node process, imported modules, caches).

Configurations: ``bare`` (no plugin), ``fsbp`` (FsbpChecks, report-only), ``fsbp-unreported``
(FsbpChecks checking everything, then handing CDK an empty report), ``nag`` (cdk-nag
AwsSolutionsChecks), ``cfnguard`` (CfnGuardValidator with the Control Tower rules).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

CONFIGS = ("bare", "fsbp", "fsbp-unreported", "nag", "cfnguard")


def plugin_for(config: str, app: Any) -> Any:
    """The validation plugin of a configuration (None for ``bare``)."""
    if config == "bare":
        return None
    if config in ("fsbp", "fsbp-unreported"):
        import aws_cdk as cdk

        from fsbp_constructs import FsbpChecks

        withheld = config == "fsbp-unreported"

        class TimedFsbpChecks(FsbpChecks):
            """FsbpChecks that also records how long its own ``validate`` took; for
            ``fsbp-unreported`` it then hands CDK an empty report instead of its own, so that
            the difference to ``fsbp`` is what carrying and printing the report costs."""

            validate_seconds = 0.0
            validate_cpu_seconds = 0.0

            def validate(self, context: Any) -> Any:
                start, start_cpu = time.perf_counter(), time.process_time()
                try:
                    report = super().validate(context)
                finally:
                    TimedFsbpChecks.validate_seconds += time.perf_counter() - start
                    TimedFsbpChecks.validate_cpu_seconds += time.process_time() - start_cpu
                if withheld:
                    return cdk.PolicyValidationPluginReport(success=True, violations=[])
                return report

        # report_only: the app has findings and the synth must not raise on them.
        return TimedFsbpChecks(app, report_only=True)
    if config == "nag":
        from cdk_nag import AwsSolutionsChecks

        return AwsSolutionsChecks(app)
    if config == "cfnguard":
        from cdklabs.cdk_validator_cfnguard import (  # type: ignore[import-not-found,unused-ignore]
            CfnGuardValidator,
        )

        # cfn-guard's JSON output for thousands of resources outgrows Node's 1 MiB default.
        return CfnGuardValidator(control_tower_rules_enabled=True, max_buffer=2**30)
    raise ValueError(f"unknown configuration {config!r}: choose one of {', '.join(CONFIGS)}")


def violations_reported(outdir: Path) -> dict[str, int]:
    """Violating constructs per plugin in CDK's validation report (empty without a report)."""
    report = outdir / "validation-report.json"
    if not report.is_file():
        return {}
    data = json.loads(report.read_text())
    return {
        plugin["pluginName"]: sum(
            len(violation.get("violatingConstructs", [])) or 1
            for violation in plugin.get("violations", [])
        )
        for plugin in data.get("pluginReports", [])
    }


def _descendants_cpu_seconds() -> float:
    """CPU time of this process and all its descendants (jsii's Node processes, and what they
    waited for, such as cfn-guard): the contention-proof companion of wall-clock time."""
    tick = os.sysconf("SC_CLK_TCK")
    parent_of: dict[str, str] = {}
    cpu_of: dict[str, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        pid = stat.parent.name
        parent_of[pid] = fields[1]
        cpu_of[pid] = sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
    total = time.process_time()
    me = str(os.getpid())
    for pid in cpu_of:
        ancestor = parent_of.get(pid)
        while ancestor and ancestor not in (me, "0", "1"):
            ancestor = parent_of.get(ancestor)
        if ancestor == me:
            total += cpu_of[pid]
    return total


def main(argv: list[str]) -> int:
    size, config, outdir = int(argv[0]), argv[1], Path(argv[2])
    start = time.perf_counter()
    import aws_cdk as cdk
    from apps import build_app, count_resources

    imported = time.perf_counter()
    app, layout = build_app(size, outdir)
    plugin = plugin_for(config, app)
    if plugin is not None:
        cdk.Validations.of(app).add_plugins(plugin)
    built = time.perf_counter()
    cpu_before = _descendants_cpu_seconds()
    failed_validation: str | None = None
    try:
        app.synth()
    except Exception as error:  # a plugin with errors fails the synth after validating
        if "Validation failed" not in str(error):
            raise
        failed_validation = type(error).__name__
    synthesized = time.perf_counter()
    synth_cpu = _descendants_cpu_seconds() - cpu_before
    result = {
        "size": size,
        "config": config,
        "resources": count_resources(outdir),
        "stacks": len(layout.units_per_stack) + 1,
        "import_seconds": imported - start,
        "build_seconds": built - imported,
        "synth_seconds": synthesized - built,
        "synth_cpu_seconds": synth_cpu,
        "validate_seconds": getattr(plugin, "validate_seconds", None),
        "validate_cpu_seconds": getattr(plugin, "validate_cpu_seconds", None),
        "violations": violations_reported(outdir),
        "synth_raised": failed_validation,
    }
    (outdir / "benchmark.json").write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main(sys.argv[1:]))
