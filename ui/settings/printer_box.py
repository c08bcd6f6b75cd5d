"""Pengaturan → Printer: this machine's receipt printer (kept in QSettings, not in the shop's database).

On Windows a printer installed there (its vendor's driver, USB or network) is chosen by its name from the list
Windows gives; elsewhere that choice is not offered."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from pos.core.errors import PosError
from pos.core.i18n import N_, _
from receipts.printer import PrinterConfig, send, windows_available, windows_printers
from ui.printing import PrintSettings, print_rows
from ui.theme import role
from ui.widgets.boxes import ComboBox, SpinBox

KIND_LABELS = [
    ("none", N_("Tidak ada printer")),
    ("network", N_("ESC/POS lewat jaringan (IP:9100)")),
    ("usb", N_("ESC/POS USB (vendor:produk, mis. 0416:5011)")),
    ("serial", N_("ESC/POS serial (mis. /dev/ttyUSB0:19200)")),
    ("file", N_("ESC/POS ke file / perangkat (mis. /dev/usb/lp0)")),
    ("windows", N_("ESC/POS ke printer Windows (pilih namanya)")),
    ("system", N_("Printer sistem (lewat driver)")),
]


def kinds(kitchen: bool = False) -> list[tuple[str, str]]:
    """The printer kinds this machine can use (a printer installed in Windows only on Windows); the kitchen's
    are the ESC/POS ones."""
    return [
        (code, label)
        for code, label in KIND_LABELS
        if (code != "windows" or windows_available()) and not (kitchen and code == "system")
    ]


class PrinterBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Printer (khusus komputer ini)"))
        form = QFormLayout(self)
        self.kind = ComboBox()
        for code, label in kinds():
            self.kind.addItem(_(label), code)
        self.address = QLineEdit()
        self.address.setPlaceholderText("192.168.1.50:9100")
        self.windows_name = ComboBox()  # the printers installed in Windows, by name
        self.width = ComboBox()
        self.width.addItem("58 mm (32 kolom)", 58)
        self.width.addItem("80 mm (48 kolom)", 80)
        self.auto = QCheckBox(_("Cetak otomatis setelah bayar"))
        self.copies = SpinBox()
        self.copies.setRange(1, 5)
        self.drawer = QCheckBox(_("Buka laci uang pada penjualan tunai"))
        self.kitchen_kind = ComboBox()
        for code, label in kinds(kitchen=True):
            self.kitchen_kind.addItem(_(label), code)
        self.kitchen_address = QLineEdit()
        self.kitchen_windows_name = ComboBox()
        self.test_button = QPushButton(_("Tes cetak"))
        self.test_button.clicked.connect(self.test_print)
        self.result = role(QLabel(""), "muted")
        self.result.setWordWrap(True)
        form.addRow(_("Printer struk"), self.kind)
        form.addRow(_("Alamat"), self.address)
        form.addRow(_("Printer Windows"), self.windows_name)
        form.addRow(_("Lebar kertas"), self.width)
        form.addRow("", self.auto)
        form.addRow(_("Jumlah salinan"), self.copies)
        form.addRow("", self.drawer)
        form.addRow(_("Printer dapur (tiket pesanan)"), self.kitchen_kind)
        form.addRow(_("Alamat printer dapur"), self.kitchen_address)
        form.addRow(_("Printer Windows dapur"), self.kitchen_windows_name)
        form.addRow(self.test_button, self.result)
        self.form = form
        self.kind.currentIndexChanged.connect(self._show_rows)
        self.kitchen_kind.currentIndexChanged.connect(self._show_rows)
        self._show_rows()

    def _show_rows(self) -> None:
        """A Windows printer is chosen by name from a list, every other kind has an address."""
        for kind, address, name in (
            (self.kind, self.address, self.windows_name),
            (self.kitchen_kind, self.kitchen_address, self.kitchen_windows_name),
        ):
            windows = kind.currentData() == "windows"
            self.form.setRowVisible(address, not windows)
            self.form.setRowVisible(name, windows)

    @staticmethod
    def _fill_names(box: ComboBox, chosen: str) -> None:
        """Windows' printers in `box`, the saved one chosen (kept, marked missing, when it is gone)."""
        box.clear()
        names = windows_printers()
        for name in names:
            box.addItem(name, name)
        if chosen and chosen not in names:
            box.addItem(_("{name} (tidak terpasang)").format(name=chosen), chosen)
        box.setCurrentIndex(max(0, box.findData(chosen)))

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
        if windows_available():
            self._fill_names(self.windows_name, s.receipt.address if s.receipt.kind == "windows" else "")
            self._fill_names(
                self.kitchen_windows_name, s.kitchen.address if s.kitchen.kind == "windows" else ""
            )
        self._show_rows()
        self.result.clear()

    def _address(self, kind: ComboBox, address: QLineEdit, name: ComboBox) -> str:
        if kind.currentData() == "windows":
            return str(name.currentData() or "")
        return address.text().strip()

    def collect(self) -> PrintSettings:
        width = int(self.width.currentData())
        return PrintSettings(
            receipt=PrinterConfig(
                str(self.kind.currentData()), self._address(self.kind, self.address, self.windows_name), width
            ),
            kitchen=PrinterConfig(
                str(self.kitchen_kind.currentData()),
                self._address(self.kitchen_kind, self.kitchen_address, self.kitchen_windows_name),
                width,
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
