"""The Stok dialogs: receive goods, count stock (opname), write off waste, recipes and production."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog, choices
from pos.core import clock, staff
from pos.core.cart import parse_qty
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.core.text import qty_text
from pos.stock import lookups, recipes, stock
from pos.stock.lookups import StockItem
from ui.catalog.product_dialog import ProductDialog, products_approval
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox, DateEdit, SpinBox


def product_combo(tracked_only: bool = True) -> QComboBox:
    combo = ComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for p in choices.products(tracked_only):
        combo.addItem(f"{p.name} ({p.unit})", p.id)
    return combo


def _date(widget: QDateEdit, days: int) -> None:
    d = clock.now().date() + timedelta(days=days)
    widget.setDate(QDate(d.year, d.month, d.day))


class RestockDialog(QDialog):
    """Terima barang: supplier, items with quantity, unit cost and (for perishables) the expiry date."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.items: list[tuple[StockItem, Decimal, int]] = []
        self.expiries: dict[int, object] = {}
        self.setWindowTitle(_("Terima barang"))
        self.setMinimumSize(900, 520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.supplier = ComboBox()
        self.supplier.setEditable(True)
        self.supplier.addItem("")
        for s in lookups.suppliers():
            self.supplier.addItem(s.name, s.id)
        self.supplier_phone = QLineEdit()
        self.supplier_phone.setPlaceholderText(_("WhatsApp pemasok (untuk pesan ulang)"))
        self.lead = SpinBox()
        self.lead.setRange(0, 60)
        self.lead.setValue(1)
        supplier_row = QHBoxLayout()
        supplier_row.addWidget(self.supplier, 2)
        supplier_row.addWidget(self.supplier_phone, 2)
        supplier_row.addWidget(QLabel(_("lama kirim (hari)")))
        supplier_row.addWidget(self.lead)
        form.addRow(_("Pemasok"), supplier_row)
        self.supplier.currentIndexChanged.connect(self._supplier_chosen)
        self.note = QLineEdit()
        form.addRow(_("Catatan"), self.note)
        layout.addLayout(form)
        entry = QHBoxLayout()
        self.product = product_combo()
        entry.addWidget(self.product, 3)
        self.qty = QLineEdit()
        self.qty.setPlaceholderText(_("jumlah"))
        self.qty.setMinimumWidth(80)
        entry.addWidget(self.qty, 1)
        self.cost = QLineEdit()
        self.cost.setPlaceholderText(_("harga beli satuan"))
        self.cost.setMinimumWidth(120)
        entry.addWidget(self.cost, 1)
        self.has_expiry = QCheckBox(_("kedaluwarsa"))
        entry.addWidget(self.has_expiry)
        self.expiry = DateEdit()
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat("dd-MM-yyyy")
        _date(self.expiry, 7)
        entry.addWidget(self.expiry)
        add = QPushButton(_("Tambah"))
        add.clicked.connect(self.add_item)
        self.cost.returnPressed.connect(self.add_item)
        entry.addWidget(add)
        new = QPushButton(_("Barang baru…"))
        new.setToolTip(_("Barang yang belum ada di katalog: tambahkan dulu, lalu terima"))
        new.clicked.connect(self.new_product)
        entry.addWidget(new)
        layout.addLayout(entry)
        self.product.currentIndexChanged.connect(self._product_chosen)
        self._product_chosen()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [_("Barang"), _("Jumlah"), _("Harga satuan"), _("Subtotal"), _("Kedaluwarsa")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((300, 100, 130, 150)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table, 1)
        self.total = role(QLabel(""), "title")
        layout.addWidget(self.total)
        self.error = dialogs.form_footer(layout, _("Simpan penerimaan"), self.submit, cancel=self)

    def new_product(self) -> None:
        """A delivery with something the shop never sold: the product dialog, then it is chosen here."""
        go, approver = products_approval(self, self.user, _("Barang baru butuh PIN pemilik"))
        if not go:
            return
        dialog = ProductDialog(self, self.user, approver=approver)
        if not dialogs.run(dialog) or dialog.product is None:
            return
        product = dialog.product
        if product.track_stock:
            self.product.addItem(f"{product.name} ({product.unit})", product.id)
            self.product.setCurrentIndex(self.product.count() - 1)
            self.qty.setFocus()

    def _supplier_chosen(self) -> None:
        row = lookups.supplier(self.supplier.currentData())
        if row is not None:
            self.supplier_phone.setText(row.phone)
            self.lead.setValue(int(row.lead_days))

    def _product_chosen(self) -> None:
        product = lookups.item(self.product.currentData())
        if product is not None:
            self.cost.setText(str(int(product.cost)) if product.cost else "")
            self.has_expiry.setChecked(bool(product.perishable))
            if product.perishable:  # its own shelf life (daging: 2 days), else a week
                _date(self.expiry, int(product.shelf_life_days) or 7)

    def add_item(self) -> None:
        product = lookups.item(self.product.currentData())
        try:
            if product is None:
                raise stock.StockError(why=_("pilih barangnya"))
            if any(p.id == product.id for p, _q, _c in self.items):
                raise stock.StockError(why=_("{name} sudah ada di daftar").format(name=product.name))
            qty = stock.parse_received(self.qty.text())
            cost = parse_rupiah(self.cost.text() or "0")
        except PosError as exc:
            self.error.setText(exc.text)
            return
        if cost == 0 and not dialogs.ask_yes_no(
            self, _("Harga beli {name} Rp 0? Biaya barang (HPP) jadi lebih rendah.").format(name=product.name)
        ):
            return
        self.items.append((product, qty, cost))
        expires = self.expiry.date().toPython() if self.has_expiry.isChecked() else None
        if expires is not None:
            self.expiries[product.id] = expires
        row = self.table.rowCount()
        self.table.insertRow(row)
        subtotal = int(qty * cost)
        for col, text in enumerate(
            [
                product.name,
                f"{qty_text(qty)} {product.unit}",
                format_rupiah(cost),
                format_rupiah(subtotal),
                expires.strftime("%d-%m-%Y") if expires else "–",
            ]
        ):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self.total.setText(
            _("Total pembelian: {total}").format(
                total=format_rupiah(sum(int(q * c) for _p, q, c in self.items))
            )
        )
        self.qty.clear()
        self.error.clear()
        self.product.setFocus()

    def submit(self) -> None:
        try:
            chosen = None
            name = self.supplier.currentText().strip()
            if name:
                chosen = stock.supplier(name, self.supplier_phone.text(), self.lead.value(), self.user)
            self.purchase = stock.restock(
                self.items,
                self.user,
                chosen,
                self.note.text().strip(),
                self.expiries,  # type: ignore[arg-type]
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class OpnameDialog(QDialog):
    """Stock count: pick a category (or all), type the counted quantities (a scan jumps to the item),
    see the differences, confirm with a reason (and the owner's PIN for a cashier)."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.changes: list[tuple[int, Decimal]] = []
        self.setWindowTitle(_("Stok opname"))
        self.setMinimumSize(760, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.category = ComboBox()
        self.category.addItem(_("Semua kategori"), None)
        for c in choices.categories():
            self.category.addItem(c.name, c.id)
        self.category.currentIndexChanged.connect(self.load)
        row.addWidget(self.category)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(_("Scan barcode atau ketik SKU, lalu ketik jumlahnya"))
        self.scan.returnPressed.connect(self.find)
        row.addWidget(self.scan, 1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Barang"), _("Tercatat"), _("Dihitung"), _("Selisih")])
        self.table.setColumnWidth(0, 320)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemChanged.connect(self._changed)
        layout.addWidget(self.table, 1)
        self.summary = role(QLabel(""), "muted")
        layout.addWidget(self.summary)
        self.error = dialogs.form_footer(layout, _("Simpan selisih…"), self.submit, cancel=self)
        self.load()

    def load(self) -> None:
        self.products = lookups.counted(self.category.currentData())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.products))
        for row, p in enumerate(self.products):
            name = QTableWidgetItem(f"{p.name} ({p.unit})")
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            held = QTableWidgetItem(qty_text(p.on_hand))
            held.setFlags(held.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, held)
            self.table.setItem(row, 2, QTableWidgetItem(""))
            diff = QTableWidgetItem("")
            diff.setFlags(diff.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 3, diff)
        self.table.blockSignals(False)
        self._summarise()

    def find(self) -> None:
        try:
            product = catalog.by_code(self.scan.text())
        except PosError as exc:
            self.error.setText(exc.text)
            return
        for row, p in enumerate(self.products):
            if p.id == product.id:
                self.table.setCurrentCell(row, 2)
                self.table.editItem(self.table.item(row, 2))
                self.scan.clear()
                self.error.clear()
                return
        self.error.setText(_("{name} tidak ada di kategori ini.").format(name=product.name))

    def counted(self) -> dict[int, str]:
        out = {}
        for row, p in enumerate(self.products):
            text = self.table.item(row, 2).text().strip()
            if text:
                out[p.id] = text
        return out

    def _changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 2:
            return
        row = item.row()
        text = item.text().strip()
        self.table.blockSignals(True)
        try:
            diff = Decimal(text.replace(",", ".")) - self.products[row].on_hand if text else None
            self.table.item(row, 3).setText(
                "" if diff is None else ("+" if diff > 0 else "") + qty_text(diff)
            )
        except ArithmeticError:
            self.table.item(row, 3).setText(_("?"))
        self.table.blockSignals(False)
        self._summarise()

    def _summarise(self) -> None:
        typed = self.counted()
        differ = sum(
            1 for row in range(self.table.rowCount()) if self.table.item(row, 3).text() not in ("", "0")
        )
        self.summary.setText(
            _("{n} barang dihitung, {d} berbeda dari catatan").format(n=len(typed), d=differ)
        )

    def submit(self) -> None:
        counted = self.counted()
        if not counted:
            self.error.setText(_("Ketik dulu jumlah yang dihitung."))
            return
        approval = ApprovalDialog(
            self, _("Simpan selisih stok opname"), need_pin=not staff.can(self.user, "stock")
        )
        if not dialogs.run(approval):
            return
        try:
            self.changes = stock.opname(counted, approval.reason, self.user, approval.approver)
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class WasteDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User, product_id: int | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Catat barang rusak / kedaluwarsa"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.product = product_combo()
        if product_id is not None:
            self.product.setCurrentIndex(max(0, self.product.findData(product_id)))
        form.addRow(_("Barang"), self.product)
        self.qty = QLineEdit()
        form.addRow(_("Jumlah"), self.qty)
        self.reason = ComboBox()
        self.reason.setEditable(True)
        self.reason.addItems([_("basi / busuk"), _("kedaluwarsa"), _("rusak / pecah"), _("hilang")])
        form.addRow(_("Alasan"), self.reason)
        layout.addLayout(form)
        self.error = dialogs.form_footer(layout, _("Catat"), self.submit, cancel=self)

    def submit(self) -> None:
        try:
            stock.waste(self.product.currentData(), self.qty.text(), self.reason.currentText(), self.user)
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class RecipeDialog(QDialog):
    """What one unit of an item uses: selling a made-to-order item moves these; a tracked intermediate
    is made from them in a production run."""

    def __init__(self, parent: QWidget | None, user: User, product_id: int | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Resep"))
        self.setMinimumSize(640, 460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.product = product_combo(tracked_only=False)
        if product_id is not None:
            self.product.setCurrentIndex(max(0, self.product.findData(product_id)))
        self.product.currentIndexChanged.connect(self.load)
        form.addRow(_("Barang"), self.product)
        layout.addLayout(form)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("Bahan"), _("Jumlah per 1")])
        self.table.setColumnWidth(0, 360)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.ingredient = product_combo()
        row.addWidget(self.ingredient, 3)
        self.qty = QLineEdit()
        self.qty.setPlaceholderText(_("jumlah per 1"))
        row.addWidget(self.qty, 1)
        add = QPushButton(_("Tambah bahan"))
        add.clicked.connect(self.add)
        row.addWidget(add)
        remove = QPushButton(_("Hapus bahan"))
        remove.clicked.connect(self.remove)
        row.addWidget(remove)
        layout.addLayout(row)
        self.cost = role(QLabel(""), "muted")
        layout.addWidget(self.cost)
        self.error = dialogs.form_footer(layout, _("Simpan resep"), self.submit, cancel=self)
        self.table.cellChanged.connect(self.show_cost)
        self.load()

    def load(self) -> None:
        self.table.setRowCount(0)
        pid = self.product.currentData()
        for ingredient, qty in recipes.of(pid) if pid else []:
            self._row(ingredient, qty)
        self.show_cost()

    def show_cost(self) -> None:
        """The cost of one unit as the table stands now, unsaved edits included."""
        if self.product.currentData() is None:
            self.cost.setText("")
            return
        items = []
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0) is None or self.table.item(r, 1) is None:
                continue  # a row being inserted
            try:
                qty = parse_qty(self.table.item(r, 1).text())
            except PosError:
                self.cost.setText(_("Biaya bahan per 1: ? (periksa jumlah baris {n})").format(n=r + 1))
                return
            items.append((int(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)), qty))
        self.cost.setText(_("Biaya bahan per 1: {cost}").format(cost=format_rupiah(recipes.cost_of(items))))

    def remove(self) -> None:
        self.table.removeRow(self.table.currentRow())
        self.show_cost()

    def _row(self, ingredient_id: int, qty: Decimal) -> None:
        product = choices.product(ingredient_id)
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QTableWidgetItem(f"{product.name} ({product.unit})")
        name.setData(Qt.ItemDataRole.UserRole, ingredient_id)
        self.table.setItem(row, 0, name)
        self.table.setItem(row, 1, QTableWidgetItem(qty_text(qty)))

    def add(self) -> None:
        try:
            self._row(self.ingredient.currentData(), parse_qty(self.qty.text()))
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.qty.clear()
        self.show_cost()

    def submit(self) -> None:
        items = [
            (self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), self.table.item(r, 1).text())
            for r in range(self.table.rowCount())
        ]
        try:
            recipes.set_recipe(self.product.currentData(), items, self.user)
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class ProductionDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User, product_id: int | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.setWindowTitle(_("Produksi"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.product = ComboBox()
        for p in lookups.makeable():
            self.product.addItem(f"{p.name} ({p.unit})", p.id)
        if product_id is not None:
            self.product.setCurrentIndex(max(0, self.product.findData(product_id)))
        form.addRow(_("Membuat"), self.product)
        self.qty = QLineEdit()
        form.addRow(_("Jumlah"), self.qty)
        self.note = QLineEdit()
        form.addRow(_("Catatan"), self.note)
        layout.addLayout(form)
        self.error = dialogs.form_footer(layout, _("Catat produksi"), self.submit, cancel=self)

    def submit(self) -> None:
        if self.product.currentData() is None:
            self.error.setText(_("Belum ada barang setengah jadi dengan resep."))
            return
        try:
            recipes.produce(self.product.currentData(), self.qty.text(), self.user, self.note.text())
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
