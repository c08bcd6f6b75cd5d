"""Finding a product by what the scanner types: barcode or SKU, active only, every field as stored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import Category, Product
from pos.catalog import catalog
from pos.core.errors import ProductNotFound
from pos.stock import stock


def test_a_scanned_code_finds_the_whole_product(owner):
    drinks = Category.create(name="Minuman")
    teh = catalog.create_product(
        "TEH-1", "Teh Botol", 4_000, category=drinks, barcodes=["8991002101234"], cost=3_100, reorder_level=6
    )
    stock.restock([(teh, Decimal("12.5"), 3_100)], owner)
    stored = Product.get_by_id(teh.id)
    for typed in ("8991002101234", " 8991002101234\n", "TEH-1"):
        found = catalog.by_code(typed)
        assert found.__data__ == stored.__data__  # every column, converted as peewee would
        assert found.on_hand == Decimal("12.5") and found.category.name == "Minuman"
        assert not found.dirty_fields  # nothing to write back by accident
    Product.update(active=False).where(Product.id == teh.id).execute()
    for typed in ("8991002101234", "TEH-1", "", "nothing"):
        with pytest.raises(ProductNotFound):
            catalog.by_code(typed)


def test_a_raw_material_at_rp_0_is_not_offered_for_sale(owner):
    """The bakso demo offered 'Bakso butir (adonan jadi)' at Rp 0 in the counter's search."""
    from pos.stock import recipes

    balls = catalog.create_product("BTR", "Bakso butir (adonan jadi)", 0, unit="pcs")
    bowl = catalog.create_product("BKU", "Bakso Urat", 18_000)
    free = catalog.create_product("TAS", "Tas bonus", 0)  # Rp 0 but sold (given) on its own: still found
    recipes.set_recipe(bowl.id, [(balls.id, "5")], owner)
    assert [p.name for p in catalog.search("bakso")] == ["Bakso Urat"]
    assert [p.name for p in catalog.search("tas")] == ["Tas bonus"] and free.price == 0
    assert catalog.by_code("BTR").id == balls.id  # scanned or typed by its code it is still found
