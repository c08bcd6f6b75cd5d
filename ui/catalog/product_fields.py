"""Fields of the product form that hold more than one widget: a whole number with its unit, and the
product's barcodes (scanned in one by one, or a store code made for goods without one)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QIntValidator, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos.core import barcodes
from pos.core.errors import InvalidBarcode, PosError
from pos.core.i18n import _
from ui.theme import role

_LONG_RUN = re.compile(r"(\S{16})(?=\S)")


def breakable(text: str) -> str:
    """`text` with a zero-width space after every 16 characters of an unbroken run (a mistyped 50-digit
    code): a word-wrapped label breaks it there instead of growing wider than the form."""
    return _LONG_RUN.sub("\\1\u200b", text)


class NumberEdit(QWidget):
    """A whole number 0..`top` typed in a small field, with its unit after it ('365 hari')."""

    def __init__(self, top: int, unit: str = "") -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setValidator(QIntValidator(0, top, self.edit))
        self.edit.setPlaceholderText("0")
        self.edit.setFixedWidth(80)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.edit)
        if unit:
            layout.addWidget(QLabel(unit))
        self.textChanged = self.edit.textChanged

    def value(self) -> int:
        text = self.edit.text().strip()
        return int(text) if text.isdigit() else 0

    def setValue(self, value: int) -> None:  # noqa: N802 - like QSpinBox
        self.edit.setText(str(value) if value else "")


class BarcodeBox(QGroupBox):
    """Barcode: a code scanned or typed is checked and listed (Enter adds it); "Buat barcode toko" makes the
    shop's own EAN-13; one can be taken out. What happened is said under the list."""

    def __init__(self) -> None:
        super().__init__(_("Barcode"))
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setMaxLength(barcodes.MAX_LENGTH + 10)
        self.scan.setPlaceholderText(_("Scan atau ketik, lalu Enter"))
        self.scan.returnPressed.connect(self.add_code)
        row.addWidget(self.scan, 1)
        add = QPushButton(_("Tambah"))
        add.clicked.connect(self.add_code)
        row.addWidget(add)
        layout.addLayout(row)
        self.codes = QListWidget()
        self.codes.setMaximumHeight(84)
        layout.addWidget(self.codes)
        row = QHBoxLayout()
        self.store_code = QPushButton(_("Buat barcode toko"))
        self.store_code.setToolTip(_("Untuk barang tanpa barcode: kode EAN-13 toko sendiri (awalan 20)"))
        self.store_code.clicked.connect(self.add_store_code)
        row.addWidget(self.store_code)
        self.remove_code = QPushButton(_("Hapus barcode"))
        self.remove_code.clicked.connect(self.drop_code)
        row.addWidget(self.remove_code)
        row.addStretch(1)
        layout.addLayout(row)
        self.code_message = role(QLabel(""), "muted")
        self.code_message.setWordWrap(True)
        layout.addWidget(self.code_message)

    def set_codes(self, codes: list[str]) -> None:
        self.codes.clear()
        for code in codes:
            self.codes.addItem(code)

    def listed(self) -> list[str]:
        return [self.codes.item(i).text() for i in range(self.codes.count())]

    def add_code(self) -> None:
        text = self.scan.text()
        if not text.strip():
            return
        try:
            code = barcodes.check_barcode(text)
        except InvalidBarcode as exc:
            self._said(exc.text, error=True)
            self.scan.selectAll()
            return
        if code in self.listed():
            self._said(_("Barcode {code} sudah ada di daftar.").format(code=code), error=True)
        else:
            self.codes.addItem(code)
            self._said(_("Barcode {code} ditambahkan.").format(code=code))
        self.scan.clear()
        self.scan.setFocus()

    def add_store_code(self) -> None:
        prefix = barcodes.scale_layout().store_prefix
        own = [c for c in self.listed() if c.startswith(prefix) and len(c) == 13]
        if own:
            self._said(_("Barang ini sudah punya barcode toko {code}.").format(code=own[0]), error=True)
            return
        try:
            code = barcodes.next_store_code()
        except PosError as exc:
            self._said(exc.text, error=True)
            return
        self.codes.addItem(code)
        self._said(_("Barcode toko {code} ditambahkan; cetak labelnya nanti.").format(code=code))

    def drop_code(self) -> None:
        row = self.codes.currentRow()
        if row < 0:
            self._said(_("Pilih barcode yang dihapus."), error=True)
            return
        self.codes.takeItem(row)
        self._said("")

    def _said(self, text: str, error: bool = False) -> None:
        """Say what happened under the list, wrapped to the box's width (never wider), and scroll the form
        to it when the form is taller than the window: the message is read, not clipped."""
        self.code_message.setText(breakable(text))
        self.code_message.setStyleSheet("color: #b3261e; font-weight: 600;" if error else "")
        self._keep_lines()
        if text:
            QTimer.singleShot(0, self._show_message)  # once the layout has the message's new height

    def _keep_lines(self) -> None:
        """The message asks for the height of the lines it wraps to: a form in a scroll area would
        otherwise squeeze it to its first line."""
        label = self.code_message
        wraps = bool(label.text()) and label.width() > 0
        label.setMinimumHeight(label.heightForWidth(label.width()) if wraps else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._keep_lines()  # narrower: more lines; wider: fewer

    def _show_message(self) -> None:
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and self.code_message.isVisible():
            for _pass in range(3):  # the box, the form, the scroll area: each lays out on its own request
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            parent.ensureWidgetVisible(self.code_message, 0, 12)
