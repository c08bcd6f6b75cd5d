"""Backups with SQLite's online backup API (never a file copy of a live database), kept as the last 7
daily and 12 monthly copies in a folder of the owner's choice (a USB drive, a synced folder).

Restoring checks the backup first, keeps the current database aside, and never overwrites silently.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import peewee

from db.database import APP_MARK
from db.models import database
from pos import clock, settings
from pos.errors import PosError
from pos.i18n import N_

KEEP_DAILY, KEEP_MONTHLY = 7, 12
_DAILY = re.compile(r"^kasir-(\d{4}-\d{2}-\d{2})\.db$")
_MONTHLY = re.compile(r"^kasir-(\d{4}-\d{2})\.db$")


class BackupError(PosError):
    template = N_("Cadangan gagal: {why}")


def default_folder() -> Path:
    from pos.shop import data_dir

    return data_dir() / "cadangan"


def folder() -> Path:
    """The backup folder from settings; the default one while no database is open (it may be broken)."""
    if database.obj is None or database.obj.is_closed():
        return default_folder()
    chosen = str(settings.get("backup_dir") or "")
    return Path(chosen).expanduser() if chosen else default_folder()


def _live_path() -> str:
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or db.database == ":memory:":
        raise BackupError(why=N_("hanya database SQLite berupa file yang bisa dicadangkan di sini"))
    return str(db.database)


def _copy(source: str, target: Path) -> None:
    tmp = target.with_suffix(".tmp")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(tmp)
    try:
        with dst:
            src.backup(dst)  # online backup API: a consistent copy while the shop keeps selling
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    os.replace(tmp, target)


def backup(to: str | Path | None = None) -> Path:
    """Write today's backup (and this month's) into `to` (default: the folder from settings)."""
    target_dir = Path(to).expanduser() if to else folder()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        now = clock.now()
        daily = target_dir / f"kasir-{now:%Y-%m-%d}.db"
        _copy(_live_path(), daily)
        shutil.copyfile(daily, target_dir / f"kasir-{now:%Y-%m}.db")
        prune(target_dir)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(why=str(exc)) from exc
    return daily


def prune(target_dir: Path) -> list[Path]:
    """Keep the newest 7 daily and 12 monthly backups; returns what was removed."""
    removed = []
    for pattern, keep in ((_DAILY, KEEP_DAILY), (_MONTHLY, KEEP_MONTHLY)):
        found = sorted((p for p in target_dir.iterdir() if pattern.match(p.name)), key=lambda p: p.name)
        for old in found[:-keep] if len(found) > keep else []:
            old.unlink()
            removed.append(old)
    return removed


def latest(target_dir: Path | None = None) -> Path | None:
    target_dir = target_dir or folder()
    if not target_dir.is_dir():
        return None
    found = sorted((p for p in target_dir.iterdir() if _DAILY.match(p.name)), key=lambda p: p.name)
    return found[-1] if found else None


def due(target_dir: Path | None = None) -> bool:
    """True when there is no backup from today yet."""
    last = latest(target_dir)
    return last is None or last.name != f"kasir-{clock.now():%Y-%m-%d}.db"


def check(path: str | Path) -> str:
    """A backup is usable when SQLite finds it sound and it is a Kasir database. Returns the reason if not."""
    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "rusak"
            rows = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    return "" if rows.get("app") == APP_MARK else "bukan database Kasir"


def restore(source: str | Path, target: str | Path) -> Path:
    """Put the backup `source` in place of the database file `target` (closed). The current file is kept
    beside it as *.before-restore-<time>. Returns that kept file."""
    source, target = Path(source), Path(target)
    why = check(source)
    if why:
        raise BackupError(why=f"{source}: {why}")
    kept = target.with_name(f"{target.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        if target.exists():
            _copy(str(target), kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(target) + suffix)
            if side.exists():
                side.unlink()
        _copy(str(source), target)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(why=str(exc)) from exc
    return kept
