"""Stock with exact quantities: recipes sold and refunded, FEFO over two batches, opname, waste, moving
average cost, production, purchase suggestions, negative stock, and bad input that changes nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from db.models import Batch, Product, SaleLine, StockMove, Supplier
from pos.audit import verify
from pos.catalog import catalog
from pos.core import clock, paged, settings, staff
from pos.core.cart import Cart
from pos.core.errors import InvalidInput, NeedReason, PermissionDenied
from pos.counter import refund, sale
from pos.counter.payment import Tender
from pos.stock import recipes, stock, stock_list
from tests.conftest import NOW
from tests.pos.helpers import small_shop

D = Decimal


def qty(product) -> Decimal:
    return Product.get_by_id(product.id).on_hand


def sell(user, *pairs):
    c = Cart()
    for product, amount in pairs:
        c.add(product.id, product.name, int(product.price), amount)
    return sale.complete(c, [Tender("cash", sale.preview(c).total)], user)


@pytest.fixture
def kitchen(owner):
    """The bakso stall's kitchen: a bowl of Bakso Urat is 5 butir bakso, 60 g mie and 1 porsi kuah."""
    items = small_shop(owner)
    butir = catalog.create_product("BTR", "Bakso butir", 1_500, unit="pcs")
    mie = catalog.create_product("MIE-K", "Mie kuning", 30_000, unit="kg")
    kuah = catalog.create_product("KUAH", "Kuah kaldu", 3_000, unit="porsi")
    daging = catalog.create_product("DGG", "Daging sapi", 150_000, unit="kg", perishable=True)
    stock.restock([(butir, D(200), 1_000), (mie, D(5), 20_000), (kuah, D(50), 1_500)], owner)
    recipes.set_recipe(items["bakso"].id, [(butir.id, 5), (mie.id, "0.06"), (kuah.id, 1)], owner)
    return items, butir, mie, kuah, daging


def test_selling_a_recipe_item_moves_its_ingredients_and_a_refund_brings_them_back(kitchen, owner, cashier):
    items, butir, mie, kuah, _daging = kitchen
    done = sell(cashier, (items["bakso"], 2))
    assert (qty(butir), qty(mie), qty(kuah)) == (D(190), D("4.88"), D(48))
    line = SaleLine.get(SaleLine.sale == done)
    assert line.cost == 2 * (5 * 1_000 + 1_200 + 1_500) == 15_400
    moves = StockMove.select().where(StockMove.kind == "sale").order_by(StockMove.id)
    assert [(m.product_id, m.qty) for m in moves] == [
        (butir.id, D(-10)),
        (mie.id, D("-0.12")),
        (kuah.id, D(-2)),
    ]
    refund.refund(done, {line.id: 1}, "salah pesan", owner)
    assert (qty(butir), qty(mie), qty(kuah)) == (D(195), D("4.94"), D(49))
    assert verify.verify().ok


def test_fefo_over_two_batches(kitchen, owner, cashier):
    _items, _butir, _mie, _kuah, daging = kitchen
    stock.restock([(daging, D(2), 140_000)], owner, expiries={daging.id: date(2026, 11, 25)})
    stock.restock([(daging, D(3), 150_000)], owner, expiries={daging.id: date(2026, 11, 30)})
    sell(cashier, (daging, "2.5"))
    first, second = Batch.select().order_by(Batch.expires_on)
    assert (first.qty_left, second.qty_left) == (D(0), D("2.5"))
    moves = StockMove.select().where(StockMove.kind == "sale").order_by(StockMove.id)
    assert [(m.batch_id, m.qty) for m in moves] == [(first.id, D(-2)), (second.id, D("-0.5"))]
    assert qty(daging) == D("2.5")
    soon = stock_list.expiring(7)
    assert [(e.name, e.qty_left, e.expires_on) for e in soon] == [
        ("Daging sapi", D("2.5"), date(2026, 11, 30))
    ]


def test_expired_batches_written_off_in_one_step(kitchen, owner):
    _items, _butir, _mie, _kuah, daging = kitchen
    stock.restock([(daging, D(2), 140_000)], owner, expiries={daging.id: date(2026, 11, 24)})
    with clock.frozen(datetime(2026, 11, 26, 8, 0)):
        assert stock_list.expiring(0)[0].expired
        gone = stock.write_off_expired(owner)
    assert gone == [("Daging sapi", D(2))] and qty(daging) == 0
    waste = StockMove.get(StockMove.kind == "waste")
    assert (waste.qty, waste.unit_cost, waste.reason) == (D(-2), 140_000, "kedaluwarsa")


def test_opname_adjusts_each_difference_and_needs_the_owner(kitchen, owner, cashier):
    items, butir, _mie, _kuah, _daging = kitchen
    with pytest.raises(PermissionDenied):
        stock.opname({items["mie"].id: 97}, "hitung bulanan", cashier)
    with pytest.raises(NeedReason):
        stock.opname({items["mie"].id: 97}, " ", owner)
    changes = stock.opname(
        {items["mie"].id: "97", butir.id: 200, items["teh"].id: "100,5"},
        "hitung",
        cashier,
        staff.owner_approval("1234"),
    )
    assert changes == [(items["mie"].id, D(-3)), (items["teh"].id, D("0.5"))]
    assert (qty(items["mie"]), qty(butir), qty(items["teh"])) == (D(97), D(200), D("100.5"))
    assert [m.kind for m in StockMove.select().where(StockMove.kind == "opname")] == ["opname", "opname"]
    with pytest.raises(InvalidInput):
        stock.opname({items["mie"].id: "-1"}, "hitung", owner)
    assert qty(items["mie"]) == D(97)


def test_waste_needs_a_reason_and_counts_its_cost(kitchen, owner):
    items, *_ = kitchen
    stock.waste(items["teh"].id, 2, "gelas pecah", owner)
    move = StockMove.get(StockMove.kind == "waste")
    assert (move.qty, move.unit_cost, qty(items["teh"])) == (D(-2), 1_000, D(98))
    with pytest.raises(NeedReason):
        stock.waste(items["teh"].id, 1, "", owner)


def test_moving_average_cost_after_two_restocks(kitchen, owner):
    items, *_ = kitchen
    beras = items["beras"]  # 50 kg at Rp 12.000
    stock.restock([(beras, D(50), 13_000)], owner)
    assert Product.get_by_id(beras.id).cost == 12_500
    stock.restock([(beras, D(100), 11_000)], owner)
    assert Product.get_by_id(beras.id).cost == 11_750
    stock.restock([(beras, D(10), 0)], owner)  # a free delivery: allowed, lowers the average
    assert Product.get_by_id(beras.id).cost == 11_190


def test_production_turns_ingredients_into_an_intermediate(kitchen, owner):
    _items, butir, _mie, _kuah, daging = kitchen
    stock.restock([(daging, D(3), 150_000)], owner, expiries={daging.id: date(2026, 11, 30)})
    recipes.set_recipe(butir.id, [(daging.id, "0.01")], owner)
    recipes.produce(butir.id, 200, owner, "giling pagi")
    assert (qty(daging), qty(butir)) == (D(1), D(400))
    assert Product.get_by_id(butir.id).cost == 1_250  # (200 x 1.000 + 200 x 1.500) / 400
    assert Batch.get().qty_left == D(1)


def test_recipe_that_contains_itself_is_refused(kitchen, owner):
    items, butir, mie, _kuah, _daging = kitchen
    with pytest.raises(recipes.RecipeError):
        recipes.set_recipe(butir.id, [(butir.id, 1)], owner)
    recipes.set_recipe(butir.id, [(mie.id, "0.01")], owner)
    with pytest.raises(recipes.RecipeError, match="berputar"):
        recipes.set_recipe(mie.id, [(items["bakso"].id, 1)], owner)  # mie -> bakso -> butir -> mie
    assert recipes.of(mie.id) == []


def test_bad_restocks_change_nothing(kitchen, owner):
    items, _butir, _mie, _kuah, daging = kitchen
    before = qty(items["mie"])
    with pytest.raises(InvalidInput):
        stock.restock([(items["mie"], D(-5), 2_900)], owner)
    with pytest.raises(InvalidInput):
        stock.restock([(items["mie"], D(10**7), 2_900)], owner)
    with pytest.raises(stock.StockError, match="kedaluwarsa"):
        stock.restock([(daging, D(1), 150_000)], owner, expiries={daging.id: date(2026, 11, 1)})
    assert qty(items["mie"]) == before and qty(daging) == 0 and Batch.select().count() == 0


def test_negative_stock_can_be_blocked(kitchen, owner, cashier):
    _items, _butir, _mie, _kuah, daging = kitchen
    sell(cashier, (daging, 1))  # allowed by default: the delivery is recorded later
    assert qty(daging) == D(-1)
    settings.update({"negative_stock": False})
    with pytest.raises(stock.OutOfStock, match="Daging sapi"):
        sell(cashier, (daging, 1))
    assert qty(daging) == D(-1)


def test_purchase_suggestion_from_a_known_history(kitchen, owner, cashier):
    items, *_ = kitchen
    supplier = Supplier.create(name="Toko Grosir Makmur", phone="6281234500001", lead_days=2)
    stock.restock([(items["teh"], D(10), 1_000)], owner, supplier=supplier)
    start = NOW - timedelta(days=28)
    for day in range(28):  # one glass a day for four weeks
        with clock.frozen(start + timedelta(days=day, hours=2)):
            sell(cashier, (items["teh"], 1))
    stock.opname({items["teh"].id: 3}, "hitung", owner)
    [s] = [s for s in stock_list.suggestions(history_days=28, cover_days=7) if s.name == "Es Teh Manis"]
    assert (s.daily_use, s.lead_days, s.on_hand, s.buy) == (D("1.00"), 2, D(3), D(6))
    assert s.supplier == "Toko Grosir Makmur" and s.cost == 6_000
    text = stock_list.supplier_message("Bakso Pak Kumis", [s])
    assert "- Es Teh Manis: 6 pcs" in text
    assert stock_list.supplier_link("0812-3450-0001", text).startswith(
        "https://wa.me/6281234500001?text=Halo"
    )


def test_a_long_lead_time_is_what_makes_a_product_worth_buying(kitchen, owner, cashier):
    """One glass a day, 9 on the shelf: with 7 days' cover that lasts, unless the supplier takes 5 days.
    The database's first cut (the longest lead of any supplier) must keep it; the well-stocked mie goes."""
    items, *_ = kitchen
    slow = Supplier.create(name="Grosir Jauh", phone="6281234500002", lead_days=5)
    stock.restock([(items["teh"], D(10), 1_000)], owner, supplier=slow)
    start = NOW - timedelta(days=28)
    for day in range(28):
        with clock.frozen(start + timedelta(days=day, hours=2)):
            sell(cashier, (items["teh"], 1), (items["mie"], 1))
    stock.opname({items["teh"].id: 9}, "hitung", owner)
    found = {s.name: s for s in stock_list.suggestions(history_days=28, cover_days=7)}
    assert (found["Es Teh Manis"].lead_days, found["Es Teh Manis"].buy) == (5, D(3))  # 12 days x 1 - 9
    assert "Indomie Goreng" not in found  # 100 - 28 = 72 on the shelf: far more than 12 days' use


def test_low_stock_list(kitchen, owner):
    items, butir, *_ = kitchen
    Product.update(reorder_level=D(250)).where(Product.id == butir.id).execute()
    low = stock_list.listing(only_low=True)
    assert [r.name for r in low] == ["Bakso butir", "Daging sapi"]  # daging: 0 on hand, level 0
    assert stock_list.low_count() == 2


def test_suggestion_never_buys_more_of_a_perishable_than_keeps(kitchen, owner, cashier):
    _items, _butir, _mie, _kuah, daging = kitchen
    start = NOW - timedelta(days=28)
    for day in range(28):  # 2 kg of meat a day, delivered fresh every day, keeps 3 days
        with clock.frozen(start + timedelta(days=day, hours=1)):
            stock.restock(
                [(daging, D(2), 140_000)],
                owner,
                expiries={daging.id: (start + timedelta(days=day + 3)).date()},
            )
        with clock.frozen(start + timedelta(days=day, hours=3)):
            sell(cashier, (daging, 2))
    [s] = [s for s in stock_list.suggestions(history_days=28, cover_days=7) if s.name == "Daging sapi"]
    assert (s.daily_use, s.on_hand, s.buy) == (D("2.00"), D(0), D(8))  # (1 day lead + 3 days shelf) x 2 kg


@pytest.mark.parametrize(
    "cost, held", [(2_900, 1_500), (12_345, 333), (1, 499), (1, 500), (7, -2_000), (0, 10_000)]
)
def test_stock_value_of_a_row_is_cost_times_quantity_half_up(cost, held):
    from pos.core.money import apply_rate
    from pos.stock.stock_list import Row

    row = Row(1, "X", "X", "", "pcs", held, 0, cost, 0, None)
    assert row.value == apply_rate(cost, max(Decimal(held) / 1000, Decimal(0)))
    assert row.on_hand == Decimal(held) / 1000 and row.low == (held <= 0)


def test_the_stock_list_reads_pages_and_sorts_in_the_database(kitchen, owner, monkeypatch):
    """Pages of two rows: every order the Stok table offers equals sorting all rows in Python (missing
    values last either way, ties by name), and the list's value is its rows' values added up."""
    from operator import attrgetter

    _items, butir, _mie, _kuah, daging = kitchen
    stock.restock([(daging, D("2.5"), 140_000)], owner, expiries={daging.id: NOW.date() + timedelta(days=3)})
    monkeypatch.setattr(paged, "PAGE", 2)  # pages of the list (pos.core.paged)
    listed = stock_list.listing()
    rows = list(listed)
    names = [r.name for r in rows]
    assert names == sorted(names, key=str.casefold) and len(rows) == len(listed) >= 7
    assert listed[-1] == rows[-1] and listed[1:4] == rows[1:4]
    with pytest.raises(IndexError):
        listed[len(rows)]
    assert listed.value() == sum(r.value for r in rows) > 0
    assert [r.next_expiry for r in rows if r.name == "Daging sapi"] == [NOW.date() + timedelta(days=3)]
    for key in stock_list.ORDERS:
        for descending in (False, True):
            listed.order_by(key, descending)
            get = attrgetter(
                "on_hand" if key == "on_hand" else "reorder_level" if key == "reorder_level" else key
            )
            present = sorted(
                (r for r in rows if get(r) not in (None, "")),
                key=lambda r: get(r).casefold() if isinstance(get(r), str) else get(r),
                reverse=descending,
            )
            shown = list(listed)
            assert [get(r) for r in shown][: len(present)] == [get(r) for r in present], key
            assert all(get(r) in (None, "") for r in shown[len(present) :]), key  # missing values last
    assert [r.name for r in stock_list.listing("bakso")] == ["Bakso butir"]
    Product.update(reorder_level=D(250)).where(Product.id == butir.id).execute()
    assert [r.name for r in stock_list.listing(only_low=True)] == ["Bakso butir"]
    shown = stock_list.overview()
    assert (len(shown.rows), shown.value, shown.low, shown.expiring) == (len(rows), listed.value(), 1, 1)


def test_a_stall_receives_its_meat_in_grams_beyond_a_sale_lines_limit(owner):
    """One sale line holds at most 9.999; receiving 12,5 kg counted in grams (12.500) is a real delivery.
    Up to 1.000.000 is taken; more is refused with the limit named, and nothing is written."""
    daging = catalog.create_product("DG", "Daging sapi", 0, unit="gram", cost=140)
    stock.restock([(daging, "12500", 140)], owner)
    assert qty(daging) == D("12500")
    moves = StockMove.select().count()
    with pytest.raises(InvalidInput, match="paling banyak 1.000.000"):
        stock.restock([(daging, "1000001", 140)], owner)
    assert qty(daging) == D("12500") and StockMove.select().count() == moves


def test_a_recipe_ingredient_at_rp_0_is_refused_by_the_sale_itself(kitchen, owner):
    """The counter's search hides a kitchen's raw material at Rp 0; a scan, a parked cart or a script is
    refused by the sale service too, and nothing is written. An ingredient with a price still sells."""
    from db.models import Sale
    from pos.core.errors import RawMaterial

    items, butir, _mie, _kuah, _daging = kitchen
    tulang = catalog.create_product("TLG", "Tulang sapi", 0, unit="kg")
    stock.restock([(tulang, D(5), 40_000)], owner)
    recipes.set_recipe(items["bakso"].id, [(butir.id, 5), (tulang.id, "0.1")], owner)
    c = Cart()
    c.add(butir.id, butir.name, 1_500, 1)
    c.add(tulang.id, tulang.name, 0, 1)  # 1 kg of bones given away at Rp 0 with a bakso ball
    with pytest.raises(RawMaterial, match="Tulang sapi adalah bahan resep"):
        sale.complete(c, [Tender("cash", 1_500)], owner)
    assert Sale.select().count() == 0 and qty(tulang) == D(5)
    c = Cart()
    c.add(butir.id, butir.name, 1_500, 2)  # an ingredient sold on its own, at its price
    assert sale.complete(c, [Tender("cash", 3_000)], owner).total == 3_000
