"""The product dialog offers the warung's units and keeps an older shop's stored unit on an edit."""

from __future__ import annotations

from db.models import Product
from pos.catalog import catalog
from ui.catalog.product_dialog import ProductDialog


def test_the_dialog_offers_the_warung_units_and_keeps_an_older_one(owner, qtbot):
    dialog = ProductDialog(None, owner)
    qtbot.addWidget(dialog)
    offered = [dialog.unit.itemData(i) for i in range(dialog.unit.count())]
    assert offered == list(catalog.UNITS) and "bungkus" in offered and "renceng" in offered
    dialog.name.setText("Kopi Kapal Api")
    dialog.price.setText("1.500")
    dialog.unit.setCurrentIndex(dialog.unit.findData("bungkus"))
    dialog.submit()
    assert Product.get_by_id(dialog.product.id).unit == "bungkus"
    old = catalog.create_product("BJ", "Permen", 500)
    Product.update(unit="biji").where(Product.id == old.id).execute()  # an older Kasir's word
    again = ProductDialog(None, owner, old.id)
    qtbot.addWidget(again)
    assert again.unit.currentData() == "biji"  # shown as it is, not silently pcs
    again.name.setText("Permen Kopiko")
    again.submit()
    assert Product.get_by_id(old.id).name == "Permen Kopiko" and Product.get_by_id(old.id).unit == "biji"
