"""AWS Network Firewall: NetworkFirewall.2, .3, .4, .5, .6, .9, .10."""

from __future__ import annotations

from ...engine.checks import FAILS, any_of, control, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable

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


# --------------------------------------------------------------------------- NetworkFirewall.6

control(
    "NetworkFirewall.6",
    "AWS::NetworkFirewall::RuleGroup",
    check=prop(
        "RuleGroup.RulesSource.StatelessRulesAndCustomActions.StatelessRules", absent=FAILS
    ).not_empty(),
    when=prop("Type", absent=FAILS).equals("STATELESS"),
    fix="add at least one rule to RuleGroup.RulesSource.StatelessRulesAndCustomActions."
    "StatelessRules of the stateless rule group",
    note="Stateful rule groups are not applicable. A rule group without `RuleGroup` (its rules "
    "given by a file outside the template) fails, as the template shows no rule (open "
    "question: conservative verdict).",
)


# --------------------------------------------------------------------------- .9, .10

_FIREWALL = "AWS::NetworkFirewall::Firewall"

control(
    "NetworkFirewall.9",
    _FIREWALL,
    check=prop("DeleteProtection", absent=False).is_true(),
    fix="set DeleteProtection to true on the firewall",
    remedy=Remedy(
        {"DeleteProtection": True},
        safe=False,
        breaks="Deleting the firewall (or its stack, or a replacement) fails until "
        "DeleteProtection is set back to false.",
    ),
)

control(
    "NetworkFirewall.10",
    _FIREWALL,
    check=prop("SubnetChangeProtection", absent=False).is_true(),
    fix="set SubnetChangeProtection to true on the firewall",
    remedy=Remedy(
        {"SubnetChangeProtection": True},
        safe=False,
        breaks="Changing the firewall's SubnetMappings fails until SubnetChangeProtection is "
        "set back to false.",
    ),
)


# --------------------------------------------------------------------------- NetworkFirewall.2

_LOGGING = "AWS::NetworkFirewall::LoggingConfiguration"
_DESTINATIONS = "LoggingConfiguration.LogDestinationConfigs"
_LOG_FIX = (
    "add an AWS::NetworkFirewall::LoggingConfiguration whose FirewallArn refers to the firewall, "
    "with at least one item (FLOW, ALERT or TLS log type and a destination) in "
    "LoggingConfiguration.LogDestinationConfigs"
)
_HAS_DESTINATIONS = prop(_DESTINATIONS, absent=FAILS).not_empty()


@rule("NetworkFirewall.2", _FIREWALL, _LOGGING, fix=_LOG_FIX)
def firewall_logs(resource: Resource, ctx: RuleContext) -> Verdict:
    """A logging configuration (`AWS::NetworkFirewall::LoggingConfiguration`) lists at least
    one log destination (`LoggingConfiguration.LogDestinationConfigs`, any log type). A
    firewall passes when a logging configuration of the app refers to it in `FirewallArn`
    (`Ref`/`Fn::GetAtt`, or a CDK cross-stack import) and has a destination; without one it
    fails, since a configuration made outside the app cannot be seen (open question:
    conservative verdict). Whether the destination exists is not checked.
    """
    if resource.type == _LOGGING:
        return _HAS_DESTINATIONS.evaluate(resource.props, ctx.parameters)
    undecided = Undecided()
    for reference in ctx.app.referrers(resource, _LOGGING):
        if not reference.path.startswith("FirewallArn"):
            continue
        try:
            verdict = _HAS_DESTINATIONS.evaluate(reference.source.props, ctx.parameters)
        except Undecidable as error:
            undecided.keep(error)
            continue
        if verdict.status is Status.PASS:
            return Verdict.passed(f"logged by {reference.logical_id}")
    undecided.reraise()
    return Verdict.failed("(no logging configuration)", None)
