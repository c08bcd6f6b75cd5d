"""Products sold with no HPP (cost) are not silently 100 % profit: the report names how many, their margin
is unknown ("–"), and the summary, the PDF and the XLSX say so. Exact rupiah."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from pos.books import export, report
from pos.catalog import catalog
from pos.core.cart import Cart
from pos.counter import sale, shift
from pos.counter.payment import Tender
from receipts.report_pdf import report_pdf

TODAY = report.Period(date(2026, 11, 23), date(2026, 11, 23))


def _day(owner, with_uncosted: bool = True):
    """Kopi Rp 10.000 with HPP Rp 4.000 ×2; Gorengan Rp 2.000 with no HPP ×5 (when asked)."""
    shift.open_shift(owner, 0)
    coffee = catalog.create_product("KOPI", "Kopi Susu", 10_000, cost=4_000, track_stock=False)
    snack = catalog.create_product("GRG", "Gorengan", 2_000, track_stock=False)  # HPP not filled in
    c = Cart()
    c.add(coffee.id, coffee.name, 10_000, 2)
    if with_uncosted:
        c.add(snack.id, snack.name, 2_000, 5)
    total = sale.preview(c).total
    sale.complete(c, [Tender("cash", total)], owner)
    return report.build(TODAY)


def test_a_product_with_no_hpp_is_counted_and_its_margin_unknown(owner):
    r = _day(owner)
    rows = {p.name: p for p in r.by_product}
    assert (rows["Gorengan"].no_cost, rows["Gorengan"].known_margin, rows["Gorengan"].known_cost) == (
        True,
        None,
        None,
    )
    assert (rows["Kopi Susu"].no_cost, rows["Kopi Susu"].known_margin) == (False, 12_000)
    assert [p.name for p in report.without_cost(r)] == ["Gorengan"]
    assert report.uncosted_note(r) == "1 produk tanpa HPP — laba belum pasti"
    lines = report.summary(r, "PPN")
    assert lines[-2].label == "Laba kotor" and lines[-2].amount == r.totals.margin == 22_000
    assert (lines[-1].kind, lines[-1].amount) == ("note", 10_000)  # Gorengan's sales, in the margin whole
    assert lines[-1].label == "1 produk tanpa HPP — laba belum pasti; penjualannya"


def test_every_product_with_a_cost_says_nothing(owner, tmp_path):
    r = _day(owner, with_uncosted=False)
    assert report.uncosted_note(r) == "" and report.without_cost(r) == []
    assert report.summary(r, "PPN")[-1].label == "Laba kotor"
    book = load_workbook(export.write_xlsx(TODAY, tmp_path / "hari.xlsx", owner))
    assert export.UNCOSTED_SHEET not in book.sheetnames


def test_the_pdf_and_the_xlsx_mark_the_products_with_no_hpp(owner, tmp_path):
    r = _day(owner)
    path = tmp_path / "hari.pdf"
    report_pdf(r, "Warung Uji", path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "1 produk tanpa HPP — laba belum pasti" in text  # on the margin tile and under the products
    # its HPP and its margin: unknown ("–"), not Rp 0 and Rp 10.000 (100 %)
    assert "Gorengan\n5\nRp 10.000\n–\n–\n" in text
    assert "Kopi Susu\n2\nRp 20.000\nRp 8.000\nRp 12.000\n" in text
    assert "HPP dan labanya ditulis “–”: Gorengan" in text
    book = load_workbook(export.write_xlsx(TODAY, tmp_path / "hari.xlsx", owner))
    sheet = book[export.UNCOSTED_SHEET]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["barang", "jumlah", "penjualan_bersih"],
        ["Gorengan", 5, 10_000],
    ]
