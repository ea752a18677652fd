"""Amazon ElastiCache: ElastiCache.1, ElastiCache.2, ElastiCache.3, ElastiCache.4,
ElastiCache.5."""

from __future__ import annotations

from ...engine.checks import FAILS, PASSES, control, param, prop
from ...engine.registry import Parameter, whole_number

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
