"""Writing a sale or a refund: the rows both are made of, built in one place, and `record`, which writes
them with everything that goes with them inside the caller's transaction — the sale row, its lines, the
stock moves, the payments, kasbon entries, the day books and the journal entry.

A refund is a Sale of kind 'refund' whose money and quantities are negative; it is built by the same
`sale_row` and written by the same `record`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, TypedDict

from db import fast, summaries
from db.fields import to_qty
from db.models import Customer, KasbonEntry, Payment, Sale, SaleLine, User, database
from pos.core import journal
from pos.stock import stock


class SaleFields(TypedDict):
    """One `sale` row as it is inserted."""

    number: str
    cart_uid: str
    register: int
    seq: int
    kind: str
    refund_of: int | None
    channel: int
    order_type: str
    source_ref: str
    customer: int | None
    cashier: int
    approved_by: int | None
    shift: int
    created_at: datetime
    paid_at: datetime
    gross: int
    discount: int
    discount_reason: str
    service: int
    tax: int
    tax_included: bool
    delivery_fee: int
    rounding: int
    total: int
    commission: int
    net: int
    cost: int
    delivery_address: str
    note: str
    reason: str


class LineFields(TypedDict, total=False):
    """One `sale_line` row (`sale` is filled in by `record`; `refund_of` only on a refund's line)."""

    sale: int
    position: int
    product: int | None
    name: str
    qty: Decimal
    unit_price: int
    list_price: int
    discount: int
    tax: int
    total: int
    cost: int
    note: str
    reason: str
    reward: bool
    serial_number: str
    warranty_until: date | None
    refund_of: int


class PaymentFields(TypedDict, total=False):
    """One `payment` row (`sale` is filled in by `record`)."""

    sale: int
    method: str
    amount: int
    tendered: int
    change: int
    reference: str


class Totals(NamedTuple):
    """The money of one sale row, in rupiah; a refund's are negative."""

    gross: int
    discount: int
    service: int
    tax: int
    delivery_fee: int
    rounding: int
    total: int
    commission: int
    net: int
    cost: int


@dataclass(frozen=True)
class Header:
    """Where, when and by whom: the part of a sale row that is not money."""

    number: str
    seq: int
    register_id: int
    shift_id: int
    cashier_id: int
    approved_by: int | None
    at: datetime
    channel_id: int
    order_type: str
    source_ref: str
    customer_id: int | None
    tax_included: bool


def sale_row(
    head: Header,
    money: Totals,
    *,
    kind: str,
    cart_uid: str,
    refund_of: int | None = None,
    discount_reason: str = "",
    delivery_address: str = "",
    note: str = "",
    reason: str = "",
) -> SaleFields:
    """The `sale` row of a sale or a refund."""
    return SaleFields(
        number=head.number,
        cart_uid=cart_uid,
        register=head.register_id,
        seq=head.seq,
        kind=kind,
        refund_of=refund_of,
        channel=head.channel_id,
        order_type=head.order_type,
        source_ref=head.source_ref,
        customer=head.customer_id,
        cashier=head.cashier_id,
        approved_by=head.approved_by,
        shift=head.shift_id,
        created_at=head.at,
        paid_at=head.at,
        gross=money.gross,
        discount=money.discount,
        discount_reason=discount_reason,
        service=money.service,
        tax=money.tax,
        tax_included=head.tax_included,
        delivery_fee=money.delivery_fee,
        rounding=money.rounding,
        total=money.total,
        commission=money.commission,
        net=money.net,
        cost=money.cost,
        delivery_address=delivery_address,
        note=note,
        reason=reason,
    )


@dataclass
class Record:
    """Everything `record` writes for one sale or refund.

    `tracked`: product -> unit cost of each stock-tracked product (a stock move per line, the opposite of
    its quantity); `recipes`: product -> [(ingredient, quantity per unit)] of made-to-order items, whose
    tracked ingredients move instead. `points`: (earned, redeemed) for a sale, (taken back, given back) for a
    refund, with a customer; `stamps` likewise, only when the sale touched a stamp card."""

    sale: SaleFields
    lines: list[LineFields]
    payments: list[PaymentFields]
    user: User
    event: str  # "sale" or "refund": the journal event and the stock moves' kind
    tracked: dict[int, int] = field(default_factory=dict)
    recipes: dict[int, list[tuple[int, Decimal]]] = field(default_factory=dict)
    reason: str = ""
    points: tuple[int, int] | None = None
    voucher_code: str | None = None
    stamps: list[int] | None = None


def record(r: Record, then: Callable[[Sale], None] | None = None) -> Sale:
    """Write `r` inside the caller's transaction. Returns the Sale (not read back). `then(sale)` writes the
    sale's other changes (the member's points, a voucher, the delivery board) before its stock moves and
    day books: the products and the day books are what tills selling at once wait for, so they are locked
    last, just before the journal (whose entries a sale writes as it commits)."""
    sale = Sale(**r.sale)
    sale.id = fast.insert(Sale, r.sale)
    for line in r.lines:
        line["sale"] = sale.id
    ids = fast.insert_many(SaleLine, r.lines, returning="position")  # one statement for all the lines
    for payment in r.payments:
        payment["sale"] = sale.id
    fast.insert_many(Payment, r.payments)
    for p in r.payments:
        if p["method"] == "kasbon" and sale.customer_id:
            entry = dict(customer=sale.customer_id, amount=p["amount"], sale=sale.id, method=r.event)
            fast.insert(KasbonEntry, {**entry, "user": r.user.id, "created_at": sale.created_at})
            fast.add_to(Customer, "kasbon", sale.customer_id, p["amount"])
    journal.append(
        r.event, content(sale, r.lines, r.payments, r.points, r.voucher_code, r.stamps), user=r.user.name
    )
    if then is not None:
        then(sale)
    stock.ledger_moves(_moves(r, ids), r.event, r.user, sale.created_at, r.reason)
    summaries.add(database.obj, r.sale, r.lines, r.payments)
    return sale


def _moves(r: Record, ids: dict[Any, int]) -> list[stock.Move]:
    moves = []
    for line in r.lines:
        line_id, product = ids[line["position"]], line["product"]
        if product is None:
            continue
        if product in r.tracked:
            moves.append(stock.Move(product, -line["qty"], r.tracked[product], line_id))
        elif product in r.recipes:
            for ingredient, per_unit in r.recipes[product]:
                if ingredient in r.tracked:
                    qty = -to_qty(line["qty"] * per_unit)
                    moves.append(stock.Move(ingredient, qty, r.tracked[ingredient], line_id))
    return moves


def content(
    sale: Sale,
    lines: Sequence[Mapping[str, Any]],
    payments: Sequence[Mapping[str, Any]],
    points: tuple[int, int] | list[int] | None = None,
    voucher_code: str | None = None,
    stamps: list[int] | None = None,
) -> dict[str, Any]:
    """What the journal seals for a sale; `verify` rebuilds the same from the tables.
    `points`: (earned, redeemed) for a sale, (taken back, given back) for a refund, with a customer;
    `stamps` likewise, only when the sale touched a stamp card."""
    body = {
        "voucher": voucher_code,
        "points": list(points) if points is not None else None,
        "number": sale.number,
        "kind": sale.kind,
        "refund_of": sale.refund_of_id,
        "channel": sale.channel_id,
        "customer": sale.customer_id,
        "cashier": sale.cashier_id,
        "approved_by": sale.approved_by_id,
        "why": [sale.discount_reason, sale.reason],
        "at": sale.created_at.isoformat(),
        "totals": [
            sale.gross,
            sale.discount,
            sale.service,
            sale.tax,
            sale.delivery_fee,
            sale.rounding,
            sale.total,
            sale.commission,
            sale.net,
        ],
        "lines": [
            [ln["product"], str(ln["qty"]), ln["unit_price"], ln["discount"], ln["total"]] for ln in lines
        ],
        "payments": [[p["method"], p["amount"], p["tendered"], p["change"]] for p in payments],
    }
    if stamps:
        body["stamps"] = list(stamps)
    return body
