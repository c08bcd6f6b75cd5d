"""Bayar (F12): cash with quick notes and change, QRIS for the exact amount, transfer, e-wallets, card,
kasbon, the platform's settlement for aggregator orders, and splits over several methods.

Keyboard: Enter pays (empty cash field = exact money), F1–F7 pick the method, Esc goes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos.core import qris
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.counter.payment import Tender, cash_offers, method_name
from pos.counter.pricing import Quote
from pos.counter.sale import Sale
from ui import theme
from ui.theme import role
from ui.widgets.boxes import ComboBox
from ui.widgets.qr import QrWidget

EWALLETS = ("gopay", "ovo", "dana", "shopeepay")
OFFERS = 5  # beside Uang pas, two rows of three: up to Rp 100.000 for whatever is due below it


class PaymentDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        quote: Quote,
        complete: Callable[[list[Tender]], Sale],
        *,
        cash_rounding: int = 0,
        qris_payload: str = "",
        kasbon_left: int | None = None,
        aggregator: bool = False,
        order_ref: str = "",
    ) -> None:
        super().__init__(parent)
        theme.touch(self)  # fingers: every control 44 px
        self.setWindowTitle(_("Pembayaran"))
        self.setMinimumSize(760, 540)
        self.quote, self.complete_fn = quote, complete
        self.cash_rounding, self.qris_payload = cash_rounding, qris_payload
        self.kasbon_left = kasbon_left
        self.order_ref = order_ref  # the platform's order number: a platform payment's reference to start
        self.tenders: list[Tender] = []
        self.sale: Sale | None = None
        self.method = "platform" if aggregator else "cash"

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(role(QLabel(_("Total")), "title"))
        head.addStretch(1)
        self.total_label = role(QLabel(format_rupiah(quote.total)), "total")
        head.addWidget(self.total_label)
        layout.addLayout(head)
        self.left_label = role(QLabel(""), "muted")
        self.left_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.left_label)

        body = QHBoxLayout()
        body.addLayout(self._method_buttons(aggregator))
        self.pages = QStackedWidget()
        self.pages.addWidget(self._cash_page())
        self.pages.addWidget(self._qris_page())
        self.pages.addWidget(self._other_page())
        body.addWidget(self.pages, 1)
        layout.addLayout(body, 1)

        self.paid_list = QListWidget()
        self.paid_list.setMaximumHeight(80)
        self.paid_list.hide()
        layout.addWidget(self.paid_list)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())
        self.choose(self.method)

    def _method_buttons(self, aggregator: bool) -> QVBoxLayout:
        """One button a method with its key (F1–F7); QRIS and kasbon only when they can be used."""
        methods = QVBoxLayout()
        self.method_buttons: dict[str, QPushButton] = {}
        self.keys: dict[Qt.Key, str] = {}
        choices = [
            ("cash", "F1"),
            ("qris", "F2"),
            ("transfer", "F3"),
            ("ewallet", "F4"),
            ("card", "F5"),
            ("kasbon", "F6"),
            ("platform", "F7"),
        ]
        for code, key in choices:
            label = _("E-wallet") if code == "ewallet" else method_name(code)
            button = QPushButton(f"{label}   {key}")
            button.setCheckable(True)
            button.setMinimumHeight(46)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.choose(c))
            self.keys[getattr(Qt.Key, f"Key_{key}")] = code
            methods.addWidget(button)
            self.method_buttons[code] = button
        if not self.qris_payload:
            self.method_buttons["qris"].setEnabled(False)
            self.method_buttons["qris"].setToolTip(_("Tempel QRIS statis toko di Pengaturan dulu."))
        if self.kasbon_left is None:
            self.method_buttons["kasbon"].setEnabled(False)
            self.method_buttons["kasbon"].setToolTip(_("Pilih pelanggan dulu untuk kasbon."))
        self.method_buttons["platform"].setVisible(aggregator)
        methods.addStretch(1)
        return methods

    def _buttons(self) -> QHBoxLayout:
        """Kembali, a part payment, Selesai: none takes the focus from the amount being typed."""
        buttons = QHBoxLayout()
        back = QPushButton(_("Kembali (Esc)"))
        back.clicked.connect(self.reject)
        self.split_button = QPushButton(_("Bayar sebagian, tambah metode lain"))
        self.split_button.clicked.connect(self.add_part)
        self.pay_button = role(QPushButton(_("Selesai (Enter)")), "primary")
        self.pay_button.setMinimumHeight(52)
        self.pay_button.clicked.connect(self.pay)
        for b in (back, self.split_button, self.pay_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.split_button)
        buttons.addWidget(self.pay_button)
        return buttons

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """F1–F7 choose the method; Enter pays (line edits pay through their own returnPressed)."""
        key = Qt.Key(event.key())
        if key in self.keys:
            self.choose(self.keys[key])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not isinstance(self.focusWidget(), QLineEdit):
                self.pay()
            return
        super().keyPressEvent(event)

    # --- pages ---
    def _cash_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(QLabel(_("Uang diterima (kosongkan = uang pas)")))
        self.cash_input = QLineEdit()
        self.cash_input.setStyleSheet("font-size: 28px;")
        self.cash_input.textChanged.connect(self._update_change)
        self.cash_input.returnPressed.connect(self.pay)
        box.addWidget(self.cash_input)
        grid = QGridLayout()
        exact = role(QPushButton(_("Uang pas")), "tile")
        exact.clicked.connect(lambda: self._quick(0))
        grid.addWidget(exact, 0, 0)
        self.offer_buttons: list[QPushButton] = []
        for index in range(1, OFFERS + 1):  # the sums for what is due: set by _update_left
            button = role(QPushButton(""), "tile")
            button.clicked.connect(lambda _=False, b=button: self._quick(int(b.property("amount"))))
            grid.addWidget(button, index // 3, index % 3)
            self.offer_buttons.append(button)
        for i in range(grid.count()):
            grid.itemAt(i).widget().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        box.addLayout(grid)
        self.change_label = role(QLabel(""), "title")
        box.addWidget(self.change_label)
        box.addStretch(1)
        return page

    def _qris_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.qr = QrWidget("", 300)
        box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        self.qris_label = QLabel("")
        self.qris_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.qris_label)
        box.addWidget(
            role(QLabel(_("Minta pelanggan memindai. Tekan Enter setelah pembayaran masuk.")), "muted")
        )
        return page

    def _other_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.other_title = role(QLabel(""), "title")
        box.addWidget(self.other_title)
        self.wallet = ComboBox()
        for code in EWALLETS:
            self.wallet.addItem(method_name(code), code)
        box.addWidget(self.wallet)
        box.addWidget(QLabel(_("Jumlah")))
        self.other_amount = QLineEdit()
        self.other_amount.setStyleSheet("font-size: 24px;")
        self.other_amount.returnPressed.connect(self.pay)
        self.other_amount.textChanged.connect(lambda _t: self.error.clear())  # a message is the last try's
        box.addWidget(self.other_amount)
        self.reference_label = QLabel(_("No. referensi"))
        box.addWidget(self.reference_label)
        self.reference = QLineEdit()
        self.reference.returnPressed.connect(self.pay)
        self.reference.textChanged.connect(lambda _t: self.error.clear())
        box.addWidget(self.reference)
        self.other_note = role(QLabel(""), "muted")
        self.other_note.setWordWrap(True)
        box.addWidget(self.other_note)
        box.addStretch(1)
        return page

    # --- state ---
    def paid_so_far(self) -> int:
        return sum(t.amount for t in self.tenders)

    def due(self, method: str | None = None) -> int:
        """What is still to pay; all-cash payments use the cash-rounded total."""
        method = method or self.method
        all_cash = method == "cash" and all(t.method == "cash" for t in self.tenders)
        total = self.quote.cash_total(self.cash_rounding) if all_cash else self.quote.total
        return max(0, total - self.paid_so_far())

    def choose(self, code: str) -> None:
        button = self.method_buttons.get(code)
        if button is None or not button.isEnabled() or button.isHidden():
            return
        self.method = code
        for c, b in self.method_buttons.items():
            b.setChecked(c == code)
        self.error.clear()
        due = self.due()
        if code == "cash":
            self.pages.setCurrentIndex(0)
            self.cash_input.setFocus()
            self._update_change()
        elif code == "qris":
            self.pages.setCurrentIndex(1)
            try:
                self.qr.set_text(qris.to_dynamic(self.qris_payload, due))
                self.qris_label.setText(f"QRIS {format_rupiah(due)}")
            except PosError as exc:
                self.error.setText(exc.text)
            self.setFocus()
        else:
            self.pages.setCurrentIndex(2)
            self.other_title.setText(_("E-wallet") if code == "ewallet" else method_name(code))
            self.wallet.setVisible(code == "ewallet")
            self.other_amount.setText(str(due))
            self.reference_label.setVisible(code in ("transfer", "card", "platform", "ewallet"))
            self.reference.setVisible(code in ("transfer", "card", "platform", "ewallet"))
            self.reference.setText(self.order_ref if code == "platform" else "")
            notes = {
                "card": _("Gesek/tap di mesin EDC bank, lalu tulis nomor referensinya."),
                "kasbon": _("Sisa batas kasbon pelanggan: {left}").format(
                    left=format_rupiah(self.kasbon_left or 0)
                ),
                "platform": _("Pesanan dibayar lewat aplikasi; tulis nomor pesanan."),
            }
            self.other_note.setText(notes.get(code, ""))
            self.other_amount.setFocus()
            self.other_amount.selectAll()
        self._update_left()

    def _update_left(self) -> None:
        due = self.due()
        for button, amount in zip(self.offer_buttons, cash_offers(self.due("cash"), OFFERS), strict=True):
            button.setProperty("amount", amount)  # never a note below what is due (10.000 for Rp 25.500)
            button.setText(format_rupiah(amount).replace("Rp ", ""))
        rounding = self.quote.cash_total(self.cash_rounding) - self.quote.total
        text = _("Sisa: {due}").format(due=format_rupiah(due)) if self.tenders else ""
        if self.method == "cash" and rounding and not self.tenders:
            text = _("Dibulatkan untuk tunai: {total}").format(
                total=format_rupiah(self.quote.cash_total(self.cash_rounding))
            )
        self.left_label.setText(text)

    def _quick(self, note: int) -> None:
        self.cash_input.setText("" if note == 0 else str(note))
        self.cash_input.setFocus()
        if note == 0:
            self.pay()

    def _update_change(self) -> None:
        self.error.clear()  # "Pembayaran kurang …" belongs to the amount that was short, not to this one
        text = self.cash_input.text().strip()
        if not text:
            self.change_label.setText(_("Uang pas: {due}").format(due=format_rupiah(self.due("cash"))))
            return
        try:
            amount = parse_rupiah(text)
        except PosError:
            self.change_label.setText(_("Jumlah tidak valid"))
            return
        change = amount - self.due("cash")
        self.change_label.setText(
            _("Kembalian: {c}").format(c=format_rupiah(change))
            if change >= 0
            else _("Kurang: {c}").format(c=format_rupiah(-change))
        )

    def current_tender(self) -> Tender:
        """The tender typed on the current page (raises PosError for a bad amount)."""
        if self.method == "cash":
            text = self.cash_input.text().strip()
            return Tender("cash", parse_rupiah(text) if text else self.due("cash"))
        if self.method == "qris":
            return Tender("qris", self.due())
        amount = parse_rupiah(self.other_amount.text() or "0")
        method = self.wallet.currentData() if self.method == "ewallet" else self.method
        return Tender(method, amount, self.reference.text())

    # --- actions ---
    def add_part(self) -> None:
        try:
            tender = self.current_tender()
        except PosError as exc:
            self.error.setText(exc.text)
            return
        if tender.amount <= 0 or tender.amount >= self.due():
            self.pay()
            return
        self.tenders.append(tender)
        self.paid_list.addItem(f"{method_name(tender.method)}  {format_rupiah(tender.amount)}")
        self.paid_list.show()
        self.cash_input.clear()
        self.choose(self.method)

    def pay(self) -> None:
        if self.sale is not None:
            return  # a second Enter never makes two sales
        try:
            tender = self.current_tender()
            tenders = [*self.tenders, tender] if tender.amount > 0 else list(self.tenders)
            self.pay_button.setEnabled(False)
            self.sale = self.complete_fn(tenders)
        except PosError as exc:
            self.error.setText(exc.text)
            self.pay_button.setEnabled(True)
            return
        self.accept()
