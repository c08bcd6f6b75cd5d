"""Taking a line off the unpaid order, or lowering its quantity: a void of that part, under Batal's rule
(the 'void' permission or the owner's PIN, with a reason), journalled."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from db.models import JournalEntry
from pos.core import journal, staff
from pos.core.cart import Cart
from pos.core.errors import NeedReason, PermissionDenied
from pos.counter import park
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner)


@pytest.fixture
def order(items):
    c = Cart()
    c.add(items["mie"].id, "Indomie Goreng", 3_500, 3)
    c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    return c


def voided_lines():
    return [
        (e.user, json.loads(e.content))
        for e in JournalEntry.select().where(JournalEntry.event == "void_line").order_by(JournalEntry.seq)
    ]


def test_a_cashier_takes_nothing_off_without_the_owner(order, cashier):
    with pytest.raises(PermissionDenied, match="Dewi tidak berhak membatalkan pesanan"):
        park.take_off(order, 1, cashier)
    with pytest.raises(PermissionDenied):
        park.take_off(order, 0, cashier, qty=2)
    assert [(ln.name, ln.qty) for ln in order.lines] == [
        ("Indomie Goreng", Decimal("3.000")),
        ("Es Teh Manis", Decimal("1.000")),
    ]
    assert voided_lines() == []


def test_with_the_owners_pin_and_a_reason_the_line_goes_and_the_journal_says_so(order, items, cashier):
    with pytest.raises(NeedReason):
        park.take_off(order, 1, cashier, staff.owner_approval("1234"), reason=" ")
    assert len(order.lines) == 2
    park.take_off(order, 1, cashier, staff.owner_approval("1234"), reason="salah scan")
    park.take_off(order, 0, cashier, staff.owner_approval("1234"), qty="1", reason="pelanggan ganti")
    assert [(ln.name, ln.qty) for ln in order.lines] == [("Indomie Goreng", Decimal("1.000"))]
    assert voided_lines() == [
        (
            "Dewi",
            {
                "cart": order.uid,
                "name": "Es Teh Manis",
                "reason": "salah scan",
                "approved_by": "Bu Sri",
                "lines": [[items["teh"].id, "1.000", 5_000]],
            },
        ),
        (
            "Dewi",
            {
                "cart": order.uid,
                "name": "Indomie Goreng",
                "reason": "pelanggan ganti",
                "approved_by": "Bu Sri",
                "lines": [[items["mie"].id, "2.000", 3_500]],
            },
        ),
    ]
    assert journal.verify_chain()[1] == []


def test_an_approval_takes_off_one_line_only(order, cashier):
    approval = staff.owner_approval("1234")
    park.take_off(order, 1, cashier, approval, reason="salah scan")
    with pytest.raises(Exception, match="sudah dipakai"):
        park.take_off(order, 0, cashier, approval, reason="lagi")
    assert len(order.lines) == 1


def test_the_owner_and_a_raised_quantity_need_no_pin(order, owner, cashier):
    park.take_off(order, 0, cashier, qty=5)  # more is no void
    assert order.lines[0].qty == Decimal("5.000") and voided_lines() == []
    park.take_off(order, 0, owner, qty=4)
    park.take_off(order, 1, owner)
    assert [(ln.name, ln.qty) for ln in order.lines] == [("Indomie Goreng", Decimal("4.000"))]
    assert [(user, body["approved_by"], body["lines"][0][1]) for user, body in voided_lines()] == [
        ("Bu Sri", "", "1.000"),
        ("Bu Sri", "", "1.000"),
    ]


def test_a_free_line_goes_without_a_pin(order, cashier):
    order.add(None, "Kerupuk (bonus)", 0, 1)
    assert not park.takes_off(order, 2) and park.takes_off(order, 0) and not park.takes_off(order, 0, "4")
    park.take_off(order, 2, cashier)
    assert len(order.lines) == 2 and voided_lines() == []


def test_the_report_lists_lines_taken_off_with_the_orders_voided(order, cashier):
    from pos.books import report
    from pos.core import clock
    from pos.core.periods import Period

    park.take_off(order, 1, cashier, staff.owner_approval("1234"), reason="salah scan")
    park.take_off(order, 0, cashier, staff.owner_approval("1234"), qty="1", reason="pelanggan ganti")
    park.void(order, "batal beli", cashier, staff.owner_approval("1234"))
    today = clock.now().date()
    assert [(v.user, v.reason, v.value) for v in report.voids(Period(today, today))] == [
        ("Dewi", "Es Teh Manis — salah scan", 5_000),
        ("Dewi", "Indomie Goreng — pelanggan ganti", 7_000),
        ("Dewi", "batal beli", 3_500),
    ]
