"""Cross-resource lookups of the engine: by type, following a reference, and who points at a
resource (in both directions, through Ref, GetAtt, Sub and CDK cross-stack imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
