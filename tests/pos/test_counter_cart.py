"""The counter's rules on the open cart, with exact rupiah: a channel change re-prices, a customer change
takes the previous customer's rewards off, typed details are cleaned and cut, each channel asks its
details."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos.core.cart import Cart
from pos.core.errors import InvalidAmount
from pos.counter import counter_cart, counter_reads, sale
from pos.counter.payment import Tender
from pos.customers import customer, loyalty, stamps
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


def ring(items, *pairs, channel="walk_in", who=None):
    c = Cart(channel=channel, customer_id=who.id if who else None)
    for key, qty in pairs:
        c.add(items[key].id, items[key].name, items[key].price, qty)
    return c


def prices(c):
    return [(ln.name, ln.unit_price, ln.list_price) for ln in c.lines]


def test_a_cart_re_priced_for_gofood_and_back(items, owner):
    c = ring(items, ("bakso", 2), ("teh", 1), ("mie", 1))
    c.override_price(2, 3_000, "promo")  # the cashier's price stays on every channel
    assert sale.preview(c).total == 2 * 18_000 + 5_000 + 3_000 == 44_000

    assert counter_cart.set_channel(c, "gofood") is True  # GoFood: the menu + 20 %
    assert prices(c) == [
        ("Bakso Urat", 21_600, 21_600),
        ("Es Teh Manis", 6_000, 6_000),
        ("Indomie Goreng", 3_000, 3_500),
    ]
    assert (c.channel, c.order_type, sale.preview(c).total) == ("gofood", "delivery", 52_200)

    assert counter_cart.set_channel(c, "walk_in") is True
    assert prices(c) == [
        ("Bakso Urat", 18_000, 18_000),
        ("Es Teh Manis", 5_000, 5_000),
        ("Indomie Goreng", 3_000, 3_500),
    ]
    assert (c.order_type, sale.preview(c).total) == ("", 44_000)


def test_the_same_channel_or_none_changes_nothing(items):
    c = ring(items, ("bakso", 1))
    c.order_type = "take_away"
    assert counter_cart.set_channel(c, "walk_in") is False
    assert counter_cart.set_channel(c, "") is False
    assert (c.channel, c.order_type, c.lines[0].unit_price) == ("walk_in", "take_away", 18_000)


def test_only_an_own_delivery_keeps_its_ongkir_and_address(items):
    c = ring(items, ("beras", 2))
    counter_cart.set_channel(c, "delivery")
    counter_cart.set_details(c, "", "8.000", "Jl. Melati 12")
    assert (c.order_type, sale.preview(c).total) == ("delivery", 38_000)
    counter_cart.set_channel(c, "gofood")
    assert (c.delivery_fee, c.delivery_address, sale.preview(c).total) == (0, "", 36_000)
    counter_cart.set_channel(c, "delivery")
    counter_cart.set_details(c, "", "8.000", "Jl. Melati 12")
    counter_cart.set_channel(c, "whatsapp")
    assert (c.order_type, c.delivery_fee, sale.preview(c).total) == ("", 0, 30_000)


def bakso_card(items, owner):
    """5 bakso = a free Es Teh."""
    program = stamps.configure(
        "Kartu Bakso", 5, products=[items["bakso"].id], reward_product=items["teh"].id, user=owner
    )
    return next(c for c in stamps.programs() if c.program_id == program.id)


@pytest.fixture
def regulars(items, owner):
    """Budi has a full bakso card and 90 points; Siti is new."""
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    budi = customer.create_customer("0812-1111-2222", "Budi")
    siti = customer.create_customer("0812-3333-4444", "Siti")
    card = bakso_card(items, owner)
    paid = ring(items, ("bakso", 5), who=budi)  # Rp 90.000: 5 stamps, 90 points
    sale.complete(paid, [Tender("cash", 90_000)], owner)
    return budi, siti, card


def test_a_stamp_reward_stays_free_on_another_channel(items, regulars):
    budi, _siti, card = regulars
    c = ring(items, ("bakso", 1), who=budi)
    stamps.claim(c, card)
    counter_cart.set_channel(c, "gofood")
    assert prices(c) == [("Bakso Urat", 21_600, 21_600), ("Es Teh Manis", 0, 0)]
    assert sale.preview(c).total == 21_600


def test_another_customer_drops_the_previous_ones_stamp_claim_and_points(items, regulars):
    budi, siti, card = regulars
    c = ring(items, ("bakso", 1), ("mie", 2), who=budi)  # 18.000 + 7.000 = 25.000
    stamps.claim(c, card)  # a free Es Teh
    c.points_redeem = 50  # Rp 5.000 off
    assert [ln.name for ln in c.lines] == ["Bakso Urat", "Indomie Goreng", "Es Teh Manis"]
    assert sale.preview(c).total == 20_000

    counter_cart.set_customer(c, siti.id)
    assert (c.customer_id, c.points_redeem, c.stamp_claims) == (siti.id, 0, [])
    assert [ln.name for ln in c.lines] == ["Bakso Urat", "Indomie Goreng"]
    assert sale.preview(c).total == 25_000

    counter_cart.set_customer(c, None)  # nobody named
    assert (c.customer_id, c.points_redeem, sale.preview(c).total) == (None, 0, 25_000)


def test_an_own_delivery_goes_to_the_customers_first_address(items, regulars):
    _budi, siti, _card = regulars
    ani = customer.create_customer("0812-5555-6666", "Ani", address="Jl. Melati 12")
    c = ring(items, ("beras", 1), who=ani)
    assert counter_cart.delivery_address(c, ani.id) == ""  # at the counter: nothing to send
    counter_cart.set_channel(c, "delivery")
    assert counter_cart.delivery_address(c, ani.id) == "Jl. Melati 12"
    assert counter_cart.delivery_address(c, siti.id) == ""  # no address known
    assert counter_cart.delivery_address(c, None) == ""


def test_stamps_left_after_the_orders_claims(items, regulars):
    budi, _siti, card = regulars
    c = ring(items, ("mie", 1), who=budi)
    left = counter_cart.stamps_left(budi.id, [card], c)
    assert [(k.program_id, n) for k, n in left] == [(card.program_id, 5)]
    stamps.claim(c, card)
    assert [n for _k, n in counter_cart.stamps_left(budi.id, [card], c)] == [0]


def test_points_are_capped_by_what_the_order_is_worth(items, regulars):
    budi, _siti, _card = regulars
    rules = loyalty.rules()
    c = ring(items, ("mie", 1), who=budi)  # Rp 3.500: at most 35 points of Rp 100
    c.points_redeem = 20
    assert counter_cart.subtotal_before_points(c) == 3_500
    assert counter_cart.most_points(c, 90, rules) == 35
    c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, 1)  # Rp 18.500: all 90
    assert counter_cart.most_points(c, 90, rules) == 90


def test_long_input_is_one_line_and_cut(items):
    assert counter_cart.one_line("  GF-\t881 \n 203  ") == "GF- 881 203"
    assert counter_cart.one_line(None) == ""
    assert counter_cart.one_line("x" * 80) == "x" * 60
    assert counter_cart.one_line("SN 12345", limit=4) == "SN 1"
    assert counter_cart.one_line("SN\x1b12345", limit=3) == "SN"  # the escape a space, none left at the end
    c = ring(items, ("beras", 1), channel="whatsapp")
    counter_cart.set_details(c, "@" + "budi " * 20, "", "  Jl. " + "Melati " * 100)
    assert c.source_ref == ("@" + "budi " * 20)[:60]
    assert len(c.source_ref) == 60 and c.delivery_fee == 0
    assert c.delivery_address == ("Jl. " + "Melati " * 100)[:500]


def test_an_ongkir_that_is_not_an_amount_is_refused_not_zero(items):
    c = ring(items, ("beras", 1), channel="delivery")
    counter_cart.set_details(c, "", "5.000", "Jl. Kenanga 3")
    with pytest.raises(InvalidAmount):
        counter_cart.set_details(c, "A-1", "10rb?", "Jl. Kenanga 3")
    assert (c.source_ref, c.delivery_fee, sale.preview(c).total) == ("A-1", 5_000, 20_000)
    counter_cart.set_details(c, "A-1", "Rp 10.000", "Jl. Kenanga 3")
    assert sale.preview(c).total == 25_000


def test_each_channel_asks_its_details(items):
    c = Cart()
    nothing = counter_cart.OrderFields(False, False, False, False)
    assert counter_cart.order_fields(c, food_orders=False) == nothing
    assert c.order_type == ""
    assert counter_cart.order_fields(c, food_orders=True).order_type is True
    assert c.order_type == "take_away"  # a food shop's order at the counter: take away until told
    c.order_type = "dine_in"
    counter_cart.order_fields(c, food_orders=True)
    assert c.order_type == "dine_in"

    counter_cart.set_channel(c, "delivery")
    assert counter_cart.order_fields(c, True) == counter_cart.OrderFields(False, False, True, True)
    counter_cart.set_channel(c, "whatsapp")
    assert counter_cart.order_fields(c, True) == counter_cart.OrderFields(False, True, False, True)
    c.order_type = "delivery"  # a WhatsApp order to deliver
    assert counter_cart.order_fields(c, True).delivery is True
    counter_cart.set_channel(c, "gofood")
    assert counter_cart.order_fields(c, True) == counter_cart.OrderFields(False, True, True, False)


def test_selling_past_the_recorded_stock_is_named(items):
    c = ring(items, ("beras", 49))  # 50 kg in stock
    assert counter_cart.stock_short(c, items["beras"].id) is None
    c.add(items["beras"].id, "Beras Pandan Wangi", 15_000, "1.5")
    assert counter_cart.stock_short(c, items["beras"].id) == Decimal("50.000")
    c.add(items["bakso"].id, "Bakso Urat", 18_000, 500)  # not tracked
    assert counter_cart.stock_short(c, items["bakso"].id) is None


def test_what_a_sale_gave_back(items, owner):
    c = ring(items, ("beras", 1), ("mie", 1))  # Rp 18.500
    done = sale.complete(c, [Tender("cash", 20_000)], owner)
    assert counter_reads.paid(done.id) == counter_reads.Paid(change=1_500, cash=True)
    c = ring(items, ("mie", 2))
    done = sale.complete(c, [Tender("qris", 7_000)], owner)
    assert counter_reads.paid(done.id) == counter_reads.Paid(change=0, cash=False)


def test_the_counters_reads(items, regulars):
    budi, _siti, _card = regulars
    assert counter_reads.product(items["teh"].id).name == "Es Teh Manis"
    assert counter_reads.on_hand(items["teh"].id) == Decimal("100.000")
    assert counter_reads.on_hand(items["bakso"].id) is None
    assert counter_reads.customer(budi.id).name == "Budi"
    assert counter_reads.customer(None) is None and counter_reads.customer(99_999) is None
    assert counter_cart.kasbon_left(0, 0) is None
    assert counter_cart.kasbon_left(500_000, 120_000) == 380_000


def test_the_next_order_stays_on_the_chosen_channel(items):
    """A GoFood admin forgot to pick GoFood again and sold at counter prices with no commission."""
    from pos.catalog import channel

    channel.configure(
        "gofood", markup_rate=Decimal("0.20"), commission_rate=Decimal("0.20"), commission_fixed=0
    )
    paid = ring(items, ("bakso", 1))
    counter_cart.set_channel(paid, "gofood")
    paid.source_ref = "GF-889"
    nxt = counter_cart.next_cart(paid)
    assert (nxt.channel, nxt.order_type, nxt.source_ref, nxt.lines) == ("gofood", "delivery", "", [])
    channel.configure(
        "gofood", markup_rate=Decimal("0.20"), commission_rate=Decimal("0.20"), commission_fixed=1_000
    )
    assert (sale.preview(nxt).commission, sale.preview(nxt).net) == (0, 0)  # not "Diterima toko -Rp 1.000"
    assert counter_cart.next_cart(Cart()).channel == "walk_in"


def test_quick_buttons_show_the_chosen_channels_price(items):
    from pos.catalog import channel

    channel.configure(
        "gofood", markup_rate=Decimal("0.20"), commission_rate=Decimal("0.20"), commission_fixed=0
    )
    bakso = items["bakso"]
    assert counter_cart.quick_prices([bakso], "walk_in") == {bakso.id: 18_000}
    assert counter_cart.quick_prices([bakso], "gofood") == {bakso.id: 21_600}  # 18.000 + 20 %


def test_a_platform_payment_starts_with_the_order_number(items):
    c = ring(items, ("bakso", 1), channel="gofood")
    counter_cart.set_details(c, " GF-889 ", "", "")
    assert counter_cart.payment_reference(c, "platform") == "GF-889"
    assert counter_cart.payment_reference(c, "cash") == ""
    assert counter_cart.payment_reference(ring(items, ("bakso", 1)), "platform") == ""
