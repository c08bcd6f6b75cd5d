"""Repeat customers, from their history: Baru (new), Langganan (regular), Hampir hilang (at risk: past their
usual gap), Hilang (lapsed), and Pelanggan top (the best spenders of the last 12 months)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee
from peewee import fn

from db.models import Customer, Sale, database
from pos.core import clock
from pos.core.i18n import N_, _

NEW, REGULAR, AT_RISK, LAPSED, OCCASIONAL = "baru", "langganan", "hampir_hilang", "hilang", "sesekali"
NAMES = {
    NEW: N_("Baru"),
    REGULAR: N_("Langganan"),
    AT_RISK: N_("Hampir hilang"),
    LAPSED: N_("Hilang"),
    OCCASIONAL: N_("Sesekali"),
}
LAPSED_AFTER = 90  # days without a visit
TOP_SHARE = 0.1  # the top 10 % by spend in the last 12 months


@dataclass(frozen=True)
class Visits:
    count: int
    first: datetime | None
    last: datetime | None


def _dt(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def classify(v: Visits, now: datetime | None = None) -> str:
    now = now or clock.now()
    if not v.count or v.last is None or v.first is None:
        return OCCASIONAL
    since = (now - v.last).days
    if since > LAPSED_AFTER:
        return LAPSED
    if (now - v.first).days <= 30 and v.count <= 2:
        return NEW
    if v.count >= 2:
        usual = max(1.0, (v.last - v.first).days / (v.count - 1))
        if since > max(14.0, usual * 2):
            return AT_RISK
        if v.count >= 3:
            return REGULAR
    return OCCASIONAL


def name(segment: str) -> str:
    return _(NAMES.get(segment, segment))


def visits_by_customer(ids: list[int] | None = None) -> dict[int, Visits]:
    """Visit count, first and last visit per customer (kept on the customer in each sale's transaction)."""
    query = Customer.select(Customer.id, Customer.visits, Customer.first_visit, Customer.last_visit).where(
        Customer.visits > 0, Customer.merged_into.is_null()
    )
    if ids is not None:
        query = query.where(Customer.id.in_(ids))
    return {cid: Visits(int(n), _dt(first), _dt(last)) for cid, n, first, last in query.tuples().iterator()}


def top_customers() -> set[int]:
    """The best spenders of the last 12 months (at least one, the top 10 %)."""
    since = clock.now() - timedelta(days=365)
    spend = fn.SUM(Sale.total)
    rows = list(
        Sale.select(Sale.customer)
        .where(Sale.customer.is_null(False), Sale.created_at >= since)
        .group_by(Sale.customer)
        .order_by(spend.desc())
        .tuples()
    )
    keep = max(1, int(len(rows) * TOP_SHARE)) if rows else 0
    return {cid for (cid,) in rows[:keep]}


def counts() -> dict[str, int]:
    """How many customers are in each segment (and 'top'), for the owner's dashboard — one SQL pass over
    the customers' kept visit figures (the same rules as `classify`)."""
    now = clock.now()
    out = dict.fromkeys(NAMES, 0)
    if not isinstance(database.obj, peewee.SqliteDatabase):  # PostgreSQL: the same rules in Python
        seen = visits_by_customer()
        for v in seen.values():
            out[classify(v, now)] += 1
        out[OCCASIONAL] += Customer.select().where(Customer.merged_into.is_null()).count() - len(seen)
    else:
        day = "julianday(?)"
        since = f'CAST({day} - julianday("last_visit") AS INTEGER)'  # whole days, as timedelta.days
        age = f'CAST({day} - julianday("first_visit") AS INTEGER)'
        span = 'CAST(julianday("last_visit") - julianday("first_visit") AS INTEGER)'
        usual = f'MAX(1.0, {span} * 1.0 / ("visits" - 1))'
        sql = (
            'SELECT CASE WHEN "visits" = 0 OR "last_visit" IS NULL THEN ? '
            f"WHEN {since} > ? THEN ? "
            f'WHEN {age} <= 30 AND "visits" <= 2 THEN ? '
            f'WHEN "visits" >= 2 AND {since} > MAX(14.0, {usual} * 2) THEN ? '
            'WHEN "visits" >= 3 THEN ? ELSE ? END AS segment, COUNT(*) '
            'FROM "customer" WHERE "merged_into_id" IS NULL GROUP BY segment'
        )
        text = now.strftime("%Y-%m-%d %H:%M:%S")
        params = [OCCASIONAL, text, LAPSED_AFTER, LAPSED, text, NEW, text, AT_RISK, REGULAR, OCCASIONAL]
        for segment, n in database.execute_sql(sql, params).fetchall():
            out[segment] += int(n)
    active = (  # customers seen in the last 12 months; the top 10 % of them by spend are 'top'
        Customer.select()
        .where(Customer.last_visit >= now - timedelta(days=365), Customer.merged_into.is_null())
        .count()
    )
    out["top"] = max(1, int(active * TOP_SHARE)) if active else 0
    return out
