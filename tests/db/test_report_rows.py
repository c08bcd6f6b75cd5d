"""The report's product and member sums (db/report_rows.py), with exact rupiah."""

from __future__ import annotations

from datetime import date, datetime

from db import report_rows
from db.report_rows import MemberCounts, ProductSums, TopMember
from pos.core import clock
from pos.core.cart import Cart
from pos.counter import sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


def _sell(owner, at, lines, customer_id=None):
    with clock.frozen(at):
        c = Cart(customer_id=customer_id)
        for product_id, name, price, qty in lines:
            c.add(product_id, name, price, qty)
        return sale.complete(c, [Tender("cash", sum(price * qty for *_x, price, qty in lines))], owner)


def _week_of_sales(owner):
    items = small_shop(owner)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    siti = customer.create_customer("0812-3333-4444", "Siti")
    mie, teh, beras = items["mie"], items["teh"], items["beras"]
    _sell(  # Monday 16 November
        owner,
        datetime(2026, 11, 16, 9, 0),
        [(mie.id, mie.name, 3_500, 2), (None, "Kerupuk", 1_000, 1)],
        budi.id,
    )
    _sell(owner, datetime(2026, 11, 19, 9, 0), [(teh.id, teh.name, 5_000, 1)], budi.id)  # Thursday
    _sell(owner, datetime(2026, 11, 24, 9, 0), [(beras.id, beras.name, 15_000, 1)], siti.id)  # Tuesday
    return items, budi, siti


def test_products_from_the_week_book_and_the_days_around_it(any_owner):
    owner = any_owner
    items, _budi, _siti = _week_of_sales(owner)
    mie, teh, beras = items["mie"], items["teh"], items["beras"]
    week = [
        ProductSums(mie.id, "Indomie Goreng", "Makanan", 2_000, 7_000, 5_800, 1_200),
        ProductSums(teh.id, "Es Teh Manis", "Makanan", 1_000, 5_000, 1_000, 4_000),
        ProductSums(None, "Kerupuk", "", 1_000, 1_000, 0, 1_000),
    ]
    assert report_rows.products(date(2026, 11, 16), date(2026, 11, 22)) == week  # the week book alone
    assert report_rows.products(date(2026, 11, 15), date(2026, 11, 24)) == [  # days, a week, days
        ProductSums(beras.id, "Beras Pandan Wangi", "", 1_000, 15_000, 12_000, 3_000),
        *week,
    ]
    assert report_rows.products(date(2026, 11, 19), date(2026, 11, 24)) == [  # days only
        ProductSums(beras.id, "Beras Pandan Wangi", "", 1_000, 15_000, 12_000, 3_000),
        ProductSums(teh.id, "Es Teh Manis", "Makanan", 1_000, 5_000, 1_000, 4_000),
    ]
    assert report_rows.products(date(2026, 11, 25), date(2026, 11, 30)) == []


def test_whole_weeks_between_two_days():
    assert report_rows.whole_weeks(date(2026, 11, 15), date(2026, 11, 24)) == (
        date(2026, 11, 16),
        date(2026, 11, 16),
    )
    assert report_rows.whole_weeks(date(2026, 11, 17), date(2026, 11, 23)) is None


def test_members_top_first_with_the_counts_over_all_of_them(any_owner):
    owner = any_owner
    _items, budi, siti = _week_of_sales(owner)
    since, until = datetime(2026, 11, 16), datetime(2026, 11, 25)
    top, counts = report_rows.members(since, until, 2)
    assert top == [TopMember(siti.id, "Siti", 1, 15_000), TopMember(budi.id, "Budi", 2, 13_000)]
    assert counts == MemberCounts(members=2, returning=0, member_sales=3, returning_sales=0, came_back=1)
    assert report_rows.members(since, until, 1) == ([TopMember(siti.id, "Siti", 1, 15_000)], counts)
    # from Thursday on Budi is known (his first visit was on Monday), Siti is new
    assert report_rows.members(datetime(2026, 11, 19), until, 10)[1] == MemberCounts(2, 1, 2, 1, 0)
    assert report_rows.members(datetime(2026, 11, 25), datetime(2026, 11, 26), 10) == (
        [],
        MemberCounts(0, 0, 0, 0, 0),
    )
