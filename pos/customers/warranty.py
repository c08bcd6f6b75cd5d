"""After-sale care for serialised goods with a warranty (air guns): look a sale up by serial number or the
customer's phone, and a follow-up list of buyers to ask how the product is N days after the purchase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from peewee import JOIN, ModelSelect

from db.models import Customer, Outreach, Sale, SaleLine
from pos.core import clock, phone
from pos.core.errors import InvalidInput
from pos.core.i18n import N_


@dataclass(frozen=True)
class Covered:
    sale: str
    sold_at: datetime
    product: str
    serial_number: str
    warranty_until: date
    customer_id: int | None
    customer: str
    phone: str

    @property
    def valid(self) -> bool:
        return self.warranty_until >= clock.now().date()


def _rows(query: ModelSelect) -> list[Covered]:
    return [
        Covered(
            r["number"],
            r["created_at"],
            r["name"],
            r["serial_number"],
            r["warranty_until"],
            r["cid"],
            r["cname"] or "",
            r["cphone"] or "",
        )
        for r in query.dicts()
    ]


def _base() -> ModelSelect:
    return (
        SaleLine.select(
            Sale.number,
            Sale.created_at,
            SaleLine.name,
            SaleLine.serial_number,
            SaleLine.warranty_until,
            Customer.id.alias("cid"),
            Customer.name.alias("cname"),
            Customer.phone.alias("cphone"),
        )
        .join(Sale)
        .join(Customer, JOIN.LEFT_OUTER, on=(Sale.customer == Customer.id))
        .where(SaleLine.warranty_until.is_null(False), Sale.kind == "sale")
        .order_by(Sale.created_at.desc())
    )


def of_customer(customer_id: int) -> list[Covered]:
    """Everything a customer bought with a warranty (the customer page)."""
    return _rows(_base().where(Sale.customer == customer_id).limit(100))


def lookup(text: str) -> list[Covered]:
    """By serial number (any part of it) or by the buyer's phone number (any written form)."""
    text = (text or "").strip()
    if len(text) < 3:
        raise InvalidInput(N_("Ketik paling sedikit 3 huruf nomor seri atau nomor HP."))
    if phone.looks_like_phone(text):
        try:
            return _rows(_base().where(Customer.phone == phone.normalise(text)).limit(100))
        except InvalidInput:
            pass
    return _rows(_base().where(SaleLine.serial_number.contains(text.upper())).limit(100))


def follow_ups(after_days: int = 7, window: int = 7) -> list[Covered]:
    """Buyers who bought a covered product `after_days`..`after_days + window` days ago and were not asked
    yet (no 'warranty' message since the purchase)."""
    today = clock.now().date()
    newest = datetime.combine(today - timedelta(days=after_days), datetime.max.time())
    oldest = datetime.combine(today - timedelta(days=after_days + window), datetime.min.time())
    found = _rows(_base().where(Sale.created_at.between(oldest, newest), Sale.customer.is_null(False)))
    asked = {
        cid
        for (cid,) in Outreach.select(Outreach.customer)
        .where(Outreach.template == "warranty", Outreach.created_at >= oldest)
        .tuples()
    }
    return [c for c in found if c.customer_id not in asked]
