"""The export's sale lines and payments (db/export_rows.py): every row of the period, in the order the
sales were made, named, as the database keeps it."""

from __future__ import annotations

from datetime import datetime

from db import export_rows
from db.export_rows import LineRow, PaymentRow
from pos.core import clock
from pos.core.cart import Cart
from pos.counter import refund, sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


def _as_text(at):
    return at if isinstance(at, str) else at.isoformat(sep=" ")


def test_lines_and_payments_of_a_period_in_the_order_they_were_made(any_owner):
    owner = any_owner
    items = small_shop(owner)
    mie, teh = items["mie"], items["teh"]
    budi = customer.create_customer("0812-1111-2222", "Budi")
    with clock.frozen(datetime(2026, 11, 16, 9, 0)):
        c = Cart(customer_id=budi.id)
        c.add(mie.id, mie.name, 3_500, 2)
        c.add(None, "Kerupuk", 1_000, 1)
        first = sale.complete(c, [Tender("cash", 10_000)], owner)
    with clock.frozen(datetime(2026, 11, 16, 9, 30)):
        c = Cart()
        c.add(teh.id, teh.name, 5_000, 1)
        second = sale.complete(c, [Tender("qris", 5_000, reference="QR-77")], owner)
    with clock.frozen(datetime(2026, 11, 17, 8, 0)):
        back = refund.refund(first, {first.lines[0].id: 1}, "rusak", owner)
    with clock.frozen(datetime(2026, 11, 18, 8, 0)):  # the next day: outside the period
        c = Cart()
        c.add(teh.id, teh.name, 5_000, 1)
        sale.complete(c, [Tender("cash", 5_000)], owner)

    since, until = datetime(2026, 11, 16), datetime(2026, 11, 18)
    lines = list(export_rows.sale_lines(since, until))
    assert all(isinstance(row, LineRow) for row in lines)
    assert [(_as_text(r.created_at), *r[2:]) for r in lines] == [
        (
            "2026-11-16 09:00:00",
            "sale",
            "",  # no original receipt: a sale
            "Datang langsung",
            "",  # no platform order number: a walk-in
            "Bu Sri",
            "Budi",
            "Indomie Goreng",
            2_000,
            3_500,
            0,
            0,
            7_000,
            5_800,
        ),
        (
            "2026-11-16 09:00:00",
            "sale",
            "",  # no original receipt: a sale
            "Datang langsung",
            "",  # no platform order number: a walk-in
            "Bu Sri",
            "Budi",
            "Kerupuk",
            1_000,
            1_000,
            0,
            0,
            1_000,
            0,
        ),
        (
            "2026-11-16 09:30:00",
            "sale",
            "",  # no original receipt: a sale
            "Datang langsung",
            "",  # no platform order number: a walk-in
            "Bu Sri",
            "",
            "Es Teh Manis",
            1_000,
            5_000,
            0,
            0,
            5_000,
            1_000,
        ),
        (
            "2026-11-17 08:00:00",
            "refund",
            first.number,  # the refund names the sale it returns
            "Datang langsung",
            "",  # no platform order number: a walk-in
            "Bu Sri",
            "Budi",
            "Indomie Goreng",
            -1_000,
            3_500,
            0,
            0,
            -3_500,
            -2_900,
        ),
    ]
    assert [r.number for r in lines] == [first.number, first.number, second.number, back.number]
    payments = list(export_rows.payments(since, until))
    assert [(r.number, r.kind, r.method, r.amount, r.tendered, r.change, r.reference) for r in payments] == [
        (first.number, "sale", "cash", 8_000, 10_000, 2_000, ""),
        (second.number, "sale", "qris", 5_000, 0, 0, "QR-77"),
        (back.number, "refund", "cash", -3_500, 0, 0, ""),
    ]
    assert [r.refund_of for r in payments] == ["", "", first.number]
    assert all(isinstance(row, PaymentRow) for row in payments)
    assert list(export_rows.payments(datetime(2026, 11, 19), datetime(2026, 11, 20))) == []
