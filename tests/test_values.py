"""Unit tests of the intrinsic-function engine on small hand-written templates."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from fsbp_constructs.engine.limits import InputError
from fsbp_constructs.engine.values import (
    MAX_CONDITION_DEPTH,
    MAX_VARIANTS,
    Kind,
    Undecidable,
    Unresolved,
    Variant,
    View,
    as_bool,
    expand,
    get,
    items,
    resolve,
)

US_EAST_1 = {"AWS::Region": "us-east-1", "AWS::Partition": "aws", "AWS::AccountId": "111111111111"}

TEMPLATE: dict[str, Any] = {
    "Parameters": {"Env": {"Type": "String"}, "Days": {"Type": "Number"}},
    "Mappings": {
        "RegionMap": {
            "us-east-1": {"Ami": "ami-111", "Zones": ["a", "b"]},
            "eu-west-1": {"Ami": "ami-222"},
        },
    },
    "Conditions": {
        "AlwaysTrue": {"Fn::Equals": ["a", "a"]},
        "IsUsEast1": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
        "IsChina": {
            "Fn::Or": [
                {"Fn::Equals": [{"Ref": "AWS::Region"}, "cn-north-1"]},
                {"Fn::Equals": [{"Ref": "AWS::Region"}, "cn-northwest-1"]},
            ]
        },
        "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
        "NotProd": {"Fn::Not": [{"Condition": "IsProd"}]},
        # Decided although IsProd is not: one false operand decides And, one true decides Or.
        "ProdAndNever": {"Fn::And": [{"Condition": "IsProd"}, {"Fn::Equals": ["a", "b"]}]},
        "ProdOrAlways": {"Fn::Or": [{"Condition": "IsProd"}, {"Condition": "AlwaysTrue"}]},
        "ProdAndAlways": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "AlwaysTrue"}]},
    },
    "Resources": {"Bucket": {"Type": "AWS::S3::Bucket"}},
}


def _resolve(value: Any, pseudo: dict[str, Any] | None = None) -> Any:
    return resolve(value, TEMPLATE, pseudo or {})


def _reason(value: Any, pseudo: dict[str, Any] | None = None) -> str:
    resolved = _resolve(value, pseudo)
    assert isinstance(resolved, Unresolved), resolved
    return resolved.reason


# --- Fn::If and conditions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "pseudo", "taken"),
    [
        ("AlwaysTrue", {}, "yes"),
        ("IsUsEast1", US_EAST_1, "yes"),
        ("IsUsEast1", {"AWS::Region": "eu-west-1"}, "no"),
        ("IsChina", {"AWS::Region": "cn-northwest-1"}, "yes"),
        ("IsChina", US_EAST_1, "no"),
        ("ProdAndNever", {}, "no"),
        ("ProdOrAlways", {}, "yes"),
    ],
)
def test_decidable_condition_gives_one_unconditional_variant(
    condition: str, pseudo: dict[str, Any], taken: str
) -> None:
    variants = expand({"Value": {"Fn::If": [condition, "yes", "no"]}}, TEMPLATE, pseudo)

    assert variants == [Variant({"Value": taken}, ())]
    assert variants[0].describe() == "unconditional"


def test_undecidable_condition_gives_one_variant_per_branch() -> None:
    variants = expand({"Value": {"Fn::If": ["IsProd", "yes", "no"]}, "Fixed": 1}, TEMPLATE, {})

    assert variants == [
        Variant({"Value": "yes", "Fixed": 1}, (("IsProd", True),)),
        Variant({"Value": "no", "Fixed": 1}, (("IsProd", False),)),
    ]
    assert [v.describe() for v in variants] == ["IsProd=True", "IsProd=False"]


def test_undecided_condition_inside_a_decided_branch_still_gives_its_variants() -> None:
    # The decided outer Fn::If is resolved first; the undecided one it leads to is expanded.
    value = {"Fn::If": ["AlwaysTrue", {"Fn::If": ["IsProd", "yes", "no"]}, "never"]}

    variants = expand({"Value": value}, TEMPLATE, {})

    assert variants == [
        Variant({"Value": "yes"}, (("IsProd", True),)),
        Variant({"Value": "no"}, (("IsProd", False),)),
    ]


def test_undecided_condition_in_a_branch_not_taken_gives_one_variant() -> None:
    value = {"Fn::If": ["AlwaysTrue", "yes", {"Fn::If": ["IsProd", "a", "b"]}]}

    assert expand({"Value": value}, TEMPLATE, {}) == [Variant({"Value": "yes"}, ())]


@pytest.mark.parametrize("condition", ["IsProd", "NotProd", "ProdAndAlways"])
def test_conditions_that_depend_on_a_parameter_are_undecided(condition: str) -> None:
    assert _reason({"Fn::If": [condition, 1, 2]}) == f"condition {condition!r}"


def test_region_condition_without_a_known_region_is_undecided() -> None:
    variants = expand(
        {"Enc": {"Fn::If": ["IsChina", {"Ref": "AWS::NoValue"}, {"Type": "KMS"}]}}, TEMPLATE, {}
    )

    assert [(v.properties, v.conditions) for v in variants] == [
        ({}, (("IsChina", True),)),
        ({"Enc": {"Type": "KMS"}}, (("IsChina", False),)),
    ]


def test_two_undecided_conditions_give_every_combination() -> None:
    properties = {
        "A": {"Fn::If": ["IsProd", 1, 0]},
        "B": {"Fn::If": ["IsChina", 1, 0]},
        "C": {"Fn::If": ["IsProd", "p", "q"]},
    }

    variants = expand(properties, TEMPLATE, {})

    assert [v.conditions for v in variants] == [
        (("IsProd", True), ("IsChina", True)),
        (("IsProd", True), ("IsChina", False)),
        (("IsProd", False), ("IsChina", True)),
        (("IsProd", False), ("IsChina", False)),
    ]
    # The same condition takes the same branch everywhere in one variant.
    assert [(v.properties["A"], v.properties["C"]) for v in variants] == [
        (1, "p"),
        (1, "p"),
        (0, "q"),
        (0, "q"),
    ]


def test_nested_if_inside_a_branch() -> None:
    value = {"Fn::If": ["IsProd", {"Fn::If": ["AlwaysTrue", "inner", "never"]}, "outer"]}

    variants = expand({"V": value}, TEMPLATE, {})

    assert [v.properties["V"] for v in variants] == ["inner", "outer"]


def test_conditions_are_decided_jointly() -> None:
    """IsProd and its negation NotProd are never both true (nor both false)."""
    properties = {"A": {"Fn::If": ["IsProd", 1, 0]}, "B": {"Fn::If": ["NotProd", 1, 0]}}

    variants = expand(properties, TEMPLATE, {})

    assert [(v.properties, v.conditions) for v in variants] == [
        ({"A": 1, "B": 0}, (("IsProd", True), ("NotProd", False))),
        ({"A": 0, "B": 1}, (("IsProd", False), ("NotProd", True))),
    ]


def test_equals_over_one_parameter_are_consistent() -> None:
    """Env cannot be both prod and dev: three variants, not four."""
    template = {
        "Parameters": {"Env": {"Type": "String"}},
        "Conditions": {
            "IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            "IsDev": {"Fn::Equals": ["dev", {"Ref": "Env"}]},
            "Both": {"Fn::And": [{"Condition": "IsProd"}, {"Condition": "IsDev"}]},
        },
    }
    properties = {"P": {"Fn::If": ["IsProd", 1, 0]}, "D": {"Fn::If": ["IsDev", 1, 0]}}

    variants = expand(properties, template, {})

    assert sorted((v.properties["P"], v.properties["D"]) for v in variants) == [
        (0, 0),
        (0, 1),
        (1, 0),
    ]
    assert expand({"X": {"Fn::If": ["Both", 1, 0]}}, template, {}) == [Variant({"X": 0})]


def test_allowed_values_bound_the_variants() -> None:
    template = {
        "Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod"]}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
    }

    assert expand({"X": {"Fn::If": ["IsProd", 1, 0]}}, template, {}) == [Variant({"X": 1})]


def test_mutually_exclusive_conditions_on_one_parameter() -> None:
    count = 8
    template = {
        "Parameters": {"P": {"Type": "String"}},
        "Conditions": {f"C{i}": {"Fn::Equals": [{"Ref": "P"}, str(i)]} for i in range(count)},
    }
    properties = {f"V{i}": {"Fn::If": [f"C{i}", 1, 0]} for i in range(count)}

    variants = expand(properties, template, {})

    assert len(variants) == count + 1  # one condition true at a time, or none
    assert all(sum(v.properties.values()) <= 1 for v in variants)


def test_too_many_independent_conditions_stay_unresolved() -> None:
    count = 7  # 2**7 combinations > MAX_VARIANTS
    assert 2**count > MAX_VARIANTS
    template = {
        "Parameters": {f"P{i}": {"Type": "String"} for i in range(count)},
        "Conditions": {f"C{i}": {"Fn::Equals": [{"Ref": f"P{i}"}, "x"]} for i in range(count)},
    }
    properties = {f"V{i}": {"Fn::If": [f"C{i}", 1, {"Ref": "AWS::NoValue"}]} for i in range(count)}

    (variant,) = expand(properties, template, {})

    assert variant.properties["V0"] == Unresolved("condition 'C0'")
    with pytest.raises(Undecidable) as raised:
        View(variant.properties).has("V0")
    assert raised.value.kind is Kind.CONDITION


def test_condition_chains_are_memoized_and_bounded() -> None:
    chain: dict[str, Any] = {
        f"C{i}": {"Fn::Or": [{"Condition": f"C{i + 1}"}] * 2} for i in range(40)
    }
    chain["C40"] = {"Fn::Equals": [{"Ref": "Env"}, "a"]}
    template = {"Parameters": {"Env": {"Type": "String"}}, "Conditions": chain}

    variants = expand({"X": {"Fn::If": ["C0", 1, 0]}}, template, {})  # 2**40 without memo

    assert [v.properties for v in variants] == [{"X": 1}, {"X": 0}]
    deep: dict[str, Any] = {f"D{i}": {"Fn::Not": [{"Condition": f"D{i + 1}"}]} for i in range(300)}
    deep["D300"] = True
    deep_template = {"Conditions": deep}
    assert MAX_CONDITION_DEPTH < 300
    (variant,) = expand({"X": {"Fn::If": ["D0", 1, 0]}}, deep_template, {})
    assert isinstance(variant.properties["X"], Unresolved)


def test_cyclic_condition_is_undecided() -> None:
    template = {"Conditions": {"A": {"Condition": "B"}, "B": {"Fn::Not": [{"Condition": "A"}]}}}

    (variant,) = expand({"X": {"Fn::If": ["A", 1, 0]}}, template, {})

    assert variant.properties["X"] == Unresolved("condition 'A'")


def test_equals_compares_string_forms() -> None:
    """CloudFormation compares strings: JSON true equals "true"."""
    template = {"Conditions": {"Flag": {"Fn::Equals": [True, "true"]}}}

    assert expand({"X": {"Fn::If": ["Flag", 1, 0]}}, template, {}) == [Variant({"X": 1})]


def test_resource_condition_false_everywhere_means_no_variant() -> None:
    assert expand({}, TEMPLATE, {"AWS::Region": "eu-west-1"}, "IsUsEast1") == []
    variants = expand({"X": {"Fn::If": ["NotProd", 1, 0]}}, TEMPLATE, {}, "IsProd")
    assert variants == [Variant({"X": 0})]


def test_unknown_condition_name_is_unresolved() -> None:
    assert _reason({"Fn::If": ["Missing", 1, 2]}) == "condition 'Missing'"


def test_resolve_leaves_undecided_conditions_unresolved() -> None:
    value = {"Fn::If": ["IsProd", "a", "b"]}

    resolved = _resolve(value)

    assert isinstance(resolved, Unresolved)
    assert resolved.expr == value


# --- AWS::NoValue ---------------------------------------------------------------------------


def test_no_value_removes_keys_and_list_items() -> None:
    properties = {
        "Gone": {"Ref": "AWS::NoValue"},
        "List": [
            "a",
            {"Ref": "AWS::NoValue"},
            {"Fn::If": ["AlwaysTrue", {"Ref": "AWS::NoValue"}, "b"]},
            "c",
        ],
        "Nested": {"Keep": 1, "Drop": {"Fn::If": ["AlwaysTrue", {"Ref": "AWS::NoValue"}, 2]}},
    }

    (variant,) = expand(properties, TEMPLATE, {})

    assert variant.properties == {"List": ["a", "c"], "Nested": {"Keep": 1}}


# --- Ref ------------------------------------------------------------------------------------


def test_ref_to_parameter_resource_and_unknown_name() -> None:
    assert _reason({"Ref": "Env"}) == "the template parameter Env"
    assert _reason({"Ref": "Bucket"}) == "the id of resource Bucket, known only at deploy time"
    assert _reason({"Ref": "Nowhere"}) == "an unknown reference Nowhere"


def test_ref_to_pseudo_parameters() -> None:
    assert _resolve({"Ref": "AWS::Region"}, US_EAST_1) == "us-east-1"
    assert _resolve({"Ref": "AWS::AccountId"}, US_EAST_1) == "111111111111"
    assert _reason({"Ref": "AWS::Region"}) == "the pseudo parameter AWS::Region"
    # Known only at deploy time even when the environment is.
    assert _reason({"Ref": "AWS::StackName"}, US_EAST_1) == "the pseudo parameter AWS::StackName"


def test_unresolved_keeps_the_original_expression() -> None:
    resolved = _resolve({"Ref": "Env"})

    assert isinstance(resolved, Unresolved)
    assert resolved.expr == {"Ref": "Env"}
    assert repr(resolved) == "<unresolved: the template parameter Env>"


# --- Fn::Join, Fn::Sub, Fn::Select, Fn::FindInMap, Fn::ImportValue, Fn::GetAtt ----------------


def test_join() -> None:
    parts = ["arn", {"Ref": "AWS::Partition"}, "s3", "", "", "bucket"]

    assert _resolve({"Fn::Join": [":", parts]}, US_EAST_1) == "arn:aws:s3:::bucket"
    assert _resolve({"Fn::Join": ["", ["a", 1, {"Fn::If": ["AlwaysTrue", "b", "c"]}]]}) == "a1b"
    assert _reason({"Fn::Join": ["-", ["x", {"Ref": "Env"}]]}) == "the template parameter Env"
    assert _reason({"Fn::Join": [":", parts]}) == "the pseudo parameter AWS::Partition"


def test_sub() -> None:
    assert (
        _resolve({"Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:x"}, US_EAST_1)
        == "arn:aws:sns:us-east-1:x"
    )
    assert (
        _resolve({"Fn::Sub": ["${Name}-${AWS::Region}", {"Name": "app"}]}, US_EAST_1)
        == "app-us-east-1"
    )
    assert _resolve({"Fn::Sub": "literal ${!Env} and text"}) == "literal ${Env} and text"
    assert _resolve({"Fn::Sub": "no variables"}) == "no variables"
    assert _reason({"Fn::Sub": "${Env}-bucket"}) == "the template parameter Env"
    assert _reason({"Fn::Sub": ["${Name}", {"Name": {"Ref": "Days"}}]}) == (
        "the template parameter Days"
    )
    assert _reason({"Fn::Sub": "${AWS::Region}"}) == "the pseudo parameter AWS::Region"


def test_select() -> None:
    assert _resolve({"Fn::Select": [1, ["a", "b", "c"]]}) == "b"
    assert _resolve({"Fn::Select": ["0", ["a", "b"]]}) == "a"
    assert _reason({"Fn::Select": [5, ["a"]]}) == "an Fn::Select index out of range"
    assert _reason({"Fn::Select": [0, {"Fn::GetAZs": ""}]}) == "the Region's Availability Zones"
    # Selecting a decidable item from a list holding an undecidable one is fine.
    assert _resolve({"Fn::Select": [0, ["a", {"Ref": "Env"}]]}) == "a"
    assert _reason({"Fn::Select": [1, ["a", {"Ref": "Env"}]]}) == "the template parameter Env"


def test_find_in_map() -> None:
    assert _resolve({"Fn::FindInMap": ["RegionMap", "eu-west-1", "Ami"]}) == "ami-222"
    assert (
        _resolve({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]}, US_EAST_1)
        == "ami-111"
    )
    assert _resolve({"Fn::FindInMap": ["RegionMap", "us-east-1", "Zones"]}) == ["a", "b"]
    assert _reason({"Fn::FindInMap": ["RegionMap", "ap-south-1", "Ami"]}) == (
        "an Fn::FindInMap key that the mapping lacks"
    )
    assert _reason({"Fn::FindInMap": ["RegionMap", {"Ref": "AWS::Region"}, "Ami"]}) == (
        "the pseudo parameter AWS::Region"
    )


def test_import_value_and_get_att() -> None:
    assert _reason({"Fn::ImportValue": "shared-vpc-id"}) == "the imported value shared-vpc-id"
    assert (
        _reason({"Fn::ImportValue": {"Fn::Sub": "${AWS::Region}-vpc"}}, US_EAST_1)
        == "the imported value us-east-1-vpc"
    )
    assert _reason({"Fn::ImportValue": {"Fn::Sub": "${Env}-vpc"}}) == (
        "the imported value a computed name"
    )
    assert _reason({"Fn::GetAtt": ["Bucket", "Arn"]}) == "the attribute Bucket.Arn"
    assert _reason({"Fn::GetAtt": "Bucket.DomainName"}) == "the attribute Bucket.DomainName"
    assert _reason({"Fn::GetAZs": ""}) == "the Region's Availability Zones"


def test_unresolved_values_stay_in_place_inside_resolved_structures() -> None:
    (variant,) = expand(
        {"Tags": [{"Key": "env", "Value": {"Ref": "Env"}}], "Name": "x"}, TEMPLATE, {}
    )

    assert variant.properties["Name"] == "x"
    assert variant.properties["Tags"][0]["Key"] == "env"
    assert variant.properties["Tags"][0]["Value"] == Unresolved("the template parameter Env")


# --- get and items --------------------------------------------------------------------------

PROPS: dict[str, Any] = {
    "Plain": {"Inner": {"Leaf": 3}},
    "Token": Unresolved("the template parameter Env"),
    "Holder": {"Known": 1, "Deep": [{"X": Unresolved("the attribute Bucket.Arn")}]},
    "List": [{"Name": "a"}, "not-a-dict", {"Name": Unresolved("the template parameter Env")}],
    "BadList": [Unresolved("the imported value x")],
    "Scalar": "text",
}


def test_get_reads_paths_and_returns_none_when_absent() -> None:
    assert get(PROPS, "Plain.Inner.Leaf") == 3
    assert get(PROPS, "Plain.Inner") == {"Leaf": 3}
    assert get(PROPS, "Plain.Missing.Leaf") is None
    assert get(PROPS, "Scalar.Below") is None
    assert get(PROPS, "", deep=False) is PROPS


def test_get_raises_undecidable_on_unresolved_values() -> None:
    with pytest.raises(Undecidable) as raised:
        get(PROPS, "Token.Below")
    assert raised.value.path == "Token.Below"
    assert raised.value.reason == "the template parameter Env"
    assert str(raised.value) == "Token.Below depends on the template parameter Env"

    with pytest.raises(Undecidable, match=r"^Token depends on the template parameter Env$"):
        get(PROPS, "Token", deep=False)


def test_get_deep_checks_inside_the_value_found() -> None:
    with pytest.raises(Undecidable) as raised:
        get(PROPS, "Holder")
    assert raised.value.reason == "the attribute Bucket.Arn"

    assert get(PROPS, "Holder", deep=False)["Known"] == 1
    assert get(PROPS, "Holder.Known") == 1


def test_get_where_prefixes_the_path() -> None:
    with pytest.raises(Undecidable) as raised:
        get(
            {"Value": Unresolved("the template parameter Env")},
            "Value",
            where="ContainerDefinitions[2]",
        )
    assert raised.value.path == "ContainerDefinitions[2].Value"


def test_items_yields_dict_items_with_their_paths() -> None:
    found = list(items(PROPS, "List"))

    assert [path for path, _ in found] == ["List[0]", "List[2]"]
    assert found[0][1] == {"Name": "a"}
    assert list(items(PROPS, "Missing")) == []
    assert [p for p, _ in items(PROPS["Holder"], "Deep", where="Holder")] == ["Holder.Deep[0]"]


def test_items_leaves_values_inside_items_to_get() -> None:
    (_, first), (path, last) = items(PROPS, "List")

    assert get(first, "Name") == "a"
    with pytest.raises(Undecidable) as raised:
        get(last, "Name", where=path)
    assert raised.value.path == "List[2].Name"


@pytest.mark.parametrize(
    ("path", "where", "reason"),
    [
        ("Token", "Token", "the template parameter Env"),
        ("Scalar", "Scalar", "a value that is not a list ('text')"),
        ("BadList", "BadList[0]", "the imported value x"),
    ],
)
def test_items_raises_undecidable(path: str, where: str, reason: str) -> None:
    with pytest.raises(Undecidable) as raised:
        list(items(PROPS, path))

    assert raised.value.path == where
    assert raised.value.reason == reason


# --- Intrinsics with literal arguments, and what an unresolved value is --------------------


def test_literal_intrinsics_are_evaluated() -> None:
    assert _resolve({"Fn::Split": [",", "a,b,c"]}) == ["a", "b", "c"]
    assert _resolve({"Fn::Select": [1, {"Fn::Split": ["/", "x/y"]}]}) == "y"
    assert _resolve({"Fn::Base64": "hi"}) == "aGk="
    assert _resolve({"Fn::Length": [1, 2, 3]}) == 3
    assert _resolve({"Fn::ToJsonString": {"a": [1, True]}}) == '{"a":[1,true]}'
    assert _resolve({"Fn::Cidr": ["10.0.0.0/16", 2, 8]}) == ["10.0.0.0/24", "10.0.1.0/24"]
    assert _reason({"Fn::Split": [",", {"Ref": "Env"}]}) == "the template parameter Env"


@pytest.mark.parametrize("index", [-1, True, "x", 1.5])
def test_select_with_an_invalid_index_is_unresolved(index: Any) -> None:
    assert "Fn::Select" in _reason({"Fn::Select": [index, ["a", "b"]]})


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ({"Ref": "Env"}, Kind.PARAMETER),
        ({"Ref": "AWS::AccountId"}, Kind.PSEUDO),
        ({"Ref": "Bucket"}, Kind.RESOURCE_ID),
        ({"Fn::GetAtt": ["Bucket", "Arn"]}, Kind.ATTRIBUTE),
        ({"Fn::Sub": "${Bucket.Arn}/*"}, Kind.ATTRIBUTE),
        ({"Fn::ImportValue": "Shared-Key"}, Kind.IMPORT),
        ({"Fn::If": ["IsProd", 1, 2]}, Kind.CONDITION),
        ({"Fn::Transform": {"Name": "AWS::Include"}}, Kind.MALFORMED),
        ("{{resolve:secretsmanager:db:SecretString:username}}", Kind.DYNAMIC_REFERENCE),
        ({"Fn::Join": ["", ["{{resolve:ssm:/", "x}}"]]}, Kind.DYNAMIC_REFERENCE),
    ],
)
def test_an_unresolved_value_knows_its_kind(value: Any, kind: Kind) -> None:
    resolved = _resolve(value)
    assert isinstance(resolved, Unresolved)
    assert resolved.kind is kind


def test_malformed_intrinsics_are_unresolved_not_errors() -> None:
    assert "malformed Fn::If" in _reason({"Fn::If": ["IsProd", 1]})
    assert "malformed Fn::Join" in _reason({"Fn::Join": "not-a-list"})


@pytest.mark.parametrize(
    ("value", "flag"),
    [(True, True), ("true", True), ("True", True), ("FALSE", False), ("yes", None), (1, None)],
)
def test_booleans_are_read_as_cloudformation_reads_them(value: Any, flag: bool | None) -> None:
    assert as_bool(value) is flag


def test_view_reads_through_paths_and_names_them() -> None:
    view = View({"A": {"B": [{"C": 1}, {"C": Unresolved("the template parameter Env")}]}})

    assert view.get("A.B[0]") is None  # list indexes are not path steps: use items()
    first, second = view.items("A.B")
    assert (first.path, first.get("C")) == ("A.B[0]", 1)
    with pytest.raises(Undecidable) as raised:
        second.get("C")
    assert raised.value.path == "A.B[1].C"
    assert view.has("A.B") and not view.has("A.X")
    assert second.has("C")  # present, though its value is undecided


# --- Arguments CloudFormation rejects (issue 31, items 7 and 9) -----------------------------


@pytest.mark.parametrize("index", ["\u0661", "\uff11", "\u00b2", "1\u0660"])
def test_a_select_index_in_digits_that_are_not_ascii_is_an_input_error(index: str) -> None:
    """Python reads U+0661 (Arabic-Indic one) and U+FF11 (full-width one) as numbers."""
    with pytest.raises(InputError, match="digits that are not ASCII"):
        _resolve({"Fn::Select": [index, ["a", "b"]]})


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["10.0.0.0/8", 100_000_000, 8], "count 100000000 is outside 1-256"),
        (["10.0.0.0/8", 0, 8], "count 0 is outside 1-256"),
        (["10.0.0.0/8", "257", 8], "count '257' is outside 1-256"),
        (["10.0.0.0/24", 2, 9], "cidrBits 9 is more than 8, the most 10.0.0.0/24 (IPv4)"),
        (["10.0.0.0/16", 2, 33], "cidrBits 33 is more than 16"),
        (["2001:db8::/56", 2, 73], "cidrBits 73 is more than 72, the most 2001:db8::/56 (IPv6)"),
        # the block is undecided, the count or the bits are not: still refused
        ([{"Ref": "Env"}, 100_000_000, 8], "count 100000000 is outside 1-256"),
        ([{"Fn::GetAtt": ["Vpc", "CidrBlock"]}, 2, 129], "cidrBits 129 is more than 128"),
        (["10.0.0.0/16", "\uff12", 8], "count '\uff12' is written with digits that are not"),
    ],
)
def test_cidr_arguments_outside_cloudformations_limits_are_input_errors(
    arguments: list[Any], says: str
) -> None:
    with pytest.raises(InputError, match=re.escape(says)):
        _resolve({"Fn::Cidr": arguments})


def test_cidr_within_the_limits_is_evaluated_up_to_256_blocks() -> None:
    assert _resolve({"Fn::Cidr": ["10.0.0.0/16", "2", "8"]}) == ["10.0.0.0/24", "10.0.1.0/24"]
    assert len(_resolve({"Fn::Cidr": ["10.0.0.0/8", 256, 8]})) == 256
    assert _resolve({"Fn::Cidr": ["2001:db8::/56", 1, 64]}) == ["2001:db8::/64"]
    assert _resolve({"Fn::Cidr": ["10.0.0.0/24", 1, 8]}) == ["10.0.0.0/24"]  # all the bits
    assert _reason({"Fn::Cidr": [{"Ref": "Env"}, 2, 8]}) == "the template parameter Env"


def test_a_huge_cidr_count_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(InputError):
        _resolve({"Fn::Cidr": ["::/0", 10**12, 100]})
    assert time.monotonic() - started < 0.1
