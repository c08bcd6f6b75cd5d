"""Anchors outside the file: the journal's head (seq + hash) and a short check code, kept where someone
who edits the database file cannot reach them all.

The journal is a SHA-256 chain inside the database: whoever can edit the file can also rewrite an entry and
recompute every hash after it, or cut the tail off. The chain then checks out — against itself. An anchor is
the head as it was at a moment: printed on every Z slip and closing, offered to the owner by WhatsApp at
closing, and written into every backup (meta row `anchor`; the backup also holds the journal as it was).
`check` compares the live chain with every backup of this database in the backup folder and names the
first entry that differs (rewritten) or the entries that are gone (cut off); `confirm` checks a printed code.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from db import backup_file, journal_rows
from db.database import DB_ID_KEY
from db.models import Closing, Meta, database
from pos.audit import backup
from pos.books import closing
from pos.core import clock, journal, settings, whatsapp
from pos.core.i18n import _
from pos.core.money import format_rupiah

META_KEY = "anchor"  # the meta row of a backup with its anchor (JSON)
MARK_KEY = "backup_of"  # the meta row pos.audit.backup writes: the id of the database a backup copies


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str

    @property
    def code(self) -> str:
        return check_code(self.hash)

    def text(self) -> str:
        return _("Jurnal #{seq} · kode cek {code}").format(seq=self.seq, code=self.code)


def check_code(digest: str) -> str:
    """8 characters of the hash, grouped for reading aloud or typing back: 'A1B2-C3D4'."""
    head = str(digest)[:8].upper()
    return f"{head[:4]}-{head[4:]}"


def head() -> Anchor:
    seq, digest = journal.head()
    return Anchor(seq, digest)


def _live_hash(seq: int) -> str | None:
    return journal_rows.hash_at(seq)


def confirm(seq: int, code: str) -> str:
    """A code printed on a slip (or sent by WhatsApp) against the live journal: '' when it matches, else
    what is wrong."""
    digest = _live_hash(seq)
    if digest is None:
        return _("jurnal #{seq} tidak ada lagi: jurnal terpotong").format(seq=seq)
    clean = "".join(c for c in str(code).upper() if c.isalnum())
    if check_code(digest).replace("-", "") != clean:
        return _("kode cek jurnal #{seq} tidak cocok: {code}, sekarang {now}: jurnal ditulis ulang").format(
            seq=seq, code=code, now=check_code(digest)
        )
    return ""


# --- closings and Z slips -------------------------------------------------------------------------------


def of_closing(row: Closing) -> Anchor | None:
    found = closing.entry_of(row)
    return Anchor(*found) if found else None


def message(row: Closing, found: Anchor) -> str:
    """The WhatsApp text for the owner at closing: the figures and the anchor to keep."""
    kind = _("harian") if row.kind == "daily" else _("bulanan")
    period = (
        row.period_start.strftime("%d-%m-%Y")
        if row.period_start == row.period_end
        else f"{row.period_start:%d-%m-%Y} – {row.period_end:%d-%m-%Y}"
    )
    totals = row.totals if isinstance(row.totals, dict) else {}
    return _(
        "{shop}: tutup buku {kind} #{n} ({period}). Dibayar {total} ({count} nota), total berjalan {grand}. "
        "Jurnal #{seq}, kode cek {code}. Simpan pesan ini: dengan kode ini Kasir bisa membuktikan "
        "bahwa buku sampai hari ini tidak diubah. Hash lengkap: {hash}"
    ).format(
        shop=settings.get("shop_name") or "Kasir",
        kind=kind,
        n=row.number,
        period=period,
        total=format_rupiah(int(totals.get("total", 0))),
        count=totals.get("sales_count", 0),
        grand=format_rupiah(int(row.grand_total)),
        seq=found.seq,
        code=found.code,
        hash=found.hash,
    )


def whatsapp_link(row: Closing) -> str:
    """wa.me link to the shop's WhatsApp number (the owner's) with the closing's anchor message."""
    found = of_closing(row) or head()
    number = str(settings.get("shop_phone") or "")
    return whatsapp.link(number or None, message(row, found))


# --- backups -----------------------------------------------------------------------------------------------


def stamp(path: Path, differs: list[str] | None = None) -> Anchor:
    """Write the anchor into the backup `path` (just written): its own journal's head, when, and what
    `check` found before it was written (kept as evidence even after older backups are pruned)."""
    with backup_file.opened(path, write=True) as con:
        tip = backup_file.tip(con)
        found = Anchor(tip.seq, tip.hash) if tip else Anchor(0, journal.GENESIS)
        data = {
            "seq": found.seq,
            "hash": found.hash,
            "code": found.code,
            "at": clock.now().isoformat(timespec="seconds"),
            "differs": list(differs or []),
        }
        backup_file.set_meta(con, {META_KEY: json.dumps(data)})
    return found


def problems_of(path: Path) -> list[str]:
    """What `check` found when this backup was written (its anchor's 'differs')."""
    try:
        data = json.loads(backup_file.meta(path).get(META_KEY, "{}"))
    except ValueError:
        return []
    return list(data.get("differs", [])) if isinstance(data, dict) else []


def _live() -> tuple[str | None, Path | None]:
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase) or db.database == ":memory:":
        row = Meta.get_or_none(Meta.key == DB_ID_KEY)
        return (str(row.value) if row else None), None
    row = Meta.get_or_none(Meta.key == DB_ID_KEY)
    return (str(row.value) if row else None), Path(str(db.database))


def backups(folder: Path | None = None) -> list[Path]:
    """This database's backups in the backup folder (carrying its mark), the one with the longest journal
    first (a day's backup before the month's copy of it)."""
    folder = Path(folder) if folder else backup.folder()
    ident, live = _live()
    if ident is None or not folder.is_dir():
        return []
    found = []
    for path in backup.named(folder):  # this database's names only (pos.audit.backup names them)
        try:
            if live is not None and live.exists() and os.path.samefile(path, live):
                continue
            with backup_file.opened(path) as con:
                mark = backup_file.meta_of(con).get(MARK_KEY)
                tip = backup_file.tip(con) if mark == ident else None
        except (sqlite3.Error, OSError, ValueError):
            continue
        if mark == ident:
            found.append((tip.seq if tip else 0, len(path.name), path))
    return [path for _seq, _length, path in sorted(found, reverse=True)]  # newest; a day's before a month's


def _live_pairs() -> Iterator[tuple[int, str]]:
    yield from journal_rows.hashes()


def compare(path: Path) -> list[str]:
    """The live journal against one backup's: [] when the live chain still holds everything the backup
    holds, else the first entry that differs or the entries cut off. Quick when nothing differs: one
    look-up of the backup's head."""
    name = Path(path).name
    with backup_file.opened(path) as con:
        rows = backup_file.meta_of(con)
        tip = backup_file.tip(con)
        if tip is None:
            return []
        end = Anchor(tip.seq, tip.hash)
        out: list[str] = []
        kept = json.loads(rows.get(META_KEY, "null") or "null")
        if isinstance(kept, dict) and (kept.get("seq"), kept.get("hash")) != (end.seq, end.hash):
            out.append(
                _("cadangan {file} berubah setelah ditulis (jangkarnya tidak cocok)").format(file=name)
            )
        if _live_hash(end.seq) == end.hash:
            return out
        live = _live_pairs()
        current = next(live, None)
        for seq, digest in backup_file.hashes(con):
            while current is not None and current[0] < seq:
                current = next(live, None)
            if current is None:
                out.append(
                    _("jurnal terpotong: #{first} sampai #{last} hilang (ada di cadangan {file})").format(
                        first=seq, last=end.seq, file=name
                    )
                )
                return out
            if current[0] != seq:
                out.append(_("jurnal #{seq} hilang (ada di cadangan {file})").format(seq=seq, file=name))
                return out
            if current[1] != digest:
                out.append(
                    _(
                        "jurnal #{seq} berbeda dengan cadangan {file}: ditulis ulang setelah dicadangkan"
                    ).format(seq=seq, file=name)
                )
                return out
        return out


def check(problems: list[str], folder: Path | None = None) -> None:
    """For verify (and before each backup): the live journal against every backup of this database in
    the backup folder. A difference found through several backups is named once (the newest)."""
    seen: set[str] = set()
    for path in backups(folder):
        try:
            found = compare(path)
        except (sqlite3.Error, OSError, ValueError) as exc:
            found = [_("cadangan {file} tidak terbaca ({why})").format(file=path.name, why=exc)]
        for text in found:
            key = text.replace(path.name, "")
            if key not in seen:
                seen.add(key)
                problems.append(text)


def anchors(folder: Path | None = None) -> list[dict[str, Any]]:
    """Each backup's anchor as written (file, seq, code, at), newest first: for the owner to compare with
    the codes on the slips."""
    out = []
    for path in backups(folder):
        try:
            data = json.loads(backup_file.meta(path).get(META_KEY, "null") or "null")
        except ValueError:
            continue
        if isinstance(data, dict):
            out.append({"file": path.name, **{k: data.get(k) for k in ("seq", "code", "at")}})
    return out
