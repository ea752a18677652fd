"""Addresses as EC2 reads them: one answer to "is this range the whole internet?".

EC2 stores a CIDR block in canonical form, with the host bits dropped: ``192.168.1.0/0`` is
stored, and reported to Security Hub, as ``0.0.0.0/0``, and ``0::0/0`` or
``0:0:0:0:0:0:0:0/0`` as ``::/0``. So a range is the whole internet exactly when its prefix
length is 0, whatever its address is spelled as. Every control that asks whether a security
group rule, a network ACL entry or a route is open to the internet asks :func:`is_world`.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from .values import Undecidable

__all__ = ["WORLD_V4", "WORLD_V6", "canonical", "is_world"]

#: The canonical spellings of the whole IPv4 and IPv6 internet, as messages name them.
WORLD_V4 = "0.0.0.0/0"
WORLD_V6 = "::/0"


def canonical(value: Any, path: str = "") -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """The network EC2 stores for ``value`` (host bits dropped). Raises :class:`Undecidable`
    naming ``path`` when ``value`` is not a CIDR block (EC2 would refuse it)."""
    if not isinstance(value, str) or "/" not in value:
        raise Undecidable(path, f"a value that is not a CIDR block ({value!r})")
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise Undecidable(path, f"a value that is not a CIDR block ({value!r})") from None


def is_world(value: Any, path: str = "") -> bool:
    """Whether the CIDR block ``value`` covers every address of its family (prefix length 0:
    ``0.0.0.0/0``, ``::/0``, ``192.168.1.0/0``, ``0::0/0`` ...). ``None`` (absent) is not.
    Raises :class:`Undecidable` for a value that is not a CIDR block."""
    if value is None:
        return False
    return canonical(value, path).prefixlen == 0
