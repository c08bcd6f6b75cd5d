"""PostgreSQL for a till: statements whose answer nobody waits for travel with the next one.

A sale runs about twenty-five statements, and on a shop's network every one of them is a round trip to the
server (more over Wi-Fi than on loopback), whatever it does. BEGIN, the write lock, and
the inserts and updates a service writes without reading back (stock moves, payments, the day books, the
ledger entries) are queued instead and sent in one message with the next statement that returns rows, or
with COMMIT — so a sale makes about half the trips. Nothing changes in what is written or when it is
visible: the queue belongs to this connection's open transaction, goes out before anything is read in it,
and an error in a queued statement fails the transaction as it would have failed alone. psycopg2 binds the
parameters (`mogrify`), exactly as it does for a single statement. SQLite has no round trips: there
`defer` simply runs the statement.

The counter's statements are fixed texts (db/fast.py), run again on every sale; the server would parse and
plan each anew every time, which costs it more than running them. A fixed text used twice on a connection is
prepared there (`PREPARE`, between transactions, never inside one) and from then on sent as `EXECUTE` with
its values. A text the server cannot prepare (a value whose type it cannot tell) goes as text, as before.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import peewee

from db import writes

_errors = peewee.__exception_wrapper__  # peewee's driver-error -> peewee-error mapping

PREPARE_AFTER = 2  # uses of a fixed text on a connection before it is prepared there
MOST_PREPARED = 400  # per connection: a bound on what the server keeps for this till
_NEVER = -(10**9)  # the use count of a text the server could not prepare

# The parameter types a prepared statement declares, by the Python type of its values: those psycopg2 sends
# with a type of their own (a timestamp compared with a date column is not turned into a date). Any other
# value (text, whole numbers, NULL) takes the type its place in the statement gives it, as a literal would.
_DECLARED = {
    datetime: "timestamp",
    date: "date",
    time: "time",
    timedelta: "interval",
    Decimal: "numeric",
    float: "double precision",
    bool: "boolean",
    bytes: "bytea",
    memoryview: "bytea",
}


class _Plans:
    """One connection's prepared statements: {(text, declared types): the EXECUTE text}, and how often each
    text not yet prepared was used."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.ready: dict[tuple[str, tuple[str, ...]], str] = {}
        self.uses: dict[tuple[str, tuple[str, ...]], int] = {}
        self.waiting: list[tuple[str, tuple[str, ...]]] = []  # used often enough, to prepare
        self.made = 0


def _declared(params: Any) -> tuple[str, ...]:
    return tuple([_DECLARED.get(type(value), "unknown") for value in params])


def _numbered(sql: str) -> str:
    """psycopg2's %s marks as PostgreSQL's $1, $2, ... (and %% as %)."""
    parts = sql.replace("%%", "\x00").split("%s")
    text = parts[0] + "".join(f"${n}{part}" for n, part in enumerate(parts[1:], 1))
    return text.replace("\x00", "%")


class TillPostgres(peewee.PostgresqlDatabase):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    def _queue(self) -> list[bytes]:
        state = self._state
        conn = state.conn
        held = getattr(state, "deferred", None)
        if held is None or held[0] is not conn:  # a new connection: nothing of the old one goes with it
            held = state.deferred = (conn, [])
        return held[1]

    def _plans(self) -> _Plans:
        state = self._state
        plans = getattr(state, "plans", None)
        if plans is None or plans.conn is not state.conn:  # a new connection knows none of the old one's
            plans = state.plans = _Plans(state.conn)
        return plans

    def _fixed(self, sql: str, params: Any) -> bytes | None:
        """The EXECUTE of a prepared fixed text with these values, or None (counting the use) if the text
        is not prepared on this connection yet."""
        plans = self._plans()
        key = (sql, _declared(params or ()))
        call = plans.ready.get(key)
        if call is None:
            uses = plans.uses[key] = plans.uses.get(key, 0) + 1
            if uses == PREPARE_AFTER:
                plans.waiting.append(key)
            return None
        return self.cursor().mogrify(call, params) if params else call.encode()

    def _prepare_waiting(self) -> None:
        """Outside any transaction: prepare the fixed texts used often enough. One that the server refuses
        (it cannot tell a value's type) is never tried again on this connection; a lost connection raises."""
        plans = self._plans()
        waiting, plans.waiting = plans.waiting, []
        for key in waiting:
            if len(plans.ready) >= MOST_PREPARED:
                plans.uses[key] = _NEVER
                continue
            sql, types = key
            plans.made += 1
            name = f"kasir_{plans.made}"
            head = f"PREPARE {name} ({', '.join(types)})" if types else f"PREPARE {name}"
            try:
                with _errors:
                    self.cursor().execute(head + " AS " + _numbered(sql))
            except (peewee.ProgrammingError, peewee.DataError):  # the text, not the connection
                plans.uses[key] = _NEVER
                continue
            del plans.uses[key]
            marks = "(" + ", ".join(["%s"] * len(types)) + ")" if types else ""
            plans.ready[key] = f"EXECUTE {name}{marks}"

    def execute_fixed(self, sql: str, params: Any = None) -> Any:
        """`execute_sql` for a fixed text (db/fast.py): prepared once it recurs."""
        if self.is_closed():
            return self.execute_sql(sql, params)
        if not self.in_transaction() and self._plans().waiting:  # between transactions: prepare now
            self._prepare_waiting()
        call = self._fixed(sql, params)
        if call is None:
            return self.execute_sql(sql, params)
        writes.note(sql)
        return self._send(call)

    def defer_fixed(self, sql: str, params: Any = None) -> None:
        """`defer` for a fixed text: prepared once it recurs."""
        if self.is_closed() or not self.in_transaction():
            self.execute_fixed(sql, params)
            return
        call = self._fixed(sql, params)
        if call is None:
            self.defer(sql, params)
            return
        writes.note(sql)
        self._queue().append(call)

    def forget_deferred(self) -> None:
        if getattr(self._state, "deferred", None) is not None:
            self._state.deferred = None

    def defer(self, sql: str, params: Any = None) -> None:
        """Run `sql` with the next statement of this transaction (now, outside a transaction)."""
        if not self.in_transaction():
            self.execute_sql(sql, params)
            return
        writes.note(sql)
        self._queue().append(self.cursor().mogrify(sql, params or ()))

    def begin(self, isolation_level: Any = None) -> None:
        if isolation_level is None:
            isolation_level = self._isolation_level
        if isolation_level:
            text = "BEGIN TRANSACTION ISOLATION LEVEL " + self._adapter.isolation_level_str(isolation_level)
        else:
            text = "BEGIN"
        self.connect(reuse_if_open=True)
        self._prepare_waiting()
        self._queue().append(text.encode())

    def _send(self, last: bytes) -> Any:
        queue = self._queue()
        text = b"; ".join([*queue, last])
        queue.clear()
        cursor = self.cursor()
        with _errors:
            cursor.execute(text)
        return cursor

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        writes.note(sql)
        if self.is_closed() or not self._queue():
            return super().execute_sql(sql, params)
        return self._send(self.cursor().mogrify(sql, params or ()))

    def commit(self) -> None:
        if self.is_closed() or not self._queue():
            super().commit()
            return
        self._send(b"COMMIT")

    def rollback(self) -> None:
        self.forget_deferred()
        super().rollback()

    def close(self) -> bool:
        self.forget_deferred()
        return super().close()


def defer(db: Any, sql: str, params: Any = None) -> None:
    """Run `sql` now, or on PostgreSQL with this transaction's next statement."""
    if isinstance(db, TillPostgres):
        db.defer(sql, params)
    else:
        db.execute_sql(sql, params)


def execute_fixed(db: Any, sql: str, params: Any = None) -> Any:
    """Run a fixed text (the same text every time, values apart) and return the cursor: on PostgreSQL it
    is prepared on the connection once it recurs."""
    if isinstance(db, TillPostgres):
        return db.execute_fixed(sql, params)
    return db.execute_sql(sql, params)


def defer_fixed(db: Any, sql: str, params: Any = None) -> None:
    """`defer` for a fixed text, prepared on PostgreSQL once it recurs."""
    if isinstance(db, TillPostgres):
        db.defer_fixed(sql, params)
    else:
        db.execute_sql(sql, params)


def advisory_lock(db: Any, key: int, shared: bool = False) -> None:
    """On PostgreSQL, take this transaction's advisory lock `key` (shared, or alone), sent with the next
    statement; held until the transaction ends. Nothing on SQLite, whose writer holds the whole file."""
    if isinstance(db, TillPostgres):
        how = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        db.defer_fixed(f"SELECT {how}(%s)", (key,))
