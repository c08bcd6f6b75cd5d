"""SQLite database FILES that are not the open database (backups, a file being restored over), read and
marked through their own sqlite3 connections: the online-backup copy, their meta rows, their journal's
tip, hashes and length, their sales after a given one, SQLite's quick check."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from pathlib import Path
from typing import NamedTuple

from db.journal_rows import Tip


class SalesAfter(NamedTuple):
    sales: int
    first: str | None  # the lowest and highest numbers; None when there are none
    last: str | None


@contextmanager
def opened(path: Path, write: bool = False, lenient_text: bool = False) -> Iterator[sqlite3.Connection]:
    """A connection to the file (read-only unless `write`), closed afterwards. With `lenient_text`, text
    that is not UTF-8 is read with replacement characters instead of failing."""
    uri = Path(path).resolve().as_uri() + ("" if write else "?mode=ro")
    with closing(sqlite3.connect(uri, uri=True)) as con:
        if lenient_text:
            con.text_factory = lambda b: b.decode("utf-8", "replace")
        yield con


def copy(source: str | Path, target: str | Path, rows: Mapping[str, str] | None = None) -> None:
    """A consistent copy of the database file `source` into `target` with SQLite's online backup API (the
    shop may keep selling meanwhile), left in rollback-journal mode (one file, no -wal beside it), with
    these meta `rows` written into it."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        with dst:
            src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        if rows:
            set_meta(dst, rows)


def meta_of(con: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta")}


def meta(path: Path) -> dict[str, str]:
    """The meta rows of a database file, read-only; {} when it is no SQLite database with a meta table."""
    try:
        with opened(path) as con:
            return meta_of(con)
    except (sqlite3.Error, OSError, ValueError):
        return {}


def set_meta(con: sqlite3.Connection, values: Mapping[str, str]) -> None:
    """Write these meta rows (replacing rows of the same keys), committed."""
    with con:
        con.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))


def delete_meta(path: str | Path, keys: list[str]) -> None:
    """Remove these meta rows from the database file `path`, committed."""
    with closing(sqlite3.connect(path)) as con, con:
        con.executemany("DELETE FROM meta WHERE key = ?", [(key,) for key in keys])


def sound(con: sqlite3.Connection) -> bool:
    """SQLite's quick check finds nothing wrong."""
    return bool(con.execute("PRAGMA quick_check").fetchone()[0] == "ok")


def tip(con: sqlite3.Connection) -> Tip | None:
    """The file's newest journal entry."""
    row = con.execute('SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1').fetchone()
    return Tip(int(row[0]), str(row[1])) if row else None


def hash_at(con: sqlite3.Connection, seq: int) -> str | None:
    row = con.execute('SELECT "hash" FROM "journal_entry" WHERE "seq" = ?', (seq,)).fetchone()
    return None if row is None else str(row[0])


def entries_after(con: sqlite3.Connection, seq: int) -> int:
    """How many journal entries come after entry `seq`."""
    return int(con.execute('SELECT count(*) FROM "journal_entry" WHERE "seq" > ?', (seq,)).fetchone()[0])


def hashes(con: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """(seq, hash) of every journal entry, in seq order, streamed."""
    for seq, digest in con.execute('SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq"'):
        yield int(seq), str(digest)


def last_sale_id(con: sqlite3.Connection) -> int:
    """The highest sale id (0 with no sales)."""
    return int(con.execute('SELECT coalesce(max("id"), 0) FROM "sale"').fetchone()[0])


def sales_after(con: sqlite3.Connection, sale_id: int) -> SalesAfter:
    """The sales (and refunds) with an id above `sale_id`: how many, the first and last numbers."""
    count, first, last = con.execute(
        'SELECT count(*), min("number"), max("number") FROM "sale" WHERE "id" > ?', (sale_id,)
    ).fetchone()
    return SalesAfter(int(count), first, last)
