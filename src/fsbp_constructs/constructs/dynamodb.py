"""Amazon DynamoDB: :class:`SecureTable` and :class:`SecureTableV2`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = [
    "SecureTable",
    "SecureTableV2",
    "secure_table_defaults",
    "secure_table_v2_defaults",
]

#: The props that fix a table's capacity, which on-demand billing cannot take.
_CAPACITY = ("billing_mode", "read_capacity", "write_capacity")


def _recovery(given: Mapping[str, Any]) -> dict[str, Any]:
    # DynamoDB.2: point-in-time recovery (continuous backups, 35 days unless
    # recovery_period_in_days). The older boolean point_in_time_recovery replaces it.
    if given.get("point_in_time_recovery") is not None:
        return {}
    return {
        "point_in_time_recovery_specification": dynamodb.PointInTimeRecoverySpecification(
            point_in_time_recovery_enabled=True
        )
    }


def secure_table_defaults(given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The props :class:`SecureTable` sets unless the caller gives them (``given``: the
    props given, which some defaults give way to)."""
    given = given or {}
    defaults: dict[str, Any] = {
        **_recovery(given),
        # DynamoDB.6: the table cannot be deleted until the protection is turned off.
        "deletion_protection": True,
    }
    # DynamoDB.1: on-demand capacity follows the demand (unless capacity is given).
    if all(given.get(name) is None for name in _CAPACITY):
        defaults["billing_mode"] = dynamodb.BillingMode.PAY_PER_REQUEST
    return defaults


def secure_table_v2_defaults(given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The props :class:`SecureTableV2` sets unless the caller gives them (``billing`` is
    already on demand by default in aws-cdk-lib)."""
    return {
        **_recovery(given or {}),
        # DynamoDB.6: no replica can be deleted until the protection is turned off.
        "deletion_protection": True,
    }


class SecureTable(dynamodb.Table):
    """A DynamoDB table with the FSBP DynamoDB controls met by default.

    Takes every prop of :class:`aws_cdk.aws_dynamodb.Table` (``partition_key`` is required,
    as there); these defaults differ. A noncompliant value given instead is reported by
    ``FsbpChecks`` at synth unless acknowledged with ``Validations.of(table).acknowledge(
    Acknowledgment(id="FSBP::FSBP-DynamoDB.<n>", reason=...))``.

    - ``point_in_time_recovery_specification``: enabled (DynamoDB.2): the table can be
      restored to any second of the last 35 days; billed per GB-month of table size.
      ``PointInTimeRecoverySpecification(point_in_time_recovery_enabled=False)`` and
      acknowledge DynamoDB.2 for data you can rebuild. Giving the older
      ``point_in_time_recovery`` replaces it.
    - ``deletion_protection``: ``True`` (DynamoDB.6): ``cdk destroy`` and stack deletion fail
      until it is turned off (``deletion_protection=False``, acknowledge DynamoDB.6).
    - ``billing_mode``: ``BillingMode.PAY_PER_REQUEST`` (DynamoDB.1: capacity follows the
      demand), billed per request instead of per provisioned capacity hour. Left out when
      ``billing_mode``, ``read_capacity`` or ``write_capacity`` is given: a provisioned
      table then needs ``auto_scale_read_capacity``/``auto_scale_write_capacity`` for
      DynamoDB.1.

    Example::

        table = SecureTable(stack, "Orders",
                            partition_key=dynamodb.Attribute(name="pk",
                                                             type=dynamodb.AttributeType.STRING))
    """

    @same_props_as(dynamodb.Table)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id, **merge_defaults(secure_table_defaults(props), props))


class SecureTableV2(dynamodb.TableV2):
    """A DynamoDB global table (``TableV2``) with the FSBP DynamoDB controls met by default.

    Takes every prop of :class:`aws_cdk.aws_dynamodb.TableV2`; these defaults differ (they
    apply to every replica that does not set its own):

    - ``point_in_time_recovery_specification``: enabled (DynamoDB.2), billed per GB-month
      of each replica's size; give it disabled and acknowledge DynamoDB.2 to opt out.
    - ``deletion_protection``: ``True`` (DynamoDB.6); ``deletion_protection=False`` and
      acknowledge DynamoDB.6 for throw-away stacks.

    ``billing`` stays aws-cdk-lib's default, on demand (DynamoDB.1); with
    ``Billing.provisioned`` give autoscaled capacity (``Capacity.autoscaled``).

    Example::

        table = SecureTableV2(stack, "Orders",
                              partition_key=dynamodb.Attribute(name="pk",
                                                               type=dynamodb.AttributeType.STRING))
    """

    @same_props_as(dynamodb.TableV2)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id, **merge_defaults(secure_table_v2_defaults(props), props))
