"""Birthday bonus: in the customer's birthday month, once a year, points or a voucher.

Granted when Kasir starts each day (like points expiry). The grant is a loyalty entry of kind
'birthday' (with the points, if any) so it is given only once per customer per year; a voucher is
issued to that customer alone and expires at the end of the following month.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from db.models import Customer, LoyaltyEntry, LoyaltyProgram, User
from pos.core import clock, journal, staff
from pos.core.errors import InvalidInput
from pos.core.i18n import N_
from pos.core.tx import service
from pos.customers import loyalty, programs, voucher


def program() -> LoyaltyProgram | None:
    found = programs.running("birthday")
    return found[0] if found else None


@service
def configure(points: int, voucher_value: int, active: bool, user: User) -> LoyaltyProgram:
    """Points and/or a rupiah voucher for each customer's birthday month ('settings' permission)."""
    staff.require(user, "settings")
    for value in (points, voucher_value):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10_000_000:
            raise InvalidInput(N_("Hadiah ulang tahun tidak valid."))
    if active and not points and not voucher_value:
        raise InvalidInput(N_("Isi poin atau nilai voucher ulang tahun."))
    rules = {"points": points, "voucher_value": voucher_value}
    programs.forget()
    row = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "birthday")
    if row is None:
        row = LoyaltyProgram.create(kind="birthday", name="Ulang tahun", rules=rules, active=active)
    else:
        row.rules, row.active = rules, active
        row.save()
    journal.append("loyalty_rules", {"program": row.id, "birthday": rules, "active": active}, user=user.name)
    programs.forget()
    return row


def _end_of_next_month(day: date) -> date:
    first_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (first_next + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@service
def grant(today: date | None = None) -> list[dict[str, Any]]:
    """Give this month's birthday bonus to everyone who has not had it this year. Returns the grants."""
    today = today or clock.now().date()
    run = program()
    if run is None:
        return []
    rules = run.rules or {}
    points, value = int(rules.get("points", 0)), int(rules.get("voucher_value", 0))
    year_start = clock.now().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    done = {
        c
        for (c,) in LoyaltyEntry.select(LoyaltyEntry.customer)
        .where(LoyaltyEntry.kind == "birthday", LoyaltyEntry.created_at >= year_start)
        .tuples()
    }
    due = [
        cid
        for cid, born in Customer.select(Customer.id, Customer.birthday)
        .where(Customer.birthday.is_null(False), Customer.merged_into.is_null())
        .tuples()
        if born.month == today.month and cid not in done
    ]
    if not due:
        return []
    system = User.select().order_by(User.id).first()
    r = loyalty.rules()
    expires = loyalty._add_months(today, r.expiry_months) if r and r.expiry_months else None
    grants = []
    for cid in due:
        code = ""
        if value:
            code = voucher.program_reward(
                run.id, customer_id=cid, expires_on=_end_of_next_month(today), campaign="Ulang tahun"
            ).code
        LoyaltyEntry.create(
            customer=cid,
            program=run.id,
            kind="birthday",
            points=points,
            stamps=0,
            sale=None,
            expires_on=expires,
            user=system,
            note=code,
            created_at=clock.now(),
        )
        if points:
            Customer.update(points=Customer.points + points).where(Customer.id == cid).execute()
        grants.append({"customer": cid, "points": points, "voucher": code})
    journal.append("loyalty_birthday", {"date": today.isoformat(), "grants": grants})
    return grants


def this_month(customer: Customer, today: date | None = None) -> bool:
    """True in the customer's birthday month (the counter wishes them a happy birthday)."""
    today = today or clock.now().date()
    return customer.birthday is not None and customer.birthday.month == today.month
