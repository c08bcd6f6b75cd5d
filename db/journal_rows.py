"""The journal's SQL, written once: its lock and its tip (appending reads both on every change), an entry
the server chains itself (PostgreSQL, a sale's), a hash by seq, the chain streamed for verify, every hash
for comparing with a backup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from db import fast
from db.models import database
from db.pipeline import TillPostgres, advisory_lock


class Tip(NamedTuple):
    """The newest journal entry: the next one chains to its hash."""

    seq: int
    hash: str


JOURNAL_LOCK = 0x4A75726E616C  # "Journal": on PostgreSQL, taken before the tip is read and held to commit


def lock() -> None:
    """Before reading the tip to append: the journal's own lock (PostgreSQL; an SQLite writer holds the
    whole database already). Sent with the tip's read."""
    advisory_lock(database.obj, JOURNAL_LOCK)


def tip() -> Tip | None:
    return fast.one_as(Tip, 'SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1', [])


_CHAINED = (
    'INSERT INTO "journal_entry" ("seq", "created_at", "register", "user", "event", "content", "prev_hash", '
    '"hash") SELECT t."seq" + 1, %s, %s, %s, %s, %s, t."hash", encode(sha256(convert_to(concat_ws(chr(31), '
    '(t."seq" + 1)::text, %s::text, %s::text, %s::text, %s::text, %s::text, t."hash"), \'UTF8\')), '
    "'hex') FROM (SELECT "
    'COALESCE((SELECT "seq" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1), 0) AS "seq", '
    'COALESCE((SELECT "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1), %s) AS "hash") t'
)


def chains_itself() -> bool:
    """Whether the server can chain an entry to the tip itself (PostgreSQL: `append_chained`)."""
    return isinstance(database.obj, TillPostgres)


def append_chained(
    created_at: Any, at: str, register: str, user: str, event: str, content: str, genesis: str
) -> None:
    """PostgreSQL: append one entry chained to the tip by the server, under the journal's lock, sent with
    COMMIT: seq = tip + 1, hash = SHA-256 of seq, `at`, register, user, event, content and the tip's hash
    joined by U+001F (pos.core.journal.entry_hash, which verify recomputes). Nothing is read back."""
    database.obj.defer_fixed(
        _CHAINED, (created_at, register, user, event, content, at, register, user, event, content, genesis)
    )


def hash_at(seq: int) -> str | None:
    """The hash of entry `seq`, if there is one."""
    row = fast.one('SELECT "hash" FROM "journal_entry" WHERE "seq" = ?', [seq])
    return None if row is None else str(row[0])


CHAIN_COLUMNS = '"seq", "created_at", "register", "user", "event", "content", "prev_hash", "hash"'


def chain(after: int = 0) -> Iterator[tuple[Any, ...]]:
    """Every entry from seq `after` + 1 on, in seq order, as raw tuples of CHAIN_COLUMNS, streamed."""
    cursor = database.execute_sql(
        f'SELECT {CHAIN_COLUMNS} FROM "journal_entry" WHERE "seq" > {database.param} ORDER BY "seq"',
        (after,),
    )
    yield from cursor


def hashes() -> Iterator[tuple[int, str]]:
    """(seq, hash) of every entry, in seq order, streamed."""
    for seq, digest in database.execute_sql('SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq"'):
        yield int(seq), str(digest)
