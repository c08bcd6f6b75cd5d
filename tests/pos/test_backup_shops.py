"""Backups named after the shop's file: two shops backed up into one folder keep their own, pruning removes
only this database's own backups, and latest/due look at this database only."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pos import shop
from pos.audit import backup
from pos.core import clock, places, staff
from pos.core.cart import Cart
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop

# 14 month-starts (2026-01-01 … 2027-02-01), then the nine days up to 2027-02-10
DAYS = [datetime(2026 + (m // 12), m % 12 + 1, 1, 21, 0) for m in range(14)] + [
    datetime(2027, 2, 2, 21, 0) + timedelta(days=d) for d in range(9)
]


@pytest.fixture(autouse=True)
def fixed_clock():
    clock.set_fixed(datetime(2026, 1, 1, 9, 0))
    yield
    shop.close_shop()
    clock.set_fixed(None)


def make_shop(path: Path) -> str:
    """A shop with one sale in its own file; returns its database id. Left open."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shop.open_shop(str(path))
    owner = shop.first_run("Warung " + path.stem, "", "", "Bu Sri", "1357")
    items = small_shop(owner)
    cart = Cart()
    cart.add(items["teh"].id, "Es Teh", 5_000, 1)
    from pos.counter import sale

    sale.complete(cart, [Tender("cash", 5_000)], owner)
    return places.database_id()


def back_up_on(days: list[datetime], folder: Path) -> list[Path]:
    written = []
    for when in days:
        with clock.frozen(when):
            written.append(backup.backup(folder, staff.owner()))
    return written


def mark_of(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT key, value FROM meta")).get("backup_of", "")
    finally:
        con.close()


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def expected(stem: str) -> set[str]:
    daily = {f"{stem}-{d:%Y-%m-%d}.db" for d in DAYS[-7:]}
    monthly = {
        f"{stem}-{m.year}-{m.month:02d}.db"
        for m in (date(2026 + i // 12, i % 12 + 1, 1) for i in range(2, 14))
    }
    return daily | monthly


@pytest.mark.parametrize(
    "path, stem",
    [
        ("/data/warung.db", "warung"),
        ("kasir.db", "kasir"),
        ("/x/Toko Bu Ani.v2.db", "Toko-Bu-Ani-v2"),
        ("/x/warung-2026.db", "warung-2026"),
        ("/x/ñ.db", "kasir"),
        ("/x/--.db", "kasir"),
        ("/x/toko_1.sqlite", "toko_1"),
    ],
)
def test_a_backup_is_named_after_its_files_stem(path, stem):
    assert backup.stem_of(path) == stem


def test_backups_are_named_after_the_database_file(tmp_path):
    make_shop(tmp_path / "data" / "warung.db")
    with clock.frozen(datetime(2026, 12, 2, 21, 0)):
        path = backup.backup(tmp_path / "usb", staff.owner())
        assert not backup.due(tmp_path / "usb")
    assert path == tmp_path / "usb" / "warung-2026-12-02.db"
    assert names(tmp_path / "usb") == {"warung-2026-12-02.db", "warung-2026-12.db"}
    assert backup.written(path) == f"Cadangan ditulis: {path}"  # no id: nothing to explain


def test_two_shops_in_one_folder_keep_their_own_and_prune_only_their_own(tmp_path):
    """`warung.db` and `warung-2026.db` (a stem that looks like the other's date) back up into ONE folder
    on the same days; each keeps 7 daily and 12 monthly of its own, the other's are untouched."""
    folder = tmp_path / "usb"
    folder.mkdir()
    # files the owner (or another program) keeps there, named like warung's backups or close to them
    (folder / "warung-notes.db").write_bytes(b"catatan")
    (folder / "warung-2026-01-05.db").write_bytes(b"bukan database")  # warung's daily name, unreadable
    plain = sqlite3.connect(folder / "warung-2025-12.db")  # warung's monthly name, a non-Kasir SQLite file
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    warung = make_shop(tmp_path / "a" / "warung.db")
    first = back_up_on(DAYS[:1], folder)[0]
    stranger = folder / "warung-2026-01-02.db"  # warung's name and a Kasir backup, of another database
    shutil.copyfile(first, stranger)
    con = sqlite3.connect(stranger)
    with con:
        con.execute("UPDATE meta SET value = 'toko-lain' WHERE key = 'backup_of'")
    con.close()
    mine_renamed = folder / "warung-arsip.db"  # warung's own backup under a name of the owner's choice
    shutil.copyfile(first, mine_renamed)
    back_up_on(DAYS[1:], folder)
    shop.close_shop()
    other = make_shop(tmp_path / "b" / "warung-2026.db")
    back_up_on(DAYS, folder)
    assert backup.latest(folder) == folder / "warung-2026-2027-02-10.db"  # its own, not warung's
    shop.close_shop()

    keep = {
        "warung-notes.db",
        "warung-2026-01-05.db",
        "warung-2025-12.db",
        "warung-2026-01-02.db",
        "warung-arsip.db",
    }
    assert names(folder) == expected("warung") | expected("warung-2026") | keep
    for name in expected("warung"):
        assert mark_of(folder / name) == warung, name
    for name in expected("warung-2026"):
        assert mark_of(folder / name) == other, name
    assert (folder / "warung-notes.db").read_bytes() == b"catatan"
    assert mark_of(stranger) == "toko-lain" and mark_of(mine_renamed) == warung

    shop.open_shop(str(tmp_path / "a" / "warung.db"))  # warung again: its prune leaves the other's alone
    assert backup.prune(folder) == []
    assert backup.latest(folder) == folder / "warung-2027-02-10.db"
    with clock.frozen(datetime(2027, 2, 10, 23, 0)):
        assert not backup.due(folder)
    with clock.frozen(datetime(2027, 2, 11, 8, 0)):
        assert backup.due(folder)  # the other shop's backups of that day are not warung's
        back_up_on([datetime(2027, 2, 11, 8, 0)], folder)
    assert "warung-2027-02-04.db" not in names(folder) and "warung-2026-2027-02-04.db" in names(folder)


def test_two_kasir_db_files_in_one_folder_never_overwrite_each_other(tmp_path):
    """Two shops' files are both called kasir.db: the second to write a day's name writes it with its id."""
    folder = tmp_path / "usb"
    days = [datetime(2026, 11, d, 21, 0) for d in range(1, 10)]
    a = make_shop(tmp_path / "a" / "kasir.db")
    back_up_on(days, folder)
    shop.close_shop()
    b = make_shop(tmp_path / "b" / "kasir.db")
    b_written = back_up_on(days, folder)
    tag_b = backup.short_id(b)
    assert [p.name for p in b_written] == ["kasir-2026-11-01.db", "kasir-2026-11-02.db"] + [  # a pruned those
        f"kasir-2026-11-{d:02d}-{tag_b}.db" for d in range(3, 10)
    ]
    assert "milik database lain" in backup.written(b_written[-1])
    day10 = datetime(2026, 11, 10, 21, 0)
    assert back_up_on([day10], folder) == [folder / "kasir-2026-11-10.db"]  # b is first that day
    assert backup.latest(folder) == folder / "kasir-2026-11-10.db"
    shop.close_shop()
    shop.open_shop(str(tmp_path / "a" / "kasir.db"))
    with clock.frozen(day10):
        assert backup.due(folder)  # b's backup of the day is not a's
    tag_a = backup.short_id(a)
    assert back_up_on([day10], folder) == [folder / f"kasir-2026-11-10-{tag_a}.db"]
    assert backup.latest(folder) == folder / f"kasir-2026-11-10-{tag_a}.db"
    shop.close_shop()

    by_mark: dict[str, list[str]] = {}
    for path in folder.iterdir():
        by_mark.setdefault(mark_of(path), []).append(path.name)
    assert set(by_mark) == {a, b}  # nothing else in the folder, nothing unmarked
    assert sorted(by_mark[a]) == sorted(
        [f"kasir-2026-11-{d:02d}.db" for d in range(4, 10)]
        + [f"kasir-2026-11-10-{tag_a}.db", "kasir-2026-11.db"]
    )
    assert sorted(by_mark[b]) == sorted(
        [f"kasir-2026-11-{d:02d}-{tag_b}.db" for d in range(4, 10)]
        + ["kasir-2026-11-10.db", f"kasir-2026-11-{tag_b}.db"]
    )


def test_a_database_that_fails_to_open_is_offered_its_own_backup(tmp_path):
    """When a file is damaged the app offers `backup.latest(of=file)`: the newest backup of THAT file,
    not the newest of another shop backed up later into the same folder."""
    folder = tmp_path / "usb"
    make_shop(tmp_path / "warung.db")
    mine = back_up_on([datetime(2026, 11, 20, 21, 0)], folder)[0]
    shop.close_shop()
    make_shop(tmp_path / "toko.db")
    back_up_on([datetime(2026, 11, 22, 21, 0)], folder)
    shop.close_shop()
    (tmp_path / "warung.db").write_bytes(b"rusak" * 5000)
    with pytest.raises(shop.ShopOpenError):
        shop.open_shop(str(tmp_path / "warung.db"))
    assert backup.latest(folder, of=tmp_path / "warung.db") == mine == folder / "warung-2026-11-20.db"
    assert backup.latest(folder, of=tmp_path / "toko.db") == folder / "toko-2026-11-22.db"
    assert backup.latest(folder, of="postgresql://kasir@localhost/kasir") is None


def test_a_database_that_is_no_file_has_no_backups_to_offer(tmp_path):
    folder = tmp_path / "usb"
    make_shop(tmp_path / "kasir.db")
    back_up_on([datetime(2026, 11, 20, 21, 0)], folder)
    shop.close_shop()
    shop.open_shop(":memory:")  # like a PostgreSQL server: no file to copy, none of the folder's is its
    with pytest.raises(backup.BackupError, match="hanya database SQLite berupa file"):
        backup.backup(folder)
    assert backup.latest(folder) is None and backup.due(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["kasir-2026-11-20.db", "kasir-2026-11.db"]
