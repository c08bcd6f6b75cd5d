"""The bookkeeper's export's SQL, written once: every sale line and every payment of a period, streamed
in batches in the order the sales were made (nothing is held for the whole period). A refund's rows carry
the number of the sale it returns."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import partial
from typing import Any, NamedTuple

from db.models import database


class LineRow(NamedTuple):
    number: str
    created_at: datetime | str  # as the driver gives it: text on SQLite, a datetime on PostgreSQL
    kind: str
    refund_of: str  # a refund's original receipt number ('' for a sale)
    channel: str
    order_ref: str  # the platform's order number (sale.source_ref), '' when none
    cashier: str
    customer: str  # '' for a sale to no member
    name: str
    qty_milli: int  # whole thousandths
    unit_price: int
    discount: int
    tax: int
    total: int
    cost: int


class SaleRow(NamedTuple):
    """One sale or refund with its money: what the customer paid, the platform's commission, the ongkir
    passed on to the courier and what the shop keeps (total − commission − ongkir)."""

    number: str
    created_at: datetime | str  # as the driver gives it: text on SQLite, a datetime on PostgreSQL
    kind: str
    refund_of: str
    channel: str
    order_ref: str
    cashier: str
    customer: str
    net: int  # the items after discounts
    service: int
    tax: int
    delivery_fee: int
    rounding: int
    total: int
    commission: int
    kept: int


class PaymentRow(NamedTuple):
    number: str
    created_at: datetime | str  # as the driver gives it: text on SQLite, a datetime on PostgreSQL
    kind: str
    refund_of: str  # a refund's original receipt number ('' for a sale)
    order_ref: str  # the platform's order number (sale.source_ref), '' when none
    method: str
    amount: int
    tendered: int
    change: int
    reference: str


# What a line's and a receipt's rows both begin with: the receipt, its original, channel, order number,
# cashier and customer; and the joins that give them, and the period, in the order the sales were made.
_SALE_HEAD = (
    'SELECT s."number", s."created_at", s."kind", COALESCE(o."number", \'\'), ch."name", s."source_ref", '
    'u."name", COALESCE(cu."name", \'\'), '
)
_SALE_JOINS = (
    'LEFT JOIN "sale" o ON o."id" = s."refund_of_id" JOIN "channel" ch ON ch."id" = s."channel_id" '
    'JOIN "user" u ON u."id" = s."cashier_id" LEFT JOIN "customer" cu ON cu."id" = s."customer_id" '
)
_PERIOD = 'WHERE s."created_at" >= ? AND s."created_at" < ? ORDER BY s."id"'


def _stream(row_type: Any, sql: str, since: datetime, until: datetime) -> Iterator[Any]:
    cursor = database.execute_sql(sql.replace("?", database.param), [since, until])
    make = partial(tuple.__new__, row_type)  # a row from the cursor as it is, no Python per field
    while batch := cursor.fetchmany(2000):
        yield from map(make, batch)


def sale_lines(since: datetime, until: datetime) -> Iterator[LineRow]:
    """The lines of the sales and refunds made in [since, until), by sale, in their order on the sale."""
    return _stream(
        LineRow,
        _SALE_HEAD + 'l."name", l."qty", l."unit_price", l."discount", l."tax", l."total", l."cost" '
        'FROM "sale" s JOIN "sale_line" l ON l."sale_id" = s."id" '
        + _SALE_JOINS
        + _PERIOD
        + ', l."position"',
        since,
        until,
    )


def sales(since: datetime, until: datetime) -> Iterator[SaleRow]:
    """The sales and refunds made in [since, until), one row each, in the order they were made."""
    return _stream(
        SaleRow,
        _SALE_HEAD + 's."gross" - s."discount", s."service", s."tax", s."delivery_fee", s."rounding", '
        's."total", s."commission", s."net" - s."delivery_fee" FROM "sale" s ' + _SALE_JOINS + _PERIOD,
        since,
        until,
    )


def payments(since: datetime, until: datetime) -> Iterator[PaymentRow]:
    """The payments of the sales and refunds made in [since, until), by sale, in the order they were
    taken."""
    return _stream(
        PaymentRow,
        'SELECT s."number", s."created_at", s."kind", COALESCE(o."number", \'\'), s."source_ref", '
        'p."method", p."amount", p."tendered", p."change", p."reference" '
        'FROM "sale" s JOIN "payment" p ON p."sale_id" = s."id" '
        'LEFT JOIN "sale" o ON o."id" = s."refund_of_id" '
        'WHERE s."created_at" >= ? AND s."created_at" < ? ORDER BY s."id", p."id"',
        since,
        until,
    )
