"""One user action = one database transaction. Services are wrapped with @service.

A service either completes fully or raises a PosError and leaves nothing behind. Storage failures
(disk full, read-only file, locked database) become a StorageError with a message in Indonesian.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import peewee

from db import reader
from db.models import database
from pos.errors import StorageError

P = ParamSpec("P")
R = TypeVar("R")


def atomic() -> Any:
    db = database.obj
    if isinstance(db, peewee.SqliteDatabase) and not db.in_transaction():
        return db.atomic("IMMEDIATE")  # take the write lock up front: no upgrade deadlocks between tills
    return database.atomic()


def snapshot() -> Any:
    """A read-only transaction: every query inside sees the same committed state (one snapshot), however
    many tills commit meanwhile. SQLite: a deferred transaction in WAL mode reads one snapshot from its first
    read; PostgreSQL: REPEATABLE READ. Nested inside a transaction, the caller's snapshot is used."""
    db = database.obj
    if db.in_transaction():
        return database.atomic()
    if isinstance(db, peewee.PostgresqlDatabase):
        return db.atomic(isolation_level="REPEATABLE READ")
    return db.atomic("DEFERRED")


def _why(exc: peewee.PeeweeException) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "disk penuh"
    if "readonly" in text or "read-only" in text:
        return "file database hanya-baca"
    if "locked" in text or "busy" in text:
        return "database sedang dipakai kasir lain"
    if "unique" in text:
        return "data ganda"
    return str(exc)


def service(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        outermost = not database.obj.in_transaction()
        try:
            with atomic():
                done = fn(*args, **kwargs)
        except (peewee.OperationalError, peewee.IntegrityError, peewee.InterfaceError) as exc:
            raise StorageError(why=_why(exc)) from exc
        if outermost:
            reader.after_commit()  # the log is copied back on the reading thread, not here
        return done

    return run
