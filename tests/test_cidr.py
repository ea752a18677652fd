"""engine.cidr: every spelling of the whole internet is the whole internet, and only those."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsbp_constructs.engine.cidr import WORLD_V4, WORLD_V6, canonical, is_world
from fsbp_constructs.engine.values import Undecidable


@pytest.mark.parametrize(
    "spelling",
    [WORLD_V4, WORLD_V6, "0::0/0", "::0/0", "0:0:0:0:0:0:0:0/0", "192.168.1.0/0", "10.0.0.1/0"],
)
def test_every_spelling_of_the_internet(spelling: str) -> None:
    assert is_world(spelling)


@pytest.mark.parametrize("narrow", ["10.0.0.0/8", "0.0.0.0/1", "::/1", "2001:db8::/32", None])
def test_narrower_ranges_are_not(narrow: str | None) -> None:
    assert not is_world(narrow)


@pytest.mark.parametrize("bad", ["0.0.0.0", "not-a-cidr/0", "0.0.0.0/33", 0, ["0.0.0.0/0"]])
def test_a_value_that_is_not_a_cidr_is_undecidable(bad: object) -> None:
    with pytest.raises(Undecidable, match="not a CIDR block"):
        is_world(bad, "CidrIp")


@given(st.ip_addresses(), st.integers(min_value=0, max_value=128))
def test_prefix_zero_and_only_prefix_zero_is_the_world(address: object, prefix: int) -> None:
    assert isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address)
    prefix = min(prefix, address.max_prefixlen)
    spelling = f"{address}/{prefix}"
    assert is_world(spelling) is (prefix == 0)
    assert canonical(spelling) == ipaddress.ip_network(spelling, strict=False)
