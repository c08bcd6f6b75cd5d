"""Cetak label harga: chosen products with how many labels each, the items of a restock, or the whole
catalogue; on an A4 sticker sheet or a 58 mm label roll; saved as a PDF and opened for printing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import labels, product_list
from pos.core import settings
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from receipts.labels import LAYOUTS, labels_pdf, layout_names
from ui.catalog.product_dialog import NumberEdit
from ui.theme import role
from ui.widgets import dialogs, files
from ui.widgets.boxes import ComboBox

# Tests replace this to see the file instead of a viewer opening.
open_url = QDesktopServices.openUrl


class LabelsDialog(QDialog):
    """`counts` (product id -> labels) is what 'Barang pilihan' prints; `saved` the last PDF written."""

    def __init__(self, parent: QWidget | None, counts: dict[int, int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Cetak label harga"))
        self.setMinimumSize(860, 540)
        self.counts: dict[int, int] = {}
        self.edits: dict[int, NumberEdit] = {}
        self.names: dict[int, tuple[str, int]] = {}
        self.saved = ""
        layout = QVBoxLayout(self)
        source = QHBoxLayout()
        self.chosen = QRadioButton(_("Barang pilihan"))
        self.restock = QRadioButton(_("Barang dari penerimaan:"))
        self.everything = QRadioButton(_("Semua barang"))
        self.everything.setToolTip(_("Semua barang aktif (1 label tiap barang)"))
        self.chosen.setChecked(True)
        self.purchases = ComboBox()
        for p in labels.recent_purchases():
            when = p.received_at.strftime("%d-%m-%Y %H:%M") if p.received_at else ""
            text = _("#{n} {when} {supplier} ({lines} barang)").format(
                n=p.purchase_id, when=when, supplier=p.supplier, lines=p.lines
            )
            self.purchases.addItem(text, p.purchase_id)
        if not self.purchases.count():
            self.restock.setEnabled(False)
            self.purchases.setEnabled(False)
        for widget in (self.chosen, self.restock, self.purchases, self.everything):
            source.addWidget(widget)
        source.addStretch(1)
        layout.addLayout(source)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari barang (nama, SKU atau scan barcode) lalu Enter"))
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        self.results = QListWidget()
        left.addWidget(self.results, 1)
        body.addLayout(left, 2)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Barang"), _("Harga"), _("Jumlah label")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 130)
        self.table.verticalHeader().setDefaultSectionSize(40)
        self.table.verticalHeader().hide()
        body.addWidget(self.table, 3)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(_("Kertas:")))
        self.layout_box = ComboBox()
        for key, name in layout_names():
            self.layout_box.addItem(name, key)
        bottom.addWidget(self.layout_box)
        self.total = role(QLabel(""), "muted")
        bottom.addWidget(self.total, 1)
        remove = QPushButton(_("Hapus baris"))
        remove.clicked.connect(self.remove_selected)
        bottom.addWidget(remove)
        layout.addLayout(bottom)
        self.message = dialogs.message_line(layout)
        buttons, self.ok = dialogs.close_and_primary(self, _("Simpan PDF dan buka untuk dicetak…"), self.save)
        layout.addLayout(buttons)
        self.timer = dialogs.debounced(self, 150, self.find)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self.add_first)
        self.results.itemActivated.connect(self.add_item)
        self.layout_box.currentIndexChanged.connect(lambda _i: self._total())
        for pid, n in (counts or {}).items():
            self.add(pid, n)
        self._total()
        self.search.setFocus()

    # --- choosing ---
    def find(self) -> None:
        self.results.clear()
        for row in product_list.listing(self.search.text())[:30]:
            item = QListWidgetItem(f"{row.name} · {format_rupiah(row.price)}")
            item.setData(Qt.ItemDataRole.UserRole, (row.product_id, row.name, row.price))
            self.results.addItem(item)

    def add_first(self) -> None:
        self.timer.stop()
        self.find()
        if self.results.count():
            self.add_item(self.results.item(0))
            self.search.clear()

    def add_item(self, item: QListWidgetItem) -> None:
        pid, name, price = item.data(Qt.ItemDataRole.UserRole)
        self.names[pid] = (name, price)
        self.add(pid, 1)

    def add(self, product_id: int, count: int) -> None:
        """One more product (or `count` more labels of one already listed)."""
        if product_id not in self.names:
            row = next(iter(labels.items_for({product_id: 1})), None)
            if row is None:
                return
            self.names[product_id] = (row.name, row.price)
        listed = product_id in self.counts
        self.counts[product_id] = min(labels.MAX_LABELS, self.counts.get(product_id, 0) + count)
        self.chosen.setChecked(True)
        if listed:  # its row is there: only the number changes
            self.edits[product_id].setValue(self.counts[product_id])
        else:
            self._append(product_id)
        self._total()

    def _append(self, product_id: int) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        name, price = self.names[product_id]
        self.table.setItem(index, 0, QTableWidgetItem(name))
        self.table.setItem(index, 1, QTableWidgetItem(format_rupiah(price)))
        edit = self.edits[product_id] = NumberEdit(labels.MAX_LABELS)
        edit.setValue(self.counts[product_id])
        edit.textChanged.connect(lambda _text, pid=product_id: self._count(pid, self.edits[pid].value()))
        self.table.setCellWidget(index, 2, edit)

    def _count(self, product_id: int, value: int) -> None:
        self.counts[product_id] = value
        self._total()

    def remove_selected(self) -> None:
        ids = list(self.counts)
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.counts.pop(ids[row], None)
            self.edits.pop(ids[row], None)
            self.table.removeRow(row)
        self._total()

    def _total(self) -> None:
        n = sum(self.counts.values())
        spec = LAYOUTS[self.layout_box.currentData()]
        self.total.setText(
            _("{n} label pilihan · {per} label per lembar").format(n=n, per=spec.per_page) if n else ""
        )

    # --- printing ---
    def items(self) -> list[labels.LabelItem]:
        if self.everything.isChecked():
            return labels.items_for_all()
        if self.restock.isChecked():
            return labels.items_for_purchase(int(self.purchases.currentData()))
        return labels.items_for(self.counts)

    def save(self) -> None:
        self.message.setText("")
        try:
            items = self.items()
            data = labels_pdf(items, self.layout_box.currentData(), str(settings.get("shop_name") or ""))
        except PosError as exc:
            self.message.setText(exc.text)
            return
        path = files.ask_save(self, _("Simpan label"), "label-harga.pdf", "PDF (*.pdf)")
        if not path:
            return
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            self.message.setText(_("File tidak bisa disimpan: {why}").format(why=exc.strerror or exc))
            return
        self.saved = path
        self.total.setText(_("{n} label disimpan: {path}").format(n=len(items), path=path))
        open_url(QUrl.fromLocalFile(path))
