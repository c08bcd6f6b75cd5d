"""The counter page's parts working together: what the screen shows follows the cart's rules
(pos.counter.counter_cart), and showing a cart never changes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos.core import settings
from pos.core.cart import Cart
from pos.customers import customer
from tests.pos.helpers import small_shop
from ui.counter.page import CounterPage


@pytest.fixture
def items(owner):
    return small_shop(owner)


@pytest.fixture
def counter(window, cashier, items, qtbot):
    window.enter(cashier)
    return window.section(CounterPage)


def scan(qtbot, page, code):
    qtbot.keyClicks(page.search, code)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)


def test_a_delivery_stays_a_delivery_after_eat_here_was_chosen(counter, owner, qtbot):
    """In a food shop, 'Makan di tempat' chosen, then the order goes to delivery or a delivery order is
    taken back: the hidden eat-here box must not turn it into a take-away."""
    settings.update({"food_orders": True}, user=owner.name)
    counter.new_cart()
    counter.order_type.setCurrentIndex(counter.order_type.findData("dine_in"))
    assert counter.cart.order_type == "dine_in"
    counter.channel.setCurrentIndex(counter.channel.findData("delivery"))
    assert counter.cart.order_type == "delivery" and counter.order_type.isHidden()

    counter.channel.setCurrentIndex(counter.channel.findData("walk_in"))
    counter.order_type.setCurrentIndex(counter.order_type.findData("dine_in"))
    counter.load_cart(Cart(channel="whatsapp", order_type="delivery"))  # a WhatsApp order to deliver
    assert counter.cart.order_type == "delivery"
    assert not counter.fee.isHidden() and not counter.address.isHidden()


def test_the_channel_re_prices_the_cart_on_screen(counter, qtbot):
    scan(qtbot, counter, "BKS")  # Bakso Urat Rp 18.000
    counter.channel.setCurrentIndex(counter.channel.findData("gofood"))  # + 20 %
    assert counter.model.index(0, 2).data() == "Rp 21.600"
    assert not counter.reference.isHidden() and counter.cod_button.isHidden()
    counter.channel.setCurrentIndex(counter.channel.findData("walk_in"))
    assert counter.model.index(0, 2).data() == "Rp 18.000"


def test_a_delivery_for_a_known_customer_takes_their_address(counter, qtbot):
    ani = customer.create_customer("0812-5555-6666", "Ani", address="Jl. Melati 12")
    counter.channel.setCurrentIndex(counter.channel.findData("delivery"))
    counter.set_customer(ani)
    assert counter.address.text() == "Jl. Melati 12"
    assert "Ani" in counter.customer_label.text()
    counter.set_customer(None)
    assert counter.cart.customer_id is None and counter.drop_customer.isHidden()
