"""SecureFirewallPolicy: NetworkFirewall.3 (rule groups), .4 and .5 (stateless defaults)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_networkfirewall as nfw
from aws_cdk.assertions import Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.networkfirewall import SecureFirewallPolicy
from fsbp_constructs.testing import assert_compliant, check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack

RULES_ARN = (
    "arn:aws:network-firewall:us-east-1:aws-managed:stateful-rulegroup/"
    "ThreatSignaturesBotnetStrictOrder"
)
STATEFUL = [
    nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty(resource_arn=RULES_ARN, priority=1)
]
FORWARD = ["aws:forward_to_sfe"]


def _policy(stack: cdk.Stack, id: str = "Policy", **props: Any) -> SecureFirewallPolicy:
    return SecureFirewallPolicy(
        stack,
        id,
        firewall_policy_name=f"{id.lower()}-policy",
        stateful_rule_group_references=STATEFUL,
        stateful_engine_options=nfw.CfnFirewallPolicy.StatefulEngineOptionsProperty(
            rule_order="STRICT_ORDER"
        ),
        **props,
    )


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    _policy(stack)

    assert template_of(stack) == snapshot_json


def test_rule_group_and_forward_defaults() -> None:
    _, stack = new_stack()
    policy = _policy(stack)

    Template.from_stack(stack).has_resource_properties(
        "AWS::NetworkFirewall::FirewallPolicy",
        {
            "FirewallPolicyName": "policy-policy",
            "FirewallPolicy": {
                "StatefulRuleGroupReferences": [{"ResourceArn": RULES_ARN, "Priority": 1}],
                "StatelessDefaultActions": FORWARD,
                "StatelessFragmentDefaultActions": FORWARD,
                "StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"},
            },
        },
    )
    assert policy.node.default_child is policy.resource
    assert stack.resolve(policy.firewall_policy_arn) == {
        "Fn::GetAtt": [stack.get_logical_id(policy.resource), "FirewallPolicyArn"]
    }


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    _policy(stack)

    result = assert_compliant(app, include_retired=True, strict=True)

    for control in ("NetworkFirewall.3", "NetworkFirewall.4", "NetworkFirewall.5"):
        assert result.resources(control, Status.PASS) == {"S/Policy/Resource"}


def test_pack_flags_custom_only_default_actions_and_removed_rule_groups() -> None:
    app, stack = new_stack()
    custom = nfw.CfnFirewallPolicy.CustomActionProperty(
        action_name="CountOnly",
        action_definition=nfw.CfnFirewallPolicy.ActionDefinitionProperty(
            publish_metric_action=nfw.CfnFirewallPolicy.PublishMetricActionProperty(
                dimensions=[nfw.CfnFirewallPolicy.DimensionProperty(value="count")]
            )
        ),
    )
    _policy(
        stack,
        "Custom",
        stateless_custom_actions=[custom],
        stateless_default_actions=["CountOnly"],
        stateless_fragment_default_actions=["CountOnly"],
    )
    empty = _policy(stack, "Empty")
    l1 = empty.node.default_child
    assert isinstance(l1, cdk.CfnResource)
    l1.add_property_deletion_override("FirewallPolicy.StatefulRuleGroupReferences")

    result = check_app(
        app, controls=["NetworkFirewall.3", "NetworkFirewall.4", "NetworkFirewall.5"]
    )

    assert result.resources("NetworkFirewall.4", Status.UNKNOWN) == {"S/Custom/Resource"}
    assert result.resources("NetworkFirewall.5", Status.UNKNOWN) == {"S/Custom/Resource"}
    assert result.resources("NetworkFirewall.3", Status.FAIL) == {"S/Empty/Resource"}
    assert result.reported() == {
        ("FSBP-NetworkFirewall.4", "warning", "S/Custom/Resource"),
        ("FSBP-NetworkFirewall.5", "warning", "S/Custom/Resource"),
        ("FSBP-NetworkFirewall.3", "error", "S/Empty/Resource"),
    }


def test_drop_is_accepted() -> None:
    _, stack = new_stack()
    _policy(stack, stateless_default_actions=["aws:drop"])

    Template.from_stack(stack).has_resource_properties(
        "AWS::NetworkFirewall::FirewallPolicy",
        {
            "FirewallPolicy": {
                "StatelessDefaultActions": ["aws:drop"],
                "StatelessFragmentDefaultActions": FORWARD,
            }
        },
    )


def test_no_rule_group_is_refused() -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=r"no rule groups \(NetworkFirewall\.3\)"):
        SecureFirewallPolicy(stack, "Policy", firewall_policy_name="p")
    with pytest.raises(ValueError, match=r"no rule groups"):
        SecureFirewallPolicy(
            stack, "Policy2", firewall_policy_name="p", stateless_rule_group_references=[]
        )


@pytest.mark.parametrize(
    ("name", "control"),
    [
        ("stateless_default_actions", "NetworkFirewall.4"),
        ("stateless_fragment_default_actions", "NetworkFirewall.5"),
    ],
)
def test_pass_default_action_is_refused(name: str, control: str) -> None:
    _, stack = new_stack()
    overrides: dict[str, Any] = {name: ["aws:pass"]}
    with pytest.raises(
        ValueError,
        match=rf"{name} \['aws:pass'\] contains aws:pass "
        rf"\({control}\)",
    ):
        _policy(stack, **overrides)


def test_empty_default_actions_are_refused() -> None:
    _, stack = new_stack()
    with pytest.raises(ValueError, match=r"stateless_default_actions is empty"):
        _policy(stack, stateless_default_actions=[])


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    _policy(stack)

    assert cfn_lint_errors(template_of(stack)) == []
