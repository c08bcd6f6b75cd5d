"""Riwayat hari ini (F10): today's sales of this till; search by number or customer; refund (retur)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import clock, staff
from pos.core.cart import parse_qty
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.core.text import qty_text
from pos.counter import chat_order, history, refund, sale
from pos.counter.history import Sale
from ui.counter.receipt_dialog import ReceiptDialog
from ui.printing import Printing
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.table import Column, RowsModel, setup_view


class HistoryDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Riwayat penjualan hari ini"))
        self.setMinimumSize(860, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Riwayat penjualan hari ini")), "title"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari nomor nota atau nama pelanggan"))
        self.search.textChanged.connect(lambda _t: self.reload())
        layout.addWidget(self.search)
        self.model = RowsModel(
            [
                Column(_("Nota"), lambda r: r.number),
                Column(_("Nota asal"), lambda r: r.refund_of),  # a refund names the sale it returns
                Column(_("Jam"), lambda r: r.created_at.strftime("%H:%M")),
                Column(_("Pelanggan"), lambda r: r.customer),
                Column(_("Saluran"), lambda r: r.channel),
                Column(_("Bayar"), lambda r: r.methods),
                Column(_("Total"), lambda r: r.total, "rupiah"),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=2)
        layout.addWidget(self.table, 1)
        self.chat_title = role(QLabel(_("Pesan pelanggan (dari chat)")), "muted")
        self.chat = QPlainTextEdit()  # what the customer wrote, kept with a sale made from a pasted chat
        self.chat.setReadOnly(True)
        self.chat.setMaximumHeight(90)
        layout.addWidget(self.chat_title)
        layout.addWidget(self.chat)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_chat())
        row = QHBoxLayout()
        self.summary = role(QLabel(""), "muted")
        row.addWidget(self.summary, 1)
        receipt_button = QPushButton(_("Struk / cetak ulang…"))
        receipt_button.clicked.connect(self.show_receipt)
        row.addWidget(receipt_button)
        refund_button = QPushButton(_("Retur / kembalikan…"))
        refund_button.clicked.connect(self.refund_selected)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        row.addWidget(refund_button)
        row.addWidget(close)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        rows = sale.history(clock.now().date(), self.search.text())
        self.model.set_rows(rows)
        sales = [r for r in rows if r.kind == "sale"]
        total = format_rupiah(sum(r.total for r in rows))
        refunds = len(rows) - len(sales)
        self.summary.setText(
            _("{n} nota, {r} retur, total bersih {total}").format(n=len(sales), r=refunds, total=total)
            if refunds
            else _("{n} nota, total {total}").format(n=len(sales), total=total)
        )
        self._show_chat()

    def _show_chat(self) -> None:
        chosen = self.selected()
        text = chat_order.chat_text_of(chosen.id) if chosen is not None else ""
        self.chat.setPlainText(text)
        self.chat_title.setVisible(bool(text))
        self.chat.setVisible(bool(text))

    def selected(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def show_receipt(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return

        printing = getattr(self.window(), "printing", None) or getattr(
            self.parent().window(), "printing", None
        )
        dialogs.run(ReceiptDialog(self, chosen.number, printing or Printing(self), reprint=True))

    def refund_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.row(rows[0].row())
        if chosen.kind != "sale":
            return
        dialog = RefundDialog(self, history.to_refund(chosen.id), self.user)
        if dialogs.run(dialog):
            self.reload()


class RefundDialog(QDialog):
    """Pick quantities per line, a reason, cash or the original method; owner PIN when needed."""

    def __init__(self, parent: QWidget | None, original: Sale, user: User) -> None:
        super().__init__(parent)
        self.original, self.user = original, user
        self.result_sale: Sale | None = None
        self.setWindowTitle(_("Retur nota {number}").format(number=original.number))
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Retur nota {number}").format(number=original.number)), "title"))
        form = QFormLayout()
        self.inputs: dict[int, QLineEdit] = {}
        for line in refund.returnable(original):
            field = QLineEdit("0")
            field.setEnabled(line.left > 0)
            form.addRow(f"{line.name} ({_('sisa')} {qty_text(line.left)})", field)
            self.inputs[line.line_id] = field
        self.reason = QLineEdit()
        form.addRow(_("Alasan"), self.reason)
        self.cash = QCheckBox(_("Kembalikan sebagai uang tunai"))
        # ticked by default: a cash sale's money goes back as cash, and a shop cannot push a QRIS or a
        # platform payment back from the till; the cashier unticks it to refund by the original methods
        self.cash.setChecked(True)
        form.addRow("", self.cash)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.need_pin = not staff.can(user, "refund")
        if self.need_pin:
            form.addRow(_("PIN pemilik"), self.pin)
        layout.addLayout(form)
        self.error = dialogs.form_footer(layout, _("Proses retur"), self.submit)

    def submit(self) -> None:
        try:
            items = {}
            for line_id, field in self.inputs.items():
                text = field.text().strip() or "0"
                if text not in ("0", "0,0", "0.0"):
                    items[line_id] = parse_qty(text)
            if not items:
                raise InvalidInput(N_("Isi jumlah barang yang dikembalikan."))
            approver = staff.owner_approval(self.pin.text()) if self.need_pin else None
            self.result_sale = refund.refund(
                self.original,
                items,
                self.reason.text(),
                self.user,
                approver=approver,
                to_cash=self.cash.isChecked(),
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
