"""First run of the real shop: shop name, address, WhatsApp, the owner's PIN twice -> an empty, real shop.

After set-up the shop's recovery code is shown in place, once (pos/core/pin_guard.py keeps only its hash).

Trying Kasir first is a separate, secondary way: "Coba dulu dengan toko contoh" opens a demo shop of the
chosen kind in its own database file (made once, reused after); the real shop's file is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos import shop
from pos.core import pin_guard
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.demo.generator import fill
from ui.recovery_dialog import code_label, code_note
from ui.theme import role

DEMO_DAYS = 45
CHOICES = [
    ("warung", N_("Warung kelontong")),
    ("bakso", N_("Warung bakso + GoFood")),
    ("senapan", N_("Bengkel senapan angin")),
]


class SetupDialog(QDialog):
    """Collects the first-run answers and sets up the real shop; `owner` holds the created owner on accept.

    Or opens a demo shop instead: then `opened` is the demo's database file (else '' — the real shop, which
    `real` names, is the one open)."""

    def __init__(self, parent=None, real: str = "") -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(_("Selamat datang di Kasir"))
        self.setMinimumWidth(680)  # the three demo kinds side by side
        self.owner = None
        self.real = real or shop.database_path()
        self.opened = ""
        self.recovery_code = ""  # shown after set-up, until "Sudah saya catat"
        self.busy = False
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Selamat datang di Kasir")), "title"))
        intro = QLabel(
            _(
                "Isi data toko Anda. Kasir mulai kosong: barang Anda masukkan sendiri. "
                "Semua bisa diubah nanti di Pengaturan."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(role(intro, "muted"))
        self.intro = intro
        layout.addWidget(self._form())
        layout.addWidget(self._code_box())
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        layout.addLayout(self._buttons())
        layout.addWidget(self._demo_panel())
        self.shop_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building ---
    def _form(self) -> QWidget:
        """The shop's name, address and WhatsApp, the owner's name and PIN twice."""
        self.form_box = QWidget()
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.shop_name = QLineEdit()
        self.shop_name.setPlaceholderText(_("mis. Warung Bu Sri"))
        self.address = QLineEdit()
        self.whatsapp = QLineEdit()
        self.whatsapp.setPlaceholderText("0812-3456-7890")
        self.owner_name = QLineEdit()
        self.owner_name.setPlaceholderText(_("mis. Bu Sri"))
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for pin in (self.pin, self.pin2):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
            pin.setMaxLength(6)
            pin.setPlaceholderText(_("4–6 angka"))
        form.addRow(_("Nama toko"), self.shop_name)
        form.addRow(_("Alamat"), self.address)
        form.addRow(_("No. WhatsApp toko"), self.whatsapp)
        form.addRow(_("Nama pemilik"), self.owner_name)
        form.addRow(_("PIN pemilik"), self.pin)
        form.addRow(_("Ulangi PIN"), self.pin2)
        return self.form_box

    def _code_box(self) -> QWidget:
        """The recovery code, hidden until the shop is set up."""
        self.code_box = QWidget()
        code_layout = QVBoxLayout(self.code_box)
        code_layout.setContentsMargins(0, 0, 0, 0)
        code_layout.addWidget(code_note())
        self.code_label = code_label("")
        code_layout.addWidget(self.code_label)
        self.code_box.hide()
        return self.code_box

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.demo_button = QPushButton(_("Coba dulu dengan toko contoh"))
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self._show_demos)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.ok = role(QPushButton(_("Mulai pakai Kasir")), "primary")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(self.ok)
        return buttons

    def _demo_panel(self) -> QFrame:
        """The demo kinds side by side, hidden until "Coba dulu dengan toko contoh"."""
        self.demo_panel = QFrame()
        self.demo_panel.setObjectName("demoPanel")
        self.demo_panel.setStyleSheet(
            "QFrame#demoPanel { background: white; border: 1px solid #d6dcd8; border-radius: 10px; }"
        )
        panel = QVBoxLayout(self.demo_panel)
        note = QLabel(
            _(
                "Toko contoh berisi barang, pelanggan dan penjualan karangan, di file database sendiri. "
                "Toko Anda tidak tersentuh; kembali lewat tombol \u201cSiapkan toko sendiri\u201d."
            )
        )
        note.setWordWrap(True)
        panel.addWidget(role(note, "muted"))
        kinds = QHBoxLayout()
        self.demo_buttons: dict[str, QPushButton] = {}
        for code, label in CHOICES:
            button = QPushButton(_(label))
            button.setAutoDefault(False)
            button.setProperty("kind", code)
            button.clicked.connect(self._demo_clicked)
            kinds.addWidget(button)
            self.demo_buttons[code] = button
        panel.addLayout(kinds)
        self.demo_panel.hide()
        return self.demo_panel

    def _demo_clicked(self) -> None:
        self.try_demo(str(self.sender().property("kind")))

    def _show_demos(self) -> None:
        self.demo_panel.setVisible(self.demo_panel.isHidden())
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as the contents at this width: the wrapped intro's lines are not in Qt's minimum, so
        showing the demo panel squeezed the form's rows over each other."""
        layout = self.layout()
        wanted = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        self.resize(self.width(), max(self.sizeHint().height(), wanted))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.ok, self.demo_button, *self.demo_buttons.values()):
            button.setEnabled(not busy)

    # --- the real shop ---
    def submit(self) -> None:
        if self.busy:
            return
        if self.owner is not None:  # the recovery code was shown
            self.accept()
            return
        self.error.setText("")
        if self.pin.text() != self.pin2.text():
            self.error.setText(_("PIN dan ulangan PIN tidak sama."))
            return
        try:
            self.owner = shop.first_run(
                self.shop_name.text(),
                self.address.text(),
                self.whatsapp.text(),
                self.owner_name.text(),
                self.pin.text(),
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.opened = ""
        try:
            self.recovery_code = pin_guard.issue_recovery_code(self.owner)
        except PosError:  # the shop is set up; the owner is given a code at the first login instead
            self.accept()
            return
        self._show_code()

    def _show_code(self) -> None:
        """The shop is set up: its recovery code, once, before the counter."""
        for widget in (self.intro, self.form_box, self.demo_button, self.demo_panel):
            widget.hide()
        self.code_label.setText(self.recovery_code)
        self.code_box.show()
        self.ok.setText(_("Sudah saya catat, mulai"))
        self.ok.setFocus()

    # --- a demo shop, in its own file ---
    def try_demo(self, kind: str) -> None:
        """Close the real shop, open the demo of `kind` in its own file; make it first if it is new."""
        if self.busy:
            return
        self.error.setText("")
        self._set_busy(True)
        try:
            ready = shop.open_demo(kind)
        except PosError as exc:
            self._failed(exc)
            return
        self.opened = shop.demo_target(kind)
        if ready:  # made before: reused, not made again
            self._done(None)
            return
        self.progress.setRange(0, DEMO_DAYS)
        self.progress.setValue(0)
        self.progress.setFormat(_("Membuat toko contoh… %v/%m hari"))
        self.progress.show()
        # One transaction on this thread, the window kept alive between days (a worker thread here
        # aborted now and then under load in CI; a one-time, modal setup gains nothing from it).
        QTimer.singleShot(0, lambda: self._make_demo(kind))

    def _make_demo(self, kind: str) -> None:
        try:
            fill(kind, DEMO_DAYS, 1, progress=self._progress, target=self.opened)
        except PosError as exc:
            self._failed(exc)
            return
        self._done(None)

    def _progress(self, done: int, _total: int) -> None:
        self.progress.setValue(done)
        QApplication.processEvents()

    def _done(self, _result: object) -> None:
        self.busy = False
        self.accept()

    def _failed(self, exc: object) -> None:
        """The demo could not be opened or made: back to the real shop, say why."""
        self.opened = ""
        try:
            if self.real:
                shop.switch_to(self.real)
        except PosError as again:
            exc = again
        self._set_busy(False)
        self.progress.hide()
        self.error.setText(exc.text if isinstance(exc, PosError) else str(exc))

    def reject(self) -> None:
        if not self.busy:  # not while a demo is being made (it is one transaction, finished or none)
            super().reject()
