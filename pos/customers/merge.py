"""Merging two records of the same person (a second phone number, a typo at the counter).

Everything moves to the record that is kept: sales, points and stamps (their ledger entries and
balances), kasbon, vouchers, addresses, outreach. The other record stays behind, marked as merged into
the kept one, so its phone number still finds the customer. The merge is one transaction and one
journal entry; `verify` accepts a sealed sale whose customer was merged into the one it shows now.
"""

from __future__ import annotations

from db.migrations import refresh_visits
from db.models import (
    Customer,
    CustomerAddress,
    KasbonEntry,
    LoyaltyEntry,
    Outreach,
    Sale,
    StampCard,
    User,
    Voucher,
    database,
)
from pos.core import journal, phone, staff
from pos.core.errors import InvalidInput
from pos.core.i18n import N_
from pos.core.tx import service
from pos.customers import loyalty


@service
def merge(keep_id: int, drop_id: int, user: User, approver: staff.Approval | None = None) -> Customer:
    """Move everything of customer `drop_id` to `keep_id` ('points_adjust' permission or the owner's PIN)."""
    approver = staff.require(user, "points_adjust", approver)
    if keep_id == drop_id:
        raise InvalidInput(N_("Pilih dua pelanggan yang berbeda."))
    keep, drop = Customer.get_or_none(Customer.id == keep_id), Customer.get_or_none(Customer.id == drop_id)
    if keep is None or drop is None:
        raise InvalidInput(N_("Pelanggan tidak ditemukan."))
    if keep.merged_into_id or drop.merged_into_id:
        raise InvalidInput(N_("Pelanggan ini sudah digabung sebelumnya."))
    moved = {}
    for name, model in (
        ("sales", Sale),
        ("loyalty", LoyaltyEntry),
        ("kasbon", KasbonEntry),
        ("vouchers", Voucher),
        ("outreach", Outreach),
        ("addresses", CustomerAddress),
    ):
        moved[name] = model.update(customer=keep.id).where(model.customer == drop.id).execute()
    held = {c.program_id: c for c in StampCard.select().where(StampCard.customer == keep.id)}
    for card in StampCard.select().where(StampCard.customer == drop.id):
        mine = held.get(card.program_id)
        if mine is None:
            StampCard.update(customer=keep.id).where(StampCard.id == card.id).execute()
        else:
            StampCard.update(
                stamps=StampCard.stamps + card.stamps,
                rewards_earned=StampCard.rewards_earned + card.rewards_earned,
            ).where(StampCard.id == mine.id).execute()
            card.delete_instance()
    other = phone.local_form(drop.phone) if drop.phone else ""
    notes = [n for n in (keep.notes, drop.notes, f"Nomor lain: {other}" if other else "") if n.strip()]
    tags = []
    for tag in (keep.tags + "," + drop.tags).split(","):
        if tag.strip() and tag.strip() not in tags:
            tags.append(tag.strip())
    Customer.update(
        points=Customer.points + drop.points,
        kasbon=Customer.kasbon + drop.kasbon,
        credit_limit=max(keep.credit_limit, drop.credit_limit),
        birthday=keep.birthday or drop.birthday,
        wa_consent=keep.wa_consent or drop.wa_consent,
        notes="\n".join(notes),
        tags=", ".join(tags)[:200],
    ).where(Customer.id == keep.id).execute()
    Customer.update(
        merged_into=keep.id, points=0, kasbon=0, visits=0, first_visit=None, last_visit=None
    ).where(Customer.id == drop.id).execute()
    refresh_visits(database, Customer, [keep.id])
    loyalty.update_tier(keep.id)
    journal.append(
        "customer_merge",
        {
            "keep": keep.id,
            "drop": drop.id,
            "points": drop.points,
            "kasbon": drop.kasbon,
            "moved": moved,
            "approved_by": approver.name if approver else None,
        },
        user=user.name,
    )
    return Customer.get_by_id(keep.id)


def resolve(customer_id: int | None, merged: dict[int, int]) -> int | None:
    """The customer a (possibly merged) id lives on as now; `merged`: {drop id: keep id}."""
    seen = set()
    while customer_id in merged and customer_id not in seen:
        seen.add(customer_id)
        customer_id = merged[customer_id]
    return customer_id


def merged_map() -> dict[int, int]:
    return dict(
        Customer.select(Customer.id, Customer.merged_into).where(Customer.merged_into.is_null(False)).tuples()
    )
