"""Loyalty points: earned on net spend, redeemed at the counter as a discount, expiring oldest first.

The ledger (loyalty_entry) is append-only: earn, redeem, reverse, expire, adjust. customer.points is its
balance, updated in the same transaction. A refund takes back what its share of the sale earned and gives
back what its share redeemed; the balance never goes below zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from peewee import fn

from db import counter_rows, fast
from db.models import Customer, LoyaltyEntry, LoyaltyProgram, Sale, User
from pos.core import clock, journal, staff
from pos.core.errors import InvalidInput, NeedCustomer, NeedReason
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.text import clean
from pos.core.tx import service
from pos.customers import programs

DEFAULT_RULES: dict[str, Any] = {
    "earn_per": 10_000,  # Rp of net spend for 1 point
    "point_value": 100,  # Rp off per point when redeeming (100 points = Rp 10.000)
    "min_redeem": 50,
    "expiry_months": 12,
}


KIND_NAMES = {
    "earn": N_("dapat"),
    "redeem": N_("tukar"),
    "reverse": N_("ditarik (retur)"),
    "return": N_("kembali (retur)"),
    "expire": N_("kedaluwarsa"),
    "adjust": N_("koreksi"),
}


class PointsError(InvalidInput):
    template = N_("Poin tidak bisa dipakai: {why}")


@dataclass(frozen=True)
class Rules:
    earn_per: int
    point_value: int
    min_redeem: int
    expiry_months: int
    program_id: int


def rules(on: date | None = None) -> Rules | None:
    """The points program running on `on` (today), or None when the shop runs none."""
    on = on or clock.now().date()
    found = programs.running("points", on)
    if not found:
        return None
    program = found[0]
    r = {**DEFAULT_RULES, **(program.rules or {})}
    return Rules(
        int(r["earn_per"]), int(r["point_value"]), int(r["min_redeem"]), int(r["expiry_months"]), program.id
    )


@service
def configure_points(
    values: dict[str, Any],
    active: bool,
    user: User,
    approver: staff.Approval | None = None,
    name: str = "Poin belanja",
) -> LoyaltyProgram:
    """Set up (or change) the shop's points program ('settings' permission)."""
    staff.require(user, "settings", approver)
    checked = {}
    for key, low, high in (
        ("earn_per", 100, 10_000_000),
        ("point_value", 1, 1_000_000),
        ("min_redeem", 1, 10**6),
        ("expiry_months", 0, 120),
    ):
        value = values.get(key, DEFAULT_RULES[key])
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise InvalidInput(N_("Aturan poin {key} tidak valid: {value}."), key=key, value=value)
        checked[key] = value
    programs.forget()
    program = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "points")
    if program is None:
        program = LoyaltyProgram.create(kind="points", name=name, rules=checked, active=active)
    else:
        program.rules, program.active = checked, active
        program.save()
    journal.append(
        "loyalty_rules", {"program": program.id, "rules": checked, "active": active}, user=user.name
    )
    programs.forget()
    return program


def redemption_value(points: int, r: Rules | None = None) -> int:
    r = r or rules()
    return points * r.point_value if r else 0


def check_redeem(customer_id: int | None, points: int, subtotal: int) -> int:
    """Rupiah off for redeeming `points`; raises a clear error when it cannot be done."""
    if points == 0:
        return 0
    if customer_id is None:
        raise NeedCustomer(what=_("menukar poin"))
    r = rules()
    if r is None:
        raise PointsError(why=_("toko belum menjalankan program poin"))
    if not isinstance(points, int) or points < 0:
        raise PointsError(why=_("jumlah poin tidak valid"))
    if points < r.min_redeem:
        raise PointsError(why=_("minimal {n} poin").format(n=r.min_redeem))
    balance = counter_rows.points_of(customer_id)
    if points > balance:
        raise PointsError(why=_("saldo hanya {n} poin").format(n=balance))
    value = points * r.point_value
    if value > subtotal:
        raise PointsError(
            why=_("nilai {value} melebihi belanja {subtotal}").format(
                value=format_rupiah(value), subtotal=format_rupiah(subtotal)
            )
        )
    return value


def earned_for(base: int, channel_earns: bool, r: Rules | None, times: Decimal = Decimal(1)) -> int:
    """Points for `base` rupiah of net spend, times the customer's tier multiplier (rounded down)."""
    if r is None or not channel_earns or base <= 0:
        return 0
    return int(base // r.earn_per * times)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return date(year, month, min(day.day, last))


def entry(
    customer_id: int,
    kind: str,
    sale_id: int | None,
    user: User,
    *,
    points: int = 0,
    stamps: int = 0,
    program: int | None = None,
    expires_on: date | None = None,
    note: str = "",
) -> dict[str, Any]:
    """The row of one loyalty ledger entry (points or stamps), stamped now."""
    return dict(
        customer=customer_id,
        program=program,
        kind=kind,
        points=points,
        stamps=stamps,
        sale=sale_id,
        expires_on=expires_on,
        user=user.id,
        note=note[:200],
        created_at=clock.now(),
    )


def write(
    customer_id: int,
    kind: str,
    points: int,
    sale_id: int | None,
    user: User,
    note: str = "",
    expires_on: date | None = None,
) -> None:
    """One ledger entry and the balance, inside the caller's transaction."""
    if points == 0:
        return
    fast.insert(
        LoyaltyEntry, entry(customer_id, kind, sale_id, user, points=points, expires_on=expires_on, note=note)
    )
    fast.add_to(Customer, "points", customer_id, points)


def on_sale(sale_id: int, customer_id: int, earned: int, redeemed: int, user: User, r: Rules | None) -> int:
    """A sale's ledger entries (points redeemed, points earned) in one statement. Returns the change of
    the customer's balance: the sale adds it in the same UPDATE as the customer's visit."""
    expires = _add_months(clock.now().date(), r.expiry_months) if r and r.expiry_months else None
    rows = [
        entry(customer_id, kind, sale_id, user, points=points, expires_on=expires_on)
        for kind, points, expires_on in (("redeem", -redeemed, None), ("earn", earned, expires))
        if points
    ]
    fast.insert_many(LoyaltyEntry, rows)
    return earned - redeemed


def sale_points(sale_id: int) -> tuple[int, int]:
    """(earned, redeemed) by a sale — or (taken back, given back) by a refund — from the ledger."""
    earned = redeemed = 0
    for kind, points in (
        LoyaltyEntry.select(LoyaltyEntry.kind, fn.SUM(LoyaltyEntry.points))
        .where(LoyaltyEntry.sale == sale_id)
        .group_by(LoyaltyEntry.kind)
        .tuples()
    ):
        if kind == "earn":
            earned += int(points)
        elif kind == "redeem":
            redeemed -= int(points)
        elif kind == "reverse":
            earned -= int(points)
        elif kind == "return":
            redeemed += int(points)
    return earned, redeemed


def refund_points(original: Sale, share: Decimal, final: bool) -> tuple[int, int]:
    """(points to take back, points to give back) for refunding `share` of a sale; `final` closes it
    exactly. Never takes the customer's balance below zero."""
    if original.customer_id is None:
        return 0, 0
    earned, redeemed = sale_points(original.id)
    done_taken = done_given = 0
    for kind, points in (
        LoyaltyEntry.select(LoyaltyEntry.kind, fn.SUM(LoyaltyEntry.points))
        .join(Sale, on=(LoyaltyEntry.sale == Sale.id))
        .where(Sale.refund_of == original.id)
        .group_by(LoyaltyEntry.kind)
        .tuples()
    ):
        if kind == "reverse":
            done_taken -= int(points)
        elif kind == "return":
            done_given += int(points)
    if final:
        take, give = earned - done_taken, redeemed - done_given
    else:
        take = min(int(Decimal(earned) * share), earned - done_taken)
        give = min(int(Decimal(redeemed) * share), redeemed - done_given)
    balance = counter_rows.points_of(original.customer_id)
    return max(0, min(take, balance + give)), give


def on_refund(original: Sale, refund_id: int, take: int, give: int, user: User) -> None:
    if original.customer_id is None:
        return
    write(original.customer_id, "return", give, refund_id, user, note=original.number)
    write(original.customer_id, "reverse", -take, refund_id, user, note=original.number)


@service
def adjust(
    customer_id: int, points: int, reason: str, user: User, approver: staff.Approval | None = None
) -> None:
    """A manual correction: 'points_adjust' permission (or the owner's PIN) and a reason; journalled."""
    approver = staff.require(user, "points_adjust", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    if not isinstance(points, int) or isinstance(points, bool) or points == 0 or abs(points) > 10**7:
        raise PointsError(why=_("jumlah poin tidak valid"))
    balance = int(Customer.get_by_id(customer_id).points)
    if balance + points < 0:
        raise PointsError(why=_("saldo hanya {n} poin").format(n=balance))
    write(customer_id, "adjust", points, None, user, note=reason)
    journal.append(
        "loyalty_adjust",
        {
            "customer": customer_id,
            "points": points,
            "reason": reason,
            "approved_by": approver.name if approver else "",
        },
        user=user.name,
    )


@service
def expire(today: date | None = None) -> int:
    """Expire earned points whose date has passed, oldest first. Returns the points expired."""
    today = today or clock.now().date()
    total = 0
    due = (
        LoyaltyEntry.select(LoyaltyEntry.customer)
        .where(LoyaltyEntry.kind == "earn", LoyaltyEntry.expires_on < today)
        .distinct()
        .tuples()
    )
    for (customer_id,) in due:
        entries = list(
            LoyaltyEntry.select()
            .where(LoyaltyEntry.customer == customer_id)
            .order_by(LoyaltyEntry.created_at, LoyaltyEntry.id)
        )
        credits = [
            [e.expires_on, e.points]
            for e in entries
            if e.points > 0 and e.kind in ("earn", "return", "adjust")
        ]
        credits.sort(key=lambda c: (c[0] is None, c[0] or date.max))
        spent = -sum(e.points for e in entries if e.points < 0 and e.kind != "expire")
        expired_before = -sum(e.points for e in entries if e.kind == "expire")
        for credit in credits:  # debits use the oldest-expiring points first
            used = min(credit[1], spent)
            credit[1] -= used
            spent -= used
        lapsed = sum(left for expires_on, left in credits if expires_on is not None and expires_on < today)
        lapsed = min(lapsed - expired_before, int(Customer.get_by_id(customer_id).points))
        if lapsed > 0:
            system = User.select().order_by(User.id).first()
            assert system is not None
            write(customer_id, "expire", -lapsed, None, system, note=_("kedaluwarsa"))
            total += lapsed
    if total:
        journal.append("loyalty_expire", {"date": today.isoformat(), "points": total})
    return total


def balance(customer_id: int) -> int:
    return int(Customer.get_by_id(customer_id).points)


# --- tiers: Perunggu / Perak / Emas by spend over a rolling 12 months --------------------------------

DEFAULT_TIERS = [
    {"name": "Perunggu", "min": 0, "multiplier": "1"},
    {"name": "Perak", "min": 1_000_000, "multiplier": "1.25"},
    {"name": "Emas", "min": 3_000_000, "multiplier": "1.5"},
]


def tiers() -> list[dict[str, Any]]:
    """The tier ladder when the shop runs one (lowest first), else []."""
    found = programs.running("tier")
    if not found:
        return []
    program = found[0]
    return sorted((program.rules or {}).get("tiers", DEFAULT_TIERS), key=lambda t: int(t["min"]))


@service
def configure_tiers(ladder: list[dict[str, Any]], active: bool, user: User) -> LoyaltyProgram:
    staff.require(user, "settings")
    steps = []
    for step in ladder:
        name = clean(step.get("name", ""), limit=20)
        minimum, multiplier = step.get("min"), Decimal(str(step.get("multiplier", "1")))
        if (
            not name
            or not isinstance(minimum, int)
            or minimum < 0
            or not Decimal(1) <= multiplier <= Decimal(5)
        ):
            raise InvalidInput(N_("Tingkat {name} tidak valid."), name=name or "?")
        steps.append({"name": name, "min": minimum, "multiplier": str(multiplier)})
    programs.forget()
    program = LoyaltyProgram.get_or_none(LoyaltyProgram.kind == "tier")
    if program is None:
        program = LoyaltyProgram.create(
            kind="tier", name="Tingkat pelanggan", rules={"tiers": steps}, active=active
        )
    else:
        program.rules, program.active = {"tiers": steps}, active
        program.save()
    journal.append("loyalty_rules", {"program": program.id, "tiers": steps, "active": active}, user=user.name)
    programs.forget()
    return program


def spend_12_months(customer_id: int) -> int:
    since = clock.now() - timedelta(days=365)
    return int(
        Sale.select(fn.COALESCE(fn.SUM(Sale.total), 0))
        .where(Sale.customer == customer_id, Sale.created_at >= since)
        .scalar()
    )


def tier_for(spend: int, ladder: list[dict[str, Any]]) -> dict[str, Any] | None:
    reached = [t for t in ladder if spend >= int(t["min"])]
    return reached[-1] if reached else None


def multiplier_at(spend: int, ladder: list[dict[str, Any]]) -> Decimal:
    step = tier_for(spend, ladder)
    return Decimal(str(step["multiplier"])) if step else Decimal(1)


def set_tier(customer_id: int, spend: int, ladder: list[dict[str, Any]]) -> str:
    """Move the customer up or down for `spend` over 12 months (inside the caller's transaction)."""
    step = tier_for(spend, ladder) if ladder else None
    name = step["name"] if step else ""
    Customer.update(tier=name).where(Customer.id == customer_id).execute()
    return name


def update_tier(customer_id: int) -> str:
    """After a refund: recompute the 12-month spend and the tier."""
    ladder = tiers()
    return set_tier(customer_id, spend_12_months(customer_id) if ladder else 0, ladder)
