"""A bookkeeper reconciles GoFood from the exports: each sale's platform order number and commission, the
ongkir on its own (passed on to the courier), and what the shop keeps — to the rupiah of the report."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pos.books import export, report
from pos.catalog import channel
from pos.core import clock, staff
from pos.core.cart import Cart
from pos.counter import sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop

WEEK = report.iso_week("2026-W47")


def _pay(cart, user, method="cash"):
    return sale.complete(cart, [Tender(method, sale.preview(cart).total)], user)


@pytest.fixture
def gofood_day(owner):
    """A counter sale of Rp 18.000; GoFood order GF-889 of Rp 30.000 (commission 20 %: Rp 6.000); the
    shop's own delivery of Rp 36.000 with Rp 5.000 ongkir."""
    items = small_shop(owner)
    channel.configure("gofood", markup_rate=Decimal(0), commission_rate=Decimal("0.20"), commission_fixed=0)
    with clock.frozen(datetime(2026, 11, 17, 11, 0)):
        c = Cart()
        c.add(items["bakso"].id, "Bakso Urat", 18_000, 1)
        _pay(c, owner)
    with clock.frozen(datetime(2026, 11, 17, 12, 0)):
        g = Cart(channel="gofood", source_ref="GF-889")
        g.add(items["teh"].id, "Es Teh Manis", 5_000, 6)
        _pay(g, owner)
    with clock.frozen(datetime(2026, 11, 17, 13, 0)):
        d = Cart(channel="delivery", order_type="delivery")
        d.add(items["bakso"].id, "Bakso Urat", 18_000, 2)
        d.set_delivery(5_000, "Jl. Mawar 3")
        _pay(d, owner)


def _columns(sheet) -> dict[str, list]:
    """Each column's values; an empty text cell reads as ''."""
    header = [c.value for c in sheet[1]]
    return {
        title: [row[i].value if row[i].value is not None else "" for row in sheet.iter_rows(min_row=2)]
        for i, title in enumerate(header)
    }


def test_report_keeps_ongkir_out_of_revenue(gofood_day):
    t = report.build(WEEK).totals
    assert (t.total, t.commission, t.delivery_fees) == (89_000, 6_000, 5_000)
    assert t.net_revenue == 89_000 - 6_000 - 5_000 == 78_000
    assert t.margin == t.net_revenue - t.tax - t.cost


def test_xlsx_sales_sheet_reconciles_the_platform(gofood_day, tmp_path):
    book = load_workbook(export.write_xlsx(WEEK, tmp_path / "minggu.xlsx", staff.owner()))
    t = report.build(WEEK).totals
    sales = _columns(book["penjualan_nota"])
    assert sales["no_pesanan"] == ["", "GF-889", ""]
    assert sales["saluran"] == ["Datang langsung", "GoFood", "Antar sendiri"]
    assert sales["dibayar"] == [18_000, 30_000, 41_000]
    assert sales["komisi"] == [0, 6_000, 0]
    assert sales["ongkir"] == [0, 0, 5_000]
    assert sales["pendapatan_bersih"] == [18_000, 24_000, 36_000]
    for paid, cut, fee, kept in zip(
        sales["dibayar"], sales["komisi"], sales["ongkir"], sales["pendapatan_bersih"], strict=True
    ):
        assert paid - cut - fee == kept
    assert sum(sales["dibayar"]) == t.total and sum(sales["komisi"]) == t.commission
    assert sum(sales["ongkir"]) == t.delivery_fees and sum(sales["pendapatan_bersih"]) == t.net_revenue
    assert sum(sales["penjualan_bersih"]) == t.net
    assert all(type(v) is int for v in sales["komisi"] + sales["pendapatan_bersih"])
    # what GoFood pays the shop: its sales less its commission
    gofood = [i for i, ch in enumerate(sales["saluran"]) if ch == "GoFood"]
    assert sum(sales["dibayar"][i] - sales["komisi"][i] for i in gofood) == 24_000

    lines = _columns(book["penjualan_baris"])
    assert lines["no_pesanan"] == ["", "GF-889", ""]
    payments = _columns(book["pembayaran"])
    assert payments["no_pesanan"] == ["", "GF-889", ""]

    days = _columns(book["ringkasan_harian"])
    assert sum(days["komisi"]) == 6_000 and sum(days["ongkir"]) == 5_000
    assert sum(days["pendapatan_bersih"]) == t.net_revenue == 78_000


def test_csv_sales_file_in_whole_rupiah(gofood_day, tmp_path):
    files = export.write_csv(WEEK, tmp_path, staff.owner())
    [path] = [f for f in files if "penjualan_nota" in f.name]
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert [(r["no_pesanan"], r["komisi"], r["ongkir"], r["pendapatan_bersih"]) for r in rows] == [
        ("", "0", "0", "18000"),
        ("GF-889", "6000", "0", "24000"),
        ("", "0", "5000", "36000"),
    ]
    t = report.build(WEEK).totals
    assert sum(int(r["pendapatan_bersih"]) for r in rows) == t.net_revenue
