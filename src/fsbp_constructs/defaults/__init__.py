"""Secure defaults for resources this package does not build: the ``FsbpDefaults`` aspect
(L1 resources, whoever made them) and property injectors (every injectable L2)."""

from .aspect import FIXES, REPORT_FILE, Change, Fix, FsbpDefaults

__all__ = ["FIXES", "REPORT_FILE", "Change", "Fix", "FsbpDefaults"]
