"""The delivery board's questions: who takes an order out, the cash a courier brought back (COD), and why an
order is cancelled. Each dialog calls its pos.counter.delivery service itself and says a refusal in place."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import staff
from pos.core.errors import NeedReason, PermissionDenied, PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import Approval, User
from pos.counter import delivery
from pos.counter.delivery import BoardOrder
from ui.theme import plain_label, role, touch
from ui.widgets import dialogs


def _enter_submits_once(dialog: QDialog) -> None:
    """Enter in a box calls the dialog's submit (returnPressed) and nothing else: no button is the
    dialog's default, so Enter never also presses the first courier's button or submits twice."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def _fit(dialog: QDialog) -> None:
    """A message appeared or went: the dialog takes the height its contents need (never cut at the bottom)."""
    dialog.layout().activate()
    dialog.resize(max(dialog.width(), dialog.sizeHint().width()), dialog.sizeHint().height())


def _heading(order: BoardOrder) -> str:
    who = f" · {order.customer}" if order.customer else ""
    return f"{order.label}{who}"


class CourierDialog(QDialog):
    """diantar: the courier's name (the couriers of late offered as buttons)."""

    def __init__(self, parent: QWidget | None, order: BoardOrder, user: User) -> None:
        super().__init__(parent)
        touch(self)
        self.order, self.user = order, user
        self.setWindowTitle(_("Antar pesanan"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(role(plain_label(_heading(order)), "title"))
        if order.address:
            address = plain_label(order.address)
            address.setWordWrap(True)
            layout.addWidget(address)
        form = QFormLayout()
        self.name = QLineEdit(order.courier)
        self.name.setMaxLength(delivery.MAX_COURIER)
        self.name.setPlaceholderText(_("mis. Joko"))
        self.name.returnPressed.connect(self.submit)
        self.name.textChanged.connect(lambda _t: self.error.clear())
        form.addRow(_("Nama kurir"), self.name)
        layout.addLayout(form)
        known = delivery.couriers(order_id=order.id)  # a platform's drivers for its orders only
        if order.channel_kind == "aggregator":
            driver = _("Driver {platform}").format(platform=order.channel)
            known = [driver] + [n for n in known if n != driver]
        self.offered = known
        if known:
            row = dialogs.FlowLayout()
            for name in known:
                button = QPushButton(name)
                button.setToolTip(_("Pakai nama ini"))
                button.clicked.connect(lambda _c=False, n=name: self.name.setText(n))
                row.addWidget(button)
            layout.addLayout(row)
        self.error = dialogs.form_footer(layout, _("Berangkat (Enter)"), self.submit)
        _enter_submits_once(self)
        self.name.setFocus()

    def submit(self) -> None:
        if not self.name.text().strip():  # said, and nothing filled in for the cashier
            self.error.setText(_("Tulis nama kurir dulu (atau pilih salah satu tombol)."))
            self.name.setFocus()
            _fit(self)
            return
        try:
            delivery.send_out(self.order.id, self.name.text(), self.user)
        except PosError as exc:
            self.error.setText(exc.text)
            _fit(self)
            return
        self.accept()


class CashDialog(QDialog):
    """selesai for a COD order: the cash the courier brought back, prefilled with what should come. A
    shortfall or a surplus is said before it is saved (it becomes the shift's pay-out or pay-in)."""

    def __init__(self, parent: QWidget | None, order: BoardOrder, user: User) -> None:
        super().__init__(parent)
        touch(self)
        self.order, self.user = order, user
        self.approver: Approval | None = None
        self.setWindowTitle(_("Uang COD dari kurir"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(role(plain_label(_heading(order)), "title"))
        if order.courier:
            layout.addWidget(plain_label(_("Kurir: {name}").format(name=order.courier)))
        layout.addWidget(
            role(plain_label(_("Harus diterima: {total}").format(total=format_rupiah(order.total))), "total")
        )
        form = QFormLayout()
        self.amount = QLineEdit(format_rupiah(order.total).removeprefix("Rp "))
        self.amount.textChanged.connect(self._update)
        self.amount.returnPressed.connect(self.submit)
        form.addRow(_("Uang diterima (Rp)"), self.amount)
        layout.addLayout(form)
        self.difference = plain_label("")
        self.difference.setWordWrap(True)
        layout.addWidget(self.difference)
        self.pin_row = QHBoxLayout()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        self.pin.returnPressed.connect(self.submit)
        self.pin_label = QLabel(_("PIN pemilik"))
        self.pin_row.addWidget(self.pin_label)
        self.pin_row.addWidget(self.pin, 1)
        layout.addLayout(self.pin_row)
        self._show_pin(False)
        self.error = dialogs.form_footer(layout, _("Terima uang (Enter)"), self.submit)
        _enter_submits_once(self)
        self._update()
        self.amount.setFocus()
        self.amount.selectAll()

    def _show_pin(self, shown: bool) -> None:
        self.pin.setVisible(shown)
        self.pin_label.setVisible(shown)

    def _update(self) -> None:
        """The amount changed: what it means now (an error said about the amount before is gone)."""
        self.error.clear()
        self._say_difference()
        _fit(self)

    def _say_difference(self) -> None:
        try:
            received = parse_rupiah(self.amount.text())
        except PosError:
            self.difference.setText(_("Tulis rupiah tanpa sen, misalnya 40.000."))
            return
        gap = received - self.order.total
        if gap < 0:
            text = _("Kurang {amount}: dicatat sebagai kas keluar 'Selisih COD' di shift ini.")
        elif gap > 0:
            text = _("Lebih {amount}: dicatat sebagai kas masuk 'Lebih COD' di shift ini.")
        else:
            text = _("Pas, tidak ada selisih.")
        self.difference.setText(text.format(amount=format_rupiah(abs(gap))))

    def submit(self) -> None:
        try:
            received = parse_rupiah(self.amount.text())
            if self.pin.isVisible():
                self.approver = staff.owner_approval(self.pin.text())
            delivery.settle_cod(self.order.id, received, self.user, self.approver)
        except PermissionDenied as exc:  # a discount or changed price on the order: the owner's PIN
            self._show_pin(True)
            self.pin.clear()
            self.pin.setFocus()
            self.error.setText(exc.text)
            _fit(self)
            return
        except PosError as exc:
            self.error.setText(exc.text)
            _fit(self)
            return
        self.accept()


class CancelDialog(QDialog):
    """batal: the reason, and the owner's PIN for a cashier who may not void (or refund, once paid)."""

    def __init__(self, parent: QWidget | None, order: BoardOrder, user: User) -> None:
        super().__init__(parent)
        touch(self)
        self.order, self.user = order, user
        self.setWindowTitle(_("Batalkan pesanan"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(role(plain_label(_("Batalkan {label}").format(label=_heading(order))), "title"))
        if order.paid:  # the refund's own words
            note = _(
                "Sudah dibayar {total}: dibatalkan dengan retur penuh, uang kembali lewat cara bayarnya."
            )
        else:
            note = _("Belum dibayar: tidak ada yang terjual, stok tidak berubah.")
        self.note = plain_label(note.format(total=format_rupiah(order.total)))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("mis. pelanggan tidak jadi"))
        form.addRow(_("Alasan"), self.reason)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        self.needs_pin = not staff.can(user, "void") or (order.paid and not staff.can(user, "refund"))
        if self.needs_pin:
            form.addRow(_("PIN pemilik"), self.pin)
        layout.addLayout(form)
        self.reason.returnPressed.connect(self.pin.setFocus if self.needs_pin else self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.error = dialogs.form_footer(layout, _("Batalkan pesanan"), self.submit)
        _enter_submits_once(self)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.reason.text().strip():  # before the PIN: a missing reason must not cost a PIN try
            self.error.setText(NeedReason().text)
            self.reason.setFocus()
            _fit(self)
            return
        try:
            approver = staff.owner_approval(self.pin.text()) if self.needs_pin else None
            delivery.cancel(self.order.id, self.reason.text(), self.user, approver)
        except PosError as exc:
            self.error.setText(exc.text)
            self.pin.clear()
            _fit(self)
            return
        self.accept()
