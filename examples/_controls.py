"""What every ``examples/controls*.py`` app shares: one app per service group, each with a
compliant and a noncompliant variant of the same resources.

``noncompliant``: each control of the group has a resource that violates it, so ``cdk synth``
fails on every control of the group. ``compliant``: the same resources with compliant
settings; it synthesizes with no finding under the whole pack. Across all the apps, every
checked control fires, and every compliant twin is clean (tests prove both).
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import aws_cdk as cdk
from constructs import Construct

from fsbp_constructs import FsbpChecks

ENV = cdk.Environment(account="111111111111", region="us-east-1")
#: Stack notifications satisfy the retired CloudFormation.1 (every app runs every control).
TOPIC_ARN = "arn:aws:sns:us-east-1:111111111111:stack-events"
#: Context lookups answered in advance (what cdk.context.json holds): synth needs no AWS call.
LOOKUPS = {
    "availability-zones:account=111111111111:region=us-east-1": [
        "us-east-1a",
        "us-east-1b",
        "us-east-1c",
    ],
}

#: ``add(stack, ok)`` puts the group's resources into ``stack``; ``ok`` picks the compliant
#: settings.
AddResources = Callable[[Construct, bool], None]


def build(add: AddResources, variant: str, outdir: str | None = None) -> cdk.App:
    """The app of one group, with ``FsbpChecks`` registered (every control, strict)."""
    if variant not in ("compliant", "noncompliant"):
        raise ValueError(f"variant must be 'compliant' or 'noncompliant', not {variant!r}")
    app = cdk.App(outdir=outdir, context=LOOKUPS)
    ok = variant == "compliant"
    stack = cdk.Stack(
        app,
        "Compliant" if ok else "Noncompliant",
        env=ENV,
        notification_arns=[TOPIC_ARN],
        termination_protection=ok,  # CloudFormation.3
    )
    add(stack, ok)
    cdk.Validations.of(app).add_plugins(FsbpChecks(app, include_retired=True, strict=True))
    return app


def main(add: AddResources) -> None:
    """``python -m examples.controls_<group> [compliant|noncompliant]`` (from the repository
    root), for ``cdk synth --app``."""
    build(add, sys.argv[1] if len(sys.argv) > 1 else "noncompliant").synth()
