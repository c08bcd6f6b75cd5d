"""The owner's report with exact rupiah for a known week, and a property test against a brute-force
recomputation from the raw rows."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import summaries
from db.models import Payment, Sale, SaleLine
from pos.books import report, report_json
from pos.catalog import catalog, channel
from pos.core import clock
from pos.core.cart import Cart
from pos.counter import park, refund, sale
from pos.counter.payment import Tender
from pos.customers import customer, loyalty
from tests.conftest import NOW
from tests.pos.helpers import small_shop

WEEK = report.iso_week("2026-W47")  # Monday 16 – Sunday 22 November 2026


def sell(items, user, at, pairs, *, who=None, code="walk_in", method="cash"):
    with clock.frozen(at):
        c = Cart(channel=code, customer_id=who.id if who else None)
        ch = channel.get(code)
        for key, qty in pairs:
            c.add(items[key].id, items[key].name, catalog.price_for(items[key], ch), qty)
        return sale.complete(c, [Tender(method, sale.preview(c).total)], user)


@pytest.fixture
def week(owner):
    """A known week: 4 sales, a refund, a void, two members (one seen the week before)."""
    items = small_shop(owner)
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    channel.configure("gofood", markup_rate=Decimal(0), commission_rate=Decimal("0.20"), commission_fixed=0)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    siti = customer.create_customer("0812-3333-4444", "Siti")
    sell(items, owner, datetime(2026, 11, 10, 9, 0), [("teh", 1)], who=budi)  # the week before
    first = sell(items, owner, datetime(2026, 11, 16, 10, 0), [("beras", 2), ("mie", 1)])
    sell(items, owner, datetime(2026, 11, 17, 12, 0), [("bakso", 2)], who=budi, method="qris")
    sell(items, owner, datetime(2026, 11, 18, 19, 0), [("teh", 2)], code="gofood", method="platform")
    with clock.frozen(datetime(2026, 11, 19, 9, 0)):
        mie_line = SaleLine.get(SaleLine.sale == first, SaleLine.name == "Indomie Goreng")
        refund.refund(first, {mie_line.id: 1}, "rusak", owner)
    sell(items, owner, datetime(2026, 11, 20, 15, 0), [("mie", 2)], who=siti)
    with clock.frozen(datetime(2026, 11, 21, 11, 0)):
        c = Cart()
        c.add(items["beras"].id, items["beras"].name, 15_000, 1)
        park.void(c, "salah input", owner)
    return items


def test_week_totals_to_the_rupiah(week):
    r = report.build(WEEK)
    assert r.period == report.Period(date(2026, 11, 16), date(2026, 11, 22))
    t = r.totals
    assert (t.sales_count, t.refunds_count) == (4, 1)
    assert (t.gross, t.refunds, t.discounts, t.net) == (86_500, 3_500, 0, 83_000)
    assert (t.total, t.commission, t.net_revenue) == (83_000, 2_000, 81_000)
    assert (t.cost, t.margin, t.average_basket) == (47_800, 33_200, 21_625)
    assert r.compare(lambda t: t.total) == report.Change(previous=5_000, change=78_000, percent=1560.0)


def test_week_by_day_hour_channel_payment(week):
    r = report.build(WEEK)
    days = {d.date: (d.count, d.net) for d in r.by_day}
    assert days == {
        date(2026, 11, 16): (1, 33_500),
        date(2026, 11, 17): (1, 36_000),
        date(2026, 11, 18): (1, 10_000),
        date(2026, 11, 19): (0, -3_500),
        date(2026, 11, 20): (1, 7_000),
        date(2026, 11, 21): (0, 0),
        date(2026, 11, 22): (0, 0),
    }
    hours = {h.hour: h.total for h in r.by_hour if h.count}
    assert hours == {10: 33_500, 12: 36_000, 15: 7_000, 19: 10_000}
    channels = {c.code: (c.count, c.net, c.commission) for c in r.by_channel}
    assert channels == {"walk_in": (3, 73_000, 0), "gofood": (1, 10_000, 2_000)}
    payments = {p.method: (p.count, p.amount) for p in r.by_payment}
    assert payments == {"cash": (3, 37_000), "qris": (1, 36_000), "platform": (1, 10_000)}
    products = {p.name: (p.qty, p.net, p.cost, p.margin) for p in r.by_product}
    assert products["Indomie Goreng"] == (Decimal(2), 7_000, 5_800, 1_200)
    assert products["Bakso Urat"] == (Decimal(2), 36_000, 16_000, 20_000)
    assert sum(p.net for p in r.by_product) == r.totals.net
    assert [v.reason for v in r.voids] == ["salah input"] and r.voids[0].value == 15_000
    assert r.by_cashier[0].refunds == 3_500


def test_week_customers_and_loyalty(week):
    r = report.build(WEEK)
    c = r.customers
    assert (c.new, c.returning, c.repeat_rate) == (1, 1, 0.5)
    assert (c.member_sales, c.anonymous_sales, c.member_share) == (2, 2, 0.5)
    assert [t.name for t in c.top] == ["Budi", "Siti"]
    lo = r.loyalty
    assert (lo.points_issued, lo.points_outstanding, lo.liability) == (36 + 7, 5 + 36 + 7, 4_800)


def test_empty_and_refund_only_periods(week):
    empty = report.build(report.Period(date(2025, 1, 1), date(2025, 1, 31)))
    assert (empty.totals.sales_count, empty.totals.total, empty.totals.average_basket) == (0, 0, 0)
    assert len(empty.by_day) == 31 and empty.customers.repeat_rate == 0.0
    only = report.build(report.Period(date(2026, 11, 19), date(2026, 11, 19))).totals
    assert (only.sales_count, only.refunds, only.total) == (0, 3_500, -3_500)


def test_report_read_on_two_connections_equals_one(week):
    """build() adds up the products on a second connection beside the rest; inside a transaction it
    runs everything on one. Both give the same report."""
    from db.models import database

    beside = report.build(WEEK)
    with database.atomic():
        alone = report.build(WEEK)
    assert beside == replace(alone, generated_at=beside.generated_at)
    assert (beside.by_product[0].name, beside.by_product[0].net) == ("Bakso Urat", 36_000)


def test_a_products_sales_newest_first_across_days(week, owner):
    with clock.frozen(datetime(2026, 11, 22, 8, 0)):
        c = Cart()
        c.add(None, "Kerupuk", 1_000, 3)  # a line without a catalogue item
        sale.complete(c, [Tender("cash", 3_000)], owner)
    mie = [(r.kind, r.qty, r.total, r.customer) for r in report.product_sales(WEEK, week["mie"].id)]
    assert mie == [
        ("sale", Decimal(2), 7_000, "Siti"),
        ("refund", Decimal(-1), -3_500, ""),
        ("sale", Decimal(1), 3_500, ""),
    ]
    assert len(report.product_sales(WEEK, week["mie"].id, limit=2)) == 2  # stops at the limit
    assert [(r.qty, r.total) for r in report.product_sales(WEEK, None)] == [(Decimal(3), 3_000)]
    teh = report.product_sales(report.Period(date(2026, 11, 1), date(2026, 11, 30)), week["teh"].id)
    assert [(r.at.day, r.qty) for r in teh] == [(18, Decimal(2)), (10, Decimal(1))]  # two weeks, two days


def test_a_product_row_keeps_its_quantity_in_thousandths_and_prints_it_as_decimal_text():
    row = report.ProductRow(7, "Beras", "Sembako", 2_500, 37_500, 30_000, 7_500)
    assert (row.name, row.qty, row.net, row.margin, row.qty_milli) == (
        "Beras",
        Decimal("2.5"),
        37_500,
        7_500,
        2_500,
    )
    assert row.category == "Sembako"
    assert report_json.product_json(row) == {
        "product_id": 7,
        "name": "Beras",
        "category": "Sembako",
        "qty": "2.5",
        "net": 37_500,
        "cost": 30_000,
        "margin": 7_500,
    }
    assert [report_json.milli_text(m) for m in (3_000, 2_500, -250, 1)] == ["3", "2.5", "-0.25", "0.001"]
    with pytest.raises(AttributeError):
        row.harga  # noqa: B018


def test_bad_periods_are_refused():
    with pytest.raises(report.PeriodError):
        report.Period(date(2026, 11, 20), date(2026, 11, 1))
    with pytest.raises(report.PeriodError):
        report.iso_week("minggu lalu")
    assert report.last_week(date(2026, 11, 25)) == report.Period(date(2026, 11, 16), date(2026, 11, 22))
    assert report.last_month(date(2026, 3, 5)) == report.Period(date(2026, 2, 1), date(2026, 2, 28))


# --- property: every total equals a recomputation from the raw rows --------------------------------

ORDER = st.tuples(
    st.integers(0, 6),  # day of the week
    st.integers(7, 21),  # hour
    st.sampled_from(["walk_in", "gofood", "whatsapp"]),
    st.lists(
        st.tuples(st.sampled_from(["mie", "beras", "bakso", "teh"]), st.integers(1, 4)),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["cash", "qris", "transfer"]),
    st.booleans(),  # refund part of it?
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(orders=st.lists(ORDER, min_size=1, max_size=10))
def test_report_equals_brute_force(owner, orders):
    from db.models import database

    with database.atomic() as tx:
        items = small_shop(owner)
        channel.configure(
            "gofood", markup_rate=Decimal("0.2"), commission_rate=Decimal("0.2"), commission_fixed=1_000
        )
        for day, hour, code, pairs, method, give_back in orders:
            at = datetime(2026, 11, 16 + day, hour, 0)
            done = sell(items, owner, at, pairs, code=code, method="platform" if code == "gofood" else method)
            if give_back:
                line = SaleLine.select().where(SaleLine.sale == done).order_by(SaleLine.id).first()
                with clock.frozen(at + timedelta(minutes=5)):
                    refund.refund(done, {line.id: 1}, "kembali", owner)
        r = report.build(WEEK)
        rows = list(Sale.select())
        t = r.totals
        assert t.total == sum(s.total for s in rows)
        assert t.net == sum(s.gross - s.discount for s in rows)
        assert t.gross == sum(s.gross for s in rows if s.kind == "sale")
        assert t.commission == sum(s.commission for s in rows)
        assert t.cost == sum(s.cost for s in rows)
        assert t.sales_count == sum(1 for s in rows if s.kind == "sale")
        assert sum(d.net for d in r.by_day) == t.net
        assert sum(d.count for d in r.by_day) == t.sales_count
        assert sum(p.amount for p in r.by_payment) == t.total == sum(p.amount for p in Payment.select())
        assert sum(c.total for c in r.by_channel) == t.total
        assert sum(p.net for p in r.by_product) == sum(ln.total for ln in SaleLine.select())
        brute = defaultdict(int)
        for s in rows:
            brute[s.channel.code] += s.commission
        assert {c.code: c.commission for c in r.by_channel} == {k: v for k, v in brute.items()}
        per_product = defaultdict(int)
        for ln in SaleLine.select():
            per_product[ln.product_id] += ln.total
        assert {p.product_id: p.net for p in r.by_product} == dict(per_product)
        per_hour = defaultdict(int)
        for s in rows:
            if s.kind == "sale":
                per_hour[s.created_at.hour] += s.total
        assert {h.hour: h.total for h in r.by_hour if h.total} == dict(per_hour)
        assert summaries.differences(database.obj) == []  # the day books equal the raw rows
        tx.rollback()
    clock.set_fixed(NOW)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    orders=st.lists(st.tuples(st.integers(0, 20), ORDER), min_size=1, max_size=8),
    first=st.integers(0, 20),
    length=st.integers(1, 21),
)
def test_products_of_any_period_equal_the_lines_whole_weeks_or_not(owner, orders, first, length):
    """by_product reads whole weeks from the week book and the days around them from the day book: for
    any period over three weeks, each product's qty, net and cost equal its lines sold in the period."""
    from db.models import database

    with database.atomic() as tx:
        items = small_shop(owner)
        for day, (_d, hour, code, pairs, method, give_back) in orders:
            at = datetime(2026, 11, 9 + day, hour, 0)  # Monday 9 – Sunday 29 November
            done = sell(items, owner, at, pairs, code=code, method="platform" if code == "gofood" else method)
            if give_back:
                line = SaleLine.select().where(SaleLine.sale == done).order_by(SaleLine.id).first()
                with clock.frozen(at + timedelta(days=1)):  # the refund counts on the day it is made
                    refund.refund(done, {line.id: 1}, "kembali", owner)
        start = date(2026, 11, 9) + timedelta(days=first)
        period = report.Period(start, start + timedelta(days=length - 1))
        brute: dict[int, list] = defaultdict(lambda: [Decimal(0), 0, 0])
        for ln in SaleLine.select(SaleLine, Sale).join(Sale):
            if period.since <= ln.sale.created_at < period.until:
                row = brute[ln.product_id]
                row[0] += ln.qty
                row[1] += ln.total
                row[2] += ln.cost
        got = {p.product_id: [p.qty, p.net, p.cost] for p in report.by_product(period)}
        assert got == dict(brute)
        assert summaries.differences(database.obj) == []  # day and week books equal the raw rows
        tx.rollback()
    clock.set_fixed(NOW)


def test_whole_weeks_inside_a_period():
    assert report.whole_weeks(WEEK) == (date(2026, 11, 16), date(2026, 11, 16))
    november = report.Period(date(2026, 11, 1), date(2026, 11, 30))  # Sunday 1 – Monday 30
    assert report.whole_weeks(november) == (date(2026, 11, 2), date(2026, 11, 23))
    assert report.whole_weeks(report.Period(date(2026, 11, 17), date(2026, 11, 23))) is None
