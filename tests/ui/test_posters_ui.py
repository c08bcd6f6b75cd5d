"""Poster promo and Daftar harga driven like the owner: products ticked in the searchable list, a promo price
typed, saved to a folder with the caption on the clipboard; a program poster; the price list; the
catalogue page's buttons open them."""

from __future__ import annotations

from datetime import date

from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication

from pos.catalog import catalog
from pos.core import settings
from pos.customers import voucher
from pos.stock import recipes
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from ui.customers.posters_dialog import PostersDialog, PriceListDialog
from ui.widgets import files


def test_two_products_saved_to_a_folder_with_the_caption_copied(qtbot, owner, tmp_path, monkeypatch):
    items = small_shop(owner)
    asked = []
    monkeypatch.setattr(
        files, "ask_folder", lambda parent, title: asked.append(title) or str(tmp_path / "promo")
    )
    dialog = PostersDialog(None)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()  # nothing chosen yet
    qtbot.keyClicks(dialog.search, "bakso")
    dialog.find()
    assert dialog.results.count() == 1
    dialog.results.item(0).setCheckState(Qt.CheckState.Checked)  # ticked like a person
    dialog.search.clear()
    dialog.find()
    dialog.check(items["teh"].id)
    assert list(dialog.chosen) == [items["bakso"].id, items["teh"].id]
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 0).text() == "Bakso Urat"
    dialog.set_promo(items["bakso"].id, "15.000")
    dialog.has_until.setChecked(True)
    dialog.until.setDate(QDate(2026, 12, 31))
    dialog.size_box.setCurrentIndex(dialog.size_box.findData("both"))
    dialog.redraw()
    assert dialog.save_button.isEnabled() and not dialog.preview.pixmap().isNull()
    assert dialog.preview.pixmap().height() == 420  # the status poster, scaled into the preview
    dialog.save()
    assert asked == ["Simpan poster ke folder"]
    folder = tmp_path / "promo"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["poster-promo-caption.txt", "poster-promo-square.png", "poster-promo-status.png"]
    assert Image.open(folder / "poster-promo-status.png").size == (1080, 1920)
    caption = QGuiApplication.clipboard().text()
    assert caption == (folder / "poster-promo-caption.txt").read_text(encoding="utf-8").rstrip("\n")
    assert "• Bakso Urat ~Rp 18.000~ Rp 15.000/porsi" in caption and "• Es Teh Manis Rp 5.000" in caption
    assert "Berlaku s.d. 31-12-2026" in caption and "https://wa.me/6281200001111?text=" in caption
    assert "3 file tersimpan" in dialog.note.text() and "sudah disalin" in dialog.note.text()


def test_bad_promo_price_said_and_nothing_saved(qtbot, owner, tmp_path, monkeypatch):
    items = small_shop(owner)
    monkeypatch.setattr(files, "ask_folder", lambda parent, title: str(tmp_path / "out"))
    dialog = PostersDialog(None, [items["bakso"].id])
    qtbot.addWidget(dialog)
    assert dialog.save_button.isEnabled()
    dialog.set_promo(items["bakso"].id, "25.000")
    dialog.redraw()
    assert "harus di bawah harga biasa" in dialog.message.text() and not dialog.save_button.isEnabled()
    dialog.save()
    assert not (tmp_path / "out").exists()
    dialog.check(items["bakso"].id, False)
    dialog.redraw()
    assert dialog.message.text() == "" and not dialog.save_button.isEnabled()


def test_program_poster_and_cancelled_folder(qtbot, owner, tmp_path, monkeypatch):
    small_shop(owner)
    settings.update({"shop_phone": ""})
    voucher.issue_batch(
        5, kind="rp", value=10_000, expires_on=date(2026, 12, 31), user=owner, campaign="Gajian"
    )
    monkeypatch.setattr(files, "ask_folder", lambda parent, title: "")  # the owner cancels
    dialog = PostersDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.program.currentText() == "Voucher: Gajian"
    dialog.by_program.setChecked(True)
    dialog.redraw()
    assert dialog.offer is not None and dialog.offer.big == "Rp 10.000"
    assert "Tanpa QR" in dialog.note.text()
    dialog.save()
    assert dialog.saved == []


def test_price_list_dialog(qtbot, owner, tmp_path, monkeypatch):
    items = small_shop(owner)
    monkeypatch.setattr(files, "ask_folder", lambda parent, title: str(tmp_path / "harga"))
    dialog = PriceListDialog(None)
    qtbot.addWidget(dialog)
    assert "4 barang" in dialog.summary.text() and "1 gambar HP" in dialog.summary.text()
    dialog.category.setCurrentIndex(dialog.category.findData(items["bakso"].category_id))
    assert "3 barang" in dialog.summary.text()
    dialog.save()
    assert sorted(p.suffix for p in (tmp_path / "harga").iterdir()) == [".pdf", ".png", ".txt"]
    assert QGuiApplication.clipboard().text().startswith("Daftar harga Makanan Warung Uji\n")


def test_catalogue_page_opens_both(qtbot, window, owner):
    from tests.ui.test_catalog_ui import open_catalog, select

    small_shop(owner)
    page = open_catalog(window, owner)
    select(page, "Bakso Urat", "Es Teh Manis")
    seen = []

    def close(dialog):
        seen.append((dialog.windowTitle(), list(getattr(dialog, "chosen", {}))))
        dialog.reject()

    when_modal(qtbot, close)
    page.posters_button.click()
    when_modal(qtbot, close)
    page.price_list_button.click()
    assert [title for title, _ids in seen] == ["Poster promo", "Daftar harga"]
    assert len(seen[0][1]) == 2  # the chosen products come in ticked


def test_the_picker_leaves_out_raw_materials_at_rp_0(qtbot, owner):
    """A recipe's ingredient at Rp 0 is not offered for a poster (as at the counter's search)."""
    items = small_shop(owner)
    balls = catalog.create_product("BTR", "Bakso Butir Mentah", 0)
    recipes.set_recipe(items["bakso"].id, [(balls.id, 5)], owner)
    dialog = PostersDialog(None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "bakso")
    dialog.find()
    shown = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert shown == ["Bakso Urat · Rp 18.000"]
