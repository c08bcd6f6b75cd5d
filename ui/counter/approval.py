"""Asking for the owner's PIN in place, when a cashier does something only the owner may do."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos.core import staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.staff import User
from pos.core.text import clean
from ui.theme import role


class ApprovalDialog(QDialog):
    """Owner PIN + reason. `approver` and `reason` are set on accept."""

    def __init__(
        self, parent: QWidget | None, what: str, *, need_pin: bool, need_reason: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Persetujuan"))
        self.approver: User | None = None
        self.reason = ""
        self.need_pin, self.need_reason = need_pin, need_reason
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(what), "title"))
        form = QFormLayout()
        self.reason_input = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(6)
        if need_reason:
            form.addRow(_("Alasan"), self.reason_input)
        if need_pin:
            form.addRow(_("PIN pemilik"), self.pin)
        layout.addLayout(form)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        ok = role(QPushButton(_("Setujui")), "primary")
        ok.setAutoDefault(
            False
        )  # Enter is the fields' own: as the default button too, one wrong PIN counted twice
        ok.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.reason_input.returnPressed.connect(self.submit if not need_pin else self.pin.setFocus)
        layout.addWidget(ok)
        (self.reason_input if need_reason else self.pin).setFocus()

    def submit(self) -> None:
        self.reason = clean(self.reason_input.text())
        if self.need_reason and not self.reason:
            self.error.setText(_("Tuliskan alasannya."))
            return
        if self.need_pin:
            try:
                self.approver = staff.owner_approval(self.pin.text())
            except PosError as exc:  # wrong ("Sisa percobaan: 3") or locked, with the time left
                self.error.setText(exc.text)
                self.pin.clear()
                return
        self.accept()
