"""Pengaturan → Kartu stempel, hadiah bonus, ulang tahun. Each dialog saves on its own (one action)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
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

from pos.catalog import choices
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.customers import birthday, gifts, program_settings, stamps
from pos.customers.program_settings import ProgramForm
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox, SpinBox


def _product_combo() -> QComboBox:
    combo = ComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for p in choices.products():
        combo.addItem(p.name, p.id)
    return combo


def _scope_combo() -> QComboBox:
    """One category or one product that counts for a stamp card or a gift."""
    combo = ComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for c in choices.categories():
        combo.addItem(_("Kategori: {name}").format(name=c.name), ("category", c.id))
    for p in choices.products():
        combo.addItem(p.name, ("product", p.id))
    return combo


def _select(combo: QComboBox, data: object) -> None:
    """Select the item whose data equals `data`. Not findData: for Python objects such as the scope's
    ("product", id) tuples it compares identity, so an equal tuple built later is never found."""
    for index in range(combo.count()):
        if combo.itemData(index) == data:
            combo.setCurrentIndex(index)
            return


def _scope(combo: QComboBox) -> tuple[list[int], list[int]]:
    kind, ident = combo.currentData() or ("", 0)
    return ([ident], []) if kind == "product" else ([], [ident] if ident else [])


class _ProgramDialog(QDialog):
    """A stamp card or a gift: its name first, the kind's own fields, then "Berjalan", errors and Simpan.
    `save()` configures the program; a refusal is shown and the dialog stays open."""

    def __init__(
        self, parent: QWidget | None, user: User, program: ProgramForm | None, title: str, example: str
    ) -> None:
        super().__init__(parent)
        self.user, self.program = user, program
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.name = QLineEdit()
        self.name.setPlaceholderText(example)
        self.form.addRow(_("Nama"), self.name)

    def _finish(self) -> None:
        """After the kind's own fields: running or not, the error line and the save button."""
        self.active = QCheckBox(_("Berjalan"))
        self.active.setChecked(self.program.active if self.program is not None else True)
        self.form.addRow("", self.active)
        self.layout_.addLayout(self.form)
        self.error = dialogs.form_footer(self.layout_, _("Simpan"), self.submit, cancel=self)
        if self.program is not None:
            self.name.setText(self.program.name)

    def save(self) -> None:
        raise NotImplementedError

    def submit(self) -> None:
        try:
            self.save()
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class StampDialog(_ProgramDialog):
    def __init__(self, parent: QWidget | None, user: User, program: ProgramForm | None = None) -> None:
        super().__init__(parent, user, program, _("Kartu stempel"), _("mis. Kartu Bakso"))
        form = self.form
        self.scope = _scope_combo()
        form.addRow(_("Dapat stempel dari"), self.scope)
        self.needed = SpinBox()
        self.needed.setRange(2, stamps.MAX_NEEDED)
        self.needed.setValue(10)
        form.addRow(_("Stempel untuk 1 hadiah"), self.needed)
        self.reward = ComboBox()
        self.reward.addItem(_("Barang gratis"), "item")
        self.reward.addItem(_("Potongan rupiah"), "rp")
        form.addRow(_("Hadiah"), self.reward)
        self.reward_product = _product_combo()
        form.addRow(_("Barang hadiah"), self.reward_product)
        self.reward_value = QLineEdit()
        self.reward_value.setPlaceholderText("10.000")
        form.addRow(_("Potongan (Rp)"), self.reward_value)
        self._finish()
        if program is not None:
            r = program.rules or {}
            first = ("product", r["products"][0]) if r.get("products") else ("category", r["categories"][0])
            _select(self.scope, first)
            self.needed.setValue(int(r.get("needed", 10)))
            _select(self.reward, r.get("reward", "item"))
            _select(self.reward_product, r.get("reward_product"))
            self.reward_value.setText(str(r.get("reward_value") or ""))

    def save(self) -> None:
        products, categories = _scope(self.scope)
        kind = str(self.reward.currentData())
        stamps.configure(
            self.name.text(),
            self.needed.value(),
            products=products,
            categories=categories,
            reward=kind,
            reward_product=self.reward_product.currentData() if kind == "item" else None,
            reward_value=parse_rupiah(self.reward_value.text()) if kind == "rp" else 0,
            active=self.active.isChecked(),
            user=self.user,
            program_id=self.program.id if self.program else None,
        )


class GiftDialog(_ProgramDialog):
    def __init__(self, parent: QWidget | None, user: User, program: ProgramForm | None = None) -> None:
        super().__init__(parent, user, program, _("Hadiah bonus"), _("mis. Tas gratis"))
        form = self.form
        self.gift = _product_combo()
        form.addRow(_("Barang hadiah"), self.gift)
        self.scope = _scope_combo()
        self.scope.insertItem(0, _("(siapa saja yang belanja cukup)"), ("", 0))
        self.scope.setCurrentIndex(0)
        form.addRow(_("Kalau membeli"), self.scope)
        self.min_spend = QLineEdit()
        self.min_spend.setPlaceholderText("0")
        form.addRow(_("Minimal belanja (Rp)"), self.min_spend)
        self._finish()
        if program is not None:
            r = program.rules or {}
            _select(self.gift, r.get("gift_product"))
            if r.get("products"):
                _select(self.scope, ("product", r["products"][0]))
            elif r.get("categories"):
                _select(self.scope, ("category", r["categories"][0]))
            self.min_spend.setText(str(r.get("min_spend") or ""))

    def save(self) -> None:
        products, categories = _scope(self.scope)
        gifts.configure(
            self.name.text(),
            self.gift.currentData(),
            min_spend=parse_rupiah(self.min_spend.text() or "0"),
            products=products,
            categories=categories,
            active=self.active.isChecked(),
            user=self.user,
            program_id=self.program.id if self.program else None,
        )


class ProgramsBox(QGroupBox):
    """The stamp cards and bonus gifts the shop runs, and the birthday bonus."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(_("Kartu stempel, hadiah bonus, ulang tahun"))
        self.page = page
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        layout.addWidget(self.list)
        row = QHBoxLayout()
        for text, slot in (
            (_("Kartu stempel baru…"), lambda: self._open(StampDialog)),
            (_("Hadiah bonus baru…"), lambda: self._open(GiftDialog)),
            (_("Ubah…"), self.edit),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        birthday_row = QHBoxLayout()
        self.birthday_on = QCheckBox(_("Hadiah ulang tahun (sekali setahun, di bulan ulang tahunnya):"))
        birthday_row.addWidget(self.birthday_on)
        self.birthday_points = QLineEdit()
        self.birthday_points.setPlaceholderText(_("poin"))
        self.birthday_points.setMaximumWidth(90)
        birthday_row.addWidget(self.birthday_points)
        birthday_row.addWidget(QLabel(_("poin, voucher Rp")))
        self.birthday_voucher = QLineEdit()
        self.birthday_voucher.setMaximumWidth(110)
        birthday_row.addWidget(self.birthday_voucher)
        save = QPushButton(_("Simpan"))
        save.clicked.connect(self.save_birthday)
        birthday_row.addWidget(save)
        birthday_row.addStretch(1)
        layout.addLayout(birthday_row)
        self.message = role(QLabel(""), "muted")
        layout.addWidget(self.message)

    @property
    def user(self) -> User:
        return self.page.window_.user  # type: ignore[attr-defined, no-any-return]

    def refresh(self) -> None:
        self.list.clear()
        for p in program_settings.listed():
            if p.kind == "stamps":
                text = _("Kartu stempel {name}: {needed} stempel → {reward}").format(
                    name=p.name, needed=p.needed, reward=p.reward
                )
            else:
                text = _("Hadiah {name}: {item}").format(name=p.name, item=p.gift or "?")
                if p.min_spend:
                    text += " · " + _("belanja ≥ {amount}").format(amount=format_rupiah(p.min_spend))
            if not p.active:
                text += " · " + _("berhenti")
            item = QListWidgetItem(text)
            item.setData(256, p.id)
            self.list.addItem(item)
        bonus = program_settings.birthday()
        self.birthday_on.setChecked(bonus.active)
        self.birthday_points.setText(str(bonus.points) if bonus.points else "")
        value = bonus.voucher_value
        self.birthday_voucher.setText(f"{value:,}".replace(",", ".") if value else "")

    def _open(self, kind: type[QDialog], program: ProgramForm | None = None) -> None:
        if dialogs.run(kind(self, self.user, program)):  # type: ignore[call-arg]
            self.refresh()
            self.message.setText(_("Program disimpan."))

    def edit(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.message.setText(_("Pilih program yang diubah."))
            return
        program = program_settings.program(int(item.data(256)))
        self._open(StampDialog if program.kind == "stamps" else GiftDialog, program)

    def save_birthday(self) -> None:
        try:
            points = parse_rupiah(self.birthday_points.text() or "0")
            value = parse_rupiah(self.birthday_voucher.text() or "0")
            birthday.configure(points, value, self.birthday_on.isChecked(), self.user)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.message.setText(_("Hadiah ulang tahun disimpan."))
