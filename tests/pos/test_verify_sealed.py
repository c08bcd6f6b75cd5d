"""verify seals what is not a sale: each thing a raw-SQL edit could change unseen before is changed here
with raw SQL, and verify must name it (and an intact shop stays OK)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from db.models import JournalEntry, database
from pos.audit import verify
from pos.books import closing
from pos.catalog.product_edit import set_price
from pos.core import journal, settings, staff
from pos.core.cart import Cart
from pos.core.clock import frozen
from pos.core.tx import service
from pos.counter import kasbon, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer, loyalty, voucher
from pos.demo.generator import demo_qris
from pos.stock import stock
from tests.pos.helpers import small_shop

YESTERDAY = date(2026, 11, 22)


def sql(text: str, *params) -> None:
    database.execute_sql(text, params)


def one(text: str, *params):
    return database.execute_sql(text, params).fetchone()[0]


def rechain(from_seq: int) -> None:
    """What someone with the file and this source can do: recompute every hash from `from_seq` on."""
    prev = one("SELECT prev_hash FROM journal_entry WHERE seq = ?", from_seq)
    rows = database.execute_sql(
        "SELECT seq, created_at, register, user, event, content FROM journal_entry "
        "WHERE seq >= ? ORDER BY seq",
        (from_seq,),
    ).fetchall()
    for seq, at, register, user, event, body in rows:
        stamp = JournalEntry.created_at.python_value(at).isoformat()
        digest = journal.entry_hash(seq, stamp, register, user, event, body, prev)
        sql("UPDATE journal_entry SET prev_hash = ?, hash = ? WHERE seq = ?", prev, digest, seq)
        prev = digest


def rewrite(seq: int, old: str, new: str) -> None:
    sql("UPDATE journal_entry SET content = replace(content, ?, ?) WHERE seq = ?", old, new, seq)
    rechain(seq)


def seq_of(event: str, needle: str) -> int:
    return one("SELECT max(seq) FROM journal_entry WHERE event = ? AND content LIKE ?", event, f"%{needle}%")


@pytest.fixture
def shop(owner, cashier):
    """Yesterday: two cash sales and a QRIS sale by Dewi, the shift closed, the day's books closed. Today:
    Sari earns points, buys on credit and pays part of it, a voucher is redeemed, two noodles are wasted,
    Es Teh goes to Rp 4.000 and the shop's QRIS is set."""
    with frozen(datetime(2026, 11, 22, 9, 0)):
        items = small_shop(owner, open_shift=False)
        shift.open_shift(cashier, 100_000)
        for qty, method in ((2, "cash"), (3, "cash"), (1, "qris")):
            c = Cart()
            c.add(items["mie"].id, "Indomie Goreng", 3_500, qty)
            sale.complete(c, [Tender(method, 3_500 * qty)], cashier)
        shift.close_shift(cashier, {100_000: 1, 10_000: 1, 5_000: 1, 2_000: 1, 500: 1})
    closing.close_day(YESTERDAY, owner)
    shift.open_shift(owner, 50_000)
    loyalty.configure_points({}, True, owner)
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    c = Cart(customer_id=sari.id)
    c.add(items["mie"].id, "Indomie Goreng", 3_500, 10)
    sale.complete(c, [Tender("cash", 35_000)], owner)  # 3 points
    c = Cart(customer_id=sari.id)
    c.add(items["beras"].id, "Beras", 15_000, 2)
    sale.complete(c, [Tender("kasbon", 30_000)], owner)
    kasbon.pay(sari.id, 10_000, "cash", owner)
    [used, spare] = voucher.issue_batch(2, kind="rp", value=5_000, expires_on=None, user=owner)
    c = Cart(voucher_code=used.code)
    c.add(items["teh"].id, "Es Teh Manis", 5_000, 2)
    voucher_sale = sale.complete(c, [Tender("cash", 5_000)], owner)
    stock.waste(items["mie"].id, 2, "bungkus sobek", owner)
    service(lambda: set_price(items["teh"], 4_000, "harga baru", owner))()
    settings.update({"qris_payload": demo_qris("Warung Bu Sri")}, user=owner.name)  # a well-formed code
    return {
        "items": items,
        "sari": sari,
        "used": used,
        "spare": spare,
        "voucher_sale": voucher_sale.number,
    }


def problems() -> list[str]:
    return verify.verify().problems


def test_the_intact_shop_is_ok(shop):
    result = verify.verify()
    assert result.ok, result.problems


def named(expected: str) -> None:
    found = problems()
    assert any(expected in p for p in found), found


def test_a_shifts_opening_cash(shop):
    sql("UPDATE shift SET opening_cash = 150000 WHERE number = 1")
    named("kas awal shift #1 berubah: 150000, jurnal 100000")


def test_the_static_qris_payload(shop):
    sql("UPDATE setting SET value = ? WHERE key = 'qris_payload'", '"00020101PALSU"')
    named("pengaturan qris_payload berubah di luar Kasir")


def test_another_setting_inserted_or_deleted(shop):
    sql("INSERT INTO setting (key, value) VALUES ('cash_rounding', '1000')")
    sql("DELETE FROM setting WHERE key = 'shop_name'")
    found = problems()
    assert any("pengaturan cash_rounding tidak ada di jurnal" in p for p in found), found
    assert any("pengaturan shop_name dihapus di luar Kasir" in p for p in found), found


def test_a_customers_points(shop):
    sql("UPDATE customer SET points = points + 500 WHERE name = 'Sari'")
    named(f"poin Sari (#{shop['sari'].id}) tidak cocok dengan riwayat poin: tercatat 506, riwayat 6")


def test_stock_on_hand(shop):
    mie = shop["items"]["mie"].id  # 100 in, 6 + 10 sold, 2 wasted: 82
    sql("UPDATE product SET on_hand = on_hand + 5000 WHERE id = ?", mie)
    named(f"stok Indomie Goreng (#{mie}) tidak cocok dengan mutasi stok: tercatat 87, mutasi 82")


def test_a_kasbon_balance(shop):
    sql("UPDATE customer SET kasbon = 0 WHERE name = 'Sari'")
    named(f"kasbon Sari (#{shop['sari'].id}) tidak cocok dengan riwayat kasbon: tercatat 0, riwayat 20000")


def test_a_kasbon_payment_inserted_with_its_balance(shop):
    sari = shop["sari"].id
    sql(
        "INSERT INTO kasbon_entry (customer_id, amount, sale_id, method, user_id, created_at) "
        "SELECT customer_id, -20000, NULL, 'transfer', user_id, created_at FROM kasbon_entry LIMIT 1"
    )
    sql("UPDATE customer SET kasbon = 0 WHERE id = ?", sari)
    named(f"pembayaran kasbon pelanggan #{sari} (20000, transfer) tidak cocok dengan jurnal")


def test_a_waste_move_deleted_with_the_stock_put_right(shop):
    mie = shop["items"]["mie"].id
    sql("DELETE FROM stock_move WHERE kind = 'waste'")
    sql("UPDATE product SET on_hand = on_hand + 2000 WHERE id = ?", mie)
    found = problems()
    assert any("barang dibuang Indomie Goreng: mutasi 0, jurnal 2" in p for p in found), found
    assert not any(p.startswith("stok ") for p in found), found  # the balance itself was made to agree


def test_a_roles_permissions(shop):
    sql(
        "UPDATE role SET permissions = ? WHERE code = 'cashier'",
        '["sell", "park", "take_payment", "add_customer", "reprint", "refund", "discount"]',
    )
    named("hak akses peran cashier berubah di luar Kasir")


def test_a_cashier_moved_into_the_owner_role(shop):
    sql("UPDATE user SET role_id = (SELECT id FROM role WHERE code = 'owner') WHERE name = 'Dewi'")
    named("pengguna Dewi berubah di luar Kasir (peran)")


def test_a_pin_hash_replaced(shop):
    sql("UPDATE user SET pin_hash = (SELECT pin_hash FROM user WHERE name = 'Dewi') WHERE name = 'Bu Sri'")
    named("pengguna Bu Sri berubah di luar Kasir (PIN)")


def test_a_user_inserted(shop):
    sql(
        "INSERT INTO user (name, role_id, pin_hash, active, failed_pins, created_at) "
        "SELECT 'Maling', role_id, pin_hash, 1, 0, created_at FROM user WHERE name = 'Bu Sri'"
    )
    named("pengguna Maling tidak ada di jurnal: dibuat di luar Kasir")


def test_a_catalogue_price(shop):
    sql("UPDATE product SET price = 1 WHERE sku = 'TEH'")
    named("harga Es Teh Manis berubah di luar Kasir: 1, jurnal 4000")


def test_a_price_history(shop):
    sql("UPDATE price_change SET new_price = 4500")
    named("riwayat harga Es Teh Manis (5000 → 4500) tidak cocok dengan jurnal")


def test_a_voucher_set_back_to_unused(shop):
    sql(
        "UPDATE voucher SET state = 'issued', redeemed_sale_id = NULL, redeemed_at = NULL WHERE code = ?",
        shop["used"].code,
    )
    named(
        f"voucher {voucher.pretty(shop['used'].code)} sudah dipakai di nota {shop['voucher_sale']}, "
        "tetapi tercatat issued"
    )


def test_a_voucher_set_back_and_redeemed_again_names_the_voucher_not_the_first_sale(shop):
    code = shop["used"].code
    sql(
        "UPDATE voucher SET state = 'issued', redeemed_sale_id = NULL, redeemed_at = NULL WHERE code = ?",
        code,
    )
    c = Cart(voucher_code=code)
    c.add(shop["items"]["teh"].id, "Es Teh Manis", 4_000, 2)
    second = sale.complete(c, [Tender("cash", 3_000)], staff.owner())
    found = problems()
    first = shop["voucher_sale"]
    text = f"voucher {voucher.pretty(code)} dipakai 2 kali ({first}, {second.number})"
    assert any(text in p for p in found), found
    assert not any(f"nota {first} berubah" in p for p in found), found


def test_a_vouchers_value(shop):
    sql("UPDATE voucher SET value = 10000000 WHERE code = ?", shop["spare"].code)
    named(f"voucher {voucher.pretty(shop['spare'].code)} berubah setelah diterbitkan")


def test_a_days_cash_turned_into_qris_with_the_chain_recomputed(shop):
    """The cash sale K1-000002 (Rp 10.500) becomes QRIS everywhere a careful editor would look: the
    payment, the day book, the sale's journal entry and every hash after it. The chain checks out; the
    closing, sealed per payment method and over the chain head, still knows."""
    number = "K1-000002"
    sale_id = one("SELECT id FROM sale WHERE number = ?", number)
    sql("UPDATE payment SET method = 'qris' WHERE sale_id = ?", sale_id)
    day = "day = '2026-11-22'"
    sql(f"UPDATE day_payment SET amount = amount - 10500, count = count - 1 WHERE method = 'cash' AND {day}")
    sql(f"UPDATE day_payment SET amount = amount + 10500, count = count + 1 WHERE method = 'qris' AND {day}")
    rewrite(seq_of("sale", number), '["cash",10500', '["qris",10500')
    found = problems()
    assert not any("isi berubah" in p or f"nota {number}" in p or "ringkasan" in p for p in found), found
    assert any("penjualan periode tutup buku daily-1 berubah (per metode bayar)" in p for p in found), found
    head = closing.listing("daily")[0].totals["chain_head"][0]  # and the head it sealed is gone
    assert f"jurnal #{head} berubah sejak tutup buku daily-1" in found, found


def test_a_closings_grand_total_rewritten_with_its_journal(shop):
    sql("UPDATE closing SET grand_total = grand_total - 10500")
    rewrite(seq_of("closing", "daily-1"), '"grand_total":21000', '"grand_total":10500')
    named("total berjalan tutup buku daily-1 tidak cocok: 10500, seharusnya 21000")


def test_the_closing_keeps_its_figures(shop):
    [row] = closing.listing("daily")
    totals = row.totals
    assert totals["total"] == 21_000 and totals["sales_count"] == 3
    assert totals["by_payment"] == {"cash": 17_500, "qris": 3_500}
    assert totals["by_channel"] == {"walk_in": 21_000}
    dewi = one("SELECT id FROM user WHERE name = 'Dewi'")
    assert totals["by_cashier"] == {str(dewi): 21_000}
    seq, digest = totals["chain_head"]
    assert one("SELECT hash FROM journal_entry WHERE seq = ?", seq) == digest
    assert row.grand_total == 21_000


def test_quantities_are_exact(shop):
    assert stock.on_hand(shop["items"]["mie"].id) == Decimal(82)


def test_a_price_never_changed_since_the_product_was_made(shop):
    """Indomie kept the price it was created with: sealed by its creation's entry."""
    sql("UPDATE product SET price = 1 WHERE sku = 'MIE'")
    named("harga Indomie Goreng berubah di luar Kasir: 1, jurnal 3500")


def test_a_price_as_imported(shop, owner, tmp_path):
    from pos.catalog import product_import

    path = tmp_path / "barang.csv"
    path.write_text("Nama;Harga;SKU\nGula Pasir;17.000;GULA\n", "utf-8")
    product_import.apply(product_import.preview(path), owner)
    assert verify.verify().ok
    sql("UPDATE product SET price = 1 WHERE sku = 'GULA'")
    named("harga Gula Pasir berubah di luar Kasir: 1, jurnal 17000")
