"""Backups with the online backup API, retention, checking and restoring without losing the current file."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db import reader
from db.models import Sale
from pos import shop
from pos.audit import backup
from pos.core import clock, places
from pos.core.cart import Cart
from pos.core.errors import PosError
from pos.counter import sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


def sell_one(items, who):
    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 1)
    return sale.complete(c, [Tender("cash", 5_000)], who)


def test_backup_while_selling_and_restore(owner, tmp_path, db):
    items = small_shop(owner)
    sell_one(items, owner)
    path = backup.backup(tmp_path / "usb", owner)
    assert path.name == "kasir-2026-11-23.db" and (tmp_path / "usb" / "kasir-2026-11.db").exists()
    assert backup.check(path) == ""
    sell_one(items, owner)  # a sale after the backup
    kept = backup.restore(path, db, owner)  # the owner, checked in the open shop, which restore closes
    assert not shop.is_open()
    assert kept.exists() and kept.name.startswith("kasir.db.before-restore-")
    shop.open_shop(db)
    assert Sale.select().count() == 1
    shop.close_shop()
    shop.open_shop(str(kept))  # nothing was lost: the replaced database is kept
    assert Sale.select().count() == 2
    shop.close_shop()
    shop.open_shop(db)


def test_keeps_seven_daily_and_twelve_monthly(owner, tmp_path):
    folder = tmp_path / "b"
    start = datetime(2026, 1, 1, 21, 0)
    for day in range(400):
        with clock.frozen(start + timedelta(days=day)):
            backup.backup(folder, owner)
    names = sorted(p.name for p in folder.iterdir())
    daily = [n for n in names if len(n) == len("kasir-2027-02-04.db")]
    monthly = [n for n in names if len(n) == len("kasir-2027-02.db")]
    assert len(daily) == 7 and daily[-1] == "kasir-2027-02-04.db"
    assert len(monthly) == 12 and monthly[-1] == "kasir-2027-02.db"


def test_a_bad_backup_is_refused_and_nothing_changes(owner, tmp_path, db):
    bad = tmp_path / "kasir-2026-11-20.db"
    bad.write_bytes(b"rusak" * 1000)
    assert backup.check(bad)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE meta (key, value)")
    con.commit()
    con.close()
    assert backup.check(other) == "bukan database Kasir"
    reader.wait()  # a checkpoint still running on the reading thread would change the file's bytes
    before = Path(db).read_bytes()
    with pytest.raises(PosError):
        backup.restore(bad, db)
    assert Path(db).read_bytes() == before


def test_quick_check_on_a_sound_database(db):
    assert shop.quick_check() == ""


def _count(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM sale").fetchone()[0]
    finally:
        con.close()


def test_pruning_never_touches_the_live_database_named_like_a_backup(tmp_path):
    """`--db DIR/kasir-2026-11-01.db backup --to DIR`: the live file is older than 7 daily backups. Its
    backups are named after its own stem (`kasir-2026-11-01-2026-11-23.db`), never like the file itself."""
    folder = tmp_path / "cadangan"
    folder.mkdir()
    live = folder / "kasir-2026-11-01.db"
    clock.set_fixed(datetime(2026, 11, 23, 10, 0))
    try:
        shop.open_shop(str(live))
        owner = shop.first_run("Warung Uji", "", "", "Bu Sri", "1357")
        items = small_shop(owner)
        sell_one(items, owner)
        for day in range(10, 24):  # 14 daily backups after the live file's "date"
            with clock.frozen(datetime(2026, 11, day, 21, 0)):
                backup.backup(folder, owner)
        assert live.exists() and Sale.select().count() == 1
        daily = sorted(p.name for p in folder.glob("kasir-????-??-??*.db"))
        assert daily == sorted(
            ["kasir-2026-11-01.db", "kasir-2026-11-01-2026-11.db"]  # the live file, its month's backup
            + [f"kasir-2026-11-01-2026-11-{d}.db" for d in range(17, 24)]
        )
        sell_one(items, owner)  # the live database still works
        assert Sale.select().count() == 2
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    assert _count(live) == 2


def _linked_shop(folder, name):
    """A shop whose live file `folder/kasir.db` also has the name `folder/<name>` (a hard link): the live
    database under one of its own backup names."""
    folder.mkdir()
    live = folder / "kasir.db"
    shop.open_shop(str(live))
    owner = shop.first_run("Warung Uji", "", "", "Bu Sri", "1357")
    items = small_shop(owner)
    sell_one(items, owner)
    os.link(live, folder / name)
    return live, items, owner


def test_pruning_never_touches_the_live_database_under_a_backups_name(tmp_path):
    folder = tmp_path / "cadangan"
    clock.set_fixed(datetime(2026, 11, 23, 10, 0))
    try:
        live, items, owner = _linked_shop(folder, "kasir-2026-11-01.db")
        for day in range(10, 24):  # 14 daily backups after the linked name's "date"
            with clock.frozen(datetime(2026, 11, day, 21, 0)):
                backup.backup(folder, owner)
        assert live.exists() and Sale.select().count() == 1
        daily = sorted(p.name for p in folder.glob("kasir-????-??-??.db"))
        assert daily == ["kasir-2026-11-01.db"] + [f"kasir-2026-11-{d}.db" for d in range(17, 24)]
        sell_one(items, owner)  # the live database still works
        assert Sale.select().count() == 2
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    assert _count(live) == 2 and _count(folder / "kasir-2026-11-01.db") == 2


def test_a_file_that_is_not_this_databases_backup_is_neither_pruned_nor_overwritten(owner, tmp_path):
    items = small_shop(owner)
    sell_one(items, owner)
    folder = tmp_path / "usb"
    folder.mkdir()
    mine = folder / "kasir-2026-01-01.db"  # the owner's own file under a backup's name
    mine.write_bytes(b"catatan pribadi")
    other = tmp_path / "other.db"  # another shop's backup in the same folder
    con = sqlite3.connect(other)
    con.executescript(
        "CREATE TABLE meta (key PRIMARY KEY, value); INSERT INTO meta VALUES ('app', 'kasir'), "
        "('db_id', 'lain'), ('backup_of', 'lain');"
    )
    con.commit()
    con.close()
    (folder / "kasir-2026-01-02.db").write_bytes(other.read_bytes())
    for day in range(1, 12):
        with clock.frozen(datetime(2026, 11, day, 21, 0)):
            backup.backup(folder, owner)
    assert mine.read_bytes() == b"catatan pribadi"
    assert (folder / "kasir-2026-01-02.db").read_bytes() == other.read_bytes()
    assert len(list(folder.glob("kasir-2026-11-??.db"))) == 7
    (folder / "kasir-2026-11-23.db").write_bytes(other.read_bytes())  # today's name is taken by a stranger
    tag = backup.short_id(places.database_id())
    path = backup.backup(folder, owner)  # the shop's backup is still written, under a name with its id
    assert path.name == f"kasir-2026-11-23-{tag}.db" and backup.check(path) == ""
    assert (folder / "kasir-2026-11.db").exists()  # this month's name was free
    assert "kasir-2026-11-23.db di folder itu milik database lain" in backup.written(path)
    assert backup.latest(folder) == path and not backup.due(folder)
    assert (folder / "kasir-2026-11-23.db").read_bytes() == other.read_bytes()
    path.unlink()
    path.write_bytes(other.read_bytes())  # and the name with the id too
    with pytest.raises(backup.BackupError, match="bukan cadangan database ini"):
        backup.backup(folder, owner)
    assert (folder / "kasir-2026-11-23.db").read_bytes() == other.read_bytes()
    assert path.read_bytes() == other.read_bytes()


def test_a_backup_never_writes_over_the_live_database(tmp_path):
    folder = tmp_path / "cadangan"
    clock.set_fixed(datetime(2026, 11, 23, 10, 0))
    try:
        live, _items, owner = _linked_shop(folder, "kasir-2026-11-23.db")  # today's backup name
        with pytest.raises(backup.BackupError, match="sedang dipakai"):
            backup.backup(folder, owner)
        assert backup.latest(folder) is None  # the live file is no backup to offer either
        assert Sale.select().count() == 1
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    assert _count(live) == 1


def test_a_live_file_named_like_a_backup_is_backed_up_under_its_own_stem(tmp_path):
    folder = tmp_path / "cadangan"
    live = folder / "kasir-2026-11-23.db"  # today's backup name of a `kasir.db`
    folder.mkdir()
    clock.set_fixed(datetime(2026, 11, 23, 10, 0))
    try:
        shop.open_shop(str(live))
        owner = shop.first_run("Warung Uji", "", "", "Bu Sri", "1357")
        sell_one(small_shop(owner), owner)
        path = backup.backup(folder, owner)
        assert path == folder / "kasir-2026-11-23-2026-11-23.db"
        assert (folder / "kasir-2026-11-23-2026-11.db").exists()
        assert backup.latest(folder) == path and Sale.select().count() == 1
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    assert _count(live) == 1


def test_restore_says_what_it_drops_and_the_restored_file_is_no_backup(owner, tmp_path, db):
    items = small_shop(owner)
    sell_one(items, owner)
    path = backup.backup(tmp_path / "usb", owner)
    assert backup.dropped(path, db).nothing
    sell_one(items, owner)
    sell_one(items, owner)
    shop.close_shop()
    lost = backup.dropped(path, db)
    assert (lost.sales, lost.first, lost.last, lost.diverged) == (2, "K1-000002", "K1-000003", False)
    assert lost.entries >= 2 and "2 nota (K1-000002 s.d. K1-000003)" in lost.text()
    assert lost.backup_at == "2026-11-23T10:30:00"
    with pytest.raises(backup.BackupError):
        backup.restore(db, db)  # the database onto itself
    shop.open_shop(db)  # a sound shop: its owner restores it, checked while it is open
    kept = backup.restore(path, db, owner)
    rows = dict(sqlite3.connect(db).execute("SELECT key, value FROM meta"))
    assert "backup_of" not in rows and rows["db_id"]  # the same shop, a live database again
    assert _count(kept) == 3 and _count(db) == 1
    shop.open_shop(db)


def test_a_backup_with_broken_text_is_refused_with_a_reason(tmp_path):
    bad = tmp_path / "kasir-2026-11-20.db"
    con = sqlite3.connect(bad)
    con.execute("CREATE TABLE meta (key, value)")
    con.execute("INSERT INTO meta VALUES ('app', CAST(x'ff00fe' AS TEXT))")
    con.commit()
    con.close()
    assert backup.check(bad) == "bukan database Kasir"
    assert backup.check(tmp_path) == "ini folder, bukan file"
    assert backup.check(tmp_path / "tidak-ada.db") == "file tidak ditemukan"
