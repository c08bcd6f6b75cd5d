"""The counter's own reads and writes, in SQL written once (db.fast runs them without building a query):
the open shift, a cart already paid, the stock facts of a cart's products, a member locked, a member's
visit."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from db import fast


class StockFacts(NamedTuple):
    """What a sale needs of a product beyond its price."""

    cost: int  # moving-average unit cost
    tracked: bool  # stock kept for it
    warranty_days: int


def open_shift_id(register_id: int) -> int | None:
    """The register's open shift: its latest (newest first, no scan of years), if not closed."""
    found = fast.scalar(
        'SELECT "id" FROM "shift" WHERE "register_id" = ? AND "closed_at" IS NULL ORDER BY "id" DESC LIMIT 1',
        [register_id],
    )
    return None if found is None else int(found)


def number_of_cart(cart_uid: str) -> str | None:
    """The receipt number of the sale this cart became, if it was paid."""
    found = fast.scalar('SELECT "number" FROM "sale" WHERE "cart_uid" = ?', [cart_uid])
    return None if found is None else str(found)


def stock_facts(product_ids: set[int]) -> dict[int, StockFacts]:
    if not product_ids:
        return {}
    found = fast.rows(
        'SELECT "id", "cost", "track_stock", "warranty_days" FROM "product" WHERE "id" IN (?*)',
        sorted(product_ids),
    )
    return {
        int(pid): StockFacts(int(cost), bool(tracked), int(days or 0)) for pid, cost, tracked, days in found
    }


def lock_customer(customer_id: int) -> None:
    """On PostgreSQL, lock the member's row until the sale commits: before its points, tab and stamps are
    checked, and first of the rows a sale locks (customer, products, day books, journal)."""
    suffix = fast.for_update()
    if suffix:
        fast.one('SELECT "id" FROM "customer" WHERE "id" = ?' + suffix, [customer_id])


def count_visit(customer_id: int, points_change: int, at: datetime) -> None:
    """A member's points balance, visits, first and last visit (segments and reports read these)."""
    fast.one(
        'UPDATE "customer" SET "points" = "points" + ?, "visits" = "visits" + 1, "last_visit" = ?, '
        '"first_visit" = COALESCE("first_visit", ?) WHERE "id" = ? RETURNING "visits"',
        [points_change, at, at, customer_id],
    )


def points_of(customer_id: int) -> int:
    """A member's points balance now."""
    return int(fast.scalar('SELECT "points" FROM "customer" WHERE "id" = ?', [customer_id]) or 0)
