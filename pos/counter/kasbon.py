"""Kasbon — the customer's tab: sales on credit up to a limit, payments against it, who owes what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from peewee import fn

from db import fast
from db.models import CashMove, Customer, KasbonEntry, User
from pos.core import clock, journal, staff
from pos.core.cart import check_price
from pos.core.errors import InvalidAmount, InvalidState
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.tx import service
from pos.counter import shift

if TYPE_CHECKING:
    from pos.core.staff import Approval

PAY_METHODS = ("cash", "transfer", "qris")


@dataclass(frozen=True)
class Debtor:
    id: int
    name: str
    phone: str
    owed: int
    limit: int
    since: datetime | None  # the oldest sale on credit that is not yet paid off (first in, first out)


@service
def pay(customer_id: int, amount: int, method: str, user: User, approver: Approval | None = None) -> int:
    """A payment against the tab. Returns what is still owed. Cash goes into the open shift's drawer (the
    cashier counts it at closing: 'take_payment'); a transfer or QRIS brings no money to the till, so only
    who may confirm it arrived records it ('kasbon_noncash', or an owner's approval)."""
    check_price(amount)
    if amount <= 0 or method not in PAY_METHODS:
        raise InvalidAmount(text=str(amount))
    approved = staff.require(user, "take_payment" if method == "cash" else "kasbon_noncash", approver)
    who = Customer.get_by_id(customer_id)
    if amount > who.kasbon:
        raise InvalidAmount(
            text=_("{amount} (utang {name} hanya {owed})").format(
                amount=format_rupiah(amount), name=who.name, owed=format_rupiah(who.kasbon)
            )
        )
    open_shift = shift.current()
    if method == "cash" and open_shift is None:
        raise InvalidState(action=_("menerima uang tunai"), state=_("belum ada shift terbuka"))
    now = clock.now()
    fast.insert(
        KasbonEntry,
        dict(customer=customer_id, amount=-amount, sale=None, method=method, user=user.id, created_at=now),
    )
    left = int(fast.add_to(Customer, "kasbon", customer_id, -amount))
    journal.append(
        "kasbon_payment",
        {
            "customer": customer_id,
            "amount": amount,
            "method": method,
            "approved_by": approved.name if approved else "",
        },
        user=user.name,
    )
    if method == "cash":
        assert open_shift is not None
        reason = _("Bayar kasbon: {name}").format(name=who.name)[:200]
        CashMove.create(shift=open_shift, amount=amount, reason=reason, user=user, created_at=now)
        journal.append(
            "cash_move", {"shift": open_shift.number, "amount": amount, "reason": reason}, user=user.name
        )
    return left


def debtors() -> list[Debtor]:
    """Who owes what and since when, the largest first."""
    out = []
    for c in Customer.select().where(Customer.kasbon > 0).order_by(Customer.kasbon.desc(), Customer.id):
        out.append(
            Debtor(c.id, c.name, c.phone or "", int(c.kasbon), int(c.credit_limit), _since(c.id, c.kasbon))
        )
    return out


def _since(customer_id: int, owed: int) -> datetime | None:
    """When the oldest open credit was given: walk the credits newest first until they cover the debt."""
    left = int(owed)
    for amount, at in (
        KasbonEntry.select(KasbonEntry.amount, KasbonEntry.created_at)
        .where(KasbonEntry.customer == customer_id, KasbonEntry.amount > 0)
        .order_by(KasbonEntry.created_at.desc())
        .tuples()
    ):
        left -= int(amount)
        if left <= 0:
            return at
    return None


def owed_total() -> int:
    return int(Customer.select(fn.COALESCE(fn.SUM(Customer.kasbon), 0)).scalar())
