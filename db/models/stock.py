"""Stock: suppliers, purchases, batches and the stock-move ledger."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from db.fields import QtyField
from db.models.base import BaseModel
from db.models.catalog import Product
from db.models.sales import SaleLine
from db.models.shop import User


class Supplier(BaseModel):
    name = CharField(max_length=120)
    phone = CharField(max_length=20, default="")
    lead_days = IntegerField(default=1)


class Purchase(BaseModel):
    supplier = ForeignKeyField(Supplier, null=True, backref="purchases")
    user = ForeignKeyField(User)
    created_at = DateTimeField()
    total = BigIntegerField(default=0)
    note = CharField(max_length=200, default="")


class Batch(BaseModel):
    """A perishable delivery with an expiry date; sales take the earliest-expiring batch first."""

    product = ForeignKeyField(Product, backref="batches")
    expires_on = DateField(index=True)
    qty_received = QtyField()
    qty_left = QtyField()
    unit_cost = BigIntegerField(default=0)
    received_at = DateTimeField()


class StockMove(BaseModel):
    product = ForeignKeyField(Product, backref="stock_moves", index=False)  # see COSTLY_INDEXES
    qty = QtyField()  # + in, - out
    kind = CharField(max_length=12)  # sale refund restock opname waste production gift
    unit_cost = BigIntegerField(default=0)
    sale_line = ForeignKeyField(SaleLine, null=True, backref="stock_moves", index=False)
    purchase = ForeignKeyField(Purchase, null=True, backref="moves", index=False)
    batch = ForeignKeyField(Batch, null=True, index=False)
    reason = CharField(max_length=200, default="")
    user = ForeignKeyField(User, null=True, index=False)
    created_at = DateTimeField()  # (kind, created_at) below serves every query by time

    class Meta:
        indexes = ((("kind", "created_at"), False),)  # waste in a period
