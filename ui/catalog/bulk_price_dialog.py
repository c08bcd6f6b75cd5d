"""Ubah harga massal: a rule (+/- percent or rupiah, rounded) over a category or the chosen products,
previewed exactly as `pos.catalog.price_bulk.apply` will save it."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.catalog import catalog, price_bulk
from pos.catalog.price_bulk import PriceProposal, PriceRule
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.money import parse_rupiah
from pos.core.staff import User
from ui.catalog.product_dialog import products_approval
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.table import Column, Index, RowsModel, setup_view

ROUNDING_NAMES = ((1, N_("tanpa pembulatan")), (100, "Rp 100"), (500, "Rp 500"), (1000, "Rp 1.000"))
BAD_PERCENT = N_("Persen tidak valid: {text}. Contoh: 10 atau 5,5.")


class ProposalModel(RowsModel):
    """Old → new prices; a price that cannot be saved in red."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < len(self.rows)
            and self.rows[index.row()].problem
        ):
            return QBrush(QColor("#b3261e"))
        return super().data(index, role)


class BulkPriceDialog(QDialog):
    """`product_ids`: the rows chosen on the Barang page (may be empty); `category_id`: the page's filter,
    offered first. After save `changed` lists what changed."""

    def __init__(
        self,
        parent: QWidget | None,
        user: User,
        product_ids: list[int] | None = None,
        category_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.product_ids = list(product_ids or [])
        self.changed: list[PriceProposal] = []
        self.proposals: list[PriceProposal] = []
        self.setWindowTitle(_("Ubah harga massal"))
        self.resize(900, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(_("Ubah harga massal")), "title"))
        form = QFormLayout()
        form.addRow(_("Barang"), self._scope_row())
        form.addRow(_("Perubahan"), self._rule_row())
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(_("mis. harga agen naik bulan ini"))
        form.addRow(_("Alasan"), self.reason)
        layout.addLayout(form)
        layout.addWidget(self._table(), 1)
        self.summary = role(QLabel(""), "muted")
        layout.addWidget(self.summary)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())

        if self.product_ids:
            self.by_selection.setChecked(True)
        else:
            self.by_category.setChecked(True)
        if category_id is not None:
            self.category.setCurrentIndex(max(0, self.category.findData(category_id)))
        self.timer = dialogs.debounced(self, 200, self.update_preview)
        for combo in (self.category, self.direction, self.kind, self.rounding):
            combo.currentIndexChanged.connect(lambda _i: self.update_preview())
        self.by_category.toggled.connect(lambda _on: self.update_preview())
        self.category.currentIndexChanged.connect(lambda _i: self.by_category.setChecked(True))
        self.amount.textChanged.connect(lambda _t: self.timer.start())
        self.update_preview()
        self.amount.setFocus()

    # --- building ---
    def _scope_row(self) -> QHBoxLayout:
        """A category, or the products chosen on the Barang page."""
        scope = QHBoxLayout()
        self.by_category = QRadioButton(_("Kategori"))
        self.category = ComboBox()
        for c in catalog.categories(active_only=True):
            self.category.addItem(c.name, c.id)
        self.by_selection = QRadioButton(_("Barang yang dipilih ({n})").format(n=len(self.product_ids)))
        self.by_selection.setEnabled(bool(self.product_ids))
        group = QButtonGroup(self)
        group.addButton(self.by_category)
        group.addButton(self.by_selection)
        scope.addWidget(self.by_category)
        scope.addWidget(self.category, 1)
        scope.addSpacing(16)
        scope.addWidget(self.by_selection)
        scope.addStretch(1)
        return scope

    def _rule_row(self) -> QHBoxLayout:
        """Up or down, by how much, percent or rupiah, rounded to what."""
        rule = QHBoxLayout()
        self.direction = ComboBox()
        self.direction.addItem(_("+ naik"), 1)
        self.direction.addItem(_("− turun"), -1)
        rule.addWidget(self.direction)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(_("mis. 10"))
        self.amount.setMaximumWidth(140)
        rule.addWidget(self.amount)
        self.kind = ComboBox()
        self.kind.addItem(_("persen (%)"), "percent")
        self.kind.addItem(_("rupiah (Rp)"), "rupiah")
        rule.addWidget(self.kind)
        rule.addWidget(QLabel(_("dibulatkan ke")))
        self.rounding = ComboBox()
        for step, name in ROUNDING_NAMES:
            self.rounding.addItem(_(name), step)
        rule.addWidget(self.rounding)
        rule.addStretch(1)
        return rule

    def _table(self) -> QTableView:
        self.model = ProposalModel(
            [
                Column(_("SKU"), lambda p: p.sku),
                Column(_("Barang"), lambda p: p.name),
                Column(_("Harga lama"), lambda p: p.old, "rupiah"),
                Column(_("Harga baru"), lambda p: p.new, "rupiah"),
                Column(_("Selisih"), lambda p: p.new - p.old, "rupiah"),
                Column(_("Masalah"), lambda p: _(p.problem) if p.problem else ""),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=1)
        return self.table

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(_("Batal (Esc)"))
        cancel.clicked.connect(self.reject)
        buttons.addWidget(cancel)
        self.save_button = role(QPushButton(_("Simpan")), "primary")
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        for button in (cancel, self.save_button):
            button.setAutoDefault(False)
        return buttons

    def rule(self) -> PriceRule | None:
        """The typed rule, None while nothing is typed; a PosError when it cannot be read."""
        text = self.amount.text().strip()
        if not text:
            return None
        sign = int(self.direction.currentData())
        step = int(self.rounding.currentData())
        if self.kind.currentData() == "percent":
            try:
                percent = Decimal(text.rstrip("%").strip().replace(",", "."))
            except InvalidOperation as exc:
                raise InvalidInput(BAD_PERCENT, text=text) from exc
            if not percent.is_finite() or percent < 0:
                raise InvalidInput(BAD_PERCENT, text=text)
            return PriceRule(percent=sign * percent, rounding=step)
        return PriceRule(rupiah=sign * parse_rupiah(text), rounding=step)

    def scope(self) -> dict[str, Any]:
        if self.by_selection.isChecked():
            return {"product_ids": self.product_ids}
        return {"category_id": self.category.currentData()}

    def update_preview(self) -> None:
        self.timer.stop()
        self.error.clear()
        self.proposals = []
        try:
            rule = self.rule()
            if rule is not None and (
                self.by_selection.isChecked() or self.category.currentData() is not None
            ):
                self.proposals = price_bulk.preview(rule, **self.scope())
        except PosError as exc:
            self.error.setText(exc.text)
        self.model.set_rows(self.proposals)
        changing = [p for p in self.proposals if p.new != p.old]
        bad = [p for p in self.proposals if p.problem]
        self.summary.setText(
            _("{n} barang, {changing} harganya berubah, {bad} tidak bisa").format(
                n=len(self.proposals), changing=len(changing), bad=len(bad)
            )
            if self.proposals
            else _("Tulis perubahannya untuk melihat harga barunya.")
        )
        self.save_button.setText(_("Simpan {n} harga").format(n=len(changing)))
        self.save_button.setEnabled(bool(changing) and not bad)

    def submit(self) -> None:
        self.update_preview()
        if not self.save_button.isEnabled():
            return
        try:
            rule = self.rule()
        except PosError as exc:
            self.error.setText(exc.text)
            return
        if rule is None:
            return
        go_on, approver = products_approval(self, self.user, _("Ubah harga massal"))
        if not go_on:
            return
        try:
            self.changed = price_bulk.apply(
                rule, self.user, approver, reason=self.reason.text(), **self.scope()
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()
