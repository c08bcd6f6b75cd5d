"""Poster promo and Daftar harga: images and a price list to share on WhatsApp, Facebook and Instagram.

The poster dialog chooses products (a searchable list with checkboxes, each with an optional promo price)
or a program (voucher campaign, stamp card, bonus gift), a layout, a size and an end date, shows the poster
as it will be saved, and saves it to a folder the owner picks with its caption copied to the clipboard.
The price list dialog does the same for the whole catalogue or one category (a PDF and phone images).
Drawing is receipts/posters.py and receipts/price_list.py; this module only asks and shows."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QPixmap
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
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog
from pos.core import clock
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.customers import posters
from receipts import posters as draw
from receipts import price_list
from ui.theme import role
from ui.widgets import dialogs, files
from ui.widgets.boxes import ComboBox, DateEdit

PREVIEW = 420  # the preview's longest side, in pixels


def _pixmap(data: bytes, longest: int = PREVIEW) -> QPixmap:
    picture = QPixmap()
    picture.loadFromData(data, "PNG")
    return picture.scaled(
        longest, longest, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def _copied(caption: str, written: list, folder: str) -> str:
    QGuiApplication.clipboard().setText(caption)
    return _(
        "{n} file tersimpan di {folder}. Teks promo sudah disalin: tempel di WhatsApp atau Facebook."
    ).format(n=len(written), folder=folder)


class PostersDialog(QDialog):
    """`chosen` maps the checked product ids to (name, price), in the order they were checked; `saved` the
    files of the last save."""

    def __init__(self, parent: QWidget | None, product_ids: list[int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Poster promo"))
        self.setMinimumSize(1120, 640)
        self.chosen: dict[int, tuple[str, int]] = {}
        self.promo_edits: dict[int, QLineEdit] = {}
        self.offer: posters.Offer | None = None
        self.saved: list = []
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        layout.addLayout(body, 1)
        left = QVBoxLayout()
        body.addLayout(left, 3)
        left.addLayout(self._source_row())
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari barang (nama, SKU atau barcode), centang 1–6 barang"))
        self.search.setClearButtonEnabled(True)
        left.addWidget(self.search)
        left.addLayout(self._lists(), 1)
        left.addLayout(self._options())
        body.addLayout(self._preview_column())

        self.message = dialogs.message_line(layout)
        buttons, self.save_button = dialogs.close_and_primary(self, _("Simpan ke folder…"), self.save)
        layout.addLayout(buttons)
        self._connect()
        for pid in product_ids or []:
            self._choose(pid)
        self.find()
        self.redraw()
        self.search.setFocus()

    # --- building ---
    def _source_row(self) -> QHBoxLayout:
        """The chosen products, or a running program (greyed when there is none)."""
        source = QHBoxLayout()
        self.by_products = QRadioButton(_("Barang pilihan"))
        self.by_program = QRadioButton(_("Program:"))
        self.by_products.setChecked(True)
        self.program = ComboBox()
        for kind, ref, name in posters.programs():
            self.program.addItem(name, f"{kind}:{ref}")
        if not self.program.count():
            self.by_program.setEnabled(False)
            self.program.setEnabled(False)
            self.program.addItem(_("Belum ada voucher, kartu stempel atau hadiah yang berjalan"), None)
        self.program.setMinimumWidth(280)
        self.program.setSizeAdjustPolicy(ComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for widget in (self.by_products, self.by_program, self.program):
            source.addWidget(widget)
        source.addStretch(1)
        return source

    def _lists(self) -> QHBoxLayout:
        """The search's results to tick, beside the ticked products with their promo prices."""
        lists = QHBoxLayout()
        self.results = QListWidget()
        lists.addWidget(self.results, 2)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Di poster"), _("Harga"), _("Harga promo")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 100)
        self.table.setColumnWidth(2, 120)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(38)
        lists.addWidget(self.table, 3)
        return lists

    def _options(self) -> QGridLayout:
        """Title, layout, size and the end date."""
        options = QGridLayout()
        options.addWidget(QLabel(_("Judul:")), 0, 0)
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("PROMO"))
        self.title.setMaxLength(60)
        options.addWidget(self.title, 0, 1)
        options.addWidget(QLabel(_("Tata letak:")), 0, 2)
        self.layout_box = ComboBox()
        self.layout_box.addItem(_("Otomatis"), "")
        for key, name in draw.layout_names():
            self.layout_box.addItem(name, key)
        options.addWidget(self.layout_box, 0, 3)
        options.addWidget(QLabel(_("Ukuran:")), 1, 0)
        self.size_box = ComboBox()
        for (key, name), (w, h) in zip(draw.size_names(), draw.SIZES.values(), strict=True):
            self.size_box.addItem(name, key)
            self.size_box.setItemData(self.size_box.count() - 1, f"{w}×{h}", Qt.ItemDataRole.ToolTipRole)
        self.size_box.addItem(_("Keduanya"), "both")
        options.addWidget(self.size_box, 1, 1)
        self.has_until = QCheckBox(_("Berlaku s.d."))
        options.addWidget(self.has_until, 1, 2)
        self.until = DateEdit()
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("dd-MM-yyyy")
        today = clock.now().date()
        self.until.setMinimumDate(QDate(today.year, today.month, today.day))
        self.until.setDate(QDate(today.year, today.month, today.day).addDays(7))
        self.until.setEnabled(False)
        options.addWidget(self.until, 1, 3)
        for box in (self.layout_box, self.size_box):  # long item names do not widen the dialog
            box.setSizeAdjustPolicy(ComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(16)
        options.setColumnStretch(1, 1)
        return options

    def _preview_column(self) -> QVBoxLayout:
        """The poster as it will be saved, and a note under it."""
        right = QVBoxLayout()
        self.preview = QLabel(_("Centang barang untuk melihat posternya."))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW, PREVIEW)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #e9ecea; border-radius: 8px;")
        right.addWidget(self.preview)
        self.note = role(QLabel(""), "muted")
        self.note.setWordWrap(True)
        self.note.setMaximumWidth(PREVIEW)
        right.addWidget(self.note)
        right.addStretch(1)
        return right

    def _connect(self) -> None:
        """The search is looked up and the poster redrawn a moment after each change."""
        self.timer = dialogs.debounced(self, 150, self.find)
        self.redraw_timer = dialogs.debounced(self, 250, self.redraw)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.results.itemChanged.connect(self._checked)
        for signal in (
            self.by_products.toggled,
            self.program.currentIndexChanged,
            self.layout_box.currentIndexChanged,
            self.size_box.currentIndexChanged,
            self.has_until.toggled,
            self.until.dateChanged,
            self.title.textChanged,
        ):
            signal.connect(lambda *_a: self.redraw_timer.start())
        self.has_until.toggled.connect(self.until.setEnabled)
        self.program.activated.connect(lambda _i: self.by_program.setChecked(self.by_program.isEnabled()))

    # --- choosing ---
    def find(self) -> None:
        self.timer.stop()
        self.results.blockSignals(True)
        self.results.clear()
        for pid, name, price in posters.pickable(self.search.text()):  # no Rp 0 raw materials
            item = QListWidgetItem(f"{name} · {format_rupiah(price)}")
            item.setData(Qt.ItemDataRole.UserRole, (pid, name, price))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = pid in self.chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.results.addItem(item)
        self.results.blockSignals(False)

    def check(self, product_id: int, on: bool = True) -> None:
        """Tick (or untick) a product in the list as a person would."""
        for index in range(self.results.count()):
            item = self.results.item(index)
            if item.data(Qt.ItemDataRole.UserRole)[0] == product_id:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        if on:
            self._choose(product_id)
        else:
            self._drop(product_id)

    def _checked(self, item: QListWidgetItem) -> None:
        pid, name, price = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen.setdefault(pid, (name, price))
            self._rows()
        else:
            self._drop(pid)
        self.by_products.setChecked(True)
        self.redraw_timer.start()

    def _choose(self, product_id: int) -> None:
        for pid, name, price in posters.chosen([product_id]):
            self.chosen.setdefault(pid, (name, price))
        self._rows()

    def _drop(self, product_id: int) -> None:
        self.chosen.pop(product_id, None)
        self.promo_edits.pop(product_id, None)
        self._rows()
        self.redraw_timer.start()

    def _rows(self) -> None:
        keep = {pid: edit.text() for pid, edit in self.promo_edits.items()}
        self.table.setRowCount(0)
        self.promo_edits = {}
        for pid, (name, price) in self.chosen.items():
            index = self.table.rowCount()
            self.table.insertRow(index)
            self.table.setItem(index, 0, QTableWidgetItem(name))
            self.table.setItem(index, 1, QTableWidgetItem(format_rupiah(price)))
            edit = QLineEdit(keep.get(pid, ""))
            edit.setPlaceholderText(_("tanpa promo"))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textChanged.connect(lambda _t: self.redraw_timer.start())
            self.promo_edits[pid] = edit
            self.table.setCellWidget(index, 2, edit)

    def set_promo(self, product_id: int, text: str) -> None:
        self.promo_edits[product_id].setText(text)

    # --- the poster ---
    def build(self) -> posters.Offer:
        until = self.until.date().toPython() if self.has_until.isChecked() else None
        assert until is None or isinstance(until, date)
        if self.by_program.isChecked() and self.program.currentData() is not None:
            kind, _sep, ref = self.program.currentData().partition(":")
            return posters.for_program(kind, ref, until)
        promo = {pid: parse_rupiah(e.text()) for pid, e in self.promo_edits.items() if e.text().strip()}
        return posters.for_products(list(self.chosen), promo=promo, until=until, title=self.title.text())

    def sizes(self) -> tuple[str, ...]:
        key = self.size_box.currentData()
        return tuple(draw.SIZES) if key == "both" else (key,)

    def redraw(self) -> None:
        self.redraw_timer.stop()
        self.message.setText("")
        self.offer = None
        self.save_button.setEnabled(False)
        if self.by_products.isChecked() and not self.chosen:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("Centang barang untuk melihat posternya."))
            self.note.setText("")
            return
        try:
            offer = self.build()
            poster = draw.render(offer, self.layout_box.currentData(), self.sizes()[-1])
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.offer = offer
        self.preview.setPixmap(_pixmap(poster.png()))
        self.note.setText(
            ""
            if offer.link
            else _(
                "Tanpa QR: isi nomor WhatsApp toko (nomor HP) di Pengaturan agar pembeli bisa langsung chat."
            )
        )
        self.save_button.setEnabled(True)

    def save(self) -> None:
        self.redraw()
        if self.offer is None:
            return
        folder = files.ask_folder(self, _("Simpan poster ke folder"))
        if not folder:
            return
        try:
            self.saved = draw.save(self.offer, folder, self.sizes(), self.layout_box.currentData())
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.note.setText(_copied(self.offer.caption, self.saved, folder))


class PriceListDialog(QDialog):
    """Daftar harga: the catalogue or one category as an A4 PDF and phone images, saved to a folder."""

    def __init__(self, parent: QWidget | None, category_id: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Daftar harga"))
        self.setMinimumSize(760, 600)
        self.saved: list = []
        self.images = 0
        self.plist: posters.PriceList | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Kategori:")))
        self.category = ComboBox()
        self.category.addItem(_("Semua barang aktif"), None)
        for c in catalog.categories(active_only=True):
            self.category.addItem(c.name, c.id)
        self.category.setCurrentIndex(max(0, self.category.findData(category_id)))
        self.category.setMinimumWidth(240)
        top.addWidget(self.category)
        top.addStretch(1)
        layout.addLayout(top)
        body = QHBoxLayout()
        self.preview = QLabel("")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(PREVIEW * 1080 // 1920 + 8, PREVIEW)
        self.preview.setStyleSheet("background: #e9ecea; border-radius: 8px;")
        body.addWidget(self.preview)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.summary, 1)
        layout.addLayout(body, 1)
        self.message = dialogs.message_line(layout)
        buttons, self.save_button = dialogs.close_and_primary(self, _("Simpan ke folder…"), self.save)
        layout.addLayout(buttons)
        self.category.currentIndexChanged.connect(lambda _i: self.redraw())
        self.redraw()

    def redraw(self) -> None:
        self.message.setText("")
        self.plist = None
        self.save_button.setEnabled(False)
        try:
            plist = posters.price_list(self.category.currentData())
            first = price_list.price_list_images(plist, limit=1)[0]
            self.images = price_list.image_count(plist)
        except PosError as exc:
            self.preview.setPixmap(QPixmap())
            self.summary.setText("")
            self.message.setText(exc.text)
            return
        self.plist = plist

        buf = BytesIO()
        first.save(buf, "PNG")
        self.preview.setPixmap(_pixmap(buf.getvalue()))
        if self.images <= price_list.MAX_IMAGES:
            text = _(
                "{n} barang: satu PDF A4 untuk dicetak atau dikirim, dan {images} gambar HP (1080×1920) "
                "untuk Status atau katalog WhatsApp. Teks untuk dibagikan disalin saat disimpan."
            ).format(n=plist.count, images=self.images)
        else:
            text = _(
                "{n} barang: terlalu banyak untuk gambar HP ({images} gambar), jadi hanya PDF A4. Pilih satu "
                "kategori untuk gambarnya."
            ).format(n=plist.count, images=self.images)
        self.summary.setText(text)
        self.save_button.setEnabled(True)

    def save(self) -> None:
        if self.plist is None:
            return
        folder = files.ask_folder(self, _("Simpan daftar harga ke folder"))
        if not folder:
            return
        try:
            self.saved = price_list.save(self.plist, folder, self.images <= price_list.MAX_IMAGES)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.summary.setText(_copied(self.plist.caption, self.saved, folder))
