"""Amazon EventBridge: EventBridge.3."""

from __future__ import annotations

from ...engine.checks import FAILS, prop
from ...engine.model import Resource
from ...engine.registry import RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable

_BUS_POLICY = "AWS::Events::EventBusPolicy"
_POLICY_FIX = (
    "attach a resource-based policy to the event bus: set its Policy property, or add an "
    "AWS::Events::EventBusPolicy whose EventBusName is the bus's name (a Ref to the bus)"
)
_POLICY_SET = prop("Policy", absent=FAILS).not_empty()


@rule("EventBridge.3", "AWS::Events::EventBus", fix=_POLICY_FIX)
def custom_bus_has_policy(bus: Resource, ctx: RuleContext) -> Verdict:
    """A custom event bus has a resource-based policy: its own `Policy` property is set, or an
    `AWS::Events::EventBusPolicy` of the app names it in `EventBusName` (a `Ref` or
    `Fn::GetAtt` of the bus, as CDK writes it, or the bus's literal `Name`). A bus named
    `default` is not applicable (the account's default bus is not a custom bus). Without a
    policy in the app the bus fails: a policy attached outside the app (`PutPermission`,
    another stack without a CDK import) cannot be seen (open question: conservative verdict).
    A policy whose `EventBusName` or whose bus `Name` comes from a parameter or an import is
    UNKNOWN when nothing else decides. Partner event buses (`EventSourceName`) are evaluated
    like the others.
    """
    undecided = Undecided()
    try:
        name = bus.props.get("Name")
        name_error = None
    except Undecidable as error:
        name, name_error = None, error
    if name == "default":
        return Verdict.not_applicable("the default event bus is not a custom bus")
    try:
        if bus.props.has("Policy"):
            own = _POLICY_SET.evaluate(bus.props, ctx.parameters)
            if own.status is Status.PASS:
                return Verdict.passed("the bus's own Policy")
    except Undecidable as error:
        undecided.keep(error)
    for reference in ctx.app.referrers(bus, _BUS_POLICY):
        if reference.path.startswith("EventBusName"):
            return Verdict.passed(f"policy {reference.logical_id}")
    for policy in ctx.app.resources(_BUS_POLICY):
        if ctx.app.follow(policy, "EventBusName") is not None:
            continue  # points at another resource of the app
        try:
            target = policy.props.get("EventBusName")
        except Undecidable as error:
            undecided.keep(error)
            continue
        if not isinstance(target, str) or target in ("", "default"):
            continue  # absent EventBusName means the default bus
        if name_error is not None:
            undecided.keep(name_error)  # this policy may name the bus
        elif target.split("/")[-1] == name:
            return Verdict.passed(f"policy {policy.logical_id}")
    undecided.reraise()
    return Verdict(
        Status.FAIL,
        path="Policy",
        found=None,
        fix=_POLICY_FIX,
        reason="and no AWS::Events::EventBusPolicy of the app names the bus",
    )
