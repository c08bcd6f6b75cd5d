"""A second connection that reads beside the first, on its own thread, kept open between uses; it also
copies the write-ahead log back into the database file (checkpoints) so the counter never waits for that.

The report adds up its biggest section (products) here while the caller reads the rest: SQLite in WAL
mode and PostgreSQL serve both connections at once, so a long period uses two cores. The thread and its
connection stay open so its page cache stays warm (a fresh connection would read the product rows from
the file again); `close()` ends both and runs when the shop's database closes.
Work runs in place, on the caller's connection, inside a transaction (one snapshot) or for an in-memory
database (a second connection would see another, empty database).

Checkpoints: SQLite copies the log back when a commit finds it over `wal_autocheckpoint` pages — inside that
commit, so that sale would wait for it. `after_commit()` (called by every service)
asks this thread for a PASSIVE checkpoint every CHECKPOINT_EVERY commits instead; it never waits for a
writer, and SQLite's own (raised to 10.000 pages in db/database.py) stays as the safety net. A checkpoint
changes nothing a reader sees and nothing about durability: each commit is already synced to the log.
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
CHECKPOINT_EVERY = 20  # commits: ~1.000 log pages of sales
_commits = 0
_checkpoint_waiting = False
checkpoints = 0  # done on this thread (for tests and the curious)


def _run(db: Any, work: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    db.connect(reuse_if_open=True)
    return work(*args)


def _in_memory(db: Any) -> bool:
    return isinstance(db, peewee.SqliteDatabase) and db.database == ":memory:"


def _worker(db: Any) -> ThreadPoolExecutor:
    """The reading thread for `db` (started, or restarted for another database). Hold _lock."""
    global _pool, _owner
    if _pool is None or _owner is not db:
        _stop()
        _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kasir-reader")
        _owner = db
    return _pool


def beside(work: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """Start `work(*args)` on the reading thread; returns a function that waits for its result (and
    raises what it raised)."""
    db = database.obj
    if db.in_transaction() or _in_memory(db):
        value = work(*args)
        return lambda: value
    with _lock:
        future = _worker(db).submit(_run, db, work, args)
    return future.result


def _checkpoint(db: Any) -> None:
    global _checkpoint_waiting, checkpoints
    _checkpoint_waiting = False
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        checkpoints += 1
    except peewee.DatabaseError:  # busy or a full disk: SQLite's own checkpoint tries again later
        pass


def after_commit() -> None:
    """A write was committed: every CHECKPOINT_EVERY commits, ask the reading thread to checkpoint."""
    global _commits, _checkpoint_waiting
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or _in_memory(db):
        return
    _commits += 1
    if _commits % CHECKPOINT_EVERY or _checkpoint_waiting:
        return
    with _lock:
        _checkpoint_waiting = True
        _worker(db).submit(_checkpoint, db)


def wait() -> None:
    """Until the reading thread has done what was asked of it so far (a checkpoint changes the
    database file's bytes, not what it holds: a test comparing the file's bytes waits for it first)."""
    with _lock:
        pool = _pool
    if pool is not None:
        pool.submit(lambda: None).result()


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
