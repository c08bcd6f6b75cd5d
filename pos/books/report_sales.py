"""The report's sales figures, from the day books (db/summaries.py: sales and payments added up per day
in each sale's transaction): the totals, per day, hour, channel, payment method and cashier; and the
orders voided at the counter, from the journal."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from peewee import Case, fn

from db import summaries
from db.models import NOT_A_SALE, Channel, DayPayment, DaySales, JournalEntry, User
from pos.books.report_values import CashierRow, ChannelRow, DayRow, HourRow, PaymentRow, Totals, VoidRow
from pos.core.money import line_amount
from pos.core.periods import Period
from pos.counter.payment import method_name

TOTAL_FIELDS = summaries.SALE_SUMS  # the day book adds up the same Sale columns


def as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def as_int(value: Any) -> int:
    return int(value or 0)


def in_days(book: Any, period: Period) -> Any:
    return (book.day >= period.start) & (book.day <= period.end)


def _sales_only(value: Any) -> Any:
    return fn.SUM(Case(None, [(DaySales.kind == "sale", value)], 0))


def totals(period: Period) -> Totals:
    """The headline figures (one grouped query over the day book)."""
    sums = [fn.COALESCE(fn.SUM(getattr(DaySales, f)), 0) for f in TOTAL_FIELDS]
    rows = {
        kind: [int(count), *(int(v) for v in values)]
        for kind, count, *values in DaySales.select(DaySales.kind, fn.SUM(DaySales.count), *sums)
        .where(in_days(DaySales, period))
        .group_by(DaySales.kind)
        .tuples()
    }
    zero = [0] * (len(TOTAL_FIELDS) + 1)
    sold, back = rows.get("sale", zero), rows.get("refund", zero)
    both = {f: sold[i + 1] + back[i + 1] for i, f in enumerate(TOTAL_FIELDS)}
    count = sold[0]
    net = both["gross"] - both["discount"]
    added_tax = both["total"] - net - both["service"] - both["delivery_fee"] - both["rounding"]
    return Totals(
        sales_count=count,
        refunds_count=back[0],
        gross=sold[1],
        refunds=-back[TOTAL_FIELDS.index("total") + 1],
        discounts=both["discount"],
        net=net,
        tax=both["tax"],
        service=both["service"],
        delivery_fees=both["delivery_fee"],
        rounding=both["rounding"],
        total=both["total"],
        commission=both["commission"],
        net_revenue=both["net"] - both["delivery_fee"],  # the ongkir is the courier's, not the shop's
        cost=both["cost"],
        margin=both["net"] - both["delivery_fee"] - both["tax"] - both["cost"],
        average_basket=sold[TOTAL_FIELDS.index("total") + 1] // count if count else 0,
        # the same figures split as the summary shows them (every sale's total is its items after
        # discounts + service + added tax + ongkir + rounding, refunds alike, so these are exact):
        discounts_given=sold[TOTAL_FIELDS.index("discount") + 1],
        refunded_items=-(back[1] - back[TOTAL_FIELDS.index("discount") + 1]),
        added_tax=added_tax,
        included_tax=both["tax"] - added_tax,
        sales_ex_tax=net + both["service"] - (both["tax"] - added_tax),
    )


def by_day(period: Period) -> tuple[DayRow, ...]:
    """Every day of the period (also the quiet ones), with sales count, net, total, commission and ongkir."""
    found = {
        as_date(d): (int(c), int(n), int(t), int(k), int(f))
        for d, c, n, t, k, f in DaySales.select(
            DaySales.day,
            _sales_only(DaySales.count),
            fn.SUM(DaySales.gross - DaySales.discount),
            fn.SUM(DaySales.total),
            fn.SUM(DaySales.commission),
            fn.SUM(DaySales.delivery_fee),
        )
        .where(in_days(DaySales, period))
        .group_by(DaySales.day)
        .tuples()
    }
    out = []
    for i in range(period.days):
        d = period.start + timedelta(days=i)
        out.append(DayRow(d, *found.get(d, (0, 0, 0, 0, 0))))
    return tuple(out)


def by_day_channel(period: Period) -> dict[str, dict[date, int]]:
    """{channel name: {day: net}} for the stacked daily chart."""
    out: dict[str, dict[date, int]] = {}
    for d, name, net in (
        DaySales.select(DaySales.day, Channel.name, fn.SUM(DaySales.gross - DaySales.discount))
        .join(Channel, on=(DaySales.channel_id == Channel.id))
        .where(in_days(DaySales, period))
        .group_by(DaySales.day, Channel.name)
        .tuples()
    ):
        out.setdefault(name, {})[as_date(d)] = int(net)
    return out


def by_hour(period: Period) -> tuple[HourRow, ...]:
    found = {
        int(h): (int(c), int(t))
        for h, c, t in DaySales.select(DaySales.hour, fn.SUM(DaySales.count), fn.SUM(DaySales.total))
        .where(in_days(DaySales, period), DaySales.kind == "sale")
        .group_by(DaySales.hour)
        .tuples()
    }
    return tuple(HourRow(h, *found.get(h, (0, 0))) for h in range(24))


def by_channel(period: Period) -> tuple[ChannelRow, ...]:
    rows = (
        DaySales.select(
            Channel.code,
            Channel.name,
            _sales_only(DaySales.count),
            fn.SUM(DaySales.gross - DaySales.discount),
            fn.SUM(DaySales.total),
            fn.SUM(DaySales.commission),
            fn.SUM(DaySales.net - DaySales.delivery_fee),  # the ongkir goes on to the courier
        )
        .join(Channel, on=(DaySales.channel_id == Channel.id))
        .where(in_days(DaySales, period))
        .group_by(Channel.code, Channel.name)
        .order_by(fn.SUM(DaySales.total).desc())
        .tuples()
    )
    return tuple(
        ChannelRow(code, name, as_int(c), as_int(n), as_int(t), as_int(k), as_int(r))
        for code, name, c, n, t, k, r in rows
    )


def by_payment(period: Period) -> tuple[PaymentRow, ...]:
    rows = (
        DayPayment.select(DayPayment.method, fn.SUM(DayPayment.count), fn.SUM(DayPayment.amount))
        .where(in_days(DayPayment, period))
        .group_by(DayPayment.method)
        .order_by(fn.SUM(DayPayment.amount).desc())
        .tuples()
    )
    return tuple(PaymentRow(m, method_name(m), as_int(c), as_int(a)) for m, c, a in rows)


def by_cashier(period: Period) -> tuple[CashierRow, ...]:
    rows = (
        DaySales.select(
            User.name,
            _sales_only(DaySales.count),
            _sales_only(DaySales.total),
            fn.SUM(Case(None, [(DaySales.kind == "refund", DaySales.count)], 0)),
            fn.SUM(Case(None, [(DaySales.kind == "refund", DaySales.total * -1)], 0)),
        )
        .join(User, on=(DaySales.cashier_id == User.id))
        .where(in_days(DaySales, period))
        .group_by(User.name)
        .order_by(User.name)
        .tuples()
    )
    return tuple(CashierRow(n, as_int(c), as_int(t), as_int(rc), as_int(r)) for n, c, t, rc, r in rows)


def voids(period: Period) -> tuple[VoidRow, ...]:
    """Orders voided at the counter, and lines taken off an order (from the journal: who, why, what it was
    worth; a line's reason after its name)."""
    out = []
    for entry in (
        JournalEntry.select(
            JournalEntry.user, JournalEntry.content, JournalEntry.created_at, JournalEntry.event
        )
        .where(
            JournalEntry.event.in_(("void", "void_line")),
            NOT_A_SALE,
            JournalEntry.created_at >= period.since,
            JournalEntry.created_at < period.until,
        )
        .order_by(JournalEntry.created_at, JournalEntry.seq)
    ):
        body = json.loads(entry.content)
        value = sum(line_amount(Decimal(qty), price) for _pid, qty, price in body.get("lines", []))
        at = entry.created_at
        if not isinstance(at, datetime):
            at = datetime.fromisoformat(str(at))
        why = str(body.get("reason", ""))
        if entry.event == "void_line":
            why = " — ".join(part for part in (str(body.get("name", "")), why) if part)
        out.append(VoidRow(at, entry.user, why, value))
    return tuple(out)
