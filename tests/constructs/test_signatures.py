"""The Secure constructs take the keyword arguments of the aws-cdk-lib class they build on.

Most get them from :func:`same_props_as` (the L2's own signature, so they cannot drift);
``SecureTopic``, ``SecureStack`` and ``SecureAccessPoint`` spell them out next to their own
options, and these tests keep those lists equal to aws-cdk-lib's.
"""

from __future__ import annotations

import inspect
import pydoc
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_efs as efs
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
