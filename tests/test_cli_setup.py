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
    lines = first.stdout.strip().splitlines()
    assert lines[0] == (
        f"Toko Maju siap dipakai (pemilik: Pak Budi, tanpa barang dan tanpa data contoh) -> {db}"
    )
    assert lines[1].startswith("Kode pemulihan: ") and len(lines[1].split(": ")[1]) == 14  # once, here
    assert "reset-pin --code" in lines[2] and len(lines) == 3
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


def test_reset_pin_with_the_code_setup_printed(tmp_path):
    db = tmp_path / "kasir.db"
    made = run("--db", str(db), "setup", "--shop", "Toko Maju", "--owner", "Pak Budi", "--pin", "2468")
    code = made.stdout.splitlines()[1].split(": ")[1]
    wrong = run("--db", str(db), "reset-pin", "--code", "AAAA-BBBB-CCCC", "--pin", "5831")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "Kode pemulihan salah. PIN tidak diubah."
    weak = run("--db", str(db), "reset-pin", "--code", code, "--pin", "1111")
    assert weak.returncode == 2 and weak.stderr.startswith("PIN ini terlalu mudah ditebak")
    done = run("--db", str(db), "reset-pin", "--code", code, "--pin", "5831")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == "PIN Pak Budi sudah diganti; PIN tidak terkunci lagi. Kode lama tidak berlaku lagi."
    new = lines[1].split(": ")[1]
    assert new != code and len(new) == 14
    again = run("--db", str(db), "reset-pin", "--code", code, "--pin", "5831")
    assert again.returncode == 2  # the used code is spent
    events = [e for (e,) in rows(db, "SELECT event FROM journal_entry WHERE event = 'recovery_code'")]
    assert events == ["recovery_code", "recovery_code"]  # issued at setup, used once


@pytest.mark.parametrize(
    ("shop_name", "owner", "pin", "message"),
    [
        ("Toko Maju", "Pak Budi", "12", "PIN harus 4 sampai 6 angka."),
        ("Toko Maju", "Pak Budi", "12ab", "PIN harus 4 sampai 6 angka."),
        ("  ", "Pak Budi", "2468", "Nama toko tidak boleh kosong dan paling panjang 80 huruf."),
        ("Toko Maju", "", "2468", "Nama pemilik tidak boleh kosong dan paling panjang 80 huruf."),
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
