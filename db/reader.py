"""A second connection that reads beside the first, on its own thread, kept open between uses.

The report adds up its biggest section (products) here while the caller reads the rest: SQLite in WAL
mode and PostgreSQL serve both connections at once, so a long period uses two cores. The thread and its
connection stay open so its page cache stays warm (a fresh connection re-read ~10.000 product rows from
the file and took up to twice as long); `close()` ends both and runs when the shop's database closes.
Work runs in place, on the caller's connection, inside a transaction (one snapshot) or for an in-memory
database (a second connection would see another, empty database).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import peewee

from db.models import database

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_owner: Any = None  # the Database the worker's connection belongs to


def _run(db: Any, work: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    db.connect(reuse_if_open=True)
    return work(*args)


def beside(work: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """Start `work(*args)` on the reading thread; returns a function that waits for its result (and
    raises what it raised)."""
    global _pool, _owner
    db = database.obj
    if db.in_transaction() or (isinstance(db, peewee.SqliteDatabase) and db.database == ":memory:"):
        value = work(*args)
        return lambda: value
    with _lock:
        if _pool is None or _owner is not db:
            _stop()
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kasir-reader")
            _owner = db
        future = _pool.submit(_run, db, work, args)
    return future.result


def _stop() -> None:
    global _pool, _owner
    if _pool is None:
        return
    owner = _owner
    _pool.submit(lambda: owner.is_closed() or owner.close()).result()
    _pool.shutdown(wait=True)
    _pool, _owner = None, None


def close() -> None:
    """Close the reading connection and end its thread (nothing happens if none is open)."""
    with _lock:
        _stop()
