"""The counter's own reads and writes, in SQL written once (db.fast runs them without building a query):
the receipt number with the open shift, a cart already paid (and its member locked), what a sale needs of
its products, a member's visit."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from db import fast


class SaleFacts(NamedTuple):
    """What a sale needs of a product."""

    price: int  # the catalogue's list price
    cost: int  # moving-average unit cost
    tracked: bool  # stock kept for it
    warranty_days: int
    tax_category: str  # "standard" or "exempt"
    unit: str  # pcs, kg...: whether its quantity may be fractional (pos.core.units)
    serialised: bool  # each piece sold with its serial number (warranty)


class Taken(NamedTuple):
    number: int  # the register's next receipt number, taken
    shift_id: int | None  # its open shift: the latest (newest first, no scan of years), if not closed


def take_number(register_id: int) -> Taken | None:
    """Take the register's next gapless receipt number (inside the sale's transaction) and find its open
    shift, in one statement; None if the register's row is gone."""
    found = fast.one(
        'UPDATE "register" SET "last_number" = "last_number" + 1 WHERE "id" = ? RETURNING "last_number", '
        '(SELECT "id" FROM "shift" WHERE "register_id" = ? AND "closed_at" IS NULL '
        'ORDER BY "id" DESC LIMIT 1)',
        [register_id, register_id],
    )
    if found is None:
        return None
    return Taken(int(found[0]), None if found[1] is None else int(found[1]))


def number_of_cart(cart_uid: str, lock_member: int | None = None) -> str | None:
    """The receipt number of the sale this cart became, if it was paid. With `lock_member`, on
    PostgreSQL the member's row is locked in the same statement, until the sale commits: before their
    points, tab and stamps are checked, and first of the rows a sale locks (member, products, day books,
    journal)."""
    suffix = fast.for_update()
    if lock_member is None or not suffix:
        found = fast.scalar('SELECT "number" FROM "sale" WHERE "cart_uid" = ?', [cart_uid])
    else:
        found = fast.scalar(
            'SELECT (SELECT "number" FROM "sale" WHERE "cart_uid" = ?), '
            '(SELECT "id" FROM "customer" WHERE "id" = ?' + suffix + ")",
            [cart_uid, lock_member],
        )
    return None if found is None else str(found)


_FACTS = (
    'p."id", p."price", p."cost", p."track_stock", p."warranty_days", p."tax_category", p."unit", '
    'p."serialised"'
)


def _fact(row: tuple[Any, ...]) -> tuple[int, SaleFacts]:
    pid, price, cost, tracked, days, tax, unit, serial = row
    return int(pid), SaleFacts(
        int(price), int(cost), bool(tracked), int(days or 0), str(tax), str(unit or ""), bool(serial)
    )


def paid_and_facts(
    cart_uid: str, lock_member: int | None, product_ids: set[int]
) -> tuple[str | None, dict[int, SaleFacts]]:
    """`number_of_cart` (the member locked on PostgreSQL) and what a sale needs of these products, in one
    statement: a sale's first read, one round trip to the server instead of two. The member's row is still
    the first a sale locks; the products are read, not locked. The member's column is selected although
    nobody reads it: PostgreSQL drops a subquery's unused column, and with it the lock."""
    if not product_ids:
        return number_of_cart(cart_uid, lock_member), {}
    paid_check = 'SELECT "number" FROM "sale" WHERE "cart_uid" = ?'
    member_lock = 'SELECT "id" FROM "customer" WHERE "id" = ?' + fast.for_update()
    found = fast.rows(
        f'SELECT h."paid", h."member", {_FACTS} FROM (SELECT ({paid_check}) AS "paid", ({member_lock}) '
        'AS "member") h LEFT JOIN "product" p ON p."id" IN (?*)',
        [cart_uid, lock_member, *sorted(product_ids)],
    )
    paid = found[0][0] if found else None
    facts = dict(_fact(row[2:]) for row in found if row[2] is not None)
    return None if paid is None else str(paid), facts


def count_visit(customer_id: int, points_change: int, at: datetime) -> None:
    """A member's points balance, visits, first and last visit (segments and reports read these)."""
    fast.run(
        'UPDATE "customer" SET "points" = "points" + ?, "visits" = "visits" + 1, "last_visit" = ?, '
        '"first_visit" = COALESCE("first_visit", ?) WHERE "id" = ?',
        [points_change, at, at, customer_id],
    )


def points_of(customer_id: int) -> int:
    """A member's points balance now."""
    return int(fast.scalar('SELECT "points" FROM "customer" WHERE "id" = ?', [customer_id]) or 0)
