"""Pelanggan: the customer book, searchable by name or any form of the phone number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTableView,
    QWidget,
)

from pos.core import phone, staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter import kasbon
from pos.customers import customer, customer_views, segments
from ui.counter.approval import ApprovalDialog
from ui.customers.edit_dialog import CustomerEditDialog
from ui.customers.import_dialog import CustomerImportDialog
from ui.customers.merge_dialog import MergeDialog
from ui.customers.profile import OutreachDialog, ProfileDialog, WarrantyDialog
from ui.customers.vouchers_dialog import VouchersDialog
from ui.theme import MUTED, role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.page import ListPage
from ui.widgets.table import Column, RowsModel, sorted_view


class CustomersModel(RowsModel):
    """The customer list; deactivated customers (shown only when asked) in grey."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < len(self.rows)
            and not self.rows[index.row()].active
        ):
            return QBrush(QColor(MUTED))
        return super().data(index, role)


class CustomersPage(ListPage):
    key = "customers"
    permission = "add_customer"
    watches = ("customer", "sale")

    def __init__(self, window: QWidget) -> None:
        super().__init__(window, _("Pelanggan"), _("Cari nama atau nomor HP (0812…, +62…, 62…)"))
        self.lay_out([self._filters(), self._actions()], self._table())

    # --- building ---
    def _filters(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        self.segment = ComboBox()
        self.segment.addItem(_("Semua segmen"), "")
        self.segment.addItem(_("Pelanggan top"), "top")
        for code in segments.NAMES:
            self.segment.addItem(segments.name(code), code)
        self.segment.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.segment)
        self.only_kasbon = QCheckBox(_("Hanya yang punya kasbon"))
        self.only_kasbon.toggled.connect(lambda _on: self.refresh())
        filters.addWidget(self.only_kasbon)
        self.show_inactive = QCheckBox(_("Tampilkan yang nonaktif"))
        self.show_inactive.toggled.connect(lambda _on: self.refresh())
        filters.addWidget(self.show_inactive)
        return filters

    def _actions(self) -> QHBoxLayout:
        """The actions on a second row: with their full labels they do not fit 1366 px beside the search."""
        actions = QHBoxLayout()
        self.add_button = self._button(actions, _("Tambah…"), _("Tambah pelanggan baru"), self.add, "primary")
        self.edit_button = self._button(actions, _("Ubah…"), _("Ubah data pelanggan yang dipilih"), self.edit)
        self.active_button = self._button(
            actions,
            _("Nonaktifkan"),
            _("Pelanggan nonaktif tidak muncul di kasir; riwayatnya tetap ada"),
            self.toggle_active,
        )
        self.import_button = self._button(
            actions,
            _("Impor…"),
            _("Impor pelanggan dari Excel/CSV, Google Kontak atau kontak HP (.vcf)"),
            self.import_file,
        )
        actions.addStretch(1)
        self.pay_button = self._button(
            actions, _("Bayar kasbon…"), _("Terima bayar kasbon pelanggan yang dipilih"), self.take_payment
        )
        self.wa_button = self._button(
            actions,
            _("WhatsApp…"),
            _("Kirim WhatsApp ke semua pelanggan di daftar ini, satu per satu"),
            self.outreach,
        )
        self.voucher_button = self._button(actions, _("Voucher…"), _("Voucher pelanggan"), self.vouchers)
        self.warranty_button = self._button(actions, _("Garansi…"), _("Cari garansi barang"), self.warranty)
        self.merge_button = self._button(
            actions, _("Gabungkan…"), _("Gabungkan dua data dari orang yang sama"), self.merge
        )
        return actions

    def _table(self) -> QTableView:
        self.model = CustomersModel(
            [
                Column(_("Nama"), lambda r: r.name if r.active else f"{r.name} ({_('nonaktif')})"),
                Column(_("No. HP"), lambda r: phone.local_form(r.phone) if r.phone else ""),
                Column(_("Kunjungan"), lambda r: r.visits, "number"),
                Column(_("Total belanja"), lambda r: r.spend, "rupiah"),
                Column(_("Terakhir datang"), lambda r: r.last_visit, "datetime"),
                Column(_("Segmen"), lambda r: segments.name(r.segment) + (" ★" if r.top else "")),
                Column(_("Poin"), lambda r: r.points, "number"),
                Column(_("Kasbon"), lambda r: r.kasbon, "rupiah"),
            ],
            self,
        )
        self.table, self.proxy = sorted_view(self.model, stretch=0)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.open_profile())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        return self.table

    @staticmethod
    def _button(row: QHBoxLayout, text: str, tip: str, slot, kind: str = "") -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(text)
        button.setToolTip(tip)
        if kind:
            role(button, kind)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        rows = customer_views.listing(self.search.text(), include_inactive=self.show_inactive.isChecked())
        wanted = self.segment.currentData()
        if wanted == "top":
            rows = [r for r in rows if r.top]
        elif wanted:
            rows = [r for r in rows if r.segment == wanted]
        if self.only_kasbon.isChecked():
            rows = [r for r in rows if r.kasbon > 0]
            self.summary.setText(
                _("{n} pelanggan berutang, total {total}").format(
                    n=len(rows), total=format_rupiah(kasbon.owed_total())
                )
            )
        else:
            self.summary.setText(_("{n} pelanggan ditampilkan").format(n=len(rows)))
        self.model.set_rows(rows)
        self._selection_changed()

    def _selection_changed(self) -> None:
        who = self.selected()
        inactive = who is not None and not who.active
        self.active_button.setText(_("Aktifkan") if inactive else _("Nonaktifkan"))
        for button in (self.edit_button, self.active_button):
            button.setEnabled(who is not None)

    def add(self) -> None:
        dialog = CustomerEditDialog(self, self.user)
        if dialogs.run(dialog) and dialog.saved is not None:
            self.message.setText(_("Pelanggan {name} ditambahkan.").format(name=dialog.saved.name))

    def edit(self) -> None:
        who = self.selected()
        if who is None:
            dialogs.show_error(self, _("Pilih dulu pelanggan yang mau diubah."))
            return
        dialog = CustomerEditDialog(self, self.user, who.id)
        if dialogs.run(dialog) and dialog.saved is not None:
            self.message.setText(_("Data {name} disimpan.").format(name=dialog.saved.name))

    def toggle_active(self) -> None:
        who = self.selected()
        if who is None:
            return
        if who.active and not dialogs.ask_yes_no(
            self,
            _(
                "Nonaktifkan {name}? Ia tidak muncul lagi di kasir dan pencarian; riwayat belanjanya "
                "tetap ada."
            ).format(name=who.name),
        ):
            return
        try:
            customer.set_customer_active(who.id, not who.active, self.user)
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        text = _("{name} dinonaktifkan.") if who.active else _("{name} aktif lagi.")
        self.message.setText(text.format(name=who.name))

    def import_file(self) -> None:
        dialog = CustomerImportDialog(self, self.user)
        if dialogs.run(dialog) and dialog.imported is not None:
            self.message.setText(_("{n} pelanggan diimpor.").format(n=dialog.imported.added))

    def selected(self):  # type: ignore[no-untyped-def]
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def open_profile(self) -> None:
        who = self.selected()
        if who is not None:
            dialogs.run(ProfileDialog(self, who.id, self.user))

    def warranty(self) -> None:
        dialogs.run(WarrantyDialog(self, self.user))

    def outreach(self) -> None:
        """Walk through the customers now listed (a segment, the debtors...) one WhatsApp at a time."""
        ids = [row.id for row in self.model.rows]
        if ids:
            dialogs.run(OutreachDialog(self, ids, self.user))
            self.refresh()

    def vouchers(self) -> None:
        user = self.user
        dialogs.run(VouchersDialog(self, user, getattr(self.window_, "printing", None)))

    def merge(self) -> None:
        """Two records of one person: pick the first in the list, the second in the dialog."""
        who = self.selected()
        if who is None:
            dialogs.show_error(self, _("Pilih dulu salah satu data pelanggan yang mau digabung."))
            return
        dialog = MergeDialog(self, who.id, self.user)
        if dialogs.run(dialog) and dialog.kept is not None:
            self.message.setText(_("Data digabung ke {name}.").format(name=dialog.kept.name))

    def take_payment(self) -> None:
        """A payment against the selected customer's tab (cash goes into the open shift's drawer)."""
        who = self.selected()
        if who is None or who.kasbon <= 0:
            dialogs.show_error(self, _("Pilih pelanggan yang punya kasbon."))
            return
        methods = {_("Tunai"): "cash", _("Transfer bank"): "transfer", "QRIS": "qris"}
        amount, ok = QInputDialog.getInt(
            self,
            _("Bayar kasbon"),
            dialogs.plain(
                _("{name} berutang {owed}. Dibayar berapa (Rp)?").format(
                    name=who.name, owed=format_rupiah(who.kasbon)
                )
            ),
            who.kasbon,
            1,
            who.kasbon,
        )
        if not ok:
            return
        method, ok = QInputDialog.getItem(
            self, _("Bayar kasbon"), _("Dibayar dengan:"), list(methods), 0, False
        )
        if not ok:
            return
        user = getattr(self.window_, "user", None)
        approver = None
        if methods[method] != "cash" and user is not None and not staff.can(user, "kasbon_noncash"):
            ask = ApprovalDialog(  # no money reaches the till: the owner confirms it arrived
                self, _("Bayar kasbon lewat {method}").format(method=method), need_pin=True, need_reason=False
            )
            if not dialogs.run(ask):
                return
            approver = ask.approver
        try:
            left = kasbon.pay(who.id, amount, methods[method], user, approver)
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        self.message.setText(
            _("Kasbon {name} dibayar {amount}; sisa {left}.").format(
                name=who.name, amount=format_rupiah(amount), left=format_rupiah(left)
            )
        )
