"""The customer book. A customer's identity is the normalised phone number (62...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from peewee import JOIN, fn

from db import fast, names_index
from db.models import Customer, CustomerAddress, Sale
from pos import clock, phone
from pos.errors import CustomerNotFound, Duplicate, InvalidInput, InvalidName
from pos.i18n import N_
from pos.money import format_rupiah
from pos.text import fold, search_words
from pos.tx import service


@service
def create_customer(
    phone_text: str,
    name: str,
    *,
    birthday: date | None = None,
    address: str = "",
    wa_consent: bool = True,
    credit_limit: int = 0,
    notes: str = "",
    tags: str = "",
) -> Customer:
    name = " ".join((name or "").split())
    if not name or len(name) > 120:
        raise InvalidName(limit=120)
    number = phone.normalise(phone_text)
    if Customer.get_or_none(Customer.phone == number):
        raise Duplicate(what=phone.local_form(number))
    if birthday is not None and birthday > clock.now().date():
        raise InvalidInput(N_("Tanggal lahir tidak boleh di masa depan."))
    customer = Customer.create(
        phone=number,
        name=name,
        search_name=fold(name),
        birthday=birthday,
        wa_consent=wa_consent,
        credit_limit=credit_limit,
        notes=notes,
        tags=tags,
        created_at=clock.now(),
    )
    if address.strip():
        CustomerAddress.create(customer=customer, address=address.strip())
    return customer


def _with_phone(number: str) -> Customer | None:
    """The customer with this (normalised) phone number, or the one a merged record points to. One
    cached statement: the counter looks members up while the customer waits."""
    row = fast.first(Customer, 'WHERE m."phone" = ? LIMIT 1', [number])
    return row.merged_into if row is not None and row.merged_into_id else row


def by_phone(text: str) -> Customer:
    row = _with_phone(phone.normalise(text))
    if row is None:
        raise CustomerNotFound(text=text)
    return row


def search(query: str, limit: int = 20) -> list[Customer]:
    """By phone (any written form, also a partial number) or by words of the name."""
    query = (query or "").strip()
    base = Customer.select().where(Customer.merged_into.is_null())
    if phone.looks_like_phone(query):
        try:
            exact = _with_phone(phone.normalise(query))
            return [exact] if exact else []
        except InvalidInput:
            digits = "".join(c for c in query if c.isdigit()).lstrip("0")
            if digits.startswith("62"):
                digits = digits[2:]
            return list(base.where(Customer.phone.contains(digits)).order_by(Customer.name).limit(limit))
    words = search_words(query)
    if not words:
        return []
    return list(
        base.where(names_index.words_match(Customer, words)).order_by(Customer.search_name).limit(limit)
    )


def get(customer_id: int) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id)
    if row is None:
        raise CustomerNotFound(text=str(customer_id))
    return row


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


def listing(query: str = "", limit: int = 300) -> list[CustomerRow]:
    """Customers for the list screen with visits, spend and last visit (computed in SQL), best first."""
    ids = [c.id for c in search(query, limit)] if query.strip() else None
    visits = fn.COUNT(Sale.id)
    spend = fn.COALESCE(fn.SUM(Sale.total), 0)
    rows = (
        Customer.select(
            Customer.id,
            Customer.name,
            Customer.phone,
            Customer.points,
            Customer.kasbon,
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
    from pos import segments

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
    from db.models import LoyaltyEntry, SaleLine, Voucher
    from pos import segments

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
