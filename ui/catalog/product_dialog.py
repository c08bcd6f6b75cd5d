"""One product with every field: name, SKU, barcodes (scanned in), category, unit, prices (also per food
aggregator), stock rules, warranty, tax, quick button. Saved in one call to `product_edit.save_product`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog, product_edit
from pos.catalog import channel as channels
from pos.catalog.catalog import UNITS, Product
from pos.catalog.product_edit import ProductData, ZeroPrice
from pos.core import staff
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import apply_rate, format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.core.text import qty_text
from ui.catalog.product_fields import BarcodeBox, NumberEdit
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.table import Column, RowsModel, setup_view

BAD_LEVEL = N_("Batas stok harus angka, mis. 10 atau 2,5.")


def products_approval(parent: QWidget | None, user: User, what: str) -> tuple[bool, User | None]:
    """(go on, approver): a user with the 'products' permission goes on alone; anyone else only with the
    owner's PIN typed in place (ApprovalDialog)."""
    if staff.can(user, "products"):
        return True, None
    dialog = ApprovalDialog(parent, what, need_pin=True, need_reason=False)
    if not dialogs.run(dialog):
        return False, None
    return True, dialog.approver


def rate_text(rate: Decimal) -> str:
    """Decimal('0.10') -> '10 %', Decimal('0.125') -> '12,5 %'."""
    percent = (Decimal(rate) * 100).normalize()
    return format(percent, "f").replace(".", ",") + " %"


def days_hint(days: int) -> str:
    """'365 hari = 12 bulan', '14 hari = 2 minggu', '100 hari ≈ 3 bulan'; '' for 0."""
    if days <= 0:
        return ""
    if days % 365 == 0 or days % 30 == 0:
        months = days // 365 * 12 if days % 365 == 0 else days // 30
        return _("{days} hari = {n} bulan").format(days=days, n=months)
    if days % 7 == 0:
        return _("{days} hari = {n} minggu").format(days=days, n=days // 7)
    if days >= 60:
        return _("{days} hari ≈ {n} bulan").format(days=days, n=round(days / Decimal("30.4")))
    return ""


class ProductDialog(QDialog):
    """Add (product_id None) or change a product. `barcode` fills the first barcode (an unknown code scanned
    at the counter); `approver` is an owner who already typed the PIN. After save `product` holds it."""

    def __init__(
        self,
        parent: QWidget | None,
        user: User,
        product_id: int | None = None,
        barcode: str = "",
        approver: User | None = None,
    ) -> None:
        super().__init__(parent)
        self.user, self.product_id, self.approver = user, product_id, approver
        self.product: Product | None = None
        self.original = product_edit.product_data(product_id) if product_id is not None else None
        self.setWindowTitle(
            _("Ubah barang — {name}").format(name=self.original.name) if self.original else _("Tambah barang")
        )
        self._build()
        self._fill(self.original or ProductData(name="", price=0, barcodes=[barcode] if barcode else []))
        self._fit()
        self.name.setFocus()

    # --- building ---
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        scroll = self.scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 8, 0)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        left.addWidget(self._main_box())
        self.barcodes = BarcodeBox()
        self.scan = self.barcodes.scan  # the box's scan field, message and store-code button, on the form
        self.code_message, self.store_code = self.barcodes.code_message, self.barcodes.store_code
        left.addWidget(self.barcodes)
        left.addStretch(1)
        right.addWidget(self._channel_box())
        right.addWidget(self._stock_box())
        right.addWidget(self._other_box())
        if self.original is not None:
            right.addWidget(self._history_box())
        right.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.error = dialogs.message_line(outer)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Batal (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.save_button = role(QPushButton(_("Simpan (Ctrl+S)")), "primary")
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter (a scanner's) never closes the dialog
            button.setDefault(False)
        QShortcut(QKeySequence("Ctrl+S"), self, self.submit)

    def _main_box(self) -> QGroupBox:
        box = QGroupBox(_("Barang"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setMaxLength(product_edit.MAX_NAME)
        self.name.setPlaceholderText(_("mis. Indomie Goreng 85 g"))
        form.addRow(_("Nama"), self.name)
        self.sku = QLineEdit()
        self.sku.setMaxLength(40)
        self.sku.setPlaceholderText(_("otomatis"))
        form.addRow(_("SKU / PLU"), self.sku)
        self.category = ComboBox()
        self.category.addItem(_("(tanpa kategori)"), None)
        for c in catalog.categories(active_only=True):
            self.category.addItem(c.name, c.id)
        form.addRow(_("Kategori"), self.category)
        self.unit = ComboBox()
        for unit in UNITS:
            self.unit.addItem(unit, unit)
        form.addRow(_("Satuan"), self.unit)
        self.price = QLineEdit()
        self.price.setPlaceholderText(_("mis. 15.000"))
        self.price.textChanged.connect(self._price_changed)
        self.price.editingFinished.connect(lambda: self._tidy(self.price))
        form.addRow(_("Harga jual"), self.price)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(_("harga beli, mis. 12.500"))
        self.cost.editingFinished.connect(lambda: self._tidy(self.cost))
        self.cost_label = role(QLabel(""), "muted")
        self.cost_label.setWordWrap(True)
        form.addRow(_("HPP (modal)"), self.cost if self.original is None else self.cost_label)
        self.opening = QLineEdit()
        self.opening.setPlaceholderText(_("yang ada di rak sekarang, mis. 24"))
        if self.original is None:  # a product already in the shop is counted in Stok → Stok opname
            form.addRow(_("Stok awal"), self.opening)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("mis. harga agen naik"))
        self.reason_label = QLabel(_("Alasan ubah harga"))
        form.addRow(self.reason_label, self.reason)
        self.reason.hide()
        self.reason_label.hide()
        return box

    def _channel_box(self) -> QGroupBox:
        box = QGroupBox(_("Harga di aplikasi pesan-antar"))
        form = QFormLayout(box)
        self.channel_prices: dict[int, tuple[QLineEdit, QLabel, Decimal]] = {}
        for ch in channels.active():
            if ch.kind != "aggregator":
                continue
            edit = QLineEdit()
            edit.setFixedWidth(120)
            edit.editingFinished.connect(lambda e=edit: self._tidy(e))
            hint = role(QLabel(""), "muted")
            line = QHBoxLayout()
            line.addWidget(edit)
            line.addWidget(hint, 1)
            form.addRow(_(ch.name), line)
            self.channel_prices[ch.id] = (edit, hint, Decimal(ch.markup_rate))
        if not self.channel_prices:
            form.addRow(role(QLabel(_("Tidak ada GoFood, GrabFood atau ShopeeFood yang aktif.")), "muted"))
        return box

    def _stock_box(self) -> QGroupBox:
        box = QGroupBox(_("Stok"))
        form = QVBoxLayout(box)
        self.track = QCheckBox(_("Stok dihitung"))
        self.reorder = QLineEdit()
        self.reorder.setPlaceholderText("0")
        self.reorder.setFixedWidth(100)
        line = QHBoxLayout()
        line.addWidget(self.track)
        line.addStretch(1)
        line.addWidget(QLabel(_("Batas stok (beli lagi)")))
        line.addWidget(self.reorder)
        form.addLayout(line)
        self.perishable = QCheckBox(_("Ada tanggal kedaluwarsa"))
        self.shelf_life = NumberEdit(3650, _("hari"))
        line = QHBoxLayout()
        line.addWidget(self.perishable)
        line.addStretch(1)
        line.addWidget(QLabel(_("Umur simpan")))
        line.addWidget(self.shelf_life)
        form.addLayout(line)
        self.track.toggled.connect(self.reorder.setEnabled)
        self.perishable.toggled.connect(self.shelf_life.setEnabled)
        return box

    def _other_box(self) -> QGroupBox:
        box = QGroupBox(_("Garansi, pajak, tombol cepat"))
        form = QVBoxLayout(box)
        self.serialised = QCheckBox(_("Wajib nomor seri"))
        self.warranty = NumberEdit(3650, _("hari"))
        self.warranty_hint = role(QLabel(""), "muted")
        self.warranty.textChanged.connect(
            lambda _t: self.warranty_hint.setText(days_hint(self.warranty.value()))
        )
        line = QHBoxLayout()
        line.addWidget(self.serialised)
        line.addStretch(1)
        line.addWidget(QLabel(_("Garansi")))
        line.addWidget(self.warranty)
        form.addLayout(line)
        self.warranty_hint.setAlignment(Qt.AlignmentFlag.AlignRight)
        form.addWidget(self.warranty_hint)
        self.tax_exempt = QCheckBox(_("Bebas pajak (mis. beras, sembako)"))
        form.addWidget(self.tax_exempt)
        self.quick = QCheckBox(_("Tombol cepat di Kasir"))
        self.quick_sort = NumberEdit(9999)
        self.quick.toggled.connect(self.quick_sort.setEnabled)
        line = QHBoxLayout()
        line.addWidget(self.quick)
        line.addStretch(1)
        line.addWidget(QLabel(_("urutan")))
        line.addWidget(self.quick_sort)
        form.addLayout(line)
        self.active = QCheckBox(_("Aktif (dijual di Kasir)"))
        form.addWidget(self.active)
        return box

    def _warranty_text(self) -> None:
        self.warranty_hint.setText(days_hint(self.warranty.value()))
        self.warranty_hint.setVisible(bool(self.warranty_hint.text()))

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(_("Riwayat harga"))
        layout = QVBoxLayout(box)
        self.history = RowsModel(
            [
                Column(_("Waktu"), lambda h: h.at, "datetime"),
                Column(_("Oleh"), lambda h: h.user),
                Column(_("Harga lama → baru"), lambda h: f"{format_rupiah(h.old)} → {format_rupiah(h.new)}"),
                Column(_("Alasan"), lambda h: h.reason),
            ],
            self,
        )
        rows = product_edit.price_history(self.product_id) if self.product_id is not None else []
        self.history.set_rows(rows)
        table = QTableView()
        table.setModel(self.history)
        setup_view(table, stretch=3)
        table.setMaximumHeight(140)
        if rows:
            layout.addWidget(table)
        else:
            layout.addWidget(role(QLabel(_("Harga jual belum pernah diubah.")), "muted"))
        return box

    def _fit(self) -> None:
        """As tall as the form wants, never taller than the screen (1366×768): then the form scrolls."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        wanted = self.scroll.widget().sizeHint().height() + 150
        width, height = 1100, wanted
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 40)
        self.resize(width, height)

    # --- filling and reading ---
    def _fill(self, data: ProductData) -> None:
        self.name.setText(data.name)
        self.sku.setText(data.sku)
        index = self.category.findData(data.category_id)
        if index < 0 and data.category_id is not None:  # an inactive category stays the product's own
            found = next((c for c in catalog.categories() if c.id == data.category_id), None)
            if found is not None:
                self.category.addItem(_("{name} (nonaktif)").format(name=found.name), found.id)
                index = self.category.count() - 1
        self.category.setCurrentIndex(max(0, index))
        if data.unit and self.unit.findData(data.unit) < 0:  # a word an older shop's product holds stays
            self.unit.addItem(data.unit, data.unit)
        self.unit.setCurrentIndex(max(0, self.unit.findData(data.unit)))
        self.price.setText(self._money(data.price) if self.original is not None else "")
        self.cost.setText(self._money(data.cost) if data.cost else "")
        self.cost_label.setText(_("{cost} (rata-rata barang masuk)").format(cost=format_rupiah(data.cost)))
        self.cost_label.setToolTip(_("HPP berubah lewat Stok → Terima barang"))
        self.barcodes.set_codes(data.barcodes)
        for channel_id, (edit, _hint, _rate) in self.channel_prices.items():
            price = data.channel_prices.get(channel_id)
            edit.setText(self._money(price) if price is not None else "")
        self.track.setChecked(data.track_stock)
        self.reorder.setText(qty_text(Decimal(data.reorder_level)) if data.reorder_level else "")
        self.reorder.setEnabled(data.track_stock)
        self.perishable.setChecked(data.perishable)
        self.shelf_life.setValue(data.shelf_life_days)
        self.shelf_life.setEnabled(data.perishable)
        self.serialised.setChecked(data.serialised)
        self.warranty.setValue(data.warranty_days)
        self._warranty_text()
        self.tax_exempt.setChecked(data.tax_exempt)
        self.quick.setChecked(data.quick)
        self.quick_sort.setValue(data.quick_sort)
        self.quick_sort.setEnabled(data.quick)
        self.active.setChecked(data.active)
        self._price_changed()

    @staticmethod
    def _money(value: int) -> str:
        return format_rupiah(value).removeprefix("Rp ")

    def _tidy(self, edit: QLineEdit) -> None:
        """'15000' becomes '15.000' once typed (a wrong one is left as typed, to be corrected)."""
        text = edit.text().strip()
        if not text:
            return
        try:
            edit.setText(self._money(parse_rupiah(text)))
        except PosError:
            pass

    def _read_price(self) -> int | None:
        try:
            return parse_rupiah(self.price.text()) if self.price.text().strip() else None
        except PosError:
            return None

    def _price_changed(self, _text: str = "") -> None:
        price = self._read_price()
        for _edit, hint, rate in self.channel_prices.values():
            if price is None:
                hint.setText(_("kosong = harga jual + markup {rate}").format(rate=rate_text(rate)))
            else:
                hint.setText(
                    _("kosong = {price} (markup {rate})").format(
                        price=format_rupiah(price + apply_rate(price, rate)), rate=rate_text(rate)
                    )
                )
        changed = self.original is not None and price is not None and price != self.original.price
        self.reason.setVisible(changed)
        self.reason_label.setVisible(changed)

    def codes_listed(self) -> list[str]:
        return self.barcodes.listed()

    def data(self) -> ProductData:
        """What the form says, or a PosError naming the field that is wrong."""

        def money(edit: QLineEdit, what: str) -> int:
            try:
                return parse_rupiah(edit.text() or "0")
            except PosError as exc:
                raise InvalidInput(N_("{what}: {why}"), what=what, why=exc.text) from exc

        level_text = self.reorder.text().strip().replace(" ", "").replace(",", ".") or "0"
        try:
            level = Decimal(level_text)
        except InvalidOperation as exc:
            raise InvalidInput(BAD_LEVEL) from exc
        if not self.price.text().strip():
            raise InvalidInput(N_("Isi harga jualnya (mis. 15.000)."))
        prices: dict[int, int | None] = {}
        for channel_id, (edit, _hint, _rate) in self.channel_prices.items():
            prices[channel_id] = money(edit, _("Harga aplikasi")) if edit.text().strip() else None
        return ProductData(
            name=self.name.text(),
            price=money(self.price, _("Harga jual")),
            sku=self.sku.text().strip(),
            barcodes=self.codes_listed(),
            category_id=self.category.currentData(),
            unit=self.unit.currentData(),
            cost=money(self.cost, _("HPP")) if self.original is None else self.original.cost,
            channel_prices=prices,
            track_stock=self.track.isChecked(),
            reorder_level=level if self.track.isChecked() else Decimal(0),
            perishable=self.perishable.isChecked(),
            shelf_life_days=self.shelf_life.value() if self.perishable.isChecked() else 0,
            serialised=self.serialised.isChecked(),
            warranty_days=self.warranty.value(),
            tax_exempt=self.tax_exempt.isChecked(),
            quick=self.quick.isChecked(),
            quick_sort=self.quick_sort.value(),
            active=self.active.isChecked(),
            opening_stock=self._opening_stock(),
        )

    def _opening_stock(self) -> Decimal:
        text = self.opening.text().strip().replace(" ", "").replace(",", ".") or "0"
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise InvalidInput(N_("Stok awal harus angka, mis. 24 atau 2,5.")) from exc

    # --- saving ---
    def submit(self) -> None:
        self.error.clear()
        if self.scan.text().strip():  # a code typed but not yet added counts
            self.barcodes.add_code()
            if self.scan.text().strip():
                return
        try:
            data = self.data()
        except PosError as exc:
            self.error.setText(exc.text)
            return
        if not staff.can(self.user, "products") and not staff.approval_valid(self.approver):  # used or old
            go_on, self.approver = products_approval(self, self.user, _("Simpan barang"))
            if not go_on:
                return
        allow_zero = False
        while True:
            try:
                product = product_edit.save_product(
                    data,
                    self.user,
                    self.approver,
                    product_id=self.product_id,
                    allow_zero=allow_zero,
                    reason=self.reason.text(),
                )
            except ZeroPrice as exc:
                if allow_zero or not dialogs.ask_yes_no(self, exc.text):
                    self.price.setFocus()
                    return
                allow_zero = True
                continue
            except PosError as exc:
                self.error.setText(exc.text)
                return
            break
        self.product = product
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter (what a scanner sends after a code) never saves nor closes; Ctrl+S saves, Esc cancels."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
