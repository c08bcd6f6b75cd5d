"""First run: shop name, address, WhatsApp, the owner's PIN, and a demo shop or an empty one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from pos import shop
from pos.demo.generator import fill
from pos.errors import InvalidPin, PosError
from pos.i18n import N_, _
from ui.theme import role

DEMO_DAYS = 45
CHOICES = [
    ("warung", N_("Warung kelontong (contoh)")),
    ("bakso", N_("Warung bakso + GoFood (contoh)")),
    ("senapan", N_("Bengkel senapan angin (contoh)")),
    ("", N_("Toko kosong — isi barang sendiri")),
]


class SetupDialog(QDialog):
    """Collects the first-run answers and runs the setup; `owner` holds the created owner on accept."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(_("Selamat datang di Kasir"))
        self.setMinimumWidth(560)
        self.owner = None
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Selamat datang di Kasir")), "title"))
        layout.addWidget(
            role(QLabel(_("Isi data toko Anda. Semua bisa diubah nanti di Pengaturan.")), "muted")
        )
        form = QFormLayout()
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
        layout.addLayout(form)

        layout.addWidget(QLabel(_("Mulai dengan:")))
        self.choice = QButtonGroup(self)
        for index, (code, label) in enumerate(CHOICES):
            button = QRadioButton(_(label))
            button.setProperty("code", code)
            self.choice.addButton(button, index)
            layout.addWidget(button)
        self.choice.button(0).setChecked(True)

        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.ok = role(QPushButton(_("Mulai pakai Kasir")), "primary")
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.shop_name.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def demo_kind(self) -> str:
        return str(self.choice.checkedButton().property("code"))

    def submit(self) -> None:
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
        except InvalidPin as exc:
            self.error.setText(exc.text)
            return
        except PosError as exc:
            self.error.setText(exc.text)
            return
        kind = self.demo_kind
        if not kind:
            self.accept()
            return
        self.ok.setEnabled(False)
        self.progress.setRange(0, DEMO_DAYS)
        self.progress.setFormat(_("Membuat toko contoh… %v/%m hari"))
        self.progress.show()
        # One transaction on this thread, the window kept alive between days (a worker thread here
        # aborted now and then under load in CI; a one-time, modal setup gains nothing from it).
        QTimer.singleShot(0, lambda: self._make_demo(kind))

    def _make_demo(self, kind: str) -> None:
        try:
            fill(kind, DEMO_DAYS, 1, progress=self._progress)
        except PosError as exc:
            self._failed(exc)
            return
        self._done(None)

    def _progress(self, done: int, _total: int) -> None:
        self.progress.setValue(done)
        QApplication.processEvents()

    def _done(self, _result: object) -> None:
        self.accept()

    def _failed(self, exc: object) -> None:
        self.ok.setEnabled(True)
        self.progress.hide()
        self.error.setText(exc.text if isinstance(exc, PosError) else str(exc))
