"""Parked orders and refunds, with exact rupiah and quantities."""

import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from db.models import JournalEntry, KasbonEntry, ParkedOrder, Payment, Product, Sale, SaleLine, StockMove
from pos import shop
from pos.core import journal, staff
from pos.core.cart import Cart
from pos.core.errors import InvalidQuantity, InvalidState, NeedReason, PermissionDenied
from pos.counter import park, refund, sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


def cart(items, *pairs):
    c = Cart()
    for key, qty in pairs:
        p = items[key]
        c.add(p.id, p.name, p.price, qty)
    return c


def on_hand(items, key):
    return Product.get_by_id(items[key].id).on_hand


def test_parking_touches_nothing_and_survives_a_restart(items, cashier, tmp_path, db):
    c = cart(items, ("mie", 2), ("teh", 1))
    c.set_note(1, "es sedikit")
    park.park(c, "Meja 4", cashier)
    assert on_hand(items, "mie") == Decimal("100.000") and Sale.select().count() == 0
    shop.close_shop()
    shop.open_shop(db)  # the app restarts
    orders = park.open_orders()
    assert [(o.label, o.items) for o in orders] == [("Meja 4", 2)]
    resumed = park.resume(orders[0].id, cashier)
    assert resumed == c and resumed.lines[1].note == "es sedikit"
    assert park.open_orders() == []
    taken = JournalEntry.select().where(JournalEntry.event == "park_resume").get()
    assert (taken.user, json.loads(taken.content)["label"]) == (cashier.name, "Meja 4")  # who took it back
    with pytest.raises(InvalidState):
        park.resume(orders[0].id, cashier)
    done = sale.complete(resumed, [Tender("cash", 12_000)], cashier)
    assert done.total == 12_000


def test_cancel_a_parked_order_is_a_void_with_a_reason_and_is_journalled(items, cashier):
    import json

    order = park.park(cart(items, ("teh", 1)), "Mas Budi", cashier)
    with pytest.raises(PermissionDenied, match="Dewi tidak berhak membatalkan pesanan"):
        park.cancel(order.id, "Pelanggan batal", cashier)  # a void: the 'void' permission or the PIN
    assert ParkedOrder.get_by_id(order.id).state == "parked"
    with pytest.raises(NeedReason):
        park.cancel(order.id, "  ", cashier, staff.owner_approval("1234"))
    park.cancel(order.id, "Pelanggan batal", cashier, staff.owner_approval("1234"))
    assert ParkedOrder.get_by_id(order.id).state == "cancelled"
    assert journal.verify_chain()[1] == []
    last = journal.JournalEntry.select().order_by(journal.JournalEntry.seq.desc()).get()
    body = json.loads(last.content)
    assert (last.event, last.user, body["reason"], body["approved_by"]) == (
        "void",
        "Dewi",
        "Pelanggan batal",
        "Bu Sri",
    )


def test_refund_one_line_restores_stock_and_money(items, cashier, owner):
    s = sale.complete(
        cart(items, ("mie", 3), ("beras", 2)), [Tender("cash", 50_000)], cashier
    )  # 10.500 + 30.000
    mie_line = SaleLine.get(SaleLine.sale == s, SaleLine.position == 1)
    with pytest.raises(PermissionDenied):
        refund.refund(s, {mie_line.id: 1}, "Kemasan rusak", cashier)
    r = refund.refund(s, {mie_line.id: 1}, "Kemasan rusak", cashier, approver=staff.owner_approval("1234"))
    assert r.number == "K1-000002" and r.kind == "refund" and r.refund_of_id == s.id
    assert (r.total, r.net, r.gross) == (-3_500, -3_500, -3_500)
    assert on_hand(items, "mie") == Decimal("98.000")  # 100 - 3 + 1
    pay = Payment.get(Payment.sale == r)
    assert (pay.method, pay.amount) == ("cash", -3_500)
    left = {x.name: x.left for x in refund.returnable(s)}
    assert left == {"Indomie Goreng": Decimal("2.000"), "Beras Pandan Wangi": Decimal("2.000")}
    original = Sale.get_by_id(s.id)
    assert (original.total, original.number) == (40_500, "K1-000001")  # never edited
    with pytest.raises(InvalidQuantity) as refused:
        refund.refund(s, {mie_line.id: 3}, "lagi", owner)
    assert refused.value.text == "Indomie Goreng: paling banyak 2 yang bisa dikembalikan, bukan 3."


def test_half_a_counted_item_cannot_be_refunded(items, owner):
    from pos.core.units import WholeQuantity

    s = sale.complete(cart(items, ("mie", 3), ("beras", 2)), [Tender("cash", 50_000)], owner)
    mie = SaleLine.get(SaleLine.sale == s, SaleLine.position == 1)
    beras = SaleLine.get(SaleLine.sale == s, SaleLine.position == 2)
    with pytest.raises(WholeQuantity, match="Jumlah untuk satuan pcs harus bilangan bulat."):
        refund.refund(s, {mie.id: "0,5"}, "Kemasan rusak", owner)
    assert Sale.select().count() == 1
    r = refund.refund(s, {mie.id: 1, beras.id: "0,5"}, "Kemasan rusak", owner)  # half a kilo is fine
    assert r.total == -3_500 - 7_500


def test_refunds_in_steps_come_back_to_exactly_zero(items, owner):
    c = cart(items, ("mie", 3), ("teh", 1))  # 10.500 + 5.000
    c.discount_order(amount=1_000, reason="promo")  # 14.500
    s = sale.complete(c, [Tender("qris", 10_000), Tender("cash", 4_500)], owner)
    mie = SaleLine.get(SaleLine.sale == s, SaleLine.position == 1)
    teh = SaleLine.get(SaleLine.sale == s, SaleLine.position == 2)
    r1 = refund.refund(s, {mie.id: 1}, "salah ambil", owner)
    r2 = refund.refund(s, {mie.id: 2, teh.id: 1}, "batal", owner)
    assert r1.total + r2.total == -14_500
    by_method = {}
    for p in Payment.select().where(Payment.sale.in_([r1.id, r2.id])):
        by_method[p.method] = by_method.get(p.method, 0) + p.amount
    assert by_method == {"qris": -10_000, "cash": -4_500}


def test_refund_in_cash_instead_of_original_method(items, owner):
    s = sale.complete(cart(items, ("beras", 1)), [Tender("transfer", 15_000)], owner)
    line = SaleLine.get(SaleLine.sale == s)
    r = refund.refund(s, {line.id: 1}, "tidak jadi", owner, to_cash=True)
    assert [(p.method, p.amount) for p in Payment.select().where(Payment.sale == r)] == [("cash", -15_000)]


def test_refund_of_kasbon_sale_reduces_the_tab(items, owner):
    budi = customer.create_customer("0812-1111-3333", "Budi", credit_limit=100_000, user=owner)
    c = cart(items, ("beras", 2))
    c.customer_id = budi.id
    s = sale.complete(c, [Tender("kasbon", 30_000)], owner)
    line = SaleLine.get(SaleLine.sale == s)
    refund.refund(s, {line.id: 1}, "beras apek", owner)
    assert customer.get(budi.id).kasbon == 15_000
    assert sum(k.amount for k in KasbonEntry.select()) == 15_000


def test_refund_with_delivery_fee_returns_it_only_with_the_last_line(items, owner):
    c = cart(items, ("mie", 2), ("teh", 1))  # 7.000 + 5.000
    c.set_delivery(8_000, "Jl. Mawar 3")
    s = sale.complete(c, [Tender("cash", 20_000)], owner)
    mie = SaleLine.get(SaleLine.sale == s, SaleLine.position == 1)
    teh = SaleLine.get(SaleLine.sale == s, SaleLine.position == 2)
    r1 = refund.refund(s, {teh.id: 1}, "tumpah", owner)
    r2 = refund.refund(s, {mie.id: 2}, "batal", owner)
    assert (r1.total, r2.total, r2.delivery_fee) == (-5_000, -15_000, -8_000)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    qtys=st.lists(st.integers(1, 5), min_size=1, max_size=3),
    steps=st.integers(1, 3),
    discount=st.integers(0, 3_000),
)
def test_any_refund_sequence_sums_to_the_sale(items, owner, qtys, steps, discount):
    keys = ["mie", "teh", "beras"]
    c = cart(items, *[(keys[i], q) for i, q in enumerate(qtys)])
    c.discount_order(amount=min(discount, 3_000), reason="x")
    s = sale.complete(c, [Tender("cash", 1_000_000)], owner)
    total = 0
    for step in range(steps):
        rows = refund.returnable(s)
        todo = {
            r.line_id: (r.left if step == steps - 1 else max(Decimal(1), (r.left / 2).to_integral_value()))
            for r in rows
            if r.left > 0
        }
        if not todo:
            break
        total += refund.refund(s, todo, "uji", owner).total
    assert total == -s.total
    moves = StockMove.select().where(StockMove.kind.in_(["sale", "refund"]))
    assert (
        sum(
            (m.qty for m in moves if m.sale_line.sale_id in (s.id,) or m.sale_line.sale.refund_of_id == s.id),
            Decimal(0),
        )
        == 0
    )
    assert journal.verify_chain()[1] == []
