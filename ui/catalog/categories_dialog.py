"""Kategori: add, rename, colour (a fixed palette of eight), order (the counter's quick buttons follow it),
deactivate or activate. Each change is one `pos.catalog.product_edit` service call."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog, product_edit
from pos.catalog.catalog import Category
from pos.core import staff
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.staff import User
from ui.catalog.product_dialog import products_approval
from ui.theme import role
from ui.widgets import dialogs

PALETTE = (
    ("#2e7d32", N_("Hijau")),
    ("#1565c0", N_("Biru")),
    ("#c62828", N_("Merah")),
    ("#ef6c00", N_("Oranye")),
    ("#6a1b9a", N_("Ungu")),
    ("#00838f", N_("Toska")),
    ("#6d4c41", N_("Cokelat")),
    ("#546e7a", N_("Abu-abu")),
)


def swatch(color: str, size: int = 20) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color) if color else QColor("#ffffff"))
    if not color:  # no colour: an empty box with a grey edge
        painter = QPainter(pixmap)
        painter.setPen(QColor("#a0a8a4"))
        painter.drawRect(0, 0, size - 1, size - 1)
        painter.end()
    return QIcon(pixmap)


class CategoriesDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.approver: User | None = None
        self.approved = False
        self.setWindowTitle(_("Kategori"))
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Kategori")), "title"))
        hint = role(QLabel(_("Urutan di sini adalah urutan tombol cepat di Kasir.")), "muted")
        layout.addWidget(hint)
        body = QHBoxLayout()
        self.list = QListWidget()
        self.list.setStyleSheet("font-size: 16px;")
        self.list.setSpacing(3)
        self.list.setIconSize(QSize(20, 20))
        self.list.currentRowChanged.connect(lambda _r: self._chosen())
        body.addWidget(self.list, 1)
        side = QVBoxLayout()
        side.addWidget(self._new_box())
        side.addWidget(self._chosen_box())
        side.addStretch(1)
        body.addLayout(side)
        layout.addLayout(body, 1)
        self.error = dialogs.message_line(layout)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.accept)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(close)
        layout.addLayout(footer)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the name field adds, it does not close
        self.reload()

    # --- building ---
    def _new_box(self) -> QGroupBox:
        box = QGroupBox(_("Kategori baru"))
        new_row = QHBoxLayout(box)
        self.new_name = QLineEdit()
        self.new_name.setMaxLength(80)
        self.new_name.setPlaceholderText(_("mis. Minuman"))
        self.new_name.returnPressed.connect(self.add)
        new_row.addWidget(self.new_name, 1)
        self.add_button = role(QPushButton(_("Tambah")), "primary")
        self.add_button.clicked.connect(self.add)
        new_row.addWidget(self.add_button)
        return box

    def _chosen_box(self) -> QGroupBox:
        """Rename, colour, order and (de)activate the category chosen in the list."""
        self.chosen_box = QGroupBox(_("Kategori terpilih"))
        chosen = QVBoxLayout(self.chosen_box)
        row = QHBoxLayout()
        self.name = QLineEdit()
        self.name.setMaxLength(80)
        self.name.returnPressed.connect(self.rename)
        row.addWidget(self.name, 1)
        self.rename_button = QPushButton(_("Ganti nama"))
        self.rename_button.clicked.connect(self.rename)
        row.addWidget(self.rename_button)
        chosen.addLayout(row)
        chosen.addWidget(QLabel(_("Warna")))
        chosen.addLayout(self._palette())
        row = QHBoxLayout()
        self.up_button = QPushButton(_("▲ Naik"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(_("▼ Turun"))
        self.down_button.clicked.connect(lambda: self.move(1))
        row.addWidget(self.up_button)
        row.addWidget(self.down_button)
        chosen.addLayout(row)
        self.active_button = QPushButton(_("Nonaktifkan"))
        self.active_button.clicked.connect(self.toggle_active)
        chosen.addWidget(self.active_button)
        return self.chosen_box

    def _palette(self) -> QGridLayout:
        """A button for each colour of the palette and one for none, five to a row."""
        palette = QGridLayout()
        self.color_buttons: list[QPushButton] = []
        for index, (color, name) in enumerate((*PALETTE, ("", N_("Tanpa warna")))):
            button = QPushButton()
            button.setIcon(swatch(color, 22))
            button.setIconSize(QSize(22, 22))
            button.setToolTip(dialogs.plain(_(name)))
            button.setFixedWidth(52)
            button.clicked.connect(lambda _c=False, value=color: self.set_color(value))
            palette.addWidget(button, index // 5, index % 5)
            self.color_buttons.append(button)
        return palette

    # --- the list ---
    def reload(self, select: int | None = None) -> None:
        current = select if select is not None else self.current_id()
        self.categories: list[Category] = catalog.categories()
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.categories:
            text = c.name if c.active else _("{name} (nonaktif)").format(name=c.name)
            item = QListWidgetItem(swatch(c.color), text)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            if not c.active:
                item.setForeground(QColor("#8a938f"))
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in self.categories]
        self.list.setCurrentRow(ids.index(current) if current in ids else (0 if ids else -1))
        self._chosen()

    def current(self) -> Category | None:
        row = self.list.currentRow()
        return self.categories[row] if 0 <= row < len(self.categories) else None

    def current_id(self) -> int | None:
        chosen = self.current() if hasattr(self, "categories") else None
        return chosen.id if chosen is not None else None

    def _chosen(self) -> None:
        c = self.current()
        self.chosen_box.setEnabled(c is not None)
        self.name.setText(c.name if c is not None else "")
        if c is not None:
            self.active_button.setText(_("Nonaktifkan") if c.active else _("Aktifkan"))
            row = self.list.currentRow()
            self.up_button.setEnabled(row > 0)
            self.down_button.setEnabled(row < len(self.categories) - 1)

    # --- changes ---
    def _do(self, action: Callable[[User | None], object]) -> object | None:
        """Run one service (asking the owner's PIN once if the user may not change products)."""
        self.error.clear()
        if not self.approved or (self.approver is not None and not staff.approval_valid(self.approver)):
            go_on, self.approver = products_approval(self, self.user, _("Ubah kategori"))  # one per change
            if not go_on:
                return None
            self.approved = True
        try:
            done = action(self.approver)
        except PosError as exc:
            self.error.setText(exc.text)
            return None
        return done if done is not None else True

    def add(self) -> None:
        name = self.new_name.text()
        made = self._do(lambda a: product_edit.save_category(name, self.user, a))
        if isinstance(made, Category):
            self.reload(select=made.id)
            self.new_name.clear()
            self.new_name.setFocus()

    def rename(self) -> None:
        c = self.current()
        if c is None:
            return
        name = self.name.text()
        if self._do(
            lambda a: product_edit.save_category(name, self.user, a, category_id=c.id, color=c.color)
        ):
            self.reload(select=c.id)

    def set_color(self, color: str) -> None:
        c = self.current()
        if c is None:
            return
        if self._do(
            lambda a: product_edit.save_category(c.name, self.user, a, category_id=c.id, color=color)
        ):
            self.reload(select=c.id)

    def move(self, step: int) -> None:
        c = self.current()
        if c is None:
            return
        if self._do(lambda a: product_edit.move_category(c.id, step, self.user, a)):
            self.reload(select=c.id)

    def toggle_active(self) -> None:
        c = self.current()
        if c is None:
            return
        if self._do(lambda a: product_edit.set_category_active(c.id, not c.active, self.user, a)):
            self.reload(select=c.id)
