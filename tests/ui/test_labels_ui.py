"""Cetak label driven like the owner: products found and counted, a restock's items, the sheet saved."""

from __future__ import annotations

from decimal import Decimal

from pypdf import PdfReader

from pos.stock import stock
from tests.pos.helpers import small_shop
from ui.catalog import labels_dialog
from ui.catalog.labels_dialog import LabelsDialog
from ui.widgets import files


def test_chosen_products_restock_and_everything(qtbot, owner, tmp_path, monkeypatch):
    items = small_shop(owner)
    opened = []
    monkeypatch.setattr(labels_dialog, "open_url", opened.append)
    target = tmp_path / "label.pdf"
    monkeypatch.setattr(files, "ask_save", lambda parent, title, name, filters: str(target))
    dialog = LabelsDialog(None, {items["mie"].id: 3})
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "es teh")
    dialog.add_first()
    assert dialog.counts == {items["mie"].id: 3, items["teh"].id: 1}
    dialog.table.cellWidget(1, 2).edit.setText("5")
    assert "8 label pilihan" in dialog.total.text()
    dialog.save()
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert text.count("Indomie Goreng") == 3 and text.count("Es Teh Manis") == 5 and "Rp 3.500" in text
    assert opened and "8 label disimpan" in dialog.total.text()
    purchase = stock.restock([(items["mie"], Decimal(24), 2_900)], owner)
    again = LabelsDialog(None)
    qtbot.addWidget(again)
    again.restock.setChecked(True)
    again.purchases.setCurrentIndex(again.purchases.findData(purchase.id))
    assert len(again.items()) == 24
    again.everything.setChecked(True)
    assert len(again.items()) == 4
    again.layout_box.setCurrentIndex(again.layout_box.findData("thermal58"))
    again.save()
    assert len(PdfReader(target).pages) == 4


def test_nothing_chosen_says_so(qtbot, owner, monkeypatch):
    monkeypatch.setattr(files, "ask_save", lambda *a: (_ for _ in ()).throw(AssertionError("no file asked")))
    dialog = LabelsDialog(None)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "Belum ada label" in dialog.message.text()
