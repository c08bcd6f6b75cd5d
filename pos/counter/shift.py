"""Shifts: a cashier opens the till with starting cash; sales belong to the open shift."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from peewee import Case, fn

from db.models import CashMove, Closing, Payment, Register, Sale, Shift, User
from pos.core import clock, journal, staff, till
from pos.core.cart import check_price
from pos.core.errors import InvalidAmount, InvalidState, NeedReason
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.text import clean
from pos.core.tx import service

if TYPE_CHECKING:
    from pos.core.staff import Approval
    from pos.counter.delivery import BoardOrder


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
    """Open this till's shift with the cash in the drawer. Needs 'take_payment', as stored now."""
    staff.require(user, "take_payment")
    check_price(opening_cash)
    register = till.register()
    if current(register) is not None:
        raise InvalidState(action=_("membuka shift"), state=_("shift masih terbuka"))
    if day_is_closed(clock.now().date()):
        raise InvalidState(action=_("membuka shift"), state=_("buku hari ini sudah ditutup"))
    Register.update(last_shift_number=Register.last_shift_number + 1).where(
        Register.id == register.id
    ).execute()
    number = Register.get_by_id(register.id).last_shift_number
    shift = Shift.create(
        register=register, number=number, opened_by=user, opened_at=clock.now(), opening_cash=opening_cash
    )
    journal.append("shift_open", {"shift": number, "opening_cash": opening_cash}, user=user.name)
    return shift


DENOMINATIONS = (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)


@dataclass(frozen=True)
class CashLine:
    """One pay-in (+) or pay-out (-) of a shift: the Z slip says when, who and why."""

    at: datetime
    user: str
    reason: str
    amount: int


@dataclass(frozen=True)
class ShiftReport:
    register: str
    number: int
    opened_by: str
    opened_at: datetime
    closed_by: str
    closed_at: datetime | None
    opening_cash: int
    by_method: list[tuple[str, int]]  # (method code, amount) sales minus refunds
    pay_ins: int
    pay_outs: int
    expected_cash: int
    counted_cash: int | None
    counted_detail: dict[str, int]
    variance: int | None
    sales_count: int
    sales_total: int
    refunds_count: int
    refunds_total: int
    anchor: tuple[int, str] | None = None  # the journal's head at closing (seq, hash): printed on the Z slip
    still_out: tuple[BoardOrder, ...] = ()  # delivery orders on their way at closing (or now): on the Z slip
    cash_lines: tuple[CashLine, ...] = ()  # each pay-in and pay-out, oldest first
    by_cashier: tuple[tuple[str, int, int], ...] = ()  # (cashier, sales, their total net of refunds)


@service
def cash_move(user: User, amount: int, reason: str) -> CashMove:
    """Pay-in (+) or pay-out (-) during the open shift, with a reason (buying ice, change from the bank).
    Needs 'take_payment'; a pay-out cannot take more than the drawer should hold."""
    staff.require(user, "take_payment")
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    if not isinstance(amount, int) or amount == 0 or abs(amount) > 1_000_000_000:
        raise InvalidAmount(text=str(amount))
    shift = current()
    if shift is None:
        raise InvalidState(action=_("mencatat kas masuk/keluar"), state=_("belum ada shift terbuka"))
    if amount < 0:
        held = report(shift).expected_cash
        if -amount > held and staff.can(user, "reports"):
            raise InvalidAmount(
                N_("Kas keluar {amount} lebih dari uang di laci ({held})."),
                amount=format_rupiah(-amount),
                held=format_rupiah(held),
            )
        if -amount > held:  # a cashier counts the drawer blind at closing: not told what it should hold
            raise InvalidAmount(
                N_("Kas keluar {amount} lebih dari uang di laci."), amount=format_rupiah(-amount)
            )
    move = CashMove.create(shift=shift, amount=amount, reason=reason[:200], user=user, created_at=clock.now())
    journal.append(
        "cash_move", {"shift": shift.number, "amount": amount, "reason": move.reason}, user=user.name
    )
    return move


def report(shift: Shift) -> ShiftReport:
    """Every figure of a shift, computed in SQL (a shift of 1.000 sales in a few milliseconds)."""
    by_method = list(
        Payment.select(Payment.method, fn.SUM(Payment.amount))
        .join(Sale)
        .where(Sale.shift == shift)
        .group_by(Payment.method)
        .order_by(Payment.method)
        .tuples()
    )
    counts = {
        kind: (int(n), int(total or 0))
        for kind, n, total in Sale.select(Sale.kind, fn.COUNT(Sale.id), fn.SUM(Sale.total))
        .where(Sale.shift == shift)
        .group_by(Sale.kind)
        .tuples()
    }
    lines = tuple(
        CashLine(at, name, reason, int(amount))
        for at, name, reason, amount in CashMove.select(
            CashMove.created_at, User.name, CashMove.reason, CashMove.amount
        )
        .join(User)
        .where(CashMove.shift == shift)
        .order_by(CashMove.id)
        .tuples()
    )
    pay_ins = sum(c.amount for c in lines if c.amount > 0)
    pay_outs = -sum(c.amount for c in lines if c.amount < 0)
    cashiers = tuple(
        (str(name), int(n or 0), int(total or 0))
        for name, n, total in Sale.select(
            User.name, fn.SUM(Case(None, [(Sale.kind == "sale", 1)], 0)), fn.SUM(Sale.total)
        )
        .join(User, on=Sale.cashier == User.id)
        .where(Sale.shift == shift)
        .group_by(User.id, User.name)
        .order_by(User.name)
        .tuples()
    )
    cash = sum(int(total) for method, total in by_method if method == "cash")
    expected = int(shift.opening_cash) + cash + pay_ins - pay_outs
    from pos.counter import delivery  # (it imports this module)

    return ShiftReport(
        register=shift.register.code,
        number=shift.number,
        opened_by=shift.opened_by.name,
        opened_at=shift.opened_at,
        closed_by=shift.closed_by.name if shift.closed_by_id else "",
        closed_at=shift.closed_at,
        opening_cash=int(shift.opening_cash),
        by_method=[(m, int(t)) for m, t in by_method],
        pay_ins=pay_ins,
        pay_outs=pay_outs,
        expected_cash=expected,
        counted_cash=shift.counted_cash,
        counted_detail=shift.counted_detail or {},
        variance=shift.variance,
        sales_count=counts.get("sale", (0, 0))[0],
        sales_total=counts.get("sale", (0, 0))[1],
        refunds_count=counts.get("refund", (0, 0))[0],
        refunds_total=counts.get("refund", (0, 0))[1],
        still_out=tuple(delivery.still_out(shift.closed_at or clock.now())),
        cash_lines=lines,
        by_cashier=cashiers,
    )


@service
def close_shift(user: User, counted: dict[int, int]) -> ShiftReport:
    """Close the open shift with the cash counted by denomination; stores expected, counted, variance.
    Needs 'take_payment', as stored now."""
    staff.require(user, "take_payment")
    shift = current()
    if shift is None:
        raise InvalidState(action=_("menutup shift"), state=_("belum ada shift terbuka"))
    for denomination, pieces in counted.items():
        if denomination not in DENOMINATIONS or not isinstance(pieces, int) or not 0 <= pieces <= 100_000:
            raise InvalidAmount(text=f"{denomination} x {pieces}")
    total = sum(d * n for d, n in counted.items())
    before = report(shift)
    shift.closed_by = user
    shift.closed_at = clock.now()
    shift.expected_cash = before.expected_cash
    shift.counted_cash = total
    shift.counted_detail = {str(d): n for d, n in sorted(counted.items(), reverse=True) if n}
    shift.variance = total - before.expected_cash
    shift.save()
    entry = journal.append(
        "shift_close",
        {
            "shift": shift.number,
            "expected": shift.expected_cash,
            "counted": total,
            "variance": shift.variance,
            "by_method": before.by_method,
        },
        user=user.name,
    )
    return replace(report(shift), anchor=(int(entry.seq), str(entry.hash)))


def by_number(number: int) -> Shift:
    row = Shift.get_or_none(Shift.register == till.register(), Shift.number == number)
    if row is None:
        from pos.core.errors import NotFound

        raise NotFound()
    return row


@service
def open_drawer(user: User, reason: str, approver: Approval | None = None) -> None:
    """Open the cash drawer without a sale: needs 'open_drawer' (or the owner's PIN) and a reason."""
    approver = staff.require(user, "open_drawer", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    current_shift = current()
    journal.append(
        "open_drawer",
        {
            "shift": current_shift.number if current_shift else None,
            "reason": reason[:200],
            "approved_by": approver.name if approver else "",
        },
        user=user.name,
    )


def day_is_closed(day: date) -> bool:
    """Whether the day's books are closed: no shift opens into it."""
    return Closing.select().where(Closing.kind == "daily", Closing.period_start == day).exists()
