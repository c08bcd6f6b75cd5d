"""`order-from-chat TEXT [--json]`: the proposal a pasted WhatsApp order makes, printed for people or as
JSON, read-only (the shop's database is byte for byte as it was), exit 1 when no item is recognised."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest

import main
from pos import shop
from pos.catalog import catalog
from pos.core import clock
from pos.customers import customer
from tests.test_cli_fuzz import NASTY, digest

ORDER = (
    "kak pesan bakso urat 2, es teh manis 1 sama kerupuk 3 ya, antar ke jl. melati 12, "
    "a.n. bu ani 0812 3456 7890"
)


@pytest.fixture(scope="module")
def shop_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("chat") / "kasir.db"
    clock.set_fixed(datetime(2026, 11, 23, 10, 30))
    try:
        shop.open_shop(str(path))
        shop.first_run("Warung Bakso", "", "", "Pak Kumis", "5821")
        for sku, name, price, unit in (
            ("BU", "Bakso Urat", 18_000, "porsi"),
            ("BH", "Bakso Halus", 15_000, "porsi"),
            ("ETM", "Es Teh Manis", 5_000, "pcs"),
            ("KR", "Kerupuk", 2_000, "pcs"),
            ("GP", "Gula Pasir", 17_000, "kg"),
        ):
            catalog.create_product(sku, name, price, unit=unit)
        customer.create_customer("0812-3456-7890", "Bu Ani")
    finally:
        shop.close_shop()
        clock.set_fixed(None)
    return path


@pytest.fixture
def run(shop_file, capsys, monkeypatch):
    monkeypatch.delenv("KASIR_DEBUG", raising=False)

    def call(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        before = digest(shop_file)
        try:
            code = main.main(["--db", str(shop_file), "order-from-chat", *argv])
        finally:
            shop.close_shop()
        out, err = capsys.readouterr()
        assert digest(shop_file) == before, f"{argv} changed the database"
        return code, out, err

    return call


def test_the_proposal_for_people(run):
    code, out, err = run(ORDER)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        '2 porsi Bakso Urat [BU]  Rp 36.000   dari "bakso urat 2"',
        '1 pcs Es Teh Manis [ETM]  Rp 5.000   dari "es teh manis 1"',
        '3 pcs Kerupuk [KR]  Rp 6.000   dari "kerupuk 3"',
        "Pelanggan: Bu Ani (0812-3456-7890)",
        "Diantar ke: jl. melati 12",
    ]


def test_the_proposal_as_json(run):
    code, out, _err = run("gula setengah kilo, bakso 2, kerupuk 15rb pedes", "--json")
    assert code == 0
    data = json.loads(out)
    assert [(ln["sku"], ln["qty"], ln["matched"], ln["note"]) for ln in data["lines"]] == [
        ("GP", "0.500", "gula setengah kilo", ""),
        ("KR", "1.000", "kerupuk", "pedes"),  # "pedes" is the line's note, no longer an unmatched word
    ]
    assert data["customer"] == {"id": None, "name": "", "phone": ""}
    assert (data["address"], data["delivery"], data["cod"]) == ("", False, False)
    assert data["unmatched"] == ["bakso"]
    assert data["notes"] == [
        '"15rb" dibaca sebagai harga, bukan jumlah.',
        '"bakso" cocok dengan beberapa barang: Bakso Halus, Bakso Urat; pilih sendiri.',
    ]
    assert data["message"] == ""


def test_the_customer_and_delivery_in_json(run):
    data = json.loads(run(ORDER, "--json")[1])
    assert data["customer"] == {"id": 1, "name": "Bu Ani", "phone": "6281234567890"}
    assert (data["address"], data["delivery"], data["unmatched"]) == ("jl. melati 12", True, [])


def test_the_message_from_stdin(run):
    code, out, _err = run("-", "--json", stdin="2 bakso urat\nes teh manis 1\n")
    assert code == 0
    assert [(ln["sku"], ln["qty"]) for ln in json.loads(out)["lines"]] == [("BU", "2.000"), ("ETM", "1.000")]


@pytest.mark.parametrize("text", ["hello I want pizza", "🙏🙏🙏", "15rb", "0812 3456 7890", ""])
def test_no_item_recognised_says_so_and_exits_1(run, text):
    code, out, err = run(text)
    assert code == 1 and err.strip() == "Tidak ada barang yang dikenali dari pesan ini."
    assert "Traceback" not in out + err
    code, out, err = run(text, "--json")
    assert code == 1 and json.loads(out)["message"] == "Tidak ada barang yang dikenali dari pesan ini."


@pytest.mark.parametrize("index", range(len(NASTY)))
def test_nasty_text_is_read_never_a_traceback(run, index):
    code, out, err = run(NASTY[index] + " bakso urat 2")
    assert code in (0, 1) and "Traceback" not in out + err, (code, err)
    if "\x00" not in NASTY[index] and len(NASTY[index]) < 4900:
        assert code == 0 and "Bakso Urat [BU]" in out


def test_ten_thousand_characters_are_cut_and_said(run):
    code, out, _err = run("bakso urat 2, " * 800)  # 11.200 characters
    assert code == 0
    assert "Catatan: Pesan terlalu panjang: hanya 5.000 huruf pertama yang dibaca." in out
