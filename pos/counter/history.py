"""What the Riwayat dialog and a receipt's WhatsApp button read besides the day's rows
(pos.counter.sale.history): the day's rows with the receipt each refund returns, the sale a refund starts
from, and the number of a sale's customer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from db.models import Customer, Sale
from pos.core.errors import NotFound
from pos.counter import sale as sales


@dataclass(frozen=True)
class HistoryRow(sales.HistoryRow):
    """A row of Riwayat: a refund also names the sale it returns (history is never edited: a refund is
    its own receipt, linked to the original)."""

    refund_of: str = ""  # the original receipt's number ('' for a sale)


def original_numbers(refund_ids: Iterable[int]) -> dict[int, str]:
    """The original receipt's number of each refund (by the refund's id), in one query."""
    ids = list(refund_ids)
    if not ids:
        return {}
    original = Sale.alias()
    rows = (
        Sale.select(Sale.id, original.number)
        .join(original, on=(Sale.refund_of == original.id))
        .where(Sale.id.in_(ids))
        .tuples()
    )
    return {sale_id: str(number) for sale_id, number in rows}


def day_rows(day: date, query: str = "", limit: int = 500) -> list[HistoryRow]:
    """pos.counter.sale.history's rows (the day's sales and refunds of this till, newest first), each
    refund with its original receipt's number."""
    rows = sales.history(day, query, limit)
    origins = original_numbers(r.id for r in rows if r.kind == "refund")
    names = [f.name for f in fields(sales.HistoryRow)]
    return [
        HistoryRow(**{name: getattr(r, name) for name in names}, refund_of=origins.get(r.id, ""))
        for r in rows
    ]


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
