"""S3.13 through the real plugin path, with and without the Security Hub parameters."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3express as s3express

from fsbp_constructs import FsbpChecks, Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

Days = cdk.Duration.days


def _glacier(days: int) -> s3.Transition:
    return s3.Transition(storage_class=s3.StorageClass.GLACIER, transition_after=Days(days))


def test_s3_13_needs_an_enabled_lifecycle_rule() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    s3.Bucket(stack, "Lifecycle", lifecycle_rules=[s3.LifecycleRule(expiration=Days(365))])
    s3.Bucket(stack, "NoLifecycle")
    s3.Bucket(
        stack,
        "OnlyDisabled",
        lifecycle_rules=[s3.LifecycleRule(enabled=False, expiration=Days(365))],
    )
    s3.Bucket(
        stack,
        "DisabledAndEnabled",
        lifecycle_rules=[
            s3.LifecycleRule(enabled=False, expiration=Days(30)),
            s3.LifecycleRule(abort_incomplete_multipart_upload_after=Days(7)),
        ],
    )
    status = cdk.CfnParameter(stack, "RuleStatus", allowed_values=["Enabled", "Disabled"])
    s3.CfnBucket(
        stack,
        "StatusFromParameter",
        lifecycle_configuration=s3.CfnBucket.LifecycleConfigurationProperty(
            rules=[s3.CfnBucket.RuleProperty(status=status.value_as_string, expiration_in_days=365)]
        ),
    )
    s3express.CfnDirectoryBucket(
        stack, "Directory", data_redundancy="SingleAvailabilityZone", location_name="use1-az4"
    )

    result = check_app(app, controls=["S3.13"])

    assert result.resources("S3.13", Status.PASS) == {
        "S/Lifecycle/Resource",
        "S/DisabledAndEnabled/Resource",
    }
    assert result.resources("S3.13", Status.FAIL) == {
        "S/NoLifecycle/Resource",
        "S/OnlyDisabled/Resource",
    }
    assert result.resources("S3.13", Status.UNKNOWN) == {"S/StatusFromParameter"}
    assert result.resources("S3.13", Status.NOT_APPLICABLE) == {"S/Directory"}
    assert result.reported() == {
        ("FSBP-S3.13", "error", "S/NoLifecycle/Resource"),
        ("FSBP-S3.13", "error", "S/OnlyDisabled/Resource"),
        ("FSBP-S3.13", "warning", "S/StatusFromParameter"),
    }
    details = {f.resource: f.verdict.detail for f in result.findings}
    assert details["S/NoLifecycle/Resource"] == "LifecycleConfiguration.Rules is absent"
    assert '"Status": "Disabled"' in details["S/OnlyDisabled/Resource"]
    assert "RuleStatus" in details["S/StatusFromParameter"]


def _parameter_app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    s3.Bucket(
        stack,
        "Expire365Glacier90",
        lifecycle_rules=[s3.LifecycleRule(expiration=Days(365), transitions=[_glacier(90)])],
    )
    s3.Bucket(stack, "Expire30", lifecycle_rules=[s3.LifecycleRule(expiration=Days(30))])
    s3.Bucket(
        stack,
        "Glacier30DeepArchive180",
        lifecycle_rules=[
            s3.LifecycleRule(
                transitions=[
                    _glacier(30),
                    s3.Transition(
                        storage_class=s3.StorageClass.DEEP_ARCHIVE, transition_after=Days(180)
                    ),
                ]
            )
        ],
    )
    # Each rule matches one parameter; no single rule matches both.
    s3.Bucket(
        stack,
        "SplitAcrossRules",
        lifecycle_rules=[
            s3.LifecycleRule(expiration=Days(365)),
            s3.LifecycleRule(transitions=[_glacier(90)]),
        ],
    )
    s3.Bucket(
        stack,
        "DisabledMatch",
        lifecycle_rules=[
            s3.LifecycleRule(enabled=False, expiration=Days(365), transitions=[_glacier(90)])
        ],
    )
    days = cdk.CfnParameter(stack, "TransitionDays", type="Number")
    s3.CfnBucket(
        stack,
        "DaysFromParameter",
        lifecycle_configuration=s3.CfnBucket.LifecycleConfigurationProperty(
            rules=[
                s3.CfnBucket.RuleProperty(
                    status="Enabled",
                    transitions=[
                        s3.CfnBucket.TransitionProperty(
                            storage_class="GLACIER", transition_in_days=days.value_as_number
                        )
                    ],
                )
            ]
        ),
    )
    return app


ALL = {
    "S/Expire365Glacier90/Resource",
    "S/Expire30/Resource",
    "S/Glacier30DeepArchive180/Resource",
    "S/SplitAcrossRules/Resource",
    "S/DisabledMatch/Resource",
    "S/DaysFromParameter",
}


@pytest.mark.parametrize(
    ("parameters", "passing", "unknown"),
    [
        (
            {"targetExpirationDays": 365},
            {"S/Expire365Glacier90/Resource", "S/SplitAcrossRules/Resource"},
            set(),
        ),
        (
            {"targetTransitionDays": 90, "targetTransitionStorageClass": "GLACIER"},
            {"S/Expire365Glacier90/Resource", "S/SplitAcrossRules/Resource"},
            {"S/DaysFromParameter"},
        ),
        (
            {"targetTransitionStorageClass": "DEEP_ARCHIVE"},
            {"S/Glacier30DeepArchive180/Resource"},
            set(),
        ),
        (
            {"targetTransitionStorageClass": "GLACIER"},
            {
                "S/Expire365Glacier90/Resource",
                "S/SplitAcrossRules/Resource",
                "S/Glacier30DeepArchive180/Resource",
                "S/DaysFromParameter",
            },
            set(),
        ),
        (
            {
                "targetExpirationDays": 365,
                "targetTransitionDays": 90,
                "targetTransitionStorageClass": "GLACIER",
            },
            {"S/Expire365Glacier90/Resource"},
            set(),
        ),
        # The 180-day transition goes to DEEP_ARCHIVE, not GLACIER: one transition must match.
        (
            {"targetTransitionDays": 180, "targetTransitionStorageClass": "GLACIER"},
            set(),
            {"S/DaysFromParameter"},
        ),
    ],
)
def test_s3_13_parameters_must_match_one_enabled_rule(
    parameters: dict[str, Any], passing: set[str], unknown: set[str]
) -> None:
    result = check_app(_parameter_app(), controls=["S3.13"], parameters={"S3.13": parameters})

    failing = ALL - passing - unknown
    assert result.resources("S3.13", Status.PASS) == passing
    assert result.resources("S3.13", Status.UNKNOWN) == unknown
    assert result.resources("S3.13", Status.FAIL) == failing
    assert result.reported() == {("FSBP-S3.13", "error", p) for p in failing} | {
        ("FSBP-S3.13", "warning", p) for p in unknown
    }
    fixes = {
        f.verdict.fix
        for f in result.findings
        if f.status is Status.FAIL and f.resource != "S/DisabledMatch/Resource"
    }
    wanted = ", ".join(f"{k}={v}" for k, v in parameters.items())
    assert all(fix is not None and all(part in fix for part in wanted.split(", ")) for fix in fixes)


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        ("targetExpirationDays", 0),
        ("targetExpirationDays", 36501),
        ("targetExpirationDays", "30"),
        ("targetTransitionDays", True),
        ("targetTransitionDays", 1.5),
        ("targetTransitionStorageClass", "GLACIER_DEEP"),
        ("targetTransitionStorageClass", "glacier"),
    ],
)
def test_s3_13_bad_parameter_values_are_refused_at_construction(name: str, bad: object) -> None:
    with pytest.raises(ValueError) as raised:
        FsbpChecks(parameters={"S3.13": {name: bad}})

    message = str(raised.value)
    assert name in message
    assert repr(bad) in message
    assert ("1 to 36500" if name.endswith("Days") else "DEEP_ARCHIVE, GLACIER") in message


def test_s3_13_unknown_parameter_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown parameter 'targetPrefix'.*targetTransitionDays"):
        FsbpChecks(parameters={"S3.13": {"targetPrefix": "logs/"}})
