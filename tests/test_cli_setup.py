"""`python main.py setup`: an empty, set-up real shop for scripted installs; refused twice or on bad input."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import main
from tests.test_cli import run


def rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_setup_makes_an_empty_set_up_shop_and_refuses_a_second_time(tmp_path):
    db = tmp_path / "kasir.db"
    first = run(
        "--db", str(db), "setup", "--shop", "Toko Maju", "--owner", "Pak Budi", "--pin", "2468",
        "--address", "Jl. Kenanga 2", "--whatsapp", "0812 5555 6666",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines() == [
        f"Toko Maju siap dipakai (pemilik: Pak Budi, tanpa barang dan tanpa data contoh) -> {db}"
    ]
    assert rows(db, "SELECT name FROM user") == [("Pak Budi",)]
    assert rows(db, "SELECT count(*) FROM product") == [(0,)] and rows(db, "SELECT count(*) FROM sale") == [
        (0,)
    ]
    values = dict(rows(db, "SELECT key, value FROM setting"))
    assert values["shop_name"] == '"Toko Maju"' and values["setup_done"] == "true"
    assert values["shop_phone"] == '"6281255556666"' and "demo" not in values

    again = run("--db", str(db), "setup", "--shop", "Toko Lain", "--owner", "Bu Ani", "--pin", "1357")
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert again.stderr.strip() == "Database ini sudah disiapkan untuk toko Toko Maju. Tidak ada yang diubah."
    assert rows(db, "SELECT name FROM user") == [("Pak Budi",)]


@pytest.mark.parametrize(
    ("shop_name", "owner", "pin", "message"),
    [
        ("Toko Maju", "Pak Budi", "12", "PIN harus 4 sampai 6 angka."),
        ("Toko Maju", "Pak Budi", "12ab", "PIN harus 4 sampai 6 angka."),
        ("  ", "Pak Budi", "2468", "Nama tidak boleh kosong dan paling panjang 80 huruf."),
        ("Toko Maju", "", "2468", "Nama tidak boleh kosong dan paling panjang 80 huruf."),
    ],
)
def test_setup_refuses_weak_input_and_sets_up_nothing(tmp_path, capsys, shop_name, owner, pin, message):
    db = tmp_path / "kasir.db"
    result = main.main(["--db", str(db), "setup", "--shop", shop_name, "--owner", owner, "--pin", pin])
    assert result == 2 and capsys.readouterr().err.strip() == message
    assert rows(db, "SELECT count(*) FROM user") == [(0,)]
    assert rows(db, "SELECT count(*) FROM setting") == [(0,)]


def test_setup_is_in_the_help():
    out = run("--help").stdout
    assert "setup" in out and "demo shop offered" not in main.__doc__
    assert "--owner" in run("setup", "--help").stdout


def test_demo_without_a_database_goes_to_its_own_file_never_the_shops(tmp_path):
    import os
    import subprocess
    import sys

    from tests.test_cli import ROOT

    env = {k: v for k, v in os.environ.items() if k != "KASIR_DB"}
    env["XDG_DATA_HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "demo", "--shop", "bakso", "--days", "2"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "Kasir"
    assert (folder / "toko-contoh-bakso.db").exists() and not (folder / "kasir.db").exists()
    assert "toko-contoh-bakso.db" in done.stdout
