"""The pack over plain aws-cdk-lib apps (``examples/plain_apps.py``): it does not crash, and
what it says about each default L2 is pinned, so that a change is reviewed against
``docs/real-apps.md`` (each finding there was checked by hand against the AWS pages)."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from examples import plain_apps
from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app


def test_plain_l2_apps_get_the_findings_security_hub_would_report(
    snapshot_json: SnapshotAssertion,
) -> None:
    app = new_app(context=plain_apps.LOOKUPS)
    for stack in plain_apps.STACKS:
        stack(app, stack.__name__)

    result = check_app(app, report_only=True)

    assert not [r for r in result.reported() if r[0] == "FSBP-Error"]  # no crash
    reported = sorted(
        f"{f.status.value} {f.control.id} {f.resource}"
        for f in result.findings
        if f.status in (Status.FAIL, Status.UNKNOWN)
    )
    assert reported == snapshot_json


def test_the_app_fails_cdk_synth() -> None:
    with pytest.raises(RuntimeError, match=r"\[RDS\.3\] RDS DB instances should have encryption"):
        plain_apps.build(outdir=new_app().outdir).synth()
