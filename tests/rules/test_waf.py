"""WAF.2, WAF.4, WAF.6 and WAF.8 (WAF Classic) through the real plugin path, on L1 resources."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_waf as waf
from aws_cdk import aws_wafregional as wafregional

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV


def test_waf_2_and_4_regional_rules_and_web_acls() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ip_set = wafregional.CfnIPSet(
        stack,
        "Blocked",
        name="blocked",
        ip_set_descriptors=[
            wafregional.CfnIPSet.IPSetDescriptorProperty(type="IPV4", value="192.0.2.0/24")
        ],
    )
    predicate = wafregional.CfnRule.PredicateProperty(
        data_id=ip_set.ref, negated=False, type="IPMatch"
    )
    with_condition = wafregional.CfnRule(
        stack, "WithCondition", name="with", metric_name="with", predicates=[predicate]
    )
    wafregional.CfnRule(stack, "NoConditions", name="none", metric_name="none")
    wafregional.CfnRule(stack, "EmptyConditions", name="empty", metric_name="empty", predicates=[])
    wafregional.CfnRateBasedRule(
        stack,
        "RateBased",
        name="rate",
        metric_name="rate",
        rate_key="IP",
        rate_limit=2000,
        match_predicates=[
            wafregional.CfnRateBasedRule.PredicateProperty(
                data_id=ip_set.ref, negated=False, type="IPMatch"
            )
        ],
    )
    wafregional.CfnRateBasedRule(
        stack,
        "RateBasedNoConditions",
        name="rate-all",
        metric_name="rateall",
        rate_key="IP",
        rate_limit=2000,
    )

    allow = wafregional.CfnWebACL.ActionProperty(type="ALLOW")
    wafregional.CfnWebACL(
        stack,
        "AclWithRule",
        name="with",
        metric_name="with",
        default_action=allow,
        rules=[
            wafregional.CfnWebACL.RuleProperty(
                action=wafregional.CfnWebACL.ActionProperty(type="BLOCK"),
                priority=1,
                rule_id=with_condition.ref,
            )
        ],
    )
    wafregional.CfnWebACL(
        stack, "AclWithoutRules", name="none", metric_name="none", default_action=allow
    )
    wafregional.CfnWebACL(
        stack, "AclEmptyRules", name="empty", metric_name="empty", default_action=allow, rules=[]
    )

    result = check_app(app, controls=["WAF.2", "WAF.4"])

    assert result.resources("WAF.2", Status.PASS) == {"S/WithCondition"}
    assert result.resources("WAF.2", Status.FAIL) == {"S/NoConditions", "S/EmptyConditions"}
    # Whether Security Hub's WAF.2 looks at rate-based rules is undocumented.
    assert result.resources("WAF.2", Status.UNKNOWN) == {"S/RateBased", "S/RateBasedNoConditions"}
    assert result.resources("WAF.4", Status.PASS) == {"S/AclWithRule"}
    assert result.resources("WAF.4", Status.FAIL) == {"S/AclWithoutRules", "S/AclEmptyRules"}
    assert result.reported() == {
        ("FSBP-WAF.2", "error", "S/NoConditions"),
        ("FSBP-WAF.2", "error", "S/EmptyConditions"),
        ("FSBP-WAF.2", "warning", "S/RateBased"),
        ("FSBP-WAF.2", "warning", "S/RateBasedNoConditions"),
        ("FSBP-WAF.4", "error", "S/AclWithoutRules"),
        ("FSBP-WAF.4", "error", "S/AclEmptyRules"),
    }


def test_waf_6_and_8_global_rules_and_web_acls() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    ip_set = waf.CfnIPSet(
        stack,
        "Blocked",
        name="blocked",
        ip_set_descriptors=[
            waf.CfnIPSet.IPSetDescriptorProperty(type="IPV4", value="192.0.2.0/24")
        ],
    )
    predicate = waf.CfnRule.PredicateProperty(data_id=ip_set.ref, negated=False, type="IPMatch")
    with_condition = waf.CfnRule(
        stack, "WithCondition", name="with", metric_name="with", predicates=[predicate]
    )
    waf.CfnRule(stack, "NoConditions", name="none", metric_name="none")
    waf.CfnRule(stack, "EmptyConditions", name="empty", metric_name="empty", predicates=[])
    strict = cdk.CfnParameter(stack, "Strict", allowed_values=["yes", "no"])
    is_strict = cdk.CfnCondition(
        stack, "IsStrict", expression=cdk.Fn.condition_equals(strict.value_as_string, "yes")
    )
    waf.CfnRule(
        stack,
        "ConditionalConditions",
        name="maybe",
        metric_name="maybe",
        predicates=cdk.Fn.condition_if(is_strict.logical_id, [predicate], cdk.Aws.NO_VALUE),
    )

    allow = waf.CfnWebACL.WafActionProperty(type="ALLOW")
    waf.CfnWebACL(
        stack,
        "AclWithRule",
        name="with",
        metric_name="with",
        default_action=allow,
        rules=[
            waf.CfnWebACL.ActivatedRuleProperty(
                action=waf.CfnWebACL.WafActionProperty(type="BLOCK"),
                priority=1,
                rule_id=with_condition.ref,
            )
        ],
    )
    waf.CfnWebACL(stack, "AclWithoutRules", name="none", metric_name="none", default_action=allow)
    waf.CfnWebACL(
        stack, "AclEmptyRules", name="empty", metric_name="empty", default_action=allow, rules=[]
    )

    result = check_app(app, controls=["WAF.6", "WAF.8"])

    assert result.resources("WAF.6", Status.PASS) == {"S/WithCondition"}
    assert result.resources("WAF.6", Status.FAIL) == {"S/NoConditions", "S/EmptyConditions"}
    assert result.resources("WAF.6", Status.UNKNOWN) == {"S/ConditionalConditions"}
    assert result.resources("WAF.8", Status.PASS) == {"S/AclWithRule"}
    assert result.resources("WAF.8", Status.FAIL) == {"S/AclWithoutRules", "S/AclEmptyRules"}
    assert result.reported() == {
        ("FSBP-WAF.6", "error", "S/NoConditions"),
        ("FSBP-WAF.6", "error", "S/EmptyConditions"),
        ("FSBP-WAF.6", "warning", "S/ConditionalConditions"),
        ("FSBP-WAF.8", "error", "S/AclWithoutRules"),
        ("FSBP-WAF.8", "error", "S/AclEmptyRules"),
    }
    (unknown,) = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert "IsStrict" in unknown.verdict.detail
