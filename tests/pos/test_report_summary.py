"""The report says what each figure is: a ledger from item value to gross profit whose lines add up to
the rupiah (discount, voucher, redeemed points, ongkir, added tax, an aggregator's commission, a refund),
net sales without tax and without ongkir, the Hari ini / Kemarin periods and the period the report opens
on, and one short Indonesian format on chart axes."""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal

import pytest

from db.models import SaleLine
from pos.books import report
from pos.catalog import channel
from pos.core import clock, periods, settings
from pos.core.cart import Cart
from pos.core.money import short_rupiah
from pos.counter import refund, sale
from pos.counter.payment import Tender
from pos.customers import customer, loyalty, voucher
from tests.pos.helpers import small_shop

WEEK = report.iso_week("2026-W47")  # Monday 16 – Sunday 22 November 2026


def _pay(cart, user):
    return sale.complete(cart, [Tender("cash", sale.preview(cart).total)], user)


@pytest.fixture
def busy_week(owner):
    """Tax 10 % added. Budi's delivery: beras 2 + bakso 2 (Rp 66.000), Rp 1.000 off the bakso, a
    Rp 10.000 voucher, 20 points (Rp 2.000), ongkir Rp 5.000; a GoFood order of Rp 10.000 (commission
    20 %); one beras of the delivery comes back."""
    items = small_shop(owner)
    settings.update({"tax_mode": "added", "tax_rate": "0.10"})
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    channel.configure("gofood", markup_rate=Decimal(0), commission_rate=Decimal("0.20"), commission_fixed=0)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    with clock.frozen(datetime(2026, 11, 10, 9, 0)):  # the week before: Budi earns his points
        before = Cart(customer_id=budi.id)
        before.add(items["bakso"].id, "Bakso Urat", 18_000, 2)
        _pay(before, owner)
    [v] = voucher.issue_batch(1, kind="rp", value=10_000, expires_on=date(2026, 12, 31), user=owner)
    with clock.frozen(datetime(2026, 11, 17, 12, 0)):
        c = Cart(channel="delivery", order_type="delivery", customer_id=budi.id, points_redeem=20)
        c.voucher_code = v.code
        c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, 2)
        c.add(items["bakso"].id, "Bakso Urat", 18_000, 2)
        c.discount_line(1, amount=1_000, reason="Kuah tumpah")
        c.set_delivery(5_000, "Jl. Mawar 3")
        delivered = _pay(c, owner)
    with clock.frozen(datetime(2026, 11, 18, 19, 0)):
        g = Cart(channel="gofood")
        g.add(items["teh"].id, "Es Teh Manis", 5_000, 2)
        _pay(g, owner)
    with clock.frozen(datetime(2026, 11, 19, 9, 0)):
        beras = SaleLine.get(SaleLine.sale == delivered, SaleLine.name == "Beras Pandan Wangi")
        refund.refund(delivered, {beras.id: Decimal(1)}, "salah kirim", owner)
    return delivered


def test_the_delivery_itself_to_the_rupiah(busy_week):
    s = busy_week
    # 66.000 − 1.000 − 10.000 − 2.000 = 53.000; tax 10 % 5.300; ongkir 5.000
    assert (s.gross, s.discount, s.tax, s.delivery_fee, s.total) == (66_000, 13_000, 5_300, 5_000, 63_300)


def test_summary_lines_add_up_from_gross_to_gross_profit(busy_week):
    r = report.build(WEEK)
    t = r.totals
    # discounts given on the sales: Rp 1.000 off + Rp 10.000 voucher + Rp 2.000 points
    assert (t.gross, t.discounts_given) == (76_000, 13_000)
    # the beras back: 1 of 2, its line net 24.462 (after its share of voucher and points) halved
    assert (t.refunds_count, t.refunded_items) == (1, 12_231)
    assert t.net == 76_000 - 13_000 - 12_231 == 50_769
    assert t.gross - t.net == t.discounts_given + t.refunded_items
    # tax: 5.300 + 1.000 − 1.223 (the beras's share); all added on top of the prices
    assert (t.tax, t.added_tax, t.included_tax) == (5_077, 5_077, 0)
    assert (t.delivery_fees, t.total) == (5_000, 60_846)
    # the ongkir (5.000) goes on to the courier: out of what the shop keeps and of its profit
    assert (t.commission, t.net_revenue, t.cost, t.margin) == (2_200, 53_646, 30_000, 18_569)
    assert sum(c.net_revenue for c in r.by_channel) == t.net_revenue  # per channel, the ongkir out too
    # net sales without tax leave out the ongkir (the PDF showed total − tax = Rp 55.769, ongkir inside)
    assert t.sales_ex_tax == 50_769

    lines = report.summary(r, "PPN")
    shown = [(line.label, line.amount, line.kind) for line in lines]
    assert shown == [
        ("Penjualan kotor (harga barang sebelum diskon)", 76_000, "line"),
        ("Diskon, voucher, poin & stempel ditukar", -13_000, "line"),
        ("Retur barang (1 nota)", -12_231, "line"),
        ("Penjualan bersih (barang, tanpa ongkir)", 50_769, "total"),
        ("PPN ditambahkan", 5_077, "line"),
        ("Ongkir", 5_000, "line"),
        ("Dibayar pelanggan", 60_846, "total"),
        ("Komisi GoFood (1 nota)", -2_200, "line"),
        ("Ongkir (diteruskan ke kurir)", -5_000, "line"),
        ("Pendapatan bersih (diterima toko)", 53_646, "total"),
        ("PPN disetor ke negara", -5_077, "line"),
        ("Harga pokok barang (HPP)", -30_000, "line"),
        ("Laba kotor", 18_569, "total"),
    ]
    running = 0
    for line in lines:
        if line.kind == "total":
            assert running == line.amount, line.label
        elif line.kind == "line":
            running += line.amount
    tax = [(line.label, line.amount) for line in report.tax_lines(r, "PPN")]
    assert tax == [
        ("Penjualan bersih tanpa PPN dan ongkir", 50_769),
        ("PPN ditambahkan ke harga", 5_077),
        ("PPN dipungut", 5_077),
    ]


def test_tax_inside_the_prices_is_a_note_not_a_line(owner):
    items = small_shop(owner)
    settings.update({"tax_mode": "included", "tax_rate": "0.11"})
    with clock.frozen(datetime(2026, 11, 16, 10, 0)):
        c = Cart()
        c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, 1)  # 15.000 holds 11/111 of it as tax
        _pay(c, owner)
    r = report.build(WEEK)
    t = r.totals
    assert (t.net, t.total, t.tax, t.included_tax, t.added_tax) == (15_000, 15_000, 1_486, 1_486, 0)
    assert t.sales_ex_tax == 13_514
    notes = [(x.label, x.amount) for x in report.summary(r, "PPN") if x.kind == "note"]
    assert notes == [("termasuk PPN di harga", 1_486)]
    assert [x.label for x in report.summary(r, "PPN")].count("Dibayar pelanggan") == 1


def test_today_and_yesterday_turn_at_midnight():
    with clock.frozen(datetime(2026, 11, 20, 23, 59, 59)):
        assert report.today() == report.Period(date(2026, 11, 20), date(2026, 11, 20))
        assert report.yesterday() == report.Period(date(2026, 11, 19), date(2026, 11, 19))
    with clock.frozen(datetime(2026, 11, 21, 0, 0, 0)):
        assert report.today().start == date(2026, 11, 21) == report.today().end
        assert report.yesterday().start == date(2026, 11, 20)
        assert report.today().previous() == report.yesterday()  # compared with yesterday
    with clock.frozen(datetime(2026, 3, 1, 8, 0)):
        assert report.yesterday() == report.Period(date(2026, 2, 28), date(2026, 2, 28))
    assert [code for code, _label in periods.CHOICES][:2] == ["today", "yesterday"]
    assert report.named("yesterday", date(2026, 1, 1)).start == date(2025, 12, 31)
    with pytest.raises(report.PeriodError):
        report.named("kemarin lusa")


def test_a_sale_before_midnight_is_yesterdays(owner):
    items = small_shop(owner)
    with clock.frozen(datetime(2026, 11, 20, 23, 59, 30)):
        c = Cart()
        c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        _pay(c, owner)
    with clock.frozen(datetime(2026, 11, 21, 0, 0, 30)):
        c = Cart()
        c.add(items["mie"].id, "Indomie Goreng", 3_500, 1)
        _pay(c, owner)
        assert (report.totals(report.yesterday()).total, report.totals(report.today()).total) == (
            5_000,
            3_500,
        )


def test_the_report_opens_on_today_on_a_shops_first_day(owner):
    items = small_shop(owner)
    with clock.frozen(datetime(2026, 11, 20, 9, 0)):
        assert report.opening_choice() == "today"  # nothing sold yet at all
        c = Cart()
        c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        _pay(c, owner)
        assert report.opening_choice() == "today"  # sold today only: the first day
    with clock.frozen(datetime(2026, 11, 21, 8, 0)):
        assert report.opening_choice() == "last_week"  # the next morning: the owner reviews the week


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0"),
        (750, "750"),
        (2_500, "2,5 rb"),
        (500_000, "500 rb"),
        (1_000_000, "1 jt"),
        (1_500_000, "1,5 jt"),
        (12_500_000, "12,5 jt"),
        (2_000_000_000, "2 M"),
        (-250_000, "-250 rb"),
    ],
)
def test_short_rupiah_on_axes(amount, text):
    assert short_rupiah(amount) == text


def test_axis_ticks_are_round_and_reach_the_peak():
    assert report.axis_ticks(0) == [0, 250, 500, 750, 1_000]
    assert report.axis_ticks(3_450_000) == [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000]
    assert [short_rupiah(t) for t in report.axis_ticks(26_618_720)] == ["0", "10 jt", "20 jt", "30 jt"]
    for peak in (1, 999, 10_000, 77_777, 1_234_567_890):
        ticks = report.axis_ticks(peak)
        assert ticks[0] == 0 and ticks[-1] >= peak and len(ticks) <= 5
        assert len({b - a for a, b in zip(ticks, ticks[1:], strict=False)}) == 1


def test_the_pdf_prints_the_same_ledger(busy_week, tmp_path):
    from pypdf import PdfReader

    from receipts.report_pdf import report_pdf

    path = os.environ.get("KASIR_KEEP_PDF") or tmp_path / "laporan.pdf"  # to look at it
    report_pdf(report.build(WEEK), "Warung Uji", path)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    for label, figure in (
        ("Diskon, voucher, poin & stempel ditukar", "-Rp 13.000"),
        ("Retur barang (1 nota)", "-Rp 12.231"),
        ("Penjualan bersih (barang, tanpa ongkir)", "Rp 50.769"),
        ("Ongkir", "Rp 5.000"),
        ("Komisi GoFood (1 nota)", "-Rp 2.200"),
        ("Penjualan bersih tanpa PPN dan ongkir", "Rp 50.769"),
        ("PPN dipungut", "Rp 5.077"),
    ):
        assert f"{label}\n{figure}" in text, label
    assert "Rp 55.769" not in text  # total − tax, ongkir inside: the old 'without tax' figure
