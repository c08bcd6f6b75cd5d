"""verify's ledger sums (db/ledger_rows.py): a balance that is not the sum of its ledger is named with
both figures; the waste, the sales' kasbon, the tab payments, the points corrections and the settings are
read as stored."""

from __future__ import annotations

from decimal import Decimal

from db import ledger_rows
from db.ledger_rows import Mismatch, PointsAdjustment, SaleKasbon, TabPayment
from db.models import database
from pos.core import settings
from pos.core.cart import Cart
from pos.counter import kasbon, sale
from pos.counter.payment import Tender
from pos.customers import customer, loyalty
from pos.stock import stock
from tests.pos.helpers import small_shop


def sql(text: str, *params) -> None:
    """A raw statement ('?' marks) on either database: an edit behind Kasir's back."""
    database.execute_sql(text.replace("?", database.param), params)


def test_balances_against_their_ledgers(any_owner):
    owner = any_owner
    items = small_shop(owner)
    mie = items["mie"]
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    loyalty.adjust(sari.id, 7, "hadiah lomba", owner)
    c = Cart(customer_id=sari.id)
    c.add(items["beras"].id, "Beras", 15_000, 2)
    sale.complete(c, [Tender("kasbon", 30_000)], owner)
    kasbon.pay(sari.id, 10_000, "cash", owner)
    stock.waste(mie.id, 2, "bungkus sobek", owner)
    assert (ledger_rows.points_mismatches(), ledger_rows.kasbon_mismatches()) == ([], [])
    assert ledger_rows.stock_mismatches() == []

    sql('UPDATE "customer" SET "points" = "points" + 5, "kasbon" = "kasbon" + 1000 WHERE "id" = ?', sari.id)
    sql('UPDATE "product" SET "on_hand" = "on_hand" + 500 WHERE "id" = ?', mie.id)
    assert ledger_rows.points_mismatches() == [Mismatch(sari.id, "Sari", 12, 7)]
    assert ledger_rows.kasbon_mismatches() == [Mismatch(sari.id, "Sari", 21_000, 20_000)]
    assert ledger_rows.stock_mismatches() == [Mismatch(mie.id, "Indomie Goreng", 98_500, 98_000)]  # 100 - 2


def test_the_ledgers_as_stored(any_owner):
    owner = any_owner
    items = small_shop(owner)
    mie, beras = items["mie"], items["beras"]
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    loyalty.adjust(sari.id, 7, "hadiah lomba", owner)
    loyalty.adjust(sari.id, -2, "salah ketik", owner)
    c = Cart(customer_id=sari.id)
    c.add(beras.id, "Beras", 15_000, 2)
    on_tab = sale.complete(c, [Tender("kasbon", 20_000), Tender("cash", 10_000)], owner)
    kasbon.pay(sari.id, 5_000, "cash", owner)
    stock.waste(mie.id, 2, "bungkus sobek", owner)
    stock.waste(beras.id, Decimal("0.5"), "basah", owner)
    stock.waste(mie.id, 1, "kedaluwarsa", owner)
    settings.update({"receipt_footer": "Terima kasih"}, user=owner.name)

    assert ledger_rows.waste_by_product() == {mie.id: -3_000, beras.id: -500}
    assert ledger_rows.sale_kasbon() == [SaleKasbon(on_tab.number, 20_000, 20_000)]
    assert ledger_rows.tab_payments() == [TabPayment(sari.id, "cash", -5_000)]
    assert sorted(ledger_rows.points_adjustments()) == [
        PointsAdjustment(sari.id, -2),
        PointsAdjustment(sari.id, 7),
    ]
    assert dict(ledger_rows.stored_settings())["receipt_footer"] == '"Terima kasih"'

    sql('UPDATE "kasbon_entry" SET "amount" = "amount" + 1 WHERE "sale_id" = ?', on_tab.id)
    sql('DELETE FROM "payment" WHERE "sale_id" = ? AND "method" = \'kasbon\'', on_tab.id)
    assert ledger_rows.sale_kasbon() == [SaleKasbon(on_tab.number, 20_001, 0)]  # cash is not counted
