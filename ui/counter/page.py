"""Kasir — the counter. Scanner- and keyboard-first: the search field always has the focus.

Keys: Enter add (exact barcode/SKU, else the highlighted result) · ↑↓ pick · + / - quantity of the
selected line · 3* then scan = 3 pieces · * alone = type a quantity · Del remove line · F2 search ·
F4 customer · F6 note · F7 discount · F8 park · F9 parked orders · F10 today's sales · F12 pay · Esc clear.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.models import Customer, Product, User
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.catalog.channel import ORDER_TYPES
from pos.core import phone, settings, staff
from pos.core.cart import Cart, parse_qty
from pos.core.errors import PosError, ProductNotFound, ShiftRequired
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.text import qty_text
from pos.counter import draft, park, sale
from pos.customers import birthday, gifts, loyalty, stamps, voucher
from ui import theme
from ui.counter.approval import ApprovalDialog
from ui.counter.cart_model import CartModel
from ui.counter.chat_order_dialog import ChatOrderDialog
from ui.counter.customer_dialog import CustomerDialog
from ui.counter.discount_dialog import DiscountDialog
from ui.counter.first_steps import FirstSteps
from ui.counter.history_dialog import HistoryDialog
from ui.counter.parked_dialog import ParkedDialog
from ui.counter.payment_dialog import PaymentDialog
from ui.counter.quick_grid import QuickGrid
from ui.counter.receipt_dialog import ReceiptDialog
from ui.counter.shift_dialogs import ShiftBar
from ui.counter.totals import TotalsPanel
from ui.events import hub
from ui.printing import PrintSettings
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox

KEYS_HELP = N_(
    "Enter tambah · ↑↓ pilih · +/- jumlah · 3* lalu scan · Del hapus · F4 pelanggan · F5 poin · F6 catatan · "
    "F7 diskon · F8 simpan · F9 tersimpan · F10 riwayat · F11 struk · F12 bayar · F3 pesanan dari chat"
)


DISCOUNT_COLUMN = 3  # CartModel's Diskon


class CounterPage(QWidget):
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
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Scan barcode atau ketik nama barang (F2)"))
        self.search.setStyleSheet("font-size: 20px; padding: 10px;")
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        top.addWidget(self.search, 1)
        self.channel = ComboBox()
        self.channel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.channel.setMinimumWidth(170)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        top.addWidget(self.channel)
        chat = QPushButton(_("Chat (F3)"))  # beside the channel: not a third row of action buttons
        chat.setToolTip(_("Pesanan dari chat: tempel pesan WhatsApp pelanggan"))
        chat.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chat.clicked.connect(self.ask_chat_order)
        top.addWidget(chat)
        left.addLayout(top)

        details = QHBoxLayout()
        self.order_type = ComboBox()
        for code in ("take_away", "dine_in"):
            self.order_type.addItem(_(ORDER_TYPES[code]), code)
        self.order_type.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.order_type.setMaximumWidth(220)
        self.order_type.currentIndexChanged.connect(
            lambda _i: setattr(self.cart, "order_type", self.order_type.currentData() or self.cart.order_type)
        )
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("No. pesanan / akun pemesan"))
        self.reference.editingFinished.connect(self._details_changed)
        self.fee = QLineEdit()
        self.fee.setPlaceholderText(_("Ongkir (Rp)"))
        self.fee.setMaximumWidth(130)
        self.fee.editingFinished.connect(self._details_changed)
        self.address = QLineEdit()
        self.address.setPlaceholderText(_("Alamat antar"))
        self.address.editingFinished.connect(self._details_changed)
        for w in (self.order_type, self.reference, self.fee, self.address):
            details.addWidget(w)
        details.addStretch(1)
        left.addLayout(details)

        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMaximumHeight(230)
        self.results.setStyleSheet("font-size: 16px;")
        self.results.itemClicked.connect(lambda item: self._add_result(item))
        self.results.hide()
        left.addWidget(self.results)

        self.model = CartModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setStyleSheet("font-size: 16px;")
        left.addWidget(self.table, 1)

        message_row = QHBoxLayout()
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names in it are shown, never rendered
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(30)
        message_row.addWidget(self.message, 1)
        self.retry_button = QPushButton(_("Coba lagi"))
        self.retry_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.retry_button.clicked.connect(self.retry_print)
        self.retry_button.hide()
        message_row.addWidget(self.retry_button)
        left.addLayout(message_row)

        buttons = dialogs.FlowLayout(uniform=True)  # 5 a row on a laptop, fewer on a 1024 px terminal
        actions = [
            (_("Jumlah (*)"), self.ask_quantity),
            (_("Catatan (F6)"), self.ask_note),
            (_("Diskon (F7)"), self.ask_discount),
            (_("Ubah harga"), self.ask_price),
            (_("Hapus (Del)"), self.remove_line),
            (_("Simpan (F8)"), self.park_order),
            (_("Tersimpan (F9)"), self.show_parked),
            (_("Riwayat (F10)"), self.show_history),
            (_("Struk (F11)"), self.show_last_receipt),
            (_("Batal"), self.void_order),
        ]
        for text, slot in actions:
            button = role(QPushButton(text), "key")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        left.addLayout(buttons)
        help_line = role(QLabel(_(KEYS_HELP)), "muted")
        help_line.setWordWrap(True)
        help_line.setStyleSheet("font-size: 12px;")
        left.addWidget(help_line)
        layout.addLayout(left, 3)

        right_box = QWidget()
        right_box.setMaximumWidth(450)  # 450 on a 1366 px laptop, its content's minimum on a 1024 px terminal
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)

        customer_row = QHBoxLayout()
        self.customer_label = QLabel("")
        self.customer_label.setWordWrap(True)
        customer_row.addWidget(self.customer_label, 1)
        pick = QPushButton(_("Pelanggan (F4)"))
        pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pick.clicked.connect(self.ask_customer)
        self.drop_customer = QPushButton("×")
        self.drop_customer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.drop_customer.setFixedWidth(44)
        self.drop_customer.clicked.connect(lambda: self.set_customer(None))
        customer_row.addWidget(pick)
        customer_row.addWidget(self.drop_customer)
        right.addLayout(customer_row)
        reward_row = QHBoxLayout()
        self.stamps_label = role(QLabel(""), "muted")
        self.stamps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stamps_label.setWordWrap(True)
        reward_row.addWidget(self.stamps_label, 1)
        self.voucher_button = QPushButton("")
        self.voucher_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voucher_button.clicked.connect(self.drop_voucher)
        self.voucher_button.hide()
        reward_row.addWidget(self.voucher_button)
        self.stamps_button = QPushButton(_("Tukar stempel"))
        self.stamps_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stamps_button.clicked.connect(self.claim_stamps)
        self.stamps_button.hide()
        reward_row.addWidget(self.stamps_button)
        self.points_button = QPushButton(_("Tukar poin (F5)"))
        self.points_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.points_button.clicked.connect(self.ask_points)
        reward_row.addWidget(self.points_button)
        right.addLayout(reward_row)
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
        layout.addWidget(right_box, 2)

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

    def _changed(self, what: str) -> None:
        if what in ("settings", "product") and self.isVisible():
            self.refresh()

    @property
    def user(self) -> User:
        return self.window_.user  # type: ignore[attr-defined, no-any-return]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- messages ---
    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(
            "color: #b3261e; font-weight: 600; font-size: 16px;"
            if error
            else "color: #155c39; font-weight: 600; font-size: 16px;"
        )
        if error:
            QApplication.beep()

    # --- search and adding ---
    def _search_changed(self, text: str) -> None:
        self.results.clear()
        words = text.strip()
        if len(words) < 2 or words.isdigit():
            self.results.hide()
            return
        channel = channels.get(self.cart.channel)
        for product in catalog.search(words, 12):
            item = QListWidgetItem(f"{product.name}    {format_rupiah(catalog.price_for(product, channel))}")
            item.setData(Qt.ItemDataRole.UserRole, product.id)
            self.results.addItem(item)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            return self._search_key(event)  # type: ignore[arg-type]
        return super().eventFilter(obj, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key, text = event.key(), self.search.text()
        action = self.keys.get(Qt.Key(key))
        if action is not None:
            action()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if self.results.isVisible():
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
            else:
                self.select_line(self.selected_line() + step)
            return True
        if key == Qt.Key.Key_Escape:
            if text or self.results.isVisible():
                self.search.clear()
            self.pending_qty, self.refused_qty = None, ""
            return True
        if not text.strip():
            if event.text() == "+":
                self.step_quantity(1)
                return True
            if event.text() == "-":
                self.step_quantity(-1)
                return True
            if event.text() == "*":
                self.ask_quantity()
                return True
            if key == Qt.Key.Key_Delete:
                self.remove_line()
                return True
        elif event.text() == "*":
            try:
                self.pending_qty, self.refused_qty = parse_qty(text.strip()), ""
            except PosError as exc:
                self.pending_qty, self.refused_qty = None, exc.text
                self.say(exc.text, error=True)
            else:
                self.say(_("Jumlah berikutnya: {q}").format(q=qty_text(self.pending_qty)))
            self.search.clear()
            return True
        return False

    def enter(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        try:
            product = catalog.by_code(text)
        except ProductNotFound as exc:
            item = self.results.currentItem() if self.results.isVisible() else None
            if item is None:
                if (
                    self.apply_voucher(text)
                    or self.scale_label(text)
                    or self.offer_new_product(text, exc.text)
                ):
                    return
                self.say(exc.text, error=True)
                self.search.selectAll()
                return
            self._add_result(item)
            return
        self.add_product(product)

    def scale_label(self, code: str) -> bool:
        """A label printed by the shop's scale (weight or price in the code): its product with the label's
        quantity. True when the code was such a label (added, or said why not)."""
        from pos.core import barcodes
        from pos.core.money import line_amount

        try:
            read = barcodes.read_scale(code, barcodes.scale_layout())
        except PosError:
            return False
        if read is None:
            return False
        product = barcodes.find_scale_product(read)
        try:
            if product is None:
                raise ProductNotFound(code=f"{code} (PLU {read.plu})")
            qty, total = barcodes.scale_quantity(product, read)
        except PosError as exc:
            self.say(exc.text, error=True)
            self.search.selectAll()
            return True
        self.pending_qty = qty
        self.add_product(product)
        price = catalog.price_for(product, channels.get(self.cart.channel))
        if self.pending_qty is None and total is not None and line_amount(qty, price) != total:
            # The cart has no exact line total: quantity x price, which differs only when the scale's
            # price per kg is not the catalogue's (or on a channel with its own price).
            self.say(
                _("{name} × {qty}: label {label}, di keranjang {cart} — harga di timbangan beda.").format(
                    name=product.name,
                    qty=qty_text(qty),
                    label=format_rupiah(total),
                    cart=format_rupiah(line_amount(qty, price)),
                ),
                error=True,
            )
        return True

    def offer_new_product(self, code: str, not_found: str) -> bool:
        """An unknown code that looks like a barcode (digits, 6 or more): register it as a new product
        (the owner's PIN if the user may not add products) and sell it at once. True when handled."""
        from pos.core import barcodes
        from ui.catalog.product_dialog import ProductDialog, products_approval

        if not (code.isascii() and code.isdigit() and len(code) >= 6):
            return False
        try:
            code = barcodes.check_barcode(code)
        except PosError as exc:  # a misread EAN (wrong check digit): scan again, do not register it
            self.say(f"{not_found} {exc.text}", error=True)
            self.search.selectAll()
            return True
        QApplication.beep()
        if not dialogs.ask_yes_no(
            self, _("Barang belum terdaftar — tambahkan?\n\nBarcode: {code}").format(code=code)
        ):
            self.say(not_found, error=True)
            self.search.selectAll()
            return True
        go_on, approver = products_approval(self, self.user, _("Tambah barang baru"))
        dialog = ProductDialog(self, self.user, barcode=code, approver=approver) if go_on else None
        if dialog is not None and dialogs.run(dialog) and dialog.product is not None:
            if dialog.product.active:
                self.add_product(dialog.product)
            else:
                self.search.clear()
                self.say(
                    _("{name} tersimpan, tetapi nonaktif: tidak dijual.").format(name=dialog.product.name)
                )
        self.focus_search()
        return True

    def _add_result(self, item: QListWidgetItem) -> None:
        self.add_product(Product.get_by_id(int(item.data(Qt.ItemDataRole.UserRole))))

    def add_product(self, product: Product) -> None:
        if self.refused_qty:  # the cashier meant another quantity: nothing sold until they scan again
            self.say(
                self.refused_qty
                + " "
                + _("{name} belum ditambahkan; pindai lagi.").format(name=product.name),
                True,
            )
            self.refused_qty = ""
            self.search.clear()
            self.results.hide()
            return
        qty = self.pending_qty or Decimal(1)
        price = catalog.price_for(product, channels.get(self.cart.channel))
        try:
            index = self.cart.add(
                product.id,
                product.name,
                price,
                qty,
                tax_category=product.tax_category,
                merge=not product.serialised,
            )
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        if product.serialised:
            serial, ok = QInputDialog.getText(
                self, _("Nomor seri"), dialogs.plain(_("Nomor seri {name}:").format(name=product.name))
            )
            if ok:
                self.cart.lines[index].serial_number = " ".join(serial.split())[:60]
        self.pending_qty = None
        self.search.clear()
        self.results.hide()
        self.say(_("{name} × {qty}").format(name=product.name, qty=qty_text(self.cart.lines[index].qty)))
        self.update_cart(select=index)
        self._warn_stock(product)
        self.focus_search()

    def _warn_stock(self, product: Product) -> None:
        """Selling beyond the recorded stock is allowed (the delivery is recorded later) but said."""
        if not product.track_stock:
            return
        held = Product.get_by_id(product.id).on_hand
        wanted = sum((ln.qty for ln in self.cart.lines if ln.product_id == product.id), Decimal(0))
        if wanted > held:
            self.say(
                _("{name}: stok tercatat tinggal {left}. Catat barang datang di Stok.").format(
                    name=product.name, left=qty_text(held)
                ),
                error=True,
            )

    # --- the cart ---
    def update_cart(self, select: int | None = None) -> None:
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

    def selected_line(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_line(self, row: int) -> None:
        if not self.cart.lines:
            return
        row = max(0, min(len(self.cart.lines) - 1, row))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _line_or_say(self) -> int | None:
        row = self.selected_line()
        if row < 0:
            self.say(_("Pilih baris di keranjang dulu."), error=True)
            return None
        return row

    def step_quantity(self, step: int) -> None:
        row = self._line_or_say()
        if row is None:
            return
        line = self.cart.lines[row]
        new = line.qty + step
        if new <= 0:
            self.remove_line()
            return
        self._try(lambda: self.cart.set_qty(row, new), row)

    def ask_quantity(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            _("Jumlah"),
            dialogs.plain(_("Jumlah {name} (mis. 2 atau 0,25):").format(name=self.cart.lines[row].name)),
            text=qty_text(self.cart.lines[row].qty),
        )
        if ok:
            self._try(lambda: self.cart.set_qty(row, text), row)
        self.focus_search()

    def ask_note(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        text, ok = QInputDialog.getText(
            self,
            _("Catatan"),
            dialogs.plain(
                _("Catatan untuk {name} (mis. tanpa sambal):").format(name=self.cart.lines[row].name)
            ),
            text=self.cart.lines[row].note,
        )
        if ok:
            self._try(lambda: self.cart.set_note(row, text), row)
        self.focus_search()

    def _try(self, action, row: int | None = None) -> None:  # type: ignore[no-untyped-def]
        try:
            action()
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        self.update_cart(select=row)

    def remove_line(self) -> None:
        row = self._line_or_say()
        if row is None:
            return
        name = self.cart.lines[row].name
        self.cart.remove(row)
        self.say(_("{name} dihapus").format(name=name))
        self.update_cart(select=min(row, len(self.cart.lines) - 1) if self.cart.lines else None)

    def ask_discount(self) -> None:
        self._change_dialog("discount")

    def ask_price(self) -> None:
        self._change_dialog("price")

    def _change_dialog(self, mode: str) -> None:
        if self.cart.is_empty:
            return
        row = self.selected_line()
        if mode == "price" and row < 0:
            return
        dialog = DiscountDialog(self, self.cart, row if row >= 0 else None, self.user, mode)
        if dialogs.run(dialog):
            self.approval = dialog.approver or self.approval
            self.update_cart(select=row if row >= 0 else None)
        self.focus_search()

    def apply_voucher(self, text: str) -> bool:
        """A typed or scanned voucher code: check it against this order and take it off the total."""
        try:
            code = voucher.normalise(text)
        except PosError as exc:
            if not voucher.looks_like(text):
                return False  # not a voucher: the product search says what it found
            self.say(exc.text + " " + _("Periksa huruf terakhirnya."), error=True)
            self.search.selectAll()
            return True
        if self.cart.is_empty:
            self.say(_("Scan barangnya dulu, lalu vouchernya."), error=True)
            return True
        plain = Cart(**{**self.cart.__dict__, "voucher_code": "", "points_redeem": 0})
        try:
            _row, value = voucher.value_for(
                code, sale.preview(plain).subtotal, self.cart.channel, self.cart.customer_id
            )
        except PosError as exc:
            self.say(exc.text, error=True)
            self.search.selectAll()
            return True
        self.cart.voucher_code = code
        self.search.clear()
        self.voucher_button.setText(_("× Voucher {code}").format(code=voucher.pretty(code)))
        self.voucher_button.show()
        self.say(
            _("Voucher {code}: potongan {value}").format(
                code=voucher.pretty(code), value=format_rupiah(value)
            )
        )
        self.update_cart()
        return True

    def drop_voucher(self) -> None:
        self.cart.voucher_code = ""
        self.voucher_button.hide()
        self.update_cart()
        self.focus_search()

    def ask_points(self) -> None:
        """Redeem the customer's points as a discount on this order (F5)."""
        c = self.customer
        program = self.points_rules
        if c is None or program is None or self.cart.is_empty:
            return
        subtotal = sale.preview(Cart(**{**self.cart.__dict__, "points_redeem": 0})).subtotal
        most = min(int(c.points), subtotal // program.point_value)
        number, ok = QInputDialog.getInt(
            self,
            _("Tukar poin"),
            dialogs.plain(
                _("{name} punya {n} poin. 1 poin = {value}. Tukar berapa poin? (minimal {min})").format(
                    name=c.name, n=c.points, value=format_rupiah(program.point_value), min=program.min_redeem
                )
            ),
            most,
            0,
            max(most, 0),
        )
        if ok:
            try:
                loyalty.check_redeem(c.id, number, subtotal)
            except PosError as exc:
                self.say(exc.text, error=True)
                return
            self.cart.points_redeem = number
            self.say(
                _("{n} poin ditukar: potongan {value}").format(
                    n=number, value=format_rupiah(loyalty.redemption_value(number, program))
                )
                if number
                else ""
            )
            self.update_cart()
        self.focus_search()

    def ask_chat_order(self) -> None:
        """F3: a customer's WhatsApp message pasted in and read into a proposal; confirmed, it is the cart."""
        if not self.cart.is_empty:
            self.say(_("Selesaikan atau simpan (F8) keranjang ini dulu."), error=True)
            return
        dialog = ChatOrderDialog(self, self.user)
        if dialogs.run(dialog) and dialog.cart is not None:
            self.load_cart(dialog.cart)
            if dialog.created:
                hub.changed.emit("customer")
            self.say(_("Pesanan dari chat masuk keranjang: {n} baris.").format(n=len(dialog.cart.lines)))
        self.focus_search()

    # --- customer and channel ---
    def ask_customer(self) -> None:
        dialog = CustomerDialog(self, self.user)
        if dialogs.run(dialog) and dialog.chosen is not None:
            self.set_customer(dialog.chosen)
            hub.changed.emit("customer")
        self.focus_search()

    def set_customer(self, customer: Customer | None) -> None:
        self.customer = customer
        self.cart.customer_id = customer.id if customer else None
        self.cart.points_redeem = 0
        for program_id in list(self.cart.stamp_claims):
            stamps.unclaim(self.cart, program_id)
        self.update_cart()
        delivering = channels.get(self.cart.channel).kind == "delivery"
        if delivering and customer is not None and not self.address.text() and customer.addresses.count():
            self.address.setText(customer.addresses.first().address)
        self._show_customer()
        self.focus_search()

    def _show_customer(self) -> None:
        c = self.customer
        if c is None or c.id != self.cart.customer_id:
            c = self.customer = (
                Customer.get_or_none(Customer.id == self.cart.customer_id) if self.cart.customer_id else None
            )
        if c is None:
            self.customer_label.setText(_("Pelanggan umum (tanpa nama)"))
            self.drop_customer.hide()
            self.points_button.hide()
            self.stamps_button.hide()
            self.stamps_label.setText("")
            return
        self._show_stamps(c)
        extra = f" · {_('kasbon')} {format_rupiah(c.kasbon)}" if c.kasbon else ""
        program = self.points_rules
        if c.tier:
            extra += f" · {c.tier}"
        if program is not None:
            extra += " · " + _("{n} poin ({value})").format(
                n=c.points, value=format_rupiah(loyalty.redemption_value(int(c.points), program))
            )
        if birthday.this_month(c):
            extra += " · " + _("ulang tahun bulan ini")
        number = phone.local_form(c.phone) if c.phone else ""
        self.customer_label.setText(f"<b>{escape(c.name)}</b><br>{escape(number + extra)}")  # a name is text
        self.drop_customer.show()
        self.points_button.setVisible(program is not None and int(c.points) >= program.min_redeem)

    def _show_stamps(self, c: Customer) -> None:
        progress = stamps.progress(c.id, self.stamp_cards)
        used = {p: self.cart.stamp_claims.count(p) for p in self.cart.stamp_claims}
        texts, full = [], []
        for card, have in progress:
            left = have - card.needed * used.get(card.program_id, 0)
            texts.append(
                _("Stempel {name}: {have}/{needed}").format(name=card.name, have=left, needed=card.needed)
            )
            if left >= card.needed:
                full.append(card)
        self.stamps_label.setText(" · ".join(texts))
        self.full_cards = full
        self.stamps_button.setVisible(bool(full))
        if full:
            self.stamps_button.setText(
                _("Tukar stempel: {reward}").format(reward=stamps.reward_text(full[0]))
            )

    def claim_stamps(self) -> None:
        """Use the first full stamp card on this order (the free item or rupiah off)."""
        if not self.full_cards:
            return
        card = self.full_cards[0]
        try:
            stamps.claim(self.cart, card)
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        self.update_cart()
        self.say(
            _("Stempel {name} ditukar: {reward}").format(name=card.name, reward=stamps.reward_text(card))
        )
        self.focus_search()

    def _channel_changed(self) -> None:
        code = self.channel.currentData()
        if not code or code == self.cart.channel:
            return
        self.cart.channel = code
        channel = channels.get(code)
        for line in self.cart.lines:
            if line.product_id and not line.changed:
                product = Product.get_by_id(line.product_id)
                line.unit_price = line.list_price = catalog.price_for(product, channel)
        self.cart.order_type = "delivery" if channel.kind in ("delivery", "aggregator") else ""
        if channel.kind != "delivery":
            self.cart.set_delivery(0, "")
        self._show_details()
        self.update_cart()
        self.focus_search()

    def _show_details(self) -> None:
        kind = channels.get(self.cart.channel).kind
        food = kind == "counter" and bool(settings.get("food_orders"))  # eat here / take away: food only
        if food and self.cart.order_type not in channels.FOOD_ORDER_TYPES:
            self.cart.order_type = "take_away"
        self.order_type.setVisible(food)
        self.order_type.setCurrentIndex(max(0, self.order_type.findData(self.cart.order_type)))
        self.reference.setVisible(kind in ("social", "aggregator"))
        from pos.counter.delivery import COD_KINDS

        self.cod_button.setVisible(kind in COD_KINDS)
        self.reference.setText(self.cart.source_ref)
        sent = kind == "delivery" or self.cart.order_type == "delivery"  # a WhatsApp order to deliver too
        self.fee.setVisible(sent)
        self.address.setVisible(sent)
        self.fee.setText(str(self.cart.delivery_fee) if self.cart.delivery_fee else "")
        self.address.setText(self.cart.delivery_address)

    def _details_changed(self) -> bool:
        """The order's details into the cart; False (and said) while the ongkir is not a rupiah amount."""
        self.cart.source_ref = " ".join(self.reference.text().split())[:60]
        try:
            fee = parse_rupiah(self.fee.text() or "0")
            self.cart.set_delivery(fee, self.address.text())
        except PosError as exc:
            self.say(_("Ongkir: {why}").format(why=exc.text), error=True)
            return False
        self.update_cart()
        return True

    # --- park, void, history ---
    def park_order(self) -> None:
        if self.cart.is_empty:
            return
        default = self.customer.name if self.customer else ""
        label, ok = QInputDialog.getText(
            self, _("Simpan pesanan"), _("Label (meja, nama pelanggan):"), text=default
        )
        if ok and dialogs.run_service(self, lambda: park.park(self.cart, label, self.user)) is not None:
            self.new_cart()
            self.say(_("Pesanan disimpan. Buka lagi dengan F9."))
        self.focus_search()

    def show_parked(self) -> None:
        if not self.cart.is_empty:
            self.say(_("Selesaikan atau simpan (F8) keranjang ini dulu."), error=True)
            return
        dialog = ParkedDialog(self, self.user)
        if dialogs.run(dialog) and dialog.cart is not None:
            self.load_cart(dialog.cart)
            self.say(_("Pesanan dilanjutkan."))
        self.focus_search()

    def show_history(self) -> None:
        dialogs.run(HistoryDialog(self, self.user))
        self.focus_search()

    def void_order(self) -> None:
        if self.cart.is_empty:
            return
        dialog = ApprovalDialog(self, _("Batalkan pesanan ini?"), need_pin=not staff.can(self.user, "void"))
        if dialogs.run(dialog):
            done = dialogs.run_service(
                self, lambda: park.void(self.cart, dialog.reason, self.user, dialog.approver)
            )
            if done is not None:
                self.new_cart()
                self.say(_("Pesanan dibatalkan."))
        self.focus_search()

    def load_cart(self, cart: Cart) -> None:
        self.cart, self.approval = cart, None
        self.voucher_button.setVisible(bool(cart.voucher_code))
        if cart.voucher_code:
            self.voucher_button.setText(_("× Voucher {code}").format(code=voucher.pretty(cart.voucher_code)))
        self.customer = None
        self.model.set_cart(cart, sale.preview(cart))
        self.channel.setCurrentIndex(max(0, self.channel.findData(cart.channel)))
        self._show_details()
        self.update_cart()

    def new_cart(self) -> None:
        self.load_cart(Cart())

    def say_left_behind(self) -> None:
        """At login: the carts set aside when Kasir last closed, or left by a crash or a power cut (parked
        now), wait among the parked orders; say so."""
        dialogs.run_service(self, lambda: draft.recover(self.user))
        left = [o.label for o in park.open_orders() if park.is_left_behind(o.label)]
        if left:
            self.say(
                _("Keranjang yang ditinggal menunggu di pesanan tersimpan (F9): {labels}").format(
                    labels=", ".join(left)
                )
            )

    def set_aside(self) -> str:
        """The cart, if it has items, becomes a parked order (F9 opens it again): when Kasir closes or the
        cashier changes, nothing rung up is lost. Returns the order's label ('' when there was nothing)."""
        if self.cart.is_empty or self.window_.user is None:  # type: ignore[attr-defined]
            self.keep_draft()  # a change of a moment ago (a voided cart) is not brought back after a restart
            return ""
        label = park.left_behind_label(self.user.name)
        park.park(self.cart, label, self.user)
        self.new_cart()
        self.keep_draft()
        return label

    # --- paying ---
    def pay(self) -> None:
        if self.cart.is_empty:
            self.say(_("Keranjang masih kosong."), error=True)
            return
        if not self._details_changed():  # an ongkir of "10rb?" is never paid as Rp 0: fix it first
            self.fee.setFocus()
            return
        from pos.counter import shift

        if shift.current() is None:  # before the payment dialog, not after the cash was counted
            self.say(ShiftRequired().text, error=True)
            return
        shop = settings.all_settings()
        quote = sale.preview(self.cart)
        c = self.customer
        kasbon_left = int(c.credit_limit) - int(c.kasbon) if c is not None and c.credit_limit else None
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
        )
        if dialogs.run(dialog) and dialog.sale is not None:
            self.finish(dialog.sale)
        self.focus_search()

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
        from pos.counter import delivery

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
        hub.changed.emit("delivery")
        self.focus_search()

    def finish(self, done) -> None:  # type: ignore[no-untyped-def]
        from db.models import Payment

        paid = list(Payment.select(Payment.method, Payment.change).where(Payment.sale == done.id))
        change = sum(p.change for p in paid)
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
        self.say(text)
        hub.changed.emit("sale")
        printing = self.window_.printing  # type: ignore[attr-defined]
        if PrintSettings.load().auto_print and printing.configured():
            printing.print_sale(done.number, kitchen=True, cash=any(p.method == "cash" for p in paid))

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

    def _printed(self, number: str) -> None:
        if number == self.failed_print:
            self.failed_print = ""
            self.retry_button.hide()
        if self.last_sale is not None and number == self.last_sale.number:
            self.say(self.message.text().split(" · 🖨")[0] + " · 🖨 " + _("struk tercetak"))

    def _print_failed(self, number: str, message: str) -> None:
        self.failed_print = number
        self.say(message, error=True)
        self.retry_button.show()
