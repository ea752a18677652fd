"""mypy --strict sees the props of the Secure constructs: a misspelt or mistyped one is an error."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[1]

SNIPPET = """
import aws_cdk as cdk
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_sns as sns

from fsbp_constructs.constructs import (
    SecureAutoScalingGroup,
    SecureBucket,
    SecureEksCluster,
    SecureRepository,
    SecureTopic,
)

stack = cdk.Stack()
SecureRepository(stack, "Good", image_scan_on_push=True)
SecureRepository(stack, "Typo", image_scan_on_pushh=True)
SecureBucket(stack, "Type", versioned="yes")
SecureTopic(stack, "Own", delivery_status_logging=[sns.LoggingProtocol.SQS], fifo=True)
SecureTopic(stack, "OwnTypo", delivery_status_loging=True)
vpc = ec2.Vpc(stack, "Vpc")
types = [ec2.InstanceType("m7i.large"), ec2.InstanceType("m6i.large")]
SecureAutoScalingGroup(stack, "Asg", vpc=vpc, instance_types=types, min_capacity=1)
SecureAutoScalingGroup(stack, "AsgTypo", vpc=vpc, instance_types=types, min_capacityy=1)
SecureAutoScalingGroup(stack, "AsgType", vpc=vpc, instance_types=types, max_capacity="2")
SecureEksCluster(stack, "Eks", version="1.34", vpc=vpc, name="x")
SecureEksCluster(stack, "EksTypo", version="1.34", vpc=vpc, nam="x")
"""


def test_mypy_strict_rejects_a_misspelt_or_mistyped_prop(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(SNIPPET), encoding="utf-8")
    # The project's cache (warm after `mypy` in CI) keeps this to seconds.
    out, err, status = api.run(
        ["--strict", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary", str(app)]
    )
    errors = [line.split(": error: ", 1)[1] for line in out.splitlines() if ": error: " in line]
    assert status == 1, out + err
    assert errors == [
        'Unexpected keyword argument "image_scan_on_pushh" for "SecureRepository"; '
        'did you mean "image_scan_on_push"?  [call-arg]',
        'Argument "versioned" to "SecureBucket" has incompatible type "str"; '
        'expected "bool | None"  [arg-type]',
        'Unexpected keyword argument "delivery_status_loging" for "SecureTopic"; '
        'did you mean "delivery_status_logging"?  [call-arg]',
        'Unexpected keyword argument "min_capacityy" for "SecureAutoScalingGroup"; '
        'did you mean "min_capacity" or "max_capacity"?  [call-arg]',
        'Argument "max_capacity" to "SecureAutoScalingGroup" has incompatible type "str"; '
        'expected "int | float | None"  [arg-type]',
        'Unexpected keyword argument "nam" for "SecureEksCluster"; did you mean "name"?  '
        "[call-arg]",
    ]


CHECK_APP_SNIPPET = """
import aws_cdk as cdk

from fsbp_constructs.testing import assert_compliant, check_app

app = cdk.App()
check_app(app, controls=["ECR.1"], strict=True)
check_app(app, controll=["ECR.1"])
check_app(app, strict="yes")
assert_compliant(app, include_retired=True)
"""


def test_mypy_strict_rejects_a_misspelt_or_mistyped_check_app_option(tmp_path: Path) -> None:
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(CHECK_APP_SNIPPET), encoding="utf-8")
    out, err, status = api.run(
        ["--strict", "--cache-dir", str(ROOT / ".mypy_cache"), "--no-error-summary", str(app)]
    )
    errors = [line.split(": error: ", 1)[1] for line in out.splitlines() if ": error: " in line]
    assert status == 1, out + err
    assert errors == [
        'Unexpected keyword argument "controll" for "check_app"; did you mean "controls"?  '
        "[call-arg]",
        'Argument "strict" to "check_app" has incompatible type "str"; expected "bool | None"  '
        "[arg-type]",
    ]
