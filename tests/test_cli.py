"""The command line: help, demo (deterministic, refuses a shop with data), clear messages for bad files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def totals(path: Path) -> tuple:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*), sum(total), sum(net), sum(commission) FROM sale").fetchone()
    finally:
        con.close()


def test_help_documents_every_command():
    out = run("--help").stdout
    for command in main.COMMANDS:
        assert command in out
    assert "demo" in run("demo", "--help").stdout and "--seed" in run("demo", "--help").stdout


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    first = run("--db", str(a), "demo", "--shop", "warung", "--days", "6", "--seed", "1")
    second = run("--db", str(b), "demo", "--shop", "warung", "--days", "6", "--seed", "1")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert "nota dalam 6 hari" in first.stdout
    assert totals(a) == totals(b) and totals(a)[0] > 300


def test_demo_into_a_shop_with_data_is_refused(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", str(db), "demo", "--days", "1").returncode == 0
    before = totals(db)
    again = run("--db", str(db), "demo", "--days", "1")
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert totals(db) == before
    assert run("--db", str(db), "demo", "--days", "1", "--force").returncode == 0
    assert totals(db)[0] > before[0]


@pytest.mark.parametrize("content", [b"not a database" * 200, b""])
def test_a_bad_file_gets_a_message_not_a_traceback(tmp_path, content):
    bad = tmp_path / "rusak.db"
    bad.write_bytes(content)
    result = run("--db", str(bad), "info")
    if content:
        assert result.returncode == 2
        assert str(bad) in result.stderr and "bukan database SQLite" in result.stderr
        assert "Traceback" not in result.stderr
    else:  # an empty file is no shop: 'info' makes none (setup does)
        assert result.returncode == 2 and "database belum ada" in result.stderr
        assert bad.read_bytes() == b""


def test_days_out_of_range(tmp_path):
    result = run("--db", str(tmp_path / "k.db"), "demo", "--days", "0")
    assert result.returncode == 2 and "--days" in result.stderr


def shop_with_sales(path: Path, sales: int = 1) -> None:
    from datetime import datetime

    from pos import shop
    from pos.core import clock
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from tests.pos.helpers import small_shop

    clock.set_fixed(datetime(2026, 11, 23, 10, 30))
    try:
        shop.open_shop(str(path))
        owner = shop.first_run("Warung Uji", "", "", "Bu Sri", "5821")
        items = small_shop(owner)
        for _n in range(sales):
            c = Cart()
            c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
            sale.complete(c, [Tender("cash", 5_000)], owner)
    finally:
        shop.close_shop()
        clock.set_fixed(None)


def test_a_mistyped_path_makes_no_empty_shop(tmp_path):
    for command in ("info", "verify", "stock"):
        result = run("--db", str(tmp_path / "kasir-salah.db"), command)
        assert result.returncode == 2 and "database belum ada di sini (salah ketik path?)" in result.stderr
        assert "OK" not in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_only_sqlite_files_and_postgresql_urls(tmp_path):
    mysql = run("--db", "mysql://root@localhost/kasir", "info")
    assert mysql.returncode == 2 and "jenis database mysql:// tidak didukung" in mysql.stderr
    assert "Traceback" not in mysql.stderr
    path = tmp_path / "toko.db"
    assert (
        run(
            "--db", f"sqlite:///{path}", "setup", "--shop", "Warung", "--owner", "Bu", "--pin", "5821"
        ).returncode
        == 0
    )
    assert path.exists()  # sqlite:/// + absolute path: the file itself, opened like a path
    from db.database import make_database

    db = make_database(f"sqlite:///{path}")
    db.connect()
    try:  # the file check ran and the pragmas are set: foreign keys on, WAL, full sync
        assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)
        assert db.execute_sql("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        db.close()


def test_argparse_speaks_indonesian(tmp_path):
    bad = run("demo", "--days", "banyak")
    assert bad.returncode == 2 and "kesalahan: argumen --days: 'banyak' bukan angka bulat" in bad.stderr
    assert "pemakaian:" in bad.stderr and "error" not in bad.stderr and "usage" not in bad.stderr
    missing = run("receipt")
    assert "argumen ini wajib diisi: NOMOR" in missing.stderr
    unknown = run("info", "--apa")
    assert "argumen tidak dikenal: --apa" in unknown.stderr
    assert "tampilkan bantuan ini lalu keluar" in run("--help").stdout


def test_vouchers_to_an_unwritable_file_issue_none(tmp_path):
    path = tmp_path / "k.db"
    shop_with_sales(path, 0)
    result = run("--db", str(path), "vouchers", "--batch", "3", "--value", "5000", "--pdf", str(tmp_path))
    assert result.returncode == 2 and "Tidak bisa menulis" in result.stderr and "itu folder" in result.stderr
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM voucher").fetchone() == (0,)
    con.close()


def test_restore_of_an_older_backup_says_what_it_drops_and_wants_force(tmp_path):
    path = tmp_path / "k.db"
    shop_with_sales(path, 1)
    backed_up = run("--db", str(path), "--owner-pin", "5821", "backup", "--to", str(tmp_path / "usb"))
    assert backed_up.returncode == 0, backed_up.stderr
    older = next((tmp_path / "usb").glob("k-????-??-??.db"))  # named after k.db
    shop_with_sales_more = run("--db", str(path), "info")
    assert shop_with_sales_more.returncode == 0
    from pos import shop
    from pos.core.cart import Cart
    from pos.counter.payment import Tender

    shop.open_shop(str(path))
    try:
        from db.models import Product, User
        from pos.counter import sale

        c = Cart()
        tea = Product.get(Product.sku == "TEH")
        c.add(tea.id, tea.name, 5_000, 1)
        sale.complete(c, [Tender("cash", 5_000)], User.get())
    finally:
        shop.close_shop()
    refused = run("--db", str(path), "restore", str(older))
    assert refused.returncode == 1 and "1 nota (K1-000002 s.d. K1-000002)" in refused.stderr
    assert "--force" in refused.stderr and totals(path)[0] == 2
    nobody = run("--db", str(path), "restore", "--force", str(older))  # a sound shop: the owner's PIN
    assert nobody.returncode == 2 and "butuh PIN pemilik" in nobody.stderr and totals(path)[0] == 2
    cashier = run("--db", str(path), "--owner-pin", "1111", "restore", "--force", str(older))
    assert cashier.returncode == 2 and totals(path)[0] == 2 and not list(tmp_path.glob("k.db.before-*"))
    done = run("--db", str(path), "--owner-pin", "5821", "restore", "--force", str(older))
    assert done.returncode == 0 and "Dipulihkan" in done.stdout and "K1-000002" in done.stdout
    assert totals(path)[0] == 1
    kept = next(tmp_path.glob("k.db.before-restore-*"))
    assert totals(kept)[0] == 2  # nothing lost: the newer database is kept beside


def test_the_report_as_files_is_the_owners_as_the_other_exports(tmp_path):
    """The sales out of Kasir as a PDF, an XLSX or CSVs: the owner's PIN; on the screen, without."""
    path = tmp_path / "k.db"
    shop_with_sales(path, 1)
    week = ("report", "--from", "2026-11-23", "--to", "2026-11-23")
    for kind, target in (("--pdf", tmp_path / "r.pdf"), ("--xlsx", tmp_path / "r.xlsx")):
        nobody = run("--db", str(path), *week, kind, str(target))
        assert nobody.returncode == 2 and "butuh PIN pemilik" in nobody.stderr and not target.exists()
        done = run("--db", str(path), "--owner-pin", "5821", *week, kind, str(target))
        assert done.returncode == 0 and target.stat().st_size > 0, done.stderr
    shown = run("--db", str(path), *week)
    assert shown.returncode == 0 and "1 nota" in shown.stdout


def test_restore_of_a_broken_backup_and_into_a_broken_database(tmp_path):
    path = tmp_path / "k.db"
    shop_with_sales(path, 1)
    backed_up = run("--db", str(path), "--owner-pin", "5821", "backup", "--to", str(tmp_path / "usb"))
    assert backed_up.returncode == 0, backed_up.stderr
    good = next((tmp_path / "usb").glob("k-????-??-??.db"))  # named after k.db
    nobody = run("--db", str(path), "backup", "--to", str(tmp_path / "elsewhere"))  # the shop out: a PIN
    assert nobody.returncode == 2 and "butuh PIN pemilik" in nobody.stderr
    assert not (tmp_path / "elsewhere").exists()
    broken = tmp_path / "broken.db"
    data = bytearray(good.read_bytes())
    data[8192 : len(data) : 4096] = b"\xff" * len(data[8192 : len(data) : 4096])
    broken.write_bytes(bytes(data[: len(data) // 2]))
    result = run("--db", str(path), "restore", str(broken))
    assert result.returncode == 2 and "Cadangan tidak bisa dipakai" in result.stderr
    assert "Traceback" not in result.stderr and totals(path)[0] == 1
    path.write_bytes(b"rusak" * 5000)  # the live file is damaged: restore still works (it is never opened)
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    fixed = run("--db", str(path), "restore", str(good))
    assert fixed.returncode == 0, fixed.stderr
    assert totals(path)[0] == 1


def _sqlite_error(text: str, name: str) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(text)
    exc.sqlite_errorname = name
    return exc


def test_a_healthy_database_on_a_read_only_or_full_disk_is_not_called_damaged(tmp_path, monkeypatch):
    """What SQLite says on a read-only mount (CANTOPEN: no -shm can be made) and a full disk (IOERR_SHMSIZE),
    seen on real mounts; neither is "rusak", and neither gets a backup offered over it."""
    from db import database
    from pos import shop
    from pos.core.errors import ShopOpenError

    path = tmp_path / "k.db"
    monkeypatch.setattr(database, "_place", lambda p: "readonly")
    assert (
        database.classify(_sqlite_error("unable to open database file", "SQLITE_CANTOPEN"), path)
        == "readonly"
    )
    monkeypatch.setattr(database, "_place", lambda p: "full")
    assert database.classify(_sqlite_error("disk I/O error", "SQLITE_IOERR_SHMSIZE"), path) == "full"
    monkeypatch.setattr(database, "_place", lambda p: "")
    assert database.classify(_sqlite_error("file is not a database", "SQLITE_NOTADB"), path) == "not_sqlite"
    assert (
        database.classify(_sqlite_error("database disk image is malformed", "SQLITE_CORRUPT"), path)
        == "corrupt"
    )
    assert database.classify(
        _sqlite_error("attempt to write a readonly database", "SQLITE_READONLY"), path
    ) == ("readonly")
    assert database.classify(_sqlite_error("database or disk is full", "SQLITE_FULL"), path) == "full"
    shop_with_sales(path, 1)

    def refuse(*args, **kwargs):
        raise _sqlite_error("unable to open database file", "SQLITE_CANTOPEN")

    monkeypatch.setattr(database, "_place", lambda p: "readonly")
    monkeypatch.setattr(database.sqlite3, "connect", refuse)
    with pytest.raises(ShopOpenError) as caught:
        shop.open_shop(str(path))
    assert "hanya bisa dibaca" in caught.value.text and "tidak rusak" in caught.value.text
    assert not shop.restorable(caught.value)
    monkeypatch.undo()
    path.write_bytes(b"rusak" * 1000)
    with pytest.raises(ShopOpenError) as damaged:
        shop.open_shop(str(path))
    assert shop.restorable(damaged.value)
