"""Voucher: every voucher with its state; issue one by hand (or a batch for a campaign), cancel one,
print it on the receipt printer or as an A4 sheet of cut-out cards."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import clock, settings, staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.customers import customer, voucher
from pos.customers.voucher import Voucher
from receipts.voucher_pdf import sheet_pdf
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs, files
from ui.widgets.boxes import ComboBox, DateEdit, SpinBox
from ui.widgets.table import Column, RowsModel, sorted_view


def _value(v: Voucher) -> str:
    return format_rupiah(int(v.value)) if v.kind == "rp" else f"{v.value} %"


RUPIAH = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)  # grouping with a dot


class IssueDialog(QDialog):
    """A new voucher (or a few, for a campaign): value, minimum spend, expiry, for whom."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.made: list[Voucher] = []
        self.setWindowTitle(_("Terbitkan voucher"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = ComboBox()
        self.kind.addItem(_("Potongan rupiah"), "rp")
        self.kind.addItem(_("Potongan persen"), "pct")
        form.addRow(_("Jenis"), self.kind)
        self.value = SpinBox()
        self.value.setRange(1, 10_000_000)
        self.value.setSingleStep(5_000)
        self.value.setValue(10_000)
        self.value.setGroupSeparatorShown(True)
        self.value.setLocale(RUPIAH)  # 10.000 as every rupiah in Kasir, not 10,000
        form.addRow(_("Nilai"), self.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.min_spend = SpinBox()
        self.min_spend.setRange(0, 100_000_000)
        self.min_spend.setSingleStep(10_000)
        self.min_spend.setGroupSeparatorShown(True)
        self.min_spend.setLocale(RUPIAH)
        form.addRow(_("Minimal belanja (Rp)"), self.min_spend)
        self.expires = DateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("dd-MM-yyyy")
        later = clock.now().date() + timedelta(days=30)
        self.expires.setDate(QDate(later.year, later.month, later.day))
        form.addRow(_("Berlaku sampai"), self.expires)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(_("kosong: siapa saja boleh memakai"))
        form.addRow(_("Khusus pelanggan (no. HP)"), self.phone)
        self.campaign = QLineEdit()
        self.campaign.setPlaceholderText(_("mis. Lebaran, Maaf telat, Hadiah"))
        form.addRow(_("Keterangan"), self.campaign)
        self.count = SpinBox()
        self.count.setRange(1, voucher.MAX_BATCH)
        form.addRow(_("Jumlah"), self.count)
        layout.addLayout(form)
        self.error = dialogs.form_footer(layout, _("Terbitkan"), self.submit, cancel=self)

    def _kind_changed(self) -> None:
        pct = self.kind.currentData() == "pct"
        self.value.setRange(1, 100 if pct else 10_000_000)
        self.value.setSingleStep(5 if pct else 5_000)
        self.value.setValue(10 if pct else 10_000)

    def submit(self) -> None:
        approver = getattr(self, "approval", None)  # typed for a try the service refused: still fresh?
        if not staff.can(self.user, "discount") and not staff.approval_valid(approver):
            ask = ApprovalDialog(self, _("Terbitkan voucher"), need_pin=True, need_reason=False)
            if not dialogs.run(ask):
                return
            approver = self.approval = ask.approver  # a voucher is money off: the owner's PIN
        try:
            who = customer.by_phone(self.phone.text()).id if self.phone.text().strip() else None
            expires = self.expires.date().toPython()
            self.made = voucher.issue_batch(
                self.count.value(),
                kind=str(self.kind.currentData()),
                value=self.value.value(),
                expires_on=expires,
                user=self.user,
                min_spend=self.min_spend.value(),
                campaign=self.campaign.text().strip(),
                customer_id=who,
                approver=approver,
            )
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class VouchersDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User, printing=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.user, self.printing = user, printing
        self.setWindowTitle(_("Voucher"))
        self.setMinimumSize(1100, 560)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cari kode, keterangan atau nama pelanggan"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        row.addWidget(self.search, 1)
        self.state = ComboBox()
        self.state.addItem(_("Semua status"), "")
        for code, label in voucher.STATES.items():
            self.state.addItem(_(label), code)
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        row.addWidget(self.state)
        layout.addLayout(row)
        self.model = RowsModel(
            [
                Column(_("Kode"), lambda v: voucher.pretty(v.code)),
                Column(_("Nilai"), _value),
                Column(_("Min. belanja"), lambda v: int(v.min_spend), "rupiah"),
                Column(
                    _("Berlaku sampai"), lambda v: v.expires_on.strftime("%d-%m-%Y") if v.expires_on else "–"
                ),
                Column(_("Status"), lambda v: _(voucher.STATES.get(v.state, v.state))),
                Column(_("Pelanggan"), lambda v: v.customer.name if v.customer_id else ""),
                Column(_("Keterangan"), lambda v: v.campaign),
                Column(_("Diterbitkan"), lambda v: v.issued_at, "datetime"),
            ],
            self,
        )
        self.table, self.proxy = sorted_view(self.model, stretch=5)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # listing's order
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        issue = role(QPushButton(_("Terbitkan voucher…")), "primary")
        issue.clicked.connect(self.issue)
        buttons.addWidget(issue)
        self.print_button = QPushButton(_("Cetak di printer struk"))
        self.print_button.clicked.connect(self.print_thermal)
        buttons.addWidget(self.print_button)
        sheet = QPushButton(_("Simpan lembar A4 (PDF)…"))
        sheet.clicked.connect(self.save_sheet)
        buttons.addWidget(sheet)
        cancel = QPushButton(_("Batalkan voucher…"))
        cancel.clicked.connect(self.cancel)
        buttons.addWidget(cancel)
        dialogs.close_at_right(self, buttons)
        layout.addLayout(buttons)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        if printing is not None:
            printing.printed.connect(self._printed)
            printing.failed.connect(self._failed)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(voucher.listing(str(self.state.currentData() or ""), self.search.text()))

    def selected(self) -> list[Voucher]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.row(self.proxy.mapToSource(index).row()) for index in rows]

    def issue(self) -> None:
        dialog = IssueDialog(self, self.user)
        if not dialogs.run(dialog):
            return
        made = dialog.made
        self.refresh()
        codes = ", ".join(voucher.pretty(v.code) for v in made[:5]) + (" …" if len(made) > 5 else "")
        self.message.setText(_("{n} voucher diterbitkan: {codes}").format(n=len(made), codes=codes))
        for index in range(self.model.rowCount()):
            if self.model.row(index).code == made[0].code:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(index, 0)).row())
                break

    def print_thermal(self) -> None:
        chosen = self.selected()
        if not chosen:
            self.message.setText(_("Pilih voucher yang dicetak."))
            return
        if self.printing is None or not self.printing.configured():
            self.message.setText(_("Printer struk belum diatur (Pengaturan › Printer)."))
            return
        from receipts.voucher_pdf import thermal_rows  # reportlab: loaded when used, not at start

        shop_name = str(settings.all_settings()["shop_name"])
        for v in chosen:
            self.printing.print_rows("voucher:" + v.code, thermal_rows(v, shop_name))

    def _printed(self, key: str) -> None:
        if key.startswith("voucher:"):
            self.message.setText(_("Voucher {code} tercetak.").format(code=voucher.pretty(key[8:])))

    def _failed(self, key: str, text: str) -> None:
        if key.startswith("voucher:"):
            self.message.setText(text)

    def save_sheet(self) -> None:
        chosen = self.selected() or [v for v in self.model.rows if v.state == "issued"]
        if not chosen:
            self.message.setText(_("Tidak ada voucher aktif untuk dicetak."))
            return
        path = files.ask_save(self, _("Simpan lembar voucher"), "voucher.pdf", "PDF (*.pdf)")
        if not path:
            return

        try:
            sheet_pdf(chosen, str(settings.all_settings()["shop_name"]), path)
        except OSError as exc:
            dialogs.show_error(self, _("File tidak bisa disimpan: {why}").format(why=exc.strerror or exc))
            return
        self.message.setText(_("{n} voucher disimpan di {path}").format(n=len(chosen), path=path))

    def cancel(self) -> None:
        chosen = [v for v in self.selected() if v.state == "issued"]
        if len(chosen) != 1:
            self.message.setText(_("Pilih satu voucher aktif yang dibatalkan."))
            return
        v = chosen[0]
        approval = ApprovalDialog(
            self,
            _("Batalkan voucher {code}?").format(code=voucher.pretty(v.code)),
            need_pin=not staff.can(self.user, "discount"),
        )
        if not dialogs.run(approval):
            return
        done = dialogs.run_service(
            self, lambda: voucher.cancel(v.code, approval.reason, self.user, approval.approver)
        )
        if done is not None:
            self.refresh()
            self.message.setText(_("Voucher {code} dibatalkan.").format(code=voucher.pretty(v.code)))
