"""Amazon CloudFront: CloudFront.10."""

from __future__ import annotations

from ..engine.model import Resource
from ..engine.registry import RuleContext, Verdict, rule
from ..engine.values import Undecidable, get, items


@rule("CloudFront.10", "AWS::CloudFront::Distribution")
def custom_origins_avoid_sslv3(distribution: Resource, ctx: RuleContext) -> Verdict:
    """No custom origin (`DistributionConfig.Origins[].CustomOriginConfig`) lists `SSLv3` in
    `OriginSSLProtocols`. A custom origin without `OriginSSLProtocols` fails, since the
    service default is believed to include SSLv3 (open question: conservative verdict). A
    failing origin decides even when another origin's list is unresolved. Distributions
    without custom origins are not applicable.
    """
    custom = 0
    undecidable: Undecidable | None = None
    fix = "set OriginSSLProtocols to ['TLSv1.2'] (SecureDistribution does)"
    for origin_path, origin in items(distribution.properties, "DistributionConfig.Origins"):
        try:
            config = get(origin, "CustomOriginConfig", deep=False, where=origin_path)
            if config is None:
                continue
            custom += 1
            where = f"{origin_path}.CustomOriginConfig"
            protocols = get(config, "OriginSSLProtocols", where=where)
        except Undecidable as error:
            undecidable = undecidable or error
            continue
        path = f"{where}.OriginSSLProtocols"
        if protocols is None:
            return Verdict.failed(path, None, fix + "; the service default includes SSLv3")
        if "SSLv3" in protocols:
            return Verdict.failed(path, protocols, fix)
    if undecidable is not None:
        raise undecidable
    if custom == 0:
        return Verdict.not_applicable("no custom origins")
    return Verdict.passed()
