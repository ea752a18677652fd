"""Amazon CloudFront: CloudFront.1, .3, .4, .5, .6, .7, .8, .9, .10, .12, .13, .15, .16, .17."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import FAILS, all_of, any_of, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.values import Kind, Undecidable, View

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
    remedy=Remedy(
        {f"{_CONFIG}.DefaultRootObject": "index.html"},
        safe=False,
        breaks="The root URL then serves `index.html`: where the origin has no such object, "
        "viewers of the root URL get an error instead of what the origin answered before.",
    ),
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
    remedy=Remedy(
        {f"{_CERT}.SslSupportMethod": "sni-only"},
        safe=False,
        breaks="Viewers whose TLS client does not send SNI (very old browsers and devices) can "
        "no longer connect; the dedicated IP addresses (and their monthly charge) go away.",
    ),
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
    remedy=Remedy(
        {f"{_CERT}.MinimumProtocolVersion": "TLSv1.2_2021"},
        safe=False,
        breaks="Viewers limited to TLS 1.0 or 1.1, or to the ciphers TLSv1.2_2021 drops, can no "
        "longer connect.",
    ),
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


# --------------------------------------------------------------------------- CloudFront.17

_KEY_GROUP_FIX = (
    "create an AWS::CloudFront::KeyGroup (of AWS::CloudFront::PublicKey items) and list it in "
    "TrustedKeyGroups on DistributionConfig.DefaultCacheBehavior and on every "
    "DistributionConfig.CacheBehaviors item, and remove TrustedSigners"
)
_KEY_GROUPS_SET = prop("TrustedKeyGroups", absent=FAILS).not_empty()


def _cache_behaviors(distribution: Resource) -> list[Any]:
    """The default cache behavior (a stand-in view when absent) and every additional one."""
    default = distribution.props.at(f"{_CONFIG}.DefaultCacheBehavior")
    if default is None:
        default = View({}, f"{_CONFIG}.DefaultCacheBehavior")
    return [default, *distribution.props.items(f"{_CONFIG}.CacheBehaviors")]


@rule("CloudFront.17", "AWS::CloudFront::Distribution", fix=_KEY_GROUP_FIX)
def behaviors_use_trusted_key_groups(distribution: Resource, ctx: RuleContext) -> Verdict:
    """Every cache behavior (`DistributionConfig.DefaultCacheBehavior` and each item of
    `DistributionConfig.CacheBehaviors`) lists at least one key group in `TrustedKeyGroups`
    and no account in `TrustedSigners` (the legacy CloudFront key pairs of an account's root
    user). A behavior with `TrustedSigners` fails; so does one without `TrustedKeyGroups`,
    which serves content without signed URLs or cookies: the AWS Config rule is
    NON_COMPLIANT when no signer is configured (open question: conservative verdict, it
    fails every public distribution). A failing behavior decides even when another is
    undecided.
    """
    undecided: Undecidable | None = None
    for behavior in _cache_behaviors(distribution):
        try:
            signers = behavior.get("TrustedSigners")
            if signers not in (None, []):
                return Verdict.failed(f"{behavior.path}.TrustedSigners", signers, _KEY_GROUP_FIX)
            verdict = _KEY_GROUPS_SET.evaluate(behavior, {})
        except Undecidable as error:
            undecided = undecided or error
            continue
        if verdict.status is Status.FAIL:
            return Verdict(
                Status.FAIL,
                path=f"{behavior.path}.TrustedKeyGroups",
                found=verdict.found,
                fix=_KEY_GROUP_FIX,
                reason="viewers need no signed URL or cookie: no signer is configured",
            )
    if undecided is not None:
        raise undecided
    return Verdict.passed()


# --------------------------------------------------------------------------- CloudFront.12

_BUCKET = "AWS::S3::Bucket"
#: A bucket's REST endpoint: ``<bucket>.s3[.dualstack][.-<region>].amazonaws.com[.cn]``.
_S3_DOMAIN = re.compile(
    r"^(?P<bucket>[a-z0-9][a-z0-9.\-]*?)\.s3(?:\.dualstack)?(?:[.-][a-z]{2}(?:-[a-z]+)+-\d)?"
    r"\.amazonaws\.com(?:\.cn)?\.?$"
)
_S3_WEBSITE = re.compile(r"\.s3-website[.-][a-z0-9-]+\.amazonaws\.com(?:\.cn)?\.?$")
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
_BUCKET_FIX = (
    "point every S3 origin (DistributionConfig.Origins item with S3OriginConfig) at a bucket "
    "that exists: declare the bucket in the app and use its RegionalDomainName attribute as "
    "the origin's DomainName"
)


def _pointed_resources(ctx: RuleContext, distribution: Resource, expr: Any) -> list[Any]:
    """The resources of the app that an intrinsic expression refers to (``Ref``,
    ``Fn::GetAtt``, ``Fn::Sub`` names, CDK cross-stack imports), anywhere inside it."""
    found: list[Any] = []
    stack = distribution.stack
    if isinstance(expr, list):
        for item in expr:
            found += _pointed_resources(ctx, distribution, item)
    elif isinstance(expr, dict):
        target = ctx.app.referenced(stack, expr) if len(expr) == 1 else None
        if target is not None:
            return [target]
        if len(expr) == 1 and "Fn::Sub" in expr:
            text = expr["Fn::Sub"]
            text = text[0] if isinstance(text, list) and text else text
            for name in _SUB_NAME.findall(text if isinstance(text, str) else ""):
                named = ctx.app.referenced(stack, {"Ref": name})
                if named is not None:
                    found.append(named)
        for item in expr.values():
            found += _pointed_resources(ctx, distribution, item)
    return found


def _bucket_names(ctx: RuleContext) -> tuple[set[str], bool]:
    """The literal ``BucketName`` of every bucket of the app, and whether any bucket's name
    is undecided (a parameter, a generated name)."""

    def index() -> tuple[set[str], bool]:
        names: set[str] = set()
        undecided = False
        for bucket in ctx.app.resources(_BUCKET):
            try:
                name = bucket.props.get("BucketName")
            except Undecidable:
                undecided = True
                continue
            if isinstance(name, str):
                names.add(name)
        return names, undecided

    return ctx.app.memo("CloudFront.12 bucket names", index)


def _origin_bucket_exists(ctx: RuleContext, distribution: Resource, origin: Any, field: str) -> str:
    """Why the origin's bucket exists (it is declared in the app); raises Undecidable when
    the template cannot tell."""
    path = f"{origin.path}.{field}"
    marker = origin.unresolved(field)
    if marker is not None:
        targets = _pointed_resources(ctx, distribution, marker.expr)
        buckets = [t for t in targets if t.type == _BUCKET]
        if buckets:
            return f"bucket {buckets[0].logical_id} of the app"
        if targets:
            raise Undecidable(
                path, f"an attribute of {targets[0].logical_id} ({targets[0].type}), not a bucket"
            )
        raise Undecidable.of(path, marker)
    domain = origin.get(field)
    if isinstance(domain, str) and _S3_WEBSITE.search(domain):
        return "a website endpoint, which the AWS Config rule does not evaluate"
    match = _S3_DOMAIN.match(domain) if isinstance(domain, str) else None
    if match is None:
        raise Undecidable(path, f"a domain that names no S3 bucket endpoint ({domain!r})")
    bucket = match.group("bucket")
    names, _ = _bucket_names(ctx)
    if bucket in names:
        return f"bucket {bucket} of the app"
    raise Undecidable(
        path,
        f"the bucket {bucket}, which the app does not declare: it may exist in the account",
        Kind.ACCOUNT_DEFAULT,
    )


@rule("CloudFront.12", "AWS::CloudFront::Distribution", fix=_BUCKET_FIX)
def s3_origins_exist(distribution: Resource, ctx: RuleContext) -> Verdict:
    """Every S3 origin (an item of `DistributionConfig.Origins` with `S3OriginConfig`, or the
    legacy `DistributionConfig.S3Origin`) names a bucket that exists: its `DomainName` refers
    to an `AWS::S3::Bucket` of the app (`Fn::GetAtt` of `RegionalDomainName` or
    `DomainName`, a `Ref` inside `Fn::Sub` or `Fn::Join`, a CDK cross-stack import), or is
    the literal endpoint (`<bucket>.s3[.<region>].amazonaws.com`) of a bucket the app
    declares with that `BucketName`. Any other bucket may or may not exist in the account:
    UNKNOWN. S3 website endpoints are custom origins (`CustomOriginConfig`) and are not
    counted, as the AWS Config rule skips them; distributions without S3 origins are not
    applicable.
    """
    s3_origins = 0
    undecided: Undecidable | None = None
    legacy = distribution.props.at(f"{_CONFIG}.S3Origin")
    origins = [*distribution.props.items(f"{_CONFIG}.Origins"), legacy]
    for origin in origins:
        if origin is None:
            continue
        field = "DNSName" if origin is legacy else "DomainName"
        try:
            if origin is not legacy and not origin.has("S3OriginConfig"):
                continue
            s3_origins += 1
            _origin_bucket_exists(ctx, distribution, origin, field)
        except Undecidable as error:
            undecided = undecided or error
    if undecided is not None:
        raise undecided
    if s3_origins == 0:
        return Verdict.not_applicable("no S3 origins")
    return Verdict.passed()
