"""Barang driven like the owner: the list searched and sorted, products added and changed in the dialog,
bulk prices in exact rupiah, categories; an unknown barcode at the counter becomes a product in the cart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from db.models import JournalEntry, Product
from pos.catalog import catalog, product_edit
from pos.catalog import channel as channels
from pos.catalog.product_edit import ProductData
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from ui.catalog.bulk_price_dialog import BulkPriceDialog
from ui.catalog.categories_dialog import CategoriesDialog
from ui.catalog.page import CatalogPage
from ui.catalog.product_dialog import ProductDialog
from ui.counter.approval import ApprovalDialog
from ui.counter.page import CounterPage
from ui.widgets import dialogs

KOPI = "8991002101630"  # a valid EAN-13 nobody has


@pytest.fixture
def answers(monkeypatch):
    """Yes/no questions recorded and answered from `answers.replies` (yes when it is empty)."""

    class Answers(list):
        replies: list[bool] = []

    seen = Answers()

    def ask(parent, text):
        seen.append(text)
        return seen.replies.pop(0) if seen.replies else True

    monkeypatch.setattr(dialogs, "ask_yes_no", ask)
    return seen


def open_catalog(window, user):
    window.enter(user)
    page = window.section(CatalogPage)
    window.open_section(window.sections.index(page))
    return page


def names(page):
    return [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]


def select(page, *names_wanted):
    page.table.clearSelection()
    for r in range(page.model.rowCount()):
        if page.model.row(r).name in names_wanted:
            page.table.selectionModel().select(
                page.model.index(r, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def new_dialog(page, qtbot, user, **kwargs):
    dialog = ProductDialog(page, user, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def scan_into(qtbot, edit, code):
    qtbot.keyClicks(edit, code)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


# --- the page ---
def test_the_barang_page_lists_searches_and_sorts_in_the_database(window, owner, qtbot, qtmodeltester):
    items = small_shop(owner)
    page = open_catalog(window, owner)
    assert window.sections.index(page) == 1  # right after the counter
    assert names(page) == ["Bakso Urat", "Beras Pandan Wangi", "Es Teh Manis", "Indomie Goreng"]
    assert page.summary.text() == "4 barang"
    mie = names(page).index("Indomie Goreng")
    cells = [page.model.data(page.model.index(mie, c)) for c in range(page.model.columnCount())]
    assert cells == ["MIE", "Indomie Goreng", "Makanan", "pcs", "Rp 3.500", "8998866200301", "100", "✓"]
    assert page.model.data(page.model.index(0, 6)) == "–"  # the bakso's stock is not counted
    qtmodeltester.check(page.model)

    qtbot.keyClicks(page.search, "indo gor")
    qtbot.waitUntil(lambda: names(page) == ["Indomie Goreng"])
    page.search.clear()
    qtbot.keyClicks(page.search, "2000000000015")  # a scanned barcode
    qtbot.waitUntil(lambda: names(page) == ["Es Teh Manis"])
    page.search.clear()
    page.refresh()

    price = [c.order for c in page.model.columns].index("price")
    page.table.sortByColumn(price, Qt.SortOrder.DescendingOrder)
    assert [page.model.row(r).price for r in range(4)] == [18_000, 15_000, 5_000, 3_500]
    assert page.model.rows.order == ("price", True)
    page.category.setCurrentIndex(page.category.findData(items["mie"].category_id))
    assert names(page) == ["Bakso Urat", "Es Teh Manis", "Indomie Goreng"]  # Beras has no category
    assert page.model.rows.order == ("price", True)  # the chosen order stays


def test_keys_open_the_product_dialog(window, owner, qtbot):
    items = small_shop(owner)
    page = open_catalog(window, owner)
    seen = []

    def look(d):
        assert isinstance(d, ProductDialog)
        seen.append(d.product_id)
        d.reject()

    when_modal(qtbot, look)
    qtbot.keyClick(page.table, Qt.Key.Key_Insert)  # Ins: a new product
    select(page, "Es Teh Manis")
    page.table.setCurrentIndex(page.table.selectionModel().selectedRows()[0])
    when_modal(qtbot, look)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter: the chosen one
    when_modal(qtbot, look)
    scan_into(qtbot, page.search, "8998866200301")  # a scanned barcode: its product
    assert seen == [None, items["teh"].id, items["mie"].id]


def test_deactivate_and_delete_from_the_page(window, owner, qtbot, answers):
    items = small_shop(owner)
    typo = product_edit.save_product(ProductData(name="Salah ketik", price=1_000), owner)
    page = open_catalog(window, owner)
    select(page, "Indomie Goreng")
    assert page.active_button.text() == "Nonaktifkan" and not page.delete_button.isEnabled()  # sold/stocked
    page.active_button.click()
    assert not Product.get_by_id(items["mie"].id).active
    assert "Indomie Goreng" not in names(page)
    page.show_filter.setCurrentIndex(page.show_filter.findData("inactive"))
    assert names(page) == ["Indomie Goreng"]
    select(page, "Indomie Goreng")
    assert page.active_button.text() == "Aktifkan"
    page.active_button.click()
    assert Product.get_by_id(items["mie"].id).active

    page.show_filter.setCurrentIndex(page.show_filter.findData("all"))
    select(page, "Salah ketik")
    assert page.delete_button.isEnabled()
    answers.replies = [False]
    page.delete_button.click()
    assert Product.select().where(Product.id == typo.id).exists()  # asked first: no
    page.delete_button.click()  # yes
    assert "Salah ketik" in answers[1] and not Product.select().where(Product.id == typo.id).exists()
    assert "Salah ketik" not in names(page)


# --- the product dialog ---
def test_a_new_product_with_several_barcodes_and_a_gofood_price(window, owner, qtbot):
    items = small_shop(owner)
    page = open_catalog(window, owner)
    gofood, grabfood = channels.get("gofood"), channels.get("grabfood")
    dialog = new_dialog(page, qtbot, owner)
    qtbot.keyClicks(dialog.name, "Kopi Kapal Api Mix")
    qtbot.keyClicks(dialog.price, "Rp 2.000")
    scan_into(qtbot, dialog.scan, KOPI)
    scan_into(qtbot, dialog.scan, "kapal-api")
    assert dialog.isVisible() and dialog.result() == 0  # Enter added the codes, it did not close
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and not any(
        b.isDefault() or b.autoDefault() for b in dialog.findChildren(QPushButton)
    )
    scan_into(qtbot, dialog.scan, "8998866200302")  # a misread EAN
    assert "angka ceknya seharusnya 1" in dialog.code_message.text()
    dialog.scan.clear()
    dialog.store_code.click()
    store = dialog.codes_listed()[-1]
    assert store.startswith("20") and store != "2000000000015"  # the Es Teh has that one
    dialog.channel_prices[gofood.id][0].setText("2.500")
    assert dialog.channel_prices[grabfood.id][1].text() == "kosong = Rp 2.400 (markup 20 %)"
    dialog.category.setCurrentIndex(dialog.category.findData(items["mie"].category_id))
    dialog.save_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.error.text() == ""
    saved = product_edit.product_data(dialog.product.id)
    assert saved.barcodes == [KOPI, "kapal-api", store]
    assert (saved.name, saved.price, saved.sku, saved.category_id) == (
        "Kopi Kapal Api Mix",
        2_000,
        "BRG-000001",
        items["mie"].category_id,
    )
    assert saved.channel_prices == {gofood.id: 2_500}
    product = Product.get_by_id(dialog.product.id)
    assert (catalog.price_for(product, gofood), catalog.price_for(product, grabfood)) == (2_500, 2_400)
    assert "Kopi Kapal Api Mix" in names(page)  # the page heard it


def test_a_barcode_of_another_product_is_refused_naming_it(window, owner, qtbot):
    small_shop(owner)
    page = open_catalog(window, owner)
    before = (Product.select().count(), JournalEntry.select().count())
    dialog = new_dialog(page, qtbot, owner)
    dialog.name.setText("Mie lain")
    dialog.price.setText("3000")
    scan_into(qtbot, dialog.scan, "8998866200301")
    dialog.submit()
    assert "Indomie Goreng" in dialog.error.text() and "8998866200301" in dialog.error.text()
    assert dialog.isVisible() and dialog.result() == 0 and dialog.product is None
    assert (Product.select().count(), JournalEntry.select().count()) == before


def test_an_existing_product_reopens_with_every_field_as_saved(window, owner, qtbot):
    small_shop(owner)
    food = product_edit.save_category("Minuman", owner)
    page = open_catalog(window, owner)
    gofood = channels.get("gofood")
    d = new_dialog(page, qtbot, owner)
    d.name.setText("Susu Kedelai Segar")
    d.sku.setText("skd-1")
    scan_into(qtbot, d.scan, KOPI)
    d.category.setCurrentIndex(d.category.findData(food.id))
    d.unit.setCurrentIndex(d.unit.findData("liter"))
    d.price.setText("Rp 12.000")
    d.cost.setText("7.500")
    d.channel_prices[gofood.id][0].setText("15000")
    d.track.setChecked(True)
    d.reorder.setText("12,5")
    d.perishable.setChecked(True)
    d.shelf_life.setValue(3)
    d.serialised.setChecked(True)
    d.warranty.setValue(365)
    assert d.warranty_hint.text() == "365 hari = 12 bulan"
    d.tax_exempt.setChecked(True)
    d.quick.setChecked(True)
    d.quick_sort.setValue(4)
    d.active.setChecked(True)
    d.submit()
    assert d.result() == d.DialogCode.Accepted, d.error.text()
    again = new_dialog(page, qtbot, owner, product_id=d.product.id)
    assert again.name.text() == "Susu Kedelai Segar" and again.sku.text() == "SKD-1"
    assert again.codes_listed() == [KOPI]
    assert again.category.currentData() == food.id and again.unit.currentData() == "liter"
    assert again.price.text() == "12.000" and "Rp 7.500" in again.cost_label.text()
    assert again.channel_prices[gofood.id][0].text() == "15.000"
    assert again.track.isChecked() and again.reorder.text() == "12,5"
    assert again.perishable.isChecked() and again.shelf_life.value() == 3
    assert again.serialised.isChecked() and again.warranty.value() == 365
    assert again.tax_exempt.isChecked() and again.quick.isChecked() and again.quick_sort.value() == 4
    assert again.active.isChecked()
    assert not again.reason.isVisibleTo(again)  # the price is as it was: no reason asked


def test_a_price_change_is_recorded_with_its_reason(window, owner, qtbot):
    items = small_shop(owner)
    page = open_catalog(window, owner)
    d = new_dialog(page, qtbot, owner, product_id=items["mie"].id)
    assert d.price.text() == "3.500" and d.history.rowCount() == 0
    d.price.setText("3.800")
    assert d.reason.isVisibleTo(d)
    d.reason.setText("harga agen naik")
    d.save_button.click()
    assert d.result() == d.DialogCode.Accepted
    (change,) = product_edit.price_history(items["mie"].id)
    assert (change.old, change.new, change.user, change.reason) == (3_500, 3_800, "Bu Sri", "harga agen naik")
    mie = Product.get_by_id(items["mie"].id)
    assert (mie.price, mie.cost) == (3_800, 2_900)  # the moving-average cost is not typed over
    again = new_dialog(page, qtbot, owner, product_id=items["mie"].id)
    assert again.history.rowCount() == 1
    row = [again.history.data(again.history.index(0, c)) for c in range(4)]
    assert row[1:] == ["Bu Sri", "Rp 3.500 → Rp 3.800", "harga agen naik"]


def test_price_zero_is_asked_and_a_wrong_price_saves_nothing(window, owner, qtbot, answers):
    page = open_catalog(window, owner)
    d = new_dialog(page, qtbot, owner)
    d.name.setText("Kantong plastik")
    d.price.setText("15.000,50")
    d.submit()
    assert d.error.text().startswith("Harga jual: Jumlah uang tidak valid") and not answers
    assert not Product.select().exists()
    d.price.setText("0")
    answers.replies = [False]
    d.submit()
    assert "dijual gratis. Yakin?" in answers[0] and not Product.select().exists() and d.isVisible()
    d.submit()  # yes
    assert d.result() == d.DialogCode.Accepted and Product.get().price == 0


def test_a_cashier_saving_a_product_needs_the_owner_pin(window, owner, cashier, qtbot):
    page = open_catalog(window, owner)
    d = new_dialog(page, qtbot, cashier)
    d.name.setText("Kopi")
    d.price.setText("2.000")

    def approve(dialog):
        assert isinstance(dialog, ApprovalDialog)
        dialog.pin.setText("1234")
        dialog.submit()

    when_modal(qtbot, approve)
    d.submit()
    assert d.result() == d.DialogCode.Accepted
    entry = JournalEntry.select().where(JournalEntry.event == "product").get()
    assert '"approved_by":"Bu Sri"' in entry.content and entry.user == "Dewi"


# --- bulk prices ---
def test_bulk_price_preview_and_save_in_exact_rupiah(window, owner, qtbot):
    items = small_shop(owner)
    page = open_catalog(window, owner)
    food = items["mie"].category_id
    d = BulkPriceDialog(page, owner, [], food)
    qtbot.addWidget(d)
    assert d.by_category.isChecked() and not d.by_selection.isEnabled()
    d.amount.setText("10")
    d.rounding.setCurrentIndex(d.rounding.findData(100))
    d.update_preview()
    shown = {p.name: (p.old, p.new) for p in d.proposals}
    assert shown == {
        "Indomie Goreng": (3_500, 3_900),
        "Bakso Urat": (18_000, 19_800),
        "Es Teh Manis": (5_000, 5_500),
    }
    assert d.save_button.text() == "Simpan 3 harga" and d.save_button.isEnabled()
    d.submit()
    assert d.error.text() == "Tuliskan alasannya." and Product.get_by_id(items["mie"].id).price == 3_500
    d.reason.setText("harga bulan Desember")
    d.submit()
    assert d.result() == d.DialogCode.Accepted
    prices = {k: Product.get_by_id(items[k].id).price for k in ("mie", "bakso", "teh", "beras")}
    assert prices == {"mie": 3_900, "bakso": 19_800, "teh": 5_500, "beras": 15_000}

    page.refresh()
    select(page, "Indomie Goreng", "Es Teh Manis")  # several rows chosen on the page
    d = BulkPriceDialog(page, owner, page.selected_ids())
    qtbot.addWidget(d)
    assert d.by_selection.isChecked() and d.by_selection.text() == "Barang yang dipilih (2)"
    d.direction.setCurrentIndex(d.direction.findData(-1))
    d.kind.setCurrentIndex(d.kind.findData("rupiah"))
    d.rounding.setCurrentIndex(d.rounding.findData(500))
    d.amount.setText("250")
    d.update_preview()
    assert {p.name: p.new for p in d.proposals} == {"Indomie Goreng": 3_500, "Es Teh Manis": 5_500}
    assert d.save_button.text() == "Simpan 1 harga"  # 5.250 rounds back to 5.500
    d.amount.setText("4.000")
    d.update_preview()
    bad = [r for r in range(d.model.rowCount()) if d.model.row(r).problem]
    assert [d.model.row(r).name for r in bad] == ["Indomie Goreng"]
    colour = d.model.data(d.model.index(bad[0], 1), Qt.ItemDataRole.ForegroundRole).color()
    assert colour == QColor("#b3261e") and not d.save_button.isEnabled()


# --- categories ---
def test_categories_add_rename_colour_reorder_deactivate(window, owner, qtbot):
    page = open_catalog(window, owner)
    d = CategoriesDialog(page, owner)
    qtbot.addWidget(d)
    d.show()
    for name in ("Minuman", "Rokok", "Sembako"):
        scan_into(qtbot, d.new_name, name)
    assert d.isVisible() and [c.name for c in catalog.categories()] == ["Minuman", "Rokok", "Sembako"]
    assert d.current().name == "Sembako"
    d.up_button.click()
    d.up_button.click()
    assert [c.name for c in catalog.categories()] == ["Sembako", "Minuman", "Rokok"]
    assert not d.up_button.isEnabled()  # already first
    d.list.setCurrentRow(1)
    d.name.setText("Minuman Dingin")
    d.rename_button.click()
    d.color_buttons[1].click()  # blue
    minuman = next(c for c in catalog.categories() if c.name == "Minuman Dingin")
    assert minuman.color == "#1565c0"
    d.name.setText("Rokok")
    d.rename_button.click()
    assert d.error.text() == "Rokok sudah terdaftar."
    d.list.setCurrentRow(2)
    d.active_button.click()
    assert [c.name for c in catalog.categories(active_only=True)] == ["Sembako", "Minuman Dingin"]
    assert d.list.item(2).text() == "Rokok (nonaktif)" and d.active_button.text() == "Aktifkan"
    assert page.category.findText("Rokok (nonaktif)") >= 0  # the page heard it


# --- the counter ---
def test_an_unknown_barcode_at_the_counter_becomes_a_product_in_the_cart(window, owner, qtbot, answers):
    small_shop(owner)
    window.enter(owner)
    counter = window.section(CounterPage)

    def fill(d):
        assert isinstance(d, ProductDialog) and d.codes_listed() == [KOPI]
        d.name.setText("Kopi Kapal Api Mix")
        d.price.setText("2.000")
        d.submit()

    when_modal(qtbot, fill)
    scan_into(qtbot, counter.search, KOPI)
    assert "Barang belum terdaftar — tambahkan?" in answers[0] and KOPI in answers[0]
    assert [(ln.name, ln.qty, ln.unit_price) for ln in counter.cart.lines] == [
        ("Kopi Kapal Api Mix", Decimal(1), 2_000)
    ]
    assert catalog.by_code(KOPI).name == "Kopi Kapal Api Mix" and counter.search.text() == ""

    answers.replies = [False]  # no: nothing happens
    before = Product.select().count()
    other = "8991002101647"
    scan_into(qtbot, counter.search, other)
    assert len(answers) == 2 and Product.select().count() == before and len(counter.cart.lines) == 1
    assert f"{other} tidak ditemukan" in counter.message.text()
    counter.search.clear()
    scan_into(qtbot, counter.search, "8991002101631")  # a misread EAN is not offered
    assert len(answers) == 2 and "angka ceknya seharusnya 0" in counter.message.text()


def test_a_cashier_adding_an_unknown_barcode_is_asked_the_owner_pin(window, owner, cashier, qtbot, answers):
    small_shop(owner)
    window.enter(cashier)
    counter = window.section(CounterPage)

    def fill(d):
        assert isinstance(d, ProductDialog)
        d.name.setText("Kopi Kapal Api Mix")
        d.price.setText("2.000")
        d.submit()

    def approve(d):
        assert isinstance(d, ApprovalDialog)
        when_modal(qtbot, fill)
        d.pin.setText("1234")
        d.submit()

    when_modal(qtbot, approve)
    scan_into(qtbot, counter.search, KOPI)
    assert [ln.name for ln in counter.cart.lines] == ["Kopi Kapal Api Mix"]
    entry = JournalEntry.select().where(JournalEntry.event == "product").get()
    assert '"approved_by":"Bu Sri"' in entry.content and entry.user == "Dewi"


def test_a_scale_label_adds_the_weighed_product(window, owner, qtbot):
    small_shop(owner)
    product_edit.save_product(ProductData(name="Daging Sapi", price=120_000, sku="123", unit="kg"), owner)
    product_edit.save_product(ProductData(name="Tahu Putih", price=15_000, sku="00456", unit="kg"), owner)
    window.enter(owner)
    counter = window.section(CounterPage)
    scan_into(qtbot, counter.search, "2100123012503")  # weight label: PLU 00123, 1.250 g
    scan_into(qtbot, counter.search, "2200456075005")  # price label: PLU 00456, Rp 7.500
    lines = [(ln.name, ln.qty, ln.gross) for ln in counter.cart.lines]
    assert lines == [("Daging Sapi", Decimal("1.250"), 150_000), ("Tahu Putih", Decimal("0.500"), 7_500)]
    assert counter.totals.total.text() == "Rp 157.500"
    counter.cart.lines.clear()
    scan_into(qtbot, counter.search, "2200456074503")  # Rp 7.450: the scale's price is not Kasir's
    assert [(ln.qty, ln.gross) for ln in counter.cart.lines] == [(Decimal("0.497"), 7_455)]
    assert "label Rp 7.450, di keranjang Rp 7.455" in counter.message.text()
    scan_into(qtbot, counter.search, "2100999012508")  # no product has PLU 00999
    assert "PLU 00999" in counter.message.text() and len(counter.cart.lines) == 1


def test_the_catalogue_tools_open_import_export_and_labels(window, owner, qtbot, tmp_path, monkeypatch):
    from ui.catalog.import_dialog import ProductImportDialog
    from ui.catalog.labels_dialog import LabelsDialog
    from ui.widgets import files

    items = small_shop(owner)
    page = open_catalog(window, owner)
    buttons = {b.text(): b for b in page.findChildren(QPushButton)}
    opened = []

    def close(box):
        opened.append(type(box).__name__)
        if isinstance(box, LabelsDialog):
            opened.append(dict(box.counts))
        box.reject()

    when_modal(qtbot, close)
    buttons["Impor dari file…"].click()
    page.table.selectRow(
        page.model.rows.index(next(r for r in page.model.rows if r.name == "Indomie Goreng"))
    )
    when_modal(qtbot, close)
    buttons["Cetak label…"].click()
    assert opened == [ProductImportDialog.__name__, LabelsDialog.__name__, {items["mie"].id: 1}]
    target = tmp_path / "barang.xlsx"
    monkeypatch.setattr(files, "ask_save", lambda parent, title, name, filters: str(target))
    buttons["Ekspor…"].click()
    assert target.exists() and "4 barang diekspor" in page.message.text()


def test_a_product_added_by_hand_has_its_opening_stock(window, owner, qtbot):
    dialog = ProductDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.name.setText("Kopi Kapal Api 165 g")
    dialog.price.setText("18.000")
    dialog.opening.setText("24")
    dialog.submit()
    assert dialog.product is not None and Product.get_by_id(dialog.product.id).on_hand == Decimal(24)
    again = ProductDialog(None, owner, dialog.product.id)
    qtbot.addWidget(again)
    assert again.opening.parent() is None or not again.opening.isVisibleTo(again)  # counted in Stok later


def test_a_long_barcode_message_wraps_and_is_scrolled_into_view(window, owner, qtbot):
    """A mistyped 50-character code made the message wider than the form (a sideways scroll bar) and left
    it cut under the fold: it now wraps (a long run breaks too) and the form scrolls to it."""
    page = open_catalog(window, owner)
    dialog = new_dialog(page, qtbot, owner)
    dialog.resize(1100, 560)  # shorter than the form: it scrolls
    qtbot.wait(20)
    scan_into(qtbot, dialog.scan, "ABC DEF GHI " + "1234567890" * 5)
    label = dialog.code_message
    assert "Barcode tidak valid" in label.text()
    assert label.text().replace("\u200b", "").startswith("Barcode tidak valid: ABCDEFGHI1234567890")

    def shown_whole():
        top = label.mapTo(dialog.scroll.viewport(), label.rect().topLeft()).y()
        return top >= 0 and top + label.height() <= dialog.scroll.viewport().height()

    qtbot.waitUntil(shown_whole, timeout=2_000)
    assert label.height() >= label.heightForWidth(label.width()) > label.fontMetrics().height()  # all lines
    assert not dialog.scroll.horizontalScrollBar().isVisible()
