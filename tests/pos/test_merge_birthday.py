"""Merging two records of one person, the birthday bonus, and vouchers issued by hand, cancelled and
expired — with exact numbers."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.models import Customer, KasbonEntry, LoyaltyEntry, Sale, StampCard, Voucher
from pos.audit import verify
from pos.core import clock, staff
from pos.core.cart import Cart
from pos.core.errors import InvalidInput, NeedReason, PermissionDenied
from pos.counter import kasbon, sale
from pos.counter.payment import Tender
from pos.customers import birthday, customer, customer_views, loyalty, merge, stamps, voucher
from tests.pos.helpers import small_shop


@pytest.fixture
def shop(owner):
    items = small_shop(owner)
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    return items


def buy(items, who, user, key, qty, method="cash"):
    c = Cart(customer_id=who.id)
    c.add(items[key].id, items[key].name, items[key].price, qty)
    return sale.complete(c, [Tender(method, sale.preview(c).total)], user)


def test_merge_moves_history_points_stamps_kasbon_and_vouchers(shop, owner, cashier):
    items = shop
    program = stamps.configure(
        "Kartu Bakso", 5, products=[items["bakso"].id], reward_product=items["teh"].id, user=owner
    )
    siti = customer.create_customer(
        "0812-1000-0001", "Siti", notes="suka pedas", credit_limit=100_000, user=owner
    )
    siti2 = customer.create_customer(
        "0857-2000-0002", "Bu Siti", birthday=date(1980, 5, 4), tags="arisan", credit_limit=50_000, user=owner
    )
    buy(items, siti, cashier, "bakso", 2)  # 36 points, 2 stamps
    buy(items, siti2, cashier, "bakso", 1)  # 18 points, 1 stamp
    buy(items, siti2, cashier, "beras", 1, method="kasbon")  # 15 points, Rp 15.000 owed
    gift = voucher.issue_one("rp", 10_000, user=owner, customer_id=siti2.id)

    kept = merge.merge(siti.id, siti2.id, owner)

    assert (kept.points, kept.kasbon) == (36 + 18 + 15, 15_000)
    assert kept.birthday == date(1980, 5, 4) and kept.credit_limit == 100_000
    assert "suka pedas" in kept.notes and "Nomor lain: 0857-2000-0002" in kept.notes
    assert kept.tags == "arisan"
    assert Sale.select().where(Sale.customer == siti.id).count() == 3
    assert LoyaltyEntry.select().where(LoyaltyEntry.customer == siti2.id).count() == 0
    assert KasbonEntry.get().customer_id == siti.id
    assert Voucher.get_by_id(gift.id).customer_id == siti.id
    card = StampCard.get(StampCard.program == program.id)
    assert (card.customer_id, card.stamps) == (siti.id, 3) and StampCard.select().count() == 1
    gone = Customer.get_by_id(siti2.id)
    assert (gone.merged_into_id, gone.points, gone.kasbon) == (siti.id, 0, 0)
    # the old number still finds her; the list shows her once
    assert customer.by_phone("085720000002").id == siti.id
    assert [c.id for c in customer.search("0857 2000 0002")] == [siti.id]
    assert [r.name for r in customer_views.listing()] == ["Siti"]
    assert customer_views.profile(siti.id).visits == 3
    assert kasbon.owed_total() == 15_000
    # sealed sales still verify: their customer was merged into this one
    assert verify.verify().ok
    # balance == ledger sum after the move
    ledger = sum(e.points for e in LoyaltyEntry.select().where(LoyaltyEntry.customer == siti.id))
    assert ledger == kept.points


def test_merge_refuses_bad_requests_and_needs_permission(shop, owner, cashier):
    a = customer.create_customer("0812-1000-0001", "A")
    b = customer.create_customer("0812-1000-0002", "B")
    with pytest.raises(InvalidInput):
        merge.merge(a.id, a.id, owner)
    with pytest.raises(PermissionDenied):
        merge.merge(a.id, b.id, cashier)
    merge.merge(a.id, b.id, cashier, approver=staff.owner_approval("1234"))
    with pytest.raises(InvalidInput, match="sudah digabung"):
        merge.merge(a.id, b.id, owner)


def test_birthday_bonus_once_a_year(shop, owner):
    birthday.configure(points=50, voucher_value=25_000, active=True, user=owner)
    ani = customer.create_customer("0812-3000-0001", "Ani", birthday=date(1990, 11, 30))
    customer.create_customer("0812-3000-0002", "Beni", birthday=date(1991, 3, 2))
    customer.create_customer("0812-3000-0003", "Cici")
    grants = birthday.grant(date(2026, 11, 23))
    assert [(g["customer"], g["points"]) for g in grants] == [(ani.id, 50)]
    v = Voucher.get(Voucher.customer == ani.id)
    assert (v.value, v.expires_on, v.campaign) == (25_000, date(2026, 12, 31), "Ulang tahun")
    assert Customer.get_by_id(ani.id).points == 50
    assert birthday.grant(date(2026, 11, 24)) == []  # once this year
    with clock.frozen(datetime(2027, 11, 2, 9, 0)):
        assert len(birthday.grant(date(2027, 11, 2))) == 1  # and again next year
    assert birthday.this_month(Customer.get_by_id(ani.id), date(2026, 11, 1))


def test_birthday_settings_refuse_nothing_to_give(owner):
    with pytest.raises(InvalidInput):
        birthday.configure(points=0, voucher_value=0, active=True, user=owner)
    assert birthday.program() is None


def test_voucher_issued_by_hand_cancelled_and_expired(owner, cashier):
    a = voucher.issue_one("rp", 20_000, user=owner, expires_on=date(2026, 11, 30), campaign="Maaf telat")
    b = voucher.issue_one("pct", 10, user=owner, expires_on=date(2026, 11, 24))
    with pytest.raises(NeedReason):
        voucher.cancel(a.code, "  ", owner)
    with pytest.raises(PermissionDenied):
        voucher.cancel(a.code, "salah cetak", cashier)
    assert voucher.cancel(voucher.pretty(a.code), "salah cetak", owner).state == "cancelled"
    with pytest.raises(voucher.VoucherUnusable):
        voucher.cancel(a.code, "lagi", owner)
    assert voucher.expire_due(date(2026, 11, 25)) == 1
    assert Voucher.get_by_id(b.id).state == "expired"
    assert [v.code for v in voucher.listing("expired")] == [b.code]
    assert [v.code for v in voucher.listing(query="maaf")] == [a.code]
    with pytest.raises(voucher.VoucherUnusable, match="dibatalkan"):
        voucher.value_for(a.code, 100_000, "walk_in", None)
