"""Customers with their phones and delivery addresses."""

from __future__ import annotations

from peewee import (
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.models.base import BaseModel


class Customer(BaseModel):
    phone = CharField(unique=True, max_length=20, null=True)  # normalised 62..., the identity
    name = CharField(max_length=120)
    search_name = CharField(max_length=120, index=True)
    birthday = DateField(null=True)
    notes = TextField(default="")
    tags = CharField(max_length=200, default="")
    wa_consent = BooleanField(default=False)
    credit_limit = BigIntegerField(default=0)  # kasbon limit
    kasbon = BigIntegerField(default=0, index=True)  # balance of kasbon_entry (indexed)
    points = BigIntegerField(default=0)  # balance of loyalty_entry; their sum: Balance 'points'
    tier = CharField(max_length=20, default="")
    merged_into = ForeignKeyField("self", null=True, backref="merged")
    active = BooleanField(default=True)  # deactivated: out of the counter's search, kept in history
    # kept in the sale's transaction: segments and reports read these, not every sale
    visits = IntegerField(default=0)
    first_visit = DateTimeField(null=True)
    last_visit = DateTimeField(null=True, index=True)
    created_at = DateTimeField()


class CustomerPhone(BaseModel):
    """A customer's other numbers (normalised 62...): found like the main one, unique across customers."""

    customer = ForeignKeyField(Customer, backref="other_phones", on_delete="CASCADE")
    phone = CharField(unique=True, max_length=20)

    class Meta:
        table_name = "customer_other_phone"  # "customer_phone" is the name of customer.phone's index


class CustomerAddress(BaseModel):
    customer = ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    label = CharField(max_length=40, default="Rumah")
    address = TextField()
