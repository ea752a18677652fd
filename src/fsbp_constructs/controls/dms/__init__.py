"""AWS Database Migration Service: DMS.1, DMS.6, DMS.13."""

from __future__ import annotations

from ...engine.checks import control, prop

control(
    "DMS.1",
    "AWS::DMS::ReplicationInstance",
    check=prop("PubliclyAccessible", absent=True).is_false(),
    fix="set PubliclyAccessible to false (chosen at creation: the replication instance is "
    "replaced)",
    note="Absent means public: the DMS default is a public IP address. Only the flag is "
    "judged, as the Config rule does: a public instance in a subnet without a route to an "
    "internet gateway still fails.",
)

control(
    "DMS.6",
    "AWS::DMS::ReplicationInstance",
    check=prop("AutoMinorVersionUpgrade", absent=True).is_true(),
    fix="remove AutoMinorVersionUpgrade, or set it to true",
    note="Absent means the DMS default, on.",
)

control(
    "DMS.13",
    "AWS::DMS::ReplicationInstance",
    check=prop("MultiAZ", absent=False).is_true(),
    fix="set MultiAZ to true (and leave AvailabilityZone unset)",
    note="Absent means a single Availability Zone, the DMS default.",
)
