"""Pelanggan (F4) at the counter: find by phone (any form) or name, or add a new one in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import phone
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.customers import customer
from pos.customers.customer import Customer
from ui.theme import role
from ui.widgets import dialogs


class CustomerDialog(QDialog):
    """Find a customer, or add one with phone and name (as `user`: the 'add_customer' permission)."""

    def __init__(self, parent: QWidget | None = None, user: User | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Pelanggan"))
        self.setMinimumSize(560, 520)
        self.chosen: Customer | None = None
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Nomor HP atau nama"))
        self.search.textChanged.connect(self.find)
        self.search.returnPressed.connect(self.take_current)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _item: self.take_current())
        layout.addWidget(self.results, 1)

        box = QGroupBox(_("Pelanggan baru"))
        form = QFormLayout(box)
        self.new_phone = QLineEdit()
        self.new_phone.setPlaceholderText("0812-3456-7890")
        self._phone_typed = False  # typed into by hand: the search no longer fills it
        self.new_phone.textEdited.connect(lambda _t: setattr(self, "_phone_typed", True))
        self.new_phone.returnPressed.connect(lambda: self.new_name.setFocus())
        self.new_name = QLineEdit()
        self.new_name.returnPressed.connect(self.add_new)
        form.addRow(_("No. HP"), self.new_phone)
        form.addRow(_("Nama"), self.new_name)
        add = role(QPushButton(_("Simpan dan pilih")), "primary")
        add.clicked.connect(self.add_new)
        form.addRow("", add)
        layout.addWidget(box)
        self.error = dialogs.message_line(layout)
        row = QHBoxLayout()
        dialogs.close_at_right(self, row)
        layout.addLayout(row)
        self.search.setFocus()

    def find(self, text: str) -> None:
        self.results.clear()
        self.error.clear()
        if not text.strip():
            return
        if phone.looks_like_phone(text) and not self._phone_typed:
            self.new_phone.setText(text.strip())  # the whole number as typed, found or not
        for row in customer.search(text, 30):
            label = f"{row.name}   {phone.local_form(row.phone) if row.phone else ''}"
            if row.kasbon:
                label += "   " + _("kasbon {k}").format(k=format_rupiah(row.kasbon))
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            self.results.setCurrentRow(
                max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            )
            return
        super().keyPressEvent(event)

    def take_current(self) -> None:
        """Enter in the search: the customer found; a number nobody has goes on to the new customer's name
        (the number is filled in already)."""
        item = self.results.currentItem()
        if item is None:
            if phone.looks_like_phone(self.search.text()):
                if not self.new_phone.text().strip():
                    self.new_phone.setText(self.search.text().strip())
                self.new_name.setFocus()
            return
        self.chosen = customer.get(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()

    def add_new(self) -> None:
        try:
            self.chosen = customer.create_customer(
                self.new_phone.text(), self.new_name.text(), user=self.user
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
