"""Struk: preview a receipt as it will print, then print, save as PDF, make the A4 invoice, or send it
on WhatsApp (as text in a wa.me link). Used after a sale and to reprint from history: a receipt given again
(from Riwayat, or printed here before) is marked SALINAN on paper, in the PDF and in the WhatsApp text."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos.core import whatsapp
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.counter import history
from pos.counter import receipt as receipts_data
from receipts import invoice, pdf_receipt
from receipts.chat_text import chat_text
from receipts.layout import rows
from ui import paper
from ui.printing import Printing, PrintSettings
from ui.theme import plain_label, role
from ui.widgets import files
from ui.widgets.boxes import ComboBox


# Tests replace these to answer file dialogs and the browser without a person.
def ask_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> tuple[str, str]:
    """Kasir's own file dialog (ui/widgets/files.py; tests replace this to answer it)."""
    return files.ask_save(parent, title, suggested, filters), ""


open_url = QDesktopServices.openUrl


class ReceiptDialog(QDialog):
    def __init__(
        self, parent: QWidget | None, number: str, printing: Printing, *, reprint: bool = False
    ) -> None:
        super().__init__(parent)
        self.number, self.printing, self.reprint = number, printing, reprint
        self.receipt = receipts_data.for_sale(number, copy=self.is_copy)
        self.setWindowTitle(_("Struk {number}").format(number=number))
        self.setMinimumSize(660, 680)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(role(QLabel(_("Struk {number}").format(number=number)), "title"))
        top.addStretch(1)
        self.width_box = ComboBox()
        self.width_box.addItem("58 mm", 58)
        self.width_box.addItem("80 mm", 80)
        self.width_box.setCurrentIndex(0 if PrintSettings.load().receipt.width == 58 else 1)
        self.width_box.currentIndexChanged.connect(self.render)
        top.addWidget(self.width_box)
        layout.addLayout(top)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        scroll.setStyleSheet("QScrollArea { background: #d9dedb; }")
        layout.addWidget(scroll, 1)
        self.message = plain_label()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.print_button = role(QPushButton(_("Cetak")), "primary")
        self.print_button.clicked.connect(self.print_receipt)
        wa = QPushButton(_("WhatsApp"))
        wa.clicked.connect(self.send_whatsapp)
        pdf = QPushButton(_("PDF"))
        pdf.clicked.connect(self.save_pdf)
        invoice = QPushButton(_("Nota A4"))
        invoice.clicked.connect(self.save_invoice)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        for b in (self.print_button, wa, pdf, invoice):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        printing.printed.connect(self._printed)
        printing.failed.connect(self._failed)
        self.render()

    @property
    def is_copy(self) -> bool:
        """A reprint from Riwayat, or a receipt this window printed already: SALINAN."""
        return self.reprint or self.printing.was_printed(self.number)

    @property
    def paper_width(self) -> int:
        return int(self.width_box.currentData())

    def render(self) -> None:
        image = paper.render(rows(self.receipt), self.paper_width, dpi=130)
        self.image.setPixmap(QPixmap.fromImage(image))

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e; font-weight: 600;" if error else "color: #155c39;")

    def print_receipt(self) -> None:
        if not self.printing.configured():
            self.say(_("Printer belum diatur. Atur di Pengaturan → Printer, atau simpan sebagai PDF."), True)
            return
        self.say(_("Mencetak…"))
        self.printing.print_sale(self.number, copy=self.is_copy)

    def _printed(self, number: str) -> None:
        if number == self.number:
            self.say(_("Struk {number} tercetak.").format(number=number))
            if self.is_copy != self.receipt.copy:  # printed once: what it gives from now on is a copy
                self.receipt = receipts_data.for_sale(self.number, copy=True)
                self.render()

    def _failed(self, number: str, message: str) -> None:
        if number == self.number:
            self.say(message, True)

    def _save(self, title: str, suggested: str, make) -> None:  # type: ignore[no-untyped-def]
        path, _filter = ask_save_path(self, title, suggested, "PDF (*.pdf)")
        if not path:
            return
        try:
            with open(path, "wb") as fh:
                fh.write(make())
        except OSError as exc:
            self.say(_("Tidak bisa menulis {path}: {why}").format(path=path, why=exc.strerror or exc), True)
            return
        self.say(_("Tersimpan: {path}").format(path=path))

    def save_pdf(self) -> None:
        self._save(
            _("Simpan struk"),
            f"struk-{self.number}.pdf",
            lambda: _pdf().receipt_pdf(self.receipt, self.paper_width),
        )

    def save_invoice(self) -> None:
        self._save(
            _("Simpan nota A4"), f"nota-{self.number}.pdf", lambda: _invoice().invoice_pdf(self.receipt)
        )

    def whatsapp_link(self) -> str:
        phone = history.customer_phone(self.number)
        text = chat_text(self.receipt)
        try:
            return whatsapp.link(phone, text)
        except PosError:
            return whatsapp.link(None, text)

    def send_whatsapp(self) -> None:
        link = self.whatsapp_link()
        QGuiApplication.clipboard().setText(link)
        if not open_url(QUrl(link)):
            self.say(_("Tautan WhatsApp disalin; tempel di peramban."))
        else:
            self.say(_("WhatsApp dibuka (tautan juga disalin)."))


def _pdf():  # type: ignore[no-untyped-def]
    """reportlab is imported when a PDF is made, not when Kasir starts."""
    return pdf_receipt


def _invoice():  # type: ignore[no-untyped-def]

    return invoice
