"""Amazon CloudFront: CloudFront.1, .3, .4, .5, .6, .7, .8, .9, .10, .13, .15, .16."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import FAILS, all_of, any_of, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable

_FIX = (
    "set CustomOriginConfig.OriginSSLProtocols to [TLSv1.2] on every custom origin of "
    "DistributionConfig.Origins"
)


@rule(
    "CloudFront.10",
    "AWS::CloudFront::Distribution",
    fix=_FIX,
    remedy=Remedy(
        {"DistributionConfig.Origins[*].CustomOriginConfig.OriginSSLProtocols": ["TLSv1.2"]},
        safe=False,
        breaks="Origins that cannot negotiate TLS 1.2 become unreachable from CloudFront "
        "(HTTP 502).",
        describe="`OriginSSLProtocols: [TLSv1.2]` on each custom origin that lists `SSLv3` or "
        "sets no protocols",
    ),
)
def custom_origins_avoid_sslv3(distribution: Resource, ctx: RuleContext) -> Verdict:
    """No custom origin (`DistributionConfig.Origins[].CustomOriginConfig`) lists `SSLv3` in
    `OriginSSLProtocols`; `TLSv1` and `TLSv1.1` pass. A custom origin without
    `OriginSSLProtocols` fails, since the service default is believed to include SSLv3 (open
    question: conservative verdict). A failing origin decides even when another origin's
    list is unresolved. The legacy `DistributionConfig.CustomOrigin` is checked the same way.
    Distributions without custom origins (only S3 origins) are not applicable.
    """
    custom = 0
    undecided: Undecidable | None = None
    origins = [*distribution.props.items("DistributionConfig.Origins"), None]
    for origin in origins:
        try:
            # None stands for the legacy DistributionConfig.CustomOrigin, which is a custom
            # origin's config itself (with OriginSSLProtocols).
            config = (
                origin.at("CustomOriginConfig")
                if origin is not None
                else distribution.props.at("DistributionConfig.CustomOrigin")
            )
            if config is None:
                continue
            custom += 1
            path = f"{config.path}.OriginSSLProtocols"
            protocols = config.get("OriginSSLProtocols")
        except Undecidable as error:
            undecided = undecided or error
            continue
        if protocols is None:
            return Verdict.failed(path, None, _FIX + "; the service default includes SSLv3")
        if "SSLv3" in protocols:
            return Verdict.failed(path, protocols, _FIX)
    if undecided is not None:
        raise undecided
    if custom == 0:
        return Verdict.not_applicable("no custom origins")
    return Verdict.passed()


_CONFIG = "DistributionConfig"
_CERT = f"{_CONFIG}.ViewerCertificate"

control(
    "CloudFront.1",
    "AWS::CloudFront::Distribution",
    check=prop(f"{_CONFIG}.DefaultRootObject", absent=FAILS).not_empty(),
    fix="set DistributionConfig.DefaultRootObject to the object served for the root URL "
    "(for example index.html)",
    note='An empty string is how the API says "no default root object", so it fails. Every '
    "distribution is evaluated, whatever its origins (open question: conservative verdict).",
)

control(
    "CloudFront.3",
    "AWS::CloudFront::Distribution",
    check=all_of(
        prop(f"{_CONFIG}.DefaultCacheBehavior.ViewerProtocolPolicy", absent=FAILS).none_of(
            "allow-all"
        ),
        each(
            f"{_CONFIG}.CacheBehaviors",
            prop("ViewerProtocolPolicy", absent=FAILS).none_of("allow-all"),
        ),
    ),
    fix="set ViewerProtocolPolicy to redirect-to-https or https-only on "
    "DistributionConfig.DefaultCacheBehavior and on every DistributionConfig.CacheBehaviors item",
    note="`ViewerProtocolPolicy` is required by CloudFormation; a template without it does not "
    "deploy, and is reported as failing.",
)

control(
    "CloudFront.5",
    "AWS::CloudFront::Distribution",
    check=prop(f"{_CONFIG}.Logging.Bucket", absent=FAILS).not_empty(),
    fix="set DistributionConfig.Logging.Bucket to the S3 bucket (its domain name) that "
    "receives the standard access logs",
    note="Only standard (legacy) logging to S3 counts: the AWS Config rule reads the "
    "distribution's logging configuration, which logging v2 (a CloudWatch Logs delivery "
    "source) does not change (open question: conservative verdict).",
)

control(
    "CloudFront.6",
    "AWS::CloudFront::Distribution",
    check=prop(f"{_CONFIG}.WebACLId", absent=FAILS).not_empty(),
    fix="set DistributionConfig.WebACLId to the ARN of a WAF (v2, CLOUDFRONT scope) web ACL, "
    "or the id of a WAF Classic web ACL",
    note="A web ACL can only be associated with a distribution through `WebACLId` "
    "(AWS::WAFv2::WebACLAssociation does not accept distributions).",
)

_CUSTOM_CERT = any_of(
    prop(f"{_CERT}.AcmCertificateArn", absent=FAILS).not_empty(),
    prop(f"{_CERT}.IamCertificateId", absent=FAILS).not_empty(),
)

control(
    "CloudFront.7",
    "AWS::CloudFront::Distribution",
    check=_CUSTOM_CERT,
    fix="set DistributionConfig.ViewerCertificate.AcmCertificateArn (a us-east-1 ACM "
    "certificate) or IamCertificateId, with the distribution's Aliases",
    note="Absent `ViewerCertificate` means CloudFront's default `*.cloudfront.net` "
    "certificate, which fails.",
)

control(
    "CloudFront.8",
    "AWS::CloudFront::Distribution",
    check=prop(f"{_CERT}.SslSupportMethod", absent=FAILS).equals("sni-only"),
    when=_CUSTOM_CERT,
    fix="set DistributionConfig.ViewerCertificate.SslSupportMethod to sni-only",
    note="`vip` (dedicated IP addresses) and the legacy `static-ip` fail. Distributions on "
    "the default CloudFront certificate are not applicable. `SslSupportMethod` is required "
    "with a custom certificate; a template without it is reported as failing.",
)


# --------------------------------------------------------------------------- CloudFront.13

_OAC_FIX = (
    "create an AWS::CloudFront::OriginAccessControl (type s3) and set OriginAccessControlId on "
    "every S3 origin of DistributionConfig.Origins (with an empty "
    "S3OriginConfig.OriginAccessIdentity)"
)


_OAC_SET = prop("OriginAccessControlId", absent=FAILS).not_empty()


@rule("CloudFront.13", "AWS::CloudFront::Distribution", fix=_OAC_FIX)
def s3_origins_use_oac(distribution: Resource, ctx: RuleContext) -> Verdict:
    """Every S3 origin (an item of `DistributionConfig.Origins` with `S3OriginConfig`) sets
    `OriginAccessControlId`; absent or empty fails, and an origin access identity
    (`S3OriginConfig.OriginAccessIdentity`) alone fails. An S3 website endpoint is a custom
    origin (`CustomOriginConfig`) and is not counted. Distributions without S3 origins are not
    applicable. A failing origin decides even when another origin is undecided.
    """
    s3_origins = 0
    undecided: Undecidable | None = None
    for origin in distribution.props.items(f"{_CONFIG}.Origins"):
        try:
            if not origin.has("S3OriginConfig"):
                continue
            s3_origins += 1
            verdict = _OAC_SET.evaluate(origin, {})
        except Undecidable as error:
            undecided = undecided or error
            continue
        if verdict.status is Status.FAIL:
            return Verdict.failed(f"{origin.path}.OriginAccessControlId", verdict.found, _OAC_FIX)
    if undecided is not None:
        raise undecided
    if s3_origins == 0:
        return Verdict.not_applicable("no S3 origins")
    return Verdict.passed()


# --------------------------------------------------------------------------- CloudFront.9

_ORIGIN_FIX = (
    "set CustomOriginConfig.OriginProtocolPolicy to https-only on every custom origin of "
    "DistributionConfig.Origins"
)


def _allows_plain_viewers(distribution: Resource) -> bool:
    """Whether any cache behavior (default or additional) lets viewers use plain HTTP."""
    behaviors = [distribution.props.at(f"{_CONFIG}.DefaultCacheBehavior")]
    behaviors += list(distribution.props.items(f"{_CONFIG}.CacheBehaviors"))
    return any(b is not None and b.get("ViewerProtocolPolicy") == "allow-all" for b in behaviors)


@rule("CloudFront.9", "AWS::CloudFront::Distribution", fix=_ORIGIN_FIX)
def custom_origins_use_https(distribution: Resource, ctx: RuleContext) -> Verdict:
    """Every custom origin (`DistributionConfig.Origins[].CustomOriginConfig`) sets
    `OriginProtocolPolicy` to `https-only`, or to `match-viewer` while no cache behavior
    (`DefaultCacheBehavior` or `CacheBehaviors`) has `ViewerProtocolPolicy` `allow-all`.
    `http-only` fails; so does an absent `OriginProtocolPolicy` (required by CloudFormation).
    With `match-viewer`, an `allow-all` behavior fails whichever origin it targets (open
    question: conservative verdict). Distributions with only S3 origins are not applicable.
    A failing origin decides even when another origin is undecided.
    """
    custom = 0
    undecided: Undecidable | None = None
    for origin in distribution.props.items(f"{_CONFIG}.Origins"):
        try:
            config = origin.at("CustomOriginConfig")
            if config is None:
                continue
            custom += 1
            path = f"{config.path}.OriginProtocolPolicy"
            policy = config.get("OriginProtocolPolicy")
            if policy == "match-viewer" and _allows_plain_viewers(distribution):
                return Verdict.failed(
                    path, policy, _ORIGIN_FIX + " (a cache behavior allows plain HTTP viewers)"
                )
        except Undecidable as error:
            undecided = undecided or error
            continue
        if policy not in ("https-only", "match-viewer"):
            return Verdict.failed(path, policy, _ORIGIN_FIX)
    if undecided is not None:
        raise undecided
    if custom == 0:
        return Verdict.not_applicable("no custom origins")
    return Verdict.passed()


# --------------------------------------------------------------------------- CloudFront.4

_GROUPS = f"{_CONFIG}.OriginGroups.Items"

control(
    "CloudFront.4",
    "AWS::CloudFront::Distribution",
    check=all_of(
        prop(_GROUPS, absent=FAILS).not_empty(),
        each(_GROUPS, prop("Members.Quantity", absent=FAILS).at_least(2)),
    ),
    fix="add an origin group to DistributionConfig.OriginGroups.Items with two member origins "
    "(Members.Items, Members.Quantity 2) and FailoverCriteria status codes, and point a cache "
    "behavior's TargetOriginId at it",
    note="Whether a cache behavior targets the origin group is not checked, as the AWS Config "
    "rule does not check it either. Every distribution is evaluated, whatever its origins.",
)


# --------------------------------------------------------------------------- CloudFront.15

#: The viewer security policies CloudFront.15 passes.
RECOMMENDED_VIEWER_POLICIES = ("TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025")

control(
    "CloudFront.15",
    "AWS::CloudFront::Distribution",
    check=prop(f"{_CERT}.MinimumProtocolVersion", absent="TLSv1").one_of(
        *RECOMMENDED_VIEWER_POLICIES
    ),
    when=_CUSTOM_CERT,
    fix="set DistributionConfig.ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 (or "
    "TLSv1.2_2025, TLSv1.3_2025)",
    note="`TLSv1.2_2019` and older policies fail. Distributions on the default CloudFront "
    "certificate are not applicable: CloudFront then uses `TLSv1` whatever the template says, "
    "and only a custom certificate (CloudFront.7) allows another policy.",
)


# --------------------------------------------------------------------------- CloudFront.16

_LAMBDA_URL = re.compile(r"\.lambda-url\.[a-z0-9-]+\.on\.aws/?$")
_FUNCTION_URL_FIX = (
    "create an AWS::CloudFront::OriginAccessControl of type lambda and set "
    "OriginAccessControlId on every Lambda function URL origin of DistributionConfig.Origins "
    "(with the function URL's AuthType AWS_IAM)"
)


def _is_function_url(origin: Any) -> bool:
    """Whether an origin's DomainName is a Lambda function URL; raises Undecidable when a
    parameter or an import decides."""
    marker = origin.unresolved("DomainName")
    if marker is None:
        domain = origin.get("DomainName")
        return isinstance(domain, str) and _LAMBDA_URL.search(domain) is not None
    text = json.dumps(marker.expr, default=str)
    if '"FunctionUrl"' in text:
        return True
    if marker.kind in (Kind.ATTRIBUTE, Kind.RESOURCE_ID) and "Fn::ImportValue" not in text:
        return False  # another resource's attribute: not a function URL
    raise Undecidable.of(f"{origin.path}.DomainName", marker)


def _has_oac(origin: Any) -> bool:
    try:
        return _OAC_SET.evaluate(origin, {}).status is Status.PASS
    except Undecidable:
        return False


@rule("CloudFront.16", "AWS::CloudFront::Distribution", fix=_FUNCTION_URL_FIX)
def function_url_origins_use_oac(distribution: Resource, ctx: RuleContext) -> Verdict:
    """Every origin of `DistributionConfig.Origins` whose `DomainName` is a Lambda function
    URL (`<id>.lambda-url.<region>.on.aws`, or an expression over an `AWS::Lambda::Url`'s
    `FunctionUrl` attribute, as CDK builds it) sets `OriginAccessControlId`; absent or empty
    fails. An origin without one whose domain comes from a parameter or an import is
    UNKNOWN. Distributions without function URL origins are not applicable. A failing origin
    decides even when another is undecided.
    """
    urls = 0
    undecided: Undecidable | None = None
    for origin in distribution.props.items(f"{_CONFIG}.Origins"):
        try:
            if not _is_function_url(origin):
                continue
            urls += 1
            verdict = _OAC_SET.evaluate(origin, {})
        except Undecidable as error:
            if not _has_oac(origin):
                undecided = undecided or error
            continue
        if verdict.status is Status.FAIL:
            return Verdict.failed(
                f"{origin.path}.OriginAccessControlId", verdict.found, _FUNCTION_URL_FIX
            )
    if undecided is not None:
        raise undecided
    if urls == 0:
        return Verdict.not_applicable("no Lambda function URL origins")
    return Verdict.passed()
