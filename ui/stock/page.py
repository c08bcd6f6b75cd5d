"""Stok: what is on the shelf and what it is worth, low stock, what expires soon, what to buy; receiving
goods, counting, waste, recipes and production (dialogs in ui.stock.dialogs)."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QBrush, QColor, QDesktopServices, QFontMetricsF
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import settings
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.core.text import qty_text
from pos.stock import lookups, stock, stock_list
from receipts.order_pdf import order_pdf
from ui.stock.dialogs import (
    OpnameDialog,
    ProductionDialog,
    RecipeDialog,
    RestockDialog,
    WasteDialog,
)
from ui.theme import role
from ui.widgets import dialogs, files
from ui.widgets.boxes import ComboBox, SpinBox
from ui.widgets.page import ListPage
from ui.widgets.table import Column, RowsModel, setup_view

# Tests replace this to see the link instead of a browser opening.
open_url = QDesktopServices.openUrl


class StockModel(RowsModel):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.rows[index.row()].low:
            return QBrush(QColor("#b3261e"))
        return super().data(index, role)


def fit_columns(table: QTableView, rows: int = 40) -> None:
    """Size the columns to the header and the first `rows` rows' text, once (like ui.widgets.table's
    fit_once), measured here with the view's font: Qt's own measure asks the model ten roles for every
    cell, thousands of calls into Python for Stok's first screen. The room around a cell's text is taken
    from Qt's measure of one cell."""
    model = table.model()
    if getattr(table, "_fitted", False) or not model.rowCount():
        return
    header = table.horizontalHeader()
    metrics = QFontMetricsF(table.font())  # fractional widths, rounded up as Qt lays text out
    first = model.index(0, 0)
    option = QStyleOptionViewItem()
    option.initFrom(table)
    option.font = table.font()  # as the view paints its cells (initFrom leaves the application's)
    option.widget = table  # the style sheet's padding of the view's cells
    text = str(model.data(first) or "")
    room = table.itemDelegate().sizeHint(option, first).width() - math.ceil(metrics.horizontalAdvance(text))
    room += 1 if table.showGrid() else 0
    shown = range(min(rows, model.rowCount()))
    modes = [header.sectionResizeMode(column) for column in range(header.count())]
    widths = {
        column: max(
            [header.sectionSizeHint(column)]
            + [
                math.ceil(metrics.horizontalAdvance(str(model.data(model.index(r, column)) or ""))) + room
                for r in shown
            ]
        )
        for column, mode in enumerate(modes)
        if mode == QHeaderView.ResizeMode.ResizeToContents
    }
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # all at once: no column measured by Qt
    for column, mode in enumerate(modes):
        if mode == QHeaderView.ResizeMode.Stretch:
            header.setSectionResizeMode(column, mode)
    for column, width in widths.items():
        header.resizeSection(column, width)
    table._fitted = True  # type: ignore[attr-defined]


class ExpiringDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Segera kedaluwarsa"))
        self.setMinimumSize(720, 440)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Kedaluwarsa dalam")))
        self.days = SpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(7)
        self.days.valueChanged.connect(lambda _v: self.refresh())
        row.addWidget(self.days)
        row.addWidget(QLabel(_("hari")))
        row.addStretch(1)
        layout.addLayout(row)
        self.model = RowsModel(
            [
                Column(_("Kedaluwarsa"), lambda b: b.expires_on, "date"),
                Column(_("Barang"), lambda b: b.name),
                Column(_("Sisa"), lambda b: f"{qty_text(b.qty_left)} {b.unit}"),
                Column(_("Nilai"), lambda b: b.value, "rupiah"),
                Column(_("Status"), lambda b: _("sudah lewat") if b.expired else ""),
            ],
            self,
        )
        table = QTableView()
        table.setModel(self.model)
        setup_view(table, stretch=1)
        layout.addWidget(table, 1)
        self.message = role(QLabel(""), "muted")
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.write_off = role(QPushButton(_("Buang semua yang sudah kedaluwarsa")), "primary")
        self.write_off.clicked.connect(self.write_off_expired)
        buttons.addWidget(self.write_off)
        dialogs.close_at_right(self, buttons)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        rows = stock_list.expiring(self.days.value())
        self.model.set_rows(rows)
        self.write_off.setEnabled(any(b.expired for b in rows))

    def write_off_expired(self) -> None:
        gone = dialogs.run_service(self, lambda: stock.write_off_expired(self.user))
        if gone is not None:
            self.message.setText(
                _("Dibuang: {items}").format(items=", ".join(f"{n} {qty_text(q)}" for n, q in gone))  # type: ignore[attr-defined]
            )
            self.refresh()


class SuggestionDialog(QDialog):
    """What to buy now, by supplier: save as PDF-ready text or send it on WhatsApp."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Saran belanja"))
        self.setMinimumSize(820, 480)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Pemakaian rata-rata")))
        self.history = SpinBox()
        self.history.setRange(7, 180)
        self.history.setValue(28)
        row.addWidget(self.history)
        row.addWidget(QLabel(_("hari terakhir; cukup untuk")))
        self.cover = SpinBox()
        self.cover.setRange(1, 60)
        self.cover.setValue(7)
        row.addWidget(self.cover)
        row.addWidget(QLabel(_("hari setelah barang datang")))
        row.addStretch(1)
        for spin in (self.history, self.cover):
            spin.valueChanged.connect(lambda _v: self.refresh())
        layout.addLayout(row)
        self.model = RowsModel(
            [
                Column(_("Pemasok"), lambda s: s.supplier or _("(belum ada)")),
                Column(_("Barang"), lambda s: s.name),
                Column(_("Stok"), lambda s: f"{qty_text(s.on_hand)} {s.unit}"),
                Column(_("Pakai/hari"), lambda s: qty_text(s.daily_use)),
                Column(_("Lama kirim"), lambda s: s.lead_days, "number"),
                Column(_("Beli"), lambda s: f"{qty_text(s.buy)} {s.unit}"),
                Column(_("Perkiraan biaya"), lambda s: s.cost, "rupiah"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=1)
        layout.addWidget(self.table, 1)
        self.total = role(QLabel(""), "title")
        layout.addWidget(self.total)
        buttons = QHBoxLayout()
        self.whatsapp = role(QPushButton(_("Kirim ke pemasok (WhatsApp)")), "primary")
        self.whatsapp.clicked.connect(self.send)
        buttons.addWidget(self.whatsapp)
        pdf = QPushButton(_("Simpan PDF…"))
        pdf.clicked.connect(self.save_pdf)
        buttons.addWidget(pdf)
        dialogs.close_at_right(self, buttons)
        layout.addLayout(buttons)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.refresh()

    def refresh(self) -> None:
        self.rows = stock_list.suggestions(self.history.value(), self.cover.value())
        self.model.set_rows(self.rows)
        self.total.setText(
            _("{n} barang, perkiraan {total}").format(
                n=len(self.rows), total=format_rupiah(sum(s.cost for s in self.rows))
            )
        )

    def send(self) -> None:
        """One WhatsApp per supplier with a number (the selected row's supplier, else the first)."""
        picked = self.table.selectionModel().selectedRows()
        chosen = self.rows[picked[0].row()] if picked else next((s for s in self.rows if s.supplier_id), None)
        supplier = lookups.supplier(chosen.supplier_id) if chosen is not None else None
        if supplier is None:
            self.message.setText(_("Pilih barang yang pemasoknya punya nomor WhatsApp."))
            return
        if not supplier.phone:
            self.message.setText(_("{name} belum punya nomor WhatsApp.").format(name=supplier.name))
            return
        items = [s for s in self.rows if s.supplier_id == supplier.id]
        text = stock_list.supplier_message(str(settings.get("shop_name") or "Kasir"), items)
        try:
            link = stock_list.supplier_link(supplier.phone, text)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        open_url(QUrl(link))
        self.message.setText(
            _("WhatsApp dibuka untuk {name} ({n} barang).").format(name=supplier.name, n=len(items))
        )

    def save_pdf(self) -> None:
        path = files.ask_save(self, _("Simpan saran belanja"), "saran_belanja.pdf", "PDF (*.pdf)")
        if not path:
            return
        groups: dict[str, list[Any]] = defaultdict(list)
        for s in self.rows:
            groups[s.supplier or _("(belum ada pemasok)")].append(s)
        try:
            order_pdf(str(settings.get("shop_name") or "Kasir"), groups, path)
        except OSError as exc:
            dialogs.show_error(self, _("File tidak bisa disimpan: {why}").format(why=exc.strerror or exc))
            return
        self.message.setText(_("Disimpan: {path}").format(path=path))


class StockPage(ListPage):
    key = "stock"
    permission = "stock"
    watches = ("stock", "sale", "product")

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, _("Stok"), _("Cari nama barang atau SKU"))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        self.filter = ComboBox()
        self.filter.addItem(_("Semua barang"), "all")
        self.filter.addItem(_("Di bawah batas stok"), "low")
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        row.addWidget(self.filter)
        actions = QHBoxLayout()
        for text, slot in (
            (_("Terima barang…"), self.restock),
            (_("Stok opname…"), self.opname),
            (_("Barang rusak…"), self.waste),
            (_("Segera kedaluwarsa…"), self.expiring),
            (_("Saran belanja…"), self.suggest),
            (_("Resep…"), self.recipe),
            (_("Produksi…"), self.produce),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        self.model = StockModel(
            [
                Column(_("SKU"), lambda r: r.sku, order="sku"),
                Column(_("Barang"), lambda r: r.name, order="name"),
                Column(_("Kategori"), lambda r: r.category, order="category"),
                Column(_("Stok"), lambda r: r.on_hand, "number", order="on_hand"),
                Column(_("Satuan"), lambda r: r.unit, order="unit"),
                Column(_("Batas"), lambda r: r.reorder_level, "number", order="reorder_level"),
                Column(_("HPP"), lambda r: r.cost, "rupiah", order="cost"),
                Column(_("Nilai"), lambda r: r.value, "rupiah", order="value"),
                Column(_("Kedaluwarsa terdekat"), lambda r: r.next_expiry, "date", order="next_expiry"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)  # the stock list sorts itself in the database
        setup_view(self.table, stretch=1)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.lay_out([row, actions], self.table)

    def refresh(self) -> None:
        """The list first; the stock value (a sum over every listed product) right after the screen
        shows, so a big shop's Stok opens without waiting for it."""
        rows = stock_list.listing(self.search.text(), only_low=self.filter.currentData() == "low")
        self.model.set_rows(rows)
        fit_columns(self.table)
        figures = (len(rows), stock_list.low_count(), stock_list.expiring_count(7))
        self._summary(*figures, "…")
        QTimer.singleShot(
            0, lambda: self.model.rows is rows and self._summary(*figures, format_rupiah(rows.value()))
        )

    def _summary(self, n: int, low: int, soon: int, value: str) -> None:
        self.summary.setText(
            _(
                "{n} barang · nilai stok {value} · {low} di bawah batas · {soon} batch segera kedaluwarsa"
            ).format(n=n, value=value, low=low, soon=soon)
        )

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()).product_id if rows else None

    def _run(self, dialog: QDialog, done: str) -> None:
        if dialogs.run(dialog):
            self.message.setText(done)
            self.refresh()

    def restock(self) -> None:
        self._run(RestockDialog(self, self.user), _("Penerimaan barang tersimpan."))

    def opname(self) -> None:
        dialog = OpnameDialog(self, self.user)
        if dialogs.run(dialog):
            self.message.setText(_("Stok opname tersimpan: {n} penyesuaian.").format(n=len(dialog.changes)))
            self.refresh()

    def waste(self) -> None:
        self._run(WasteDialog(self, self.user, self.selected_id()), _("Barang rusak dicatat."))

    def expiring(self) -> None:
        dialogs.run(ExpiringDialog(self, self.user))
        self.refresh()

    def suggest(self) -> None:
        dialogs.run(SuggestionDialog(self))

    def recipe(self) -> None:
        self._run(RecipeDialog(self, self.user, self.selected_id()), _("Resep tersimpan."))

    def produce(self) -> None:
        self._run(ProductionDialog(self, self.user, self.selected_id()), _("Produksi dicatat."))
