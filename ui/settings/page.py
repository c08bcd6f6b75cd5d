"""Pengaturan: shop details, tax and rounding, language, QRIS, channels (markup and commission)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos import shop
from pos.core import i18n, phone, qris, settings
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import parse_rate
from pos.core.text import clean
from ui.events import hub
from ui.settings.channels_box import ChannelsBox
from ui.settings.points_box import PointsBox
from ui.settings.printer_box import PrinterBox
from ui.settings.programs_box import ProgramsBox
from ui.settings.safety_box import SafetyBox
from ui.settings.staff_box import StaffBox
from ui.theme import plain_label, role
from ui.widgets.boxes import ComboBox

TAX_MODES = [
    ("none", N_("Tanpa pajak")),
    ("included", N_("Harga sudah termasuk pajak")),
    ("added", N_("Pajak ditambahkan")),
]
RECEIPT_QR = [
    ("lookup", N_("Kode nota (untuk mencari penjualan)")),
    ("qris", N_("QRIS toko")),
    ("none", N_("Tanpa QR")),
]
ROUNDINGS = [(0, N_("Tidak dibulatkan")), (100, "Rp 100"), (500, "Rp 500"), (1000, "Rp 1.000")]


def percent(value: object) -> str:
    text = format(Decimal(str(value)) * 100, "f").rstrip("0").rstrip(".")
    return text or "0"


class SettingsPage(QWidget):
    key = "settings"
    permission = "settings"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = _("Pengaturan")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.addWidget(role(QLabel(self.title), "title"))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        layout = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        for box in (
            self._shop_box(),
            self._tax_box(),
            self._qris_box(),
            self._reply_box(),
            self._receipt_box(),
            self._stock_box(),
        ):
            layout.addWidget(box)
        self.printer = PrinterBox()
        layout.addWidget(self.printer)
        self.safety = SafetyBox(window)
        layout.addWidget(self.safety)
        self.staff = StaffBox(window)
        layout.addWidget(self.staff)
        self.points = PointsBox()
        layout.addWidget(self.points)
        self.programs = ProgramsBox(self)
        layout.addWidget(self.programs)
        self.channels = ChannelsBox()
        layout.addWidget(self.channels)
        layout.addStretch(1)
        outer.addLayout(self._save_row())

    # --- building ---
    def _shop_box(self) -> QGroupBox:
        box = QGroupBox(_("Toko"))
        form = QFormLayout(box)
        self.shop_name = QLineEdit()
        self.address = QLineEdit()
        self.whatsapp = QLineEdit()
        self.footer = QLineEdit()
        self.timezone = ComboBox()
        for zone in ("WIB", "WITA", "WIT"):
            self.timezone.addItem(zone, zone)
        self.language = ComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        form.addRow(_("Nama toko"), self.shop_name)
        form.addRow(_("Alamat"), self.address)
        form.addRow(_("No. WhatsApp toko"), self.whatsapp)
        form.addRow(_("Teks kaki struk"), self.footer)
        form.addRow(_("Zona waktu"), self.timezone)
        form.addRow(_("Bahasa"), self.language)
        self.food_orders = QCheckBox(_("Menjual makanan/minuman: kasir memilih Makan di tempat atau Bungkus"))
        form.addRow("", self.food_orders)
        return box

    def _tax_box(self) -> QGroupBox:
        box = QGroupBox(_("Pajak dan pembulatan"))
        form = QFormLayout(box)
        self.tax_mode = ComboBox()
        for code, label in TAX_MODES:
            self.tax_mode.addItem(_(label), code)
        self.tax_name = QLineEdit()
        self.tax_rate = QLineEdit()
        self.service_rate = QLineEdit()
        self.rounding = ComboBox()
        for step, label in ROUNDINGS:
            self.rounding.addItem(_(label), step)
        form.addRow(_("Pajak"), self.tax_mode)
        form.addRow(_("Nama pajak (PPN / PBJT)"), self.tax_name)
        form.addRow(_("Tarif pajak (%)"), self.tax_rate)
        form.addRow(_("Biaya layanan (%)"), self.service_rate)
        form.addRow(_("Pembulatan tunai"), self.rounding)
        return box

    def _qris_box(self) -> QGroupBox:
        box = QGroupBox(_("QRIS statis toko"))
        column = QVBoxLayout(box)
        hint = QLabel(
            _(
                "Tempel isi QRIS statis dari bank/penyedia Anda (teks yang diawali 000201). "
                "Kasir membuat QRIS dengan nominal pas untuk setiap pembayaran."
            )
        )
        hint.setWordWrap(True)
        column.addWidget(role(hint, "muted"))
        self.qris = QPlainTextEdit()
        self.qris.setFixedHeight(70)
        self.qris.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)
        column.addWidget(self.qris)
        self.qris_status = role(QLabel(""), "muted")
        column.addWidget(self.qris_status)
        return box

    def _reply_box(self) -> QGroupBox:
        box = QGroupBox(_("Balasan pesanan WhatsApp"))
        form = QFormLayout(box)
        self.bank_account = QLineEdit()
        self.bank_account.setMaxLength(200)
        self.bank_account.setPlaceholderText(_("mis. BCA 1234567890 a.n. Sri Rahayu"))
        self.reply_template = QPlainTextEdit()
        self.reply_template.setFixedHeight(110)
        reply_hint = role(
            QLabel(_("Isian otomatis: {names}").format(names="{nama} {barang} {total} {ongkir} {bayar}")),
            "muted",
        )
        reply_hint.setWordWrap(True)
        form.addRow(_("Rekening untuk transfer"), self.bank_account)
        form.addRow(_("Teks balasan"), self.reply_template)
        form.addRow("", reply_hint)
        return box

    def _receipt_box(self) -> QGroupBox:
        box = QGroupBox(_("Struk"))
        form = QFormLayout(box)
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(_("file PNG/JPG (opsional)"))
        self.receipt_qr = ComboBox()
        for code, label in RECEIPT_QR:
            self.receipt_qr.addItem(_(label), code)
        form.addRow(_("Logo di struk"), self.logo)
        form.addRow(_("QR di struk"), self.receipt_qr)
        return box

    def _stock_box(self) -> QGroupBox:
        box = QGroupBox(_("Stok"))
        form = QFormLayout(box)
        self.negative_stock = QCheckBox(
            _("Boleh menjual walau stok tercatat habis (barang datang dicatat belakangan)")
        )
        form.addRow("", self.negative_stock)
        return box

    def _save_row(self) -> QHBoxLayout:
        """The last message and Simpan pengaturan, below the scrolling boxes."""
        row = QHBoxLayout()
        self.message = plain_label()
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        self.save_button = role(QPushButton(_("Simpan pengaturan")), "primary")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        return row

    def refresh(self) -> None:
        values = settings.all_settings()
        self.shop_name.setText(str(values["shop_name"]))
        self.address.setText(str(values["shop_address"]))
        self.whatsapp.setText(phone.local_form(values["shop_phone"]) if values["shop_phone"] else "")
        self.footer.setText(str(values["receipt_footer"]))
        self.timezone.setCurrentIndex(max(0, self.timezone.findData(values["timezone"])))
        self.language.setCurrentIndex(max(0, self.language.findData(values["language"])))
        self.tax_mode.setCurrentIndex(max(0, self.tax_mode.findData(values["tax_mode"])))
        self.tax_name.setText(str(values["tax_name"]))
        self.tax_rate.setText(percent(values["tax_rate"]))
        self.service_rate.setText(percent(values["service_rate"]))
        self.rounding.setCurrentIndex(max(0, self.rounding.findData(values["cash_rounding"])))
        self.qris.setPlainText(str(values["qris_payload"]))
        self.qris_status.setText(_("QRIS tersimpan.") if values["qris_payload"] else _("Belum ada QRIS."))
        self.logo.setText(str(values["receipt_logo"]))
        self.receipt_qr.setCurrentIndex(max(0, self.receipt_qr.findData(values["receipt_qr"])))
        self.negative_stock.setChecked(bool(values["negative_stock"]))
        self.food_orders.setChecked(bool(values["food_orders"]))
        self.bank_account.setText(str(values["bank_account"]))
        self.reply_template.setPlainText(str(values["chat_reply_template"]))
        self.printer.refresh()
        self.safety.refresh(str(values["backup_dir"]))
        self.staff.refresh()
        self.points.refresh()
        self.programs.refresh()
        self.channels.refresh()
        self.message.clear()

    def collect(self) -> dict[str, object]:
        number = self.whatsapp.text().strip()
        payload = "".join(self.qris.toPlainText().splitlines()).strip()  # a pasted code's line breaks; the
        # spaces inside it are the merchant's name and city ("WARUNG MAJU JAYA"), part of the checked code
        if payload:
            qris.parse(payload)  # raises QrisInvalid with the reason
        name = clean(self.shop_name.text())
        if not name:
            raise InvalidInput(N_("Nama toko tidak boleh kosong."))
        return {
            "shop_name": name,
            "shop_address": self.address.text().strip(),
            "shop_phone": phone.normalise(number) if number else "",
            "receipt_footer": self.footer.text().strip(),
            "timezone": self.timezone.currentData(),
            "language": self.language.currentData(),
            "tax_mode": self.tax_mode.currentData(),
            "tax_name": self.tax_name.text().strip() or "PPN",
            "tax_rate": str(parse_rate(self.tax_rate.text() or "0")),
            "service_rate": str(parse_rate(self.service_rate.text() or "0")),
            "cash_rounding": int(self.rounding.currentData()),
            "qris_payload": payload,
            "receipt_logo": self.logo.text().strip(),
            "receipt_qr": self.receipt_qr.currentData(),
            "negative_stock": self.negative_stock.isChecked(),
            "food_orders": self.food_orders.isChecked(),
            "bank_account": clean(self.bank_account.text()),
            "chat_reply_template": self.reply_template.toPlainText().strip(),
            "backup_dir": self.safety.value(),
        }

    def save(self) -> None:
        user = getattr(self.window_, "user", None)
        before = settings.get("language")
        try:
            values = self.collect()
            shop.save_settings(
                values,
                self.channels.collect(),
                user=user,
                points=self.points.collect(),
                tiers=self.points.collect_tiers(),
            )
            self.printer.save()
        except PosError as exc:
            self.message.setProperty("role", "error")
            self.message.setText(exc.text)
            self.message.style().polish(self.message)
            return
        self.message.setProperty("role", "muted")
        self.message.style().polish(self.message)
        self.message.setText(_("Pengaturan tersimpan."))
        self.qris_status.setText(_("QRIS tersimpan.") if values["qris_payload"] else _("Belum ada QRIS."))
        if values["language"] != before:
            i18n.set_language(str(values["language"]))
            hub.language.emit()
