"""Amazon Redshift: Redshift.9 (retired)."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("Redshift.9", "AWS::Redshift::Cluster")
def cluster_uses_non_default_database_name(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`DBName` is not `dev`. Retired control: runs only with `include_retired=True` or when
    named in `controls`. A template without `DBName`, which CloudFormation requires, is UNKNOWN.
    """
    name = get(cluster.properties, "DBName")
    if name == "dev":
        return Verdict.failed(
            "DBName",
            name,
            "choose a database name other than dev (SecureRedshiftCluster requires one)",
        )
    if name is None:
        return Verdict.unknown(
            "DBName is not set (it is required by CloudFormation)", path="DBName"
        )
    return Verdict.passed()
