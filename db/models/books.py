"""Day books: sums kept beside the history for reports."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    CharField,
    CompositeKey,
    DateField,
    IntegerField,
    SqliteDatabase,
)

from db.fields import QtyField
from db.models.base import BaseModel


class DaySales(BaseModel):
    """Sales and refunds added up by day, hour, channel, cashier and kind. Written in the sale's (or the
    refund's) transaction by db.summaries, so a year's report reads thousands of rows, not a million sales.
    Money columns are the sums of the same Sale columns; `count` is the number of sales or refunds."""

    day = DateField()
    hour = IntegerField()
    channel_id = IntegerField()
    cashier_id = IntegerField()
    kind = CharField(max_length=10)
    count = IntegerField(default=0)
    gross = BigIntegerField(default=0)
    discount = BigIntegerField(default=0)
    service = BigIntegerField(default=0)
    tax = BigIntegerField(default=0)
    delivery_fee = BigIntegerField(default=0)
    rounding = BigIntegerField(default=0)
    total = BigIntegerField(default=0)
    commission = BigIntegerField(default=0)
    net = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "hour", "channel_id", "cashier_id", "kind")


class DayPayment(BaseModel):
    """Payments added up by day and method (negative on refunds), kept like DaySales."""

    day = DateField()
    method = CharField(max_length=20)
    count = IntegerField(default=0)
    amount = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "method")


class DayProduct(BaseModel):
    """Sale lines added up by day and product (product_id 0: lines without a catalogue item), kept like
    DaySales. `included_tax` is the tax inside the prices (owed to the state, not the shop's margin)."""

    day = DateField()
    product_id = IntegerField()
    name = CharField(max_length=200)  # as printed on the day's last line
    qty = QtyField(default=0)
    total = BigIntegerField(default=0)
    included_tax = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "product_id")


class WeekProduct(BaseModel):
    """Sale lines added up by week (its Monday) and product, kept like DayProduct in the same upsert
    pass: a week's products are one row each, ready, instead of seven days to add up."""

    week = DateField()  # the Monday of the ISO week, in the shop's time
    product_id = IntegerField()
    qty = QtyField(default=0)
    total = BigIntegerField(default=0)
    included_tax = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("week", "product_id")


DAY_BOOKS = (DaySales, DayPayment, DayProduct, WeekProduct)


def cluster_day_books(db: object) -> None:
    """On SQLite the day books are WITHOUT ROWID tables: rows live in their key's b-tree, so a week is
    a run of neighbouring pages and a sale's upsert touches one b-tree instead of a table and its index.
    PostgreSQL has no such option (peewee would write it for any database)."""
    for model in DAY_BOOKS:
        model._meta.without_rowid = isinstance(db, SqliteDatabase)
