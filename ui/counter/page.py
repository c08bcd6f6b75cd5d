"""Kasir — the counter. Scanner- and keyboard-first: the search field always has the focus.

Keys: Enter add (exact barcode/SKU, else the highlighted result) · ↑↓ pick · + / - quantity of the
selected line · 3* then scan = 3 pieces · * alone = type a quantity · Del remove line · F2 search ·
F4 customer · F6 note · F7 discount · F8 park · F9 parked orders · F10 today's sales · F12 pay · Esc clear.

The page is put together from its parts: the scan field (scan_entry), the order details (order_details),
the cart table and its keys (cart_keys), the customer strip (customer_strip), parking and voiding
(parking); paying, the totals and the receipt are here.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QInputDialog, QPushButton, QVBoxLayout, QWidget

from pos.catalog import channel as channels
from pos.core import settings, staff
from pos.core.cart import Cart
from pos.core.changes import Changes
from pos.core.errors import PosError, SerialRequired, ShiftRequired
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.counter import counter_cart, counter_reads, delivery, draft, sale, shift
from pos.customers import gifts, loyalty, stamps
from pos.customers.customer import Customer
from ui import theme
from ui.counter.approval import ApprovalDialog
from ui.counter.cart_keys import DISCOUNT_COLUMN, CartKeys
from ui.counter.customer_strip import CustomerStrip
from ui.counter.first_steps import FirstSteps
from ui.counter.order_details import OrderDetails
from ui.counter.parking import Parking
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.quick_grid import QuickGrid
from ui.counter.receipt_dialog import ReceiptDialog
from ui.counter.scan_entry import ScanEntry
from ui.counter.shift_dialogs import ShiftBar
from ui.counter.totals import TotalsPanel
from ui.events import hub
from ui.theme import role
from ui.widgets import dialogs


class CounterPage(ScanEntry, OrderDetails, CartKeys, CustomerStrip, Parking, QWidget):
    key = "counter"
    permission = "sell"
    shortcut = "F2"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = _("Kasir")
        self.cart = Cart()
        self.approval: staff.Approval | None = None  # the owner's PIN for this cart's discount or price
        self.customer: Customer | None = None
        self.pending_qty: Decimal | None = None
        self.refused_qty = (
            ""  # a quantity prefix refused: the next scan is stopped with its message, not sold as 1
        )
        self.last_sale = None
        self.points_rules: loyalty.Rules | None = None
        self.stamp_cards: list[stamps.Card] = []
        self.gift_programs: list[gifts.Gift] = []
        self.full_cards: list[stamps.Card] = []
        self.draft_timer = dialogs.debounced(
            self, 300, self.keep_draft
        )  # the cart to disk (pos/counter/draft.py)
        self._build()
        self._shortcuts()
        hub.changed.connect(self._changed)
        self.failed_print = ""
        self.done_text = ""  # what the last sale's message said (its change), kept when the printer answers
        self._error_shown = False  # the message line holds a refusal
        self._error_now = False  # ... said in the action running now
        printing = getattr(window, "printing", None)
        if printing is not None:
            printing.printed.connect(self._printed)
            printing.failed.connect(self._print_failed)

    # --- building ---
    def _build(self) -> None:
        theme.touch(self)  # fingers: every control 44 px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        left = QVBoxLayout()
        self.shift_bar = ShiftBar(self)
        self.shift_bar.changed.connect(self._shift_changed)
        left.addWidget(self.shift_bar)
        self.first_steps = FirstSteps(self.window_, self)  # "Langkah awal" of a new shop, until done
        left.addWidget(self.first_steps)
        left.addLayout(self._build_scan_row())
        left.addLayout(self._build_details())
        left.addWidget(self._build_results())
        left.addWidget(self._build_table(), 1)
        left.addLayout(self._build_message_row())
        left.addLayout(self._build_keys())
        left.addWidget(self._build_help_line())
        layout.addLayout(left, 3)
        layout.addWidget(self._build_right(), 2)

    def _build_right(self) -> QWidget:
        right_box = QWidget()
        right_box.setMaximumWidth(450)  # 450 on a 1366 px laptop, its content's minimum on a 1024 px terminal
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(self._build_customer_row())
        right.addLayout(self._build_reward_row())
        self.grid = QuickGrid(self.add_product)
        right.addWidget(self.grid, 1)
        self.totals = TotalsPanel()
        right.addWidget(self.totals)
        self.pay_button = role(QPushButton(_("BAYAR  (F12)")), "primary")
        self.pay_button.setMinimumHeight(64)
        self.pay_button.setStyleSheet("font-size: 22px;")
        self.pay_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pay_button.clicked.connect(self.pay)
        self.cod_button = QPushButton(_("Kirim, bayar di\ntempat (COD)"))  # delivery/social orders only
        self.cod_button.setMinimumHeight(64)
        self.cod_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cod_button.clicked.connect(self.send_cod)
        self.cod_button.hide()
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.cod_button, 1)
        pay_row.addWidget(self.pay_button, 2)
        right.addLayout(pay_row)
        return right_box

    def _shortcuts(self) -> None:
        """Function keys, handled as key events (not QShortcut, which would also fire inside dialogs)."""
        self.keys = {
            Qt.Key.Key_F2: self.focus_search,
            Qt.Key.Key_F3: self.ask_chat_order,
            Qt.Key.Key_F4: self.ask_customer,
            Qt.Key.Key_F5: self.ask_points,
            Qt.Key.Key_F6: self.ask_note,
            Qt.Key.Key_F7: self.ask_discount,
            Qt.Key.Key_F8: self.park_order,
            Qt.Key.Key_F9: self.show_parked,
            Qt.Key.Key_F10: self.show_history,
            Qt.Key.Key_F11: self.show_last_receipt,
            Qt.Key.Key_F12: self.pay,
        }

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        action = self.keys.get(Qt.Key(event.key()))
        if action is not None:
            action()
            return
        super().keyPressEvent(event)

    # --- the section protocol ---
    def refresh(self) -> None:
        self.channel.blockSignals(True)
        self.channel.clear()
        for ch in channels.active():
            self.channel.addItem(_(ch.name), ch.code)
        self.channel.setCurrentIndex(max(0, self.channel.findData(self.cart.channel)))
        self.channel.blockSignals(False)
        self.grid.reload()
        self.points_rules = loyalty.rules()
        self.stamp_cards = stamps.programs()
        self.gift_programs = gifts.programs()
        self.shift_bar.refresh()
        self.first_steps.refresh()
        self._show_details()
        self.update_cart()
        self.focus_search()

    def _changed(self, done: Changes) -> None:
        if done.any("settings", "product") and self.isVisible():
            self.refresh()

    @property
    def user(self) -> User:
        return self.window_.user  # type: ignore[attr-defined, no-any-return]

    # --- messages ---
    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self._error_shown = error
        self._error_now = error  # said in this action: the cart update that follows keeps it
        if error:
            QTimer.singleShot(0, self._error_said)
        self.message.setStyleSheet(
            "color: #b3261e; font-weight: 600; font-size: 16px;"
            if error
            else "color: #155c39; font-weight: 600; font-size: 16px;"
        )
        if error:
            QApplication.beep()

    def _error_said(self) -> None:
        self._error_now = False

    # --- the cart ---
    def update_cart(self, select: int | None = None) -> None:
        if self._error_shown and not self._error_now:
            self.message.clear()  # a later change went through: the old refusal no longer applies
            self._error_shown = False
        added = gifts.apply(self.cart, self.gift_programs)
        if added:
            self.say(_("Bonus masuk keranjang: {items}").format(items=", ".join(added)))
        quote = sale.preview(self.cart)
        self.model.set_cart(self.cart, quote)
        discounted = any(ln.discount > 0 for ln in self.cart.lines)
        self.table.setColumnHidden(DISCOUNT_COLUMN, not discounted)  # its width goes to the names till then
        self.totals.show_quote(quote, self.cart, channels.get(self.cart.channel))
        self.pay_button.setEnabled(not self.cart.is_empty and self.shift_bar.is_open)
        self.cod_button.setEnabled(not self.cart.is_empty)
        if select is not None:
            self.select_line(select)
        elif self.cart.lines and self.selected_line() < 0:
            self.select_line(len(self.cart.lines) - 1)
        self._show_customer()
        self.draft_timer.start()

    def keep_draft(self) -> None:
        """What a crash or power cut would otherwise lose: the cart as it is now, on disk."""
        self.draft_timer.stop()
        if self.window_.user is not None:  # type: ignore[attr-defined]
            draft.keep(self.cart, self.user.name)

    # --- paying ---
    def pay(self) -> None:
        if self.cart.is_empty:
            self.say(_("Keranjang masih kosong."), error=True)
            return
        if not self._details_changed():  # an ongkir of "10rb?" is never paid as Rp 0: fix it first
            self.fee.setFocus()
            return

        if shift.current() is None:  # before the payment dialog, not after the cash was counted
            self.say(ShiftRequired().text, error=True)
            return
        if not self._ask_serials():
            return
        shop = settings.all_settings()
        quote = sale.preview(self.cart)
        c = self.customer
        kasbon_left = counter_cart.kasbon_left(c.credit_limit, c.kasbon) if c is not None else None
        approver = self._pay_approval()
        if approver is False:
            return
        cart = self.cart
        dialog = PaymentDialog(
            self,
            quote,
            lambda tenders: sale.complete(cart, tenders, self.user, approver),
            cash_rounding=int(shop["cash_rounding"]),
            qris_payload=str(shop["qris_payload"]),
            kasbon_left=kasbon_left,
            aggregator=channels.get(cart.channel).kind == "aggregator",
            order_ref=counter_cart.payment_reference(cart, "platform"),
        )
        if dialogs.run(dialog) and dialog.sale is not None:
            self.finish(dialog.sale)
        self.focus_search()

    def _ask_serials(self) -> bool:
        """Each serialised item's serial number, asked for before payment where it is missing (a chat
        order's, or one whose prompt was cancelled); False when the cashier cancels one."""
        for index in counter_reads.without_serial(self.cart):
            line = self.cart.lines[index]
            serial, ok = QInputDialog.getText(
                self,
                _("Nomor seri"),
                dialogs.plain(_("Nomor seri {name} (untuk garansi):").format(name=line.name)),
            )
            serial = counter_cart.one_line(serial).strip() if ok else ""
            if not serial:
                self.say(SerialRequired(name=line.name).text, error=True)
                return False
            line.serial_number = serial
        return True

    def _pay_approval(self) -> staff.Approval | None | bool:
        """The owner's approval this cart's discount or changed price needs, if the cashier may not give
        it: the one typed at Diskon / Ubah harga while still fresh, else the PIN asked again now (an
        approval lasts minutes, a parked order days). False when the owner did not approve."""
        try:
            missing = [p for p in sale.needed_permissions(self.cart) if not staff.can(self.user, p)]
        except PosError as exc:
            self.say(exc.text, error=True)
            return False
        if not missing:
            return None
        if staff.approval_valid(self.approval):
            return self.approval
        dialog = ApprovalDialog(
            self, _("Diskon atau harga ubahan butuh PIN pemilik"), need_pin=True, need_reason=False
        )
        if not dialogs.run(dialog):
            return False
        self.approval = dialog.approver
        return self.approval

    def send_cod(self) -> None:
        """The order goes out unpaid with the courier (cash on delivery): onto Antaran, the cash taken when
        the courier is back; a new cart here."""
        if self.cart.is_empty:
            self.say(_("Keranjang masih kosong."), error=True)
            return
        if not self._details_changed():
            self.fee.setFocus()
            return
        approver = self._pay_approval()
        if approver is False:
            return
        cart = self.cart
        order = dialogs.run_service(self, lambda: delivery.send_cod(cart, self.user, approver))
        if order is None:
            return
        self.new_cart()
        self.say(
            _("✓ {label} dikirim, bayar di tempat {total} · lihat Antaran").format(
                label=delivery.get(order.id).label, total=format_rupiah(order.expected)
            )
        )
        self.focus_search()

    def finish(self, done) -> None:  # type: ignore[no-untyped-def]
        paid = counter_reads.paid(done.id)
        change = paid.change
        self.last_sale = done
        self.new_cart()
        text = _("✓ Nota {number} tersimpan · Total {total}").format(
            number=done.number, total=format_rupiah(done.total)
        )
        if change:
            text += " · " + _("Kembalian {change}").format(change=format_rupiah(change))
        if done.customer_id:
            earned, _redeemed = loyalty.sale_points(done.id)
            if earned:
                text += " · " + _("+{n} poin").format(n=earned)
        self.done_text = text
        self.say(text)
        self.window_.printing.sale_done(done.number, cash=paid.cash)  # type: ignore[attr-defined]

    def _shift_changed(self) -> None:
        if self.shift_bar.is_open and self.message.text() == ShiftRequired().text:
            self.message.clear()  # "Buka shift dulu" belongs to the closed shift, not to the open one
        self.update_cart()
        self.focus_search()

    # --- paper ---
    def show_last_receipt(self) -> None:
        if self.last_sale is None:
            self.say(
                _("Belum ada penjualan di layar ini. Cetak ulang nota lain dari Riwayat (F10)."), error=True
            )
            return
        dialogs.run(ReceiptDialog(self, self.last_sale.number, self.window_.printing))  # type: ignore[attr-defined]
        self.focus_search()

    def retry_print(self) -> None:
        if self.failed_print:
            self.retry_button.hide()
            self.say(_("Mencetak ulang {number}…").format(number=self.failed_print))
            self.window_.printing.print_sale(self.failed_print)  # type: ignore[attr-defined]
        self.focus_search()

    def _sale_said(self) -> bool:
        """Whether the message line still tells the last sale (its total and change)."""
        return bool(self.done_text) and self.message.text().startswith(self.done_text)

    def _printed(self, number: str) -> None:
        if number == self.failed_print:
            self.failed_print = ""
            self.retry_button.hide()
        if self.last_sale is not None and number == self.last_sale.number and self._sale_said():
            self.say(self.done_text + " · " + _("struk tercetak"))

    def _print_failed(self, number: str, message: str) -> None:
        """The sale is stored whatever the printer does: its message (the change) stays, the failure is
        added. A receipt can be printed again (Coba lagi); the drawer's pulse is not offered again."""
        if number != "drawer":
            self.failed_print = number
            self.retry_button.show()
        self.say(f"{self.done_text} · {message}" if self._sale_said() else message, error=True)
