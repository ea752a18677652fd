"""Amazon Redshift: Redshift.9 (retired)."""

from __future__ import annotations

from ...engine.checks import control, prop, unknown

control(
    "Redshift.9",
    "AWS::Redshift::Cluster",
    check=prop(
        "DBName",
        absent=unknown("a database name that CloudFormation requires but the template omits"),
    ).none_of("dev"),
    fix="set DBName to a name other than dev",
    note="Retired control: it runs only with `include_retired=True` or when named in `controls`.",
)
