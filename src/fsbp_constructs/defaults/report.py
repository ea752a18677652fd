"""The report of ``FsbpDefaults``' changes: ``cdk.out/fsbp-defaults.json`` and one line on
stderr per synthesis."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import aws_cdk as cdk
import constructs
import jsii

from .remedy import Change

__all__ = ["REPORT_FILE", "ChangeReport", "summary_line"]

#: The name of the change report written to the app's output directory.
REPORT_FILE = "fsbp-defaults.json"


class ChangeReport(constructs.Construct):
    """The changes of every FsbpDefaults of an app, kept in one child of the app's root.

    Its validation writes them to ``cdk.out/fsbp-defaults.json``: CDK validates the tree once
    per synthesis, after every aspect and before it writes the templates.
    """

    ID = "FsbpDefaultsReport"

    def __init__(self, root: constructs.IConstruct) -> None:
        super().__init__(cast(constructs.Construct, root), self.ID)
        self.root = root
        self.changes: list[Change] = []
        self.node.add_validation(_WriteReport(self))

    @classmethod
    def of(cls, root: constructs.IConstruct) -> ChangeReport:
        found = root.node.try_find_child(cls.ID)
        return found if isinstance(found, ChangeReport) else cls(root)


@jsii.implements(constructs.IValidation)
class _WriteReport:
    def __init__(self, report: ChangeReport) -> None:
        self.report = report

    def validate(self) -> list[str]:
        root = self.report.root
        if isinstance(root, cdk.Stage):
            outdir = Path(root.outdir)
            outdir.mkdir(parents=True, exist_ok=True)
            document = {"version": 1, "changes": [c.to_json() for c in self.report.changes]}
            path = outdir / REPORT_FILE
            path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")
            print(summary_line(self.report.changes, path), file=sys.stderr)
        return []


def summary_line(changes: Sequence[Change], path: Path) -> str:
    """What ``cdk synth`` shows of the aspect's work: the count by control, and the report.
    (CDK CLI 2.1148 does not print info annotations; it passes the app's stderr through.)"""
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.control] = counts.get(change.control, 0) + 1
    by_control = ", ".join(f"{control} {count}" for control, count in counts.items())
    head = f"FsbpDefaults: {len(changes)} change{'s' if len(changes) != 1 else ''}"
    return f"{head} ({by_control}); see {path}" if changes else f"{head}; see {path}"
