"""Impor barang: a CSV or XLSX file, its columns matched to Kasir's fields (guessed, changeable by hand),
a preview of every row with its problem, then one import that writes every row or none. Also the
template to fill in and the whole catalogue exported in the same layout."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QWidget,
)

from pos.catalog import product_columns, product_export, product_import
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from ui.catalog.product_dialog import products_approval
from ui.widgets import files
from ui.widgets.boxes import ComboBox
from ui.widgets.import_dialog import ImportDialog
from ui.widgets.table import Column, RowsModel, setup_view

FILTERS = "Spreadsheet (*.xlsx *.csv *.txt);;Excel (*.xlsx);;CSV (*.csv *.txt)"
ACTIONS = {"new": "baru", "update": "diubah", "unchanged": "sama", "error": "MASALAH"}


class PreviewModel(RowsModel):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and self.rows[index.row()].problems:
            return QBrush(QColor("#b3261e"))
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():  # a long problem, whole
            return "\n".join(self.rows[index.row()].problems) or None
        return super().data(index, role)


def _price(row: product_import.ImportRow) -> str:
    value = row.values.get("price")
    return format_rupiah(value) if isinstance(value, int) else ""


class ProductImportDialog(ImportDialog):
    """`imported` holds the ImportResult after a successful import."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(
            parent,
            user,
            _("Impor barang dari file"),
            _(
                "File CSV atau Excel (.xlsx): satu baris satu barang, baris pertama judul kolom. Nama "
                "kolom bahasa Indonesia atau Inggris dikenali (juga ekspor Loyverse). Belum punya? "
                "Unduh template, isi di Excel, lalu pilih di sini."
            ),
            choose_title=_("Pilih file barang"),
            filters=FILTERS,
        )
        self.shown: product_import.ImportPreview | None = None
        self.imported: product_import.ImportResult | None = None
        self.setMinimumSize(940, 560)
        self.resize(1120, 640)  # the problems column readable; fits a 1366×768 screen
        template = QPushButton(_("Unduh template…"))
        template.clicked.connect(self.save_template)
        self.top.addWidget(template)
        mode = QHBoxLayout()
        self.add_only = QRadioButton(_("Hanya tambah barang baru"))
        self.update = QRadioButton(
            _("Tambah baru dan ubah yang sudah ada (dicocokkan lewat SKU, barcode atau nama)")
        )
        self.add_only.setChecked(True)
        for button in (self.add_only, self.update):
            button.toggled.connect(lambda on: on and self.reload())
            mode.addWidget(button)
        mode.addStretch(1)
        self.layout_.addLayout(mode)
        body = QHBoxLayout()
        self.mapping_box = QWidget()
        self.mapping = QFormLayout(self.mapping_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        scroll.setFixedWidth(330)
        body.addWidget(scroll)
        self.model = PreviewModel(
            [
                Column(_("Baris"), lambda r: r.line, "number"),
                Column(_("Status"), lambda r: _(ACTIONS[r.action])),
                Column(_("SKU"), lambda r: r.values.get("sku") or r.cells.get("sku", "")),
                Column(_("Nama"), lambda r: r.values.get("name") or r.cells.get("name", "")),
                Column(_("Harga"), _price),
                Column(_("Stok"), lambda r: r.stock),
                Column(_("Masalah"), lambda r: "; ".join(r.problems)),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=6)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        body.addWidget(self.table, 1)
        self.finish(body)
        self.combos: dict[int, QComboBox] = {}

    # --- the file ---
    def open_file(self, path: str, columns: dict[int, str] | None = None) -> None:
        self.path = path
        self.file_label.setText(path)
        self.combos = {}
        self._load(columns)

    def reload(self) -> None:
        if self.path:
            self._load({i: c.currentData() for i, c in self.combos.items() if c.currentData()})

    def _load(self, columns: dict[int, str] | None) -> None:
        self.ok.setEnabled(False)
        self.message.setText("")
        path, update = self.path, self.update.isChecked()
        self.read(lambda: product_import.preview(path, columns, update))

    def _previewed(self, shown: object) -> None:
        assert isinstance(shown, product_import.ImportPreview)
        self.shown = shown
        if not self.combos:
            self._mapping(shown)
        self.model.set_rows(shown.rows)
        bad = len(shown.problems)
        self.summary.setText(shown.summary())
        if shown.missing:
            self.message.setText("\n".join(shown.missing))
        elif bad:
            first = next(r for r in shown.rows if r.problems)  # named whole: the column cuts long ones
            self.message.setText(
                _("{n} masalah — perbaiki file atau pilih kolom yang benar. Belum ada yang ditulis.").format(
                    n=bad
                )
                + "\n"
                + _("Baris {line}: {problems}").format(line=first.line, problems="; ".join(first.problems))
            )
        todo = shown.count("new") + shown.count("update")
        self.ok.setText(_("Impor {n} barang").format(n=todo))
        self.ok.setEnabled(bad == 0 and todo > 0)

    def _row_chosen(self, current: Any, _previous: Any) -> None:
        """A row with a problem, chosen: its problems whole on the message line."""
        if not current.isValid() or current.row() >= len(self.model.rows):
            return
        row = self.model.rows[current.row()]
        if row.problems:
            self.message.setText(
                _("Baris {line}: {problems}").format(line=row.line, problems="; ".join(row.problems))
            )

    def _mapping(self, shown: product_import.ImportPreview) -> None:
        while self.mapping.rowCount():
            self.mapping.removeRow(0)
        choices = [("", _("(abaikan)"))] + [(k, _(v)) for k, v in product_columns.LABELS.items()]
        for index, header in enumerate(shown.headers):
            combo = ComboBox()
            for key, text in choices:
                combo.addItem(text, key)
            combo.setCurrentIndex(max(0, combo.findData(shown.columns.get(index, ""))))
            combo.currentIndexChanged.connect(lambda _i: self.reload())
            label = QLabel(header or _("(tanpa judul)"))
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.mapping.addRow(label, combo)
            self.combos[index] = combo

    # --- writing ---
    def run_import(self) -> None:
        shown = self.shown
        if shown is None:
            return
        go_on, approver = products_approval(self, self.user, _("Impor barang butuh PIN pemilik"))
        if go_on:
            self.write(
                lambda: product_import.apply(shown, self.user, approver),
                lambda: self.summary.setText(shown.summary()),
            )

    def save_template(self) -> None:
        path = files.ask_save(self, _("Simpan template"), "template-barang-kasir.xlsx", FILTERS)
        if not path:
            return
        try:
            product_export.template(path)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.summary.setText(_("Template disimpan: {path}").format(path=path))


def export_catalogue(parent: QWidget | None, user: User) -> str:
    """Save every product in the import layout (`user` needs the 'exports' permission); returns the message
    to show ('' when cancelled)."""
    path = files.ask_save(parent, _("Ekspor barang"), "barang-kasir.xlsx", FILTERS)
    if not path:
        return ""
    try:
        count = product_export.export(path, user)
    except PosError as exc:
        return exc.text
    return _("{n} barang diekspor ke {path}").format(n=count, path=path)
