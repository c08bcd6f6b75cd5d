"""Pengaturan → Printer: this machine's receipt printer (kept in QSettings, not in the shop's database)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from pos.errors import PosError
from pos.i18n import N_, _
from receipts.printer import PrinterConfig, send
from ui.boxes import ComboBox, SpinBox
from ui.printing import PrintSettings, print_rows
from ui.theme import role

KIND_LABELS = [
    ("none", N_("Tidak ada printer")),
    ("network", N_("ESC/POS lewat jaringan (IP:9100)")),
    ("usb", N_("ESC/POS USB (vendor:produk, mis. 0416:5011)")),
    ("serial", N_("ESC/POS serial (mis. /dev/ttyUSB0:19200)")),
    ("file", N_("ESC/POS ke file / perangkat (mis. /dev/usb/lp0)")),
    ("system", N_("Printer sistem (lewat driver)")),
]


class PrinterBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Printer (khusus komputer ini)"))
        form = QFormLayout(self)
        self.kind = ComboBox()
        for code, label in KIND_LABELS:
            self.kind.addItem(_(label), code)
        self.address = QLineEdit()
        self.address.setPlaceholderText("192.168.1.50:9100")
        self.width = ComboBox()
        self.width.addItem("58 mm (32 kolom)", 58)
        self.width.addItem("80 mm (48 kolom)", 80)
        self.auto = QCheckBox(_("Cetak otomatis setelah bayar"))
        self.copies = SpinBox()
        self.copies.setRange(1, 5)
        self.drawer = QCheckBox(_("Buka laci uang pada penjualan tunai"))
        self.kitchen_kind = ComboBox()
        for code, label in KIND_LABELS[:5]:
            self.kitchen_kind.addItem(_(label), code)
        self.kitchen_address = QLineEdit()
        self.test_button = QPushButton(_("Tes cetak"))
        self.test_button.clicked.connect(self.test_print)
        self.result = role(QLabel(""), "muted")
        self.result.setWordWrap(True)
        form.addRow(_("Printer struk"), self.kind)
        form.addRow(_("Alamat"), self.address)
        form.addRow(_("Lebar kertas"), self.width)
        form.addRow("", self.auto)
        form.addRow(_("Jumlah salinan"), self.copies)
        form.addRow("", self.drawer)
        form.addRow(_("Printer dapur (tiket pesanan)"), self.kitchen_kind)
        form.addRow(_("Alamat printer dapur"), self.kitchen_address)
        form.addRow(self.test_button, self.result)

    def refresh(self) -> None:
        s = PrintSettings.load()
        self.kind.setCurrentIndex(max(0, self.kind.findData(s.receipt.kind)))
        self.address.setText(s.receipt.address)
        self.width.setCurrentIndex(0 if s.receipt.width == 58 else 1)
        self.auto.setChecked(s.auto_print)
        self.copies.setValue(s.copies)
        self.drawer.setChecked(s.drawer)
        self.kitchen_kind.setCurrentIndex(max(0, self.kitchen_kind.findData(s.kitchen.kind)))
        self.kitchen_address.setText(s.kitchen.address)
        self.result.clear()

    def collect(self) -> PrintSettings:
        width = int(self.width.currentData())
        return PrintSettings(
            receipt=PrinterConfig(str(self.kind.currentData()), self.address.text().strip(), width),
            kitchen=PrinterConfig(
                str(self.kitchen_kind.currentData()), self.kitchen_address.text().strip(), width
            ),
            auto_print=self.auto.isChecked(),
            copies=self.copies.value(),
            drawer=self.drawer.isChecked(),
        )

    def save(self) -> None:
        self.collect().save()

    def test_print(self) -> None:
        """Print a short test slip on the printer as typed (not yet saved)."""
        settings = self.collect()
        lines = ["Kasir", _("Tes printer berhasil."), f"{settings.receipt.width} mm", "-" * 32, "", ""]
        try:
            if settings.receipt.kind == "system":
                print_rows(
                    [("title", lines[0]), ("center", lines[1]), ("center", lines[2])], settings.receipt.width
                )
            else:
                send(
                    settings.receipt, b"\x1b@" + "\n".join(lines).encode("ascii", "replace") + b"\n\x1dV\x00"
                )
        except PosError as exc:
            self.result.setText(exc.text)
            return
        self.result.setText(_("Tes cetak terkirim."))
