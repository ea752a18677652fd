"""Amazon ECR: :class:`SecureRepository`."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_ecr as ecr
from constructs import Construct

from ._props import merge_defaults, same_props_as

__all__ = ["UNTAGGED_IMAGE_EXPIRY", "SecureRepository", "secure_repository_defaults"]

#: Untagged images (left behind by failed or replaced pushes) expire after this long.
UNTAGGED_IMAGE_EXPIRY = cdk.Duration.days(30)


def secure_repository_defaults() -> dict[str, Any]:
    """The props :class:`SecureRepository` sets unless the caller gives them."""
    return {
        # ECR.1: every pushed image is scanned for vulnerabilities.
        "image_scan_on_push": True,
        # ECR.2: a tag always names the same image.
        "image_tag_mutability": ecr.TagMutability.IMMUTABLE,
        # ECR.3: at least one lifecycle rule.
        "lifecycle_rules": [
            ecr.LifecycleRule(
                description=f"Expire untagged images after {UNTAGGED_IMAGE_EXPIRY.to_days()} days",
                rule_priority=1,
                tag_status=ecr.TagStatus.UNTAGGED,
                max_image_age=UNTAGGED_IMAGE_EXPIRY,
            )
        ],
    }


class SecureRepository(ecr.Repository):
    """An ECR repository with the FSBP settings on by default.

    Takes every prop of :class:`aws_cdk.aws_ecr.Repository`; these defaults differ:

    - ``image_scan_on_push``: ``True`` (ECR.1, images are scanned on push).
    - ``image_tag_mutability``: ``TagMutability.IMMUTABLE`` (ECR.2, a pushed tag cannot be
      moved to another image).
    - ``lifecycle_rules``: one rule expiring untagged images after
      :data:`UNTAGGED_IMAGE_EXPIRY` (30 days) (ECR.3, at least one lifecycle policy). Tagged
      images are never expired by default, so a running task's image is never removed. Giving
      ``lifecycle_rules`` replaces this rule; :meth:`add_lifecycle_rule` adds to it.

    Overriding a default to a noncompliant value is allowed; ``FsbpChecks`` then reports the
    control at synth unless it is acknowledged.

    Example::

        repo = SecureRepository(stack, "Api")
    """

    @same_props_as(ecr.Repository)
    def __init__(self, scope: Construct, id: str, **props: Any) -> None:
        super().__init__(scope, id, **merge_defaults(secure_repository_defaults(), props))
