"""The append-only audit journal: a gapless sequence of events, each hashed with the previous hash.

`append` runs inside the caller's transaction, so an event and its journal entry land together.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from db import fast
from db.models import JournalEntry
from pos import clock, till

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
    last = fast.one('SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1', [])
    seq = (int(last[0]) + 1) if last else 1
    prev = str(last[1]) if last else GENESIS
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


def verify_chain() -> tuple[int, list[str]]:
    """Recompute the chain. Returns (entries checked, problems)."""
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    query = JournalEntry.select().order_by(JournalEntry.seq).iterator()
    for row in query:
        count += 1
        if row.seq != expected_seq:
            problems.append(f"jurnal: urutan {expected_seq} hilang (berikutnya {row.seq})")
        if row.prev_hash != prev:
            problems.append(f"jurnal #{row.seq}: rantai hash putus")
        digest = entry_hash(
            row.seq, row.created_at.isoformat(), row.register, row.user, row.event, row.content, row.prev_hash
        )
        if digest != row.hash:
            problems.append(f"jurnal #{row.seq}: isi berubah")
        prev, expected_seq = row.hash, row.seq + 1
    return count, problems
