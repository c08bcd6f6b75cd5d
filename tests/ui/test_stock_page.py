"""Stok driven like the owner: an opname typed and scanned, goods received, expired stock written off."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt

from db.models import Batch, Product, StockMove
from pos.catalog import catalog
from pos.core import clock
from pos.core.money import format_rupiah
from pos.stock import stock
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from ui.counter.approval import ApprovalDialog
from ui.stock.dialogs import OpnameDialog, RestockDialog
from ui.stock.page import ExpiringDialog, StockPage


def open_stock(window, owner):
    window.enter(owner)
    page = window.section(StockPage)
    window.open_section(window.sections.index(page))
    return page


def test_stock_list_shows_low_items(window, owner):
    items = small_shop(owner)
    Product.update(reorder_level=Decimal(200)).where(Product.id == items["mie"].id).execute()
    page = open_stock(window, owner)
    assert page.model.rowCount() == 3  # the untracked bakso is not stock
    page.filter.setCurrentIndex(page.filter.findData("low"))
    assert [r.name for r in page.model.rows] == ["Indomie Goreng"]
    assert "1 di bawah batas" in page.summary.text()


def test_stock_table_sorts_by_a_clicked_column_and_keeps_it(qtbot, window, owner):
    items = small_shop(owner)
    page = open_stock(window, owner)
    shown = lambda: [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]  # noqa: E731
    assert shown() == sorted(shown(), key=str.casefold)  # by name at first
    value_column = [c.order for c in page.model.columns].index("value")
    page.table.sortByColumn(value_column, Qt.SortOrder.DescendingOrder)
    values = [page.model.row(r).value for r in range(page.model.rowCount())]
    assert values == sorted(values, reverse=True) and page.model.rows.order == ("value", True)
    qtbot.waitUntil(lambda: f"nilai stok {format_rupiah(sum(values))}" in page.summary.text())  # right after
    Product.update(cost=items["mie"].cost + 1_000).where(Product.id == items["mie"].id).execute()
    page.refresh()  # new rows keep the order the owner chose
    assert page.model.rows.order == ("value", True)


def test_opname_typed_and_scanned(window, owner, qtbot):
    items = small_shop(owner)
    page = open_stock(window, owner)
    dialog = OpnameDialog(page, owner)
    rows = {p.name: i for i, p in enumerate(dialog.products)}
    dialog.table.item(rows["Beras Pandan Wangi"], 2).setText("48,5")
    assert dialog.table.item(rows["Beras Pandan Wangi"], 3).text() == "-1,5"
    qtbot.keyClicks(dialog.scan, "8998866200301")  # the Indomie's barcode
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.table.currentRow() == rows["Indomie Goreng"]
    dialog.table.item(rows["Indomie Goreng"], 2).setText("100")  # as recorded: no move
    assert "2 barang dihitung, 1 berbeda" in dialog.summary.text()

    def approve(d):
        assert isinstance(d, ApprovalDialog)
        d.reason_input.setText("hitung akhir bulan")
        d.submit()

    when_modal(qtbot, approve)
    dialog.submit()
    assert dialog.changes == [(items["beras"].id, Decimal("-1.5"))]
    assert Product.get_by_id(items["beras"].id).on_hand == Decimal("48.5")
    move = StockMove.get(StockMove.kind == "opname")
    assert (move.qty, move.reason) == (Decimal("-1.5"), "hitung akhir bulan")


def test_receive_goods_with_an_expiry(window, owner, errors):
    small_shop(owner)
    susu = catalog.create_product("SUSU", "Susu UHT", 6_000, perishable=True)
    page = open_stock(window, owner)
    dialog = RestockDialog(page, owner)
    dialog.supplier.setEditText("Grosir Makmur")
    dialog.supplier_phone.setText("0812-1111-0000")
    dialog.product.setCurrentIndex(dialog.product.findData(susu.id))
    assert dialog.has_expiry.isChecked()  # perishable
    dialog.qty.setText("24")
    dialog.cost.setText("4.500")
    dialog.add_item()
    assert dialog.table.rowCount() == 1 and "Rp 108.000" in dialog.total.text()
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted and not errors
    batch = Batch.get()
    assert (batch.qty_left, batch.expires_on) == (Decimal(24), date(2026, 11, 30))
    assert Product.get_by_id(susu.id).cost == 4_500


def test_expired_stock_written_off_from_the_list(window, owner):
    small_shop(owner)
    susu = catalog.create_product("SUSU", "Susu UHT", 6_000, perishable=True)
    stock.restock([(susu, Decimal(5), 4_500)], owner, expiries={susu.id: date(2026, 11, 24)})
    with clock.frozen(datetime(2026, 11, 25, 9, 0)):
        page = open_stock(window, owner)
        dialog = ExpiringDialog(page, owner)
        assert dialog.model.rowCount() == 1 and dialog.write_off.isEnabled()
        dialog.write_off_expired()
        assert "Susu UHT 5" in dialog.message.text()
    assert Product.get_by_id(susu.id).on_hand == 0


def test_goods_never_sold_before_are_added_from_the_delivery(qtbot, window, owner):
    from ui.catalog.product_dialog import ProductDialog
    from ui.stock.dialogs import RestockDialog

    small_shop(owner)
    dialog = RestockDialog(None, owner)
    qtbot.addWidget(dialog)

    def fill(box):
        assert isinstance(box, ProductDialog)
        box.name.setText("Kopi Susu Sachet")
        box.price.setText("2.000")
        box.submit()

    when_modal(qtbot, fill)
    dialog.new_product()
    product = Product.get(Product.name == "Kopi Susu Sachet")
    assert dialog.product.currentData() == product.id
    dialog.qty.setText("20")
    dialog.cost.setText("1.500")
    dialog.add_item()
    dialog.submit()
    assert Product.get_by_id(product.id).on_hand == Decimal(20)


def test_columns_fit_their_text_measured_once_without_asking_qt(window, owner, monkeypatch):
    """Stok sizes its columns from the first rows' text: Qt's own measure (resizeColumnToContents) asks the
    model about ten roles for every cell, and made Stok slow to open."""
    from ui.stock.page import StockModel, fit_columns

    small_shop(owner)
    page = open_stock(window, owner)
    page.table._fitted = False  # measure again, counting what the model is asked
    asked = []
    data = StockModel.data

    def counting(self, index, role=Qt.ItemDataRole.DisplayRole):
        asked.append(role)
        return data(self, index, role)

    monkeypatch.setattr(StockModel, "data", counting)
    fit_columns(page.table)
    cells = page.model.rowCount() * page.model.columnCount()
    assert 0 < len(asked) <= cells + 12  # each cell's text once, and one cell's room (Qt's: ~10 a cell)
    monkeypatch.undo()
    header = page.table.horizontalHeader()
    for column in range(page.model.columnCount()):
        if column == 1:  # the name column stretches
            continue
        qt_wants = max(page.table.sizeHintForColumn(column), header.sectionSizeHint(column))
        assert header.sectionSize(column) >= qt_wants, column  # never narrower than Qt's own measure
        assert header.sectionResizeMode(column) == header.ResizeMode.Interactive  # then kept as found
    monkeypatch.setattr(StockModel, "data", counting)
    asked.clear()
    page.refresh()
    fit_columns(page.table)  # once: a refresh does not measure again
    assert len(asked) < cells


def test_a_perishable_is_received_with_its_own_shelf_life_as_the_expiry(qtbot, owner):
    from datetime import timedelta

    from db.models import Product
    from pos.catalog import catalog
    from pos.core import clock
    from ui.stock.dialogs import RestockDialog

    daging = catalog.create_product("DGG", "Daging sapi", 130_000, perishable=True)
    Product.update(shelf_life_days=2, unit="kg").where(Product.id == daging.id).execute()
    dialog = RestockDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.product.setCurrentIndex(dialog.product.findData(daging.id))
    assert dialog.has_expiry.isChecked()
    assert dialog.expiry.date().toPython() == clock.now().date() + timedelta(days=2)  # not the usual 7


def test_the_recipe_cost_follows_the_table_while_editing(qtbot, owner):
    from ui.stock.dialogs import RecipeDialog

    meat = catalog.create_product("DS", "Daging Sapi", 1, unit="kg", cost=120_000)
    bakso = catalog.create_product("BK", "Bakso Kuah", 15_000, track_stock=False)
    dialog = RecipeDialog(None, owner, bakso.id)
    qtbot.addWidget(dialog)
    assert dialog.cost.text() == "Biaya bahan per 1: Rp 0"
    dialog.ingredient.setCurrentIndex(dialog.ingredient.findData(meat.id))
    dialog.qty.setText("0,05")
    dialog.add()
    assert dialog.cost.text() == "Biaya bahan per 1: " + format_rupiah(6_000)
    dialog.table.item(0, 1).setText("0,1")
    assert dialog.cost.text() == "Biaya bahan per 1: " + format_rupiah(12_000)
    dialog.table.setCurrentCell(0, 0)
    dialog.remove()
    assert dialog.cost.text() == "Biaya bahan per 1: Rp 0"
