"""Shifts: a cashier opens the till with starting cash; sales belong to the open shift."""

from __future__ import annotations

from db.models import Register, Shift, User
from pos import clock, journal, till
from pos.cart import check_price
from pos.errors import InvalidState
from pos.i18n import _
from pos.tx import service


def current(register: Register | None = None) -> Shift | None:
    register = register or till.register()
    return (
        Shift.select()
        .where(Shift.register == register, Shift.closed_at.is_null())
        .order_by(Shift.id.desc())
        .first()
    )


@service
def open_shift(user: User, opening_cash: int) -> Shift:
    check_price(opening_cash)
    register = till.register()
    if current(register) is not None:
        raise InvalidState(action=_("membuka shift"), state=_("shift masih terbuka"))
    Register.update(last_shift_number=Register.last_shift_number + 1).where(
        Register.id == register.id
    ).execute()
    number = Register.get_by_id(register.id).last_shift_number
    shift = Shift.create(
        register=register, number=number, opened_by=user, opened_at=clock.now(), opening_cash=opening_cash
    )
    journal.append("shift_open", {"shift": number, "opening_cash": opening_cash}, user=user.name)
    return shift
