"""The Secure constructs take the keyword arguments of the aws-cdk-lib class they build on.

Most get them from :func:`same_props_as` (the L2's own signature, so they cannot drift);
``SecureTopic``, ``SecureStack`` and ``SecureAccessPoint`` spell them out next to their own
options, and these tests keep those lists equal to aws-cdk-lib's. ``SecureAutoScalingGroup``
and ``SecureEksCluster`` spell out the props they do not build themselves; their tests hold
them to the installed aws-cdk-lib, from the lowest supported release up.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import pydoc
import types
import typing
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_autoscaling as autoscaling
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
from aws_cdk import aws_eks as eks
from aws_cdk import aws_elasticloadbalancingv2 as elbv2
from aws_cdk import aws_kinesis as kinesis
from aws_cdk import aws_networkfirewall as networkfirewall
from aws_cdk import aws_opensearchservice as opensearch
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns

from fsbp_constructs import constructs as secure


def _params(function: Callable[..., object]) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(function).parameters)


SAME_PROPS = [
    (secure.SecureRepository, ecr.Repository),
    (secure.SecureBucket, s3.Bucket),
    (secure.SecureStream, kinesis.Stream),
    (secure.SecureCluster, ecs.Cluster),
    (secure.SecureFargateTaskDefinition, ecs.FargateTaskDefinition),
    (secure.SecureEc2TaskDefinition, ecs.Ec2TaskDefinition),
    (secure.SecureApplicationLoadBalancer, elbv2.ApplicationLoadBalancer),
    (secure.SecureNetworkLoadBalancer, elbv2.NetworkLoadBalancer),
    (secure.SecureDistribution, cloudfront.Distribution),
    (secure.SecureDomain, opensearch.Domain),
    (secure.SecureTransitGateway, ec2.CfnTransitGateway),
]


@pytest.mark.parametrize(("construct", "l2"), SAME_PROPS, ids=lambda c: c.__name__)
def test_signature_is_the_l2s(construct: type, l2: type) -> None:
    theirs = _params(l2.__init__)  # type: ignore[misc]
    ours = _params(construct.__init__)  # type: ignore[misc]
    assert list(ours) == list(theirs)
    assert [p.annotation for p in ours.values()] == [p.annotation for p in theirs.values()]
    assert "props" not in ours  # help() shows the props, not **props


def test_secure_http_origin_takes_the_http_origin_arguments() -> None:
    theirs = _params(origins.HttpOrigin.__init__)
    assert list(_params(secure.secure_http_origin)) == list(theirs)[1:]  # without self


SPELLED_OUT = [
    (
        secure.SecureTopic,
        sns.Topic,
        {"delivery_status_logging", "delivery_status_success_sample_rate"},
    ),
    (secure.SecureStack, cdk.Stack, set()),
    (secure.SecureAccessPoint, efs.AccessPoint, set()),
]


@pytest.mark.parametrize(
    ("construct", "l2", "own"), SPELLED_OUT, ids=lambda c: getattr(c, "__name__", "")
)
def test_spelled_out_signature_matches_the_l2(construct: type, l2: type, own: set[str]) -> None:
    theirs = _params(l2.__init__)  # type: ignore[misc]
    ours = _params(construct.__init__)  # type: ignore[misc]
    assert set(ours) - own == set(theirs), "add the new aws-cdk-lib props to the signature"
    for name, param in ours.items():
        assert param.kind is not inspect.Parameter.VAR_KEYWORD, f"**{name} hides the props"
        if name in theirs and name not in ("self", "scope", "id"):
            assert param.kind is inspect.Parameter.KEYWORD_ONLY, name


def test_help_shows_the_props() -> None:
    text = pydoc.render_doc(secure.SecureRepository, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert "__init__(self, scope" in text
    assert "image_scan_on_push: " in text
    assert "**props" not in text


def test_firewall_policy_takes_every_firewall_policy_field() -> None:
    policy = secure.SecureFirewallPolicy
    fields = _params(networkfirewall.CfnFirewallPolicy.FirewallPolicyProperty.__init__)
    resource = _params(networkfirewall.CfnFirewallPolicy.__init__)
    ours = _params(policy.__init__)
    expected = (set(fields) | set(resource)) - {"firewall_policy"}
    assert set(ours) == expected
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in ours.values())


# The constructs that build part of the wrapped class's props themselves: their signatures
# offer every prop of the installed aws-cdk-lib class except the ones they replace, plus their
# own options (some named like the prop they stand in for, but with their own type and
# default).
REPLACED_BY_OWN = [
    (
        secure.SecureAutoScalingGroup,
        autoscaling.AutoScalingGroup,
        {
            "launch_template",
            "mixed_instances_policy",
            "instance_type",
            "key_name",
            "key_pair",
            "spot_price",
            "associate_public_ip_address",
            "instance_monitoring",
            "allow_all_outbound",
        },
        {
            "vpc",
            "instance_types",
            "machine_image",
            "require_imdsv2",
            "http_put_response_hop_limit",
            "security_group",
            "role",
            "user_data",
            "block_devices",
            "instances_distribution",
        },
    ),
    (
        secure.SecureEksCluster,
        eks.CfnCluster,
        {"resources_vpc_config", "role_arn", "encryption_config", "logging"},
        {
            "version",
            "vpc",
            "vpc_subnets",
            "security_groups",
            "role",
            "secrets_encryption_key",
            "endpoint_public_access",
            "endpoint_private_access",
            "cluster_logging",
            "oldest_supported_version",
        },
    ),
]

#: Props that the signatures above offer although the lowest supported aws-cdk-lib
#: (pyproject.toml) lacks them: name -> the aws-cdk-lib release that added it. Running on an
#: older release than that, the construct leaves the prop out when it is not given.
ADDED_AFTER_THE_FLOOR: dict[type, dict[str, str]] = {
    secure.SecureAutoScalingGroup: {},
    secure.SecureEksCluster: {},
}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _normalized(annotation: object) -> object:
    """An annotation in one spelling: ``Optional[Union[A, Dict[str, Any]]]`` and
    ``A | dict[str, Any] | None`` compare equal."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members: set[object] = set()
        for arg in args:
            member = _normalized(arg)
            members |= member if isinstance(member, frozenset) else {member}
        return frozenset(members)
    origin = typing.get_origin(annotation)
    if origin is not None:
        return (origin, tuple(_normalized(arg) for arg in args))
    return annotation


@pytest.mark.parametrize(
    ("construct", "wrapped", "replaced", "own"),
    REPLACED_BY_OWN,
    ids=lambda c: getattr(c, "__name__", ""),
)
def test_signature_offers_the_wrapped_props_it_does_not_replace(
    construct: type, wrapped: type, replaced: set[str], own: set[str]
) -> None:
    theirs = _params(wrapped.__init__)  # type: ignore[misc]
    ours = _params(construct.__init__)  # type: ignore[misc]
    installed = _version(importlib.metadata.version("aws-cdk-lib"))
    added = ADDED_AFTER_THE_FLOOR[construct]

    assert replaced <= set(theirs), "a replaced prop that aws-cdk-lib does not have"
    assert not replaced & set(ours), "a replaced prop is offered"
    expected = (set(theirs) - replaced) | own
    missing = expected - set(ours)
    assert not missing, f"add the new aws-cdk-lib props to the signature: {sorted(missing)}"
    for name in set(ours) - expected:
        assert name in added, f"{name} is not a prop of this aws-cdk-lib: list it as added"
        assert installed < _version(added[name]), f"{name} should be in aws-cdk-lib here"
    for name in added:
        assert name in ours, f"{name} is listed as added but not offered"

    for name, param in ours.items():
        assert param.kind is not inspect.Parameter.VAR_KEYWORD, f"**{name} hides the props"
        if name not in ("self", "scope", "id"):
            assert param.kind is inspect.Parameter.KEYWORD_ONLY, name

    # The passed-through props: typed as aws-cdk-lib types them, None unless given.
    their_types = typing.get_type_hints(wrapped.__init__)  # type: ignore[misc]
    our_types = typing.get_type_hints(construct.__init__)  # type: ignore[misc]
    for name in set(ours) - own - {"self", "scope", "id"}:
        assert ours[name].default is None, name
        if name in theirs:
            assert _normalized(our_types[name]) == _normalized(their_types[name]), name
