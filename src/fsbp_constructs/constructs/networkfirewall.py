"""AWS Network Firewall: a firewall policy with rule groups and no pass-through default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_networkfirewall as networkfirewall
from constructs import Construct

__all__ = ["SecureFirewallPolicy"]

_Policy = networkfirewall.CfnFirewallPolicy
_FORWARD = "aws:forward_to_sfe"


class SecureFirewallPolicy(Construct):
    """An ``AWS::NetworkFirewall::FirewallPolicy`` (aws-cdk-lib has no L2) that meets
    NetworkFirewall.3, .4 and .5.

    The ``networkfirewall.CfnFirewallPolicy`` is the child ``Resource``
    (``node.default_child``, also :attr:`resource`).

    Required:

    - ``firewall_policy_name``.
    - at least one of ``stateful_rule_group_references`` and
      ``stateless_rule_group_references`` (NetworkFirewall.3: a policy without rule groups
      inspects nothing; refused at construction).

    Secure defaults (any keyword given wins, and ``FsbpChecks`` flags a noncompliant choice):

    - ``stateless_default_actions``: ``["aws:forward_to_sfe"]`` (NetworkFirewall.4: full
      packets no stateless rule matched go to the stateful engine).
    - ``stateless_fragment_default_actions``: ``["aws:forward_to_sfe"]`` (NetworkFirewall.5:
      the same for fragmented packets).

    ``aws:pass`` in either default action list is refused at construction: it lets traffic
    through uninspected. Use ``aws:forward_to_sfe`` or ``aws:drop``.

    The other keywords (``stateful_default_actions``, ``stateful_engine_options``,
    ``stateless_custom_actions``, ``policy_variables``, ``tls_inspection_configuration_arn``,
    ``enable_tls_session_holding``) is a ``CfnFirewallPolicy.FirewallPolicyProperty`` field;
    ``description`` and ``tags`` are resource properties.

    :raises ValueError: with no rule group reference, an empty default action list, or
        ``aws:pass`` as a default action.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        firewall_policy_name: str,
        stateful_rule_group_references: Sequence[
            _Policy.StatefulRuleGroupReferenceProperty | cdk.IResolvable
        ]
        | None = None,
        stateless_rule_group_references: Sequence[
            _Policy.StatelessRuleGroupReferenceProperty | cdk.IResolvable
        ]
        | None = None,
        stateless_default_actions: Sequence[str] | None = None,
        stateless_fragment_default_actions: Sequence[str] | None = None,
        description: str | None = None,
        tags: Sequence[cdk.CfnTag] | None = None,
        # The other fields of CfnFirewallPolicy.FirewallPolicyProperty, passed unchanged
        # (tests/constructs/test_signatures.py keeps the list in sync with aws-cdk-lib).
        enable_tls_session_holding: bool | cdk.IResolvable | None = None,
        policy_variables: _Policy.PolicyVariablesProperty | cdk.IResolvable | None = None,
        stateful_default_actions: Sequence[str] | None = None,
        stateful_engine_options: _Policy.StatefulEngineOptionsProperty
        | cdk.IResolvable
        | None = None,
        stateless_custom_actions: Sequence[_Policy.CustomActionProperty | cdk.IResolvable]
        | cdk.IResolvable
        | None = None,
        tls_inspection_configuration_arn: str | None = None,
    ) -> None:
        policy = {
            "enable_tls_session_holding": enable_tls_session_holding,
            "policy_variables": policy_variables,
            "stateful_default_actions": stateful_default_actions,
            "stateful_engine_options": stateful_engine_options,
            "stateless_custom_actions": stateless_custom_actions,
            "tls_inspection_configuration_arn": tls_inspection_configuration_arn,
        }
        super().__init__(scope, id)
        if not stateful_rule_group_references and not stateless_rule_group_references:
            raise ValueError(
                "SecureFirewallPolicy has no rule groups (NetworkFirewall.3): pass "
                "stateful_rule_group_references or stateless_rule_group_references with at "
                "least one rule group ARN"
            )
        defaults: dict[str, Any] = {
            "stateless_default_actions": [_FORWARD],
            "stateless_fragment_default_actions": [_FORWARD],
        }
        given: dict[str, Any] = {
            "stateless_default_actions": _checked_actions(
                "stateless_default_actions", "NetworkFirewall.4", stateless_default_actions
            ),
            "stateless_fragment_default_actions": _checked_actions(
                "stateless_fragment_default_actions",
                "NetworkFirewall.5",
                stateless_fragment_default_actions,
            ),
            "stateful_rule_group_references": stateful_rule_group_references,
            "stateless_rule_group_references": stateless_rule_group_references,
            **policy,
        }
        given = {key: value for key, value in given.items() if value is not None}
        self.resource = networkfirewall.CfnFirewallPolicy(
            self,
            "Resource",
            firewall_policy_name=firewall_policy_name,
            firewall_policy=_Policy.FirewallPolicyProperty(**{**defaults, **given}),
            description=description,
            tags=tags,
        )

    @property
    def firewall_policy_arn(self) -> str:
        """The policy ARN, for ``networkfirewall.CfnFirewall(firewall_policy_arn=...)``."""
        return self.resource.attr_firewall_policy_arn

    @property
    def firewall_policy_id(self) -> str:
        """The policy id."""
        return self.resource.attr_firewall_policy_id


def _checked_actions(name: str, control: str, actions: Sequence[str] | None) -> list[str] | None:
    if actions is None or cdk.Token.is_unresolved(actions):
        return None if actions is None else list(actions)
    if isinstance(actions, str):
        raise ValueError(
            f"SecureFirewallPolicy {name} must be a list, not the string "
            f"{actions!r}: write {name}=[{actions!r}]"
        )
    if not actions:
        raise ValueError(
            f"SecureFirewallPolicy {name} is empty ({control}): use ['{_FORWARD}'] or ['aws:drop']"
        )
    if "aws:pass" in actions:
        raise ValueError(
            f"SecureFirewallPolicy {name} {list(actions)!r} contains aws:pass ({control}), which "
            f"lets packets through uninspected: use ['{_FORWARD}'] or ['aws:drop']"
        )
    return list(actions)
