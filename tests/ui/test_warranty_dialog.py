"""Garansi: a serial typed and Enter shows the sale it was sold in (Enter was also the default button's,
which swapped the found rows for the follow-up list)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos.catalog import catalog
from pos.core.cart import Cart
from pos.counter import sale, shift
from pos.counter.payment import Tender
from pos.customers import customer
from ui.customers.profile import WarrantyDialog


def test_a_serial_and_enter_finds_the_gun_sold(qtbot, owner):
    shift.open_shift(owner, 0)
    gun = catalog.create_product(
        "SGN", "Senapan Angin Sharp Tiger", 2_850_000, serialised=True, warranty_days=365, track_stock=False
    )
    budi = customer.create_customer("0812-7000-0002", "Budi")
    c = Cart(customer_id=budi.id)
    c.add(gun.id, gun.name, gun.price, 1, merge=False)
    c.lines[0].serial_number = "ST45-2026-0042"
    sold = sale.complete(c, [Tender("transfer", 2_850_000)], owner)
    dialog = WarrantyDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "0042")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert [dialog.model.row(0).sale, dialog.model.rowCount()] == [sold.number, 1]
    assert dialog.message.text() == "1 barang bergaransi ditemukan."
