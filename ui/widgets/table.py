"""A read-only table model over a list of rows, with typed columns (text, rupiah, number, date)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from pos.core.money import format_rupiah
from pos.core.text import qty_text

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    get: Callable[[Any], Any]
    kind: str = "text"  # text | rupiah | number | date | datetime
    order: str = ""  # for rows that sort themselves (order_by, e.g. the stock list): the key to ask for


def display(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, Decimal):  # quantities: 2,5 kg, 12 pcs
        return qty_text(value)
    if kind == "rupiah":
        return format_rupiah(int(value))
    if kind == "number":
        return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)
    if kind == "datetime" and isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if kind in ("date", "datetime") and isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None  # set when the view sorts the model

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show `rows`: a list (copied), or a sequence that reads its rows as they are shown and sorts
        itself in the database (it has `order_by`; kept as it is)."""
        self.beginResetModel()
        self.rows = rows if hasattr(rows, "order_by") else list(rows)  # type: ignore[assignment]
        self.endResetModel()
        if self.sorted_by is not None:  # new rows keep the order the user chose
            self.sort(*self.sorted_by)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.get(self.rows[index.row()]), column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("rupiah", "number"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            value = column.get(self.rows[index.row()])
            return float(value) if isinstance(value, Decimal) else value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None

    def row(self, index: int) -> Any:
        return self.rows[index]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python (one key per row; missing values last). A QSortFilterProxyModel asks
        data() for every comparison — seconds for the 50.000 products of a big shop; this asks once a row."""
        if not 0 <= column < len(self.columns):  # no column: the rows keep the order they came in
            self.sorted_by = None
            return
        get = self.columns[column].get
        reverse = order == Qt.SortOrder.DescendingOrder

        def key(row: Any) -> tuple[bool, Any]:
            value = get(row)
            if value is None:
                return not reverse, 0  # last, either way
            return reverse, value.casefold() if isinstance(value, str) else value

        self.sorted_by = (column, order)
        if hasattr(self.rows, "order_by"):  # the rows sort themselves in the database
            if self.columns[column].order:
                self.layoutAboutToBeChanged.emit()
                self.rows.order_by(self.columns[column].order, reverse)
                self.layoutChanged.emit()
            return
        self.layoutAboutToBeChanged.emit()
        try:
            self.rows.sort(key=key, reverse=reverse)
        except TypeError:  # mixed types in one column: compare as text
            self.rows.sort(key=lambda r: ((get(r) is None) != reverse, str(get(r))), reverse=reverse)
        self.layoutChanged.emit()


def fit_once(table: QTableView) -> None:
    """Size the columns to what the first rows hold, once, then leave them as they are: a long list that
    is read again after every change (Stok, Barang) is not measured again on every reset (measuring 200
    rows of a 50.000-product list each time cost more than reading it)."""
    header = table.horizontalHeader()
    if getattr(table, "_fitted", False) or not table.model().rowCount():
        return
    header.setResizeContentsPrecision(40)
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents:
            table.resizeColumnToContents(column)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table._fitted = True  # type: ignore[attr-defined]


def setup_view(table: QTableView, stretch: int = 0) -> None:
    """Rows selected whole, no row numbers, every column as wide as its content but one that stretches."""
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(200)  # widths from the first rows, not a thousand of them
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def sorted_view(model: RowsModel, stretch: int = 0) -> tuple[QTableView, QSortFilterProxyModel]:
    """A table (setup_view) that a click on a header sorts on screen by the model's UserRole values
    (rupiah, numbers and dates as such, not as text), and the proxy between them."""
    table = QTableView()
    proxy = QSortFilterProxyModel(table)
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    table.setModel(proxy)
    setup_view(table, stretch)
    return table, proxy
