"""Looking further past a value the template cannot decide.

A rule that reads many things (every origin of a distribution, every rule of a security
group) must not stop at the first one it cannot decide: another may still fail, and a FAIL
the template shows beats an UNKNOWN. It keeps the first :class:`~.values.Undecidable` it met
and raises it only when nothing else decided::

    undecided = Undecided()
    for origin in origins:
        try:
            ...                       # may return a FAIL
        except Undecidable as error:
            undecided.keep(error)
            continue
    undecided.reraise()               # nothing failed: UNKNOWN if anything was undecided
    return Verdict.passed()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .values import Undecidable

__all__ = ["Undecided"]


class Undecided:
    """The first value a rule could not decide while it looked further."""

    __slots__ = ("error",)

    def __init__(self) -> None:
        self.error: Undecidable | None = None

    def keep(self, error: Undecidable) -> None:
        """Remember ``error`` unless an earlier one is kept already."""
        if self.error is None:
            self.error = error

    @contextmanager
    def kept(self) -> Iterator[None]:
        """``with undecided.kept(): ...``: an :class:`Undecidable` raised inside is kept."""
        try:
            yield
        except Undecidable as error:
            self.keep(error)

    def reraise(self) -> None:
        """Raise the kept error, if any."""
        if self.error is not None:
            raise self.error

    def __bool__(self) -> bool:
        return self.error is not None
