"""The benchmark's arithmetic: which runs pair up, and what the paired overhead says."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def run() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _pair(repeat: int, bare: float, fsbp: float) -> list[dict[str, Any]]:
    return [
        {"size": 1000, "config": "bare", "repeat": repeat, "synth_seconds": bare},
        {"size": 1000, "config": "fsbp", "repeat": repeat, "synth_seconds": fsbp},
    ]


def _part(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "command": "python benchmarks/run.py --sizes 1000",
        "repeat": 2,
        "machine": {"load_average_at_start": [0.5, 0.5, 0.5]},
        "runs": runs,
    }


def test_paired_overhead_is_the_median_ratio_with_an_interval(run: ModuleType) -> None:
    runs = [*_pair(0, 4.0, 4.2), *_pair(1, 5.0, 5.0), *_pair(2, 4.0, 4.4)]
    median, low, high = run.paired_overhead(runs, 1000, "fsbp", "synth_seconds")
    assert median == pytest.approx(0.05)
    assert low == pytest.approx(0.0)  # the interval spans the three pairs' ratios
    assert high == pytest.approx(0.10)
    assert run.paired_overhead(runs, 1000, "fsbp", "synth_seconds") == (median, low, high)


def test_merged_runs_pair_only_within_their_own_part(run: ModuleType) -> None:
    first = _part([*_pair(0, 4.0, 4.0), *_pair(1, 4.0, 4.0)])
    second = _part([*_pair(0, 8.0, 8.8), *_pair(1, 8.0, 8.8)])
    merged = run.merge([first, second])
    assert sorted({r["repeat"] for r in merged["runs"]}) == [0, 1, 2, 3]
    ratios = sorted(
        fsbp["synth_seconds"] / bare["synth_seconds"]
        for bare in merged["runs"]
        for fsbp in merged["runs"]
        if bare["config"] == "bare"
        and fsbp["config"] == "fsbp"
        and bare["repeat"] == fsbp["repeat"]
    )
    assert ratios == pytest.approx([1.0, 1.0, 1.1, 1.1])


def test_the_overhead_splits_into_validate_and_the_report_as_cdk_handles_it(
    run: ModuleType,
) -> None:
    runs = []
    for repeat, (bare, unreported, fsbp) in enumerate([(4.0, 4.1, 4.3), (5.0, 5.1, 5.2)]):
        for config, seconds in (("bare", bare), ("fsbp-unreported", unreported), ("fsbp", fsbp)):
            runs.append(
                {
                    "size": 1000,
                    "config": config,
                    "repeat": repeat,
                    "synth_seconds": seconds,
                    "synth_cpu_seconds": 2 * seconds,
                    **(
                        {"validate_seconds": 0.1, "validate_cpu_seconds": 0.1}
                        if config != "bare"
                        else {}
                    ),
                }
            )
    lines = run.overhead_parts(run.medians(runs), runs)
    assert lines[0] == "## Where FsbpChecks' overhead goes at 1000 resources"
    # validate: 0.10 s of a 4.5 s bare synth (wall), of 9.0 s (CPU)
    assert "| 0.10 s, 2.2% of the bare synth | 0.10 s, 1.1% of the bare synth |" in lines[4]
    # the report: the median of 4.3/4.1 and 5.2/5.1 (+3.4%), interval between the two
    assert lines[5].endswith("| +3.4% (+2.0% to +4.9%) | +3.4% (+2.0% to +4.9%) |")
    without = [r for r in runs if r["config"] != "fsbp-unreported"]
    assert run.overhead_parts(run.medians(without), without) == []
