"""The delivery board: delivery and online orders (own courier, WhatsApp/Facebook/Instagram, GoFood…) from
the kitchen to the customer's door.

States, listed here once and enforced in every service:
baru -> disiapkan -> diantar -> selesai, and from any of the first three -> batal (with a reason).

A paid online order lands on the board in the sale's own transaction (`board_sale`, called by
pos.counter.sale.complete). A cash-on-delivery order (`send_cod`) is only a cart, priced from the
catalogue: nothing is sold, no stock moves and no receipt number is taken until the courier brings the
money back (`settle_cod`): the sale is completed then, in the shift open at that moment, paid in cash, so
the drawer and the report show it on the day the money came in. What the courier brought short or over
is a cash move of that shift ("Selisih COD …" / "Lebih COD …"), never lost.
Cancelling a paid order refunds it (pos.counter.refund).
The customer's message and the kitchen ticket are in delivery_messages, the report's figures in
delivery_report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from peewee import JOIN

from db.models import Channel, Customer, DeliveryOrder, Sale, User
from pos.catalog import channel as channels
from pos.core import clock, journal, settings, staff, till
from pos.core.cart import Cart
from pos.core.errors import (
    AlreadyCompleted,
    AlreadyOnBoard,
    CodNeedsCash,
    CodNeedsDelivery,
    CodNoRewards,
    EmptyCart,
    InvalidAmount,
    InvalidState,
    NeedCourier,
    NeedReason,
    NotFound,
)
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT
from pos.core.tx import service
from pos.counter import refund as refunds
from pos.counter import sale as sales
from pos.counter import shift
from pos.counter.payment import Tender

TRANSITIONS: dict[str, set[str]] = {
    "baru": {"disiapkan", "batal"},
    "disiapkan": {"diantar", "batal"},
    "diantar": {"selesai", "batal"},
    "selesai": set(),
    "batal": set(),
}
STATES = tuple(TRANSITIONS)
OPEN_STATES = ("baru", "disiapkan", "diantar")  # still on its way: on the board and on the Z slip
STATE_NAMES = {
    "baru": N_("Baru"),
    "disiapkan": N_("Disiapkan"),
    "diantar": N_("Diantar"),
    "selesai": N_("Selesai"),
    "batal": N_("Batal"),
}
NEXT = {"baru": "disiapkan", "disiapkan": "diantar", "diantar": "selesai"}  # what Enter on the board does
MAX_COURIER = 80
COD_KINDS = ("delivery", "social")  # channels whose orders may go out unpaid (pos.catalog.channel kinds)


@dataclass(frozen=True)
class BoardOrder:
    """One order as the board, the Z slip and the report read it."""

    id: int
    state: str
    number: str  # the sale's receipt number once paid, else ""
    channel: str  # shown name
    channel_kind: str
    customer: str
    phone: str  # normalised 62…, or ""
    address: str
    courier: str
    total: int  # what the customer pays (COD: what the courier collects)
    cod: bool
    items: str  # "2× Bakso Urat, 1× Es Teh Manis"
    created_at: datetime
    prepared_at: datetime | None
    out_at: datetime | None
    done_at: datetime | None
    received: int | None
    reason: str
    order_ref: str = ""  # the platform's order number the driver quotes (sale.source_ref), or ""

    @property
    def paid(self) -> bool:
        return bool(self.number)

    @property
    def label(self) -> str:
        """How people name the order: its receipt number once paid, else its board number."""
        return self.number or _("Antar #{id}").format(id=self.id)

    def minutes_waiting(self, now: datetime | None = None) -> int:
        """Whole minutes since the order came in (until it was done, for a done one)."""
        end = self.done_at or now or clock.now()
        return max(0, int((end - self.created_at).total_seconds() // 60))


def state_name(state: str) -> str:
    return _(STATE_NAMES[state])


def _items(cart: dict[str, Any]) -> str:
    parts = []
    for line in cart.get("lines", []):
        qty = str(line.get("qty", "1"))
        qty = qty.rstrip("0").rstrip(".") if "." in qty else qty
        parts.append(f"{qty}× {line.get('name', '')}")
    return ", ".join(parts)


def _rows(*where: Any) -> list[BoardOrder]:
    query = (
        DeliveryOrder.select(
            DeliveryOrder,
            Channel.name.alias("channel_name"),
            Channel.kind.alias("channel_kind"),
            Customer.name.alias("customer_name"),
            Customer.phone.alias("customer_phone"),
            Sale.number.alias("sale_number"),
            Sale.total.alias("sale_total"),
            Sale.source_ref.alias("sale_ref"),
        )
        .join(Channel, on=(DeliveryOrder.channel == Channel.id))
        .switch(DeliveryOrder)
        .join(Customer, JOIN.LEFT_OUTER, on=(DeliveryOrder.customer == Customer.id))
        .switch(DeliveryOrder)
        .join(Sale, JOIN.LEFT_OUTER, on=(DeliveryOrder.sale == Sale.id))
        .where(*where)
        .order_by(DeliveryOrder.created_at, DeliveryOrder.id)
        .objects()
    )
    return [
        BoardOrder(
            id=row.id,
            state=row.state,
            number=row.sale_number or "",
            channel=_(row.channel_name),
            channel_kind=row.channel_kind,
            customer=row.customer_name or "",
            phone=row.customer_phone or "",
            address=row.address,
            courier=row.courier,
            total=int(row.sale_total if row.sale_total is not None else row.expected),
            cod=bool(row.cod),
            items=_items(row.cart if isinstance(row.cart, dict) else {}),
            created_at=row.created_at,
            prepared_at=row.prepared_at,
            out_at=row.out_at,
            done_at=row.done_at,
            received=row.received,
            reason=row.reason,
            order_ref=row.sale_ref
            or str((row.cart if isinstance(row.cart, dict) else {}).get("source_ref", "")),
        )
        for row in query
    ]


def board(day: datetime | None = None) -> list[BoardOrder]:
    """Every order still on its way (whatever day it came in), and those finished today; oldest first."""
    start = datetime.combine((day or clock.now()).date(), datetime.min.time())
    return _rows(
        (DeliveryOrder.state.in_(OPEN_STATES))
        | ((DeliveryOrder.state == "selesai") & (DeliveryOrder.done_at >= start))
    )


def get(order_id: int) -> BoardOrder:
    found = _rows(DeliveryOrder.id == order_id)
    if not found:
        raise NotFound()
    return found[0]


def still_out(at: datetime) -> list[BoardOrder]:
    """The orders that were on their way at `at` (come in by then, not finished or cancelled by then): the
    Z slip's "Masih di jalan"."""
    return _rows(
        DeliveryOrder.created_at <= at,
        DeliveryOrder.done_at.is_null() | (DeliveryOrder.done_at > at),
    )


def _journal(row: DeliveryOrder, user: User, event: str = "delivery", **extra: Any) -> None:
    body = {"order": row.id, "state": row.state, "cod": bool(row.cod), "expected": int(row.expected)}
    body.update(extra)
    journal.append(event, body, user=user.name)


def board_sale(sale: Sale, cart: Cart, user: User) -> DeliveryOrder | None:
    """A paid online order onto the board, inside the sale's transaction (pos.counter.sale.complete calls
    it for a channel that is not the counter). The sale of a COD order being settled is already there:
    None."""
    if DeliveryOrder.select(DeliveryOrder.id).where(DeliveryOrder.cart_uid == cart.uid).exists():
        return None
    row = DeliveryOrder.create(
        register=sale.register_id,
        channel=sale.channel_id,
        state="baru",
        cart=cart.to_json(),
        cart_uid=cart.uid,
        sale=sale.id,
        cod=False,
        expected=int(sale.total),
        address=cart.delivery_address,
        customer=cart.customer_id,
        created_at=sale.created_at,
        created_by=user.id,
    )
    _journal(row, user, sale=sale.number)
    return row


@service
def send_cod(cart: Cart, user: User, approver: staff.Approval | None = None) -> DeliveryOrder:
    """An unpaid delivery order goes out, cash on delivery. Validated like a sale (the seller's permission,
    catalogue prices; a changed price or a discount needs its permission or the owner's approval) and priced
    as the counter shows it (`sale.preview`, cash rounding: what the courier collects). Nothing is sold."""
    if cart.is_empty:
        raise EmptyCart()
    staff.require(user, "sell")
    channel = channels.get(cart.channel)
    if channel.kind not in COD_KINDS:  # the counter takes its money; a food platform pays the shop itself
        raise CodNeedsDelivery()
    if cart.points_redeem or cart.voucher_code or cart.stamp_claims:
        raise CodNoRewards()
    number = Sale.select(Sale.number).where(Sale.cart_uid == cart.uid).scalar()
    if number is not None:
        raise AlreadyCompleted(number=number)
    if DeliveryOrder.select(DeliveryOrder.id).where(DeliveryOrder.cart_uid == cart.uid).exists():
        raise AlreadyOnBoard()
    approved = None
    for permission in sales.needed_permissions(cart, sales.catalogue_prices(cart, channel)):
        approved = staff.require(user, permission, approver) or approved
    expected = sales.preview(cart).cash_total(int(settings.get("cash_rounding")))
    row = DeliveryOrder.create(
        register=till.register().id,
        channel=channel.id,
        state="baru",
        cart=cart.to_json(),
        cart_uid=cart.uid,
        cod=True,
        expected=expected,
        address=cart.delivery_address,
        customer=cart.customer_id,
        created_at=clock.now(),
        created_by=user.id,
    )
    _journal(
        row,
        user,
        approved_by=approved.name if approved else "",
        lines=[[ln.product_id, str(ln.qty), ln.unit_price] for ln in cart.lines],
    )
    return row


def _get(order_id: int) -> DeliveryOrder:
    row = DeliveryOrder.get_or_none(DeliveryOrder.id == order_id)
    if row is None:
        raise NotFound()
    return row


def _move(row: DeliveryOrder, state: str) -> str:
    """Check the move against TRANSITIONS; returns the state it left."""
    if state not in TRANSITIONS[row.state]:
        raise InvalidState(
            action=_("mengubah pesanan ke {state}").format(state=state_name(state)),
            state=state_name(row.state),
        )
    left, row.state = row.state, state
    return str(left)


@service
def prepare(order_id: int, user: User) -> DeliveryOrder:
    """baru -> disiapkan (a food shop's kitchen ticket is printed now: `kitchen_ticket_due`)."""
    staff.require(user, "sell")
    row = _get(order_id)
    left = _move(row, "disiapkan")
    row.prepared_at = clock.now()
    row.save()
    _journal(row, user, left=left)
    return row


def kitchen_ticket_due() -> bool:
    """Whether moving an order to disiapkan prints a kitchen ticket: in a shop that sells food."""
    return bool(settings.get("food_orders"))


@service
def send_out(order_id: int, courier: str, user: User) -> DeliveryOrder:
    """disiapkan -> diantar, with the courier who takes it (their name; a driver's for GoFood)."""
    staff.require(user, "sell")
    name = " ".join((courier or "").split())
    if not name or len(name) > MAX_COURIER:
        raise NeedCourier(limit=MAX_COURIER)
    row = _get(order_id)
    left = _move(row, "diantar")
    row.courier = name
    row.out_at = clock.now()
    row.save()
    _journal(row, user, left=left, courier=name)
    return row


@service
def deliver(order_id: int, user: User) -> DeliveryOrder:
    """diantar -> selesai for a paid order. A COD order is finished by `settle_cod`, with the cash."""
    staff.require(user, "sell")
    row = _get(order_id)
    if row.cod and row.sale_id is None:
        raise CodNeedsCash(label=_("Antar #{id}").format(id=row.id))
    left = _move(row, "selesai")
    row.done_at = clock.now()
    row.closed_by = user.id
    row.save()
    _journal(row, user, left=left)
    return row


def check_received(received: Any) -> int:
    """What a courier brought back: whole rupiah, 0 or more."""
    if not isinstance(received, int) or isinstance(received, bool) or not 0 <= received <= MAX_AMOUNT:
        raise InvalidAmount(text=str(received))
    return received


@service
def settle_cod(
    order_id: int, received: int, user: User, approver: staff.Approval | None = None
) -> DeliveryOrder:
    """The courier is back with `received` rupiah: the order is completed now as a cash sale of the open
    shift (the customer's full price), and what the courier brought short or over is that shift's pay-out
    "Selisih COD …" or pay-in "Lebih COD …", so the drawer count matches the cash and the difference shows
    in the shift, on the Z slip and in the journal."""
    received = check_received(received)
    staff.require(user, "sell")
    row = _get(order_id)
    if not row.cod or row.sale_id is not None:
        raise InvalidState(action=_("menerima uang COD"), state=_("sudah dibayar"))
    left = _move(row, "selesai")
    cart = Cart.from_json(row.cart)
    tenders = [Tender("cash", int(row.expected))] if row.expected else []
    done = sales.complete(cart, tenders, user, approver)
    difference = received - int(done.total)
    courier = row.courier or "-"
    if difference < 0:
        reason = _("Selisih COD {number} · kurir {name}").format(number=done.number, name=courier)
        shift.cash_move(user, difference, reason)
    elif difference > 0:
        reason = _("Lebih COD {number} · kurir {name}").format(number=done.number, name=courier)
        shift.cash_move(user, difference, reason)
    row.sale = done.id
    row.received = received
    row.done_at = clock.now()
    row.closed_by = user.id
    row.save()
    _journal(row, user, left=left, sale=done.number, received=received, difference=difference)
    return row


@service
def cancel(order_id: int, reason: str, user: User, approver: staff.Approval | None = None) -> DeliveryOrder:
    """Any order still on its way -> batal, with a reason: the 'void' permission or an owner's approval.
    An unpaid one is a void (journalled with its lines, the report lists it); a paid one is refunded in
    full by the refund service (its permission too: the owner's approval covers both) in the same
    transaction."""
    approved = staff.require(user, "void", approver)
    why = " ".join((reason or "").split())[:200]
    if not why:
        raise NeedReason()
    row = _get(order_id)
    left = _move(row, "batal")
    row.reason = why
    row.done_at = clock.now()
    row.closed_by = user.id
    row.save()
    who = approved.name if approved else ""
    if row.sale_id is None:
        cart = Cart.from_json(row.cart)
        lines = [[ln.product_id, str(ln.qty), ln.unit_price] for ln in cart.lines]
        _journal(row, user, "void", left=left, reason=why, approved_by=who, lines=lines)
        return row
    paid = Sale.get_by_id(row.sale_id)
    items = {r.line_id: r.left for r in refunds.returnable(paid) if r.left > 0}
    done = refunds.refund(paid, items, why, user, approver) if items else None
    _journal(row, user, left=left, reason=why, approved_by=who, refund=done.number if done else "")
    return row


def advance(
    order_id: int,
    user: User,
    *,
    courier: str = "",
    received: int | None = None,
    approver: staff.Approval | None = None,
) -> DeliveryOrder:
    """Move an order one step on (the board's Enter): disiapkan, diantar (`courier`), selesai (`received`
    for a COD order)."""
    row = _get(order_id)
    step = NEXT.get(row.state)
    if step is None:
        raise InvalidState(action=_("memajukan pesanan"), state=state_name(row.state))
    if step == "disiapkan":
        return prepare(order_id, user)
    if step == "diantar":
        return send_out(order_id, courier, user)
    if row.cod and row.sale_id is None:
        if received is None:
            raise CodNeedsCash(label=_("Antar #{id}").format(id=row.id))
        return settle_cod(order_id, received, user, approver)
    return deliver(order_id, user)


def couriers(limit: int = 6, order_id: int | None = None) -> list[str]:
    """The couriers who took orders out lately, most recent first (the board offers them). For an order
    (`order_id`): a platform's order (GoFood…) is offered that platform's drivers only, any other order
    only the shop's own couriers (never "Driver GoFood" on a WhatsApp order)."""
    names: list[str] = []
    where = [DeliveryOrder.courier != ""]
    if order_id is not None:
        channel = Channel.get_by_id(_get(order_id).channel_id)
        if channel.kind == "aggregator":
            where.append(DeliveryOrder.channel == channel.id)
        else:
            where.append(Channel.kind != "aggregator")
    query = (
        DeliveryOrder.select(DeliveryOrder.courier)
        .join(Channel, on=(DeliveryOrder.channel == Channel.id))
        .where(*where)
        .order_by(DeliveryOrder.out_at.desc(), DeliveryOrder.id.desc())
        .limit(limit * 10)
        .tuples()
    )
    for (name,) in query:
        if name not in names:
            names.append(name)
        if len(names) == limit:
            break
    return names
