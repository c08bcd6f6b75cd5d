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
"""

from __future__ import annotations

from typing import Any

import peewee

from db import writes

_errors = peewee.__exception_wrapper__  # peewee's driver-error -> peewee-error mapping


class TillPostgres(peewee.PostgresqlDatabase):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    def _queue(self) -> list[bytes]:
        state = self._state
        conn = state.conn
        held = getattr(state, "deferred", None)
        if held is None or held[0] is not conn:  # a new connection: nothing of the old one goes with it
            held = state.deferred = (conn, [])
        return held[1]

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


def advisory_lock(db: Any, key: int, shared: bool = False) -> None:
    """On PostgreSQL, take this transaction's advisory lock `key` (shared, or alone), sent with the next
    statement; held until the transaction ends. Nothing on SQLite, whose writer holds the whole file."""
    if isinstance(db, TillPostgres):
        how = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        db.defer(f"SELECT {how}(%s)", (key,))
