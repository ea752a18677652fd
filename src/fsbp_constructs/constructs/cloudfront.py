"""Amazon CloudFront: a distribution that speaks HTTPS to viewers and TLS 1.2 to origins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from constructs import Construct

from ._props import same_args_as, same_props_as

__all__ = ["SecureDistribution", "secure_http_origin"]

Behavior = cloudfront.BehaviorOptions | Mapping[str, Any]


@same_args_as(origins.HttpOrigin)
def secure_http_origin(domain_name: str, **props: Any) -> origins.HttpOrigin:
    """An ``origins.HttpOrigin`` that only talks TLS 1.2 to the origin.

    Secure defaults (a keyword given here wins):

    - ``origin_ssl_protocols``: ``[OriginSslPolicy.TLS_V1_2]`` (CloudFront.10: no SSLv3 or
      older TLS between edge locations and custom origins).
    - ``protocol_policy``: ``OriginProtocolPolicy.HTTPS_ONLY`` (CloudFront.9: traffic to
      custom origins is encrypted).

    aws-cdk-lib 2.275 uses the same values when these are omitted; stating them keeps the
    distribution compliant if a later release changes its defaults.
    """
    defaults: dict[str, Any] = {
        "origin_ssl_protocols": [cloudfront.OriginSslPolicy.TLS_V1_2],
        "protocol_policy": cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    }
    given = {key: value for key, value in props.items() if value is not None}
    return origins.HttpOrigin(domain_name, **{**defaults, **given})


class SecureDistribution(cloudfront.Distribution):
    """A ``cloudfront.Distribution`` with the CloudFront FSBP controls met by default.

    Secure defaults (any keyword given wins, and ``FsbpChecks`` flags a noncompliant choice):

    - each behavior's ``viewer_protocol_policy`` (``default_behavior`` and every
      ``additional_behaviors`` entry): ``ViewerProtocolPolicy.REDIRECT_TO_HTTPS`` when the
      behavior does not set one (CloudFront.3: viewers use HTTPS).
    - ``default_root_object``: ``"index.html"`` (CloudFront.1: a request for ``/`` returns
      that object rather than the origin's root listing).
    - with a ``certificate``: ``minimum_protocol_version`` ``SecurityPolicyProtocol.TLS_V1_2_2021``
      (CloudFront.15: a recommended TLS security policy) and ``ssl_support_method``
      ``SSLMethod.SNI`` (CloudFront.8: SNI rather than dedicated IPs).

    Custom origins: build them with :func:`secure_http_origin` (CloudFront.10 and
    CloudFront.9). Access logs (CloudFront.5) stay optional: pass ``enable_logging=True``
    and a ``log_bucket``. A web ACL (CloudFront.6) is ``web_acl_id``.

    Not defaulted, because they need the user's resources (``FsbpChecks`` reports them):

    - origin failover (CloudFront.4): give the behavior an ``origins.OriginGroup`` of a
      primary and a fallback origin (a second bucket or endpoint, which costs its storage).
    - a Lambda function URL origin (CloudFront.16): build it with
      ``origins.FunctionUrlOrigin.with_origin_access_control(url)`` (the URL's ``auth_type``
      ``AWS_IAM``); the plain ``FunctionUrlOrigin`` has no origin access control.
    - signed URLs or cookies with a trusted key group on every behavior (CloudFront.17:
      Security Hub fails a behavior without one, public content included): give each
      behavior ``trusted_key_groups``, or acknowledge ``FSBP::FSBP-CloudFront.17`` with the
      reason (content meant for everyone).

    Example::

        SecureDistribution(self, "Cdn",
                           default_behavior=cloudfront.BehaviorOptions(
                               origin=secure_http_origin("api.example.com")))
    """

    @same_props_as(cloudfront.Distribution)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        given = {key: value for key, value in props.items() if value is not None}
        defaults: dict[str, Any] = {"default_root_object": "index.html"}
        if given.get("certificate") is not None:
            defaults["minimum_protocol_version"] = cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021
            defaults["ssl_support_method"] = cloudfront.SSLMethod.SNI
        if "default_behavior" in given:
            given["default_behavior"] = _secure_behavior(given["default_behavior"])
        given["additional_behaviors"] = {
            pattern: _secure_behavior(behavior)
            for pattern, behavior in (given.get("additional_behaviors") or {}).items()
        }
        super().__init__(scope, id, **{**defaults, **given})


def _secure_behavior(behavior: Behavior) -> cloudfront.BehaviorOptions:
    values = dict(behavior) if isinstance(behavior, Mapping) else dict(behavior._values)
    if values.get("viewer_protocol_policy") is None:
        values["viewer_protocol_policy"] = cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS
    return cloudfront.BehaviorOptions(**values)
