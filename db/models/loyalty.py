"""Loyalty: programs, the points ledger, stamp cards, vouchers, kasbon (store credit) and outreach."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from db.fields import JSONField
from db.models.base import BaseModel
from db.models.customers import Customer
from db.models.sales import Sale
from db.models.shop import User


class LoyaltyProgram(BaseModel):
    kind = CharField(max_length=12)  # points | stamps | tier | gift | birthday
    name = CharField(max_length=80)
    rules = JSONField()
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    active = BooleanField(default=True)


class LoyaltyEntry(BaseModel):
    """Append-only: earn, redeem, expire, adjust, reverse (points) and stamp, stamp_reward (stamps)."""

    customer = ForeignKeyField(Customer, backref="loyalty_entries")
    program = ForeignKeyField(LoyaltyProgram, null=True, index=False)
    kind = CharField(max_length=14)
    points = BigIntegerField(default=0)
    stamps = IntegerField(default=0)
    sale = ForeignKeyField(Sale, null=True, backref="loyalty_entries")
    expires_on = DateField(null=True)
    user = ForeignKeyField(User, null=True, index=False)
    note = CharField(max_length=200, default="")
    created_at = DateTimeField(index=True)


class StampCard(BaseModel):
    """A customer's progress on one stamp program; balance of the stamp entries."""

    customer = ForeignKeyField(Customer, backref="stamp_cards")
    program = ForeignKeyField(LoyaltyProgram)
    stamps = IntegerField(default=0)
    rewards_earned = IntegerField(default=0)

    class Meta:
        indexes = ((("customer", "program"), True),)


class Voucher(BaseModel):
    code = CharField(unique=True, max_length=20)
    kind = CharField(max_length=6)  # rp | pct
    value = BigIntegerField()  # rupiah, or whole percent
    min_spend = BigIntegerField(default=0)
    expires_on = DateField(null=True)
    channels = JSONField(default=list)  # empty: every channel
    state = CharField(max_length=10, default="issued")  # issued | redeemed | expired | cancelled
    customer = ForeignKeyField(Customer, null=True, backref="vouchers")
    campaign = CharField(max_length=80, default="")
    issued_by = ForeignKeyField(User, null=True)
    issued_at = DateTimeField()
    redeemed_sale = ForeignKeyField(Sale, null=True, backref="vouchers")
    redeemed_at = DateTimeField(null=True)


class KasbonEntry(BaseModel):
    """The customer's tab: + a sale on credit, - a payment against it."""

    customer = ForeignKeyField(Customer, backref="kasbon_entries")
    amount = BigIntegerField()
    sale = ForeignKeyField(Sale, null=True)
    method = CharField(max_length=20, default="")
    user = ForeignKeyField(User)
    created_at = DateTimeField()


class Outreach(BaseModel):
    """Who was contacted on WhatsApp, with which template, and when."""

    customer = ForeignKeyField(Customer, backref="outreach")
    template = CharField(max_length=40)
    user = ForeignKeyField(User)
    created_at = DateTimeField()
