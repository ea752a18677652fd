"""The cost of checking a CDK app: FsbpChecks next to cdk-nag, cfn-guard and Checkov.

::

    python benchmarks/run.py --sizes 100,500,1000,3000,5000 --repeat 3   # writes docs/
    python benchmarks/run.py --smoke                                    # CI: works, no timing
    python benchmarks/run.py --render benchmarks/results.json           # docs from saved runs

Each run is a fresh process (``synth_once.py``, or the checker's own command); runs are
interleaved (every configuration once, then again, each round starting with the next one) so
that a slow spell of a shared machine does not land on one configuration only. Reported
figures are medians over the repeats.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DOCS = ROOT / "docs"
RESULTS = HERE / "results.json"
#: Resamples behind the 95% interval of the median paired overhead.
BOOTSTRAP_DRAWS = 2000

sys.path.insert(0, str(HERE))  # synth_once.py, beside this file, names the configurations
from synth_once import CONFIGS as SYNTH_CONFIGS  # noqa: E402

POST_CONFIGS = ("fsbp-check", "checkov")
LABELS = {
    "bare": "bare `app.synth()`",
    "fsbp": "+ FsbpChecks",
    "fsbp-unreported": "+ FsbpChecks, report withheld",
    "nag": "+ cdk-nag AwsSolutionsChecks",
    "cfnguard": "+ CfnGuardValidator (Control Tower rules)",
    "fsbp-check": "fsbp-check on cdk.out",
    "checkov": "Checkov on cdk.out",
}
SHORT = {
    "fsbp": "FsbpChecks",
    "fsbp-unreported": "FsbpChecks, report withheld",
    "nag": "AwsSolutionsChecks",
    "cfnguard": "CfnGuardValidator",
    "fsbp-check": "fsbp-check",
    "checkov": "Checkov",
}
#: Checkov with its network features off: no Prisma Cloud mapping or policy download, no
#: PyPI update check.
CHECKOV_ENV = {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "TRUE"}
PACKAGES = (
    "aws-cdk-lib",
    "cdk-nag",
    "fsbp-constructs",
    "cdklabs-cdk-validator-cfnguard",
    "checkov",
    "matplotlib",
)


# ---------------------------------------------------------------------------------------------
# What is installed


def available() -> dict[str, str | None]:
    """Each configuration mapped to None when it can run here, else why it cannot."""
    missing_bench = "not installed (install the `bench` dependency group)"
    out: dict[str, str | None] = dict.fromkeys(SYNTH_CONFIGS)
    if not _installed("cdklabs.cdk_validator_cfnguard"):
        out["cfnguard"] = f"cdklabs-cdk-validator-cfnguard {missing_bench}"
    out["fsbp-check"] = None
    out["checkov"] = None if _checkov() else f"checkov {missing_bench}"
    return out


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def _checkov() -> str | None:
    beside = Path(sys.executable).parent / "checkov"
    return str(beside) if beside.is_file() else shutil.which("checkov")


def fsbp_check_command(cdk_out: Path, report: Path) -> list[str]:
    """The ``fsbp-check`` command, or the engine it runs when the CLI is not there yet."""
    if _installed("fsbp_constructs.cli"):
        return [
            sys.executable,
            "-m",
            "fsbp_constructs",
            str(cdk_out),
            "--report-only",
            "--no-config",
            "--format",
            "json",
            "--output",
            str(report),
        ]
    script = (
        "import json, sys; from pathlib import Path; "
        "from fsbp_constructs import evaluate, load_cloud_assembly; "
        "findings = evaluate(load_cloud_assembly(Path(sys.argv[1]))); "
        "Path(sys.argv[2]).write_text(json.dumps([f.as_dict() for f in findings]))"
    )
    return [sys.executable, "-c", script, str(cdk_out), str(report)]


def checkov_command(cdk_out: Path) -> list[str]:
    return [
        _checkov() or "checkov",
        "-d",
        str(cdk_out),
        "--framework",
        "cloudformation",
        "--skip-download",
        "--quiet",
        "--compact",
        "-o",
        "json",
    ]


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    node = shutil.which("node", path=_child_env()["PATH"])
    if node:
        out["node"] = subprocess.run(
            [node, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    return out


def machine() -> dict[str, Any]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 2**20, 1),
        "os": f"{platform.system()} {platform.release()}",
        "load_average_at_start": os.getloadavg(),
    }


def _child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every run: this interpreter's bin first, so jsii finds its Node."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")
    # Cache bytecode as a developer's machine does: importing aws-cdk-lib's modules then
    # takes seconds less per run (the timed synth is not affected).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra or {})
    return env


# ---------------------------------------------------------------------------------------------
# Running


def _timed(
    command: list[str],
    log: Path,
    env: dict[str, str] | None = None,
    ok_codes: tuple[int, ...] = (0,),
    stdout: Path | None = None,
) -> tuple[float, float]:
    """Wall and CPU seconds (the command and everything it waited for) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("wb") as err, (stdout or Path(os.devnull)).open("wb") as out:
        code = subprocess.run(
            command, stdout=out if stdout else err, stderr=err, env=env, cwd=HERE, check=False
        ).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code not in ok_codes:
        tail = log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} exited {code}; the end of {log}:\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def synth_run(size: int, config: str, outdir: Path) -> dict[str, Any]:
    command = [sys.executable, str(HERE / "synth_once.py"), str(size), config, str(outdir)]
    wall, cpu = _timed(command, outdir.with_suffix(".log"), env=_child_env())
    result: dict[str, Any] = json.loads((outdir / "benchmark.json").read_text())
    result.update(process_seconds=wall, process_cpu_seconds=cpu)
    return result


def post_run(config: str, cdk_out: Path, work: Path) -> dict[str, Any]:
    report = work / f"{config}-report.json"
    if config == "fsbp-check":
        wall, cpu = _timed(
            fsbp_check_command(cdk_out, report), work / "fsbp-check.log", env=_child_env()
        )
        data = json.loads(report.read_text())
        findings = data if isinstance(data, list) else data.get("findings", [])
        reported = sum(1 for f in findings if f.get("status") in ("FAIL", "UNKNOWN"))
    else:
        # Checkov exits 1 when a check fails; its JSON report goes to stdout.
        report.unlink(missing_ok=True)
        wall, cpu = _timed(
            checkov_command(cdk_out),
            work / "checkov.log",
            env=_child_env(CHECKOV_ENV),
            ok_codes=(0, 1),
            stdout=report,
        )
        parsed = json.loads(report.read_text())
        runs = parsed if isinstance(parsed, list) else [parsed]
        reported = sum(run.get("summary", {}).get("failed", 0) for run in runs)
    return {
        "config": config,
        "synth_seconds": wall,
        "synth_cpu_seconds": cpu,
        "violations": reported,
    }


def measure(
    sizes: list[int],
    repeat: int,
    configs: list[str],
    work: Path,
    large_repeat: int | None = None,
    log: Any = print,
    runs: list[dict[str, Any]] | None = None,
    save: Any = None,
) -> list[dict[str, Any]]:
    """Every run of every configuration at every size, interleaved.

    ``runs`` collects them (so a caller holds what finished if a later run fails); ``save``
    is called after each size.
    """
    runs = [] if runs is None else runs
    for size in sizes:
        kept: Path | None = None
        runs_here = large_repeat if large_repeat is not None and size > 1000 else repeat
        synth_configs = [c for c in SYNTH_CONFIGS if c in configs]
        for rep in range(runs_here):
            # Each round starts one configuration later, so that none always runs first, or
            # always right after another (a heavy Checkov run heats the machine up).
            turn = rep % len(synth_configs)
            for config in synth_configs[turn:] + synth_configs[:turn]:
                outdir = work / f"{size}-{config}-{rep}"
                result = synth_run(size, config, outdir)
                result["repeat"] = rep
                runs.append(result)
                log(
                    f"  {size:>5} {config:<10} #{rep}: synth {result['synth_seconds']:7.2f} s "
                    f"wall, {result['synth_cpu_seconds']:7.2f} s cpu "
                    f"({result['resources']} resources)"
                )
                if config == "bare" and kept is None:
                    kept = outdir  # the cdk.out the post-synth checkers read
                else:
                    shutil.rmtree(outdir, ignore_errors=True)
            for config in [c for c in POST_CONFIGS if c in configs]:
                if kept is None:
                    raise RuntimeError(f"{config} checks the bare synth's cdk.out: keep 'bare'")
                result = post_run(config, kept, work)
                result.update(size=size, repeat=rep, resources=runs[-1]["resources"])
                runs.append(result)
                log(
                    f"  {size:>5} {config:<10} #{rep}: {result['synth_seconds']:7.2f} s wall, "
                    f"{result['synth_cpu_seconds']:7.2f} s cpu"
                )
        if kept is not None:
            shutil.rmtree(kept, ignore_errors=True)
        if save is not None:
            save()
    return runs


# ---------------------------------------------------------------------------------------------
# Summarizing


def medians(runs: list[dict[str, Any]]) -> dict[int, dict[str, dict[str, float]]]:
    """size → config → median of each timing (and the resource and violation counts)."""
    grouped: dict[int, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for run in runs:
        grouped[run["size"]][run["config"]].append(run)
    out: dict[int, dict[str, dict[str, float]]] = {}
    for size, by_config in sorted(grouped.items()):
        out[size] = {}
        for config, group in by_config.items():
            row: dict[str, float] = {}
            for key in (
                "synth_seconds",
                "synth_cpu_seconds",
                "validate_seconds",
                "validate_cpu_seconds",
                "resources",
                "stacks",
            ):
                values = [r[key] for r in group if r.get(key) is not None]
                if values:
                    row[key] = statistics.median(values)
            row["runs"] = len(group)
            violations = group[-1].get("violations")
            if isinstance(violations, dict):
                violations = sum(
                    n for name, n in violations.items() if name != "CloudFormation Validate"
                )
            if violations is not None:
                row["violations"] = violations
            out[size][config] = row
    return out


def paired_overhead(
    runs: list[dict[str, Any]], size: int, config: str, key: str, base: str = "bare"
) -> tuple[float, float, float]:
    """The median, over repeats, of a configuration's time over the ``base`` configuration's
    (the bare synth's) time in the same repeat, with a 95% bootstrap interval for that
    median. Runs are interleaved, so the two of a pair share the machine's state: on a
    machine whose speed drifts, this is steadier than the ratio of the two medians, and the
    interval says how far the noise left it uncertain."""
    by_repeat: dict[int, dict[str, float]] = defaultdict(dict)
    for run in runs:
        if run["size"] == size and run.get(key) is not None:
            by_repeat[run.get("repeat", 0)][run["config"]] = run[key]
    ratios = [r[config] / r[base] for r in by_repeat.values() if config in r and base in r]
    draw = random.Random(0)  # a fixed seed: the same runs always give the same interval
    medians = sorted(
        statistics.median(draw.choices(ratios, k=len(ratios))) for _ in range(BOOTSTRAP_DRAWS)
    )
    low, high = medians[int(0.025 * BOOTSTRAP_DRAWS)], medians[int(0.975 * BOOTSTRAP_DRAWS) - 1]
    return statistics.median(ratios) - 1, low - 1, high - 1


def validate_shares(measured: dict[str, dict[str, float]]) -> list[tuple[float | None, float]]:
    """FsbpChecks.validate's own seconds and their share of the bare synth at one size, of
    wall time then of CPU time (``(None, nan)`` where validate was not timed)."""
    out: list[tuple[float | None, float]] = []
    for key, bare_key in (
        ("validate_seconds", "synth_seconds"),
        ("validate_cpu_seconds", "synth_cpu_seconds"),
    ):
        own = measured["fsbp"].get(key)
        out.append((own, own / measured["bare"][bare_key] if own is not None else float("nan")))
    return out


def nearest(sizes: Iterable[int], wanted: int) -> int:
    """The measured size closest to ``wanted`` resources (the targets are read at ~1,000)."""
    return min(sizes, key=lambda size: abs(size - wanted))


def targets(
    table: dict[int, dict[str, dict[str, float]]], runs: list[dict[str, Any]]
) -> list[tuple[str, str, bool]]:
    """The issue's targets: (target, what was measured, met)."""
    checks: list[tuple[str, str, bool]] = []
    sizes = sorted(table)
    if not sizes or "fsbp" not in table[sizes[0]]:
        return checks

    def overhead(size: int, config: str, key: str = "synth_seconds") -> float:
        return table[size][config][key] / table[size]["bare"][key] - 1

    size = nearest(sizes, 1000)
    for key, what in (("synth_seconds", "wall"), ("synth_cpu_seconds", "CPU")):
        value = overhead(size, "fsbp", key)
        paired, low, high = paired_overhead(runs, size, "fsbp", key)
        pairs = sum(1 for r in runs if r["size"] == size and r["config"] == "fsbp")
        checks.append(
            (
                f"FsbpChecks overhead ≤ 5% at ~1,000 resources ({what} time; ratio of the "
                "medians, and median of the interleaved pairs' ratios with its 95% interval)",
                f"{value:+.1%}, {paired:+.1%} ({low:+.1%} to {high:+.1%}, {pairs} pairs) at {size}",
                value <= 0.05 and paired <= 0.05,
            )
        )
    for what, (own, share) in zip(("wall", "CPU"), validate_shares(table[size]), strict=True):
        if own is not None:
            checks.append(
                (
                    f"FsbpChecks.validate itself ≤ 5% of bare synth at ~1,000 resources "
                    f"({what} time)",
                    f"{share:.1%} ({own:.2f} s) at {size}",
                    share <= 0.05,
                )
            )
    if all("nag" in table[s] for s in sizes):
        for key, what in (("synth_seconds", "wall"), ("synth_cpu_seconds", "CPU")):
            worse = [s for s in sizes if overhead(s, "fsbp", key) >= overhead(s, "nag", key)]
            checks.append(
                (
                    f"FsbpChecks overhead below AwsSolutionsChecks' at every size ({what} time)",
                    "below at every size"
                    if not worse
                    else "not below at " + ", ".join(map(str, worse)),
                    not worse,
                )
            )
    near_500 = nearest(sizes, 500)
    near_5000 = nearest(sizes, 5000)
    if near_500 <= 600 and near_5000 >= 4000:  # both sizes measured
        for key, what in (
            ("synth_seconds", "synth with FsbpChecks, wall"),
            ("synth_cpu_seconds", "synth with FsbpChecks, CPU"),
            ("validate_cpu_seconds", "FsbpChecks.validate, CPU"),
        ):
            small = table[near_500]["fsbp"].get(key)
            large = table[near_5000]["fsbp"].get(key)
            if small and large:
                checks.append(
                    (
                        f"time at ~5,000 ≤ 11x time at ~500 ({what})",
                        f"{large / small:.1f}x",
                        large / small <= 11,
                    )
                )
    return checks


def overhead_parts(
    table: dict[int, dict[str, dict[str, float]]], runs: list[dict[str, Any]]
) -> list[str]:
    """Markdown lines splitting FsbpChecks' overhead near 1,000 resources into its own
    ``validate`` and what CDK spends carrying and printing its report (``fsbp`` against
    ``fsbp-unreported``, paired); empty unless both were measured."""
    if not table:
        return []
    size = nearest(table, 1000)
    measured = table[size]
    if not all(c in measured for c in ("bare", "fsbp", "fsbp-unreported")):
        return []
    lines = [
        f"## Where FsbpChecks' overhead goes at {size} resources",
        "",
        "| part | wall time | CPU time |",
        "| --- | --- | --- |",
    ]
    cells = [
        f"{own:.2f} s, {share:.1%} of the bare synth" for own, share in validate_shares(measured)
    ]
    lines.append(
        f"| its `validate`: reading, checking, building the report | {' | '.join(cells)} |"
    )
    cells = []
    for key in ("synth_seconds", "synth_cpu_seconds"):
        paired, low, high = paired_overhead(runs, size, "fsbp", key, base="fsbp-unreported")
        cells.append(f"{paired:+.1%} ({low:+.1%} to {high:+.1%})")
    lines += [
        "| CDK carrying and printing its report: the synth against the same pack's with its "
        f"report withheld (median of the paired ratios, 95% interval) | {' | '.join(cells)} |",
        "",
    ]
    return lines


def render_markdown(data: dict[str, Any]) -> str:
    table = medians(data["runs"])
    sizes = sorted(table)
    configs = [c for c in (*SYNTH_CONFIGS, *POST_CONFIGS) if any(c in table[s] for s in sizes)]
    others = [c for c in configs if c != "bare"]
    meta, ver = data["machine"], data["versions"]
    lines = [
        "# Benchmarks: the cost of checking",
        "",
        "<!-- Generated by `python benchmarks/run.py`; edit benchmarks/run.py, not this file. -->",
        "",
        f"Measured on {data['date']} with `{_shown_command(data['command'])}`: "
        f"{_runs_phrase(data)}, each run in a fresh process; figures are medians.",
        "",
        f"- Machine: {meta['nproc']} CPUs ({meta['cpu']}), {meta['memory_gib']} GiB, "
        f"{meta['os']}; load average at start "
        f"{', '.join(f'{x:.1f}' for x in meta['load_average_at_start'])}.",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in ver.items()) + ".",
    ]
    if data.get("note"):
        lines.append(f"- Note: {data['note']}")
    for why in data.get("skipped", {}).values():
        lines.append(f"- Not measured: {why}.")
    lines += [
        "",
        "How to read it: *bare* is `app.synth()` of the benchmark app with no validation plugin "
        "(aws-cdk-lib's built-in CloudFormation validation still runs). Each `+` row is the same "
        "synth with one plugin registered through `Validations.of(app).add_plugins(...)`; its "
        "ratio is its synth time over the bare synth time, so 1.05 means 5% overhead. "
        "`fsbp-check` and Checkov run afterwards on the bare synth's `cdk.out`, as separate "
        "commands: their ratio is the whole command's time over the bare synth time.",
        "",
        "## Overhead ratio, wall-clock time (configuration / bare synth)",
        "",
        *_ratio_table(table, sizes, others, "synth_seconds"),
        "",
        "## Overhead ratio, CPU time (configuration / bare synth)",
        "",
        "CPU seconds of the synth (Python, jsii's Node process and what it runs) or of the "
        "checker's command and its workers. On a shared machine this moves less than "
        "wall-clock time; where the two disagree, a tool is waiting or running in parallel "
        "(Checkov uses one worker per CPU).",
        "",
        *_ratio_table(table, sizes, others, "synth_cpu_seconds"),
        "",
        "## Seconds (median wall-clock; violations reported)",
        "",
        "| configuration | " + " | ".join(f"{s:,}" for s in sizes) + " |",
        "| --- |" + " ---: |" * len(sizes),
    ]
    for config in configs:
        cells = []
        for size in sizes:
            row = table[size].get(config)
            if row is None:
                cells.append("n/a")
                continue
            cell = f"{row['synth_seconds']:.2f}"
            if "violations" in row and config != "bare":
                cell += f" ({int(row['violations']):,})"
            cells.append(cell)
        lines.append(f"| {LABELS[config]} | " + " | ".join(cells) + " |")
    if any("validate_seconds" in table[s].get("fsbp", {}) for s in sizes):
        lines.append(
            "| FsbpChecks.validate alone, inside + FsbpChecks (CPU s) | "
            + " | ".join(
                f"{table[s]['fsbp']['validate_seconds']:.2f} "
                f"({table[s]['fsbp'].get('validate_cpu_seconds', 0):.2f})"
                if "fsbp" in table[s]
                else "n/a"
                for s in sizes
            )
            + " |"
        )
    lines += [
        "",
        "Violations are counted as each tool reports them (one per resource and rule for the "
        "CDK plugins, failed checks for Checkov, FAIL and UNKNOWN findings for fsbp-check); "
        "the tools check different rules, so the counts are not comparable with each other.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    for target, measured, met in targets(table, data["runs"]):
        lines.append(f"| {target} | {measured} | {'yes' if met else '**no**'} |")
    lines += ["", *overhead_parts(table, data["runs"])]
    lines += [
        "The plot shows CPU time, the steadier of the two measures here (log scales):",
        "",
        "![CPU time and overhead ratio against resources](benchmarks.png)",
        "",
    ]
    if data.get("analysis"):
        lines += ["## Notes", "", data["analysis"].strip(), ""]
    return "\n".join(lines)


def _runs_phrase(data: dict[str, Any]) -> str:
    """How many runs each configuration had at each size."""
    per_config: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for run in data["runs"]:
        per_config[run["config"]][run["size"]] += 1
    groups: dict[str, list[str]] = defaultdict(list)  # "25 run(s)" -> the configurations
    for config, per_size in per_config.items():
        counts = set(per_size.values())
        phrase = (
            f"{counts.pop()} run(s)"
            if len(counts) == 1
            else ", ".join(f"{n} at {size:,}" for size, n in sorted(per_size.items()))
        )
        groups[phrase].append(SHORT.get(config, config))
    if len(groups) == 1:
        return f"{next(iter(groups))} of every configuration at every size"
    return "; ".join(f"{phrase} of {', '.join(names)}" for phrase, names in groups.items())


def _ratio_table(
    table: dict[int, dict[str, dict[str, float]]], sizes: list[int], configs: list[str], key: str
) -> list[str]:
    lines = [
        "| resources (stacks) | bare synth, s | " + " | ".join(SHORT[c] for c in configs) + " |",
        "| ---: | ---: |" + " ---: |" * len(configs),
    ]
    for size in sizes:
        bare = table[size]["bare"]
        stacks = f" ({int(bare['stacks'])})" if "stacks" in bare else ""
        cells = [
            f"{table[size][c][key] / bare[key]:.2f}" if c in table[size] else "n/a" for c in configs
        ]
        lines.append(
            f"| {int(bare['resources']):,}{stacks} | {bare[key]:.1f} | " + " | ".join(cells) + " |"
        )
    return lines


def render_plot(data: dict[str, Any], path: Path) -> None:
    import matplotlib  # type: ignore[import-not-found,unused-ignore]

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # type: ignore[import-not-found,unused-ignore]

    table = medians(data["runs"])
    sizes = sorted(table)
    key = "synth_cpu_seconds"  # steadier than wall-clock on a shared machine
    colors = dict(zip((*SYNTH_CONFIGS, *POST_CONFIGS), plt.get_cmap("tab10").colors, strict=False))
    fig, (ax, ax_ratio) = plt.subplots(1, 2, figsize=(12, 5))
    for config in (*SYNTH_CONFIGS, *POST_CONFIGS):
        present = [s for s in sizes if config in table[s]]
        if not present:
            continue
        style = "--" if config in POST_CONFIGS else "-"
        xs = [table[s][config]["resources"] for s in present]
        ys = [table[s][config][key] for s in present]
        ax.plot(
            xs, ys, style, marker="o", color=colors[config], label=LABELS[config].replace("`", "")
        )
        if config != "bare":
            ratios = [table[s][config][key] / table[s]["bare"][key] for s in present]
            ax_ratio.plot(xs, ratios, style, marker="o", color=colors[config], label=SHORT[config])
    ax.set_yscale("log")
    ax_ratio.set_yscale("log")
    ax.set(
        xlabel="CloudFormation resources in the app",
        ylabel="CPU seconds (median, log scale)",
        title="Synth, and checkers on cdk.out: CPU time",
    )
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax_ratio.axhline(1.05, color="grey", linestyle=":", label="target: FsbpChecks ≤ 1.05")
    ax_ratio.set(
        xlabel="CloudFormation resources in the app",
        ylabel="CPU time / bare synth CPU time (log scale)",
        title="Overhead ratio (1.05 = 5% overhead)",
    )
    ax_ratio.grid(alpha=0.3)
    ax_ratio.legend(fontsize=8)
    meta = data["machine"]
    fig.suptitle(
        f"fsbp-constructs {data['versions'].get('fsbp-constructs')}, "
        f"{data['date']}, {meta['nproc']} CPUs {meta['cpu']}",
        fontsize=10,
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100,500,1000,3000,5000",
        help="approximate resource counts, comma-separated",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration and size")
    parser.add_argument(
        "--large-repeat",
        type=int,
        metavar="N",
        help="runs per configuration for sizes over 1,000 (default: --repeat); "
        "for a busy or slow machine",
    )
    parser.add_argument(
        "--configs",
        default=",".join((*SYNTH_CONFIGS, *POST_CONFIGS)),
        help="configurations to run, comma-separated (bare is always run)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="smallest size, one run, skip what is not installed, write "
        "nothing under docs/ (for CI: proves the benchmark runs)",
    )
    parser.add_argument("--work", type=Path, help="scratch directory (default: a temporary one)")
    parser.add_argument("--note", default="", help="a remark printed under the machine line")
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help=f"where to save the raw runs (default: {RESULTS.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--render",
        type=Path,
        nargs="+",
        metavar="RESULTS",
        help="only write docs/ from saved results, merging several files (runs of different "
        "sizes made at the same time, for instance)",
    )
    parser.add_argument(
        "--notes",
        type=Path,
        metavar="FILE",
        help="with --render: a markdown file of findings, printed under 'Notes'",
    )
    args = parser.parse_args(argv)

    if args.render:
        data: dict[str, Any] = merge([json.loads(path.read_text()) for path in args.render])
        if args.notes:
            data["analysis"] = args.notes.read_text()
        if len(args.render) > 1:
            args.results.write_text(json.dumps(data, indent=1) + "\n")
        write_docs(data)
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = sorted(set(configs) - set(SYNTH_CONFIGS) - set(POST_CONFIGS))
    if unknown:
        parser.error(
            f"unknown configuration(s) {', '.join(unknown)}: choose from "
            f"{', '.join((*SYNTH_CONFIGS, *POST_CONFIGS))}"
        )
    configs = ["bare", *[c for c in configs if c != "bare"]]
    repeat = args.repeat
    if args.smoke:
        sizes, repeat = [min(sizes)], 1
    skipped = {c: why for c, why in available().items() if why and c in configs}
    if skipped and not args.smoke:
        parser.error(
            "cannot run "
            + "; ".join(skipped.values())
            + ": `uv sync --group bench --no-dev` (see benchmarks/README.md), "
            "or leave them out with --configs"
        )
    configs = [c for c in configs if c not in skipped]
    for why in skipped.values():
        print(f"skipped: {why}")

    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    data = {
        "date": dt.date.today().isoformat(),
        "command": command.strip(),
        "repeat": repeat,
        "machine": machine(),
        "versions": versions(),
        "skipped": skipped,
        "note": args.note,
    }
    work = args.work or Path(tempfile.mkdtemp(prefix="fsbp-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"sizes {sizes}, {repeat} run(s) each of {', '.join(configs)}; scratch in {work}")
    large_repeat = None if args.smoke else args.large_repeat
    data["large_repeat"] = large_repeat
    data["runs"] = []

    def save() -> None:
        if not args.smoke:
            args.results.write_text(json.dumps(data, indent=1) + "\n")

    measure(sizes, repeat, configs, work, large_repeat, runs=data["runs"], save=save)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)

    print()
    print(render_markdown(data))
    if args.smoke:
        return 0
    save()
    write_docs(data)
    return 0


def _shown_command(command: str) -> str:
    """The command as the docs show it: without scratch paths and the free-text note."""
    command = re.sub(r" --note .*$", "", command)
    return re.sub(r" --(work|results) \S+", "", command)


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One result set from several (the machine and versions of the first)."""
    data = dict(parts[0])
    data["runs"] = []
    for part in parts:  # repeats numbered on, so that runs pair only within their own part
        offset = 1 + max((run.get("repeat", 0) for run in data["runs"]), default=-1)
        data["runs"] += [{**run, "repeat": run.get("repeat", 0) + offset} for run in part["runs"]]
    data["note"] = parts[-1].get("note", "")
    data["command"] = "` and `".join(_shown_command(part["command"]) for part in parts)
    loads = [part["machine"]["load_average_at_start"] for part in parts]
    data["machine"] = {**data["machine"], "load_average_at_start": max(loads)}
    if len({(p["repeat"], p.get("large_repeat")) for p in parts}) > 1:
        data["repeat"] = "/".join(str(p["repeat"]) for p in parts)
        data["large_repeat"] = None
    data["skipped"] = {k: v for part in parts for k, v in part.get("skipped", {}).items()}
    return data


def write_docs(data: dict[str, Any]) -> None:
    DOCS.mkdir(exist_ok=True)
    (DOCS / "benchmarks.md").write_text(render_markdown(data))
    if _installed("matplotlib"):
        render_plot(data, DOCS / "benchmarks.png")
    else:
        print("matplotlib is not installed: docs/benchmarks.png not written")
    print(f"wrote {DOCS / 'benchmarks.md'}")


if __name__ == "__main__":
    sys.exit(main())
