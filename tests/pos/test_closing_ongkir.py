"""A closing sealed before the ongkir came out of Pendapatan bersih and Laba kotor is not reported as
changed sales: those two figures follow from the sealed total, commission, ongkir, tax and cost, which are
still compared."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

from pos.books import closing, report
from pos.core.cart import Cart
from pos.core.clock import frozen
from pos.counter import sale, shift
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


def test_a_closing_sealed_with_ongkir_in_revenue_still_verifies(owner, monkeypatch):
    with frozen(datetime(2026, 11, 22, 9, 0)):
        items = small_shop(owner, open_shift=False)
        shift.open_shift(owner, 100_000)
        c = Cart(channel="delivery", order_type="delivery")
        c.add(items["bakso"].id, "Bakso Urat", 18_000, 2)
        c.set_delivery(5_000, "Jl. Mawar 3")
        sale.complete(c, [Tender("cash", 41_000)], owner)
        shift.close_shift(owner, {100_000: 1, 20_000: 2, 1_000: 1})
    now = report.totals

    def as_before(period):  # the figures as Kasir sealed them until now: ongkir inside both
        t = now(period)
        return dataclasses.replace(
            t, net_revenue=t.net_revenue + t.delivery_fees, margin=t.margin + t.delivery_fees
        )

    monkeypatch.setattr(report, "totals", as_before)
    row = closing.close_day(date(2026, 11, 22), owner)
    monkeypatch.setattr(report, "totals", now)
    assert (
        row.totals["net_revenue"] == 41_000
        and report.totals(report.Period(row.period_start, row.period_end)).net_revenue == 36_000
    )
    problems: list[str] = []
    closing.check(problems)
    assert problems == []
