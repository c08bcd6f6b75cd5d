"""The append-only audit journal: a gapless sequence of events, each hashed with the previous hash.

`append` runs inside the caller's transaction, so an event and its journal entry land together.
"""

from __future__ import annotations

import hashlib
import json
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


def append(event: str, content: Any, user: str = "") -> JournalEntry:
    last = journal_rows.tip()
    seq = last.seq + 1 if last else 1
    prev = last.hash if last else GENESIS
    at = clock.now()
    body = canonical(content)
    register = till.code()
    digest = entry_hash(seq, at.isoformat(), register, user, event, body, prev)
    fields = dict(
        seq=seq,
        created_at=at,
        register=register,
        user=user,
        event=event,
        content=body,
        prev_hash=prev,
        hash=digest,
    )
    entry = JournalEntry(**fields)
    entry.id = fast.insert(JournalEntry, fields)
    return entry


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
