"""The counter's cart table, the message line under it and the action keys (quantity, note, discount,
price, remove, park, parked, history, receipt, void): what each key does to the selected line. Mixed into
CounterPage (ui/counter/page.py), whose cart, say and update_cart it uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QInputDialog, QLabel, QPushButton, QTableView

from pos.core import staff, units
from pos.core.cart import parse_qty
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.text import qty_text
from pos.counter import park
from ui.counter.approval import ApprovalDialog
from ui.counter.cart_model import CartModel
from ui.counter.discount_dialog import DiscountDialog
from ui.theme import role
from ui.widgets import dialogs

KEYS_HELP = N_(
    "Enter tambah · ↑↓ pilih · +/- jumlah · 3* lalu scan · Del hapus · F4 pelanggan · F5 poin · F6 catatan · "
    "F7 diskon · F8 simpan · F9 tersimpan · F10 riwayat · F11 struk · F12 bayar · F3 pesanan dari chat"
)

DISCOUNT_COLUMN = 3  # CartModel's Diskon


class CartKeys:
    """The cart table and the keys that change its lines."""

    def _build_table(self) -> QTableView:
        self.model = CartModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setStyleSheet("font-size: 16px;")
        return self.table

    def _build_message_row(self) -> QHBoxLayout:
        message_row = QHBoxLayout()
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names in it are shown, never rendered
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(30)
        message_row.addWidget(self.message, 1)
        self.retry_button = QPushButton(_("Coba lagi"))
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry_button.clicked.connect(self.retry_print)
        self.retry_button.hide()
        message_row.addWidget(self.retry_button)
        return message_row

    def _build_keys(self) -> dialogs.FlowLayout:
        buttons = dialogs.FlowLayout(uniform=True)  # 5 a row on a laptop, fewer on a 1024 px terminal
        actions = [
            (_("Jumlah (*)"), self.ask_quantity),
            (_("Catatan (F6)"), self.ask_note),
            (_("Diskon (F7)"), self.ask_discount),
            (_("Ubah harga"), self.ask_price),
            (_("Hapus (Del)"), self.remove_line),
            (_("Simpan (F8)"), self.park_order),
            (_("Tersimpan (F9)"), self.show_parked),
            (_("Riwayat (F10)"), self.show_history),
            (_("Struk (F11)"), self.show_last_receipt),
            (_("Batal"), self.void_order),
        ]
        for text, slot in actions:
            button = role(QPushButton(text), "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        return buttons

    def _build_help_line(self) -> QLabel:
        help_line = role(QLabel(_(KEYS_HELP)), "muted")
        help_line.setWordWrap(True)
        help_line.setStyleSheet("font-size: 12px;")
        return help_line

    def selected_line(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_line(self, row: int) -> None:
        if not self.cart.lines:
            return
        row = max(0, min(len(self.cart.lines) - 1, row))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _line_or_say(self) -> int | None:
        row = self.selected_line()
        if row < 0:
            self.say(_("Pilih baris di keranjang dulu."), error=True)
            return None
        return row

    def step_quantity(self, step: int) -> None:
        row = self._line_or_say()
        if row is None:
            return
        line = self.cart.lines[row]
        new = line.qty + step
        if new <= 0:
            self.remove_line()
            return
        if step < 0:
            self._take_off(row, new)
            return
        self._try(lambda: self.cart.set_qty(row, new), row)

    def ask_quantity(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            _("Jumlah"),
            dialogs.plain(
                (
                    _("Jumlah {name} (mis. 2 atau 0,25):")
                    if units.fractional(self.cart.lines[row].unit)
                    else _("Jumlah {name} (bilangan bulat, mis. 2):")
                ).format(name=self.cart.lines[row].name)
            ),
            text=qty_text(self.cart.lines[row].qty),
        )
        if ok:
            self._take_off(row, text)
        self.focus_search()

    def ask_note(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            _("Catatan"),
            dialogs.plain(
                _("Catatan untuk {name} (mis. tanpa sambal):").format(name=self.cart.lines[row].name)
            ),
            text=self.cart.lines[row].note,
        )
        if ok:
            self._try(lambda: self.cart.set_note(row, text), row)
        self.focus_search()

    def _try(self, action, row: int | None = None) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        self.update_cart(select=row)

    def remove_line(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        name = self.cart.lines[row].name
        if self._take_off(row):
            self.say(_("{name} dihapus").format(name=name))
            self.update_cart(select=min(row, len(self.cart.lines) - 1) if self.cart.lines else None)

    def _take_off(self, row: int, qty: object = None) -> bool:
        """Take the line off (`qty` None) or set its quantity: what takes something off the order is a void
        of that part, with the owner's PIN and a reason for a cashier who may not void (as Batal). True
        when done."""
        line = self.cart.lines[row]
        try:
            asked = park.takes_off(self.cart, row, qty) and not staff.can(self.user, "void")
        except PosError as exc:
            self.say(exc.text, error=True)
            return False
        approver, reason = None, ""
        if asked:
            what = (
                _("Hapus {name} dari pesanan?") if qty is None else _("Kurangi jumlah {name} jadi {qty}?")
            ).format(name=line.name, qty=qty_text(parse_qty(qty)) if qty is not None else "")
            dialog = ApprovalDialog(self, what, need_pin=True)
            if not dialogs.run(dialog):
                self.focus_search()
                return False
            approver, reason = dialog.approver, dialog.reason
        try:
            park.take_off(self.cart, row, self.user, approver, qty=qty, reason=reason)
        except PosError as exc:
            self.say(exc.text, error=True)
            return False
        if qty is not None:
            self.update_cart(select=row)
        self.focus_search()
        return True

    def ask_discount(self) -> None:
        self._change_dialog("discount")

    def ask_price(self) -> None:
        self._change_dialog("price")

    def _change_dialog(self, mode: str) -> None:
        if self.cart.is_empty:
            return
        row = self.selected_line()
        if mode == "price" and row < 0:
            return
        dialog = DiscountDialog(self, self.cart, row if row >= 0 else None, self.user, mode)
        if dialogs.run(dialog):
            self.approval = dialog.approver or self.approval
            self.update_cart(select=row if row >= 0 else None)
        self.focus_search()
