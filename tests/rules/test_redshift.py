"""Redshift.9 (retired) through the real plugin path: opt-in, then dev fails."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_redshift as redshift

from fsbp_constructs import Status
from fsbp_constructs.testing import CheckResult, check_app, new_app
from tests.conftest import ENV


def _app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)

    def cluster(name: str, db_name: str) -> None:
        redshift.CfnCluster(
            stack,
            name,
            cluster_type="single-node",
            node_type="ra3.large",
            db_name=db_name,
            master_username="admin",
            manage_master_password=True,
            encrypted=True,
        )

    cluster("DefaultName", "dev")
    cluster("OwnName", "app")
    environment = cdk.CfnParameter(stack, "Environment", allowed_values=["test", "prod"])
    is_test = cdk.CfnCondition(
        stack, "IsTest", expression=cdk.Fn.condition_equals(environment.value_as_string, "test")
    )
    cluster("Conditional", cdk.Fn.condition_if(is_test.logical_id, "dev", "app").to_string())
    return app


def test_redshift_9_is_off_by_default() -> None:
    result = check_app(_app())

    assert not [f for f in result.findings if f.control.id == "Redshift.9"]
    assert not [v for v in result.reported() if v[0] == "FSBP-Redshift.9"]


@pytest.mark.parametrize(
    "options",
    [{"include_retired": True}, {"controls": ["Redshift.9"]}],
    ids=["include_retired", "named"],
)
def test_redshift_9_default_database_name_fails_when_enabled(options: dict[str, object]) -> None:
    result: CheckResult = check_app(_app(), **options)

    assert result.resources("Redshift.9", Status.FAIL) == {"S/DefaultName"}
    assert result.resources("Redshift.9", Status.PASS) == {"S/OwnName"}
    assert result.resources("Redshift.9", Status.UNKNOWN) == {"S/Conditional"}
    assert {v for v in result.reported() if v[0] == "FSBP-Redshift.9"} == {
        ("FSBP-Redshift.9", "error", "S/DefaultName"),
        ("FSBP-Redshift.9", "warning", "S/Conditional"),
    }
    (failed,) = [
        f for f in result.findings if f.status is Status.FAIL and f.control.id == "Redshift.9"
    ]
    assert "control retired on 2025-09-24" in failed.message
    assert "DBName is 'dev'" in failed.message
