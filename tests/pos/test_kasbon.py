from datetime import datetime

import pytest

from db.models import CashMove
from pos.audit import verify
from pos.core import clock
from pos.core.cart import Cart
from pos.core.errors import InvalidAmount, KasbonLimit
from pos.counter import kasbon, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


@pytest.fixture
def tab(owner):
    items = small_shop(owner)
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    return items, sari


def on_credit(items, who, user, qty):
    c = Cart(customer_id=who.id)
    c.add(items["beras"].id, "Beras", 15_000, qty)
    return sale.complete(c, [Tender("kasbon", 15_000 * qty)], user)


def test_tab_payments_and_the_drawer(tab, owner):
    items, sari = tab
    with clock.frozen(datetime(2026, 11, 2, 9, 0)):
        on_credit(items, sari, owner, 2)  # 30.000
    with clock.frozen(datetime(2026, 11, 9, 9, 0)):
        on_credit(items, sari, owner, 4)  # 60.000 -> owes 90.000
    with pytest.raises(KasbonLimit):
        on_credit(items, sari, owner, 1)  # 105.000 > 100.000
    assert kasbon.pay(sari.id, 20_000, "cash", owner) == 70_000
    assert kasbon.pay(sari.id, 10_000, "transfer", owner) == 60_000
    [debtor] = kasbon.debtors()
    assert (debtor.name, debtor.owed, debtor.since) == ("Sari", 60_000, datetime(2026, 11, 9, 9, 0))
    assert [m.amount for m in CashMove.select()] == [20_000]  # only the cash goes into the drawer
    report = shift.close_shift(owner, {10_000: 2})
    assert report.expected_cash == 20_000 and report.variance == 0
    assert verify.verify().ok
    with pytest.raises(InvalidAmount):
        kasbon.pay(sari.id, 70_000, "transfer", owner)  # more than owed
    assert kasbon.owed_total() == 60_000
