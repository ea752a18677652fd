"""AWS Network Firewall: NetworkFirewall.3, NetworkFirewall.4, NetworkFirewall.5."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Verdict, rule

_GROUP_LISTS = (
    "FirewallPolicy.StatefulRuleGroupReferences",
    "FirewallPolicy.StatelessRuleGroupReferences",
)
_GROUPS_FIX = (
    "add an item to FirewallPolicy.StatefulRuleGroupReferences or "
    "FirewallPolicy.StatelessRuleGroupReferences"
)


control(
    "NetworkFirewall.3",
    "AWS::NetworkFirewall::FirewallPolicy",
    check=any_of(*(prop(path, absent=FAILS).not_empty() for path in _GROUP_LISTS)),
    fix=_GROUPS_FIX,
    note="A reference whose ARN is known only at deploy time counts.",
)


_FORWARDING = ("aws:drop", "aws:forward_to_sfe")


def _default_actions(policy: Resource, key: str) -> Verdict:
    path = f"FirewallPolicy.{key}"
    fix = f"set FirewallPolicy.{key} to [aws:drop] or [aws:forward_to_sfe], without aws:pass"
    actions = policy.props.values(path)
    if "aws:pass" in actions:
        return Verdict.failed(path, actions, fix)
    if any(action in _FORWARDING for action in actions):
        return Verdict.passed()
    if not actions:
        return Verdict.failed(path, policy.props.shallow(path), fix)
    return Verdict.unknown(
        f"{path} holds only custom actions ({', '.join(map(str, actions))}), "
        "whose treatment Security Hub does not document",
        path=path,
        fix=fix,
    )


@rule(
    "NetworkFirewall.4",
    "AWS::NetworkFirewall::FirewallPolicy",
    fix="set FirewallPolicy.StatelessDefaultActions to [aws:drop] or [aws:forward_to_sfe], "
    "without aws:pass",
)
def policy_default_drops_full_packets(policy: Resource, ctx: RuleContext) -> Verdict:
    """`FirewallPolicy.StatelessDefaultActions` holds no `aws:pass` and holds `aws:drop` or
    `aws:forward_to_sfe`; absent or empty fails (CloudFormation requires the list). A list of
    only custom action names is UNKNOWN (open question: Security Hub does not document how
    custom actions count).
    """
    return _default_actions(policy, "StatelessDefaultActions")


@rule(
    "NetworkFirewall.5",
    "AWS::NetworkFirewall::FirewallPolicy",
    fix="set FirewallPolicy.StatelessFragmentDefaultActions to [aws:drop] or "
    "[aws:forward_to_sfe], without aws:pass",
)
def policy_default_drops_fragments(policy: Resource, ctx: RuleContext) -> Verdict:
    """`FirewallPolicy.StatelessFragmentDefaultActions` holds no `aws:pass` and holds
    `aws:drop` or `aws:forward_to_sfe`; absent or empty fails (CloudFormation requires the
    list). A list of only custom action names is UNKNOWN (open question: Security Hub does
    not document how custom actions count).
    """
    return _default_actions(policy, "StatelessFragmentDefaultActions")
