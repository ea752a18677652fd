"""Running ``fsbp-check`` in-process and reading its reports."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from fsbp_constructs.cli import main

DATA = Path(__file__).parent / "data"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> dict[str, Any]:
        data = json.loads(self.out)
        assert isinstance(data, dict)
        return data

    def verdicts(self, only: Collection[str] | None = None) -> set[tuple[str, str, str]]:
        """``(control, resource, status)`` of every finding of a ``--format json`` run (only
        of the controls ``only``, when given)."""
        return {
            (f["control"], f["resource"], f["status"])
            for f in self.json()["findings"]
            if only is None or f["control"] in only
        }


#: The controls the templates under data/ were written for. The CLI tests are about the CLI;
#: what other controls say about these templates is for the controls' own cases.
FIXTURE_CONTROLS = frozenset({"ECR.1", "ECR.2", "Kinesis.1", "S3.13"})


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
