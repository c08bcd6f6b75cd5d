"""Pesanan tersimpan (F9): resume a parked order, or cancel it with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import staff
from pos.core.cart import Cart
from pos.core.i18n import _
from pos.core.staff import User
from pos.counter import park, sale
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.table import Column, RowsModel, setup_view


class ParkedDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.cart: Cart | None = None
        self.setWindowTitle(_("Pesanan tersimpan"))
        self.setMinimumSize(720, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Pesanan tersimpan")), "title"))
        self.model = RowsModel(
            [
                Column(_("Label"), lambda r: r[0].label),
                Column(_("Jam"), lambda r: r[0].created_at.strftime("%H:%M")),
                Column(_("Oleh"), lambda r: r[0].created_by),
                Column(_("Barang"), lambda r: r[0].items, "number"),
                Column(_("Total"), lambda r: r[1], "rupiah"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=0)
        self.table.doubleClicked.connect(lambda _i: self.resume())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        cancel = role(QPushButton(_("Batalkan pesanan…")), "danger")
        cancel.clicked.connect(self.cancel)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        resume = role(QPushButton(_("Lanjutkan (Enter)")), "primary")
        resume.setDefault(True)
        resume.clicked.connect(self.resume)
        row.addWidget(cancel)
        row.addStretch(1)
        row.addWidget(close)
        row.addWidget(resume)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows([(o, sale.preview(o.cart).total) for o in park.open_orders()])
        if self.model.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def selected(self) -> park.Parked | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row())[0] if rows else None

    def resume(self) -> None:
        order = self.selected()
        if order is None:
            return
        cart = dialogs.run_service(self, lambda: park.resume(order.id, self.user))
        if isinstance(cart, Cart):
            self.cart = cart
            self.accept()

    def cancel(self) -> None:
        order = self.selected()
        if order is None:
            return
        ask = ApprovalDialog(
            self,
            _("Batalkan pesanan {label}?").format(label=order.label),
            need_pin=not staff.can(self.user, "void"),  # a void, as at the counter
        )
        if dialogs.run(ask):
            dialogs.run_service(self, lambda: park.cancel(order.id, ask.reason, self.user, ask.approver))
            self.reload()
