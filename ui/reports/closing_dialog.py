"""After a closing: its slip with the journal's head and check code, sent to the owner by WhatsApp, copied
or printed — the anchor that lives outside the database file."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from pos.audit import anchor
from pos.core import settings
from pos.core.i18n import _
from receipts import closing_slip
from ui import paper
from ui.theme import role


class ClosingDialog(QDialog):
    def __init__(self, parent: QWidget | None, closing: object) -> None:
        super().__init__(parent)
        self.closing = closing
        self.head = anchor.of_closing(closing) or anchor.head()  # type: ignore[arg-type]
        self.setWindowTitle(_("Tutup buku tersimpan"))
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Kode cek jurnal: {code}").format(code=self.head.code)), "title"))
        why = QLabel(
            _(
                "Kirim atau catat kode ini di luar komputer kasir. Dengan kode ini Kasir bisa membuktikan "
                "nanti bahwa buku sampai jurnal #{seq} tidak diubah, juga oleh orang yang bisa mengubah file "
                "databasenya."
            ).format(seq=self.head.seq)
        )
        why.setTextFormat(Qt.TextFormat.PlainText)
        why.setWordWrap(True)
        layout.addWidget(why)
        self.slip = QLabel()
        self.slip.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.slip.setPixmap(QPixmap.fromImage(paper.render(self.rows(), 58, dpi=120)))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.slip)
        scroll.setMinimumHeight(360)
        layout.addWidget(scroll, 1)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.whatsapp_button = role(QPushButton(_("Kirim ke pemilik (WhatsApp)")), "primary")
        self.whatsapp_button.clicked.connect(self.send)
        self.copy_button = QPushButton(_("Salin kode"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton(_("Cetak slip"))
        self.print_button.clicked.connect(self.print_slip)
        done = QPushButton(_("Tutup"))
        done.clicked.connect(self.accept)
        for button in (self.whatsapp_button, self.copy_button, self.print_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(done)
        layout.addLayout(row)

    def rows(self):  # type: ignore[no-untyped-def]
        return closing_slip.rows(
            self.closing, (self.head.seq, self.head.hash), str(settings.get("shop_name") or "Kasir")
        )

    def link(self) -> str:
        return anchor.whatsapp_link(self.closing)  # type: ignore[arg-type]

    def send(self) -> None:
        QDesktopServices.openUrl(QUrl(self.link()))
        self.message.setText(_("WhatsApp dibuka dengan pesan kode cek untuk pemilik."))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(anchor.message(self.closing, self.head))  # type: ignore[arg-type]
        self.message.setText(_("Pesan dengan kode cek disalin."))

    def print_slip(self) -> None:
        window = self.parent().window() if self.parent() else None
        printing = getattr(window, "printing", None)
        if printing is None or not printing.configured():
            self.message.setText(
                _("Printer belum diatur. Atur di Pengaturan → Printer, atau simpan sebagai PDF.")
            )
            return
        printing.print_rows(f"closing-{self.closing.number}", self.rows())  # type: ignore[attr-defined]
        self.message.setText(_("Slip dikirim ke printer."))
