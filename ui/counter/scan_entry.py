"""The counter's scan field and what it adds: a barcode or SKU, a search result, a scale's label, a voucher
code, an unknown barcode registered on the spot; quantity prefixes (3* then scan) and the keys typed into
it. Mixed into CounterPage (ui/counter/page.py), whose cart, say and update_cart it uses."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.catalog.catalog import Product
from pos.core import barcodes
from pos.core.cart import parse_qty
from pos.core.errors import PosError, ProductNotFound
from pos.core.i18n import _
from pos.core.money import format_rupiah, line_amount
from pos.core.text import qty_text
from pos.counter import counter_cart, counter_reads
from ui.catalog.product_dialog import ProductDialog, products_approval
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox


class ScanEntry:
    """The scan field, the channel beside it, and the search results under it."""

    def _build_scan_row(self) -> QHBoxLayout:
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
        return top

    def _build_results(self) -> QListWidget:
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMaximumHeight(230)
        self.results.setStyleSheet("font-size: 16px;")
        self.results.itemClicked.connect(lambda item: self._add_result(item))
        self.results.hide()
        return self.results

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

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
        return super().eventFilter(obj, event)  # type: ignore[misc]

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
            return self._empty_field_key(event)
        if event.text() == "*":
            self._quantity_prefix(text)
            return True
        return False

    def _empty_field_key(self, event: QKeyEvent) -> bool:
        """+ / - / * / Del typed into the empty field act on the selected cart line."""
        if event.text() == "+":
            self.step_quantity(1)
            return True
        if event.text() == "-":
            self.step_quantity(-1)
            return True
        if event.text() == "*":
            self.ask_quantity()
            return True
        if event.key() == Qt.Key.Key_Delete:
            self.remove_line()
            return True
        return False

    def _quantity_prefix(self, text: str) -> None:
        """'3*': the next scan is sold 3 times; a quantity that is not one stops the next scan."""
        try:
            self.pending_qty, self.refused_qty = parse_qty(text.strip()), ""
        except PosError as exc:
            self.pending_qty, self.refused_qty = None, exc.text
            self.say(exc.text, error=True)
        else:
            self.say(_("Jumlah berikutnya: {q}").format(q=qty_text(self.pending_qty)))
        self.search.clear()

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
        self.add_product(counter_reads.product(int(item.data(Qt.ItemDataRole.UserRole))))

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
                unit=product.unit,  # 0,5 of a pcs item refused at once, not only at payment
            )
        except PosError as exc:  # said; the refused scan is not glued to the next one
            self.pending_qty = None
            self.search.clear()
            self.results.hide()
            self.say(exc.text, error=True)
            return
        if product.serialised:
            serial, ok = QInputDialog.getText(
                self, _("Nomor seri"), dialogs.plain(_("Nomor seri {name}:").format(name=product.name))
            )
            if ok:
                self.cart.lines[index].serial_number = counter_cart.one_line(serial)
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
        held = counter_cart.stock_short(self.cart, product.id)
        if held is not None:
            self.say(
                _("{name}: stok tercatat tinggal {left}. Catat barang datang di Stok.").format(
                    name=product.name, left=qty_text(held)
                ),
                error=True,
            )
