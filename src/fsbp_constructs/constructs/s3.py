"""Amazon S3: :class:`SecureBucket`."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = [
    "INCOMPLETE_UPLOAD_EXPIRY",
    "NONCURRENT_VERSION_EXPIRY",
    "SecureBucket",
    "secure_bucket_defaults",
]

#: Parts of multipart uploads never completed are deleted after this long.
INCOMPLETE_UPLOAD_EXPIRY = cdk.Duration.days(7)
#: Overwritten or deleted object versions are kept this long, then deleted.
NONCURRENT_VERSION_EXPIRY = cdk.Duration.days(90)


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

    Nothing to default for S3.6 (no statement grants other accounts anything; grants you add
    with ``grant_*`` or ``add_to_resource_policy`` are checked at synth).

    Not defaulted, on purpose: server access logging (S3.9) needs a log bucket, and every
    choice the construct could make alone is worse than the app's own. A log bucket created
    per bucket would itself fail S3.9 unless it logged somewhere: into itself (which AWS
    advises against, each log delivery being logged in turn) or into another bucket (a
    cycle, with the same growth). Teams keep one log bucket per account or Region, often in
    a log archive account, exempt from S3.9 by acknowledgment. So give
    ``server_access_logs_bucket`` (and ``server_access_logs_prefix``); CDK then adds the
    log bucket's policy for the S3 logging service. A ``SecureBucket`` can be that log bucket
    only with the feature flag ``@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy`` (which
    ``cdk init`` sets): without it CDK grants the log delivery group an ACL, which a bucket
    with ACLs disabled (S3.12) refuses. Where logging is not wanted, acknowledge
    ``FSBP::FSBP-S3.9`` with the reason.

    Example::

        bucket = SecureBucket(stack, "Data")
    """

    @same_props_as(s3.Bucket)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id, **merge_defaults(secure_bucket_defaults(), props))
