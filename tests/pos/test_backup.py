"""Backups with the online backup API, retention, checking and restoring without losing the current file."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from db import reader
from db.models import Sale
from pos import backup, clock, sale, shop
from pos.cart import Cart
from pos.errors import PosError
from pos.payment import Tender
from tests.pos.helpers import small_shop


def sell_one(items, who):
    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 1)
    return sale.complete(c, [Tender("cash", 5_000)], who)


def test_backup_while_selling_and_restore(owner, tmp_path, db):
    items = small_shop(owner)
    sell_one(items, owner)
    path = backup.backup(tmp_path / "usb")
    assert path.name == "kasir-2026-11-23.db" and (tmp_path / "usb" / "kasir-2026-11.db").exists()
    assert backup.check(path) == ""
    sell_one(items, owner)  # a sale after the backup
    shop.close_shop()
    kept = backup.restore(path, db)
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
            backup.backup(folder)
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
