"""Amazon SNS: :class:`SecureTopic`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_sns as sns
from constructs import Construct

from ._props import merge_defaults

__all__ = ["SecureTopic", "secure_topic_defaults"]

#: SecureTopic's own keyword arguments; the others are those of sns.Topic.
_OWN_OPTIONS = ("delivery_status_logging", "delivery_status_success_sample_rate")


def secure_topic_defaults() -> dict[str, Any]:
    """The props :class:`SecureTopic` sets unless the caller gives them (besides the key)."""
    return {
        # Messages in transit: the topic policy denies requests that do not use TLS.
        "enforce_ssl": True,
    }


def _new_topic_key(scope: Construct, id: str) -> kms.Key:
    """Messages at rest: a customer-managed KMS key with automatic rotation."""
    return kms.Key(
        scope,
        f"{id}Key",
        enable_key_rotation=True,
        description=f"Encrypts the messages of the SNS topic {scope.node.path}/{id}",
    )


class SecureTopic(sns.Topic):
    """An SNS topic encrypted with a customer-managed key, with delivery-status logging a flag
    away.

    Takes every prop of :class:`aws_cdk.aws_sns.Topic`; these defaults differ:

    - ``master_key``: a new KMS key with yearly automatic rotation, created beside the topic
      as ``<id>Key`` (aws-cdk-lib's ``Topic`` takes its key at construction, before it can
      have children). A customer-managed key, unlike the AWS-managed ``alias/aws/sns``, can
      be granted to AWS services that publish (EventBridge, CloudWatch alarms): the topic's
      ``grant_publish`` does that. Encryption was SNS.1, now retired from FSBP.
    - ``enforce_ssl``: ``True``; publishing without TLS is denied.

    :param delivery_status_logging: log the delivery status of messages to CloudWatch Logs
        (SNS.2, retired from FSBP in 2024, and not on by default because the logs cost money):
        ``True`` for every protocol, or a list of :class:`aws_cdk.aws_sns.LoggingProtocol`.
        One IAM role, ``DeliveryStatusLoggingRole``, lets SNS write the ``sns/<region>/
        <account>/...`` log groups; failures are logged, successes at
        ``delivery_status_success_sample_rate`` percent (default 0).
    :param delivery_status_success_sample_rate: percentage (0-100) of successful deliveries to
        log when ``delivery_status_logging`` is on.

    Example::

        topic = SecureTopic(stack, "Alerts", delivery_status_logging=[sns.LoggingProtocol.SQS])
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        delivery_status_logging: bool | Sequence[sns.LoggingProtocol] = False,
        delivery_status_success_sample_rate: int | None = None,
        # The props of sns.Topic, spelled out so that type checkers see them next to the two
        # above (tests/constructs/test_signatures.py keeps the list in sync).
        content_based_deduplication: bool | None = None,
        display_name: str | None = None,
        enforce_ssl: bool | None = None,
        fifo: bool | None = None,
        fifo_throughput_scope: sns.FifoThroughputScope | None = None,
        logging_configs: Sequence[sns.LoggingConfig | dict[str, Any]] | None = None,
        master_key: kms.IKey | None = None,
        message_retention_period_in_days: float | None = None,
        signature_version: str | None = None,
        topic_name: str | None = None,
        tracing_config: sns.TracingConfig | None = None,
    ) -> None:
        props = dict(locals())  # first, before any other local variable exists
        for name in ("self", "scope", "id", "__class__", *_OWN_OPTIONS):
            props.pop(name, None)
        protocols = _protocols(delivery_status_logging)
        if delivery_status_success_sample_rate is not None:
            rate = delivery_status_success_sample_rate
            if isinstance(rate, bool) or not isinstance(rate, int) or not 0 <= rate <= 100:
                raise ValueError(
                    f"delivery_status_success_sample_rate must be a whole percentage from 0 "
                    f"to 100, not {rate!r}"
                )
            if not protocols:
                raise ValueError(
                    "delivery_status_success_sample_rate needs delivery_status_logging; give "
                    "delivery_status_logging=True or a list of sns.LoggingProtocol"
                )
        given = {
            c.protocol
            for c in props.get("logging_configs") or []
            if isinstance(c, sns.LoggingConfig)
        }
        given |= {
            c["protocol"] for c in props.get("logging_configs") or [] if isinstance(c, Mapping)
        }
        both = [p.name for p in protocols if p in given]
        if both:
            raise ValueError(
                f"delivery status logging for {', '.join(both)} is given both in "
                "logging_configs and delivery_status_logging; give each protocol once"
            )
        merged = merge_defaults(secure_topic_defaults(), props)
        if merged.get("master_key") is None:
            merged["master_key"] = _new_topic_key(scope, id)
        super().__init__(scope, id, **merged)
        if protocols:
            role = iam.Role(
                self,
                "DeliveryStatusLoggingRole",
                assumed_by=iam.ServicePrincipal("sns.amazonaws.com"),
                description="Lets SNS log the delivery status of messages",
            )
            stack = cdk.Stack.of(self)
            role.add_to_policy(
                iam.PolicyStatement(
                    actions=[
                        "logs:CreateLogGroup",
                        "logs:CreateLogStream",
                        "logs:PutLogEvents",
                        "logs:PutMetricFilter",
                        "logs:PutRetentionPolicy",
                    ],
                    resources=[
                        stack.format_arn(
                            service="logs",
                            resource="log-group",
                            resource_name=f"sns/{stack.region}/{stack.account}/*",
                            arn_format=cdk.ArnFormat.COLON_RESOURCE_NAME,
                        )
                    ],
                )
            )
            for protocol in protocols:
                self.add_logging_config(
                    protocol=protocol,
                    failure_feedback_role=role,
                    success_feedback_role=role,
                    success_feedback_sample_rate=delivery_status_success_sample_rate,
                )


def _protocols(value: bool | Sequence[sns.LoggingProtocol]) -> list[sns.LoggingProtocol]:
    if value is True:
        return list(sns.LoggingProtocol)
    if value is False or value is None:
        return []
    if isinstance(value, str) or not all(isinstance(p, sns.LoggingProtocol) for p in value):
        raise ValueError(
            f"delivery_status_logging must be True, False or a list of sns.LoggingProtocol, "
            f"not {value!r}; e.g. delivery_status_logging=[sns.LoggingProtocol.SQS]"
        )
    if len(set(value)) != len(value):
        raise ValueError(f"delivery_status_logging names a protocol twice: {value!r}")
    return list(value)
