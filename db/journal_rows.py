"""The journal's tip and its hashes, in SQL written once (appending reads the tip on every change)."""

from __future__ import annotations

from typing import NamedTuple

from db import fast


class Tip(NamedTuple):
    """The newest journal entry: the next one chains to its hash."""

    seq: int
    hash: str


def tip() -> Tip | None:
    return fast.one_as(Tip, 'SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1', [])


def hash_at(seq: int) -> str | None:
    """The hash of entry `seq`, if there is one."""
    row = fast.one('SELECT "hash" FROM "journal_entry" WHERE "seq" = ?', [seq])
    return None if row is None else str(row[0])
