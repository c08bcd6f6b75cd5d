"""The table model sorts itself: by any column, missing values last, and new rows keep the chosen order."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ui.widgets.table import Column, RowsModel


def test_rows_sort_by_the_clicked_column_and_keep_the_order_on_refresh(qtbot):
    model = RowsModel([Column("Barang", lambda r: r[0]), Column("Stok", lambda r: r[1], "number")])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)
    model.set_rows([("teh", 5), ("Beras", None), ("aqua", 12), ("mie", 0)])
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [r[0] for r in model.rows] == ["aqua", "teh", "mie", "Beras"]  # no stock figure: last
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [r[0] for r in model.rows] == ["aqua", "Beras", "mie", "teh"]  # letters, not upper case first
    model.set_rows([("zaitun", 1), ("apel", 2)])
    assert [model.data(model.index(i, 0)) for i in range(2)] == ["apel", "zaitun"]
