"""Audit: closings and the tamper-evident journal."""

from __future__ import annotations

from peewee import (
    SQL,
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.fields import JSONField
from db.models.base import BaseModel
from db.models.shop import User


class Closing(BaseModel):
    """A daily or monthly closing: numbered, stored once, never changed."""

    kind = CharField(max_length=8)  # daily | monthly
    number = IntegerField()
    period_start = DateField()
    period_end = DateField()
    totals = JSONField()
    grand_total = BigIntegerField()  # perpetual, carried from closing to closing
    user = ForeignKeyField(User)
    created_at = DateTimeField()

    class Meta:
        indexes = ((("kind", "number"), True),)


class JournalEntry(BaseModel):
    """The tamper-evident chain: each entry hashes its content with the previous entry's hash."""

    seq = BigIntegerField(unique=True)
    created_at = DateTimeField()
    register = CharField(max_length=10)
    user = CharField(max_length=80)
    event = CharField(max_length=30)
    content = TextField()  # canonical JSON
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)


# The journal by event and time for every event but a sale (voids, closings, cash moves...): reports and
# verify find those by it, and a sale's entry writes no page to it. A query is served only
# when its WHERE holds the same term: add NOT_A_SALE.
JOURNAL_EVENTS_INDEX = (
    'CREATE INDEX IF NOT EXISTS "journal_entry_event_created_at" ON "journal_entry" ("event", "created_at") '
    "WHERE \"event\" <> 'sale'"
)
JournalEntry.add_index(SQL(JOURNAL_EVENTS_INDEX))
NOT_A_SALE = SQL("\"event\" <> 'sale'")
