"""Amazon ElastiCache: ElastiCache.1, ElastiCache.2, ElastiCache.3, ElastiCache.4,
ElastiCache.5, ElastiCache.6, ElastiCache.7."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, all_of, control, param, prop
from ...engine.model import Resource
from ...engine.registry import Parameter, Remedy, RuleContext, Status, Verdict, rule, whole_number

control(
    "ElastiCache.1",
    "AWS::ElastiCache::CacheCluster",
    "AWS::ElastiCache::ReplicationGroup",
    check=prop("SnapshotRetentionLimit", absent=0).at_least(param("snapshotRetentionPeriod")),
    when=prop("Engine", absent=PASSES).one_of("redis", "valkey", ignore_case=True),
    parameters=[
        Parameter(
            "snapshotRetentionPeriod",
            default=1,
            description="The fewest days of automatic snapshots to keep (1 to 35; Security "
            "Hub's default 1).",
            parse=whole_number(1, 35, "days"),
        )
    ],
    fix="set SnapshotRetentionLimit to at least 1 (or the snapshotRetentionPeriod parameter), "
    "at most 35",
    note="Absent means 0, no automatic backups. Memcached clusters are not applicable (they "
    "have no backups); a replication group without `Engine` is Redis OSS, the "
    "CloudFormation default, so absent `Engine` keeps it in scope (a cache cluster must "
    "name its engine).",
)

control(
    "ElastiCache.2",
    "AWS::ElastiCache::CacheCluster",
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    when=prop("Engine", absent=FAILS).one_of("redis", "valkey", ignore_case=True),
    fix="remove AutoMinorVersionUpgrade, or set it to true",
    note="Absent means the service default, on. Memcached clusters are not applicable (the "
    "Config rule judges Valkey and Redis OSS only); an `Engine` that the template does not "
    "decide is UNKNOWN.",
)

control(
    "ElastiCache.4",
    "AWS::ElastiCache::ReplicationGroup",
    check=prop("AtRestEncryptionEnabled", absent=False).is_true(),
    fix="set AtRestEncryptionEnabled to true (chosen at creation: the replication group is "
    "replaced)",
    remedy=Remedy(
        {"AtRestEncryptionEnabled": True},
        safe=False,
        breaks="Chosen at creation: an existing replication group is replaced, and its cached "
        "data is lost.",
    ),
    note="Absent is judged as off, the CloudFormation default for replication groups "
    "(conservative: some newer engine versions encrypt regardless, which the template "
    "does not show).",
)

control(
    "ElastiCache.5",
    "AWS::ElastiCache::ReplicationGroup",
    check=prop("TransitEncryptionEnabled", absent=False).is_true(),
    fix="set TransitEncryptionEnabled to true (with TransitEncryptionMode required once "
    "clients use TLS)",
    remedy=Remedy(
        {"TransitEncryptionEnabled": True, "TransitEncryptionMode": "required"},
        safe=False,
        breaks="Clients must connect with TLS; plain-text clients lose the connection. On an "
        "existing group, turning it on needs the preferred mode first (a two-step change).",
    ),
    note="`TransitEncryptionMode: preferred` still passes here: the Config rule reads the "
    "enabled flag only (open question).",
)

control(
    "ElastiCache.3",
    "AWS::ElastiCache::ReplicationGroup",
    check=prop("AutomaticFailoverEnabled", absent=False).is_true(),
    fix="set AutomaticFailoverEnabled to true, with at least two nodes (NumCacheClusters of "
    "2 or more, or replicas per node group)",
    note="Absent means off, the CloudFormation default for groups without cluster mode.",
)

_AUTH_SCOPE = all_of(
    prop("Engine", absent=PASSES).one_of("redis", ignore_case=True),
    prop("EngineVersion", absent=FAILS).matches(r"^[2-5]\."),
)
_AUTH_FIX = (
    "set AuthToken (from a secret: {{resolve:secretsmanager:...}}) with "
    "TransitEncryptionEnabled true, or move to Redis OSS 6.0 or later with UserGroupIds"
)


@rule("ElastiCache.6", "AWS::ElastiCache::ReplicationGroup", fix=_AUTH_FIX)
def group_uses_auth_token(group: Resource, ctx: RuleContext) -> Verdict:
    """`AuthToken` is set. Only Redis OSS replication groups before version 6 are applicable
    (`EngineVersion` 2.x to 5.x): later versions authenticate through user groups (RBAC), and
    Valkey has no AUTH token. An absent `EngineVersion` means the latest version (not
    applicable); an absent `Engine` means Redis OSS, the CloudFormation default. A token from
    a parameter or a secret (dynamic reference) counts: only its presence matters.

    Code, not a declaration: the token's value is never known, only whether it is given.
    """
    scope = _AUTH_SCOPE.evaluate(group.props, ctx.parameters)
    if scope.status is Status.FAIL:
        return Verdict.not_applicable(f"out of scope: {scope.detail}")
    if scope.status is not Status.PASS:
        return scope
    if group.props.has("AuthToken"):
        return Verdict.passed()
    return Verdict.failed("AuthToken", None)


_SUBNET_FIX = (
    "set CacheSubnetGroupName to an AWS::ElastiCache::SubnetGroup of your VPC's private "
    "subnets (chosen at creation: the cluster is replaced)"
)
_NAMED_GROUP = prop("CacheSubnetGroupName", absent=FAILS).none_of("default", ignore_case=True)


@rule("ElastiCache.7", "AWS::ElastiCache::CacheCluster", fix=_SUBNET_FIX)
def cluster_uses_own_subnet_group(cluster: Resource, ctx: RuleContext) -> Verdict:
    """`CacheSubnetGroupName` is set and is not `default`. Absent means the `default` subnet
    group (the default VPC's subnets): FAIL. A reference to an
    `AWS::ElastiCache::SubnetGroup` of the template passes (the name `default` is reserved).

    Code, not a declaration: a reference to a subnet group of the template decides by its
    type, not by a value.
    """
    target = ctx.app.follow(cluster, "CacheSubnetGroupName")
    if target is not None and target.type == "AWS::ElastiCache::SubnetGroup":
        return Verdict.passed(f"the subnet group {target.logical_id}")
    return _NAMED_GROUP.evaluate(cluster.props, ctx.parameters)
