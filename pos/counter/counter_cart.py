"""The counter's rules on the open cart, as plain functions on the Cart value (nothing is written to the
database): re-pricing when the channel changes, what a change of customer takes off the order, the order's
details as typed, which details a channel asks for, and the cleaning of one-line input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from db.models import Product
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core.cart import Cart
from pos.core.money import parse_rupiah
from pos.core.text import clean
from pos.counter import sale
from pos.counter.counter_reads import on_hand, product
from pos.counter.delivery import COD_KINDS
from pos.customers import customer, loyalty, stamps

MAX_LINE_TEXT = 60  # an order number, a platform account, a serial number


def one_line(text: str | None, limit: int = MAX_LINE_TEXT) -> str:
    """Typed text as one line: control characters out, each run of spaces, tabs and newlines one space, at
    most `limit` characters (pos.core.text.clean)."""
    return clean(text or "", limit=limit)


def set_channel(cart: Cart, code: str) -> bool:
    """The order moves to channel `code`. Each line still at its list price takes the channel's price (a
    price the cashier changed or discounted stays; a reward stays free); an order for an own delivery or a
    food platform is a delivery; only an own delivery keeps its ongkir and address. False (and nothing done)
    when `code` is empty or already the cart's channel."""
    if not code or code == cart.channel:
        return False
    cart.channel = code
    channel = channels.get(code)
    for line in cart.lines:
        if line.product_id and not line.changed and not line.reward:
            line.unit_price = line.list_price = catalog.price_for(product(line.product_id), channel)
    cart.order_type = "delivery" if channel.kind in ("delivery", "aggregator") else ""
    if channel.kind != "delivery":
        cart.set_delivery(0, "")
    return True


def next_cart(cart: Cart) -> Cart:
    """The counter's next order after `cart` was paid, sent, parked or voided: empty, on the same channel
    (a GoFood admin keeps selling on GoFood at GoFood's prices and commission until she changes it), nothing
    else carried over. A change of cashier starts on the default channel instead (a plain `Cart()`)."""
    nxt = Cart()
    set_channel(nxt, cart.channel)
    return nxt


def quick_prices(products: list[Product], code: str) -> dict[int, int]:
    """{product id: price} of the counter's quick buttons on channel `code`: the price a line gets there."""
    return catalog.prices_for({p.id: int(p.price) for p in products}, channels.get(code))


def payment_reference(cart: Cart, method: str) -> str:
    """What the payment's No. referensi starts as: a platform's order number ('No. pesanan', the order's
    source_ref) for a payment the platform makes; '' for any other method."""
    return cart.source_ref if method == "platform" else ""


def set_customer(cart: Cart, customer_id: int | None) -> None:
    """The order is for another customer (None: nobody named). The previous customer's points redemption
    and stamp claims (with a claim's free item) come off: they were that customer's."""
    cart.customer_id = customer_id
    cart.points_redeem = 0
    for program_id in list(cart.stamp_claims):
        stamps.unclaim(cart, program_id)


def delivery_address(cart: Cart, customer_id: int | None) -> str:
    """Where an own delivery for this customer goes unless another address is typed: their first address;
    "" for another channel or nobody named."""
    if customer_id is None or channels.get(cart.channel).kind != "delivery":
        return ""
    return customer.main_address(customer_id)


def set_details(cart: Cart, reference: str, fee: str, address: str) -> None:
    """The order's number or account, ongkir and address as typed. Raises InvalidAmount (the reference
    already taken) when the ongkir is not a rupiah amount: it is never read as Rp 0."""
    cart.source_ref = one_line(reference)
    cart.set_delivery(parse_rupiah(fee or "0"), address)


@dataclass(frozen=True)
class OrderFields:
    """Which of the order's details the counter asks for on the cart's channel."""

    order_type: bool  # eat here / take away
    reference: bool  # the platform's order number or the customer's account
    delivery: bool  # ongkir and address
    cod: bool  # may go out unpaid with the courier


def order_fields(cart: Cart, food_orders: bool) -> OrderFields:
    """The details the cart's channel asks for. In a shop that sells food an order at the counter is eaten
    here or taken away: take away (set on the cart) until the cashier says otherwise."""
    kind = channels.get(cart.channel).kind
    food = kind == "counter" and food_orders
    if food and cart.order_type not in channels.FOOD_ORDER_TYPES:
        cart.order_type = "take_away"
    return OrderFields(
        order_type=food,
        reference=kind in ("social", "aggregator"),
        delivery=kind == "delivery" or cart.order_type == "delivery",  # a WhatsApp order to deliver too
        cod=kind in COD_KINDS,
    )


def subtotal_before_points(cart: Cart) -> int:
    """The order's subtotal with no points redeemed: what points may take off."""
    return sale.preview(replace(cart, points_redeem=0)).subtotal


def subtotal_before_voucher(cart: Cart) -> int:
    """The order's subtotal with neither a voucher nor points: what a voucher is checked against."""
    return sale.preview(replace(cart, voucher_code="", points_redeem=0)).subtotal


def most_points(cart: Cart, points: int, rules: loyalty.Rules) -> int:
    """The most of `points` this order can take: no more than its subtotal before points is worth."""
    return min(points, subtotal_before_points(cart) // rules.point_value)


def stamps_left(customer_id: int, cards: list[stamps.Card], cart: Cart) -> list[tuple[stamps.Card, int]]:
    """Each running stamp card with the stamps the customer keeps after this order's claims."""
    return [
        (card, have - card.needed * cart.stamp_claims.count(card.program_id))
        for card, have in stamps.progress(customer_id, cards)
    ]


def kasbon_left(credit_limit: int, kasbon: int) -> int | None:
    """What a customer may still buy on kasbon; None when there is no limit."""
    return int(credit_limit) - int(kasbon) if credit_limit else None


def stock_short(cart: Cart, product_id: int) -> Decimal | None:
    """The recorded stock of a tracked product when the cart holds more of it (selling on is allowed: the
    delivery is recorded later); None while the stock covers the cart, or for an untracked product."""
    held = on_hand(product_id)
    if held is None:
        return None
    wanted = sum((ln.qty for ln in cart.lines if ln.product_id == product_id), Decimal(0))
    return held if wanted > held else None
