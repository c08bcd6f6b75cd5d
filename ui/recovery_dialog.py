"""The shop's recovery code on screen: shown once at set-up and after each use, and typed by a locked-out
owner to set a new PIN (pos/core/pin_guard.py keeps only its hash)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos.core import pin_guard
from pos.core.errors import PosError
from pos.core.i18n import _
from ui.theme import role


def code_label(code: str) -> QLabel:
    """The code large, in a box, selectable (to copy it), plain text."""
    label = QLabel(code)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(
        "font-family: monospace; font-size: 28px; font-weight: 700; letter-spacing: 3px; padding: 10px;"
        "background: #fff4d6; color: #3d2d00; border: 1px dashed #b58b00; border-radius: 8px;"
    )
    return label


def code_note() -> QLabel:
    note = QLabel(
        _(
            "Kode pemulihan toko. Tulis di kertas dan simpan di tempat aman (bukan di dekat kasir): "
            "bila PIN pemilik lupa atau terkunci, kode ini membuat PIN baru. Kode hanya tampil sekali; "
            "setelah dipakai Kasir memberi kode baru."
        )
    )
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    return note


class CodeDialog(QDialog):
    """A new recovery code, shown once (after a reset, or to an owner whose shop had none yet)."""

    def __init__(self, parent: QWidget | None, code: str, intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Kode pemulihan"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if intro:
            first = role(QLabel(intro), "title")
            first.setWordWrap(True)
            first.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(first)
        layout.addWidget(code_note())
        self.code = code_label(code)
        layout.addWidget(self.code)
        done = role(QPushButton(_("Sudah saya catat")), "primary")
        done.clicked.connect(self.accept)
        layout.addWidget(done)


class ResetPinDialog(QDialog):
    """'Lupa PIN pemilik?': the recovery code, a new PIN twice -> the owner's new PIN, the lock lifted, and
    the new code shown in place of the form. `owner` is the owner on success."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Lupa PIN pemilik"))
        self.setMinimumWidth(480)
        self.owner = None
        self.new_code = ""
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("PIN baru dengan kode pemulihan")), "title"))
        intro = role(QLabel(_("Ketik kode pemulihan yang dicatat saat toko disiapkan.")), "muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXX-XXXX-XXXX")
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for pin in (self.pin, self.pin2):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
            pin.setMaxLength(6)
            pin.setPlaceholderText(_("4–6 angka"))
        form.addRow(_("Kode pemulihan"), self.code)
        form.addRow(_("PIN baru"), self.pin)
        form.addRow(_("Ulangi PIN"), self.pin2)
        layout.addWidget(self.form_box)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.error)
        self.done_box = QWidget()
        done = QVBoxLayout(self.done_box)
        done.setContentsMargins(0, 0, 0, 0)
        self.done_text = role(QLabel(""), "title")
        self.done_text.setWordWrap(True)
        self.done_text.setTextFormat(Qt.TextFormat.PlainText)
        done.addWidget(self.done_text)
        done.addWidget(code_note())
        self.code_shown = code_label("")
        done.addWidget(self.code_shown)
        self.done_box.hide()
        layout.addWidget(self.done_box)
        self.ok = role(QPushButton(_("Ganti PIN")), "primary")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        layout.addWidget(self.ok)

    def submit(self) -> None:
        if self.owner is not None:  # the new code was shown: done
            self.accept()
            return
        self.error.setText("")
        if self.pin.text() != self.pin2.text():
            self.error.setText(_("PIN dan ulangan PIN tidak sama."))
            return
        try:
            self.owner, self.new_code = pin_guard.reset_pin(self.code.text(), self.pin.text())
        except PosError as exc:
            self.error.setText(exc.text)
            self.pin.clear()
            self.pin2.clear()
            return
        self.form_box.hide()
        self.done_text.setText(
            _("PIN {name} sudah diganti. Kode lama tidak berlaku lagi; ini kode barunya:").format(
                name=self.owner.name
            )
        )
        self.code_shown.setText(self.new_code)
        self.done_box.show()
        self.ok.setText(_("Sudah saya catat"))
        self.ok.setFocus()
