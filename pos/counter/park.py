"""Parked orders (F8): an open cart put aside with a label. They survive a restart and touch no stock,
no loyalty and no receipt number until they are resumed and paid. Voiding an unpaid order at the counter
(Batal), or a part of it: a line taken off, a quantity lowered.

States: parked -> resumed | cancelled (with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from db.models import ParkedOrder, User
from pos.core import clock, journal, staff, till
from pos.core.cart import Cart, parse_qty
from pos.core.errors import EmptyCart, InvalidState, NeedReason, NotFound
from pos.core.i18n import N_, _
from pos.core.text import clean
from pos.core.tx import service

if TYPE_CHECKING:
    from pos.core.staff import Approval

TRANSITIONS = {"parked": {"resumed", "cancelled"}, "resumed": set(), "cancelled": set()}


@dataclass(frozen=True)
class Parked:
    id: int
    label: str
    created_at: datetime
    created_by: str
    items: int
    cart: Cart


def _move(order: ParkedOrder, state: str) -> None:
    if state not in TRANSITIONS[order.state]:
        raise InvalidState(action=_("mengubah pesanan"), state=order.state)
    order.state = state
    order.closed_at = clock.now()


@service
def park(cart: Cart, label: str, user: User) -> ParkedOrder:
    if cart.is_empty:
        raise EmptyCart()
    label = clean(label, limit=80) or _("Pesanan {time}").format(time=clock.now().strftime("%H:%M"))
    return ParkedOrder.create(
        register=till.register(), label=label, cart=cart.to_json(), created_by=user, created_at=clock.now()
    )


LEFT_BEHIND = N_("Ditinggal {name} {time}")  # a cart set aside at closing, a switch of cashier or a crash


def left_behind_label(name: str) -> str:
    return _(LEFT_BEHIND).format(name=name or "?", time=clock.now().strftime("%d/%m %H:%M"))


def is_left_behind(label: str) -> bool:
    return label.startswith(_(LEFT_BEHIND).split("{")[0])


def open_orders() -> list[Parked]:
    rows = (
        ParkedOrder.select(ParkedOrder, User)
        .join(User)
        .where(ParkedOrder.state == "parked", ParkedOrder.register == till.register())
        .order_by(ParkedOrder.created_at)
    )
    result = []
    for row in rows:
        cart = Cart.from_json(row.cart)
        result.append(Parked(row.id, row.label, row.created_at, row.created_by.name, len(cart.lines), cart))
    return result


def _get(order_id: int) -> ParkedOrder:
    row = ParkedOrder.get_or_none(ParkedOrder.id == order_id)
    if row is None:
        raise NotFound()
    return row


@service
def resume(order_id: int, user: User) -> Cart:
    """Take a parked order back to the counter; it leaves the parked list. Journalled (who, which order,
    what was in it): an order taken back and never paid is accounted for by whoever took it, as a void is."""
    row = _get(order_id)
    _move(row, "resumed")
    row.save()
    cart = Cart.from_json(row.cart)
    journal.append(
        "park_resume",
        {
            "order": row.id,
            "label": row.label,
            "cart": cart.uid,
            "lines": [[ln.product_id, str(ln.qty), ln.unit_price] for ln in cart.lines],
        },
        user=user.name,
    )
    return cart


@service
def cancel(order_id: int, reason: str, user: User, approver: Approval | None = None) -> None:
    """Void a parked unpaid order, with a reason (journalled: who, when, why, what was in it, who approved):
    the 'void' permission, or an owner's approval, as void() at the counter."""
    approved = staff.require(user, "void", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    row = _get(order_id)
    _move(row, "cancelled")
    row.reason = reason[:200]
    row.save()
    cart = Cart.from_json(row.cart)
    journal.append(
        "void",
        {
            "parked": row.id,
            "label": row.label,
            "reason": row.reason,
            "approved_by": approved.name if approved else "",
            "lines": [[ln.product_id, str(ln.qty), ln.unit_price] for ln in cart.lines],
        },
        user=user.name,
    )


@service
def void(cart: Cart, reason: str, user: User, approver: Approval | None = None) -> bool:
    """Void the unpaid order at the counter: nothing is sold, but the journal keeps who, why and what."""
    approver = staff.require(user, "void", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    journal.append(
        "void",
        {
            "cart": cart.uid,
            "reason": reason[:200],
            "approved_by": approver.name if approver else "",
            "lines": [[ln.product_id, str(ln.qty), ln.unit_price] for ln in cart.lines],
        },
        user=user.name,
    )
    return True


def takes_off(cart: Cart, index: int, qty: Any = None) -> bool:
    """Whether taking line `index` off (`qty` None) or setting it to `qty` takes something of value off
    the order, as Batal does to all of it: a lower quantity, or a line that is not free (a gift, a stamp's
    free item). Raises the cart's own error for a line or quantity that is not one."""
    line = cart.line(index)
    if line.gross <= 0:
        return False
    return qty is None or parse_qty(qty) < line.qty


@service
def take_off(
    cart: Cart, index: int, user: User, approver: Approval | None = None, *, qty: Any = None, reason: str = ""
) -> None:
    """Take line `index` off the unpaid order (`qty` None) or set its quantity to `qty`. What takes something
    off (takes_off) is a void of that part: the 'void' permission or an owner's approval, as Batal, and
    with an approval a reason; journalled as 'void_line' (who, what came off, why, who approved)."""
    line = cart.line(index)
    new = parse_qty(qty) if qty is not None else None
    if not takes_off(cart, index, new):
        _apply(cart, index, new)
        return
    approved = staff.require(user, "void", approver)
    reason = clean(reason)
    if approved is not None and not reason:
        raise NeedReason()
    removed = line.qty - (new if new is not None else 0)
    journal.append(
        "void_line",
        {
            "cart": cart.uid,
            "name": line.name,
            "reason": reason[:200],
            "approved_by": approved.name if approved else "",
            "lines": [[line.product_id, str(removed), line.unit_price]],
        },
        user=user.name,
    )
    _apply(cart, index, new)


def _apply(cart: Cart, index: int, qty: Decimal | None) -> None:
    """The change itself, last: the cart's own checks raise before anything of it is changed."""
    if qty is None:
        cart.remove(index)
    else:
        cart.set_qty(index, qty)
