"""Pesanan dari chat (F3 at the counter): paste a customer's WhatsApp message, Kasir proposes the cart.

Every proposed line says which words it was read from; quantities can be changed and lines taken out;
each word Kasir could not place has a button that searches the catalogue for it (the chosen product is
added here). The customer found by the phone number, or a new one to save; the address and whether it is
delivered; the ongkir. Nothing goes into the cart until "Masukkan ke keranjang" (Enter); Esc cancels.
Enter in the message box is a new line (it is a text box); Ctrl+Enter or "Baca pesanan" reads the message
and moves to the first quantity, where Enter puts the order in the cart. A paste read by itself (a moment
after it lands) leaves the focus where the cashier is typing. A message said belongs to what caused it:
changing a quantity, the ongkir or the text takes it away.
"Balas via WhatsApp" opens wa.me with the order, ongkir, total and how to pay, and saves the shop's QRIS
with this total as a picture to attach.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.catalog.catalog import Product
from pos.core import phone, places
from pos.core.cart import Cart, parse_qty
from pos.core.errors import InvalidInput, NoItemsRecognised, PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.core.text import clean, qty_text
from pos.counter import chat_order, chat_reply, sale
from pos.counter.chat_match import ProposedLine
from pos.counter.chat_order import Proposal
from pos.customers import customer as customers
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.qr import save_qris_png

open_url = QDesktopServices.openUrl  # tests replace it
SHOWN_WORDS = 8  # buttons for words not placed (two rows at most); the others in a tooltip


class ChatOrderDialog(QDialog):
    """Read a pasted message; on accept, `cart` holds the confirmed order (and `created` a new customer)."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.cart: Cart | None = None
        self.created = False
        self.proposal: Proposal | None = None
        self.lines: list[ProposedLine] = []
        self.products: dict[int, Product] = {}  # the search's results, by id
        self.last_link = ""
        self.new_customer = False  # a number no customer has: offered to be saved
        self.setWindowTitle(_("Pesanan dari chat"))
        self.setMinimumSize(900, 640)
        layout = QVBoxLayout(self)
        layout.addLayout(self._message_row())
        layout.addWidget(self._lines_table(), 1)
        self.empty = role(QLabel(""), "muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        self.notes = role(QLabel(""), "muted")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        layout.addLayout(self._find_row())
        self.no_match = role(QLabel(""), "muted")
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.hide()
        layout.addWidget(self.no_match)
        self.found = QListWidget()
        self.found.setMaximumHeight(96)
        self.found.itemActivated.connect(lambda _item: self.add_found())
        self.found.hide()
        layout.addWidget(self.found)
        layout.addLayout(self._order_grid())
        self.error = dialogs.message_line(layout)
        layout.addWidget(self._reply_note())
        layout.addLayout(self._buttons())
        self._show()
        self.text.setFocus()

    # --- building ---
    def _message_row(self) -> QHBoxLayout:
        """The pasted message, read by "Baca pesanan" or Ctrl+Enter, or by itself a moment after a paste."""
        top = QHBoxLayout()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            _("Tempel pesan pelanggan di sini (Ctrl+V), mis. “kak pesan bakso urat 2, es teh 1, antar ke …”")
        )
        self.text.setMaximumHeight(120)
        self.text.textChanged.connect(self._text_changed)
        top.addWidget(self.text, 1)
        self.read_button = QPushButton(_("Baca pesanan\n(Ctrl+Enter)"))
        self.read_button.setAutoDefault(False)
        self.read_button.clicked.connect(lambda _c=False: self.read())
        top.addWidget(self.read_button)
        self.read_timer = dialogs.debounced(self, 400, lambda: self.read(moved=False))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, lambda: self.read())
        return top

    def _lines_table(self) -> QTableWidget:
        columns = [_("Barang"), _("Jumlah"), _("Harga"), _("Dari pesan"), ""]
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(50)  # a quantity box and a button fit a row
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 3 * 50 + 4)  # 3 rows
        return self.table

    def _find_row(self) -> QHBoxLayout:
        """A button for each word not placed, and a search for any other product."""
        find = QHBoxLayout()
        self.words_label = QLabel(_("Tidak dikenali:"))
        find.addWidget(self.words_label)
        self.words = dialogs.FlowLayout(spacing=4)
        holder = QWidget()
        holder.setLayout(self.words)
        find.addWidget(holder, 2)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari barang lain"))
        self.search.textChanged.connect(self.find)
        self.search.installEventFilter(self)
        find.addWidget(self.search, 1)
        return find

    def _order_grid(self) -> QGridLayout:
        """The customer (or a new one to save), delivery and its address, the ongkir and the total."""
        grid = QGridLayout()
        self.customer_label = QLabel("")
        self.customer_label.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(QLabel(_("Pelanggan")), 0, 0)
        grid.addWidget(self.customer_label, 0, 1)
        self.save_customer = QCheckBox(_("Simpan sebagai pelanggan baru, nama:"))
        self.new_name = QLineEdit()
        self.new_name.setMaximumWidth(260)
        new_row = QHBoxLayout()
        new_row.addWidget(self.save_customer)
        new_row.addWidget(self.new_name)
        new_row.addStretch(1)
        grid.addLayout(new_row, 0, 2)
        self.delivery = QCheckBox(_("Diantar"))
        self.delivery.toggled.connect(self._delivery_toggled)
        grid.addWidget(self.delivery, 1, 0)
        self.address = QLineEdit()
        self.address.setPlaceholderText(_("Alamat antar"))
        grid.addWidget(self.address, 1, 1, 1, 2)
        grid.addWidget(QLabel(_("Ongkir (Rp)")), 2, 0)
        self.fee = QLineEdit()
        self.fee.setMaximumWidth(160)
        self.fee.setPlaceholderText("0")
        self.fee.textChanged.connect(lambda _t: self._changed())
        grid.addWidget(self.fee, 2, 1)
        self.total = role(QLabel(""), "total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.total, 2, 2)
        grid.setColumnStretch(1, 1)
        return grid

    def _reply_note(self) -> QPlainTextEdit:
        """What the reply did, on its own full-width line: a long QRIS path or wa.me link wraps anywhere and
        can be selected and copied; three lines at most (it scrolls), hidden until there is a reply."""
        self.reply_note = QPlainTextEdit()
        self.reply_note.setReadOnly(True)
        self.reply_note.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.reply_note.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.reply_note.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.reply_note.setMaximumHeight(self.reply_note.fontMetrics().lineSpacing() * 3 + 14)
        self.reply_note.hide()
        return self.reply_note

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.reply_button = QPushButton(_("Balas via WhatsApp"))
        self.reply_button.setAutoDefault(False)
        self.reply_button.clicked.connect(self.reply)
        row.addWidget(self.reply_button)
        row.addStretch(1)
        cancel = QPushButton(_("Batal (Esc)"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.confirm_button = role(QPushButton(_("Masukkan ke keranjang (Enter)")), "primary")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        row.addWidget(self.confirm_button)
        return row

    # --- reading ---
    def read(self, moved: bool = True) -> None:
        """Read the pasted text into a proposal (nothing is written) and show it. Asked for (Ctrl+Enter,
        "Baca pesanan": `moved`), an empty box is said, and a proposal takes the focus to its first
        quantity so Enter confirms; read by itself after a paste, the focus stays in the text box."""
        self.read_timer.stop()
        self.error.clear()
        self.reply_note.clear()
        self.reply_note.hide()
        text = self.text.toPlainText()
        self.proposal = chat_order.propose(text) if text.strip() else None
        self.lines = list(self.proposal.lines) if self.proposal else []
        self._show()
        if not moved:
            return
        if not text.strip():
            self._say(_("Tempel pesanan pelanggan dulu."))
            self.text.setFocus()
        elif self.lines:
            first = self.table.cellWidget(0, 1)
            if isinstance(first, QLineEdit):
                first.setFocus()
                first.selectAll()

    def _text_changed(self) -> None:
        self.error.clear()  # it was about the text as it was
        self.read_timer.start()

    def _changed(self) -> None:
        """A quantity or the ongkir changed: an error said about the old one is gone; the total follows."""
        self.error.clear()
        self.show_total()

    def _show(self) -> None:
        p = self.proposal
        self._fill_table()
        self.empty.setText(NoItemsRecognised().text if p is not None and not self.lines else "")
        self.empty.setVisible(bool(self.empty.text()))
        self.notes.setText("\n".join(p.notes) if p else "")
        self.notes.setVisible(bool(self.notes.text()))
        while self.words.count():
            item = self.words.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        words = list(p.unmatched) if p else []
        for word in words[:SHOWN_WORDS]:
            button = QPushButton(_("Cari: {word}").format(word=word[:30]))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, w=word: self.search_for(w))
            self.words.addWidget(button)
        if len(words) > SHOWN_WORDS:  # a chatty message: the rest named, not a wall of buttons
            rest = role(QLabel(_("+{n} kata lain").format(n=len(words) - SHOWN_WORDS)), "muted")
            rest.setToolTip(", ".join(words[SHOWN_WORDS:]))
            self.words.addWidget(rest)
        self.words_label.setVisible(bool(p and p.unmatched))
        self._show_customer(p)
        self.delivery.setChecked(bool(p and p.delivery))
        self.address.setText(p.address if p else "")
        self._delivery_toggled(self.delivery.isChecked())
        self.confirm_button.setEnabled(bool(self.lines))
        self.reply_button.setEnabled(bool(self.lines))
        self.show_total()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            name = QTableWidgetItem(f"{line.name}  [{line.sku}]")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            qty = QLineEdit(qty_text(line.qty))
            qty.setMaximumWidth(90)
            qty.setToolTip(line.unit)
            qty.textChanged.connect(lambda _t: self._changed())
            self.table.setCellWidget(row, 1, qty)
            price = QTableWidgetItem(format_rupiah(line.price) + f" / {line.unit}")
            price.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 2, price)
            matched = QTableWidgetItem(f"\u201c{line.matched}\u201d")
            matched.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 3, matched)
            drop = QPushButton(_("Hapus"))
            drop.setAutoDefault(False)
            drop.clicked.connect(lambda _c=False, r=row: self.drop_line(r))
            self.table.setCellWidget(row, 4, drop)
        self.show_total()

    def show_total(self) -> None:
        """What the customer pays for the order as it stands, with the ongkir (said once all is readable)."""
        try:
            p, fee = self.edited()
            quote = sale.preview(chat_order.to_cart(p, fee))
        except PosError:
            self.total.setText("")
            return
        self.total.setText(_("Total {total}").format(total=format_rupiah(quote.total)))

    def _show_customer(self, p: Proposal | None) -> None:
        number = phone.local_form(p.phone) if p and p.phone else ""
        known = bool(p and p.customer_id)
        if known and p is not None:
            self.customer_label.setText(f"{p.customer_name}  {number}".strip())
        elif p is not None and p.phone:
            self.customer_label.setText(_("baru: {number}").format(number=number))
        else:
            self.customer_label.setText(_("umum (tidak ada nomor HP di pesan)"))
        new = self.new_customer = bool(p and p.phone and not p.customer_id)
        self.save_customer.setVisible(new)
        self.new_name.setVisible(new)
        self.save_customer.setChecked(new and bool(p and p.customer_name))
        self.new_name.setText(p.customer_name if new and p else "")

    def _delivery_toggled(self, on: bool) -> None:
        self.address.setEnabled(on)
        self.fee.setEnabled(on)

    # --- changing the proposal ---
    def drop_line(self, row: int) -> None:
        try:
            self._keep_quantities()
        except PosError as exc:
            self._say(exc.text)
            return
        del self.lines[row]
        self.error.clear()
        self._fill_table()
        self.confirm_button.setEnabled(bool(self.lines))
        self.reply_button.setEnabled(bool(self.lines))

    def search_for(self, word: str) -> None:
        self.search.setText(word)
        self.search.setFocus()

    def find(self, text: str) -> None:
        self.found.clear()
        self.products = {}
        self.no_match.hide()
        if len(text.strip()) >= 2:
            ch = channels.get("whatsapp")
            for product in catalog.search(text, 8):
                self.products[int(product.id)] = product
                label = f"{product.name}  [{product.sku}]  {format_rupiah(catalog.price_for(product, ch))}"
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, product.id)
                self.found.addItem(item)
        self.found.setVisible(self.found.count() > 0)
        if len(text.strip()) >= 2 and not self.found.count():  # said, not an empty nothing
            self.no_match.setText(_("Tidak ada barang yang cocok dengan “{word}”.").format(word=text.strip()))
            self.no_match.show()
        if self.found.count():
            self.found.setCurrentRow(0)

    def add_found(self) -> None:
        """The product picked in the search, 1 of it, as a line of the proposal."""
        item = self.found.currentItem()
        if item is None:
            return
        product = self.products[int(item.data(Qt.ItemDataRole.UserRole))]
        try:
            self._keep_quantities()
        except PosError as exc:
            self._say(exc.text)
            return
        price = catalog.price_for(product, channels.get("whatsapp"))
        matched = _("dicari: {word}").format(word=self.search.text().strip())
        self.lines.append(
            ProposedLine(product.id, product.sku, product.name, parse_qty(1), product.unit, matched, price)
        )
        if self.proposal is None:
            self.proposal = chat_order.propose("")
        self.search.clear()
        self.error.clear()
        self._fill_table()
        self.confirm_button.setEnabled(True)
        self.reply_button.setEnabled(True)

    def _keep_quantities(self) -> None:
        """The quantities as typed (kept while rows are taken out or added); a wrong one raises."""
        for row, line in enumerate(self.lines):
            box = self.table.cellWidget(row, 1)
            if isinstance(box, QLineEdit):
                try:
                    qty = parse_qty(box.text())
                except PosError as exc:
                    raise InvalidInput(N_("{name}: {why}"), name=line.name, why=exc.text) from exc
                self.lines[row] = replace(line, qty=qty)

    def edited(self) -> tuple[Proposal, int]:
        """The proposal as the cashier left it, with the ongkir. Raises PosError for a wrong quantity/fee."""
        if self.proposal is None or not self.lines:
            raise NoItemsRecognised()
        self._keep_quantities()
        fee = parse_rupiah(self.fee.text() or "0") if self.delivery.isChecked() else 0
        p = replace(
            self.proposal,
            lines=tuple(self.lines),
            delivery=self.delivery.isChecked(),
            address=clean(self.address.text()) if self.delivery.isChecked() else "",
            customer_name=self.new_name.text().strip() if self.new_customer else self.proposal.customer_name,
        )
        return p, fee

    # --- done ---
    def confirm(self) -> None:
        """Enter: the proposal, as edited, becomes the cart (a new customer saved first when ticked)."""
        try:
            p, fee = self.edited()
            if self.new_customer and self.save_customer.isChecked():
                made = customers.create_customer(p.phone, p.customer_name, address=p.address, user=self.user)
                p = replace(p, customer_id=int(made.id), customer_name=str(made.name))
                self.created = True
                self.proposal = p
                self._show_customer(p)
            self.cart = chat_order.to_cart(p, fee)
        except PosError as exc:
            self._say(exc.text)
            return
        self.accept()

    def reply(self) -> None:
        """Balas via WhatsApp: the reply in the shop's words to the customer's number; the QRIS with this
        total saved as a picture to attach (its place said here)."""
        try:
            p, fee = self.edited()
            cart = chat_order.to_cart(p, fee)
        except PosError as exc:
            self._say(exc.text)
            return
        self.error.clear()
        text = chat_reply.reply_text(cart, p.customer_name)
        link = chat_reply.reply_link(p, text)
        QGuiApplication.clipboard().setText(text)
        said = [_("Balasan disalin.")]
        payload = chat_reply.qris_for(cart)
        if payload:
            path = places.data_dir() / "qris" / f"qris-pesanan-{cart.uid[:8]}.png"
            try:
                save_qris_png(payload, path)
                said.append(_("Gambar QRIS untuk dilampirkan: {path}").format(path=path))
            except OSError as exc:
                said.append(_("Gambar QRIS tidak bisa disimpan: {why}").format(why=exc))
        if not open_url(QUrl(link)):
            said.append(_("WhatsApp tidak terbuka; tempel tautan ini di peramban: {link}").format(link=link))
        self.reply_note.setPlainText("\n".join(said))
        self.reply_note.show()
        self.last_link = link
        self._grow()

    def _say(self, text: str) -> None:
        """A refusal on the red line, the dialog taller for it when it can be."""
        self.error.setText(text)
        self._grow()

    def _grow(self) -> None:
        """Room for a note that appeared: taller, as far as the screen lets (the table keeps its rows)."""
        self.layout().activate()
        screen = self.screen().availableGeometry().height() if self.screen() else 728
        height = min(max(self.height(), self.sizeHint().height()), screen - 40, 728)  # 1366×768 less a bar
        if height > self.height():
            self.resize(self.width(), height)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the search box: Enter adds the highlighted product (never confirms the order), ↑↓ pick."""
        if obj is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.add_found()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.found.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                self.found.setCurrentRow(max(0, min(self.found.count() - 1, self.found.currentRow() + step)))
                return True
        return super().eventFilter(obj, event)
