"""CloudFront distributions and their viewers: CloudFront.1, .3, .4, .5, .6, .7, .8, .15, .17."""

from __future__ import annotations

from typing import Any

from ...engine.checks import FAILS, all_of, any_of, control, each, prop
from ...engine.model import Resource
from ...engine.registry import Remedy, RuleContext, Status, Verdict, rule
from ...engine.undecided import Undecided
from ...engine.values import Undecidable, View
from ._shared import CONFIG

_CERT = f"{CONFIG}.ViewerCertificate"


control(
    "CloudFront.1",
    "AWS::CloudFront::Distribution",
    check=prop(f"{CONFIG}.DefaultRootObject", absent=FAILS).not_empty(),
    fix="set DistributionConfig.DefaultRootObject to the object served for the root URL "
    "(for example index.html)",
    note='An empty string is how the API says "no default root object", so it fails. Every '
    "distribution is evaluated, whatever its origins (open question: conservative verdict).",
    remedy=Remedy(
        {f"{CONFIG}.DefaultRootObject": "index.html"},
        safe=False,
        breaks="The root URL then serves `index.html`: where the origin has no such object, "
        "viewers of the root URL get an error instead of what the origin answered before.",
    ),
)

control(
    "CloudFront.3",
    "AWS::CloudFront::Distribution",
    check=all_of(
        prop(f"{CONFIG}.DefaultCacheBehavior.ViewerProtocolPolicy", absent=FAILS).none_of(
            "allow-all"
        ),
        each(
            f"{CONFIG}.CacheBehaviors",
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
    check=prop(f"{CONFIG}.Logging.Bucket", absent=FAILS).not_empty(),
    fix="set DistributionConfig.Logging.Bucket to the S3 bucket (its domain name) that "
    "receives the standard access logs",
    note="Only standard (legacy) logging to S3 counts: the AWS Config rule reads the "
    "distribution's logging configuration, which logging v2 (a CloudWatch Logs delivery "
    "source) does not change (open question: conservative verdict).",
    decision="where the access logs go and who reads them; standard logging writes to an S3 "
    "bucket with ACLs enabled (object ownership `ObjectWriter` or `BucketOwnerPreferred`), "
    "which S3.12 then reports on that bucket, to acknowledge with the reason",
)

control(
    "CloudFront.6",
    "AWS::CloudFront::Distribution",
    check=prop(f"{CONFIG}.WebACLId", absent=FAILS).not_empty(),
    fix="set DistributionConfig.WebACLId to the ARN of a WAF (v2, CLOUDFRONT scope) web ACL, "
    "or the id of a WAF Classic web ACL",
    note="A web ACL can only be associated with a distribution through `WebACLId` "
    "(AWS::WAFv2::WebACLAssociation does not accept distributions).",
    decision="the web ACL, whose rules depend on the app's traffic (created in us-east-1 "
    "with the CLOUDFRONT scope, and charged per web ACL, rule and request)",
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
    decision="the domain name, for which a custom certificate is issued (an ACM "
    "certificate in us-east-1, validated through your DNS)",
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


# --------------------------------------------------------------------------- CloudFront.4

_GROUPS = f"{CONFIG}.OriginGroups.Items"

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
    decision="the fallback origin, a second origin holding the same content (a replica "
    "bucket or another endpoint, with its own cost)",
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


# --------------------------------------------------------------------------- CloudFront.17

_KEY_GROUP_FIX = (
    "create an AWS::CloudFront::KeyGroup (of AWS::CloudFront::PublicKey items) and list it in "
    "TrustedKeyGroups on DistributionConfig.DefaultCacheBehavior and on every "
    "DistributionConfig.CacheBehaviors item, and remove TrustedSigners"
)
_KEY_GROUPS_SET = prop("TrustedKeyGroups", absent=FAILS).not_empty()


def _cache_behaviors(distribution: Resource) -> list[Any]:
    """The default cache behavior (a stand-in view when absent) and every additional one."""
    default = distribution.props.at(f"{CONFIG}.DefaultCacheBehavior")
    if default is None:
        default = View({}, f"{CONFIG}.DefaultCacheBehavior")
    return [default, *distribution.props.items(f"{CONFIG}.CacheBehaviors")]


@rule(
    "CloudFront.17",
    "AWS::CloudFront::Distribution",
    fix=_KEY_GROUP_FIX,
    decision="whether viewers must sign, as a trusted key group needs your signing keys and "
    "an app that signs URLs or cookies (content meant for everyone acknowledges the control "
    "with the reason)",
)
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
    undecided = Undecided()
    for behavior in _cache_behaviors(distribution):
        try:
            signers = behavior.get("TrustedSigners")
            if signers not in (None, []):
                return Verdict.failed(f"{behavior.path}.TrustedSigners", signers)
            verdict = _KEY_GROUPS_SET.evaluate(behavior, {})
        except Undecidable as error:
            undecided.keep(error)
            continue
        if verdict.status is Status.FAIL:
            return Verdict(
                Status.FAIL,
                path=f"{behavior.path}.TrustedKeyGroups",
                found=verdict.found,
                reason="viewers need no signed URL or cookie: no signer is configured",
            )
    undecided.reraise()
    return Verdict.passed()
