"""AWS Network Firewall: NetworkFirewall.3, NetworkFirewall.4, NetworkFirewall.5."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import get


@rule("NetworkFirewall.3", "AWS::NetworkFirewall::FirewallPolicy")
def policy_has_rule_groups(policy: Resource, ctx: RuleContext) -> Verdict:
    """`FirewallPolicy.StatefulRuleGroupReferences` or `StatelessRuleGroupReferences` is
    non-empty.
    """
    props = policy.properties
    stateful = get(props, "FirewallPolicy.StatefulRuleGroupReferences", deep=False)
    stateless = get(props, "FirewallPolicy.StatelessRuleGroupReferences", deep=False)
    if stateful or stateless:
        return Verdict.passed()
    return Verdict.failed(
        "FirewallPolicy.StatefulRuleGroupReferences",
        stateful,
        "associate at least one stateful or stateless rule group "
        "(SecureFirewallPolicy requires one)",
    )


def _default_actions(policy: Resource, key: str) -> Verdict:
    path = f"FirewallPolicy.{key}"
    actions = get(policy.properties, path) or []
    fix = (
        f"set {key} to ['aws:drop'] or ['aws:forward_to_sfe'] "
        "(SecureFirewallPolicy uses aws:forward_to_sfe)"
    )
    if "aws:pass" in actions:
        return Verdict.failed(path, actions, fix)
    if "aws:drop" in actions or "aws:forward_to_sfe" in actions:
        return Verdict.passed()
    if not actions:
        return Verdict.failed(path, None, fix)
    return Verdict.unknown(
        f"{path} holds only custom actions ({', '.join(map(str, actions))}), "
        "whose treatment Security Hub does not document",
        path=path,
        fix=fix,
    )


@rule("NetworkFirewall.4", "AWS::NetworkFirewall::FirewallPolicy")
def policy_default_drops_full_packets(policy: Resource, ctx: RuleContext) -> Verdict:
    """`FirewallPolicy.StatelessDefaultActions` has no `aws:pass` and has `aws:drop` or
    `aws:forward_to_sfe`; only custom actions is UNKNOWN.
    """
    return _default_actions(policy, "StatelessDefaultActions")


@rule("NetworkFirewall.5", "AWS::NetworkFirewall::FirewallPolicy")
def policy_default_drops_fragments(policy: Resource, ctx: RuleContext) -> Verdict:
    """`FirewallPolicy.StatelessFragmentDefaultActions` has no `aws:pass` and has `aws:drop`
    or `aws:forward_to_sfe`; only custom actions is UNKNOWN.
    """
    return _default_actions(policy, "StatelessFragmentDefaultActions")
