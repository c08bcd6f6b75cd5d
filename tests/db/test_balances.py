"""The members' points total kept by triggers: it follows every way points change, and verify notices
when it was tampered with."""

from __future__ import annotations

from db import balances
from db.models import Customer, database
from pos.audit import verify
from pos.books import report
from pos.core.cart import Cart
from pos.counter import refund, sale
from pos.counter.payment import Tender
from pos.customers import customer, loyalty, merge
from tests.pos.helpers import small_shop


def _total() -> int:
    return int(sum(c.points for c in Customer.select(Customer.points)))


def test_the_points_total_follows_sales_refunds_corrections_and_merges(owner):
    items = small_shop(owner)
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    budi = customer.create_customer("0812-1111-2222", "Budi")
    siti = customer.create_customer("0812-3333-4444", "Siti")
    assert balances.points(database.obj) == 0
    c = Cart(customer_id=budi.id)
    c.add(items["beras"].id, items["beras"].name, 15_000, 2)
    first = sale.complete(c, [Tender("cash", 30_000)], owner)  # 30 points
    c = Cart(customer_id=siti.id)
    c.add(items["teh"].id, items["teh"].name, 5_000, 3)
    sale.complete(c, [Tender("qris", 15_000)], owner)  # 15 points
    assert balances.points(database.obj) == 45 == _total()
    refund.refund(first, {first.lines[0].id: 1}, "rusak", owner)  # half back: 15 points taken
    assert balances.points(database.obj) == 30 == _total()
    loyalty.adjust(siti.id, 7, "hadiah lomba", owner)
    assert balances.points(database.obj) == 37 == _total()
    merge.merge(budi.id, siti.id, owner)  # points move from one member to the other: the total stays
    assert balances.points(database.obj) == 37 == _total()
    assert Customer.get_by_id(budi.id).points == 37
    # whatever writes the column is seen, even outside the services (no screen deletes a customer)
    ani = customer.create_customer("0812-5555-6666", "Ani")
    database.obj.execute_sql('UPDATE "customer" SET "points" = 9 WHERE "id" = ?', (ani.id,))
    assert balances.points(database.obj) == 46 == _total()
    database.obj.execute_sql('DELETE FROM "customer" WHERE "id" = ?', (ani.id,))
    assert balances.points(database.obj) == 37 == _total()


def test_the_report_reads_the_kept_total_and_verify_compares_it(owner):
    items = small_shop(owner)
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    budi = customer.create_customer("0812-1111-2222", "Budi")
    c = Cart(customer_id=budi.id)
    c.add(items["beras"].id, items["beras"].name, 15_000, 1)
    sale.complete(c, [Tender("cash", 15_000)], owner)
    section = report.loyalty_section(report.Period(budi.created_at.date(), budi.created_at.date()))
    assert (section.points_outstanding, section.liability) == (15, 1_500)
    assert verify.verify().ok
    database.obj.execute_sql('UPDATE "balance" SET "amount" = "amount" + 5')
    result = verify.verify()
    assert "jumlah poin semua pelanggan tidak cocok: tercatat 20, dihitung ulang 15" in result.problems
