"""AWS WAF Classic: WAF.2, WAF.4, WAF.6, WAF.8. (WAF.3 and WAF.7 evaluate rule groups, which
CloudFormation cannot create; the catalog marks them not checkable at synth.)"""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


def _non_empty(resource: Resource, key: str, fix: str) -> Verdict:
    if get(resource.properties, key, deep=False):
        return Verdict.passed()
    return Verdict.failed(key, get(resource.properties, key, deep=False), fix)


@rule("WAF.2", "AWS::WAFRegional::Rule", "AWS::WAFRegional::RateBasedRule")
def regional_rule_has_conditions(waf_rule: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::WAFRegional::Rule.Predicates` is non-empty. `AWS::WAFRegional::RateBasedRule`
    is UNKNOWN (open question: whether Security Hub evaluates it).
    """
    if waf_rule.type == "AWS::WAFRegional::RateBasedRule":
        return Verdict.unknown(
            "Security Hub does not document whether WAF.2 evaluates rate-based rules",
            fix="migrate to AWS WAF (WAFv2)",
        )
    return _non_empty(
        waf_rule,
        "Predicates",
        "add at least one condition (predicate), or migrate to AWS WAF (WAFv2)",
    )


@rule("WAF.4", "AWS::WAFRegional::WebACL")
def regional_web_acl_has_rules(acl: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::WAFRegional::WebACL.Rules` is non-empty."""
    return _non_empty(acl, "Rules", "add at least one rule, or migrate to AWS WAF (WAFv2)")


@rule("WAF.6", "AWS::WAF::Rule")
def global_rule_has_conditions(waf_rule: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::WAF::Rule.Predicates` is non-empty."""
    return _non_empty(
        waf_rule,
        "Predicates",
        "add at least one condition (predicate), or migrate to AWS WAF (WAFv2)",
    )


@rule("WAF.8", "AWS::WAF::WebACL")
def global_web_acl_has_rules(acl: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::WAF::WebACL.Rules` is non-empty."""
    return _non_empty(acl, "Rules", "add at least one rule, or migrate to AWS WAF (WAFv2)")
