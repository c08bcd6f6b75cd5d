"""verify: an intact shop says OK; every kind of tampering with raw SQL is caught and named."""

from __future__ import annotations

import pytest

from db.models import database
from pos.audit import verify
from pos.core.cart import Cart
from pos.counter import refund, sale, shift
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop


@pytest.fixture
def shop_with_history(owner, cashier):
    items = small_shop(owner)
    numbers = []
    for index in range(6):
        c = Cart()
        c.add(items["mie"].id, "Indomie Goreng", 3_500, index + 1)
        c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        tender = [Tender("cash", 50_000)] if index % 2 else [Tender("qris", 3_500 * (index + 1) + 5_000)]
        numbers.append(sale.complete(c, tender, cashier).number)
    first = sale.by_number(numbers[0])
    from db.models import SaleLine

    refund.refund(first, {SaleLine.get(SaleLine.sale == first, SaleLine.position == 1).id: 1}, "rusak", owner)
    shift.cash_move(cashier, -10_000, "beli es")
    shift.close_shift(cashier, {100_000: 1})
    shift.open_shift(cashier, 0)
    return numbers


def sql(text: str, *params) -> None:
    database.execute_sql(text, params)


def test_intact_shop_is_ok(shop_with_history):
    result = verify.verify()
    assert result.ok, result.problems
    assert result.summary().startswith("OK, ") and result.checked_sales == 7


TAMPERING = [
    (
        "change a total",
        "UPDATE sale SET total = total - 1000 WHERE number = 'K1-000003'",
        "nota K1-000003 berubah setelah disimpan (total)",
    ),
    (
        "delete a line",
        "DELETE FROM sale_line WHERE id = (SELECT min(id) FROM sale_line WHERE sale_id = "
        "(SELECT id FROM sale WHERE number = 'K1-000002'))",
        "nota K1-000002 berubah setelah disimpan (baris)",
    ),
    ("delete a sale", "DELETE FROM sale WHERE number = 'K1-000004'", "nota K1-000004 dihapus"),
    (
        "edit a payment",
        "UPDATE payment SET method = 'cash' WHERE sale_id = (SELECT id FROM sale WHERE number = 'K1-000005')",
        "nota K1-000005 berubah setelah disimpan (pembayaran)",
    ),
    (
        "edit a journal row",
        "UPDATE journal_entry SET content = replace(content, '3500', '3000') WHERE seq = "
        "(SELECT min(seq) FROM journal_entry WHERE event = 'sale')",
        ": isi berubah",
    ),
    (
        "insert a fake sale",
        "INSERT INTO sale (number, cart_uid, register_id, seq, kind, channel_id, order_type, source_ref, "
        "cashier_id, created_at, paid_at, gross, discount, discount_reason, service, tax, tax_included, "
        "delivery_fee, rounding, total, commission, net, cost, delivery_address, note, reason) "
        "SELECT 'K1-000099', 'fake', register_id, 99, 'sale', channel_id, '', '', cashier_id, created_at, "
        "paid_at, 1, 0, '', 0, 0, 0, 0, 0, 1, 0, 1, 0, '', '', '' FROM sale LIMIT 1",
        "nota K1-000099 tidak ada di jurnal",
    ),
    (
        "edit a shift close",
        "UPDATE shift SET counted_cash = counted_cash + 50000 WHERE number = 1",
        "penutupan shift #1 berubah",
    ),
    ("delete a cash move", "DELETE FROM cash_move", "kas masuk/keluar shift #1"),
    (
        "change a restock",
        "UPDATE stock_move SET qty = qty + 5000 WHERE kind = 'restock'",
        "pembelian #1 berubah",
    ),
    (
        "change a day book",
        "UPDATE day_sales SET total = total + 1000 WHERE (day, hour, channel_id, cashier_id, kind) = "
        "(SELECT day, hour, channel_id, cashier_id, kind FROM day_sales ORDER BY day, hour LIMIT 1)",
        "ringkasan harian laporan tidak cocok dengan nota: 20",
    ),
    (
        "delete a product's day",
        "DELETE FROM day_product WHERE (day, product_id) = "
        "(SELECT day, product_id FROM day_product ORDER BY day DESC, product_id DESC LIMIT 1)",
        "ringkasan harian laporan tidak cocok",
    ),
    (
        "change a product's week",
        "UPDATE week_product SET total = total - 500 WHERE (week, product_id) = "
        "(SELECT week, product_id FROM week_product ORDER BY week, product_id LIMIT 1)",
        "ringkasan harian laporan tidak cocok",
    ),
]


@pytest.mark.parametrize("name, statement, expected", TAMPERING, ids=[t[0] for t in TAMPERING])
def test_tampering_is_caught_and_named(shop_with_history, name, statement, expected):
    sql("PRAGMA foreign_keys = OFF")
    sql(statement)
    sql("PRAGMA foreign_keys = ON")
    result = verify.verify()
    assert not result.ok
    assert any(expected in problem for problem in result.problems), result.problems
    assert result.summary().startswith("RUSAK")


def test_a_gap_in_receipt_numbers_is_reported(shop_with_history):
    sql("PRAGMA foreign_keys = OFF")
    sql("DELETE FROM payment WHERE sale_id = (SELECT id FROM sale WHERE number = 'K1-000006')")
    sql("DELETE FROM sale_line WHERE sale_id = (SELECT id FROM sale WHERE number = 'K1-000006')")
    sql("DELETE FROM sale WHERE number = 'K1-000006'")
    problems = verify.verify().problems
    assert any("nomor nota hilang: K1-000006" in p for p in problems), problems


def test_numbers_are_checked_per_register_up_to_its_last(shop_with_history):
    from db.models import Register

    Register.create(code="K2", name="Kasir 2", last_number=2)  # two numbers taken, no sale kept
    sql("UPDATE register SET last_number = last_number + 1 WHERE code = 'K1'")  # and one more on K1
    problems = verify.verify().problems
    assert any("nomor nota hilang: K2 sampai K2-000002" in p for p in problems), problems
    assert sum("nomor nota hilang: K1 sampai" in p for p in problems) == 1, problems


MALFORMED = [
    (
        "a sale time that is no time",
        "UPDATE sale SET created_at = 'kemarin sore' WHERE number = 'K1-000003'",
        "nota K1-000003: waktu 'kemarin sore' tidak terbaca",
    ),
    (
        "a journal time that is no time",
        "UPDATE journal_entry SET created_at = 'x' WHERE seq = 3",
        "jurnal #3: waktu 'x' tidak terbaca",
    ),
    (
        "journal content that is not JSON",
        'UPDATE journal_entry SET content = \'{"number": "K1-0\' WHERE seq = '
        "(SELECT min(seq) FROM journal_entry WHERE event = 'sale')",
        ": isi bukan JSON",
    ),
    (
        "a sequence number that is not a number",
        "UPDATE journal_entry SET seq = 'tiga' WHERE seq = 3",
        "jurnal: nomor urut 'tiga' bukan angka",
    ),
    (
        "a total that is text",
        "UPDATE sale SET total = 'banyak' WHERE number = 'K1-000002'",
        "nota K1-000002 berubah setelah disimpan (total)",
    ),
    (
        "a quantity no field can read",
        "UPDATE sale_line SET qty = 'dua' WHERE id = (SELECT min(id) FROM sale_line)",
        "pemeriksaan nota terhenti: data tidak terbaca (ValueError",
    ),
]


@pytest.mark.parametrize("name, statement, expected", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_value_is_damage_and_verify_goes_on(shop_with_history, name, statement, expected):
    """One unreadable value is reported by name; every other check still runs (the cash move deleted
    as well is found too) and verify returns a result instead of a traceback."""
    sql(statement)
    sql("DELETE FROM cash_move")
    result = verify.verify()
    assert any(expected in problem for problem in result.problems), result.problems
    assert any("kas masuk/keluar shift #1" in problem for problem in result.problems), result.problems
    assert result.summary().startswith("RUSAK")
