"""Pengaturan → Karyawan & hak akses: staff with their own PINs, and what each role may do."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import roster, staff
from pos.core.errors import PermissionDenied, PosError
from pos.core.i18n import _
from pos.core.roster import StaffRow
from pos.core.staff import User
from ui.counter.approval import ApprovalDialog
from ui.theme import plain_label
from ui.theme import role as styled
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.table import Column, RowsModel, setup_view

T = TypeVar("T")


def with_owner_pin(parent: QWidget, action: Callable[[staff.Approval | None], T]) -> T:
    """Run a staff change; refused for want of a right, ask the owner's PIN in place and run it once more
    with that approval. Cancelling the PIN raises the refusal."""
    try:
        return action(None)
    except PermissionDenied as exc:
        ask = ApprovalDialog(parent, exc.text, need_pin=True, need_reason=False)
        if not dialogs.run(ask):
            raise
        return action(ask.approver)


class AddUserDialog(QDialog):
    def __init__(self, parent: QWidget | None, by: User) -> None:
        super().__init__(parent)
        self.by = by
        self.setWindowTitle(_("Tambah karyawan"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit()
        self.role = ComboBox()
        for code, (label, _perms) in staff.ROLES.items():
            self.role.addItem(_(label), code)
        self.role.setCurrentIndex(1)
        self.pin = QLineEdit()
        self.pin2 = QLineEdit()
        for pin in (self.pin, self.pin2):
            pin.setEchoMode(QLineEdit.EchoMode.Password)
            pin.setMaxLength(6)
        form.addRow(_("Nama"), self.name)
        form.addRow(_("Peran"), self.role)
        form.addRow(_("PIN"), self.pin)
        form.addRow(_("Ulangi PIN"), self.pin2)
        layout.addLayout(form)
        self.error = styled(QLabel(""), "error")
        layout.addWidget(self.error)
        ok = styled(QPushButton(_("Simpan")), "primary")
        ok.clicked.connect(self.submit)
        layout.addLayout(dialogs.cancel_and(self, ok))

    def submit(self) -> None:
        if self.pin.text() != self.pin2.text():
            self.error.setText(_("PIN dan ulangan PIN tidak sama."))
            return
        try:
            name, code, pin = self.name.text(), str(self.role.currentData()), self.pin.text()
            with_owner_pin(self, lambda ok: staff.add_user(name, code, pin, self.by, ok))
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.accept()


class StaffBox(QGroupBox):
    def __init__(self, window: QWidget) -> None:
        super().__init__(_("Karyawan dan hak akses"))
        self.window_ = window
        layout = QVBoxLayout(self)
        self.model = RowsModel(
            [
                Column(_("Nama"), lambda u: u.name),
                Column(_("Peran"), lambda u: _(u.role_name)),
                Column(_("Status"), lambda u: _("aktif") if u.active else _("nonaktif")),
            ],
            self,
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=0)
        self.table.setMaximumHeight(160)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        for text, slot in (
            (_("Tambah karyawan…"), self.add),
            (_("Ganti PIN…"), self.change_pin),
            (_("Aktifkan / nonaktifkan"), self.toggle),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(QLabel(_("Hak akses per peran (Pemilik selalu boleh semuanya):")))
        self.grid = QGridLayout()
        self.boxes: dict[tuple[str, str], QCheckBox] = {}
        roles = [code for code in staff.ROLES if code != "owner"]
        for col, code in enumerate(roles, start=1):
            self.grid.addWidget(QLabel(f"<b>{_(staff.ROLES[code][0])}</b>"), 0, col)
        for row_index, (perm, label) in enumerate(staff.PERMISSIONS.items(), start=1):
            self.grid.addWidget(QLabel(_(label)), row_index, 0)
            for col, code in enumerate(roles, start=1):
                box = QCheckBox()
                self.grid.addWidget(box, row_index, col)
                self.boxes[(code, perm)] = box
        layout.addLayout(self.grid)
        save = QPushButton(_("Simpan hak akses"))
        save.clicked.connect(self.save_permissions)
        self.message = plain_label()
        row = QHBoxLayout()
        row.addWidget(save)
        row.addWidget(self.message, 1)
        layout.addLayout(row)

    @property
    def user(self) -> User:
        return self.window_.user  # type: ignore[attr-defined, no-any-return]

    def refresh(self) -> None:
        self.model.set_rows(roster.people())
        rights = roster.rights()
        for (code, perm), box in self.boxes.items():
            if code in rights:
                box.setChecked(perm in rights[code])
        self.message.clear()

    def selected(self) -> StaffRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def add(self) -> None:
        if dialogs.run(AddUserDialog(self, self.user)):
            self.refresh()

    def change_pin(self) -> None:
        target = self.selected()
        if target is None:
            return
        pin, ok = QInputDialog.getText(
            self,
            _("Ganti PIN"),
            dialogs.plain(_("PIN baru untuk {name}:").format(name=target.name)),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        try:
            with_owner_pin(self, lambda ok: staff.change_pin(target.id, pin, self.user, ok))
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.message.setText(_("PIN {name} diganti.").format(name=target.name))

    def toggle(self) -> None:
        target = self.selected()
        if target is not None:
            dialogs.run_service(
                self,
                lambda: with_owner_pin(
                    self, lambda ok: staff.set_active(target.id, not target.active, self.user, ok)
                ),
            )
            self.refresh()

    def save_permissions(self) -> None:
        mapping: dict[str, list[str]] = {}
        for (code, perm), box in self.boxes.items():
            mapping.setdefault(code, [])
            if box.isChecked():
                mapping[code].append(perm)
        try:
            with_owner_pin(self, lambda ok: staff.set_all_permissions(mapping, self.user, ok))
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.message.setText(_("Hak akses tersimpan."))
