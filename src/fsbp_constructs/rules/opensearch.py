"""Amazon OpenSearch Service: Opensearch.7."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("Opensearch.7", "AWS::OpenSearchService::Domain", "AWS::Elasticsearch::Domain")
def domain_has_fine_grained_access_control(domain: Resource, ctx: RuleContext) -> Verdict:
    """`AdvancedSecurityOptions.Enabled` is true. Absent means disabled. Legacy
    `AWS::Elasticsearch::Domain` resources are NOT_APPLICABLE (provisional, open question:
    whether Security Hub evaluates them).
    """
    if domain.type == "AWS::Elasticsearch::Domain":
        return Verdict.not_applicable(
            "a legacy Elasticsearch domain; Opensearch.7 is taken to evaluate OpenSearch "
            "Service domains only (open question)"
        )
    enabled = get(domain.properties, "AdvancedSecurityOptions.Enabled")
    if enabled is True or enabled == "true":
        return Verdict.passed()
    return Verdict.failed(
        "AdvancedSecurityOptions.Enabled",
        enabled,
        "enable fine-grained access control (AdvancedSecurityOptions), with "
        "encryption at rest, node-to-node encryption and HTTPS it requires "
        "(SecureDomain does)",
    )
