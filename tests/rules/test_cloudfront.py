"""CloudFront.10 through the real plugin path."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3

from fsbp_constructs import Status
from fsbp_constructs.testing import check_app, new_app
from tests.conftest import ENV

Cfn = cloudfront.CfnDistribution


def _l1_distribution(stack: cdk.Stack, construct_id: str, *origin: Cfn.OriginProperty) -> None:
    Cfn(
        stack,
        construct_id,
        distribution_config=Cfn.DistributionConfigProperty(
            enabled=True,
            origins=list(origin),
            default_cache_behavior=Cfn.DefaultCacheBehaviorProperty(
                target_origin_id=origin[0].id,
                viewer_protocol_policy="redirect-to-https",
                cache_policy_id="658327ea-f89d-4fab-a63d-7e88639e58f6",
            ),
        ),
    )


def _custom(origin_id: str, protocols: list[str] | None) -> Cfn.OriginProperty:
    return Cfn.OriginProperty(
        id=origin_id,
        domain_name=f"{origin_id.lower()}.example.com",
        custom_origin_config=Cfn.CustomOriginConfigProperty(
            origin_protocol_policy="https-only", origin_ssl_protocols=protocols
        ),
    )


def test_cloudfront_10_custom_origin_protocols() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    bucket = s3.Bucket(stack, "Bucket")
    cloudfront.Distribution(
        stack,
        "Tls12",
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(
                "api.example.com", origin_ssl_protocols=[cloudfront.OriginSslPolicy.TLS_V1_2]
            )
        ),
    )
    cloudfront.Distribution(
        stack,
        "Sslv3",
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(
                "legacy.example.com",
                origin_ssl_protocols=[
                    cloudfront.OriginSslPolicy.SSL_V3,
                    cloudfront.OriginSslPolicy.TLS_V1_2,
                ],
            )
        ),
    )
    cloudfront.Distribution(
        stack,
        "S3Only",
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_control(bucket)
        ),
    )
    cloudfront.Distribution(
        stack,
        "S3AndTls1",
        default_behavior=cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_control(bucket)
        ),
        additional_behaviors={
            "/api/*": cloudfront.BehaviorOptions(
                origin=origins.HttpOrigin(
                    "api.example.com",
                    origin_ssl_protocols=[
                        cloudfront.OriginSslPolicy.TLS_V1,
                        cloudfront.OriginSslPolicy.TLS_V1_1,
                    ],
                )
            )
        },
    )
    _l1_distribution(stack, "NoProtocols", _custom("Default", None))
    _l1_distribution(
        stack, "SecondOriginSslv3", _custom("Good", ["TLSv1.2"]), _custom("Bad", ["SSLv3"])
    )

    result = check_app(app, controls=["CloudFront.10"])

    assert result.resources("CloudFront.10", Status.PASS) == {
        "S/Tls12/Resource",
        "S/S3AndTls1/Resource",
    }
    assert result.resources("CloudFront.10", Status.FAIL) == {
        "S/Sslv3/Resource",
        "S/NoProtocols",
        "S/SecondOriginSslv3",
    }
    assert result.resources("CloudFront.10", Status.NOT_APPLICABLE) == {"S/S3Only/Resource"}
    assert result.reported() == {
        ("FSBP-CloudFront.10", "error", "S/Sslv3/Resource"),
        ("FSBP-CloudFront.10", "error", "S/NoProtocols"),
        ("FSBP-CloudFront.10", "error", "S/SecondOriginSslv3"),
    }
    by_path = {f.resource: f.verdict for f in result.findings if f.status is Status.FAIL}
    assert by_path["S/NoProtocols"].path == (
        "DistributionConfig.Origins[0].CustomOriginConfig.OriginSSLProtocols"
    )
    assert by_path["S/NoProtocols"].found is None
    assert by_path["S/SecondOriginSslv3"].path == (
        "DistributionConfig.Origins[1].CustomOriginConfig.OriginSSLProtocols"
    )
    assert by_path["S/SecondOriginSslv3"].found == ["SSLv3"]


def test_cloudfront_10_parameter_protocols_are_unknown_unless_another_origin_fails() -> None:
    app = new_app()
    stack = cdk.Stack(app, "S", env=ENV)
    protocols = cdk.CfnParameter(
        stack, "Protocols", type="CommaDelimitedList", default="TLSv1.2"
    ).value_as_list
    _l1_distribution(stack, "FromParameter", _custom("Param", protocols))
    _l1_distribution(
        stack, "ParameterAndSslv3", _custom("Param", protocols), _custom("Bad", ["SSLv3", "TLSv1"])
    )

    result = check_app(app, controls=["CloudFront.10"])

    assert result.resources("CloudFront.10", Status.UNKNOWN) == {"S/FromParameter"}
    assert result.resources("CloudFront.10", Status.FAIL) == {"S/ParameterAndSslv3"}
    assert result.reported() == {
        ("FSBP-CloudFront.10", "warning", "S/FromParameter"),
        ("FSBP-CloudFront.10", "error", "S/ParameterAndSslv3"),
    }
    (unknown,) = [f for f in result.findings if f.status is Status.UNKNOWN]
    assert "the template parameter Protocols" in unknown.message
