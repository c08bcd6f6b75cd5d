"""Barang: the shop's catalogue. Search by name, SKU or a scanned barcode; filter by category and active;
add, change, deactivate or delete products; bulk price changes and categories (dialogs in their modules).

The list is `pos.catalog.product_list` (paged, sorted in the database): a 50.000-product shop opens at
once."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from pos.catalog import catalog, product_edit, product_list
from pos.core.errors import PosError
from pos.core.i18n import _
from ui.catalog.bulk_price_dialog import BulkPriceDialog
from ui.catalog.categories_dialog import CategoriesDialog
from ui.catalog.import_dialog import ProductImportDialog, export_catalogue
from ui.catalog.product_dialog import ProductDialog, products_approval
from ui.customers.posters_dialog import PriceListDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.page import ListPage
from ui.widgets.table import Column, Index, RowsModel, display, fit_once, setup_view


class CatalogModel(RowsModel):
    """The product list; inactive products in grey."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < len(self.rows)
            and not self.rows[index.row()].active
        ):
            return QBrush(QColor("#8a938f"))
        return super().data(index, role)


def catalog_columns() -> list[Column]:
    return [
        Column(_("SKU"), lambda r: r.sku, order="sku"),
        Column(_("Nama"), lambda r: r.name, order="name"),
        Column(_("Kategori"), lambda r: r.category, order="category"),
        Column(_("Satuan"), lambda r: r.unit, order="unit"),
        Column(_("Harga"), lambda r: r.price, "rupiah", order="price"),
        Column(_("Barcode"), lambda r: r.barcode or "", order="barcode"),
        Column(_("Stok"), lambda r: r.on_hand, "number", order="on_hand"),
        Column(_("Aktif"), lambda r: "✓" if r.active else "", order="active"),
    ]


class CatalogPage(ListPage):
    key = "catalog"
    permission = "products"
    watches = ("product", "stock", "sale")

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, _("Barang"), _("Cari nama barang, SKU, atau scan barcode"))
        # Two rows of buttons: what is done to the chosen products, then what works on the catalogue
        # (more catalogue tools go in with add_tool: import/export, labels).
        rows = [self._filters(), self._product_buttons(), self._tool_buttons()]
        self.lay_out(rows, self._table())
        insert = QShortcut(QKeySequence(Qt.Key.Key_Insert), self, self.add)
        insert.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._selection_changed()

    # --- building ---
    def _filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.search.returnPressed.connect(self._search_entered)
        filters.addWidget(self.search, 1)
        self.category = ComboBox()
        self.category.setMinimumWidth(200)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.category)
        self.show_filter = ComboBox()
        for text, code in ((_("Aktif"), "active"), (_("Nonaktif"), "inactive"), (_("Semua"), "all")):
            self.show_filter.addItem(text, code)
        self.show_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.show_filter)
        return filters

    def _product_buttons(self) -> QHBoxLayout:
        products = QHBoxLayout()
        self.add_button = role(QPushButton(_("Tambah barang… (Ins)")), "primary")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("Ubah… (Enter)"))
        self.edit_button.setToolTip(_("Enter atau klik dua kali pada barang"))
        self.edit_button.clicked.connect(self.edit)
        self.active_button = QPushButton(_("Nonaktifkan"))
        self.active_button.clicked.connect(self.toggle_active)
        self.delete_button = role(QPushButton(_("Hapus")), "danger")
        self.delete_button.setToolTip(_("Hanya barang yang belum pernah dijual atau masuk stok"))
        self.delete_button.clicked.connect(self.delete)
        for button in (self.add_button, self.edit_button, self.active_button, self.delete_button):
            products.addWidget(button)
        products.addStretch(1)
        return products

    def _tool_buttons(self) -> QHBoxLayout:
        self.tools = QHBoxLayout()
        self.bulk_button = QPushButton(_("Ubah harga massal…"))
        self.bulk_button.clicked.connect(self.bulk_price)
        self.categories_button = QPushButton(_("Kategori…"))
        self.categories_button.clicked.connect(self.edit_categories)
        self.tools.addWidget(self.bulk_button)
        self.tools.addWidget(self.categories_button)
        for text, tip, slot in (
            (_("Impor dari file…"), _("Barang dari CSV atau Excel, dengan template"), self.import_file),
            (_("Ekspor…"), _("Semua barang ke Excel atau CSV (format yang sama dengan impor)"), self.export),
            (
                _("Cetak label…"),
                _("Label harga dengan barcode: barang terpilih, penerimaan, atau semua"),
                self.labels,
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.tools.addWidget(button)
        self.posters_button = QPushButton(_("Poster promo…"))
        self.posters_button.setToolTip(_("Gambar promo barang terpilih untuk Facebook, Instagram, WhatsApp"))
        self.posters_button.clicked.connect(self.posters)
        self.price_list_button = QPushButton(_("Daftar harga…"))
        self.price_list_button.setToolTip(_("Daftar harga PDF dan gambar HP untuk katalog WhatsApp"))
        self.price_list_button.clicked.connect(self.price_list)
        self.tools.addWidget(self.posters_button)
        self.tools.addWidget(self.price_list_button)
        self.tools.addStretch(1)
        return self.tools

    def _table(self) -> QTableView:
        self.model = CatalogModel(catalog_columns(), self)
        self.table = QTableView()
        self.table.setModel(self.model)  # the product list sorts itself in the database
        setup_view(self.table, stretch=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(lambda _index: self.edit())  # Enter, double-click
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        return self.table

    def import_file(self) -> None:
        dialog = ProductImportDialog(self, self.user)
        if dialogs.run(dialog) and dialog.imported is not None:
            done = dialog.imported
            self.message.setText(
                _("Impor selesai: {added} barang baru, {updated} diubah, {moves} stok awal.").format(
                    added=done.added, updated=done.updated, moves=done.stock_moves
                )
            )
            self.refresh()

    def export(self) -> None:
        said = export_catalogue(self, self.user)
        if said:
            self.message.setText(said)

    def labels(self) -> None:
        from ui.catalog.labels_dialog import LabelsDialog  # reportlab's barcodes: loaded when labels are made

        dialogs.run(LabelsDialog(self, {pid: 1 for pid in self.selected_ids()}))

    def posters(self) -> None:
        from ui.customers.posters_dialog import PostersDialog  # Pillow is loaded when a poster is first made

        dialogs.run(PostersDialog(self, self.selected_ids()[:6]))

    def price_list(self) -> None:
        dialogs.run(PriceListDialog(self, self.category.currentData()))

    def add_tool(self, button: QPushButton) -> None:
        """Another catalogue tool (import/export, labels) in the second button row, before its stretch."""
        self.tools.insertWidget(self.tools.count() - 1, button)

    # --- the list ---
    def _categories(self) -> None:
        chosen = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(_("Semua kategori"), None)
        for c in catalog.categories():
            self.category.addItem(c.name if c.active else _("{name} (nonaktif)").format(name=c.name), c.id)
        self.category.setCurrentIndex(max(0, self.category.findData(chosen)))
        self.category.blockSignals(False)

    def refresh(self) -> None:
        self.timer.stop()
        self._categories()
        keep = self.selected_ids()
        current = self.table.currentIndex().row()
        order, descending = "name", False
        if self.model.sorted_by is not None:  # asked of the database once, already in the chosen order
            column, way = self.model.sorted_by
            order = self.model.columns[column].order or order
            descending = way == Qt.SortOrder.DescendingOrder
        rows = product_list.ProductList(
            self.search.text(),
            self.category.currentData(),
            self.show_filter.currentData() or "active",
            order,
            descending,
        )
        self.model.set_rows(rows)
        fit_once(self.table)
        self.summary.setText(_("{n} barang").format(n=display(len(rows), "number")))
        self._reselect(keep, current)
        self._selection_changed()

    def _reselect(self, ids: list[int], near: int) -> None:
        """After a refresh the changed product stays chosen (looked for around where it was)."""
        if not ids or near < 0:
            return
        rows = self.model.rows
        low, high = max(0, near - 200), min(len(rows), near + 200)
        for index in sorted(range(low, high), key=lambda i: abs(i - near)):
            if rows[index].product_id == ids[0]:
                self.table.selectRow(index)
                self.table.scrollTo(self.model.index(index, 0))
                return

    def _search_entered(self) -> None:
        """Enter in the search box (a scanned barcode): list now; a single match opens for editing."""
        self.refresh()
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
            self.edit()
        elif self.model.rowCount():
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self.message.setText(
                _("Tidak ada barang untuk “{text}”. Tambah barang… (Ins) untuk mendaftarkannya.").format(
                    text=self.search.text().strip()
                )
            )

    def selected_rows(self) -> list[Any]:
        return [self.model.row(i.row()) for i in sorted(self.table.selectionModel().selectedRows())]

    def selected_ids(self) -> list[int]:
        return [r.product_id for r in self.selected_rows()]

    def _selection_changed(self) -> None:
        rows = self.selected_rows()
        self.edit_button.setEnabled(len(rows) == 1)
        self.active_button.setEnabled(bool(rows))
        self.active_button.setText(_("Aktifkan") if rows and not rows[0].active else _("Nonaktifkan"))
        single = len(rows) == 1
        self.delete_button.setEnabled(single and not product_edit.has_history(rows[0].product_id))

    # --- actions ---
    def add(self) -> None:
        code = self.search.text().strip()
        looks_scanned = code.isascii() and code.isdigit() and len(code) >= 6 and self.model.rowCount() == 0
        dialog = ProductDialog(self, self.user, barcode=code if looks_scanned else "")
        if dialogs.run(dialog) and dialog.product is not None:  # the dialog announced it: the list is new
            if looks_scanned:
                self.search.clear()
            self.message.setText(_("{name} tersimpan.").format(name=dialog.product.name))

    def edit(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            self.message.setText(_("Pilih satu barang dulu."))
            return
        dialog = ProductDialog(self, self.user, rows[0].product_id)
        if dialogs.run(dialog) and dialog.product is not None:
            self.message.setText(_("{name} tersimpan.").format(name=dialog.product.name))
        self.table.setFocus()

    def toggle_active(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        active = not rows[0].active
        go_on, approver = products_approval(
            self, self.user, _("Aktifkan barang") if active else _("Nonaktifkan barang")
        )
        if not go_on:
            return
        done = 0
        for row in rows:
            if row.active == active:
                continue
            change = partial(product_edit.set_product_active, row.product_id, active, self.user, approver)
            if not self._ok(change):
                break
            done += 1
        if done:
            text = _("{n} barang diaktifkan.") if active else _("{n} barang dinonaktifkan.")
            self.message.setText(text.format(n=done))

    def delete(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        if product_edit.has_history(row.product_id):
            self.message.setText(
                _("{name} sudah punya riwayat, jadi tidak bisa dihapus. Nonaktifkan saja.").format(
                    name=row.name
                )
            )
            return
        if not dialogs.ask_yes_no(
            self,
            _("Hapus {name} ({sku}) selamanya? Barang ini belum pernah dijual.").format(
                name=row.name, sku=row.sku
            ),
        ):
            return
        go_on, approver = products_approval(self, self.user, _("Hapus barang"))
        if not go_on:
            return
        if self._ok(lambda: product_edit.delete_product(row.product_id, self.user, approver)):
            self.message.setText(_("{name} dihapus.").format(name=row.name))

    def bulk_price(self) -> None:
        dialog = BulkPriceDialog(self, self.user, self.selected_ids(), self.category.currentData())
        if dialogs.run(dialog):
            self.message.setText(_("{n} harga diubah.").format(n=len(dialog.changed)))

    def edit_categories(self) -> None:
        dialogs.run(CategoriesDialog(self, self.user))

    def _ok(self, action: Callable[[], object]) -> bool:
        """Call a service; a refusal is shown and False returned."""
        try:
            action()
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return False
        return True
