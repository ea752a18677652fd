"""Amazon S3: :class:`SecureBucket`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3
from constructs import Construct, IConstruct

from ._props import merge_defaults, same_props_as

__all__ = [
    "ACCESS_LOGS_ID",
    "INCOMPLETE_UPLOAD_EXPIRY",
    "NONCURRENT_VERSION_EXPIRY",
    "AccessLogs",
    "SecureBucket",
    "access_log_bucket",
    "access_log_defaults",
    "secure_bucket_defaults",
]

#: Parts of multipart uploads never completed are deleted after this long.
INCOMPLETE_UPLOAD_EXPIRY = cdk.Duration.days(7)
#: Overwritten or deleted object versions are kept this long, then deleted.
NONCURRENT_VERSION_EXPIRY = cdk.Duration.days(90)


#: The id, under each stack, of the companion that holds the stack's access-log bucket.
ACCESS_LOGS_ID = "FsbpAccessLogs"
#: Log delivery by a bucket policy for the S3 logging service, not by an ACL (which a bucket
#: with ACLs disabled, S3.12, refuses): set on the companion only.
LOGS_BY_POLICY_FLAG = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy"
#: Why the access-log bucket itself has no access logs (its S3.9 acknowledgment).
OWN_LOGS_REASON = (
    "the access-log bucket cannot log to itself: each log delivery would be logged in turn"
)


class AccessLogs(Construct):
    """The companion of a stack that holds its access-log bucket (:attr:`bucket`), created by
    :func:`access_log_bucket` on first need and shared by every bucket and load balancer of
    the stack that logs to it.

    The bucket has :func:`secure_bucket_defaults` (S3.5, S3.8, S3.12, S3.13), takes log
    deliveries through its bucket policy (the feature flag ``LOGS_BY_POLICY_FLAG`` is set on
    this construct only), and acknowledges ``FSBP::FSBP-S3.9`` with :data:`OWN_LOGS_REASON`.
    """

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id)
        self.node.set_context(LOGS_BY_POLICY_FLAG, True)
        #: The access-log bucket.
        self.bucket = s3.Bucket(self, "Bucket", **secure_bucket_defaults())
        cdk.Validations.of(self.bucket).acknowledge(
            cdk.Acknowledgment(id="FSBP::FSBP-S3.9", reason=OWN_LOGS_REASON)
        )


def access_log_bucket(scope: IConstruct) -> s3.Bucket:
    """The access-log bucket of ``scope``'s stack: its :class:`AccessLogs` companion (id
    :data:`ACCESS_LOGS_ID`), created on the first call."""
    stack = cdk.Stack.of(scope)
    companion = stack.node.try_find_child(ACCESS_LOGS_ID)
    if companion is None:
        companion = AccessLogs(stack, ACCESS_LOGS_ID)
    if not isinstance(companion, AccessLogs):
        raise ValueError(
            f"{stack.node.path}/{ACCESS_LOGS_ID} is a {type(companion).__name__}, not the "
            "access-log companion: rename that construct, or give server_access_logs_bucket"
        )
    return companion.bucket


def access_log_defaults(scope: IConstruct, id: str, given: Mapping[str, Any]) -> dict[str, Any]:
    """S3.9 for a bucket ``id`` under ``scope``: its stack's access-log bucket, under the
    prefix ``s3/<the bucket's path in the stack>/``. Nothing when the caller gives
    ``server_access_logs_bucket``, or for the access-log bucket itself."""
    if given.get("server_access_logs_bucket") is not None or isinstance(scope, AccessLogs):
        return {}
    stack = cdk.Stack.of(scope)
    inner = "/".join(
        [*(c.node.id for c in scope.node.scopes if stack in c.node.scopes and c is not stack), id]
    )
    defaults: dict[str, Any] = {"server_access_logs_bucket": access_log_bucket(scope)}
    if given.get("server_access_logs_prefix") is None:
        defaults["server_access_logs_prefix"] = f"s3/{inner}/"
    return defaults


def secure_bucket_defaults() -> dict[str, Any]:
    """The props :class:`SecureBucket` sets unless the caller gives them."""
    return {
        # S3.8 (and S3.2, S3.3): no public access through ACLs or bucket policies.
        "block_public_access": s3.BlockPublicAccess.BLOCK_ALL,
        # S3.5: the bucket policy denies requests that do not use TLS.
        "enforce_ssl": True,
        # Encryption at rest with S3-managed keys, stated in the template.
        "encryption": s3.BucketEncryption.S3_MANAGED,
        # Overwritten and deleted objects can be recovered.
        "versioned": True,
        # S3.12: ACLs are disabled; access is granted by policies only.
        "object_ownership": s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
        # S3.13: an enabled lifecycle rule, which also bounds what versioning costs.
        "lifecycle_rules": [
            s3.LifecycleRule(
                id="secure-bucket-defaults",
                abort_incomplete_multipart_upload_after=INCOMPLETE_UPLOAD_EXPIRY,
                noncurrent_version_expiration=NONCURRENT_VERSION_EXPIRY,
            )
        ],
    }


class SecureBucket(s3.Bucket):
    """An S3 bucket with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_s3.Bucket`; these defaults differ:

    - ``block_public_access``: ``BlockPublicAccess.BLOCK_ALL`` (S3.8; with it S3.2 and S3.3:
      public ACLs are ignored and public bucket policies refused).
    - ``enforce_ssl``: ``True`` (S3.5).
    - ``encryption``: ``BucketEncryption.S3_MANAGED``, stated in the template.
      ``KMS`` or ``KMS_MANAGED`` are stronger choices when key-level access control is needed.
    - ``versioned``: ``True``.
    - ``object_ownership``: ``ObjectOwnership.BUCKET_OWNER_ENFORCED`` (S3.12, ACLs disabled).
    - ``lifecycle_rules``: one enabled rule (S3.13) that deletes incomplete multipart uploads
      after :data:`INCOMPLETE_UPLOAD_EXPIRY` (7 days) and noncurrent versions after
      :data:`NONCURRENT_VERSION_EXPIRY` (90 days); current objects are never expired.
      Giving ``lifecycle_rules`` replaces this rule; :meth:`add_lifecycle_rule` adds to it.
    - ``server_access_logs_bucket``: the stack's access-log bucket (S3.9), one per stack,
      created on first need (:func:`access_log_bucket`, the construct ``FsbpAccessLogs``),
      with ``server_access_logs_prefix`` ``s3/<this bucket's path in the stack>/``. The log
      bucket has these same defaults, takes the deliveries through its bucket policy (not an
      ACL, which S3.12 forbids), and acknowledges its own S3.9 with the reason (it cannot
      log to itself). Costs the log objects' storage and requests. Give your own
      ``server_access_logs_bucket`` (a log archive bucket) to use it instead.

    Nothing to default for S3.6 (no statement grants other accounts anything; grants you add
    with ``grant_*`` or ``add_to_resource_policy`` are checked at synth).

    Example::

        bucket = SecureBucket(stack, "Data")
    """

    @same_props_as(s3.Bucket)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        defaults = {**secure_bucket_defaults(), **access_log_defaults(scope, id, props)}
        super().__init__(scope, id, **merge_defaults(defaults, props))
