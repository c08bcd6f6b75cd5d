"""Stamp cards and bonus gifts with exact numbers: stamps earned, a full card claimed (free item from
stock, or rupiah off), refunds taking stamps back and giving claims back, gifts that come and go."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import LoyaltyEntry, Product, SaleLine, StampCard, StockMove
from pos.audit import verify
from pos.core.cart import Cart, CartLine
from pos.core.errors import InvalidInput, NeedCustomer
from pos.counter import receipt, refund, sale
from pos.counter.payment import Tender
from pos.customers import customer, gifts, stamps
from tests.pos.helpers import small_shop


@pytest.fixture
def shop(owner):
    items = small_shop(owner)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    return items, budi


def bakso_card(items, owner, needed=5):
    """Every bakso is a stamp; 5 stamps = a free Es Teh."""
    program = stamps.configure(
        "Kartu Bakso", needed, products=[items["bakso"].id], reward_product=items["teh"].id, user=owner
    )
    return next(c for c in stamps.programs() if c.program_id == program.id)


def cart_of(items, who, *pairs):
    c = Cart(customer_id=who.id if who else None)
    for key, qty in pairs:
        c.add(items[key].id, items[key].name, items[key].price, qty)
    return c


def pay(c, user):
    return sale.complete(c, [Tender("cash", sale.preview(c).total)], user)


def card_stamps(who, card) -> int:
    row = StampCard.get_or_none(StampCard.customer == who.id, StampCard.program == card.program_id)
    return row.stamps if row else 0


def on_hand(product) -> Decimal:
    return Product.get_by_id(product.id).on_hand


def test_stamps_earned_per_whole_unit_and_only_for_members(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    pay(cart_of(items, budi, ("bakso", 3), ("teh", 2)), cashier)
    pay(cart_of(items, None, ("bakso", 4)), cashier)  # walk-in: nobody to stamp
    pay(cart_of(items, budi, ("bakso", "1.5")), cashier)  # half a portion earns no stamp
    assert card_stamps(budi, card) == 4
    entries = [(e.kind, e.stamps) for e in LoyaltyEntry.select().where(LoyaltyEntry.stamps != 0)]
    assert entries == [("stamp", 3), ("stamp", 1)]


def test_full_card_gives_a_free_item_from_stock(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    pay(cart_of(items, budi, ("bakso", 5)), cashier)
    assert card_stamps(budi, card) == 5
    teh_before = on_hand(items["teh"])

    c = cart_of(items, budi, ("bakso", 1))
    stamps.claim(c, card)
    assert [(ln.name, ln.unit_price, ln.reward) for ln in c.lines][1] == ("Es Teh Manis", 0, True)
    done = pay(c, cashier)

    assert done.total == 18_000  # the tea is free
    assert card_stamps(budi, card) == 1  # 5 used, 1 new
    assert on_hand(items["teh"]) == teh_before - 1  # taken from stock
    gift_line = SaleLine.get(SaleLine.sale == done, SaleLine.reward == True)  # noqa: E712
    assert (gift_line.total, gift_line.cost) == (0, 1_000)  # its cost counts in the margin
    assert done.cost == 8_000 + 1_000  # bakso + the free tea
    assert StampCard.get(StampCard.customer == budi.id).rewards_earned == 1
    rows = receipt.for_sale(done.number).extra
    assert ("Stempel Kartu Bakso", "1/5") in rows
    assert verify.verify().ok


def test_claim_needs_a_full_card_and_a_customer(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    pay(cart_of(items, budi, ("bakso", 4)), cashier)
    with pytest.raises(stamps.StampError, match="baru 4 dari 5"):
        stamps.claim(cart_of(items, budi, ("bakso", 1)), card)
    with pytest.raises(NeedCustomer):
        stamps.claim(cart_of(items, None, ("bakso", 1)), card)
    pay(cart_of(items, budi, ("bakso", 1)), cashier)
    c = cart_of(items, budi, ("bakso", 1))
    stamps.claim(c, card)
    with pytest.raises(stamps.StampError):  # one full card, one claim
        stamps.claim(c, card)


def test_a_reward_line_cannot_be_slipped_in(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    c = cart_of(items, budi, ("bakso", 1))
    teh = items["teh"]
    c.lines.append(CartLine(teh.id, teh.name, Decimal(1), 0, 0, reward=True, reward_of=card.tag))
    with pytest.raises(stamps.StampError):
        pay(c, cashier)
    c.lines[-1].reward_of = ""
    with pytest.raises(gifts.GiftError):
        pay(c, cashier)
    assert SaleLine.select().count() == 0


def test_claim_taken_back_off_the_order(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    pay(cart_of(items, budi, ("bakso", 5)), cashier)
    c = cart_of(items, budi, ("bakso", 1))
    stamps.claim(c, card)
    with pytest.raises(InvalidInput):
        c.set_qty(1, 3)  # a reward line is not edited
    c.remove(1)
    assert c.stamp_claims == [] and len(c.lines) == 1
    pay(c, cashier)
    assert card_stamps(budi, card) == 6


def test_rupiah_reward_is_a_discount(shop, owner, cashier):
    items, budi = shop
    program = stamps.configure(
        "Kartu Makan",
        3,
        categories=[items["bakso"].category_id],
        reward="rp",
        reward_value=10_000,
        user=owner,
    )
    card = next(c for c in stamps.programs() if c.program_id == program.id)
    pay(cart_of(items, budi, ("bakso", 2), ("mie", 1)), cashier)  # bakso + mie are both Makanan
    assert card_stamps(budi, card) == 3
    c = cart_of(items, budi, ("bakso", 1))
    stamps.claim(c, card)
    assert sale.preview(c).total == 8_000
    done = pay(c, cashier)
    assert (done.gross, done.discount, done.total) == (18_000, 10_000, 8_000)
    assert card_stamps(budi, card) == 1
    # the whole sale comes back: the claim is given back and the stamp it earned taken back
    refund.refund(done, {SaleLine.get(SaleLine.sale == done).id: 1}, "salah pesan", owner)
    assert card_stamps(budi, card) == 3
    assert verify.verify().ok


def test_refund_takes_stamps_back_and_returns_a_claim(shop, owner, cashier):
    items, budi = shop
    card = bakso_card(items, owner)
    first = pay(cart_of(items, budi, ("bakso", 5)), cashier)
    c = cart_of(items, budi, ("bakso", 2))
    stamps.claim(c, card)
    second = pay(c, cashier)
    assert card_stamps(budi, card) == 2

    # 2 of the first sale's 5 bakso come back: 2 stamps taken back
    line = SaleLine.get(SaleLine.sale == first)
    refund.refund(first, {line.id: 2}, "kuah tumpah", owner)
    assert card_stamps(budi, card) == 0
    # the free tea comes back: its 5 stamps are given back; the 2 bakso stay (no more stamps to take)
    gift_line = SaleLine.get(SaleLine.sale == second, SaleLine.reward == True)  # noqa: E712
    done = refund.refund(second, {gift_line.id: 1}, "teh tumpah", owner)
    assert card_stamps(budi, card) == 5
    assert done.total == 0
    assert SaleLine.get(SaleLine.sale == done).reward
    assert verify.verify().ok


def test_stamps_are_sealed(shop, owner, cashier):
    items, budi = shop
    bakso_card(items, owner)
    pay(cart_of(items, budi, ("bakso", 3)), cashier)
    LoyaltyEntry.update(stamps=30).where(LoyaltyEntry.kind == "stamp").execute()
    result = verify.verify()
    assert not result.ok and any("stempel" in p for p in result.problems)


def test_stamp_card_settings_refuse_bad_input(shop, owner, cashier):
    items, _budi = shop
    with pytest.raises(InvalidInput):
        stamps.configure("X", 1, products=[items["bakso"].id], reward_product=items["teh"].id, user=owner)
    with pytest.raises(InvalidInput):
        stamps.configure("X", 5, reward_product=items["teh"].id, user=owner)
    with pytest.raises(InvalidInput):
        stamps.configure("X", 5, products=[items["bakso"].id], reward="rp", reward_value=0, user=owner)
    with pytest.raises(Exception, match="tidak berhak"):
        stamps.configure("X", 5, products=[items["bakso"].id], reward_product=items["teh"].id, user=cashier)
    assert stamps.programs() == []


# --- bonus gifts ---------------------------------------------------------------------------------


@pytest.fixture
def free_tea(shop, owner):
    """Buying rice (the air gun of this small shop) brings a free Es Teh."""
    items, _budi = shop
    gifts.configure("Teh gratis", items["teh"].id, products=[items["beras"].id], user=owner)
    return items


def test_gift_comes_with_a_qualifying_order_and_from_stock(shop, free_tea, cashier):
    items, _budi = shop
    c = cart_of(items, None, ("mie", 1))
    assert gifts.apply(c) == [] and len(c.lines) == 1
    c.add(items["beras"].id, items["beras"].name, items["beras"].price, 2)
    assert gifts.apply(c) == ["Es Teh Manis"]
    assert gifts.apply(c) == []  # once per order
    teh_before = on_hand(items["teh"])
    done = pay(c, cashier)
    assert done.total == 33_500
    assert on_hand(items["teh"]) == teh_before - 1
    assert done.cost == 2_900 + 24_000 + 1_000
    moves = StockMove.select().where(StockMove.product == items["teh"].id, StockMove.kind == "sale")
    assert [m.qty for m in moves] == [Decimal(-1)]


def test_gift_leaves_when_the_order_stops_qualifying_and_can_be_declined(shop, free_tea, cashier):
    items, _budi = shop
    c = cart_of(items, None, ("beras", 1))
    gifts.apply(c)
    c.remove(0)
    gifts.apply(c)
    assert c.lines == []  # no rice, no free tea
    c = cart_of(items, None, ("beras", 1))
    gifts.apply(c)
    c.remove(1)  # "no thanks"
    assert gifts.apply(c) == [] and len(c.lines) == 1


def test_min_spend_gift(shop, owner, cashier):
    items, _budi = shop
    gifts.configure("Belanja 50 ribu", items["mie"].id, min_spend=50_000, user=owner)
    c = cart_of(items, None, ("beras", 3))
    assert gifts.apply(c) == []
    c.set_qty(0, 4)
    assert gifts.apply(c) == ["Indomie Goreng"]
    assert pay(c, cashier).total == 60_000


def test_gift_line_is_checked_when_paying(shop, free_tea, cashier):
    items, _budi = shop
    c = cart_of(items, None, ("beras", 1))
    gifts.apply(c)
    c.remove(0)  # the rice is gone but the tea stays (someone skipped apply)
    with pytest.raises(gifts.GiftError):
        pay(c, cashier)


def test_gift_line_earns_no_points(shop, free_tea, owner, cashier):
    from pos.customers import loyalty

    items, budi = shop
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    c = cart_of(items, budi, ("beras", 1))
    gifts.apply(c)
    done = pay(c, cashier)
    assert loyalty.sale_points(done.id) == (15, 0)
