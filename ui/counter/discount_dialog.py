"""Diskon (F7) and Ubah harga: on a line or the whole order, in % or Rp, always with a reason, and with
the owner's PIN when the cashier may not do it alone."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import staff
from pos.core.cart import Cart
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import parse_rate, parse_rupiah
from pos.core.staff import User
from ui.theme import role
from ui.widgets.boxes import ComboBox


class DiscountDialog(QDialog):
    """mode 'discount' (line or order) or 'price' (a line's price). Applies to `cart` on accept."""

    def __init__(self, parent: QWidget | None, cart: Cart, line: int | None, user: User, mode: str) -> None:
        super().__init__(parent)
        self.cart, self.line, self.user, self.mode = cart, line, user, mode
        self.approver: staff.Approval | None = None
        permission = "price_override" if mode == "price" else "discount"
        self.need_pin = not staff.can(user, permission)
        self.setWindowTitle(_("Ubah harga") if mode == "price" else _("Diskon"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.scope = ComboBox()
        if line is not None:
            self.scope.addItem(_("Baris: {name}").format(name=cart.lines[line].name), "line")
        if mode == "discount":
            self.scope.addItem(_("Seluruh pesanan"), "order")
        self.kind = ComboBox()
        if mode == "discount":
            self.kind.addItem(_("Persen (%)"), "pct")
            self.kind.addItem(_("Rupiah (Rp)"), "rp")
        self.value = QLineEdit()
        self.reason = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        form.addRow(_("Untuk"), self.scope)
        if mode == "discount":
            form.addRow(_("Jenis"), self.kind)
            form.addRow(_("Besar diskon"), self.value)
        else:
            form.addRow(_("Harga baru (Rp)"), self.value)
        form.addRow(_("Alasan"), self.reason)
        if self.need_pin:
            form.addRow(_("PIN pemilik"), self.pin)
        layout.addLayout(form)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        ok = role(QPushButton(_("Terapkan")), "primary")
        ok.setAutoDefault(
            False
        )  # Enter is the fields' own: as the default button too, one wrong PIN counted twice
        ok.clicked.connect(self.apply)
        for field in (self.value, self.reason, self.pin):
            field.returnPressed.connect(self.apply)
        layout.addWidget(ok)
        self.value.setFocus()

    def apply(self) -> None:
        try:
            if self.need_pin:
                self.approver = staff.owner_approval(self.pin.text())
            reason = self.reason.text()
            if self.mode == "price":
                assert self.line is not None
                self.cart.override_price(self.line, parse_rupiah(self.value.text()), reason)
            else:
                rate = parse_rate(self.value.text()) if self.kind.currentData() == "pct" else None
                amount = 0 if rate is not None else parse_rupiah(self.value.text())
                if self.scope.currentData() == "line" and self.line is not None:
                    self.cart.discount_line(self.line, amount=amount, rate=rate, reason=reason)
                else:
                    self.cart.discount_order(amount=amount, rate=rate, reason=reason)
        except PosError as exc:
            self.error.setText(exc.text)
            return
        if self.approver is not None:
            self.cart.approved_by = self.approver.user_id
        self.accept()
