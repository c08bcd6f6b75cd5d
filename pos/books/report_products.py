"""The report's products: per product from the week and day books (db/summaries.py), per category from
those, and one product's sales in a period (the drill-down)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from peewee import JOIN

from db import fast, summaries
from db.models import Customer, DayProduct, Sale, SaleLine
from pos.books.report_sales import as_date, in_days
from pos.books.report_values import CategoryRow, ProductRow, ProductSale
from pos.core.periods import Period

_SUMS = '"qty", "total", "included_tax" AS "included", "cost"'
_ADDED = 'SUM("qty") AS "qty", SUM("total") AS "total", SUM("included") AS "included", SUM("cost") AS "cost"'


def whole_weeks(period: Period) -> tuple[date, date] | None:
    """The Mondays (the week book's key) of the first and last whole weeks inside the period, if any."""
    first = summaries.monday(period.start + timedelta(days=6))  # the start's own Monday, else the next
    last = summaries.monday(period.end + timedelta(days=1)) - timedelta(days=7)  # ends by period.end
    return (first, last) if first <= last else None


def _product_sums(period: Period) -> tuple[str, list[Any]]:
    """SQL giving one row per product (product_id, qty, total, included, cost) for the period, and its
    parameters: whole weeks from the week book (a single week is read as it is, nothing to add up), the
    days before and after them from the day book."""
    if period.days == 7 and period.start == summaries.monday(period.start):
        return f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" = ?', [period.start]
    weeks = whole_weeks(period)
    parts, params = [], []
    days = [(period.start, period.end)]
    if weeks:
        parts.append(f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" >= ? AND "week" <= ?')
        params += list(weeks)
        days = [(period.start, weeks[0] - timedelta(days=1)), (weeks[1] + timedelta(days=7), period.end)]
    for first, last in days:
        if first <= last:
            parts.append(f'SELECT "product_id", {_SUMS} FROM "day_product" WHERE "day" >= ? AND "day" <= ?')
            params += [first, last]
    union = " UNION ALL ".join(parts)
    return f'SELECT "product_id", {_ADDED} FROM ({union}) u GROUP BY "product_id"', params


_PRODUCT_ROW = partial(tuple.__new__, ProductRow)  # a row from the cursor as it is, no Python per field


def by_product(period: Period) -> tuple[ProductRow, ...]:
    """Per product (by its catalogue name; one row for lines without a catalogue item, by the name they
    were sold under): qty, net, cost, margin (tax inside the price is owed to the state, not the shop's
    margin); best-selling first. Added up from the week and day books first (_product_sums), then joined
    (one lookup per product); every figure comes out of the database ready, rows go from the cursor into
    ProductRow unlooped."""
    sums, params = _product_sums(period)
    found = fast.rows(
        'SELECT NULLIF(s."product_id", 0), COALESCE(p."name", (SELECT MAX("name") FROM "day_product" '
        'WHERE "day" >= ? AND "day" <= ? AND "product_id" = 0), \'\'), COALESCE(c."name", \'\'), '
        'CAST(s."qty" AS BIGINT), CAST(s."total" AS BIGINT), CAST(s."cost" AS BIGINT), '
        f'CAST(s."total" - s."included" - s."cost" AS BIGINT) FROM ({sums}) s '
        'LEFT JOIN "product" p ON p."id" = s."product_id" LEFT JOIN "category" c ON c."id" = p."category_id" '
        'ORDER BY s."total" DESC, s."product_id"',
        [period.start, period.end, *params],
    )
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
