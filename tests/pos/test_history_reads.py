"""The Riwayat dialog and a receipt's WhatsApp button: the sale a refund starts from, and the number of the
sale's customer (none for a walk-in sale)."""

from __future__ import annotations

import pytest

from pos.core.cart import Cart
from pos.core.errors import NotFound
from pos.counter import history, sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


def _sell(user, product, customer_id=None):
    c = Cart()
    c.add(product.id, product.name, int(product.price), 2)
    c.customer_id = customer_id
    return sale.complete(c, [Tender("cash", sale.preview(c).total)], user)


def test_the_sale_to_refund_and_its_customers_number(owner):
    items = small_shop(owner)
    budi = customer.create_customer("0812-1111-3333", "Budi", user=owner)
    walk_in = _sell(owner, items["mie"])
    with_budi = _sell(owner, items["teh"], budi.id)
    assert (history.to_refund(with_budi.id).number, history.to_refund(with_budi.id).total) == (
        with_budi.number,
        10_000,
    )
    with pytest.raises(NotFound):
        history.to_refund(with_budi.id + 10)
    assert history.customer_phone(with_budi.number) == "6281211113333"
    assert history.customer_phone(walk_in.number) is None
    assert history.customer_phone("K9-999999") is None


def test_a_refund_in_riwayat_names_the_receipt_it_returns(owner):
    from pos.core import clock
    from pos.counter import refund

    items = small_shop(owner)
    first = _sell(owner, items["mie"])
    second = _sell(owner, items["teh"])
    back = refund.refund(second, {second.lines[0].id: 1}, "salah ambil", owner)
    rows = sale.history(clock.now().date())
    assert [(r.number, r.kind, r.refund_of) for r in rows] == [
        (back.number, "refund", second.number),
        (second.number, "sale", ""),
        (first.number, "sale", ""),
    ]
    assert rows[0].total == -5_000 and rows[0].customer == "" and rows[0].methods == "Tunai"
    assert sale.history(clock.now().date(), back.number)[0].refund_of == second.number  # searched
