"""Vouchers: unguessable codes without look-alike characters, with a check character that catches typos.

Codes are 8 random characters from a 32-letter alphabet (no 0/O, 1/I) plus a Luhn mod 32 check
character, printed in groups: 7KQ4-M9XW-P.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from peewee import JOIN

from db.models import Customer, LoyaltyProgram, User, Voucher
from db.models import Voucher as V
from pos.core import clock, journal, staff
from pos.core.cart import check_price
from pos.core.errors import InvalidInput, NeedReason
from pos.core.i18n import N_, _
from pos.core.money import apply_rate, format_rupiah
from pos.core.text import clean
from pos.core.tx import service

if TYPE_CHECKING:
    from pos.core.staff import Approval

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
BODY = 8
MAX_BATCH = 1000


class VoucherCodeInvalid(InvalidInput):
    template = N_("Kode voucher {code} salah ketik atau tidak dikenal.")


def check_char(body: str) -> str:
    """Luhn mod N over the alphabet: any single wrong character or swap of neighbours changes it."""
    n = len(ALPHABET)
    factor, total = 2, 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // n + addend % n
    return ALPHABET[(n - total % n) % n]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + check_char(body)


def normalise(text: str) -> str:
    """'7kq4-m9xw-p' or '7KQ4 M9XW P' -> '7KQ4M9XWP'; raises VoucherCodeInvalid on a typo."""
    code = "".join(c for c in (text or "").upper() if c.isalnum())
    if len(code) != BODY + 1 or any(c not in ALPHABET for c in code) or check_char(code[:-1]) != code[-1]:
        raise VoucherCodeInvalid(code=text)
    return code


def looks_like(text: str) -> bool:
    """Shaped like a voucher code (its length, its letters) whatever its check character says: a typo in a
    voucher is then named as one, not as a product not found."""
    code = "".join(c for c in (text or "").upper() if c.isalnum())
    return len(code) == BODY + 1 and all(c in ALPHABET for c in code) and any(c.isdigit() for c in code)


def pretty(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


@service
def issue_batch(
    count: int,
    *,
    kind: str,
    value: int,
    expires_on: date | None,
    user: User,
    min_spend: int = 0,
    campaign: str = "",
    channels: list[str] | None = None,
    customer_id: int | None = None,
    approver: Approval | None = None,
) -> list[Voucher]:
    """Issue `count` new vouchers (Rp or % off) for a campaign, in one transaction. A voucher is money off:
    the 'discount' permission, or an owner's approval (journalled with the vouchers)."""
    if user is None:
        raise InvalidInput(N_("Voucher hanya diterbitkan oleh pengguna yang masuk."))
    approved = staff.require(user, "discount", approver)
    return _issue(
        count,
        kind=kind,
        value=value,
        expires_on=expires_on,
        user=user,
        min_spend=min_spend,
        campaign=campaign,
        channels=channels,
        customer_id=customer_id,
        approved_by=approved.name if approved else "",
    )


def _issue(
    count: int,
    *,
    kind: str,
    value: int,
    expires_on: date | None,
    user: User | None,
    min_spend: int,
    campaign: str,
    channels: list[str] | None,
    customer_id: int | None,
    approved_by: str = "",
    program: int | None = None,
) -> list[Voucher]:
    if not isinstance(count, int) or not 1 <= count <= MAX_BATCH:
        raise InvalidInput(N_("Jumlah voucher harus 1 sampai {max}."), max=MAX_BATCH)
    if kind not in ("rp", "pct"):
        raise InvalidInput(N_("Jenis voucher harus rp atau pct."))
    check_price(value)
    check_price(min_spend)
    if value <= 0 or (kind == "pct" and value > 100):
        raise InvalidInput(N_("Nilai voucher tidak valid."))
    if expires_on is not None and expires_on < clock.now().date():
        raise InvalidInput(N_("Tanggal kedaluwarsa sudah lewat."))
    made: list[Voucher] = []
    while len(made) < count:
        code = new_code()
        if Voucher.get_or_none(Voucher.code == code) is not None:
            continue
        made.append(
            Voucher.create(
                code=code,
                kind=kind,
                value=value,
                min_spend=min_spend,
                expires_on=expires_on,
                channels=channels or [],
                campaign=campaign[:80],
                customer=customer_id,
                issued_by=user,
                issued_at=clock.now(),
            )
        )
    journal.append(
        "voucher_issue",
        {
            "count": count,
            "kind": kind,
            "value": value,
            "campaign": campaign,
            "customer": customer_id,
            "min_spend": min_spend,
            "codes": [v.code for v in made],
            "approved_by": approved_by,
            "program": program,
        },
        user=user.name if user else "",
    )
    return made


@service
def program_reward(program_id: int, *, customer_id: int, expires_on: date | None, campaign: str) -> Voucher:
    """A running program's voucher for one customer (the birthday bonus): its value is the one the owner set
    in the program ('settings'), so no one at the counter chooses it."""
    row = LoyaltyProgram.get_or_none(LoyaltyProgram.id == program_id)
    value = int((row.rules or {}).get("voucher_value", 0)) if row is not None and row.active else 0
    if value <= 0:
        raise InvalidInput(N_("Program ini tidak memberi voucher."))
    return _issue(
        1,
        kind="rp",
        value=value,
        expires_on=expires_on,
        user=None,
        min_spend=0,
        campaign=campaign,
        channels=None,
        customer_id=customer_id,
        program=row.id,
    )[0]


class VoucherUnusable(InvalidInput):
    template = N_("Voucher {code} tidak bisa dipakai: {why}")


def value_for(code: str, subtotal: int, channel_code: str, customer_id: int | None) -> tuple[Voucher, int]:
    """The voucher behind a typed or scanned code and the rupiah it takes off this order.
    Raises a clear error for an unknown, used, expired, cancelled or not-applicable voucher."""
    normal = normalise(code)
    row = Voucher.get_or_none(Voucher.code == normal)
    if row is None:
        raise VoucherCodeInvalid(code=code)
    shown = pretty(normal)
    if row.state != "issued":
        why = {"redeemed": _("sudah dipakai"), "cancelled": _("dibatalkan"), "expired": _("kedaluwarsa")}
        raise VoucherUnusable(code=shown, why=why.get(row.state, row.state))
    if row.expires_on is not None and row.expires_on < clock.now().date():
        raise VoucherUnusable(
            code=shown, why=_("kedaluwarsa sejak {date}").format(date=row.expires_on.strftime("%d-%m-%Y"))
        )
    if row.customer_id is not None and row.customer_id != customer_id:
        raise VoucherUnusable(code=shown, why=_("khusus untuk pelanggan lain"))
    if row.channels and channel_code not in row.channels:
        raise VoucherUnusable(code=shown, why=_("tidak berlaku di saluran ini"))
    if subtotal < row.min_spend:
        raise VoucherUnusable(
            code=shown, why=_("minimal belanja {amount}").format(amount=format_rupiah(int(row.min_spend)))
        )
    value = int(row.value) if row.kind == "rp" else apply_rate(subtotal, Decimal(int(row.value)) / 100)
    return row, min(value, subtotal)


def mark_redeemed(voucher_id: int, sale_id: int) -> None:
    """Inside the sale's transaction. Only one sale can ever take a voucher, even with two clicks or tills."""
    taken = (
        V.update(state="redeemed", redeemed_sale=sale_id, redeemed_at=clock.now())
        .where(V.id == voucher_id, V.state == "issued")
        .execute()
    )
    if taken != 1:
        raise VoucherUnusable(code=pretty(V.get_by_id(voucher_id).code), why=N_("sudah dipakai"))


def issue_one(
    kind: str,
    value: int,
    *,
    user: User,
    customer_id: int | None = None,
    expires_on: date | None = None,
    min_spend: int = 0,
    campaign: str = "",
    channels: list[str] | None = None,
    approver: Approval | None = None,
) -> Voucher:
    """One voucher by hand (a gift for a customer, an apology): issue_batch's permission."""
    return issue_batch(
        1,
        kind=kind,
        value=value,
        expires_on=expires_on,
        user=user,
        min_spend=min_spend,
        campaign=campaign,
        channels=channels,
        customer_id=customer_id,
        approver=approver,
    )[0]


@service
def cancel(code: str, reason: str, user: User, approver: Approval | None = None) -> Voucher:
    """Cancel an unused voucher ('discount' permission or the owner's PIN), with a reason."""
    approver = staff.require(user, "discount", approver)
    reason = clean(reason, limit=200)
    if not reason:
        raise NeedReason()
    normal = normalise(code)
    row = Voucher.get_or_none(Voucher.code == normal)
    if row is None:
        raise VoucherCodeInvalid(code=code)
    changed = (
        Voucher.update(state="cancelled").where(Voucher.id == row.id, Voucher.state == "issued").execute()
    )
    if changed != 1:
        raise VoucherUnusable(code=pretty(normal), why=N_("sudah tidak aktif"))
    journal.append(
        "voucher_cancel",
        {"code": normal, "why": reason, "approved_by": approver.name if approver else None},
        user=user.name,
    )
    return Voucher.get_by_id(row.id)


@service
def expire_due(today: date | None = None) -> int:
    """Mark unused vouchers past their date as expired (at start-up). Returns how many."""
    today = today or clock.now().date()
    count = (
        Voucher.update(state="expired")
        .where(Voucher.state == "issued", Voucher.expires_on.is_null(False), Voucher.expires_on < today)
        .execute()
    )
    if count:
        journal.append("voucher_expire", {"date": today.isoformat(), "count": count})
    return count


STATES = {
    "issued": N_("aktif"),
    "redeemed": N_("terpakai"),
    "expired": N_("kedaluwarsa"),
    "cancelled": N_("dibatalkan"),
}


def listing(state: str = "", query: str = "", limit: int = 500) -> list[Voucher]:
    """Vouchers for the voucher screen, newest first, by state and by code/campaign/customer."""
    rows = Voucher.select(Voucher, Customer).join(Customer, JOIN.LEFT_OUTER).order_by(Voucher.id.desc())
    if state:
        rows = rows.where(Voucher.state == state)
    text = (query or "").strip()
    if text:
        code = "".join(c for c in text.upper() if c.isalnum())
        rows = rows.where(
            Voucher.code.contains(code) | Voucher.campaign.contains(text) | Customer.name.contains(text)
        )
    return list(rows.limit(limit))
