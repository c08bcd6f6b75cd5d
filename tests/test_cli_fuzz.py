"""Fuzzing the command line in-process (`main.main([...])`): for nasty input (NUL, very long, emoji, paths
to folders, missing files, negative and huge numbers, markup, formulas) every command ends with a message
in Indonesian and a non-zero exit — never a traceback, never argparse's English, never exit 3 (the "tak
terduga" last line) — and the shop's database is exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from pos import shop
from pos.core import clock
from pos.core.cart import Cart
from pos.counter import sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop

NASTY = [
    "\x00",
    "K1-\x00000001",
    "x" * 5000,
    "😀🇮🇩 Ñoño",
    "../../../etc/passwd",
    "-1",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    " ",
    "",
    '<img src=x><h1 style="color:red">LUNAS</h1>',
    '=HYPERLINK("http://x")',
    "%s%n%x{0}{}",
    "\u202e\x1bp\x00\x19",
    "K1-000001' OR 1=1 --",
    "2026-02-30",
    "9999-W99",
]
ENGLISH = ("usage:", "error:", "invalid", "required", "unrecognized", "expected", "Traceback", "argument")


def digest(path: Path) -> str:
    """What the shop holds: every row of every table (a change anywhere shows)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.text_factory = bytes
    try:
        h = hashlib.sha256()
        tables = [
            r[0].decode()
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            for row in con.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    finally:
        con.close()


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "kasir.db"
    clock.set_fixed(datetime(2026, 11, 23, 10, 30))
    try:
        shop.open_shop(str(path))
        owner = shop.first_run("Warung Uji", "", "", "Bu Sri", "5821")
        items = small_shop(owner)
        c = Cart()
        c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        sale.complete(c, [Tender("cash", 5_000)], owner)
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    return path


@pytest.fixture
def run(shop_file, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # a relative path in the corpus lands here, never in the repository
    monkeypatch.delenv("KASIR_DEBUG", raising=False)

    def call(*argv: str, db: str | None = None) -> tuple[int, str, str]:
        before = digest(shop_file)
        try:
            code = main.main(["--db", db if db is not None else str(shop_file), *argv])
        except SystemExit as exc:  # argparse ends this way
            code = exc.code if isinstance(exc.code, int) else 2
        finally:
            shop.close_shop()
        out, err = capsys.readouterr()
        assert digest(shop_file) == before, f"{argv} changed the database"
        return code, out, err

    return call


def assert_refused(code: int, err: str, argv: tuple[str, ...]) -> None:
    assert code not in (0, 3), (argv, code, err)
    assert err.strip(), argv
    assert not any(word in err for word in ENGLISH), (argv, err)


def writes(x: str, folder: str) -> list[tuple[str, ...]]:
    """Commands writing a file named x: refused, or the file is there (an emoji is a fine file name)."""
    return [
        ("receipt", "K1-000001", "--pdf", x or folder),
        ("receipt", "K1-000001", "--escpos", x or folder),
        ("labels", "--sku", "TEH", "--pdf", x or folder),
    ]


def commands(x: str, out: str, folder: str) -> list[tuple[str, ...]]:
    return [
        ("receipt", x, "--pdf", out),
        ("receipt", "K1-000001", "--escpos", folder),
        ("labels", "--sku", x, "--pdf", out),
        ("labels", "--purchase", x, "--pdf", out),
        ("products", "import", x or folder, "--dry-run"),
        ("customers", "import", x or folder, "--dry-run"),
        ("report", "--week", x),
        ("report", "--from", x),
        ("closing", "--day", x),
        ("closing", "--month", x),
        ("stock", "--expiring", x),
        ("vouchers", "--batch", x, "--value", "5000", "--pdf", out),
        ("vouchers", "--batch", "1", "--value", x, "--pdf", out),
        ("vouchers", "--batch", "2", "--value", "5000", "--pdf", folder),
        ("vouchers", "--batch", "2", "--value", "5000", "--pdf", x + "\x00"),
        ("restore", x or folder),
        ("demo", "--days", x),
        ("info", x),
    ]


@pytest.mark.parametrize("index", range(len(NASTY)))
def test_nasty_input_to_every_command_is_refused_in_indonesian(run, tmp_path, index):
    x = NASTY[index]
    for argv in commands(x, str(tmp_path / "keluar.pdf"), str(tmp_path)):
        code, _out, err = run(*argv)
        assert_refused(code, err, argv)
    for argv in writes(x, str(tmp_path)):
        code, _out, err = run(*argv)
        if code == 0:
            assert (tmp_path / argv[-1]).is_file() and not err, argv
        else:
            assert_refused(code, err, argv)


@pytest.mark.parametrize(
    "target", NASTY + ["mysql://root@localhost/kasir", "sqlite://host/x.db", "{dir}", "{dir}/tidak-ada.db"]
)
def test_nasty_database_targets_are_refused_and_create_nothing(run, tmp_path, target):
    target = target.replace("{dir}", str(tmp_path))
    before = sorted(p.name for p in tmp_path.iterdir())
    for command in (("info",), ("verify",), ("stock",), ("report",), ("backup", "--to", str(tmp_path / "b"))):
        code, out, err = run(*command, db=target)
        assert_refused(code, err, (target, *command))
        assert "OK" not in out
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no empty shop made by a mistyped path


def test_a_voucher_file_that_cannot_be_written_issues_no_voucher(run, shop_file, tmp_path):
    code, _out, err = run(
        "vouchers", "--batch", "3", "--value", "5000", "--pdf", str(tmp_path / "no" / "x.pdf")
    )
    assert code == 2 and "Tidak bisa menulis" in err and "folder tidak ada" in err


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=60))
def test_any_text_as_a_receipt_number_sku_or_week(run, tmp_path, text):
    out = str(tmp_path / "x.pdf")
    for argv in (
        ("receipt", text, "--pdf", out),
        ("labels", "--sku", text, "--pdf", out),
        ("report", "--week", text),
    ):
        code, _out, err = run(*argv)
        if code:
            assert_refused(code, err, argv)
        assert "Traceback" not in err and code != 3
