"""Amazon MQ: MQ.2."""

from __future__ import annotations

from ...engine.checks import FAILS, control, prop

control(
    "MQ.2",
    "AWS::AmazonMQ::Broker",
    check=prop("Logs.Audit", absent=False).is_true(),
    when=prop("EngineType", absent=FAILS).one_of("ACTIVEMQ", ignore_case=True),
    fix="set Logs.Audit to true",
    note="Audit logs exist only for ActiveMQ: RabbitMQ brokers are not applicable. Brokers "
    "without `Logs.Audit` publish no audit log.",
)
