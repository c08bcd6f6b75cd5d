"""What the Riwayat dialog and a receipt's WhatsApp button read besides the day's rows
(pos.counter.sale.history): the sale a refund starts from, and the number of a sale's customer."""

from __future__ import annotations

from db.models import Customer, Sale
from pos.core.errors import NotFound


def to_refund(sale_id: int) -> Sale:
    """The sale itself, which pos.counter.refund reads and links the refund to; NotFound without one."""
    row: Sale | None = Sale.get_or_none(Sale.id == sale_id)
    if row is None:
        raise NotFound()
    return row


def customer_phone(number: str) -> str | None:
    """The WhatsApp number (62…) of the customer on sale `number`; None for a sale without one."""
    phone = (
        Customer.select(Customer.phone)
        .join(Sale, on=(Sale.customer == Customer.id))
        .where(Sale.number == number)
        .scalar()
    )
    return str(phone) if phone else None
