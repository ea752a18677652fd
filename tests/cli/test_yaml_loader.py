"""CloudFormation YAML: every short tag becomes its long JSON form."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from fsbp_constructs.engine.yaml_loader import describe_yaml_error, load_yaml_template


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!Ref Bucket", {"Ref": "Bucket"}),
        ("!Condition IsProd", {"Condition": "IsProd"}),
        ("!GetAtt Role.Arn", {"Fn::GetAtt": ["Role", "Arn"]}),
        ("!GetAtt Db.Endpoint.Address", {"Fn::GetAtt": ["Db", "Endpoint.Address"]}),
        ("!GetAtt [Db, Endpoint.Address]", {"Fn::GetAtt": ["Db", "Endpoint.Address"]}),
        ("!Sub '${AWS::StackName}-x'", {"Fn::Sub": "${AWS::StackName}-x"}),
        ("!Sub ['${A}-x', {A: !Ref B}]", {"Fn::Sub": ["${A}-x", {"A": {"Ref": "B"}}]}),
        ("!If [C, 1, !Ref AWS::NoValue]", {"Fn::If": ["C", 1, {"Ref": "AWS::NoValue"}]}),
        ("!Join ['', [a, !Ref B]]", {"Fn::Join": ["", ["a", {"Ref": "B"}]]}),
        ("!Select [0, !GetAZs '']", {"Fn::Select": [0, {"Fn::GetAZs": ""}]}),
        ("!Split [',', 'a,b']", {"Fn::Split": [",", "a,b"]}),
        ("!FindInMap [M, K, V]", {"Fn::FindInMap": ["M", "K", "V"]}),
        ("!ImportValue shared-vpc", {"Fn::ImportValue": "shared-vpc"}),
        ("!ImportValue {'Fn::Sub': '${Env}-vpc'}", {"Fn::ImportValue": {"Fn::Sub": "${Env}-vpc"}}),
        ("!GetAZs us-east-1", {"Fn::GetAZs": "us-east-1"}),
        ("!Base64 text", {"Fn::Base64": "text"}),
        ("!Cidr [10.0.0.0/16, 4, 8]", {"Fn::Cidr": ["10.0.0.0/16", 4, 8]}),
        ("!Equals [a, !Ref P]", {"Fn::Equals": ["a", {"Ref": "P"}]}),
        (
            "!And [!Condition A, !Condition B]",
            {"Fn::And": [{"Condition": "A"}, {"Condition": "B"}]},
        ),
        (
            "!Or [!Condition A, !Not [!Condition B]]",
            {"Fn::Or": [{"Condition": "A"}, {"Fn::Not": [{"Condition": "B"}]}]},
        ),
    ],
)
def test_short_tag_is_read_as_its_long_form(text: str, expected: Any) -> None:
    assert load_yaml_template(f"Value: {text}\n") == {"Value": expected}


def test_block_style_tags_nest() -> None:
    text = (
        "Value: !If\n"
        "  - InUsEast1\n"
        "  - EncryptionType: KMS\n"
        "    KeyId: !GetAtt Key.Arn\n"
        "  - !Ref AWS::NoValue\n"
    )
    assert load_yaml_template(text) == {
        "Value": {
            "Fn::If": [
                "InUsEast1",
                {"EncryptionType": "KMS", "KeyId": {"Fn::GetAtt": ["Key", "Arn"]}},
                {"Ref": "AWS::NoValue"},
            ]
        }
    }


def test_dates_stay_text_and_keys_are_strings() -> None:
    text = "AWSTemplateFormatVersion: 2010-09-09\nMappings:\n  Ports:\n    80: {Name: http}\n"
    assert load_yaml_template(text) == {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Mappings": {"Ports": {"80": {"Name": "http"}}},
    }


def test_merge_keys_let_later_keys_win() -> None:
    text = "base: &b {x: 1, y: 2}\nmerged: {<<: *b, y: 3}\n"
    assert load_yaml_template(text)["merged"] == {"x": 1, "y": 3}


def test_a_repeated_key_is_an_error_with_its_line() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        load_yaml_template("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n")
    assert describe_yaml_error(raised.value) == (
        "found the key 'A' twice in one mapping (line 3, column 3)"
    )


def test_python_tags_are_refused() -> None:
    with pytest.raises(yaml.YAMLError) as raised:
        load_yaml_template("x: !!python/object/apply:os.system ['true']\n")
    assert "could not determine a constructor" in describe_yaml_error(raised.value)
