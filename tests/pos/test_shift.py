"""Shifts: opening cash, pay-ins/outs, cash sales and refunds -> expected cash, counted, variance."""

import pytest

from db.models import SaleLine, Shift
from pos.core.cart import Cart
from pos.core.errors import InvalidState, NeedReason
from pos.counter import refund, sale, shift
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner, open_shift=False)


def sell(items, cashier, key, qty, tenders):
    c = Cart()
    c.add(items[key].id, items[key].name, items[key].price, qty)
    return sale.complete(c, tenders, cashier)


def test_close_a_shift_with_exact_figures(items, cashier, owner):
    opened = shift.open_shift(cashier, 200_000)
    s1 = sell(items, cashier, "beras", 2, [Tender("cash", 50_000)])  # 30.000 cash, change 20.000
    sell(items, cashier, "teh", 3, [Tender("qris", 15_000)])
    sell(items, cashier, "mie", 4, [Tender("cash", 10_000), Tender("transfer", 4_000)])  # 14.000
    shift.cash_move(cashier, -25_000, "beli es batu")
    shift.cash_move(cashier, 100_000, "tukar uang kecil dari bank")
    line = SaleLine.get(SaleLine.sale == s1)
    refund.refund(s1, {line.id: 1}, "beras apek", owner, to_cash=True)  # -15.000 cash
    # expected = 200.000 + 30.000 + 10.000 - 15.000 + 100.000 - 25.000 = 300.000
    closed = shift.close_shift(cashier, {100_000: 2, 50_000: 1, 20_000: 2, 5_000: 1})  # 295.000
    assert closed.expected_cash == 300_000
    assert (closed.counted_cash, closed.variance) == (295_000, -5_000)
    assert dict(closed.by_method) == {"cash": 25_000, "qris": 15_000, "transfer": 4_000}
    assert (closed.sales_count, closed.sales_total, closed.refunds_count, closed.refunds_total) == (
        3,
        59_000,
        1,
        -15_000,
    )
    assert (closed.pay_ins, closed.pay_outs) == (100_000, 25_000)
    row = Shift.get_by_id(opened.id)
    assert row.closed_at is not None and row.counted_detail == {
        "100000": 2,
        "50000": 1,
        "20000": 2,
        "5000": 1,
    }
    assert shift.current() is None


def test_sales_belong_to_the_open_shift(items, cashier):
    first = shift.open_shift(cashier, 0)
    s = sell(items, cashier, "teh", 1, [Tender("cash", 5_000)])
    assert s.shift_id == first.id
    with pytest.raises(InvalidState):
        shift.open_shift(cashier, 0)


def test_no_sale_and_no_refund_without_an_open_shift(items, cashier):
    from pos.core.errors import ShiftRequired

    with pytest.raises(ShiftRequired) as err:
        sell(items, cashier, "teh", 1, [Tender("cash", 5_000)])
    assert "Buka shift" in err.value.text
    shift.open_shift(cashier, 0)
    s = sell(items, cashier, "teh", 1, [Tender("cash", 5_000)])
    shift.close_shift(cashier, {5_000: 1})
    line = SaleLine.get(SaleLine.sale == s)
    with pytest.raises(ShiftRequired):
        refund.refund(s, {line.id: 1}, "basi", _owner())


def _owner():
    from db.models import Role, User

    return User.select().join(Role).where(Role.code == "owner").get()


def test_cash_move_needs_a_reason_and_an_open_shift(items, cashier):
    with pytest.raises(InvalidState):
        shift.cash_move(cashier, 10_000, "x")
    shift.open_shift(cashier, 0)
    with pytest.raises(NeedReason):
        shift.cash_move(cashier, 10_000, " ")


def test_a_till_whose_register_row_is_gone_is_told_and_sells_nothing(items, cashier, monkeypatch):
    from db.models import Register, Sale
    from pos.core import till
    from pos.core.errors import NotFound

    shift.open_shift(cashier, 0)
    monkeypatch.setattr(till, "_row", Register(id=9_999, code="K9", name="Kasir K9"))
    before = Sale.select().count()
    with pytest.raises(NotFound) as err:
        sell(items, cashier, "teh", 1, [Tender("cash", 5_000)])
    assert "K9 tidak terdaftar" in err.value.text
    assert Sale.select().count() == before


def test_a_pay_out_cannot_take_more_than_the_drawer_holds(items, cashier):
    from db.models import CashMove
    from pos.core.errors import InvalidAmount

    shift.open_shift(cashier, 100_000)
    with pytest.raises(InvalidAmount) as err:
        shift.cash_move(cashier, -100_001, "ambil")
    assert err.value.text == "Kas keluar Rp 100.001 lebih dari uang di laci."  # the count stays blind
    assert CashMove.select().count() == 0
    shift.cash_move(cashier, -100_000, "setor ke bank")
    assert shift.report(shift.current()).expected_cash == 0


def test_the_owner_refused_a_pay_out_is_told_what_the_drawer_should_hold(items, owner):
    from pos.core.errors import InvalidAmount

    shift.open_shift(owner, 50_000)
    with pytest.raises(InvalidAmount) as err:
        shift.cash_move(owner, -60_000, "ambil")
    assert err.value.text == "Kas keluar Rp 60.000 lebih dari uang di laci (Rp 50.000)."


def test_a_deactivated_cashier_cannot_open_move_cash_or_close(items, cashier, owner):
    from db.models import CashMove
    from pos.core import staff
    from pos.core.errors import UserInactive

    shift.open_shift(cashier, 100_000)
    staff.set_active(cashier.id, False, owner)
    for attempt in (
        lambda: shift.cash_move(cashier, -50_000, "ambil"),
        lambda: shift.close_shift(cashier, {}),
    ):
        with pytest.raises(UserInactive):
            attempt()
    assert CashMove.select().count() == 0 and shift.current() is not None
    shift.close_shift(owner, {50_000: 2})
    with pytest.raises(UserInactive):
        shift.open_shift(cashier, 0)
    assert shift.current() is None
