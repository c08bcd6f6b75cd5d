"""The bookkeeper's XLSX in the shop's words and with real dates (opened with openpyxl); the CSV in the same
words for a spreadsheet with Indonesian settings; every money column still adds up to the report's totals
to the rupiah."""

from __future__ import annotations

import csv
from datetime import date, datetime

from openpyxl import load_workbook

from pos.books import export, report
from pos.core import i18n, staff, xlsx
from tests.pos.test_report import WEEK, week  # noqa: F401  (the known week)


def columns(sheet) -> dict[str, list]:
    header = [c.value for c in sheet[1]]
    return {title: [row[i].value for row in sheet.iter_rows(min_row=2)] for i, title in enumerate(header)}


def test_xlsx_shows_words_real_dates_and_adds_up(week, tmp_path):  # noqa: F811
    book = load_workbook(export.write_xlsx(WEEK, tmp_path / "minggu.xlsx", staff.owner()))
    r = report.build(WEEK)

    lines = columns(book["penjualan_baris"])
    assert set(lines["jenis"]) == {"Penjualan", "Retur"}
    assert lines["jenis"].count("Retur") == 1  # the one refunded Indomie
    assert set(lines["saluran"]) == {"Datang langsung", "GoFood"}
    assert all(isinstance(v, datetime) for v in lines["waktu"])
    assert lines["waktu"][0] == datetime(2026, 11, 16, 10, 0)
    assert book["penjualan_baris"]["B2"].number_format == xlsx.DATETIME
    assert all(type(v) is int for v in lines["total"]) and sum(lines["total"]) == r.totals.total == 83_000

    payments = columns(book["pembayaran"])
    assert set(payments["metode"]) == {"Tunai", "QRIS", "Dibayar platform"}
    assert payments["metode"][:3] == ["Tunai", "QRIS", "Dibayar platform"]  # 16th cash, 17th QRIS, GoFood
    assert set(payments["jenis"]) == {"Penjualan", "Retur"}
    assert all(type(v) is int for v in payments["jumlah"]) and sum(payments["jumlah"]) == r.totals.total
    assert all(isinstance(v, datetime) for v in payments["waktu"])

    days = book["ringkasan_harian"]
    by_day = columns(days)
    assert by_day["tanggal"] == [datetime(2026, 11, d) for d in range(16, 23)]  # dates, not text
    assert all(not isinstance(v, str) and isinstance(v, date) for v in by_day["tanggal"])
    assert days["A2"].is_date and days["A2"].number_format == xlsx.DATE
    assert by_day["penjualan_bersih"] == [33_500, 36_000, 10_000, -3_500, 7_000, 0, 0]
    assert sum(by_day["penjualan_bersih"]) == r.totals.net and sum(by_day["dibayar"]) == r.totals.total
    assert all(type(v) is int for v in by_day["nota"] + by_day["dibayar"])


def test_xlsx_words_follow_the_chosen_language(week, tmp_path):  # noqa: F811
    i18n.set_language("en")  # the db fixture goes back to Bahasa Indonesia
    book = load_workbook(export.write_xlsx(WEEK, tmp_path / "week.xlsx", staff.owner()))
    payments = columns(book["pembayaran"])
    assert set(payments["metode"]) == {"Cash", "QRIS", "Paid via platform"}
    assert "Walk-in" in columns(book["penjualan_baris"])["saluran"]


def read_csv(path):
    """A CSV as Excel with Indonesian regional settings reads it: ';' between columns, UTF-8 with a BOM."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the names in UTF-8
    return list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def test_csv_says_the_shops_words_for_an_indonesian_spreadsheet(week, tmp_path):  # noqa: F811
    """The CSV used to keep the codes (sale, cash, qris) and ',' between columns: it now says what the XLSX
    says, split on ';', and its money columns still add up to the rupiah."""
    lines, _sales, payments, days = export.write_csv(WEEK, tmp_path, staff.owner())
    rows = read_csv(payments)
    assert {r["metode"] for r in rows} == {"Tunai", "QRIS", "Dibayar platform"}
    assert {r["jenis"] for r in rows} == {"Penjualan", "Retur"}
    assert rows[0]["waktu"] == "2026-11-16 10:00:00"  # ISO: a date in Excel and LibreOffice in any language
    assert sum(int(r["jumlah"]) for r in rows) == 83_000
    line_rows = read_csv(lines)
    assert {r["jenis"] for r in line_rows} == {"Penjualan", "Retur"}
    assert set(r["saluran"] for r in line_rows) == {"Datang langsung", "GoFood"}
    assert sum(int(r["total"]) for r in line_rows) == report.build(WEEK).totals.total == 83_000
    assert all(r["total"].lstrip("-").isdigit() for r in line_rows)  # whole rupiah, no separators
    day_rows = read_csv(days)
    assert [r["tanggal"] for r in day_rows] == [f"2026-11-{d}" for d in range(16, 23)]
    assert sum(int(r["dibayar"]) for r in day_rows) == 83_000


def test_csv_quantities_have_a_decimal_comma(owner, tmp_path):
    from decimal import Decimal

    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from tests.pos.helpers import small_shop

    items = small_shop(owner)
    c = Cart()
    c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, Decimal("0.25"))
    c.add(items["teh"].id, "Es Teh Manis", 5_000, 2)
    sale.complete(c, [Tender("cash", 13_750)], owner)
    day = report.Period(date(2026, 11, 23), date(2026, 11, 23))
    lines = read_csv(export.write_csv(day, tmp_path, owner)[0])
    assert {r["barang"]: r["jumlah"] for r in lines} == {"Beras Pandan Wangi": "0,25", "Es Teh Manis": "2"}
    assert sum(int(r["total"]) for r in lines) == 13_750


def test_a_refund_names_its_original_receipt_in_both_files(week, tmp_path):  # noqa: F811
    """The week's one refund (an Indomie) says which sale it returns: column nota_asal, empty for sales."""
    from db.models import Sale

    refund = Sale.get(Sale.kind == "refund")
    original = refund.refund_of.number
    book = load_workbook(export.write_xlsx(WEEK, tmp_path / "minggu.xlsx", staff.owner()))
    for sheet in ("penjualan_baris", "penjualan_nota", "pembayaran"):
        rows = columns(book[sheet])
        pairs = {(k, o or "") for k, o in zip(rows["jenis"], rows["nota_asal"], strict=True)}
        assert pairs == {("Penjualan", ""), ("Retur", original)}, sheet
    lines, sales, payments, _days = export.write_csv(WEEK, tmp_path, staff.owner())
    for path in (lines, sales, payments):
        found = {(r["nota"], r["nota_asal"]) for r in read_csv(path) if r["jenis"] == "Retur"}
        assert found == {(refund.number, original)}
        assert {r["nota_asal"] for r in read_csv(path) if r["jenis"] == "Penjualan"} == {""}
