"""Amazon OpenSearch Service: a domain with fine-grained access control and encryption."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import aws_opensearchservice as opensearch
from constructs import Construct

from ._props import same_props_as

__all__ = ["SecureDomain"]


class SecureDomain(opensearch.Domain):
    """An ``opensearchservice.Domain`` with fine-grained access control (Opensearch.7), TLS 1.2
    with forward secrecy (Opensearch.8), three zone-aware data nodes (Opensearch.6) and error
    and audit logs (Opensearch.4, Opensearch.5).

    Secure defaults (any keyword given wins, and ``FsbpChecks`` flags a noncompliant choice
    where it checks one):

    - ``fine_grained_access_control``: ``AdvancedSecurityOptions(master_user_name="admin")``
      (Opensearch.7). CDK then generates the master user's password in Secrets Manager
      (:attr:`master_user_password`). Pass ``master_user_arn`` instead to map the master
      user to an IAM role.
    - ``encryption_at_rest``: ``EncryptionAtRestOptions(enabled=True)`` (Opensearch.1;
      required by fine-grained access control).
    - ``node_to_node_encryption``: ``True`` (Opensearch.3; required by fine-grained access
      control).
    - ``enforce_https``: ``True`` (required by fine-grained access control).
    - ``tls_security_policy``: ``TLSSecurityPolicy.TLS_1_2_PFS`` (Opensearch.8: TLS 1.2 or
      later with forward secrecy; clients limited to TLS 1.0/1.1 or without ECDHE/DHE cipher
      suites cannot connect).
    - ``capacity``: ``CapacityConfig(data_nodes=3)`` and ``zone_awareness``:
      ``ZoneAwarenessConfig(enabled=True, availability_zone_count=3)`` (Opensearch.6). Costs
      three data nodes (CDK's default instance type) instead of one; with a ``vpc``, give
      ``vpc_subnets`` in three Availability Zones, or set ``availability_zone_count=2``.
    - ``logging``: ``LoggingOptions(app_log_enabled=True, audit_log_enabled=True)``
      (Opensearch.4 error logs, Opensearch.5 audit logs; audit logs need the fine-grained
      access control above). Costs CloudWatch Logs ingestion and storage; CDK creates the
      log groups and a custom resource (a Lambda function) that writes their resource policy.

    Each default is an explicit keyword away: give the prop, and acknowledge
    ``FSBP::FSBP-Opensearch.<n>`` with a reason where the choice fails a control.

    Not a default, the gap the caller closes: Opensearch.2 needs a ``vpc`` (the domain is
    otherwise public); without one the domain fails Opensearch.2.

    Every other keyword is passed to ``opensearchservice.Domain`` unchanged; ``version`` is
    required, as there.

    Example::

        SecureDomain(self, "Search", version=opensearch.EngineVersion.OPENSEARCH_2_19)

    :raises ValueError: when ``fine_grained_access_control`` names neither a master user
        name nor a master user ARN (CDK would silently leave the control off).
    """

    @same_props_as(opensearch.Domain)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        fine_grained_access_control = props.pop("fine_grained_access_control", None)
        if isinstance(fine_grained_access_control, Mapping):
            fine_grained_access_control = opensearch.AdvancedSecurityOptions(
                **fine_grained_access_control
            )
        if fine_grained_access_control is not None and (
            fine_grained_access_control.master_user_arn is None
            and fine_grained_access_control.master_user_name is None
        ):
            raise ValueError(
                "SecureDomain fine_grained_access_control names no master user, so CDK would "
                "not enable it (Opensearch.7): set master_user_name or master_user_arn"
            )
        defaults: dict[str, Any] = {
            "fine_grained_access_control": opensearch.AdvancedSecurityOptions(
                master_user_name="admin"
            ),
            "encryption_at_rest": opensearch.EncryptionAtRestOptions(enabled=True),
            "node_to_node_encryption": True,
            "enforce_https": True,
            # Opensearch.8: the latest policy (TLS 1.2+ with forward secrecy)
            "tls_security_policy": opensearch.TLSSecurityPolicy.TLS_1_2_PFS,
            # Opensearch.6: three data nodes across Availability Zones
            "capacity": opensearch.CapacityConfig(data_nodes=3),
            "zone_awareness": opensearch.ZoneAwarenessConfig(
                enabled=True, availability_zone_count=3
            ),
            # Opensearch.4 (error logs), Opensearch.5 (audit logs)
            "logging": opensearch.LoggingOptions(app_log_enabled=True, audit_log_enabled=True),
        }
        given = {key: value for key, value in props.items() if value is not None}
        if fine_grained_access_control is not None:
            given["fine_grained_access_control"] = fine_grained_access_control
        super().__init__(scope, id, **{**defaults, **given})
