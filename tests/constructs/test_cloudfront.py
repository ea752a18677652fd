"""SecureDistribution and secure_http_origin: CloudFront.10, plus CloudFront.1/.3/.8/.9/.15."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk.assertions import Match, Template
from syrupy.assertion import SnapshotAssertion

from fsbp_constructs import Status
from fsbp_constructs.constructs.cloudfront import SecureDistribution, secure_http_origin
from fsbp_constructs.testing import check_app, template_of
from tests.conftest import cfn_lint_errors, new_stack

CERT_ARN = "arn:aws:acm:us-east-1:111111111111:certificate/11111111-2222-3333-4444-555555555555"


def _distribution(stack: cdk.Stack, **props: Any) -> SecureDistribution:
    certificate = acm.Certificate.from_certificate_arn(stack, "Cert", CERT_ARN)
    return SecureDistribution(
        stack,
        "Cdn",
        default_behavior=cloudfront.BehaviorOptions(origin=secure_http_origin("app.example.com")),
        additional_behaviors={"/api/*": {"origin": secure_http_origin("api.example.com")}},
        certificate=certificate,
        domain_names=["www.example.com"],
        **props,
    )


def test_template_snapshot(snapshot_json: SnapshotAssertion) -> None:
    _, stack = new_stack()
    _distribution(stack)

    assert template_of(stack) == snapshot_json


def test_https_viewers_tls12_origins_root_object_and_tls_policy() -> None:
    _, stack = new_stack()
    _distribution(stack)

    https_to_origin = {"OriginProtocolPolicy": "https-only", "OriginSSLProtocols": ["TLSv1.2"]}
    Template.from_stack(stack).has_resource_properties(
        "AWS::CloudFront::Distribution",
        {
            "DistributionConfig": Match.object_like(
                {
                    "DefaultRootObject": "index.html",
                    "DefaultCacheBehavior": Match.object_like(
                        {"ViewerProtocolPolicy": "redirect-to-https"}
                    ),
                    "CacheBehaviors": [
                        Match.object_like(
                            {"PathPattern": "/api/*", "ViewerProtocolPolicy": "redirect-to-https"}
                        )
                    ],
                    "Origins": [
                        Match.object_like(
                            {"DomainName": "app.example.com", "CustomOriginConfig": https_to_origin}
                        ),
                        Match.object_like(
                            {"DomainName": "api.example.com", "CustomOriginConfig": https_to_origin}
                        ),
                    ],
                    "ViewerCertificate": {
                        "AcmCertificateArn": CERT_ARN,
                        "MinimumProtocolVersion": "TLSv1.2_2021",
                        "SslSupportMethod": "sni-only",
                    },
                }
            ),
        },
    )


def test_given_values_win_over_defaults() -> None:
    _, stack = new_stack()
    SecureDistribution(
        stack,
        "Cdn",
        default_behavior=cloudfront.BehaviorOptions(
            origin=secure_http_origin("app.example.com"),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        ),
        default_root_object="home.html",
    )

    template = Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::CloudFront::Distribution",
        {
            "DistributionConfig": Match.object_like(
                {
                    "DefaultRootObject": "home.html",
                    "DefaultCacheBehavior": Match.object_like(
                        {"ViewerProtocolPolicy": "https-only"}
                    ),
                    # without a certificate CloudFront's default certificate is used: no TLS policy
                    "ViewerCertificate": Match.absent(),
                }
            ),
        },
    )


def test_defaults_have_zero_findings_with_every_control() -> None:
    app, stack = new_stack()
    _distribution(stack)

    result = check_app(app, include_retired=True, strict=True)

    assert result.resources("CloudFront.10", Status.PASS) == {"S/Cdn/Resource"}
    # The gaps: standard logging needs a log bucket, WAF a web ACL in us-east-1, origin
    # failover a second origin (an origins.OriginGroup), and signed URLs a key group: each
    # needs the user's resources; Security Hub reports them the same way.
    assert {(f.control.id, f.resource) for f in result.problems()} == {
        ("CloudFront.4", "S/Cdn/Resource"),
        ("CloudFront.5", "S/Cdn/Resource"),
        ("CloudFront.6", "S/Cdn/Resource"),
        ("CloudFront.17", "S/Cdn/Resource"),
    }


def test_pack_flags_sslv3_to_an_origin() -> None:
    app, stack = new_stack()
    SecureDistribution(
        stack,
        "Cdn",
        default_behavior=cloudfront.BehaviorOptions(
            origin=secure_http_origin(
                "app.example.com",
                origin_ssl_protocols=[
                    cloudfront.OriginSslPolicy.SSL_V3,
                    cloudfront.OriginSslPolicy.TLS_V1_2,
                ],
            )
        ),
    )

    result = check_app(app, controls=["CloudFront.10"])

    assert result.resources("CloudFront.10", Status.FAIL) == {"S/Cdn/Resource"}
    assert result.reported() == {("FSBP-CloudFront.10", "error", "S/Cdn/Resource")}


def test_pack_flags_an_origin_without_ssl_protocols() -> None:
    app, stack = new_stack()
    cdn = SecureDistribution(
        stack,
        "Cdn",
        default_behavior=cloudfront.BehaviorOptions(origin=origins.HttpOrigin("app.example.com")),
    )
    l1 = cdn.node.default_child
    assert isinstance(l1, cdk.CfnResource)
    l1.add_property_deletion_override(
        "DistributionConfig.Origins.0.CustomOriginConfig.OriginSSLProtocols"
    )

    result = check_app(app, controls=["CloudFront.10"])

    assert result.resources("CloudFront.10", Status.FAIL) == {"S/Cdn/Resource"}


def test_template_passes_cfn_lint() -> None:
    _, stack = new_stack()
    _distribution(stack)

    assert cfn_lint_errors(template_of(stack)) == []
