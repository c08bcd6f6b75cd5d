"""The customers' SQL, written once: who holds a phone number, and how many customers are in each
repeat-visit segment (the owner's dashboard), counted in one pass over the visit figures kept on each
customer."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

import peewee

from db import fast
from db.models import Customer, database


class SegmentRules(NamedTuple):
    """pos.customers.segments.classify's rules: the segments' names, and the days and visits between them."""

    occasional: str  # no visit, or none of the others
    lapsed: str  # no visit for more than `lapsed_after` days
    new: str  # first visit within `new_days`, at most `new_visits` visits
    at_risk: str  # two visits or more, away longer than `at_risk_days` and twice the usual gap
    regular: str  # `regular_visits` or more, none of the above
    lapsed_after: int
    new_days: int
    new_visits: int
    at_risk_days: float
    regular_visits: int


def segment_counts(now: datetime, rules: SegmentRules) -> dict[str, int] | None:
    """{segment: customers} of the customers not merged into another (those in no segment are not
    listed); None on PostgreSQL, which has no julianday: the caller classifies there."""
    if not isinstance(database.obj, peewee.SqliteDatabase):
        return None
    day = "julianday(?)"
    since = f'CAST({day} - julianday("last_visit") AS INTEGER)'  # whole days, as timedelta.days
    age = f'CAST({day} - julianday("first_visit") AS INTEGER)'
    span = 'CAST(julianday("last_visit") - julianday("first_visit") AS INTEGER)'
    usual = f'MAX(1.0, {span} * 1.0 / ("visits" - 1))'
    sql = (
        'SELECT CASE WHEN "visits" = 0 OR "last_visit" IS NULL THEN ? '
        f"WHEN {since} > ? THEN ? "
        f'WHEN {age} <= ? AND "visits" <= ? THEN ? '
        f'WHEN "visits" >= 2 AND {since} > MAX(?, {usual} * 2) THEN ? '
        'WHEN "visits" >= ? THEN ? ELSE ? END AS segment, COUNT(*) '
        'FROM "customer" WHERE "merged_into_id" IS NULL GROUP BY segment'
    )
    text = now.strftime("%Y-%m-%d %H:%M:%S")
    r = rules
    params = [
        *(r.occasional, text, r.lapsed_after, r.lapsed),
        *(text, r.new_days, r.new_visits, r.new),
        *(text, r.at_risk_days, r.at_risk),
        *(r.regular_visits, r.regular, r.occasional),
    ]
    return {str(segment): int(n) for segment, n in fast.rows(sql, params)}


def holder(number: str) -> Customer | None:
    """Whoever holds this normalised number as main or other number (inactive and merged records too):
    the main number first, one cached statement each."""
    row = fast.first(Customer, 'WHERE m."phone" = ? LIMIT 1', [number])
    if row is None:
        row = fast.first(
            Customer,
            'WHERE m."id" = (SELECT "customer_id" FROM "customer_other_phone" WHERE "phone" = ?) LIMIT 1',
            [number],
        )
    return row
