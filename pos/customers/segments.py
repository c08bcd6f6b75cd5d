"""Repeat customers, from their history: Baru (new), Langganan (regular), Hampir hilang (at risk: past their
usual gap), Hilang (lapsed), and Pelanggan top (the best spenders of the last 12 months)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import fn

from db import customer_rows
from db.models import Customer, Sale
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
NEW_DAYS, NEW_VISITS = 30, 2  # new: first seen within 30 days, at most 2 visits
AT_RISK_DAYS = 14.0  # at risk: away longer than this and twice the usual gap
REGULAR_VISITS = 3
TOP_SHARE = 0.1  # the top 10 % by spend in the last 12 months
RULES = customer_rows.SegmentRules(  # classify's rules, for counting in the database
    occasional=OCCASIONAL,
    lapsed=LAPSED,
    new=NEW,
    at_risk=AT_RISK,
    regular=REGULAR,
    lapsed_after=LAPSED_AFTER,
    new_days=NEW_DAYS,
    new_visits=NEW_VISITS,
    at_risk_days=AT_RISK_DAYS,
    regular_visits=REGULAR_VISITS,
)


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
    if (now - v.first).days <= NEW_DAYS and v.count <= NEW_VISITS:
        return NEW
    if v.count >= 2:
        usual = max(1.0, (v.last - v.first).days / (v.count - 1))
        if since > max(AT_RISK_DAYS, usual * 2):
            return AT_RISK
        if v.count >= REGULAR_VISITS:
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
    found = customer_rows.segment_counts(now, RULES)
    if found is None:  # the database cannot: the same rules in Python
        seen = visits_by_customer()
        for v in seen.values():
            out[classify(v, now)] += 1
        out[OCCASIONAL] += Customer.select().where(Customer.merged_into.is_null()).count() - len(seen)
    else:
        for segment, n in found.items():
            out[segment] += n
    active = (  # customers seen in the last 12 months; the top 10 % of them by spend are 'top'
        Customer.select()
        .where(Customer.last_visit >= now - timedelta(days=365), Customer.merged_into.is_null())
        .count()
    )
    out["top"] = max(1, int(active * TOP_SHARE)) if active else 0
    return out
