"""Tambah / Ubah pelanggan: every field of a customer in one form. The service checks everything; a
refusal is shown here in red and nothing is written. A new kasbon limit asks for the owner's PIN when
the user may not change settings."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.core import staff
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.customers import customer, customer_checks
from pos.customers.customer import Customer
from pos.customers.customer_import import parse_birthday
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs

_NO_YEAR = N_("Tulis tanggal lahir lengkap dengan tahunnya, misalnya 17-08-1990 (atau kosongkan).")


def _text_box(placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(12 + lines * 24)
    return box


class CustomerEditDialog(QDialog):
    """`customer_id` None adds a customer. After accept, `saved` holds the customer written."""

    def __init__(self, parent: QWidget | None, user: User, customer_id: int | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.customer_id = customer_id
        self.saved: Customer | None = None
        self.before = customer.form(customer_id) if customer_id is not None else None
        self.setWindowTitle(_("Ubah pelanggan") if self.before else _("Tambah pelanggan"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        title = role(QLabel(self.before.name if self.before else _("Pelanggan baru")), "title")
        title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(title)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name = QLineEdit()
        self.name.setMaxLength(customer_checks.NAME_LIMIT)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0812-3456-7890")
        self.others = _text_box(_("satu nomor per baris (boleh kosong)"), 2)
        self.birthday = QLineEdit()
        self.birthday.setPlaceholderText(_("misalnya 17-08-1990 (boleh kosong)"))
        self.address = _text_box(_("jalan, RT/RW, desa, patokan"), 2)
        self.notes = _text_box(_("misalnya: langganan gas tiap Senin"), 2)
        self.tags = QLineEdit()
        self.tags.setMaxLength(customer_checks.TAGS_LIMIT)
        self.tags.setPlaceholderText(_("dipisah koma, misalnya: arisan, RT 02"))
        self.consent = QCheckBox(_("Boleh dihubungi lewat WhatsApp (pelanggan sudah setuju)"))
        self.limit = QLineEdit()
        self.limit.setPlaceholderText("0")
        limit_row = QHBoxLayout()
        limit_row.addWidget(self.limit, 1)
        self.limit_hint = role(QLabel(""), "muted")
        if not staff.can(user, "settings"):
            self.limit_hint.setText(_("mengubahnya butuh PIN pemilik"))
        limit_row.addWidget(self.limit_hint)
        form.addRow(_("Nama"), self.name)
        form.addRow(_("No. HP"), self.phone)
        form.addRow(_("Nomor lain"), self.others)
        form.addRow(_("Tanggal lahir"), self.birthday)
        form.addRow(_("Alamat"), self.address)
        form.addRow(_("Catatan"), self.notes)
        form.addRow(_("Tag"), self.tags)
        form.addRow(_("WhatsApp"), self.consent)
        form.addRow(_("Batas kasbon (Rp)"), limit_row)
        layout.addLayout(form)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Batal (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.ok = role(QPushButton(_("Simpan")), "primary")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self._fill()
        self.name.setFocus()
        # a window is first shown at most 2/3 of the screen high (512 px on 768), which squeezed the
        # text boxes to one line: ask for the whole form (about 580 px)
        self.resize(self.sizeHint().expandedTo(QSize(620, 0)))

    def _fill(self) -> None:
        b = self.before
        if b is None:
            self.consent.setChecked(False)
            return
        self.name.setText(b.name)
        self.phone.setText(b.phone)
        self.others.setPlainText("\n".join(b.other_phones))
        self.birthday.setText(b.birthday.strftime("%d-%m-%Y") if b.birthday else "")
        self.address.setPlainText(b.address)
        self.notes.setPlainText(b.notes)
        self.tags.setText(b.tags)
        self.consent.setChecked(b.wa_consent)
        self.limit.setText(format_rupiah(b.credit_limit).removeprefix("Rp ") if b.credit_limit else "")

    def _values(self) -> dict[str, object]:
        """What was typed, read into the service's arguments (a PosError for what cannot be read)."""
        try:
            birthday, no_year = parse_birthday(self.birthday.text())
        except ValueError as exc:
            raise InvalidInput(
                N_("Tanggal lahir tidak dikenali: {text}. Tulis misalnya 17-08-1990."),
                text=self.birthday.text(),
            ) from exc
        if no_year:
            raise InvalidInput(_NO_YEAR)
        limit_text = self.limit.text().strip()
        return {
            "name": self.name.text(),
            "phone_text": self.phone.text(),
            "other_phones": [n for n in self.others.toPlainText().splitlines() if n.strip()],
            "birthday": birthday,
            "address": self.address.toPlainText(),
            "notes": self.notes.toPlainText(),
            "tags": self.tags.text(),
            "wa_consent": self.consent.isChecked(),
            "credit_limit": parse_rupiah(limit_text) if limit_text else 0,
        }

    def submit(self) -> None:
        self.error.setText("")
        try:
            values = self._values()
        except PosError as exc:
            self.error.setText(exc.text)
            return
        old_limit = self.before.credit_limit if self.before else 0
        approver = None
        if values["credit_limit"] != old_limit and not staff.can(self.user, "settings"):
            ask = ApprovalDialog(self, _("Batas kasbon butuh PIN pemilik"), need_pin=True, need_reason=False)
            if not dialogs.run(ask):
                self.error.setText(
                    _("Batas kasbon tidak diubah: PIN pemilik belum diisi. Belum ada yang disimpan.")
                )
                return
            approver = ask.approver
        try:
            if self.customer_id is None:
                self.saved = customer.create_customer(
                    str(values.pop("phone_text")),
                    str(values.pop("name")),
                    **values,  # type: ignore[arg-type]
                    user=self.user,
                    approver=approver,
                )
            else:
                self.saved = customer.update_customer(
                    self.customer_id,
                    **values,  # type: ignore[arg-type]
                    user=self.user,
                    approver=approver,
                )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
