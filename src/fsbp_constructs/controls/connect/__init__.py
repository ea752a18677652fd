"""Amazon Connect: Connect.2."""

from __future__ import annotations

from ...engine.checks import control, prop
from ...engine.registry import Remedy

control(
    "Connect.2",
    "AWS::Connect::Instance",
    check=prop("Attributes.ContactflowLogs", absent=False).is_true(),
    fix="set Attributes.ContactflowLogs to true",
    note="An instance is created without flow logs unless `ContactflowLogs` is true.",
    remedy=Remedy(
        {"Attributes.ContactflowLogs": True},
        safe=False,
        breaks="Nothing stops working; every flow run writes to the instance's CloudWatch "
        "Logs log group, billed by volume.",
    ),
)
