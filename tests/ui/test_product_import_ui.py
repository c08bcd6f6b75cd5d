"""Impor barang driven like the owner: a file chosen, its problems shown (nothing written), a column
matched by hand, the import, the template and the export."""

from __future__ import annotations

from db.models import Product
from pos.catalog import catalog
from tests.ui.conftest import when_modal
from ui.catalog.import_dialog import ProductImportDialog, export_catalogue
from ui.widgets import files


def _open(qtbot, dialog, path, columns=None):
    dialog.shown = None
    dialog.open_file(str(path), columns)
    qtbot.waitUntil(lambda: dialog.shown is not None or bool(dialog.message.text()), timeout=10_000)


def test_problems_are_shown_and_nothing_is_written_until_fixed(qtbot, owner, tmp_path):
    dialog = ProductImportDialog(None, owner)
    qtbot.addWidget(dialog)
    bad = tmp_path / "barang.csv"
    bad.write_text("Nama;Harga;Barcode\nKopi;2.000;\nTeh;dua ribu;\n;500;\n", encoding="utf-8")
    _open(qtbot, dialog, bad)
    assert dialog.model.rowCount() == 3 and not dialog.ok.isEnabled()
    assert "2 masalah" in dialog.message.text()
    problems = dialog.model.data(dialog.model.index(1, 6))
    assert "dua ribu" in problems
    assert f"Baris 3: {problems}" in dialog.message.text()  # the first problem whole, not cut by the column
    dialog.table.setCurrentIndex(dialog.model.index(2, 1))  # the owner clicks the row without a name
    assert dialog.message.text().startswith("Baris 4: ") and dialog.message.text() != f"Baris 3: {problems}"
    assert not Product.select().exists()
    good = tmp_path / "baik.csv"
    good.write_text("Produk;Jual;Kode\nKopi;2.000;4006381333931\nTeh Botol;Rp 4.500;\n", encoding="utf-8")
    _open(qtbot, dialog, good)
    assert dialog.shown.columns == {0: "name", 1: "price", 2: "sku"}  # 'Kode' guessed as the SKU
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData("barcode"))  # the owner knows better
    qtbot.waitUntil(
        lambda: dialog.shown is not None and dialog.shown.columns.get(2) == "barcode", timeout=10_000
    )
    assert dialog.ok.isEnabled() and dialog.ok.text() == "Impor 2 barang"
    dialog.ok.click()
    assert dialog.imported is not None and dialog.imported.added == 2
    assert catalog.by_code("4006381333931").name == "Kopi"


def test_a_column_kasir_does_not_know_is_chosen_by_hand(qtbot, owner, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("Nama;Banderol\nKopi;2000\n", encoding="utf-8")
    dialog = ProductImportDialog(None, owner)
    qtbot.addWidget(dialog)
    _open(qtbot, dialog, path)
    assert "harga jual tidak ditemukan" in dialog.message.text() and not dialog.ok.isEnabled()
    dialog.shown = None
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("price"))
    qtbot.waitUntil(lambda: dialog.shown is not None, timeout=10_000)
    assert dialog.ok.isEnabled() and dialog.message.text() == ""
    dialog.ok.click()
    assert catalog.search("kopi")[0].price == 2_000


def test_a_cashier_is_asked_for_the_owners_pin(qtbot, owner, cashier, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("Nama;Harga\nKopi;2000\n", encoding="utf-8")
    dialog = ProductImportDialog(None, cashier)
    qtbot.addWidget(dialog)
    _open(qtbot, dialog, path)

    def approve(box):
        box.pin.setText("1234")
        box.submit()

    when_modal(qtbot, approve)
    dialog.ok.click()
    assert Product.select().count() == 1


def test_template_and_export(qtbot, owner, cashier, tmp_path, monkeypatch):
    from tests.pos.helpers import small_shop

    small_shop(owner)
    target = tmp_path / "katalog.xlsx"
    monkeypatch.setattr(files, "ask_save", lambda parent, title, name, filters: str(target))
    assert "tidak berhak mengekspor data" in export_catalogue(None, cashier) and not target.exists()
    assert "4 barang diekspor" in export_catalogue(None, owner)
    dialog = ProductImportDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.update.setChecked(True)
    _open(qtbot, dialog, target)
    assert dialog.shown.count("unchanged") + dialog.shown.count("update") == 4 and not dialog.shown.problems
    template = tmp_path / "t.xlsx"
    monkeypatch.setattr(files, "ask_save", lambda parent, title, name, filters: str(template))
    dialog.save_template()
    assert template.exists() and "Template disimpan" in dialog.summary.text()
