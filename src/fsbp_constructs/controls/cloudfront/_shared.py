"""What the CloudFront modules share."""

from __future__ import annotations

#: The distribution's configuration, under which every setting lies.
CONFIG = "DistributionConfig"
