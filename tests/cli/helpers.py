"""Running ``fsbp-check`` in-process and reading its reports."""

from __future__ import annotations

import json
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

    def verdicts(self) -> set[tuple[str, str, str]]:
        """``(control, resource, status)`` of every finding of a ``--format json`` run."""
        return {(f["control"], f["resource"], f["status"]) for f in self.json()["findings"]}


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> Run:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
