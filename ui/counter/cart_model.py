"""The counter's cart as a table: Barang, Jml, Harga, Diskon, Total. Reads the pos Cart and its Quote."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from pos.core.cart import Cart
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.text import qty_text
from pos.counter.pricing import Quote

Index = QModelIndex | QPersistentModelIndex


class CartModel(QAbstractTableModel):
    COLUMNS = (N_("Barang"), N_("Jml"), N_("Harga"), N_("Diskon"), N_("Total"))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.cart = Cart()
        self.quote = Quote()
        self.rows = 0  # rows the view knows about

    def set_cart(self, cart: Cart, quote: Quote) -> None:
        """Show `cart`; a scan appends one row and refreshes the others with dataChanged, not a reset."""
        new = len(cart.lines)
        if cart is not self.cart or new < self.rows:
            self.beginResetModel()
            self.cart, self.quote, self.rows = cart, quote, new
            self.endResetModel()
            return
        if new > self.rows:
            self.beginInsertRows(QModelIndex(), self.rows, new - 1)
            self.quote, self.rows = quote, new
            self.endInsertRows()
        self.quote = quote
        if new:
            self.dataChanged.emit(self.index(0, 0), self.index(new - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= min(self.rows, len(self.cart.lines)):
            return None
        line = self.cart.lines[index.row()]
        quote = self.quote.lines[index.row()] if index.row() < len(self.quote.lines) else None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                extra = [x for x in (line.note, line.serial_number and f"SN {line.serial_number}") if x]
                return line.name + (" · " + " · ".join(extra) if extra else "")
            if col == 1:
                return qty_text(line.qty)
            if col == 2:
                return _("gratis") if line.reward else format_rupiah(line.unit_price)
            if col == 3:
                return format_rupiah(-quote.discount) if quote and quote.discount else ""
            if col == 4:
                return format_rupiah(quote.net) if quote else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col == 4:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and line.reward:
            return QColor("#1b6b3a")
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and line.unit_price != line.list_price:
            return QColor("#b3261e")
        if role == Qt.ItemDataRole.ToolTipRole and line.reason:
            return line.reason
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(self.COLUMNS[section])
        return None
