"""Property-based tests of the engine: templates with random intrinsic-function and condition
shapes. The engine never raises, does bounded work, and never says PASS where the deciding
value was undecidable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fsbp_constructs.config import FsbpConfig
from fsbp_constructs.engine.model import App, Stack
from fsbp_constructs.engine.registry import Status
from fsbp_constructs.evaluate import evaluate

PARAMS = ["P0", "P1", "P2"]
CONDITIONS = [f"C{i}" for i in range(5)]
LITERALS = ["prod", "dev", "x", True, 0, ""]

literal = st.sampled_from(LITERALS)
ref_param = st.sampled_from(PARAMS).map(lambda p: {"Ref": p})
condition_ref = st.sampled_from([*CONDITIONS, "Missing"]).map(lambda c: {"Condition": c})


def _condition_exprs() -> st.SearchStrategy[Any]:
    leaf = st.one_of(
        st.booleans(),
        st.tuples(st.one_of(ref_param, literal), st.one_of(ref_param, literal)).map(
            lambda pair: {"Fn::Equals": list(pair)}
        ),
        st.sampled_from(["us-east-1", "cn-north-1"]).map(
            lambda r: {"Fn::Equals": [{"Ref": "AWS::Region"}, r]}
        ),
        condition_ref,
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            inner.map(lambda e: {"Fn::Not": [e]}),
            st.lists(inner, min_size=1, max_size=3).map(lambda es: {"Fn::And": es}),
            st.lists(inner, min_size=1, max_size=3).map(lambda es: {"Fn::Or": es}),
        ),
        max_leaves=6,
    )


#: Values that the template cannot decide (none of them can be "IMMUTABLE").
undecidable = st.one_of(
    ref_param,
    st.just({"Fn::GetAtt": ["Other", "Arn"]}),
    st.just({"Fn::ImportValue": "Shared-Mutability"}),
    st.just({"Ref": "AWS::AccountId"}),
    st.just({"Fn::FindInMap": ["Map", {"Ref": "P0"}, "Key"]}),
)


def _values(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from([*CONDITIONS, "Missing"]), inner, inner).map(
                lambda t: {"Fn::If": list(t)}
            ),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: {"Fn::Join": ["-", xs]}),
            st.tuples(
                st.sampled_from([0, 1, -1, True, "1", {"Ref": "P1"}]), st.lists(inner, max_size=3)
            ).map(lambda t: {"Fn::Select": [t[0], t[1]]}),
            inner.map(lambda x: {"Fn::Sub": ["${V}", {"V": x}]}),
        ),
        max_leaves=8,
    )


def _template(conditions: dict[str, Any], value: Any, allowed: bool) -> dict[str, Any]:
    parameters: dict[str, Any] = {p: {"Type": "String"} for p in PARAMS}
    if allowed:
        parameters["P2"]["AllowedValues"] = ["prod", "dev"]
    return {
        "Parameters": parameters,
        "Mappings": {"Map": {"prod": {"Key": "MUTABLE"}}},
        "Conditions": conditions,
        "Resources": {
            "Repo": {"Type": "AWS::ECR::Repository", "Properties": {"ImageTagMutability": value}},
            "Other": {"Type": "AWS::SNS::Topic"},
        },
    }


def _verdict(template: dict[str, Any], region: str | None) -> Status:
    stack = Stack("S", Path("S.template.json"), template, region=region)
    findings = evaluate(App([stack]), FsbpConfig(controls=["ECR.2"]))
    assert len(findings) <= 1
    return findings[0].status if findings else Status.NOT_APPLICABLE


conditions_st = st.dictionaries(st.sampled_from(CONDITIONS), _condition_exprs(), max_size=5)
regions = st.sampled_from([None, "us-east-1", "cn-north-1"])
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(conditions_st, _values(st.one_of(undecidable, literal)), st.booleans(), regions)
def test_never_pass_without_a_compliant_value_anywhere(
    conditions: dict[str, Any], value: Any, allowed: bool, region: str | None
) -> None:
    """No "IMMUTABLE" anywhere in the template: whatever the intrinsics, never PASS."""
    assert _verdict(_template(conditions, value, allowed), region) is not Status.PASS


@PROPERTY_SETTINGS
@given(
    conditions_st,
    _values(st.one_of(undecidable, literal, st.just("IMMUTABLE"))),
    st.booleans(),
    regions,
)
def test_the_engine_never_raises_and_gives_a_status(
    conditions: dict[str, Any], value: Any, allowed: bool, region: str | None
) -> None:
    assert _verdict(_template(conditions, value, allowed), region) in set(Status)
