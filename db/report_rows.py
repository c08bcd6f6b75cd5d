"""The report's SQL, written once: its product section (per product from the week and day books) and
its customer section (the period's members, the top ones first, with the counts over all of them)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, NamedTuple

from db import fast
from db.summaries import monday


class ProductSums(NamedTuple):
    """One product's sales in a period; `product_id` is None for the lines sold without a catalogue
    item (added up under the name they were sold by)."""

    product_id: int | None
    name: str
    category: str
    qty_milli: int  # whole thousandths, as the day books keep them
    net: int
    cost: int
    margin: int  # net less the tax inside the price and the cost


class TopMember(NamedTuple):
    customer_id: int
    name: str
    sales: int
    spent: int


class MemberCounts(NamedTuple):
    """Over every member who bought in the period."""

    members: int
    returning: int  # of them, first seen before the period
    member_sales: int
    returning_sales: int
    came_back: int  # members with two sales or more in the period


_SUMS = '"qty", "total", "included_tax" AS "included", "cost"'
_ADDED = 'SUM("qty") AS "qty", SUM("total") AS "total", SUM("included") AS "included", SUM("cost") AS "cost"'


def whole_weeks(start: date, end: date) -> tuple[date, date] | None:
    """The Mondays (the week book's key) of the first and last whole weeks inside start..end, if any."""
    first = monday(start + timedelta(days=6))  # the start's own Monday, else the next
    last = monday(end + timedelta(days=1)) - timedelta(days=7)  # ends by `end`
    return (first, last) if first <= last else None


def _product_sums(start: date, end: date) -> tuple[str, list[Any]]:
    """SQL giving one row per product (product_id, qty, total, included, cost) for start..end, and its
    parameters: whole weeks from the week book (a single week is read as it is, nothing to add up), the
    days before and after them from the day book."""
    if (end - start).days == 6 and start == monday(start):
        return f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" = ?', [start]
    weeks = whole_weeks(start, end)
    parts, params = [], []
    days = [(start, end)]
    if weeks:
        parts.append(f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" >= ? AND "week" <= ?')
        params += list(weeks)
        days = [(start, weeks[0] - timedelta(days=1)), (weeks[1] + timedelta(days=7), end)]
    for first, last in days:
        if first <= last:
            parts.append(f'SELECT "product_id", {_SUMS} FROM "day_product" WHERE "day" >= ? AND "day" <= ?')
            params += [first, last]
    union = " UNION ALL ".join(parts)
    return f'SELECT "product_id", {_ADDED} FROM ({union}) u GROUP BY "product_id"', params


_PRODUCT_SUMS = partial(tuple.__new__, ProductSums)  # a row from the cursor as it is, no Python per field


def products(start: date, end: date) -> list[ProductSums]:
    """Per product (by its catalogue name and category; one row for the lines without a catalogue item),
    best-selling first: added up from the week and day books (_product_sums), then joined, one lookup per
    product; every figure comes out of the database ready."""
    sums, params = _product_sums(start, end)
    found = fast.rows(
        'SELECT NULLIF(s."product_id", 0), COALESCE(p."name", (SELECT MAX("name") FROM "day_product" '
        'WHERE "day" >= ? AND "day" <= ? AND "product_id" = 0), \'\'), COALESCE(c."name", \'\'), '
        'CAST(s."qty" AS BIGINT), CAST(s."total" AS BIGINT), CAST(s."cost" AS BIGINT), '
        f'CAST(s."total" - s."included" - s."cost" AS BIGINT) FROM ({sums}) s '
        'LEFT JOIN "product" p ON p."id" = s."product_id" LEFT JOIN "category" c ON c."id" = p."category_id" '
        'ORDER BY s."total" DESC, s."product_id"',
        [start, end, *params],
    )
    with fast.collector_paused():
        return list(map(_PRODUCT_SUMS, found))


_MEMBERS = (  # each member who bought in the period, added up, joined to their first visit ever (kept on
    # the customer): known before the period or new
    'WITH "b" AS (SELECT "customer_id" AS "cid", COUNT(*) AS "n", SUM("total") AS "spent" FROM "sale" '
    'WHERE "created_at" >= ? AND "created_at" < ? AND "kind" = \'sale\' AND "customer_id" IS NOT NULL '
    'GROUP BY "customer_id"), "m" AS (SELECT "b".*, c."name", CASE WHEN c."first_visit" < ? THEN 1 ELSE 0 '
    'END AS "known" FROM "b" JOIN "customer" c ON c."id" = "b"."cid") '
)


def members(since: datetime, until: datetime, top: int) -> tuple[list[TopMember], MemberCounts]:
    """The `top` members who spent most in [since, until) (sales, not refunds), and the counts over all
    of them: one query, each row carrying the counts (window sums)."""
    found = fast.rows(
        _MEMBERS + 'SELECT "cid", "name", "n", "spent", COUNT(*) OVER (), SUM("known") OVER (), '
        'SUM("n") OVER (), SUM("known" * "n") OVER (), SUM(CASE WHEN "n" >= 2 THEN 1 ELSE 0 END) OVER () '
        f'FROM "m" ORDER BY "spent" DESC, "cid" LIMIT {int(top)}',
        [since, until, since],
    )
    counts = MemberCounts(*(int(v or 0) for v in found[0][4:])) if found else MemberCounts(0, 0, 0, 0, 0)
    return [TopMember(cid, name, int(n), int(spent)) for cid, name, n, spent, *_counts in found], counts
