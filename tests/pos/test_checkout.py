"""Scenario tests of completing a sale, with exact rupiah."""

from decimal import Decimal

import pytest

from db.models import JournalEntry, Payment, Product, Sale, SaleLine, StockMove
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import journal, settings, staff
from pos.core.cart import Cart
from pos.core.errors import (
    AlreadyCompleted,
    EmptyCart,
    InvalidPrice,
    InvalidQuantity,
    KasbonLimit,
    NeedCustomer,
    PaymentInvalid,
    PaymentShort,
    PermissionDenied,
    PosError,
    StorageError,
)
from pos.counter import sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


def cart_of(items, *pairs, channel="walk_in"):
    c = Cart(channel=channel)
    ch = channels.get(channel)
    for key, qty in pairs:
        p = items[key]
        c.add(p.id, p.name, catalog.price_for(p, ch), qty)
    return c


def test_exact_cash_sale_writes_everything(items, cashier):
    c = cart_of(items, ("mie", 3), ("beras", "0.25"), ("teh", 1))
    done = sale.complete(c, [Tender("cash", 19_250)], cashier)
    s = Sale.get_by_id(done.id)
    assert s.number == "K1-000001"
    assert (s.gross, s.discount, s.total, s.net, s.commission) == (19_250, 0, 19_250, 19_250, 0)
    assert s.cost == 3 * 2_900 + 3_000 + 1_000  # 0.25 kg x 12.000
    lines = list(SaleLine.select().where(SaleLine.sale == s).order_by(SaleLine.position))
    assert [(ln.name, ln.qty, ln.total) for ln in lines] == [
        ("Indomie Goreng", Decimal("3.000"), 10_500),
        ("Beras Pandan Wangi", Decimal("0.250"), 3_750),
        ("Es Teh Manis", Decimal("1.000"), 5_000),
    ]
    pay = Payment.get(Payment.sale == s)
    assert (pay.method, pay.amount, pay.tendered, pay.change) == ("cash", 19_250, 19_250, 0)
    assert Product.get_by_id(items["mie"].id).on_hand == Decimal("97.000")
    assert Product.get_by_id(items["beras"].id).on_hand == Decimal("49.750")
    assert StockMove.select().where(StockMove.kind == "sale").count() == 3
    assert JournalEntry.select().where(JournalEntry.event == "sale").count() == 1
    assert journal.verify_chain()[1] == []


def test_overpaid_cash_gives_change(items, cashier):
    c = cart_of(items, ("mie", 2), ("teh", 1))  # 12.000
    s = sale.complete(c, [Tender("cash", 50_000)], cashier)
    pay = Payment.get(Payment.sale == s)
    assert (pay.amount, pay.tendered, pay.change) == (12_000, 50_000, 38_000)


def test_split_payment_qris_and_cash(items, cashier):
    c = cart_of(items, ("bakso", 2), ("teh", 2))  # 46.000
    s = sale.complete(c, [Tender("qris", 30_000), Tender("cash", 20_000)], cashier)
    pays = [
        (p.method, p.amount, p.change) for p in Payment.select().where(Payment.sale == s).order_by(Payment.id)
    ]
    assert pays == [("qris", 30_000, 0), ("cash", 16_000, 4_000)]


def test_non_cash_cannot_exceed_total(items, cashier):
    c = cart_of(items, ("teh", 1))
    with pytest.raises(PaymentInvalid):
        sale.complete(c, [Tender("qris", 6_000)], cashier)
    assert Sale.select().count() == 0


def test_short_payment_writes_nothing(items, cashier):
    c = cart_of(items, ("mie", 3))
    with pytest.raises(PaymentShort) as err:
        sale.complete(c, [Tender("cash", 10_000)], cashier)
    assert err.value.text == "Pembayaran kurang Rp 500."
    assert Sale.select().count() == 0 and Product.get_by_id(items["mie"].id).on_hand == Decimal("100.000")


def test_gofood_sale_with_markup_and_commission(items, cashier):
    # GoFood: 20 % markup on the menu, 20 % commission + Rp 1.000 per order
    from pos.catalog import channel

    channel.configure(
        "gofood", markup_rate=Decimal("0.20"), commission_rate=Decimal("0.20"), commission_fixed=1_000
    )
    c = cart_of(items, ("bakso", 2), ("teh", 1), channel="gofood")  # 21.600 x 2 + 6.000 = 49.200
    s = sale.complete(c, [Tender("platform", 49_200, "GF-123")], cashier)
    assert (s.gross, s.total, s.commission, s.net) == (49_200, 49_200, 10_840, 38_360)


def test_explicit_channel_price_wins_over_markup(items, cashier):
    from pos.catalog import channel

    gofood = channel.get("gofood")
    catalog.set_channel_price(gofood, items["bakso"], 22_000)
    assert catalog.price_for(items["bakso"], gofood) == 22_000
    assert catalog.price_for(items["teh"], gofood) == 6_000


def test_tax_added_with_service(items, cashier):
    settings.update({"tax_mode": "added", "tax_rate": "0.10", "service_rate": "0.05"})
    c = cart_of(items, ("bakso", 3))  # 54.000
    s = sale.complete(c, [Tender("cash", 100_000)], cashier)
    # service 2.700; PBJT 10 % of 56.700 = 5.670; total 62.370
    assert (s.service, s.tax, s.total) == (2_700, 5_670, 62_370)


def test_tax_included_does_not_change_total(items, cashier):
    settings.update({"tax_mode": "included", "tax_rate": "0.11"})
    c = cart_of(items, ("beras", 2))  # 30.000 incl. PPN: 30.000 x 11/111 = 2.972,97
    s = sale.complete(c, [Tender("cash", 30_000)], cashier)
    assert (s.total, s.tax) == (30_000, 2_973)


def test_cash_rounding_applies_to_cash_only(items, cashier):
    settings.update({"cash_rounding": 500})
    c = cart_of(items, ("beras", "0.25"))  # 3.750 -> 4.000 in cash
    s = sale.complete(c, [Tender("cash", 4_000)], cashier)
    assert (s.total, s.rounding) == (4_000, 250)
    c2 = cart_of(items, ("beras", "0.25"))
    s2 = sale.complete(c2, [Tender("qris", 3_750)], cashier)
    assert (s2.total, s2.rounding) == (3_750, 0)


def test_order_discount_is_spread_over_lines_exactly(items, owner):
    c = cart_of(items, ("mie", 1), ("beras", 1), ("teh", 1))  # 3.500 + 15.000 + 5.000 = 23.500
    c.discount_order(rate=Decimal("0.10"), reason="Langganan lama")
    s = sale.complete(c, [Tender("cash", 21_150)], owner)
    lines = list(SaleLine.select().where(SaleLine.sale == s).order_by(SaleLine.position))
    assert [ln.discount for ln in lines] == [350, 1_500, 500]
    assert sum(ln.total for ln in lines) == s.total == 21_150


def test_cashier_needs_owner_for_discount(items, cashier, owner):
    c = cart_of(items, ("beras", 1))
    c.discount_line(0, amount=1_000, reason="Karung sobek")
    with pytest.raises(PermissionDenied):
        sale.complete(c, [Tender("cash", 14_000)], cashier)
    s = sale.complete(c, [Tender("cash", 14_000)], cashier, approver=staff.owner_approval("1234"))
    assert s.approved_by_id == owner.id and s.total == 14_000


def test_second_click_on_bayar_makes_no_second_sale(items, cashier):
    c = cart_of(items, ("teh", 1))
    first = sale.complete(c, [Tender("cash", 5_000)], cashier)
    with pytest.raises(AlreadyCompleted) as err:
        sale.complete(c, [Tender("cash", 5_000)], cashier)
    assert first.number in err.value.text
    assert Sale.select().count() == 1


def test_kasbon_needs_a_customer_and_stays_within_limit(items, owner, cashier):
    c = cart_of(items, ("beras", 2))
    with pytest.raises(NeedCustomer):
        sale.complete(c, [Tender("kasbon", 30_000)], cashier)
    budi = customer.create_customer("0812-1111-3333", "Budi", credit_limit=50_000, user=owner)
    c.customer_id = budi.id
    sale.complete(c, [Tender("kasbon", 30_000)], cashier)
    c2 = cart_of(items, ("beras", 2))
    c2.customer_id = budi.id
    with pytest.raises(KasbonLimit) as err:
        sale.complete(c2, [Tender("kasbon", 30_000)], cashier)
    assert "Rp 20.000" in err.value.text
    assert budi.__class__.get_by_id(budi.id).kasbon == 30_000


def test_receipt_numbers_are_gapless_even_after_a_failed_sale(items, cashier):
    numbers = []
    for tender in (5_000, 1_000, 5_000):
        c = cart_of(items, ("teh", 1))
        try:
            numbers.append(sale.complete(c, [Tender("cash", tender)], cashier).number)
        except PaymentShort:
            pass
    assert numbers == ["K1-000001", "K1-000002"]


def test_empty_cart_and_bad_quantities(items, cashier):
    with pytest.raises(EmptyCart):
        sale.complete(Cart(), [Tender("cash", 1_000)], cashier)
    c = Cart()
    for bad in (0, -1, "10000", "abc", "NaN"):
        with pytest.raises(InvalidQuantity):
            c.add(items["teh"].id, "Teh", 5_000, bad)
    with pytest.raises(InvalidPrice):
        c.add(items["teh"].id, "Teh", 1_000_000_001)
    assert c.is_empty


def test_scanning_twice_adds_to_the_same_line(items):
    c = cart_of(items, ("mie", 1), ("mie", 1), ("teh", 1))
    assert [(ln.name, ln.qty) for ln in c.lines] == [
        ("Indomie Goreng", Decimal("2.000")),
        ("Es Teh Manis", Decimal("1.000")),
    ]


def test_cart_survives_json_round_trip(items):
    c = cart_of(items, ("mie", 2), ("beras", "0.5"))
    c.set_note(0, "tanpa sambal")
    c.discount_order(rate=Decimal("0.05"), reason="promo")
    again = Cart.from_json(c.to_json())
    assert again == c


def test_full_disk_in_the_middle_of_a_sale_leaves_nothing_behind(items, cashier, monkeypatch):
    import peewee

    from db.models import Register

    def full(*args, **kwargs):
        raise peewee.OperationalError("database or disk is full")

    c = cart_of(items, ("mie", 2), ("beras", 1))
    monkeypatch.setattr(journal, "append", full)  # the last write of the sale fails
    with pytest.raises(StorageError) as err:
        sale.complete(c, [Tender("cash", 22_000)], cashier)
    assert "disk penuh" in err.value.text
    assert (Sale.select().count(), SaleLine.select().count(), Payment.select().count()) == (0, 0, 0)
    assert StockMove.select().where(StockMove.kind == "sale").count() == 0
    assert Product.get_by_id(items["mie"].id).on_hand == Decimal("100.000")
    assert Register.get().last_number == 0
    monkeypatch.undo()
    assert sale.complete(c, [Tender("cash", 22_000)], cashier).number == "K1-000001"  # the cart still works


def test_a_long_basket_keeps_every_line_and_its_stock_move(items, owner):
    """Lines are written in statements of 200 rows: 250 lines each keep their position and their move."""
    c = Cart()
    for _ in range(250):
        c.add(items["mie"].id, "Indomie Goreng", 3_500, 1, merge=False)
    done = sale.complete(c, [Tender("cash", 875_000)], owner)
    lines = list(SaleLine.select().where(SaleLine.sale == done).order_by(SaleLine.position))
    assert [ln.position for ln in lines] == list(range(1, 251))
    moves = {m.sale_line_id: m.qty for m in StockMove.select().where(StockMove.kind == "sale")}
    assert set(moves) == {ln.id for ln in lines} and set(moves.values()) == {Decimal(-1)}
    assert Product.get_by_id(items["mie"].id).on_hand == Decimal(100 - 250)


def test_only_a_delivery_keeps_a_delivery_address(items, owner, cashier):
    """A walk-in sale printed the customer's saved address as 'Antar ke: …'."""
    sari = customer.create_customer("0813-2222-7777", "Sari", address="Jl. Mawar 3")
    walk_in = Cart(customer_id=sari.id)  # the counter, order type Bungkus
    walk_in.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    walk_in.set_delivery(0, "Jl. Mawar 3")  # what the hidden address box held
    assert sale.complete(walk_in, [Tender("cash", 5_000)], cashier).delivery_address == ""
    sent = Cart(customer_id=sari.id, channel="delivery", order_type="delivery")
    sent.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    sent.set_delivery(3_000, "Jl. Mawar 3")
    done = sale.complete(sent, [Tender("cash", 8_000)], cashier)
    assert (done.delivery_address, done.delivery_fee, done.total) == ("Jl. Mawar 3", 3_000, 8_000)


def test_only_a_shop_that_sells_food_asks_eat_here_or_take_away(items, owner, cashier):
    """#20: a grocery's every sale was marked and printed "Bungkus"."""
    from pos.counter import receipt as receipt_mod

    grocery = Cart()
    grocery.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    done = sale.complete(grocery, [Tender("cash", 5_000)], cashier)
    assert done.order_type == ""
    assert receipt_mod.for_sale(done.number).order_type == ""
    told = Cart(order_type="dine_in")  # a caller that did not look at the shop's kind
    told.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    assert sale.complete(told, [Tender("cash", 5_000)], cashier).order_type == ""
    settings.update({"food_orders": True}, user=owner.name)
    here = Cart(order_type="dine_in")
    here.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    done = sale.complete(here, [Tender("cash", 5_000)], cashier)
    assert done.order_type == "dine_in" and receipt_mod.for_sale(done.number).order_type == "Makan di tempat"
    sent = Cart(channel="delivery", order_type="delivery")
    sent.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    settings.update({"food_orders": False}, user=owner.name)
    assert sale.complete(sent, [Tender("cash", 5_000)], cashier).order_type == "delivery"
    with pytest.raises(PosError):
        odd = Cart(order_type="picnic")
        odd.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        sale.complete(odd, [Tender("cash", 5_000)], cashier)
