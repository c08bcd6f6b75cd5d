"""One user action = one database transaction. Services are wrapped with @service.

A service either completes fully or raises a PosError and leaves nothing behind. Storage failures
(disk full, read-only file, locked database, a PostgreSQL server out of reach) become a StorageError with a
message in Indonesian.

Several tills: every writing service takes the shop's write lock first, before it reads anything it
checks — SQLite's `BEGIN IMMEDIATE`, PostgreSQL's transaction-level advisory lock `WRITE_LOCK`. On
PostgreSQL a sale takes it shared (`@service(alongside=True)`), so tills sell at the same moment, and
locks the rows it checks before checking them, always in one order: the member, the products by id, the
day books by key, and last the journal (its entries are written as the sale commits, pos.core.journal).
Two tills can never both pass a check only one may pass (the last point, the last unit, a tab's last
credit), and locks taken in one order never deadlock. Every other service takes the lock alone and runs
between sales. A serialization failure, deadlock or lock timeout that still happens (another program on
the server, a long report's lock) is retried, bounded and with jitter.
When a service commits, the areas it wrote are announced once (pos.core.changes); a rolled-back one says
nothing.
"""

from __future__ import annotations

import contextlib
import functools
import random
import time
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar, overload

import peewee

from db import pipeline, reader, writes
from db.models import database
from pos.core import caches, changes, journal
from pos.core.errors import ServerUnreachable, StorageError
from pos.core.i18n import N_, _

P = ParamSpec("P")
R = TypeVar("R")


WRITE_LOCK = 0x4B61736972  # "Kasir": the advisory lock every writing service takes first on PostgreSQL
RETRIES = 6  # attempts after the first, for a serialization failure, deadlock or lock timeout
_RETRY_CODES = {"40001", "40P01", "55P03"}  # serialization_failure, deadlock_detected, lock_not_available
_GONE_CODES = {"57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004"}
retried = 0  # transactions run again after a conflict, in this process (for tests and the bench)


class _Write:
    """The outermost write transaction: BEGIN (IMMEDIATE on SQLite), then the shop's write lock on
    PostgreSQL — shared for a sale (`alongside`), whose journal entries are written as it commits."""

    def __init__(self, db: Any, alongside: bool = False) -> None:
        self.db, self.alongside = db, alongside
        self.inner = db.atomic("IMMEDIATE") if isinstance(db, peewee.SqliteDatabase) else db.atomic()
        self.holding = journal.holding() if alongside else contextlib.nullcontext()

    def __enter__(self) -> Any:
        done = self.inner.__enter__()
        pipeline.advisory_lock(self.db, WRITE_LOCK, shared=self.alongside)
        self.holding.__enter__()
        return done

    def __exit__(self, *exc: Any) -> Any:
        try:
            if exc[0] is None:
                journal.write_held()
        except BaseException as failed:
            self.holding.__exit__(None, None, None)
            self.inner.__exit__(type(failed), failed, failed.__traceback__)
            raise
        self.holding.__exit__(None, None, None)
        return self.inner.__exit__(*exc)


def atomic(alongside: bool = False) -> Any:
    db = database.obj
    if db.in_transaction():
        return database.atomic()
    return _Write(db, alongside)


@contextlib.contextmanager
def snapshot() -> Iterator[None]:
    """A read-only transaction: every query inside sees the same committed state (one snapshot), however
    many tills commit meanwhile. SQLite: a deferred transaction in WAL mode reads one snapshot from its first
    read; PostgreSQL: REPEATABLE READ. Nested inside a transaction, the caller's snapshot is used. The
    shared caches are left alone inside (the snapshot may be older than what they hold)."""
    db = database.obj
    if db.in_transaction():
        inner = database.atomic()
    elif isinstance(db, peewee.PostgresqlDatabase):
        inner = db.atomic(isolation_level="REPEATABLE READ")
    else:
        inner = db.atomic("DEFERRED")
    with caches.bypassed(), inner:
        yield


_WHAT = {
    "pos.counter.sale": N_("penjualan"),
    "pos.counter.refund": N_("pengembalian"),
}  # what the message says was not saved


def _causes(exc: BaseException) -> list[BaseException]:
    """The error and what it happened during: a rollback after SQLite gave up on a full disk fails with
    "no transaction is active", and that must not hide the full disk it followed."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain and len(chain) < 8:
        chain.append(seen)
        orig = getattr(seen, "orig", None)  # peewee keeps the driver's own error here
        if isinstance(orig, BaseException) and orig not in chain:
            chain.append(orig)
        seen = seen.__cause__ or seen.__context__
    return chain


def _pgcode(exc: BaseException) -> str:
    for cause in _causes(exc):
        code = getattr(cause, "pgcode", None)
        if code:
            return str(code)
    return ""


def _retryable(exc: BaseException) -> bool:
    if _pgcode(exc) in _RETRY_CODES:
        return True
    return isinstance(database.obj, peewee.SqliteDatabase) and any(
        "database is locked" in str(c).lower() for c in _causes(exc)
    )


def _server_gone(exc: BaseException) -> bool:
    if not isinstance(database.obj, peewee.PostgresqlDatabase):
        return False
    if _pgcode(exc) in _GONE_CODES:
        return True
    words = (
        "server closed the connection",
        "connection already closed",
        "could not connect",
        "terminating",
        "connection refused",
        "no connection to the server",
        "ssl syscall error",
        "timeout expired",
    )
    return any(w in str(c).lower() for c in _causes(exc) for w in words)


def _why(exc: BaseException) -> str:
    texts = [str(c).lower() for c in _causes(exc)]
    code = _pgcode(exc)
    if any("full" in t for t in texts) or code in ("53100", "53200"):
        return _("disk penuh")
    if any("readonly" in t or "read-only" in t or "read only" in t for t in texts):
        return _("file database hanya-baca")
    if code in _RETRY_CODES or any("database is locked" in t or "database is busy" in t for t in texts):
        return _("database sedang dipakai kasir lain terlalu lama")
    if code.startswith("23") or any("unique" in t for t in texts):
        return _("data ganda")
    return str(exc)


def _drop_connection() -> None:
    """The server went away: forget this connection, so the next action connects again."""
    db = database.obj
    if isinstance(db, pipeline.TillPostgres):
        db.forget_deferred()
    try:
        state = db._state
        if state.conn is not None:
            try:
                state.conn.close()
            except Exception:  # noqa: BLE001 - it is already broken; closing it is only tidying
                pass
        state.reset()
    except AttributeError:
        pass


_STORAGE = (peewee.OperationalError, peewee.IntegrityError, peewee.InterfaceError, peewee.InternalError)


@overload
def service(fn: Callable[P, R]) -> Callable[P, R]: ...


@overload
def service(*, alongside: bool) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def service(fn: Callable[P, R] | None = None, *, alongside: bool = False) -> Any:
    """One transaction per call, retried on a conflict, its changes announced once committed.
    `alongside=True` (a sale): on PostgreSQL it runs alongside other tills' sales under the shop's lock
    taken shared, and must lock the rows it checks itself, in the fixed order (customer, voucher, products
    by id, day books) — the other services take the lock alone and run between sales."""
    if fn is None:
        return functools.partial(service, alongside=alongside)
    what = _WHAT.get(fn.__module__, N_("perubahan"))

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        global retried
        if database.obj.in_transaction():  # inside another service: a savepoint of its transaction
            kept = journal.held()
            try:
                with database.atomic():
                    return fn(*args, **kwargs)
            except BaseException:
                journal.drop_held(kept)  # what the savepoint rolled back is not journalled either
                raise
        for attempt in range(RETRIES + 1):
            writes.take()  # what this thread wrote outside a service is not this service's change
            try:
                with atomic(alongside):
                    caches.refresh(force=True)  # another till may have changed settings, channels, programs
                    done = fn(*args, **kwargs)
                break
            except _STORAGE as exc:
                caches.forget_all()  # what this attempt cached may belong to the rolled-back transaction
                if _server_gone(exc):
                    _drop_connection()
                    raise ServerUnreachable(what=_(what)) from exc
                if attempt < RETRIES and _retryable(exc):
                    retried += 1
                    time.sleep(random.uniform(0.002, 0.01) * (2**attempt))  # jitter: the tills part ways
                    continue
                raise StorageError(why=_why(exc)) from exc
        reader.after_commit()  # the log is copied back on the reading thread, not here
        changes.announce(changes.of_tables(writes.take()))
        return done

    return run
