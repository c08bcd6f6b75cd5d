"""Opening Kasir's database: SQLite file (default), in-memory for tests, or a postgresql:// URL."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

import peewee
from playhouse.db_url import connect as connect_url
from playhouse.migrate import SchemaMigrator

from db import balances, config_version, migrations, names_index
from db.models import ALL_MODELS, Meta, cluster_day_books, database

APP_MARK = "kasir"
DB_ID_KEY = "db_id"  # meta: this database's own id, which its backups carry (pos.backup)
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a sale whose receipt printed survives a power cut
    "busy_timeout": 5000,
    "cache_size": -32000,  # 32 MB page cache
    "wal_autocheckpoint": 10000,  # a safety net: db/reader checkpoints every ~1.000 pages off the counter
}  # temp_store stays on file: a year's report sorts faster there than in memory (measured)


class OpenError(Exception):
    """The database cannot be used. `reason` is one of: not_sqlite, not_kasir, newer, unreadable, driver."""

    def __init__(self, reason: str, target: str, detail: str = "", version: int = 0) -> None:
        super().__init__(f"{reason}: {target} {detail}".strip())
        self.reason = reason
        self.target = target
        self.detail = detail
        self.version = version


def is_url(target: str) -> bool:
    return "://" in target


def _precheck_sqlite_file(path: Path) -> None:
    """Look at an existing file read-only before anything writes to it (a pragma would)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return
            if "meta" not in tables:
                raise OpenError("not_kasir", str(path))
            rows = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise OpenError("not_sqlite", str(path), str(exc)) from exc
    if rows.get("app") != APP_MARK:
        raise OpenError("not_kasir", str(path))
    version = int(rows.get("schema_version", "0"))
    if version > migrations.SCHEMA_VERSION:
        raise OpenError("newer", str(path), version=version)


def make_database(target: str) -> peewee.Database:
    if is_url(target):
        try:
            return connect_url(target)
        except (ImportError, RuntimeError) as exc:  # missing psycopg2 and friends
            raise OpenError("driver", target, str(exc)) from exc
    if target != ":memory:":
        path = Path(target).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        _precheck_sqlite_file(path)
        target = str(path)
    return peewee.SqliteDatabase(target, pragmas=SQLITE_PRAGMAS, check_same_thread=False)


def open_database(target: str) -> peewee.Database:
    """Open (creating or upgrading as needed) and bind the models to it. Returns the database."""
    db = make_database(target)
    cluster_day_books(db)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _prepare_schema(db)
    except peewee.DatabaseError as exc:
        if not db.is_closed():
            db.close()
        raise OpenError("unreadable", target, str(exc)) from exc
    return db


def _prepare_schema(db: peewee.Database) -> None:
    tables = set(db.get_tables())
    if not tables:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            names_index.create(db)
            balances.install(db)
            Meta.create(key="app", value=APP_MARK)
            Meta.create(key=DB_ID_KEY, value=uuid.uuid4().hex)
            Meta.create(key="schema_version", value=str(migrations.SCHEMA_VERSION))
            config_version.ensure(db)
        return
    if "meta" not in tables:
        raise OpenError("not_kasir", str(db.database))
    rows = {m.key: m.value for m in Meta.select()}
    if rows.get("app") != APP_MARK:
        raise OpenError("not_kasir", str(db.database))
    version = int(rows.get("schema_version", "0"))
    if version > migrations.SCHEMA_VERSION:
        raise OpenError("newer", str(db.database), version=version)
    steps = migrations.pending(version)
    if steps:
        migrator = SchemaMigrator.from_database(db)
        with db.atomic():
            for number, step in steps:
                step(migrator)
                Meta.update(value=str(number)).where(Meta.key == "schema_version").execute()
    if not config_version.installed(db):
        with db.atomic():
            config_version.ensure(db)


def close_database() -> None:
    from db import reader

    reader.close()
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def default_target(data_dir: str) -> str:
    return os.environ.get("KASIR_DB") or str(Path(data_dir) / "kasir.db")
