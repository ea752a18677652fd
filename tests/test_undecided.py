"""engine.undecided: the first undecidable value is kept, and raised only when asked."""

from __future__ import annotations

import pytest

from fsbp_constructs.engine.undecided import Undecided
from fsbp_constructs.engine.values import Undecidable


def test_keeps_the_first_and_raises_it() -> None:
    undecided = Undecided()
    assert not undecided
    undecided.reraise()  # nothing kept: no error
    first, second = Undecidable("A", "one"), Undecidable("B", "two")
    undecided.keep(first)
    undecided.keep(second)
    assert undecided and undecided.error is first
    with pytest.raises(Undecidable) as raised:
        undecided.reraise()
    assert raised.value is first


def test_kept_swallows_only_undecidable() -> None:
    undecided = Undecided()
    with undecided.kept():
        raise Undecidable("Path", "a parameter")
    assert undecided.error is not None and undecided.error.path == "Path"
    with pytest.raises(ValueError), undecided.kept():
        raise ValueError("a bug is not undecided")
