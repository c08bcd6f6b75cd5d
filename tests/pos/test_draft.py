"""A cart left by a crash or a power cut comes back as a parked order (#20 item 5)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pos import shop
from pos.core.cart import Cart
from pos.counter import draft, park, sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


def _cart(items) -> Cart:
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 2)
    cart.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    return cart


def test_a_crashed_cart_is_parked_at_the_next_login(items, cashier, owner):
    draft.keep(_cart(items), cashier.name)
    label = draft.recover(owner)
    assert re.fullmatch(r"Ditinggal Dewi \d\d/\d\d \d\d:\d\d", label)
    [order] = park.open_orders()
    assert order.label == label and order.items == 2
    assert [(ln.product_id, ln.qty, ln.unit_price) for ln in order.cart.lines] == [
        (items["mie"].id, 2, 3_500),
        (items["teh"].id, 1, 5_000),
    ]
    assert draft.recover(owner) == ""  # brought back once, not at every login
    assert len(park.open_orders()) == 1


def test_nothing_comes_back_after_an_empty_or_paid_cart(items, cashier, owner):
    draft.keep(Cart(), cashier.name)
    assert draft.recover(owner) == ""
    cart = _cart(items)
    draft.keep(cart, cashier.name)
    sale.complete(cart, [Tender("cash", 12_000)], cashier)  # paid; the crash came before the empty draft
    assert draft.recover(owner) == ""
    assert park.open_orders() == []


def test_a_damaged_draft_is_ignored(items, cashier, owner):
    draft.keep(_cart(items), cashier.name)
    draft._file().write_text("{not json", encoding="utf-8")
    assert draft.recover(owner) == ""


def test_a_full_disk_never_stops_the_counter(items, cashier, monkeypatch):
    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    draft.keep(_cart(items), cashier.name)  # no exception: the sale itself is what the database keeps


def test_each_till_and_each_database_has_its_own_draft(items, cashier, owner, tmp_path):
    draft.keep(_cart(items), cashier.name)
    first = draft._file()
    shop.close_shop()
    shop.open_shop(str(tmp_path / "lain.db"))
    draft.forget_location()
    assert draft._file() != first
    assert draft.left_behind() is None


def test_a_killed_counter_process_leaves_its_cart(db, items, cashier, owner, tmp_path):
    """A real kill -9 after the draft was written: the next start parks the cart."""
    target = db
    script = textwrap.dedent(
        f"""
        import os, sys
        from pos import shop
        from pos.core import clock
        from pos.counter import draft
        from pos.core.cart import Cart
        from db.models import Product
        shop.open_shop({target!r})
        cart = Cart()
        cart.add(Product.get(Product.sku == {items["mie"].sku!r}).id, "Indomie Goreng", 3_500, 3)
        draft.keep(cart, "Dewi")
        os.kill(os.getpid(), 9)
        """
    )
    shop.close_shop()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", script], env=env, timeout=120, check=False)
    assert done.returncode == -9
    shop.open_shop(target)
    draft.forget_location()
    label = draft.recover(owner)
    assert label.startswith("Ditinggal Dewi ")
    [order] = park.open_orders()
    assert [(ln.qty, ln.unit_price) for ln in order.cart.lines] == [(3, 3_500)]
