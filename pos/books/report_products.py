"""The report's products: per product from the week and day books (db/report_rows.py), per category from
those, and one product's sales in a period (the drill-down)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import partial

from peewee import JOIN

from db import fast, report_rows
from db.models import Customer, DayProduct, Sale, SaleLine
from pos.books.report_sales import as_date, in_days
from pos.books.report_values import CategoryRow, ProductRow, ProductSale
from pos.core.periods import Period


def whole_weeks(period: Period) -> tuple[date, date] | None:
    """The Mondays (the week book's key) of the first and last whole weeks inside the period, if any."""
    return report_rows.whole_weeks(period.start, period.end)


_PRODUCT_ROW = partial(tuple.__new__, ProductRow)  # a named row as it is, no Python per field


def by_product(period: Period) -> tuple[ProductRow, ...]:
    """Per product (by its catalogue name; one row for lines without a catalogue item, by the name they
    were sold under): qty, net, cost, margin (tax inside the price is owed to the state, not the shop's
    margin); best-selling first. Added up from the week and day books (db.report_rows.products); every
    figure comes out of the database ready, rows go into ProductRow unlooped."""
    found = report_rows.products(period.start, period.end)
    with fast.collector_paused():
        return tuple(map(_PRODUCT_ROW, found))


def by_category(products: tuple[ProductRow, ...]) -> tuple[CategoryRow, ...]:
    """Products added up by category (from by_product, so the two always agree)."""
    sums: dict[str, list[int]] = {}
    for _pid, _name, category, _qty, net, cost, margin in products:
        row = sums.get(category)
        if row is None:
            row = sums[category] = [0, 0, 0]
        row[0] += net
        row[1] += cost
        row[2] += margin
    out = [CategoryRow(c, n, k, m) for c, (n, k, m) in sums.items()]
    return tuple(sorted(out, key=lambda r: -r.net))


def product_sales(period: Period, product_id: int | None, limit: int = 500) -> list[ProductSale]:
    """The sales of one product in the period, newest first (clicking a product in the report lists
    them). The day book says on which days it sold; each of those days' sales is read by time (sale
    lines have no index by product: it would cost every sale a page per product sold)."""
    days = [
        as_date(d)
        for (d,) in DayProduct.select(DayProduct.day)
        .where(in_days(DayProduct, period), DayProduct.product_id == (product_id or 0))
        .order_by(DayProduct.day.desc())
        .tuples()
    ]
    out: list[ProductSale] = []
    for day in days:
        one_day = Period(day, day)
        rows = (
            SaleLine.select(
                Sale.number, Sale.created_at, Sale.kind, SaleLine.qty, SaleLine.total, Customer.name
            )
            .join(Sale)
            .join(Customer, JOIN.LEFT_OUTER)
            .where(
                Sale.created_at >= one_day.since,
                Sale.created_at < one_day.until,
                SaleLine.product == product_id,
            )
            .order_by(Sale.created_at.desc(), SaleLine.id.desc())
            .limit(limit - len(out))
            .tuples()
        )
        out += [ProductSale(n, at, k, Decimal(q), t, c or "") for n, at, k, q, t, c in rows]
        if len(out) >= limit:
            break
    return out
