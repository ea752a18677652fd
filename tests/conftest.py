"""Shared test setup: one pytest session, many small apps (each synth is cheap once Node runs)."""

from __future__ import annotations

import aws_cdk as cdk
import pytest

#: A fixed environment so that templates and bootstrap names are stable.
ENV = cdk.Environment(account="111111111111", region="us-east-1")


@pytest.fixture
def env() -> cdk.Environment:
    return ENV
