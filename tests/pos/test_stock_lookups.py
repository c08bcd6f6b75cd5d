"""What the Stok dialogs read, as plain rows with exact values: suppliers, the products a count lists,
one product's cost and expiry flag, what a production run makes, and the product and category boxes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import Product
from pos.catalog import catalog, choices
from pos.core.errors import NotFound
from pos.stock import lookups, recipes, stock
from tests.pos.helpers import small_shop

D = Decimal


@pytest.fixture
def shop(owner):
    items = small_shop(owner, open_shift=False)
    items["susu"] = catalog.create_product(
        "SSU", "Susu Segar", 9_000, cost=6_500, unit="liter", perishable=True
    )
    items["lama"] = catalog.create_product("LMA", "Arang Lama", 2_000)
    Product.update(active=False).where(Product.id == items["lama"].id).execute()
    return items


def test_suppliers_by_name_with_phone_and_lead_days(owner, shop):
    toko = stock.supplier("Toko Sumber Rejeki", "0812-3333-4444", 2, owner)
    agen = stock.supplier("Agen Beras Makmur", "", 0, owner)
    assert lookups.suppliers() == [
        lookups.SupplierRow(agen.id, "Agen Beras Makmur", "", 0),
        lookups.SupplierRow(toko.id, "Toko Sumber Rejeki", "6281233334444", 2),
    ]
    assert lookups.supplier(toko.id) == lookups.SupplierRow(toko.id, "Toko Sumber Rejeki", "6281233334444", 2)
    assert lookups.supplier(None) is None
    assert lookups.supplier(toko.id + agen.id) is None


def test_one_item_with_its_stock_cost_and_expiry_flag(shop):
    assert lookups.item(shop["beras"].id) == lookups.StockItem(
        shop["beras"].id, "Beras Pandan Wangi", "kg", D(50), 12_000, False
    )
    assert lookups.item(shop["susu"].id) == lookups.StockItem(
        shop["susu"].id, "Susu Segar", "liter", D(0), 6_500, True
    )
    assert lookups.item(shop["lama"].id).name == "Arang Lama"  # inactive products are still found by id
    assert lookups.item(None) is None


def test_a_count_lists_active_tracked_products_by_name_and_by_category(shop):
    assert [(r.name, r.on_hand) for r in lookups.counted()] == [
        ("Beras Pandan Wangi", D(50)),
        ("Es Teh Manis", D(100)),
        ("Indomie Goreng", D(100)),
        ("Susu Segar", D(0)),
    ]
    food = shop["mie"].category_id
    assert [r.name for r in lookups.counted(food)] == ["Es Teh Manis", "Indomie Goreng"]


def test_production_makes_tracked_products_with_a_recipe(owner, shop):
    assert lookups.makeable() == []
    recipes.set_recipe(shop["teh"].id, [(shop["beras"].id, "0,1")], owner)
    recipes.set_recipe(shop["bakso"].id, [(shop["mie"].id, "1")], owner)  # untracked: sold, never made
    recipes.set_recipe(shop["susu"].id, [(shop["beras"].id, "1")], owner)
    assert [(r.id, r.name, r.unit) for r in lookups.makeable()] == [
        (shop["teh"].id, "Es Teh Manis", "pcs"),
        (shop["susu"].id, "Susu Segar", "liter"),
    ]


def test_goods_are_received_from_plain_rows(owner, shop):
    row = lookups.item(shop["susu"].id)
    stock.restock([(row, D(12), 6_000)], owner)
    assert lookups.item(shop["susu"].id).on_hand == D(12)
    assert lookups.item(shop["susu"].id).cost == 6_000


def test_product_and_category_boxes(shop):
    assert choices.products() == [
        choices.ProductChoice(shop["bakso"].id, "Bakso Urat", "porsi"),
        choices.ProductChoice(shop["beras"].id, "Beras Pandan Wangi", "kg"),
        choices.ProductChoice(shop["teh"].id, "Es Teh Manis", "pcs"),
        choices.ProductChoice(shop["mie"].id, "Indomie Goreng", "pcs"),
        choices.ProductChoice(shop["susu"].id, "Susu Segar", "liter"),
    ]
    assert [p.name for p in choices.products(tracked_only=True)] == [
        "Beras Pandan Wangi",
        "Es Teh Manis",
        "Indomie Goreng",
        "Susu Segar",
    ]
    assert choices.product(shop["lama"].id) == choices.ProductChoice(shop["lama"].id, "Arang Lama", "pcs")
    with pytest.raises(NotFound):
        choices.product(None)
    catalog.create_category("Minuman", sort=0)
    catalog.create_category("Alat", sort=5)
    assert [c.name for c in choices.categories()] == ["Makanan", "Minuman", "Alat"]
