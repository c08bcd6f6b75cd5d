"""The shop's clock. Services ask it for `now()`; the demo generator and tests set it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

_fixed: datetime | None = None


def now() -> datetime:
    """Local wall-clock time of the shop, to the second."""
    return (_fixed or datetime.now()).replace(microsecond=0)


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    global _fixed
    before, _fixed = _fixed, at
    try:
        yield
    finally:
        _fixed = before


def set_fixed(at: datetime | None) -> None:
    global _fixed
    _fixed = at
