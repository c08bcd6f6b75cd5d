"""The customer book as the screens read it: the list with visits, spend and segment (listing), and one
customer's page (profile), each figure from SQL aggregations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from peewee import JOIN, fn

from db.models import Customer, LoyaltyEntry, Sale, SaleLine, Voucher
from pos.core.money import format_rupiah
from pos.customers import segments
from pos.customers.customer import get, search


@dataclass(frozen=True)
class CustomerRow:
    id: int
    name: str
    phone: str
    visits: int
    spend: int
    last_visit: datetime | None
    points: int
    kasbon: int
    segment: str = ""
    top: bool = False
    active: bool = True


def listing(query: str = "", limit: int = 300, include_inactive: bool = False) -> list[CustomerRow]:
    """Customers for the list screen with visits, spend and last visit (computed in SQL), best first.
    Deactivated customers only when asked."""
    ids = [c.id for c in search(query, limit, include_inactive)] if query.strip() else None
    visits = fn.COUNT(Sale.id)
    spend = fn.COALESCE(fn.SUM(Sale.total), 0)
    rows = (
        Customer.select(
            Customer.id,
            Customer.name,
            Customer.phone,
            Customer.points,
            Customer.kasbon,
            Customer.active,
            visits.alias("visits"),
            spend.alias("spend"),
            fn.MAX(Sale.created_at).alias("last"),
        )
        .join(Sale, JOIN.LEFT_OUTER, on=((Sale.customer == Customer.id) & (Sale.kind == "sale")))
        .where(Customer.merged_into.is_null())
        .group_by(Customer.id)
        .order_by(spend.desc(), Customer.name)
        .limit(limit)
    )
    if ids is not None:
        rows = rows.where(Customer.id.in_(ids))
    if not include_inactive:
        rows = rows.where(Customer.active == True)  # noqa: E712
    found = list(rows.dicts())
    seen = segments.visits_by_customer([r["id"] for r in found])
    top = segments.top_customers()
    result = []
    for r in found:
        v = seen.get(r["id"], segments.Visits(0, None, None))
        result.append(
            CustomerRow(
                r["id"],
                r["name"],
                r["phone"] or "",
                int(r["visits"]),
                int(r["spend"]),
                v.last,
                int(r["points"]),
                int(r["kasbon"]),
                segments.classify(v),
                r["id"] in top,
                bool(r["active"]),
            )
        )
    return result


@dataclass(frozen=True)
class Profile:
    customer: Customer
    visits: int
    spend: int
    average: int
    first_visit: datetime | None
    last_visit: datetime | None
    segment: str
    favourites: list[tuple[str, Decimal]]
    recent: list[tuple[str, datetime, int]]
    vouchers: list[tuple[str, str, str]]  # code, state, value
    points_log: list[tuple[datetime, str, int]]


def profile(customer_id: int) -> Profile:
    """Everything the customer page shows, each figure from one SQL aggregation."""
    who = get(customer_id)
    sales = Sale.select().where(Sale.customer == customer_id, Sale.kind == "sale")
    count = sales.count()
    spend = int(Sale.select(fn.COALESCE(fn.SUM(Sale.total), 0)).where(Sale.customer == customer_id).scalar())
    seen = segments.visits_by_customer([customer_id]).get(customer_id, segments.Visits(0, None, None))
    qty = fn.SUM(SaleLine.qty)
    favourites = [
        (name, Decimal(format((Decimal(int(total)) / 1000).normalize(), "f")))
        for name, total in SaleLine.select(SaleLine.name, qty)
        .join(Sale)
        .where(Sale.customer == customer_id)
        .group_by(SaleLine.name)
        .order_by(qty.desc())
        .limit(5)
        .tuples()
    ]
    recent = [
        (s.number, s.created_at, s.total)
        for s in Sale.select(Sale.number, Sale.created_at, Sale.total)
        .where(Sale.customer == customer_id)
        .order_by(Sale.id.desc())
        .limit(15)
    ]
    vouchers = [
        (v.code, v.state, format_rupiah(int(v.value)) if v.kind == "rp" else f"{v.value} %")
        for v in Voucher.select().where(Voucher.customer == customer_id).order_by(Voucher.id.desc())
    ]
    points_log = [
        (e.created_at, e.kind, e.points)
        for e in LoyaltyEntry.select()
        .where(LoyaltyEntry.customer == customer_id)
        .order_by(LoyaltyEntry.id.desc())
        .limit(10)
    ]
    return Profile(
        who,
        count,
        spend,
        spend // count if count else 0,
        seen.first,
        seen.last,
        segments.classify(seen),
        favourites,
        recent,
        vouchers,
        points_log,
    )
