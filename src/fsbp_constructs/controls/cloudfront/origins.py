"""CloudFront origins: CloudFront.9, .10, .12, .13, .16 (how a distribution reaches its
origins, and whether they exist)."""

from __future__ import annotations

import json
import re
from typing import Any

from ...engine.checks import FAILS, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Kind, Undecidable
from ._shared import CONFIG

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
    undecided = Undecided()
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
            undecided.keep(error)
            continue
        if protocols is None:
            return Verdict.failed(path, None, _FIX + "; the service default includes SSLv3")
        if "SSLv3" in protocols:
            return Verdict.failed(path, protocols)
    undecided.reraise()
    if custom == 0:
        return Verdict.not_applicable("no custom origins")
    return Verdict.passed()


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
    undecided = Undecided()
    for origin in distribution.props.items(f"{CONFIG}.Origins"):
        try:
            if not origin.has("S3OriginConfig"):
                continue
            s3_origins += 1
            verdict = _OAC_SET.evaluate(origin, {})
        except Undecidable as error:
            undecided.keep(error)
            continue
        if verdict.status is Status.FAIL:
            return Verdict.failed(f"{origin.path}.OriginAccessControlId", verdict.found)
    undecided.reraise()
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
    behaviors = [distribution.props.at(f"{CONFIG}.DefaultCacheBehavior")]
    behaviors += list(distribution.props.items(f"{CONFIG}.CacheBehaviors"))
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
    undecided = Undecided()
    for origin in distribution.props.items(f"{CONFIG}.Origins"):
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
            undecided.keep(error)
            continue
        if policy not in ("https-only", "match-viewer"):
            return Verdict.failed(path, policy)
    undecided.reraise()
    if custom == 0:
        return Verdict.not_applicable("no custom origins")
    return Verdict.passed()


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
    undecided = Undecided()
    for origin in distribution.props.items(f"{CONFIG}.Origins"):
        try:
            if not _is_function_url(origin):
                continue
            urls += 1
            verdict = _OAC_SET.evaluate(origin, {})
        except Undecidable as error:
            if not _has_oac(origin):
                undecided.keep(error)
            continue
        if verdict.status is Status.FAIL:
            return Verdict.failed(f"{origin.path}.OriginAccessControlId", verdict.found)
    undecided.reraise()
    if urls == 0:
        return Verdict.not_applicable("no Lambda function URL origins")
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
    undecided = Undecided()
    legacy = distribution.props.at(f"{CONFIG}.S3Origin")
    origins = [*distribution.props.items(f"{CONFIG}.Origins"), legacy]
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
            undecided.keep(error)
    undecided.reraise()
    if s3_origins == 0:
        return Verdict.not_applicable("no S3 origins")
    return Verdict.passed()
