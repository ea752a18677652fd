"""AWS WAF Classic: WAF.2, WAF.4, WAF.6, WAF.8; WAF.3 and WAF.7 are not checkable."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, not_checkable, rule

for _control_id, _type in (
    ("WAF.3", "AWS::WAFRegional::RuleGroup"),
    ("WAF.7", "AWS::WAF::RuleGroup"),
):
    not_checkable(
        _control_id,
        f"Security Hub evaluates {_type}, which CloudFormation cannot create (WAF Classic "
        "rule groups exist only through the API, the console or AWS Marketplace)",
    )

_CONDITIONS_FIX = "add an item to Predicates (a condition), or migrate to AWS WAF (WAFv2)"
_RULES_FIX = "add an item to Rules, or migrate to AWS WAF (WAFv2)"
_PREDICATES = prop("Predicates", absent=FAILS).not_empty()


@rule(
    "WAF.2",
    "AWS::WAFRegional::Rule",
    "AWS::WAFRegional::RateBasedRule",
    fix=_CONDITIONS_FIX,
)
def regional_rule_has_conditions(waf_rule: Resource, ctx: RuleContext) -> Verdict:
    """`AWS::WAFRegional::Rule.Predicates` has at least one item (values known only at
    deploy time count); absent means no condition. `AWS::WAFRegional::RateBasedRule` is
    UNKNOWN (open question: Security Hub does not document whether WAF.2, whose AWS Config
    type is `AWS::WAFRegional::Rule`, also evaluates rate-based rules).
    """
    if waf_rule.type == "AWS::WAFRegional::RateBasedRule":
        return Verdict.unknown(
            "Security Hub does not document whether WAF.2 evaluates rate-based rules",
            fix="migrate to AWS WAF (WAFv2)",
        )
    return _PREDICATES.evaluate(waf_rule.props, ctx.parameters)


control(
    "WAF.4",
    "AWS::WAFRegional::WebACL",
    check=prop("Rules", absent=FAILS).not_empty(),
    fix=_RULES_FIX,
    note="Rule ids known only at deploy time count.",
)

control(
    "WAF.6",
    "AWS::WAF::Rule",
    check=_PREDICATES,
    fix=_CONDITIONS_FIX,
    note="Values known only at deploy time count.",
)

control(
    "WAF.8",
    "AWS::WAF::WebACL",
    check=prop("Rules", absent=FAILS).not_empty(),
    fix=_RULES_FIX,
    note="Rule ids known only at deploy time count.",
)
