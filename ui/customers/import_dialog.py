"""Impor pelanggan: a CSV/XLSX list, a Google Contacts export or a phone's contacts (.vcf); a preview of
every row with what will happen to it, then one import that writes every new customer or none."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTableView,
    QWidget,
)

from pos.core import phone, staff
from pos.core.i18n import _
from pos.core.staff import User
from pos.customers import customer_import
from pos.customers.customer_import import DUPLICATE, ERROR, EXISTS, NEW, SKIPPED
from ui.counter.approval import ApprovalDialog
from ui.theme import GREEN_DARK, MUTED, RED, role
from ui.widgets import dialogs
from ui.widgets.import_dialog import ImportDialog
from ui.widgets.table import Column, RowsModel, setup_view

FILTERS = "Kontak (*.csv *.xlsx *.vcf *.txt);;Excel (*.xlsx);;CSV (*.csv *.txt);;vCard (*.vcf)"
_COLOURS = {NEW: GREEN_DARK, ERROR: RED, EXISTS: MUTED, DUPLICATE: MUTED, SKIPPED: MUTED}


class PreviewModel(RowsModel):
    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.column() == 1:
            return QBrush(QColor(_COLOURS[self.rows[index.row()].status]))
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and self.rows[index.row()].status == ERROR
        ):
            return QBrush(QColor(RED))
        return super().data(index, role)


def _number(text: str) -> str:
    return phone.local_form(text) if text else ""


class CustomerImportDialog(ImportDialog):
    """`imported` holds the ImportResult after a successful import."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(
            parent,
            user,
            _("Impor pelanggan"),
            _(
                "Pilih daftar pelanggan: file Excel (.xlsx) atau CSV dengan kolom nama dan nomor HP, "
                "ekspor Google Kontak (CSV), atau kontak HP (.vcf — di HP: Kontak → Ekspor/Bagikan "
                "kontak). "
                "Nomor yang sudah terdaftar tidak dibuat dua kali. Belum ada yang disimpan sampai Anda "
                "menekan Impor."
            ),
            choose_title=_("Pilih daftar pelanggan"),
            filters=FILTERS,
        )
        self.shown: customer_import.ImportPreview | None = None
        self.imported: customer_import.ImportResult | None = None
        self.setMinimumSize(980, 560)
        self.notes = role(QLabel(""), "muted")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.notes)
        self.model = PreviewModel(
            [
                Column(_("Baris"), lambda r: r.line, "number"),
                Column(_("Status"), lambda r: r.status_name),
                Column(_("Nama"), lambda r: r.name),
                Column(_("No. HP"), lambda r: _number(r.phone)),
                Column(_("Nomor lain"), lambda r: ", ".join(_number(n) for n in r.other_phones)),
                Column(_("Keterangan"), lambda r: r.message),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=5)
        self.table.setWordWrap(False)
        buttons = self.finish(self.table)
        self.skip_errors = QCheckBox(_("Lewati baris yang salah"))
        self.skip_errors.setEnabled(False)
        self.skip_errors.toggled.connect(lambda _on: self._buttons())
        buttons.insertWidget(0, self.skip_errors)

    # --- reading ---
    def open_file(self, path: str) -> None:
        """Read `path` off the UI thread into the preview (nothing is written)."""
        self.path = path
        self.file_label.setText(path)
        self.shown = None
        self.model.set_rows([])
        self.ok.setEnabled(False)
        self.skip_errors.setChecked(False)
        self.skip_errors.setEnabled(False)
        self.message.setText("")
        self.notes.setText("")
        self.read(lambda: customer_import.preview(path))

    def _previewed(self, shown: object) -> None:
        assert isinstance(shown, customer_import.ImportPreview)
        self.shown = shown
        self.model.set_rows(shown.rows)
        self.notes.setText("\n".join(shown.notes))
        self.summary.setText(
            _(
                "{new} baru · {exists} sudah jadi pelanggan · {dup} ganda di file · {bad} salah · "
                "{skip} dilewati"
            ).format(
                new=shown.count(NEW),
                exists=shown.count(EXISTS),
                dup=shown.count(DUPLICATE),
                bad=shown.count(ERROR),
                skip=shown.count(SKIPPED),
            )
        )
        bad = shown.count(ERROR)
        self.skip_errors.setEnabled(bad > 0)
        if bad:
            self.message.setText(
                _(
                    "{n} baris salah (merah). Perbaiki filenya lalu pilih lagi, atau centang “Lewati baris "
                    "yang salah”. Belum ada yang disimpan."
                ).format(n=bad)
            )
        self._buttons()

    def _buttons(self) -> None:
        shown = self.shown
        todo = len(shown.to_add) if shown else 0
        self.ok.setText(_("Impor {n} pelanggan").format(n=todo))
        blocked = shown is None or (shown.count(ERROR) > 0 and not self.skip_errors.isChecked())
        self.ok.setEnabled(todo > 0 and not blocked)

    # --- writing ---
    def run_import(self) -> None:
        shown = self.shown
        if shown is None:
            return
        approver = None
        limits = any(r.new is not None and r.new.credit_limit for r in shown.to_add)
        if limits and not staff.can(self.user, "settings"):
            ask = ApprovalDialog(
                self, _("Batas kasbon di file butuh PIN pemilik"), need_pin=True, need_reason=False
            )
            if not dialogs.run(ask):
                return
            approver = ask.approver
        skip = self.skip_errors.isChecked()
        self.write(
            lambda: customer_import.apply(shown, self.user, skip, approver), lambda: self._previewed(shown)
        )
