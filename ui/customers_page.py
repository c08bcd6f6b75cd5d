"""Pelanggan: the customer book, searchable by name or any form of the phone number."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from pos import customer, phone
from pos.i18n import _
from ui.events import hub
from ui.models.table import Column, RowsModel, setup_view
from ui.theme import role


class CustomersPage(QWidget):
    permission = "add_customer"

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.title = _("Pelanggan")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        head = QHBoxLayout()
        head.addWidget(role(QLabel(self.title), "title"))
        head.addStretch(1)
        self.count = role(QLabel(""), "muted")
        head.addWidget(self.count)
        layout.addLayout(head)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nama atau nomor HP (0812…, +62…, 62…)"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = RowsModel(
            [
                Column(_("Nama"), lambda r: r.name),
                Column(_("No. HP"), lambda r: phone.local_form(r.phone) if r.phone else ""),
                Column(_("Kunjungan"), lambda r: r.visits, "number"),
                Column(_("Total belanja"), lambda r: r.spend, "rupiah"),
                Column(_("Terakhir datang"), lambda r: r.last_visit, "datetime"),
                Column(_("Poin"), lambda r: r.points, "number"),
                Column(_("Kasbon"), lambda r: r.kasbon, "rupiah"),
            ],
            self,
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        setup_view(self.table, stretch=0)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        hub.changed.connect(self._changed)

    def _changed(self, what: str) -> None:
        if what in ("customer", "sale") and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        rows = customer.listing(self.search.text())
        self.model.set_rows(rows)
        self.count.setText(_("{n} pelanggan ditampilkan").format(n=len(rows)))
