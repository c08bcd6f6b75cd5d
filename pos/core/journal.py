"""The append-only audit journal: a gapless sequence of events, each hashed with the previous hash.

`append` runs inside the caller's transaction, so an event and its journal entry land together. A sale
holds its entries back to the end of its transaction (`holding`), so tills selling at once queue for the
journal only while they commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from db import fast, journal_rows
from db.models import JournalEntry
from pos.core import clock, till
from pos.core.i18n import _

GENESIS = "0" * 64


def _plain(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"not serialisable: {type(value)!r}")


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain)


def canonical(content: Any) -> str:
    return _ENCODER.encode(content)


def entry_hash(
    seq: int, created_at: str, register: str, user: str, event: str, content: str, prev: str
) -> str:
    text = "\x1f".join([str(seq), created_at, register, user, event, content, prev])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_COLUMNS = ("seq", "created_at", "register", "user", "event", "content", "prev_hash", "hash")


class _Held(threading.local):
    entries: list[JournalEntry] | None = None  # a sale's entries, written as it commits


_held = _Held()


def append(event: str, content: Any, user: str = "") -> JournalEntry:
    """Add an entry inside the caller's transaction. Inside `holding()` (a sale) it is written just before
    the transaction commits (`write_held`): on SQLite its seq and hash are filled in then; on PostgreSQL
    the server chains it and they stay None (nothing is read back)."""
    entry = JournalEntry(
        created_at=clock.now(), register=till.code(), user=user, event=event, content=canonical(content)
    )
    if _held.entries is not None:
        _held.entries.append(entry)
    else:
        _write([entry])
    return entry


def _write(entries: list[JournalEntry]) -> None:
    """Chain `entries` to the journal's tip, under the journal's lock (the last lock a sale takes)."""
    journal_rows.lock()
    last = journal_rows.tip()
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    stamp = JournalEntry.created_at.db_value
    rows = []
    for entry in entries:
        seq += 1
        at = entry.created_at.isoformat()
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = entry_hash(seq, at, entry.register, entry.user, entry.event, entry.content, prev)
        rows.append((seq, stamp(entry.created_at), entry.register, entry.user, entry.event, entry.content,
                     entry.prev_hash, entry.hash))  # fmt: skip
    fast.insert_values(JournalEntry, _COLUMNS, rows)


@contextlib.contextmanager
def holding() -> Iterator[None]:
    """Hold this transaction's entries until `write_held`, so the journal's lock is the last one taken
    and held only for the commit: tills selling at once wait for each other there alone."""
    _held.entries = []
    try:
        yield
    finally:
        _held.entries = None


def held() -> int:
    """How many entries are held now (a savepoint rolled back drops those after it: `drop_held`)."""
    return len(_held.entries) if _held.entries is not None else 0


def drop_held(keep: int) -> None:
    if _held.entries is not None:
        del _held.entries[keep:]


def write_held() -> None:
    """Write the held entries (just before the transaction commits). On PostgreSQL the server chains them
    to the tip itself, sent with COMMIT: the journal's lock is held for no round trip at all."""
    entries = _held.entries
    if not entries:
        return
    _held.entries = []
    if not journal_rows.chains_itself():
        _write(entries)
        return
    journal_rows.lock()
    stamp = JournalEntry.created_at.db_value
    for e in entries:
        at = e.created_at.isoformat()
        journal_rows.append_chained(stamp(e.created_at), at, e.register, e.user, e.event, e.content, GENESIS)


def load(body: Any) -> Any:
    """A journal entry's content as data; None when it is not JSON (verify_chain names such an entry)."""
    try:
        return json.loads(body)
    except (TypeError, ValueError):
        return None


def _stamp(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime | date) else str(value)


def rows(after: int = 0) -> Any:
    """Every entry from seq `after` + 1 on, in seq order, as raw tuples (seq, created_at, register, user,
    event, content, prev_hash, hash), streamed: a value no model field can read (a time of 'x') comes
    through as it is, to be reported, never raised."""
    yield from journal_rows.chain(after)


def verify_chain() -> tuple[int, list[str]]:
    """Recompute the chain. Returns (entries checked, problems). A malformed entry (a time that is not a
    time, content that is not JSON, a sequence number that is not a number) is a problem, never a crash."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    parse_time = JournalEntry.created_at.python_value
    for seq, created_at, register, user, event, body, prev_hash, digest in rows():
        count += 1
        try:
            number = int(seq)
        except (TypeError, ValueError):
            problems.append(_("jurnal: nomor urut {seq!r} bukan angka").format(seq=seq))
            continue
        if number != expected_seq:
            problems.append(
                _("jurnal: urutan {expected} hilang (berikutnya {seq})").format(
                    expected=expected_seq, seq=number
                )
            )
        if prev_hash != prev:
            problems.append(_("jurnal #{seq}: rantai hash putus").format(seq=number))
        at = parse_time(created_at)
        if not isinstance(at, datetime):
            problems.append(
                _("jurnal #{seq}: waktu {value!r} tidak terbaca").format(seq=number, value=created_at)
            )
        if load(body) is None and body != "null":
            problems.append(_("jurnal #{seq}: isi bukan JSON").format(seq=number))
        if (
            entry_hash(number, _stamp(at), str(register), str(user), str(event), str(body), str(prev_hash))
            != digest
        ):
            problems.append(_("jurnal #{seq}: isi berubah").format(seq=number))
        prev, expected_seq = str(digest), number + 1
    return count, problems


def head() -> tuple[int, str]:
    """The chain's last entry: (seq, hash); (0, GENESIS) for an empty journal."""
    last = journal_rows.tip()
    return (last.seq, last.hash) if last else (0, GENESIS)
