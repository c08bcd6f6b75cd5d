"""Day books: sales, payments and products added up per day (products also per week), kept in the same
transaction as the sale.

`add` runs inside `pos.counter.sale.record` for every sale and refund (four upserts: one per sale, one per
payment method, one per product for the day and one for the week), so the books always equal the sums
of the history rows.
`rebuild` recomputes them from the history in one pass (schema upgrade, bulk-built bench shops) and
`differences` tells which days disagree (verify). Reports read whole days from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import peewee

from db.fields import to_milli
from db.pipeline import defer_fixed

SALE_SUMS = (
    "gross",
    "discount",
    "service",
    "tax",
    "delivery_fee",
    "rounding",
    "total",
    "commission",
    "net",
    "cost",
)
SALE_KEY = ("day", "hour", "channel_id", "cashier_id", "kind")
PRODUCT_SUMS = ("qty", "total", "included_tax", "cost")
_sql: dict[tuple[str, str, int], str] = {}


def _upsert(
    db: Any, table: str, key: tuple[str, ...], sums: tuple[str, ...], last: tuple[str, ...], rows: int
) -> str:
    """INSERT ... ON CONFLICT (key) DO UPDATE adding `sums` and taking `last` from the new row."""
    cache = (table, db.param, rows)
    text = _sql.get(cache)
    if text is None:
        columns = (*key, *sums, *last)
        one = "(" + ", ".join([db.param] * len(columns)) + ")"
        sets = [f'"{c}" = "{table}"."{c}" + excluded."{c}"' for c in sums]
        sets += [f'"{c}" = excluded."{c}"' for c in last]
        text = _sql[cache] = (
            f'INSERT INTO "{table}" ('
            + ", ".join(f'"{c}"' for c in columns)
            + ") VALUES "
            + ", ".join([one] * rows)
            + " ON CONFLICT ("
            + ", ".join(f'"{c}"' for c in key)
            + ") DO UPDATE SET "
            + ", ".join(sets)
        )
    return text


def add(
    db: Any,
    fields: Mapping[str, Any],
    lines: Iterable[Mapping[str, Any]],
    payments: Iterable[Mapping[str, Any]],
) -> None:
    """Add one sale or refund (the row values `pos.counter.sale.record` writes) to the day books."""
    at = fields["created_at"]
    day = at.date().isoformat()
    week = monday(at.date()).isoformat()
    defer_fixed(
        db,
        _upsert(db, "day_sales", SALE_KEY, ("count", *SALE_SUMS), (), 1),
        [
            day,
            at.hour,
            fields["channel"],
            fields["cashier"],
            fields["kind"],
            1,
            *(int(fields[f]) for f in SALE_SUMS),
        ],
    )
    methods: dict[str, list[int]] = {}
    for p in payments:
        row = methods.setdefault(p["method"], [0, 0])
        row[0] += 1
        row[1] += int(p["amount"])
    if methods:
        params: list[Any] = []
        for method, (count, amount) in sorted(methods.items()):  # rows locked in one order by every till
            params += [day, method, count, amount]
        defer_fixed(
            db, _upsert(db, "day_payment", ("day", "method"), ("count", "amount"), (), len(methods)), params
        )
    included = bool(fields["tax_included"])
    products: dict[int, list[Any]] = {}  # one row per product: PostgreSQL refuses a row twice in one upsert
    for ln in lines:
        pid = ln["product"] or 0
        row = products.setdefault(pid, [0, 0, 0, 0, ln["name"]])
        row[0] += to_milli(ln["qty"])
        row[1] += int(ln["total"])
        row[2] += int(ln["tax"]) if included else 0
        row[3] += int(ln["cost"])
        row[4] = ln["name"]
    if products:
        params = []
        for pid, (qty, total, tax, cost, name) in sorted(products.items()):
            params += [day, pid, qty, total, tax, cost, name]
        defer_fixed(
            db,
            _upsert(
                db,
                "day_product",
                ("day", "product_id"),
                PRODUCT_SUMS,
                ("name",),
                len(products),
            ),
            params,
        )
        params = []
        for pid, (qty, total, tax, cost, _name) in sorted(products.items()):
            params += [week, pid, qty, total, tax, cost]
        defer_fixed(
            db,
            _upsert(db, "week_product", ("week", "product_id"), PRODUCT_SUMS, (), len(products)),
            params,
        )


def monday(day: date) -> date:
    """The Monday of the ISO week `day` is in: the key of the week book."""
    return day - timedelta(days=day.weekday())


# --- recomputing from the history -------------------------------------------------------------------


def _day_hour(db: Any, column: str) -> tuple[str, str]:
    if isinstance(db, peewee.PostgresqlDatabase):
        return f"CAST({column} AS DATE)", f"CAST(EXTRACT(HOUR FROM {column}) AS INTEGER)"
    return f"DATE({column})", f"CAST(strftime('%H', {column}) AS INTEGER)"


def _week(db: Any, column: str) -> str:
    """SQL for the Monday of the week of a date column."""
    if isinstance(db, peewee.PostgresqlDatabase):
        return f"CAST(date_trunc('week', {column}) AS DATE)"
    return f"DATE({column}, '-' || ((CAST(strftime('%w', {column}) AS INTEGER) + 6) % 7) || ' days')"


def _recomputed(db: Any, names: bool = True) -> dict[str, str]:
    """SELECTs giving each day book's rows from the history (`names`: with the products' line names),
    each column named as in the book."""
    day, hour = _day_hour(db, 's."created_at"')
    sums = ", ".join(f'SUM(s."{c}") AS "{c}"' for c in SALE_SUMS)
    last_name = 'MAX(l."name") AS "name", ' if names else ""
    week = _week(db, '"day"')
    return {
        "day_sales": f'SELECT {day} AS "day", {hour} AS "hour", s."channel_id", s."cashier_id", s."kind", '
        f'COUNT(*) AS "count", {sums} FROM "sale" s GROUP BY 1, 2, 3, 4, 5',
        "day_payment": f'SELECT {day} AS "day", p."method", COUNT(*) AS "count", SUM(p."amount") AS "amount" '
        f'FROM "payment" p JOIN "sale" s ON s."id" = p."sale_id" GROUP BY 1, 2',
        "day_product": f'SELECT {day} AS "day", COALESCE(l."product_id", 0) AS "product_id", {last_name}'
        f'SUM(l."qty") AS "qty", SUM(l."total") AS "total", '
        f'SUM(CASE WHEN s."tax_included" THEN l."tax" ELSE 0 END) AS "included_tax", SUM(l."cost") AS "cost" '
        f'FROM "sale_line" l JOIN "sale" s ON s."id" = l."sale_id" GROUP BY 1, 2',
        # the week book from the day book (itself checked against the history): far fewer rows to read
        "week_product": f'SELECT {week} AS "week", "product_id", '
        'SUM("qty") AS "qty", SUM("total") AS "total", SUM("included_tax") AS "included_tax", '
        'SUM("cost") AS "cost" FROM "day_product" GROUP BY 1, 2',
    }


COLUMNS = {
    "day_sales": ("day", "hour", "channel_id", "cashier_id", "kind", "count", *SALE_SUMS),
    "day_payment": ("day", "method", "count", "amount"),
    "day_product": ("day", "product_id", "name", "qty", "total", "included_tax", "cost"),
    "week_product": ("week", "product_id", "qty", "total", "included_tax", "cost"),
}


def rebuild(db: Any, only: tuple[str, ...] = ()) -> None:
    """Recompute every day book (or `only` these) from the sales, lines and payments, in order (the week
    book from the day book), inside the caller's transaction."""
    for table, select in _recomputed(db).items():
        if only and table not in only:
            continue
        db.execute_sql(f'DELETE FROM "{table}"')
        columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
        db.execute_sql(f'INSERT INTO "{table}" ({columns}) {select}')


def differences(db: Any) -> list[str]:
    """Days on which a day book does not equal the sums of the history (empty when all agree). Each sum
    is computed once into a temporary table, then compared both ways."""
    days: set[str] = set()
    for table, fresh in _recomputed(db, names=False).items():
        columns = ", ".join(f'"{c}"' for c in COLUMNS[table] if c != "name")
        db.execute_sql(f'DROP TABLE IF EXISTS "fresh_{table}"')
        db.execute_sql(f'CREATE TEMPORARY TABLE "fresh_{table}" AS {fresh}')
        kept = f'SELECT {columns} FROM "{table}"'
        again = f'SELECT * FROM "fresh_{table}"'
        try:
            for query in (f"{kept} EXCEPT {again}", f"{again} EXCEPT {kept}"):
                days.update(str(row[0])[:10] for row in db.execute_sql(query).fetchall())
        finally:
            db.execute_sql(f'DROP TABLE "fresh_{table}"')
    return sorted(days)
