"""Backups with SQLite's online backup API (never a file copy of a live database), kept as the last 7
daily and 12 monthly copies in a folder of the owner's choice (a USB drive, a synced folder), named after
the database's file (`warung.db` -> `warung-2026-12-02.db`, `warung-2026-12.db`), so two shops' backups
in one folder never meet; a name another database's file already has gets this database's short id.

Every backup Kasir writes carries a mark inside it (`meta.backup_of` = the id of the database it copies),
and pruning removes only files with this database's mark: never the live database (even when it lives in
the backup folder under a backup's name), never its -wal/-shm, never another shop's backups or a file the
owner put there. A file of a backup's name that is not this database's backup is not overwritten either.

Restoring checks the backup first, keeps the current database aside, says what the current database has
that the backup has not (`dropped`), and never overwrites silently.

Who may: a backup into a folder someone names is the whole shop out of Kasir, so it needs the 'exports'
permission (the automatic backup at start and close writes only into the folder the owner set in
Pengaturan, and needs no one); restoring over a sound database is the owner's. A file no one can log in to
(damaged, not a Kasir database, missing) may be restored from a backup without a user: the app offers its
newest backup at start.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee

from db import backup_file
from db.database import APP_MARK, DB_ID_KEY, close_database
from db.models import Meta, User, database
from pos.core import clock, places, settings, staff
from pos.core.errors import OwnerOnly, PermissionDenied, PosError
from pos.core.i18n import N_, _

KEEP_DAILY, KEEP_MONTHLY = 7, 12
MARK_KEY, MARK_AT_KEY = "backup_of", "backup_at"  # meta rows only a backup Kasir wrote has


class BackupError(PosError):
    template = N_("Cadangan gagal: {why}")


@dataclass(frozen=True)
class Dropped:
    """What the current database has that a backup has not: restoring the backup takes it out of use."""

    backup_at: str  # when the backup was written ('' when it does not say)
    sales: int  # sales and refunds made after the backup
    first: str  # their first and last numbers
    last: str
    entries: int  # journal entries after the backup
    diverged: bool  # the two journals differ before the backup's end: not an older copy of this database
    unreadable: bool = False  # the current file cannot be read (why one restores): kept beside as it is

    @property
    def nothing(self) -> bool:
        return not (self.sales or self.entries or self.diverged)

    def text(self) -> str:
        if self.unreadable:
            return _("database sekarang tidak terbaca; filenya disimpan apa adanya di sampingnya")
        if self.diverged:
            return _(
                "cadangan ini bukan salinan lama database sekarang (riwayat jurnalnya berbeda); "
                "semua yang tercatat di database sekarang tidak dipakai lagi"
            )
        if self.nothing:
            return _("tidak ada yang hilang: database sekarang tidak punya data yang lebih baru")
        sales = (
            _("{n} nota ({first} s.d. {last})").format(n=self.sales, first=self.first, last=self.last)
            if self.sales
            else _("tidak ada nota")
        )
        return _(
            "yang dicatat setelah cadangan ini tidak dipakai lagi: {sales}, {entries} entri jurnal"
        ).format(sales=sales, entries=self.entries)


def default_folder() -> Path:
    return places.data_dir() / "cadangan"


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


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _is_live(path: Path, live: Path | None) -> bool:
    """`path` is the live database or one of its -wal/-shm/-journal files."""
    if live is None:
        return False
    return any(_same(path, Path(str(live) + suffix)) for suffix in ("", "-wal", "-shm", "-journal"))


def _copy(source: str, target: Path, mark: str = "") -> None:
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    rows = {MARK_KEY: mark, MARK_AT_KEY: clock.now().isoformat(timespec="seconds")} if mark else None
    backup_file.copy(source, tmp, rows)  # online backup API: a consistent copy while the shop keeps selling
    os.replace(tmp, target)


# --- names: a backup is named after its database's file, anchored on that exact stem ----------------------
_DAY, _MONTH = r"\d{4}-\d{2}-\d{2}", r"\d{4}-\d{2}"


def stem_of(path: str | Path) -> str:
    """What backups of the database file `path` are named after: its stem with letters, digits, '-' and
    '_' kept (any other run of characters becomes one '-'); 'kasir' when nothing is left.
    `/data/warung.db` -> 'warung', `Toko Bu Ani.db` -> 'Toko-Bu-Ani'."""
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(path).stem).strip("-")[:60].strip("-")
    return clean or "kasir"


def short_id(ident: str) -> str:
    """8 hex characters of a database's id: added to a backup's name when another database's file
    already has the plain name (two shops' `kasir.db` backed up into one folder)."""
    return hashlib.sha256(ident.encode()).hexdigest()[:8]


def _pattern(stem: str, when: str, ident: str | None) -> re.Pattern[str]:
    """`stem-DATE.db` or `stem-DATE-<short id>.db`, anchored on the exact stem: the date part has a fixed
    shape, so no other stem's daily or monthly backups (`warung-2026-…` against `warung-…`) ever match."""
    tag = short_id(ident) if ident else "[0-9a-f]{8}"
    return re.compile(rf"^{re.escape(stem)}-({when})(?:-{tag})?\.db$")


def _names_of(live: Path | None) -> str:
    if live is not None:
        return stem_of(live)
    return stem_of(places.default_database())


def _foreign(target: Path, ident: str) -> bool:
    """`target` exists and is not this database's backup (nor one written before backups carried a mark)."""
    if not target.exists():
        return False
    rows = backup_file.meta(target)
    legacy = rows.get("app") == APP_MARK and MARK_KEY not in rows and DB_ID_KEY not in rows
    return not (rows.get(MARK_KEY) == ident or (legacy and not Path(str(target) + "-wal").exists()))


def _refuse_live(target: Path, live: Path) -> None:
    if _is_live(target, live):
        raise BackupError(
            why=_(
                "database yang sedang dipakai bernama {name} di folder cadangan; cadangan tidak ditulis agar "
                "database itu tidak tertimpa. Pilih folder cadangan lain."
            ).format(name=target.name)
        )


def _may_write(target: Path, live: Path, ident: str) -> None:
    """Refuse to write a backup over the live database or over a file that is not this database's backup."""
    _refuse_live(target, live)
    if _foreign(target, ident):
        raise BackupError(
            why=_(
                "{name} di folder cadangan bukan cadangan database ini; file itu tidak ditimpa. "
                "Pindahkan file itu atau pilih folder cadangan lain."
            ).format(name=target.name)
        )


def _place(plain: Path, live: Path, ident: str) -> Path:
    """Where a backup of the plain name goes: that name, or — when another database's file (or the owner's
    own) has it — the same name with this database's short id, so the shop's backup is still written."""
    _refuse_live(plain, live)
    if not _foreign(plain, ident):
        return plain
    other = plain.with_name(f"{plain.stem}-{short_id(ident)}{plain.suffix}")
    _may_write(other, live, ident)
    return other


_TAGGED = re.compile(rf"^(.+-(?:{_DAY}|{_MONTH}))-[0-9a-f]{{8}}\.db$")


def written(path: Path) -> str:
    """What to tell the owner about a backup just written: where, and why the name carries an id."""
    text = _("Cadangan ditulis: {path}").format(path=path)
    tagged = _TAGGED.match(Path(path).name)
    if tagged is None:
        return text
    return (
        text
        + " "
        + _("({plain} di folder itu milik database lain, jadi cadangan ini diberi kode database ini)").format(
            plain=tagged.group(1) + ".db"
        )
    )


def backup(to: str | Path | None = None, user: User | None = None) -> Path:
    """Write today's backup (and this month's) into `to` (default: the folder from settings), named after
    the database's file: `warung.db` -> `warung-2026-12-02.db` and `warung-2026-12.db`. Returns the day's.
    `user` needs the 'exports' permission; without a user (the automatic backup) only into the folder
    from settings."""
    target_dir = Path(to).expanduser() if to else folder()
    live = Path(_live_path())
    if user is not None:
        staff.require(user, "exports")
    elif to and not _same_dir(target_dir, folder()):
        raise PermissionDenied(name=_("Tanpa pengguna"), action=_("mencadangkan ke folder lain"))
    stem = stem_of(live)
    try:
        ident = places.database_id()
        target_dir.mkdir(parents=True, exist_ok=True)
        now = clock.now()
        daily = _place(target_dir / f"{stem}-{now:%Y-%m-%d}.db", live, ident)
        monthly = _place(target_dir / f"{stem}-{now:%Y-%m}.db", live, ident)
        from pos.audit import anchor

        differs: list[str] = []  # the live journal against the backups already there, before one is replaced
        anchor.check(differs, target_dir)
        _copy(str(live), daily, mark=ident)
        anchor.stamp(daily, differs)  # the journal's head (and what differed) kept in the backup's meta
        part = monthly.with_name(monthly.name + ".part")
        shutil.copyfile(daily, part)
        os.replace(part, monthly)
        prune(target_dir, ident, live)
    except (OSError, sqlite3.Error, ValueError) as exc:
        raise BackupError(why=getattr(exc, "strerror", None) or str(exc)) from exc
    return daily


def _same_dir(a: Path, b: Path) -> bool:
    return a.absolute() == b.absolute() or _same(a, b)


def _found(target_dir: Path, when: str, ident: str | None, live: Path | None) -> list[tuple[str, Path]]:
    """(date, file) of the backups of this database's name that Kasir wrote (of database `ident`, when
    given), oldest first; never the live database or its side files, never a file of another name."""
    pattern = _pattern(_names_of(live), when, ident)
    found = []
    for path in target_dir.iterdir():
        matched = pattern.match(path.name)
        if matched is None or not path.is_file() or _is_live(path, live):
            continue
        mark = backup_file.meta(path).get(MARK_KEY)
        if mark and (ident is None or mark == ident):
            found.append((matched.group(1), path))
    return sorted(found, key=lambda pair: (pair[0], pair[1].name))


def named(target_dir: Path) -> list[Path]:
    """The files in `target_dir` named like the open database's backups (daily or monthly, with or without
    its id), whoever wrote them: the caller checks their mark."""
    ident, live = _open_identity()
    if live is None or not target_dir.is_dir():
        return []
    patterns = [_pattern(stem_of(live), when, ident) for when in (_DAY, _MONTH)]
    return sorted(p for p in target_dir.iterdir() if any(x.match(p.name) for x in patterns))


def prune(target_dir: Path, ident: str | None = None, live: Path | None = None) -> list[Path]:
    """Keep the newest 7 daily and 12 monthly backups of this database; returns what was removed. Only
    files of this database's own name carrying its backup mark are ever removed."""
    ident = ident or places.database_id()
    live = live if live is not None else Path(_live_path())
    removed = []
    for when, keep in ((_DAY, KEEP_DAILY), (_MONTH, KEEP_MONTHLY)):
        found = [path for _when, path in _found(target_dir, when, ident, live)]
        for old in found[:-keep] if len(found) > keep else []:
            old.unlink()
            removed.append(old)
    return removed


def _identity_of(path: Path) -> tuple[str | None, Path]:
    """A database file that is not open (it may have failed to open): its id when it can still say it."""
    return (backup_file.meta(path).get(DB_ID_KEY) if path.is_file() else None), path


def _open_identity() -> tuple[str | None, Path | None]:
    """The id and file of the SQLite database open (or last opened); (None, None) for no file database."""
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or db.database == ":memory:":
        return None, None
    live = Path(str(db.database))
    if db.is_closed():
        return _identity_of(live)
    row = Meta.get_or_none(Meta.key == DB_ID_KEY)
    return (str(row.value) if row is not None else None), live


def _latest(target_dir: Path | None, of: str | Path | None) -> tuple[str, Path] | None:
    target_dir = target_dir or folder()
    live: Path | None
    if of is not None:
        if "://" in str(of):
            return None  # a server database: Kasir writes no backups of it
        ident, live = _identity_of(Path(of).expanduser())
    else:
        db = database.obj
        ident, live = _open_identity()
        if live is None and db is not None and not db.is_closed():
            return None  # PostgreSQL (or in memory): Kasir writes no backups of it
    if not target_dir.is_dir():
        return None
    found = _found(target_dir, _DAY, ident, live)
    return found[-1] if found else None


def latest(target_dir: Path | None = None, of: str | Path | None = None) -> Path | None:
    """The newest daily backup Kasir wrote in the folder of this database: the file `of` (one that
    failed to open), else the open database (with none yet, the default file's name)."""
    found = _latest(target_dir, of)
    return found[1] if found else None


def due(target_dir: Path | None = None) -> bool:
    """True when there is no backup of the open database from today yet."""
    found = _latest(target_dir, None)
    return found is None or found[0] != f"{clock.now():%Y-%m-%d}"


def check(path: str | Path) -> str:
    """A backup is usable when SQLite finds it sound and it is a Kasir database. Returns the reason if not."""
    path = Path(path)
    if not path.is_file():
        return _("file tidak ditemukan") if not path.exists() else _("ini folder, bukan file")
    try:
        with backup_file.opened(path, lenient_text=True) as con:
            if not backup_file.sound(con):
                return _("rusak")
            rows = backup_file.meta_of(con)
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            return _("bukan database Kasir")
        return _("bukan database SQLite yang utuh ({why})").format(why=exc)
    except (sqlite3.Error, OSError, ValueError) as exc:
        return str(exc)
    return "" if rows.get("app") == APP_MARK else _("bukan database Kasir")


def dropped(source: str | Path, target: str | Path) -> Dropped:
    """What the database file `target` has that the backup `source` has not (both read, never written)."""
    backup_at = backup_file.meta(Path(source)).get(MARK_AT_KEY, "")
    if not Path(target).is_file() or Path(target).stat().st_size == 0:
        return Dropped(backup_at, 0, "", "", 0, False)
    try:
        with backup_file.opened(Path(source)) as src, backup_file.opened(Path(target)) as dst:
            seq, head = backup_file.tip(src) or (0, "")
            at_seq = backup_file.hash_at(dst, seq)
            diverged = bool(seq) and (at_seq is None or at_seq != head)
            entries = backup_file.entries_after(dst, seq)
            after = backup_file.sales_after(dst, backup_file.last_sale_id(src))
    except sqlite3.Error:  # the current file cannot be read (that is why one restores)
        return Dropped(backup_at, 0, "", "", 0, False, unreadable=True)
    return Dropped(backup_at, after.sales, after.first or "", after.last or "", entries, diverged)


def _owner_replaces(target: Path, user: User | None) -> None:
    """Replacing the sound database `target` is the owner's: `user`, checked in `target` while it is open
    (closed here afterwards, before its file is replaced)."""
    if user is None:
        raise OwnerOnly(name=_("Tanpa pengguna"), action=_("memulihkan cadangan"))
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or db.is_closed() or not _same(Path(db.database), target):
        raise BackupError(
            why=_("buka dulu database {name} dan masuk sebagai pemilik untuk memulihkannya").format(
                name=target.name
            )
        )
    staff.require_owner(user, _("memulihkan cadangan"))
    close_database()


def restore(source: str | Path, target: str | Path, user: User | None = None) -> Path:
    """Put the backup `source` in place of the database file `target`. A sound Kasir database is replaced
    only by its owner: `user`, checked with `target` open (restore closes it). A file no one can log in to
    (damaged, foreign, missing; closed) needs no user. The current file is kept beside it as
    *.before-restore-<time>. Returns that kept file."""
    source, target = Path(source), Path(target)
    why = check(source)
    if why:
        raise BackupError(why=f"{source}: {why}")
    if _is_live(source, target):
        raise BackupError(
            why=_("{source} adalah database yang mau dipulihkan itu sendiri").format(source=source)
        )
    if target.is_file() and not check(target):
        _owner_replaces(target, user)
    kept = target.with_name(f"{target.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
    try:
        if target.exists():
            try:
                _copy(str(target), kept)
            except sqlite3.DatabaseError:  # too damaged for SQLite to copy: keep its bytes
                shutil.copyfile(target, kept)
                for suffix in ("-wal", "-shm"):
                    side = Path(str(target) + suffix)
                    if side.exists():
                        shutil.copyfile(side, Path(str(kept) + suffix))
        for suffix in ("-wal", "-shm", "-journal"):
            side = Path(str(target) + suffix)
            if side.exists():
                side.unlink()
        _copy(str(source), target)
        # the restored file is a live database again, no backup: it loses the backup's mark
        backup_file.delete_meta(target, [MARK_KEY, MARK_AT_KEY])
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(why=getattr(exc, "strerror", None) or str(exc)) from exc
    return kept
