"""The sale's baseline: the very statements one real sale executes, replayed through the plain sqlite3 module.

`capture` runs one real sale (the bench's own timed work: the cart, its preview, `sale.complete`) and records
every statement it sends through `database.execute_sql` with its parameters, and where SQLite saw the
transaction begin and end (the connection's trace callback, which also proves nothing went past the
recording). `Replayer.replay` runs that list again on a second connection to the same file, with the same
pragmas: the same statements, in the same order and transaction, each reading its rows as the sale did.

So that each replay is one more valid sale (receipt numbers without gaps, an unbroken journal chain, day
books that add up, `verify` passing), the few values that belong to one sale are carried from the replay's
own answers: the receipt number from the register's counter, the sale's and its lines' ids from their
inserts, a fresh cart id, and the journal entry's place in the chain (its hash computed as the journal
computes it). Every other parameter is the captured one.

`block_ratios` and `summary` turn interleaved blocks of sales and replays into the ratio the bench reports.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.measures import _pct

_CONTROL = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")
_INSERT = re.compile(r'^\s*INSERT INTO "(\w+)" \(([^)]*)\) VALUES', re.IGNORECASE)


@dataclass
class Step:
    """One statement as the sale sent it. `marks`: (parameter index, what the replay puts there);
    `answer`: what the replay takes from the rows it reads ('' when nothing)."""

    sql: str
    params: tuple[Any, ...]
    fetch: bool
    marks: list[tuple[int, Any]] = field(default_factory=list)
    answer: str = ""
    columns: dict[str, int] = field(default_factory=dict)  # the journal insert: column -> parameter index


@dataclass
class Recording:
    steps: list[Step]
    number: str  # the captured sale's receipt number and cart id (replaced in every text parameter)
    cart_uid: str
    statements: int  # statements the sale ran, transaction control included


def _role(sql: str) -> str:
    """What a statement's answer gives the rest of the sale."""
    text = " ".join(sql.split())
    if text.startswith('UPDATE "register"') and 'RETURNING "last_number"' in text:
        return "seq"
    if text.startswith('INSERT INTO "sale" ') and "RETURNING" in text:
        return "sale_id"
    if text.startswith('INSERT INTO "sale_line" ') and "RETURNING" in text:
        return "line_ids"
    if text.startswith('SELECT "seq", "hash" FROM "journal_entry"'):
        return "journal"
    return ""


def _marks(
    sql: str, params: tuple[Any, ...], sale: Any, lines: dict[int, int]
) -> tuple[list[tuple[int, Any]], dict[str, int]]:
    """Which parameters carry a value of this one sale: by the inserted column, or text holding the
    sale's number or cart id."""
    marks: list[tuple[int, Any]] = []
    columns: dict[str, int] = {}
    found = _INSERT.match(sql)
    names = [c.strip().strip('"') for c in found.group(2).split(",")] if found else []
    table = found.group(1) if found else ""
    for i, value in enumerate(params):
        column = names[i % len(names)] if names else ""
        if table == "journal_entry":
            columns[column] = i
            if column in ("seq", "prev_hash", "hash"):
                marks.append((i, "journal_" + column))
                continue
        if table == "sale" and column == "seq":
            marks.append((i, "seq"))
        elif column == "sale_id" and value == sale.id:
            marks.append((i, "sale_id"))
        elif column == "sale_line_id" and value in lines:
            marks.append((i, ("line", lines[value])))
        elif isinstance(value, str) and (sale.number in value or sale.cart_uid in value):
            marks.append((i, "text"))
    return marks, columns


def capture(sell: Callable[[], Any]) -> Recording:
    """Run `sell` (one real sale; it returns the Sale) and record what it sent to the database."""
    from db.models import SaleLine, database

    db = database.obj
    me = threading.get_ident()
    sent: list[tuple[str, tuple[Any, ...]]] = []
    traced: list[str] = []
    original = db.execute_sql

    def recording(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == me:
            sent.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    conn = db.connection()
    conn.set_trace_callback(lambda text: traced.append(text) if not text.startswith("--") else None)
    db.execute_sql = recording
    try:
        sale = sell()
    finally:
        del db.execute_sql
        conn.set_trace_callback(None)
    lines = {
        line_id: position
        for line_id, position in SaleLine.select(SaleLine.id, SaleLine.position)
        .where(SaleLine.sale == sale.id)
        .tuples()
    }
    steps: list[Step] = []
    pending = list(sent)
    for n, text in enumerate(traced):
        if pending and _same(pending[0][0], text):
            pass
        elif text.lstrip().upper().startswith(_CONTROL):
            steps.append(Step(text, (), False))
            continue
        elif n and text == traced[n - 1]:
            continue  # the statement's triggers: SQLite reports them with the statement's own text
        else:
            raise RuntimeError(f"a statement went past database.execute_sql: {text[:200]}")
        sql, params = pending.pop(0)
        marks, columns = _marks(sql, params, sale, lines)
        fetch = sql.lstrip().upper().startswith(("SELECT", "PRAGMA", "WITH")) or "RETURNING" in sql.upper()
        steps.append(Step(sql, params, fetch, marks, _role(sql), columns))
    if pending:
        raise RuntimeError(f"recorded but not run: {pending[0][0][:200]}")
    return Recording(steps, sale.number, sale.cart_uid, len(steps))


def _same(sql: str, traced: str) -> bool:
    """The traced text (parameters filled in) starts as the sent text does, up to its first mark."""
    head = sql.split("?", 1)[0].strip()
    return traced.strip().startswith(head[:120])


def _number(number: str, seq: int) -> str:
    """The captured receipt number with its trailing digits for `seq` (K1-003002 -> K1-003003)."""
    return re.sub(r"\d+$", lambda m: f"{seq:0{len(m.group())}d}", number)


class Replayer:
    """A plain sqlite3 connection to the shop's file, set up as Kasir sets up its own, replaying a
    Recording; every `checkpoint_every` replays a PASSIVE checkpoint (outside the timed part), as
    Kasir's reading thread does after its commits."""

    def __init__(self, path: str, recording: Recording, checkpoint_every: int) -> None:
        from db.database import SQLITE_PRAGMAS

        self.recording = recording
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for name, value in SQLITE_PRAGMAS.items():
            self.conn.execute(f"PRAGMA {name} = {value}")
        self.checkpoint_every = checkpoint_every
        self.done = 0

    def close(self) -> None:
        self.conn.close()

    def fresh_uid(self) -> str:
        return uuid.uuid4().hex

    def replay(self, uid: str) -> None:
        """One replay, as one more sale with cart id `uid`."""
        from pos.core import journal

        rec = self.recording
        state: dict[str, Any] = {"uid": uid}
        for step in self.recording.steps:
            params: Any = step.params
            if step.marks:
                params = list(params)
                for i, what in step.marks:
                    params[i] = self._value(what, params[i], state, rec)
                if step.columns:
                    c = step.columns
                    params[c["hash"]] = journal.entry_hash(
                        params[c["seq"]],
                        params[c["created_at"]].isoformat(),
                        params[c["register"]],
                        params[c["user"]],
                        params[c["event"]],
                        params[c["content"]],
                        params[c["prev_hash"]],
                    )
            cursor = self.conn.execute(step.sql, params)
            if step.fetch:
                rows = cursor.fetchall()
                if step.answer == "seq":
                    state["seq"] = rows[0][0]
                    state["number"] = _number(rec.number, rows[0][0])
                elif step.answer == "sale_id":
                    state["sale_id"] = rows[0][0]
                elif step.answer == "line_ids":
                    state["lines"] = {position: line_id for line_id, position in rows}
                elif step.answer == "journal":
                    state["journal"] = rows[0] if rows else (0, journal.GENESIS)
        self.done += 1
        if self.done % self.checkpoint_every == 0:
            self.checkpoint()

    def checkpoint(self) -> None:
        self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    @staticmethod
    def _value(what: Any, captured: Any, state: dict[str, Any], rec: Recording) -> Any:
        if what == "text":
            text = captured.replace(rec.cart_uid, state["uid"])
            return text.replace(rec.number, state["number"]) if "number" in state else text
        if what == "seq":
            return state["seq"]
        if what == "sale_id":
            return state["sale_id"]
        if what == "journal_seq":
            return int(state["journal"][0]) + 1
        if what == "journal_prev_hash":
            return str(state["journal"][1])
        if what == "journal_hash":
            return captured  # computed once the other columns are in place
        return state["lines"][what[1]]  # ("line", position)


def block_ratios(sale_ms: list[float], baseline_ms: list[float], blocks: int) -> list[float]:
    """Per block, the p50 of its sales over the p50 of its baseline replays. Both lists hold `blocks`
    equal blocks in run order (block k: sales k·n … k·n+n-1, then replays of the same range)."""
    if blocks < 1 or len(sale_ms) % blocks or len(baseline_ms) % blocks:
        raise ValueError("the runs do not split into equal blocks")
    n, m = len(sale_ms) // blocks, len(baseline_ms) // blocks
    return [
        _pct(sale_ms[k * n : (k + 1) * n], 50) / max(_pct(baseline_ms[k * m : (k + 1) * m], 50), 1e-9)
        for k in range(blocks)
    ]


def summary(ratios: list[float]) -> tuple[float, float, float]:
    """(p50, min, max) of the blocks' ratios; the p50 is nearest-rank, as every p50 of the bench."""
    if not ratios or any(math.isnan(r) for r in ratios):
        raise ValueError("no ratios")
    return _pct(ratios, 50), min(ratios), max(ratios)
