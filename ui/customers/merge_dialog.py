"""Gabungkan: two records of the same person become one (history, points, stamps, kasbon, vouchers)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import phone, staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.customers import customer, merge
from pos.customers.customer import Customer
from ui.counter.approval import ApprovalDialog
from ui.theme import plain_label, role
from ui.widgets import dialogs


def _describe(c: Customer) -> str:
    number = phone.local_form(c.phone) if c.phone else "–"
    return _("{name} · {phone} · {points} poin · kasbon {kasbon}").format(
        name=c.name, phone=number, points=c.points, kasbon=format_rupiah(int(c.kasbon))
    )


def _label(c: Customer) -> str:
    return f"{c.name} ({phone.local_form(c.phone)})" if c.phone else c.name


class MergeDialog(QDialog):
    def __init__(self, parent: QWidget | None, first_id: int, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.first = customer.get(first_id)
        self.other: Customer | None = None
        self.kept: Customer | None = None
        self.setWindowTitle(_("Gabungkan pelanggan"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Gabungkan dua data orang yang sama")), "title"))
        layout.addWidget(plain_label(_("Pelanggan pertama: {who}").format(who=_describe(self.first))))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari data kedua: nama atau nomor HP"))
        self.search.textChanged.connect(self.find)
        layout.addWidget(self.search)
        self.found = QListWidget()
        self.found.setMaximumHeight(140)
        self.found.currentItemChanged.connect(self._picked)
        layout.addWidget(self.found)
        layout.addWidget(QLabel(_("Nama dan nomor yang dipakai:")))
        self.keep_first = QRadioButton(_label(self.first))
        self.keep_first.setChecked(True)
        self.keep_other = QRadioButton("–")
        self.keep_other.setEnabled(False)
        choice = QHBoxLayout()
        choice.addWidget(self.keep_first)
        choice.addWidget(self.keep_other)
        choice.addStretch(1)
        layout.addLayout(choice)
        note = QLabel(
            _(
                "Riwayat belanja, poin, stempel, kasbon dan voucher pindah ke data yang dipakai. "
                "Nomor HP yang lain tetap menemukan pelanggan ini."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(role(note, "muted"))
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.ok = role(QPushButton(_("Gabungkan")), "primary")
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self.submit)
        layout.addLayout(dialogs.cancel_and(self, self.ok))

    def find(self, text: str) -> None:
        self.found.clear()
        for c in customer.search(text, 10) if text.strip() else []:
            if c.id != self.first.id:
                item = QListWidgetItem(_describe(c))
                item.setData(256, c.id)
                self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def _picked(self, item: QListWidgetItem | None) -> None:
        self.other = customer.get(int(item.data(256))) if item is not None else None
        self.keep_other.setEnabled(self.other is not None)
        self.keep_other.setText(_label(self.other) if self.other else "–")
        self.ok.setEnabled(self.other is not None)

    def submit(self) -> None:
        if self.other is None:
            return
        keep, drop = (self.first, self.other) if self.keep_first.isChecked() else (self.other, self.first)
        approver = None
        if not staff.can(self.user, "points_adjust"):
            approval = ApprovalDialog(self, _("Gabungkan pelanggan"), need_pin=True, need_reason=False)
            if not dialogs.run(approval):
                return
            approver = approval.approver
        try:
            self.kept = merge.merge(keep.id, drop.id, self.user, approver)
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
