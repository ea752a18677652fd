"""Cross-resource lookups of the engine: by type, following a reference, and who points at a
resource (in both directions, through Ref, GetAtt, Sub and CDK cross-stack imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from fsbp_constructs.engine.model import App, Resource, Stack
from fsbp_constructs.engine.values import Variant

PRODUCER: dict[str, Any] = {
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "FlowLog": {
            "Type": "AWS::EC2::FlowLog",
            "Properties": {"ResourceId": {"Ref": "Vpc"}, "ResourceType": "VPC"},
        },
        "Role": {"Type": "AWS::IAM::Role", "Properties": {}},
        "Logs": {
            "Type": "AWS::Logs::SubscriptionFilter",
            "Properties": {
                "RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
                "FilterPattern": {"Fn::Sub": "${Vpc}-${Role.Arn}"},
            },
        },
    },
    "Outputs": {
        "VpcId": {"Value": {"Ref": "Vpc"}, "Export": {"Name": "Producer:VpcId"}},
    },
}
CONSUMER: dict[str, Any] = {
    "Resources": {
        "Subnet": {
            "Type": "AWS::EC2::Subnet",
            "Properties": {"VpcId": {"Fn::ImportValue": "Producer:VpcId"}},
        },
    },
}


def _app() -> App:
    return App(
        [
            Stack("Producer", Path("Producer.template.json"), PRODUCER),
            Stack("Consumer", Path("Consumer.template.json"), CONSUMER),
        ]
    )


def test_resources_by_type_in_template_order() -> None:
    app = _app()
    assert [t.logical_id for t in app.resources("AWS::EC2::VPC")] == ["Vpc"]
    assert app.resources("AWS::S3::Bucket") == []
    assert set(app.types()) >= {"AWS::EC2::VPC", "AWS::EC2::Subnet"}


def test_referrers_in_both_directions_and_across_stacks() -> None:
    app = _app()
    (vpc,) = app.resources("AWS::EC2::VPC")

    found = {(r.stack.name, r.logical_id, r.path) for r in app.referrers(vpc)}

    assert found == {
        ("Producer", "FlowLog", "ResourceId"),
        ("Producer", "Logs", "FilterPattern"),
        ("Consumer", "Subnet", "VpcId"),
    }
    assert [r.logical_id for r in app.referrers(vpc, "AWS::EC2::FlowLog")] == ["FlowLog"]
    (role,) = app.resources("AWS::IAM::Role")
    assert {r.path for r in app.referrers(role)} == {"RoleArn", "FilterPattern"}


def test_referrers_of_several_types_come_in_the_apps_order() -> None:
    app = _app()
    (vpc,) = app.resources("AWS::EC2::VPC")
    everything = [(r.stack.name, r.logical_id) for r in app.referrers(vpc)]

    types = ("AWS::EC2::Subnet", "AWS::Logs::SubscriptionFilter", "AWS::EC2::FlowLog")
    found = app.referrers(vpc, *types)

    assert [(r.stack.name, r.logical_id) for r in found] == everything
    assert everything == [("Producer", "FlowLog"), ("Producer", "Logs"), ("Consumer", "Subnet")]


def test_follow_a_property_to_the_resource_it_points_at() -> None:
    app = _app()
    consumer = app.stacks[1]
    subnet = Resource(
        consumer,
        "Subnet",
        "AWS::EC2::Subnet",
        Variant(consumer.resolve(CONSUMER["Resources"]["Subnet"]["Properties"])),
        app,
    )

    target = app.follow(subnet, "VpcId")

    assert target is not None and (target.stack.name, target.logical_id) == ("Producer", "Vpc")
    assert target.props.get("CidrBlock") == "10.0.0.0/16"
    assert app.follow(subnet, "Missing") is None


def test_memo_computes_once_per_app() -> None:
    app = _app()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 42

    assert app.memo("k", compute) == 42 and app.memo("k", compute) == 42
    assert calls == [1]


# ------------------------------------------------------------------ wrappers and conditions

#: Conditions the template decides (Yes, No) and one a parameter decides (Maybe).
_CONDITIONS = {
    "Yes": {"Fn::Equals": ["a", "a"]},
    "No": {"Fn::Equals": ["a", "b"]},
    "Maybe": {"Fn::Equals": [{"Ref": "Choice"}, "a"]},
}
_GROUPS = ("G0", "G1", "G2")


def _expressions() -> st.SearchStrategy[Any]:
    leaf = st.sampled_from(_GROUPS).map(lambda g: {"Fn::GetAtt": [g, "GroupId"]})
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(sorted(_CONDITIONS)), inner, inner).map(
                lambda t: {"Fn::If": list(t)}
            ),
            st.lists(inner, min_size=1, max_size=3).flatmap(
                lambda items: st.integers(0, len(items) - 1).map(
                    lambda i: {"Fn::Select": [i, items]}
                )
            ),
            st.lists(inner, min_size=1, max_size=3).map(lambda items: {"Fn::Join": ["", items]}),
        ),
        max_leaves=6,
    )


def _may_name(expr: Any) -> set[str]:
    """The groups an expression can evaluate to (or, for a join, contain), by CloudFormation's
    rules: the taken branch of a decided Fn::If, both of an undecided one."""
    ((fn, arg),) = expr.items()
    if fn == "Fn::GetAtt":
        return {arg[0]}
    if fn == "Fn::If":
        name, yes, no = arg
        branches = {"Yes": [yes], "No": [no], "Maybe": [yes, no]}[name]
        return set().union(*(_may_name(b) for b in branches))
    if fn == "Fn::Select":
        return _may_name(arg[1][arg[0]])
    return set().union(*(_may_name(item) for item in arg[1]))


@given(_expressions())
def test_a_wrapped_reference_points_where_cloudformation_would_take_it(expr: Any) -> None:
    template = {
        "Parameters": {"Choice": {"Type": "String"}},
        "Conditions": _CONDITIONS,
        "Resources": {
            **{g: {"Type": "AWS::EC2::SecurityGroup", "Properties": {}} for g in _GROUPS},
            "Ingress": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {"GroupId": expr}},
        },
    }
    app = App([Stack("S", Path("S.template.json"), template)])
    pointed = {
        g
        for g in _GROUPS
        for r in app.referrers(app.resources("AWS::EC2::SecurityGroup")[_GROUPS.index(g)])
        if r.logical_id == "Ingress" and r.path == "GroupId"
    }
    assert pointed == _may_name(expr)


def test_a_resource_whose_condition_is_false_is_not_in_the_app() -> None:
    template = {
        "Parameters": {"Choice": {"Type": "String"}},
        "Conditions": _CONDITIONS,
        "Resources": {
            "Never": {"Type": "AWS::SQS::Queue", "Condition": "No"},
            "Always": {"Type": "AWS::SQS::Queue", "Condition": "Yes"},
            "Perhaps": {"Type": "AWS::SQS::Queue", "Condition": "Maybe"},
        },
    }
    app = App([Stack("S", Path("S.template.json"), template)])
    found = {t.logical_id: t.condition for t in app.resources("AWS::SQS::Queue")}
    assert found == {"Always": None, "Perhaps": "Maybe"}
    with app.watching() as conditional:
        app.resources("AWS::SQS::Queue")
    assert [t.logical_id for t in conditional] == ["Perhaps"]
