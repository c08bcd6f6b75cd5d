"""What a till keeps in memory (settings, channels, loyalty programs, recipes) and how it learns that
another till changed it.

The database counts changes itself: triggers on the cached tables add one to `meta.config_version`
(db/config_version.py), whoever changes them — this till, another till, a script. Every service reads that
number first, inside its transaction (one small query), and each cached reader looks again when its last look
is over MAX_AGE seconds old; a new number forgets every cache, which then reads afresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from db import config_version
from db.models import database

MAX_AGE = 1.0  # seconds a reader outside a service trusts its last look at the number
_forgets: list[Callable[[], None]] = []
_seen: int | None = None
_looked = 0.0
_local = threading.local()


@contextmanager
def bypassed() -> Iterator[None]:
    """Inside, this thread's reads neither use nor fill the caches: a read-only snapshot (verify, on its
    own thread) may be older than what the counter has already seen, and must not put that back."""
    before = getattr(_local, "off", False)
    _local.off = True
    try:
        yield
    finally:
        _local.off = before


def usable() -> bool:
    """May this thread read and fill the caches now (not inside a snapshot)?"""
    return not getattr(_local, "off", False)


def register(forget: Callable[[], None]) -> Callable[[], None]:
    """Add a module's forget() to what a change of the number forgets."""
    _forgets.append(forget)
    return forget


def forget_all() -> None:
    global _seen
    _seen = None
    for forget in _forgets:
        forget()


def refresh(force: bool = False) -> None:
    """Forget every cache if the shop's configuration changed since this till last looked."""
    global _seen, _looked
    if not usable():
        return
    now = time.monotonic()
    if not force and now - _looked < MAX_AGE:
        return
    db = database.obj
    if db is None:
        return
    version = config_version.read(db)
    _looked = now
    if version != _seen:
        for forget in _forgets:
            forget()
        _seen = version
