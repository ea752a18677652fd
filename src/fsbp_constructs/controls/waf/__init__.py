"""AWS WAF: WAF.2, WAF.4, WAF.6, WAF.8 (WAF Classic), WAF.10, WAF.12 (WAFv2); WAF.3 and WAF.7
are not checkable."""

from __future__ import annotations

from ...engine.checks import FAILS, all_of, control, each, prop
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


# --------------------------------------------------------------------------- WAFv2

control(
    "WAF.10",
    "AWS::WAFv2::WebACL",
    check=prop("Rules", absent=FAILS).not_empty(),
    fix="add at least one rule (a rule statement, a managed rule group or a rule group "
    "reference) to Rules of the web ACL",
    note="A web ACL without rules applies only its DefaultAction. A list whose items are known "
    "only at deploy time counts.",
)

_METRICS_ON = prop("VisibilityConfig.CloudWatchMetricsEnabled", absent=FAILS).is_true()

control(
    "WAF.12",
    "AWS::WAFv2::RuleGroup",
    check=all_of(_METRICS_ON, each("Rules", _METRICS_ON)),
    when=prop("Rules", absent=FAILS).not_empty(),
    fix="set VisibilityConfig.CloudWatchMetricsEnabled to true on the rule group and on every "
    "item of Rules",
    note="The AWS Config rule reads the rule group's own `VisibilityConfig`; each rule's "
    "`VisibilityConfig` is checked as well, as the control's title is about rules (open "
    "question: conservative verdict). `VisibilityConfig` is required by CloudFormation; a "
    "template without it is reported as failing. Rule groups without rules are not "
    "applicable, as AWS Config reports them. No remedy: the property is required, so a "
    "template always sets it and only changing `false` fixes it.",
)
