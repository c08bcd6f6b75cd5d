"""Which tables this thread's connection has written since it last asked: the database classes note every
INSERT, UPDATE and DELETE they send (pos.core.tx turns the tables into the areas a service changed)."""

from __future__ import annotations

import re
import threading

_WRITE = re.compile(r'\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_local = threading.local()


def note(sql: str) -> None:
    """Remember the table `sql` writes, if it writes one (a SELECT costs one character test)."""
    if sql[:1] not in "IUDiud \n":
        return
    match = _WRITE.match(sql)
    if match:
        tables = getattr(_local, "tables", None)
        if tables is None:
            tables = _local.tables = set()
        tables.add(match.group(1))


def wrote(tables: frozenset[str]) -> bool:
    """Whether this thread wrote any of `tables` since the last take() (without forgetting)."""
    return not tables.isdisjoint(getattr(_local, "tables", None) or ())


def take() -> frozenset[str]:
    """The tables written since the last take(), and forget them."""
    tables = getattr(_local, "tables", None)
    _local.tables = set()
    return frozenset(tables or ())
