"""A sale holds the cart to the rules its edits keep, however the cart was built: a cashier (or a
parked order's JSON) cannot slip a negative quantity, a negative fee or discount, or another tax
category past the service."""

from decimal import Decimal

import pytest

from db.models import Product, Sale
from pos import shop
from pos.core.cart import Cart, CartLine
from pos.core.errors import InvalidAmount, InvalidInput, InvalidPrice, InvalidQuantity
from pos.counter import sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


def _mie_cart(items) -> Cart:
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 2)
    return cart


def _refused(cart, cashier, error, paid=10_000):
    before = (Sale.select().count(), Product.get_by_id(cart.lines[0].product_id).on_hand)
    with pytest.raises(error):
        sale.complete(cart, [Tender("cash", paid)], cashier)
    assert (Sale.select().count(), Product.get_by_id(cart.lines[0].product_id).on_hand) == before


@pytest.mark.parametrize("qty", [Decimal(-1), Decimal(0), Decimal("10000"), Decimal("NaN"), -1])
def test_a_line_of_a_bad_quantity_is_refused(items, cashier, qty):
    cart = _mie_cart(items)
    cart.lines.append(CartLine(items["mie"].id, "Indomie Goreng", qty, 3_500, 3_500))
    _refused(cart, cashier, InvalidQuantity)


def test_a_cart_of_only_a_negative_line_adds_no_stock(items, cashier):
    cart = Cart()
    cart.lines.append(CartLine(items["mie"].id, "Indomie Goreng", Decimal(-2), 3_500, 3_500))
    _refused(cart, cashier, InvalidQuantity, paid=0)


def test_a_parked_order_with_a_negative_quantity_is_refused_at_payment(items, cashier):
    data = _mie_cart(items).to_json()
    data["lines"][0]["qty"] = "-5"
    _refused(Cart.from_json(data), cashier, InvalidQuantity)


def test_a_negative_delivery_fee_is_refused(items, cashier):
    cart = _mie_cart(items)
    cart.delivery_fee = -5_000
    _refused(cart, cashier, InvalidPrice)


@pytest.mark.parametrize(
    "field,value", [("order_discount", -3_000), ("order_discount_rate", Decimal("-0.1"))]
)
def test_a_negative_order_discount_is_refused(items, cashier, field, value):
    cart = _mie_cart(items)
    setattr(cart, field, value)
    _refused(cart, cashier, InvalidAmount)


@pytest.mark.parametrize("discount", [-1_000, 7_001, Decimal(5)])
def test_a_line_discount_below_zero_or_above_the_line_is_refused(items, cashier, discount):
    cart = _mie_cart(items)
    cart.lines[0].discount = discount
    _refused(cart, cashier, InvalidAmount)


def test_a_negative_price_or_redemption_is_refused(items, cashier):
    cart = _mie_cart(items)
    cart.lines[0].unit_price = cart.lines[0].list_price = -3_500
    _refused(cart, cashier, InvalidPrice)
    cart = _mie_cart(items)
    cart.points_redeem = -100
    _refused(cart, cashier, InvalidAmount)


def test_an_unknown_tax_category_is_refused(items, cashier):
    cart = _mie_cart(items)
    cart.lines[0].tax_category = "bebas"
    _refused(cart, cashier, InvalidInput)


def test_the_catalogue_not_the_cart_says_which_items_carry_ppn(items, cashier, owner):
    shop.save_settings({"tax_mode": "added", "tax_rate": "0.11"}, {}, owner)
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 2, tax_category="exempt")
    done = sale.complete(cart, [Tender("cash", 10_000)], cashier)
    assert (done.tax, done.total) == (770, 7_770)  # Rp 7.000 + PPN 11 %
