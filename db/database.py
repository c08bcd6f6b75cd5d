"""Opening Kasir's database: SQLite file (default), in-memory for tests, or a postgresql:// URL."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import peewee
from playhouse.db_url import connect as connect_url
from playhouse.db_url import register_database
from playhouse.migrate import SchemaMigrator

from db import balances, config_version, migrations, names_index, reader, writes
from db.models import ALL_MODELS, Meta, cluster_day_books, database
from db.pipeline import TillPostgres

APP_MARK = "kasir"
DB_ID_KEY = "db_id"  # meta: this database's own id, which its backups carry (pos.audit.backup)
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": 2,  # FULL: a sale whose receipt printed survives a power cut
    "busy_timeout": 5000,
    "cache_size": -32000,  # 32 MB page cache
    "wal_autocheckpoint": 10000,  # a safety net: db/reader checkpoints every ~1.000 pages off the counter
}  # temp_store stays on file: a year's report sorts faster there than in memory (measured)


# A till waits at most 5 s for a lock another program holds (then the service retries, then says so); a till
# that hangs inside a transaction (its write lock held) is cut off by the server after 60 s so the other tills
# go on; keepalives notice a server or network that went away within ~25 s instead of hanging the counter.
POSTGRES_OPTIONS = "-c lock_timeout=5000 -c idle_in_transaction_session_timeout=60000"
POSTGRES_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3}


class OpenError(Exception):
    """The database cannot be used. `reason` is one of: not_sqlite, corrupt, not_kasir, newer, unreadable,
    driver (the file or server may be damaged or foreign) or, for a target that is fine but cannot be used
    here: readonly, full, locked, cannot_open, is_dir, missing, bad_path, unsupported. Only the first group
    can be helped by restoring a backup (RESTORABLE)."""

    def __init__(self, reason: str, target: str, detail: str = "", version: int = 0) -> None:
        super().__init__(f"{reason}: {target} {detail}".strip())
        self.reason = reason
        self.target = target
        self.detail = detail
        self.version = version


RESTORABLE = frozenset({"not_sqlite", "corrupt", "unreadable"})
URL_SCHEMES = ("postgresql", "postgres")  # besides sqlite:// (a file, opened like a path)


def is_url(target: str) -> bool:
    return "://" in target


def _checked_text(target: str) -> str:
    if not target or not target.strip():
        raise OpenError("bad_path", target, "kosong")
    if "\x00" in target or any(ord(c) < 32 for c in target):
        raise OpenError("bad_path", target.replace("\x00", "\\0"), "karakter kendali")
    return target


def sqlite_file(target: str) -> str | None:
    """The SQLite file (or ':memory:') a target names: a path, or a sqlite:// URL opened like a path
    (with the file check and the pragmas). None for a server URL. Raises OpenError for anything else."""
    target = _checked_text(target)
    if not is_url(target):
        return target
    scheme, _sep, rest = target.partition("://")
    scheme = scheme.lower()
    if scheme == "sqlite":
        host, _slash, path = rest.split("?", 1)[0].partition("/")  # peewee's reading: sqlite:///a.db is
        if host or not path:  # a.db, sqlite:////srv/a.db is /srv/a.db
            raise OpenError("bad_path", target, scheme)
        return path
    if scheme.split("+", 1)[0] in URL_SCHEMES:
        return None
    raise OpenError("unsupported", target, scheme)


def file_path(target: str) -> Path | None:
    """The database file a target names (None for a server or in-memory)."""
    file = sqlite_file(target)
    if file is None or file == ":memory:":
        return None
    return Path(file).expanduser()


def _errorname(exc: BaseException) -> str:
    seen: BaseException | None = exc
    for _hop in range(6):
        if seen is None:
            break
        name = getattr(seen, "sqlite_errorname", "")
        if name:
            return str(name)
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return ""


def _place(path: Path) -> str:
    """'readonly' or 'full' when the file's folder is on a read-only or full file system, else ''."""
    folder = path.parent if path.parent.exists() else Path(os.path.abspath(path)).parent
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):
        return ""
    if stats.f_flag & os.ST_RDONLY or not os.access(folder, os.W_OK):
        return "readonly"
    if stats.f_bavail * stats.f_frsize < 512 * 1024:
        return "full"
    return ""


def classify(exc: BaseException, path: Path | None) -> str:
    """Why SQLite could not open or prepare a file: damage (not_sqlite, corrupt) or a place that is fine
    but cannot be written (readonly, full, locked, cannot_open); 'unreadable' when it does not say."""
    name, text = _errorname(exc), str(exc).lower()
    if name == "SQLITE_NOTADB" or "file is not a database" in text:
        return "not_sqlite"
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return "corrupt"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "readonly"
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "full"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "locked"
    place = _place(path) if path is not None else ""
    if place:
        return place
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")) or "unable to open" in text:
        return "cannot_open"
    return "unreadable"


def _precheck_sqlite_file(path: Path) -> None:
    """Look at an existing file read-only before anything writes to it (a pragma would)."""
    try:
        if path.is_dir():
            raise OpenError("is_dir", str(path))
        if not path.exists() or path.stat().st_size == 0:
            return
    except OSError as exc:
        raise OpenError("cannot_open", str(path), exc.strerror or str(exc)) from exc
    try:
        con = sqlite3.connect(Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)
        con.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables:
                return
            if "meta" not in tables:
                raise OpenError("not_kasir", str(path))
            rows = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise OpenError(classify(exc, path), str(path), str(exc)) from exc
    if rows.get("app") != APP_MARK:
        raise OpenError("not_kasir", str(path))
    try:
        version = int(rows.get("schema_version", "0"))
    except ValueError as exc:
        raise OpenError("corrupt", str(path), "schema_version") from exc
    if version > migrations.SCHEMA_VERSION:
        raise OpenError("newer", str(path), version=version)


class ShopSqlite(peewee.SqliteDatabase):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    """SQLite that notes the tables each statement writes (db.writes), as TillPostgres does."""

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        writes.note(sql)
        return super().execute_sql(sql, params)


def make_database(target: str) -> peewee.Database:
    file = sqlite_file(target)
    if file is None:
        try:
            extra: dict[str, object] = {} if "options=" in target else {"options": POSTGRES_OPTIONS}
            extra.update({k: v for k, v in POSTGRES_KEEPALIVE.items() if k + "=" not in target})
            register_database(TillPostgres, "postgres", "postgresql")  # a till's PostgreSQL (db/pipeline.py)
            return connect_url(target, **extra)
        except (ImportError, RuntimeError) as exc:  # missing psycopg2 and friends
            raise OpenError("driver", target, str(exc)) from exc
        except (ValueError, TypeError) as exc:  # a URL peewee cannot read (a bad port, …)
            raise OpenError("bad_path", target, str(exc)) from exc
    if file != ":memory:":
        path = Path(file).expanduser()
        _precheck_sqlite_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OpenError(_place(path) or "cannot_open", str(path), exc.strerror or str(exc)) from exc
        file = str(path)
    return ShopSqlite(file, pragmas=SQLITE_PRAGMAS, check_same_thread=False)


def open_database(target: str) -> peewee.Database:
    """Open (creating or upgrading as needed) and bind the models to it. Returns the database."""
    db = make_database(target)
    cluster_day_books(db)
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        _prepare_schema(db)
    except (peewee.DatabaseError, sqlite3.Error) as exc:
        if not db.is_closed():
            db.close()
        path = Path(str(db.database)) if isinstance(db, peewee.SqliteDatabase) else None
        reason = classify(exc, path) if path is not None and str(path) != ":memory:" else "unreadable"
        raise OpenError(reason, target, str(exc)) from exc
    except peewee.ImproperlyConfigured as exc:  # a driver peewee knows but is not installed
        raise OpenError("driver", target, str(exc)) from exc
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
        migrations.keep_before_upgrade(db, version)  # a copy of the file as it was, then one transaction
        migrator = SchemaMigrator.from_database(db)
        with db.atomic():
            for number, step in steps:
                step(migrator)
                Meta.update(value=str(number)).where(Meta.key == "schema_version").execute()
    if not config_version.installed(db):
        with db.atomic():
            config_version.ensure(db)


def close_database() -> None:
    reader.close()
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()


def quick_check() -> str:
    """SQLite's own consistency check of the open database file: '' when sound (and for PostgreSQL), else
    what it found (its first five findings), or the error of a file too damaged to check."""
    if not isinstance(database.obj, peewee.SqliteDatabase):
        return ""
    try:
        rows = [r[0] for r in database.execute_sql("PRAGMA quick_check").fetchall()]
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:  # sqlite3's own: raised while fetching
        return str(exc)
    return "" if rows == ["ok"] else "; ".join(rows[:5])


def default_target(data_dir: str) -> str:
    return os.environ.get("KASIR_DB") or str(Path(data_dir) / "kasir.db")
