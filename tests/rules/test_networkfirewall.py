"""NetworkFirewall.3, .4 and .5 through the real plugin path, on L1 firewall policies."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_networkfirewall as nfw

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

Policy = nfw.CfnFirewallPolicy
CONTROLS = ["NetworkFirewall.3", "NetworkFirewall.4", "NetworkFirewall.5"]
RULE_GROUP_ARN = "arn:aws:network-firewall:us-east-1:111111111111:stateful-rulegroup/shared"

#: A stateless custom action: publishes a metric, and is a name in the default action lists.
METRICS = Policy.CustomActionProperty(
    action_name="Metrics",
    action_definition=Policy.ActionDefinitionProperty(
        publish_metric_action=Policy.PublishMetricActionProperty(
            dimensions=[Policy.DimensionProperty(value="default")]
        )
    ),
)


def _policy(
    stack: cdk.Stack,
    name: str,
    full: list[str],
    fragments: list[str],
    stateful: list[Policy.StatefulRuleGroupReferenceProperty] | None = None,
    stateless: list[Policy.StatelessRuleGroupReferenceProperty] | None = None,
) -> None:
    Policy(
        stack,
        name,
        firewall_policy_name=name,
        firewall_policy=Policy.FirewallPolicyProperty(
            stateless_default_actions=full,
            stateless_fragment_default_actions=fragments,
            stateless_custom_actions=[METRICS],
            stateful_rule_group_references=stateful,
            stateless_rule_group_references=stateless,
        ),
    )


def _app() -> cdk.App:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    stateless_group = nfw.CfnRuleGroup(
        stack,
        "StatelessGroup",
        capacity=10,
        rule_group_name="stateless",
        type="STATELESS",
        rule_group=nfw.CfnRuleGroup.RuleGroupProperty(
            rules_source=nfw.CfnRuleGroup.RulesSourceProperty(
                stateless_rules_and_custom_actions=nfw.CfnRuleGroup.StatelessRulesAndCustomActionsProperty(
                    stateless_rules=[
                        nfw.CfnRuleGroup.StatelessRuleProperty(
                            priority=1,
                            rule_definition=nfw.CfnRuleGroup.RuleDefinitionProperty(
                                actions=["aws:drop"],
                                match_attributes=nfw.CfnRuleGroup.MatchAttributesProperty(
                                    protocols=[17]
                                ),
                            ),
                        )
                    ]
                )
            )
        ),
    )
    _policy(
        stack,
        "Stateful",
        ["aws:forward_to_sfe"],
        ["aws:drop"],
        stateful=[Policy.StatefulRuleGroupReferenceProperty(resource_arn=RULE_GROUP_ARN)],
    )
    _policy(
        stack,
        "Stateless",
        ["aws:drop", "Metrics"],
        ["Metrics", "aws:forward_to_sfe"],
        stateless=[
            Policy.StatelessRuleGroupReferenceProperty(
                resource_arn=stateless_group.attr_rule_group_arn, priority=10
            )
        ],
    )
    _policy(stack, "NoGroups", ["aws:pass"], ["aws:pass"])
    _policy(stack, "EmptyGroups", ["Metrics"], ["Metrics"], stateful=[], stateless=[])
    _policy(
        stack,
        "PassAndMetrics",
        ["aws:pass", "Metrics"],
        ["aws:drop"],
        stateful=[Policy.StatefulRuleGroupReferenceProperty(resource_arn=RULE_GROUP_ARN)],
    )
    return app


def test_network_firewall_policies() -> None:
    result = check_app(_app(), controls=CONTROLS)

    # NetworkFirewall.3: a stateful or a stateless rule group (even one known only at deploy).
    assert result.resources("NetworkFirewall.3", Status.PASS) == {
        "S/Stateful",
        "S/Stateless",
        "S/PassAndMetrics",
    }
    assert result.resources("NetworkFirewall.3", Status.FAIL) == {"S/NoGroups", "S/EmptyGroups"}
    # NetworkFirewall.4: full packets. aws:pass fails even beside a custom action; a custom
    # action beside aws:drop passes; custom actions alone are undocumented.
    assert result.resources("NetworkFirewall.4", Status.PASS) == {"S/Stateful", "S/Stateless"}
    assert result.resources("NetworkFirewall.4", Status.FAIL) == {"S/NoGroups", "S/PassAndMetrics"}
    assert result.resources("NetworkFirewall.4", Status.UNKNOWN) == {"S/EmptyGroups"}
    # NetworkFirewall.5: fragmented packets, the same decision on the other list.
    assert result.resources("NetworkFirewall.5", Status.PASS) == {
        "S/Stateful",
        "S/Stateless",
        "S/PassAndMetrics",
    }
    assert result.resources("NetworkFirewall.5", Status.FAIL) == {"S/NoGroups"}
    assert result.resources("NetworkFirewall.5", Status.UNKNOWN) == {"S/EmptyGroups"}

    assert result.reported() == {
        ("FSBP-NetworkFirewall.3", "error", "S/NoGroups"),
        ("FSBP-NetworkFirewall.3", "error", "S/EmptyGroups"),
        ("FSBP-NetworkFirewall.4", "error", "S/NoGroups"),
        ("FSBP-NetworkFirewall.4", "error", "S/PassAndMetrics"),
        ("FSBP-NetworkFirewall.4", "warning", "S/EmptyGroups"),
        ("FSBP-NetworkFirewall.5", "error", "S/NoGroups"),
        ("FSBP-NetworkFirewall.5", "warning", "S/EmptyGroups"),
    }
    unknown = {
        (f.control.id, f.verdict.path): f.verdict.detail
        for f in result.findings
        if f.status is Status.UNKNOWN
    }
    assert (
        "custom actions (Metrics)"
        in unknown[("NetworkFirewall.4", "FirewallPolicy.StatelessDefaultActions")]
    )
    assert (
        "custom actions (Metrics)"
        in unknown[("NetworkFirewall.5", "FirewallPolicy.StatelessFragmentDefaultActions")]
    )
