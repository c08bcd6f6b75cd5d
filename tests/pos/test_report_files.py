"""The bookkeeper's files and the closings: XLSX opened with openpyxl, CSV read back, the PDF's text,
closings numbered with a grand total that carries, and the `report` command."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from db.models import Closing, JournalEntry
from pos.audit import verify
from pos.books import closing, export, report
from pos.core import clock, staff
from pos.core.errors import InvalidState, PermissionDenied
from pos.counter import shift
from receipts.report_pdf import report_pdf
from tests.pos.test_report import WEEK, week  # noqa: F401  (the known week)

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def test_xlsx_has_typed_numbers_rupiah_format_and_frozen_header(week, tmp_path):  # noqa: F811
    path = export.write_xlsx(WEEK, tmp_path / "minggu.xlsx", staff.owner())
    book = load_workbook(path)
    assert book.sheetnames == ["penjualan_baris", "penjualan_nota", "pembayaran", "ringkasan_harian"]
    lines = book["penjualan_baris"]
    assert lines.freeze_panes == "A2"
    header = [c.value for c in lines[1]]
    total_col = header.index("total") + 1
    totals = [lines.cell(row=r, column=total_col).value for r in range(2, lines.max_row + 1)]
    assert all(isinstance(v, int) for v in totals) and sum(totals) == 83_000
    assert "Rp" in lines.cell(row=2, column=total_col).number_format
    payments = book["pembayaran"]
    amount_col = [c.value for c in payments[1]].index("jumlah") + 1
    amounts = [payments.cell(row=r, column=amount_col).value for r in range(2, payments.max_row + 1)]
    assert sum(amounts) == 83_000
    days = book["ringkasan_harian"]
    assert [days.cell(row=r, column=3).value for r in range(2, 9)] == [
        33_500,
        36_000,
        10_000,
        -3_500,
        7_000,
        0,
        0,
    ]


def test_csv_files_add_up(week, tmp_path):  # noqa: F811
    files = export.write_csv(WEEK, tmp_path, staff.owner())
    assert [f.name for f in files] == [
        "kasir_penjualan_baris_2026-11-16_2026-11-22.csv",
        "kasir_penjualan_nota_2026-11-16_2026-11-22.csv",
        "kasir_pembayaran_2026-11-16_2026-11-22.csv",
        "kasir_ringkasan_harian_2026-11-16_2026-11-22.csv",
    ]
    with files[0].open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert sum(int(r["total"]) for r in rows) == 83_000
    assert {r["jumlah"] for r in rows if r["barang"] == "Beras Pandan Wangi"} == {"2"}
    with files[2].open(encoding="utf-8-sig") as fh:
        assert sum(int(r["jumlah"]) for r in csv.DictReader(fh, delimiter=";")) == 83_000


def test_unwritable_output_is_a_clear_error(week, tmp_path):  # noqa: F811
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(export.ExportError, match="tidak bisa ditulis"):
        export.write_csv(WEEK, blocker / "sub", staff.owner())
    with pytest.raises(export.ExportError):
        export.write_xlsx(WEEK, blocker / "a.xlsx", staff.owner())


def test_pdf_carries_the_figures(week, tmp_path):  # noqa: F811
    path = tmp_path / "laporan.pdf"
    report_pdf(report.build(WEEK), "Warung Uji", path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    for expected in (
        "Warung Uji",
        "Rp 83.000",
        "Rp 81.000",
        "Rp 2.000",
        "Rp 47.800",
        "Bakso Urat",
        "salah input",
    ):
        assert expected in text, expected
    # the footer in Indonesian, dates as the app writes them (was "dibuat oleh Kasir pada 2026-11-23 10:30")
    assert "Halaman 1" in text and "Dibuat dengan Kasir · 23-11-2026 10:30" in text
    assert "16-11-2026 – 22-11-2026" in text and "2026-11-" not in text


def test_pdf_writes_numbers_and_dates_the_apps_way(owner, tmp_path):
    """1,75 kg (not 1.75), 23-11-2026 (not 2026-11-23), counts grouped with a dot."""
    from decimal import Decimal

    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from tests.pos.helpers import small_shop

    items = small_shop(owner)
    c = Cart()
    c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, Decimal("1.75"))
    sale.complete(c, [Tender("cash", 26_250)], owner)
    day = report.Period(date(2026, 11, 23), date(2026, 11, 23))
    path = tmp_path / "hari.pdf"
    report_pdf(report.build(day), "Warung Uji", path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    assert "1,75" in text and "1.75" not in text
    assert "23-11-2026" in text and "2026-11-23" not in text
    assert "Rp 26.250" in text


def test_daily_and_monthly_closings_carry_a_grand_total(week, owner, cashier):  # noqa: F811
    with clock.frozen(datetime(2026, 12, 2, 8, 0)):
        first = closing.close_day(date(2026, 11, 16), owner)
        second = closing.close_day(date(2026, 11, 17), owner)
        assert (first.number, first.totals["total"], first.grand_total) == (1, 33_500, 33_500)
        assert (second.number, second.grand_total) == (2, 33_500 + 36_000)
        with pytest.raises(closing.ClosingError, match="sudah ditutup"):
            closing.close_day(date(2026, 11, 17), owner)
        with pytest.raises(closing.ClosingError):
            closing.close_day(date(2026, 11, 15), owner)  # before a closed day
        with pytest.raises(PermissionDenied):
            closing.close_day(date(2026, 11, 18), cashier)
        month = closing.close_month(2026, 11, owner)
        assert (month.kind, month.number, month.totals["total"]) == ("monthly", 1, 5_000 + 83_000)
        with pytest.raises(closing.ClosingError, match="belum selesai"):
            closing.close_month(2026, 12, owner)
    assert verify.verify().ok
    Closing.update(grand_total=1).where(Closing.number == 2).execute()
    assert any("tutup buku daily-2 berubah" in p for p in verify.verify().problems)
    assert JournalEntry.select().where(JournalEntry.event == "closing").count() == 3


def test_closing_needs_closed_shifts_and_locks_the_day(owner):
    shift.open_shift(owner, 0)  # NOW is 23 November
    with pytest.raises(closing.ClosingError, match="shift"):
        closing.close_day(date(2026, 11, 23), owner)
    shift.close_shift(owner, {})
    closing.close_day(date(2026, 11, 23), owner)
    with pytest.raises(InvalidState, match="sudah ditutup"):
        shift.open_shift(owner, 0)


def _cli(db, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, *args], capture_output=True, text=True, cwd=ROOT
    )


def test_report_command(week, db, tmp_path):  # noqa: F811
    from pos import shop

    shop.close_shop()
    book = str(tmp_path / "m.xlsx")
    refused = _cli(db, "report", "--week", "2026-W47", "--xlsx", book, "--csv", str(tmp_path))
    assert refused.returncode == 2 and "butuh PIN pemilik" in refused.stderr  # an export is the owner's
    wrong = _cli(db, "--owner-pin", "1111", "report", "--week", "2026-W47", "--xlsx", book)
    assert wrong.returncode == 2 and not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob("*.csv"))
    done = _cli(db, "--owner-pin", "1234", "report", "--week", "2026-W47", "--json", "--xlsx", book)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["sales_count"], data["gross"], data["net"], data["commission"]) == (4, 86_500, 83_000, 2_000)
    assert [d["net"] for d in data["by_day"]][:2] == [33_500, 36_000]
    assert data["customers"]["repeat_rate"] == 0.5 and data["loyalty"]["points_outstanding"] == 48
    assert data["by_product"][0] == {  # each product an object with named figures
        "product_id": data["by_product"][0]["product_id"],
        "name": "Bakso Urat",
        "category": "Makanan",
        "qty": "2",
        "net": 36_000,
        "cost": 16_000,
        "margin": 20_000,
    }
    assert (tmp_path / "m.xlsx").exists()
    bad = _cli(db, "report", "--from", "2026-11-20", "--to", "2026-11-01")
    assert bad.returncode == 2 and "tanggal akhir sebelum tanggal awal" in bad.stderr
    empty = _cli(db, "report", "--from", "2020-01-01", "--to", "2020-01-07", "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout)["total"] == 0
    nowhere = _cli(db, "--owner-pin", "1234", "report", "--week", "2026-W47", "--pdf", "/proc/kasir/x.pdf")
    assert nowhere.returncode == 2 and "tidak bisa ditulis" in nowhere.stderr
    shop.open_shop(db)


def test_csv_export_cells_are_never_formulas_but_refunds_stay_numbers(owner, tmp_path):
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.counter import refund, sale
    from pos.counter.payment import Tender
    from pos.customers import customer

    shift.open_shift(owner, 0)
    item = catalog.create_product("HL", '=HYPERLINK("http://x","Klik")', 5_000, track_stock=False)
    budi = customer.create_customer("0812-3000-0001", "-Budi")
    c = Cart(customer_id=budi.id)
    c.add(item.id, item.name, 5_000, 2)
    done = sale.complete(c, [Tender("cash", 10_000)], owner)
    refund.refund(done, {done.lines[0].id: 1}, "@salah", owner)
    day = report.Period(date(2026, 11, 23), date(2026, 11, 23))
    files = export.write_csv(day, tmp_path, staff.owner())
    with files[0].open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert {r["barang"] for r in rows} == {'\'=HYPERLINK("http://x","Klik")'}
    assert {r["pelanggan"] for r in rows} == {"'-Budi"}
    assert sorted(int(r["total"]) for r in rows) == [-5_000, 10_000]  # numbers, no apostrophe
    assert all(
        not v.startswith(("=", "+", "-", "@")) or v.lstrip("-").isdigit() for r in rows for v in r.values()
    )
