"""Pengaturan → Cadangan & integritas: where backups go, back up now, restore, and `verify` for the owner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pos import shop
from pos.audit import backup
from pos.audit.verify import Result, verify
from pos.core.errors import PosError
from pos.core.i18n import _
from ui.events import hub
from ui.theme import plain_label, role
from ui.widgets import dialogs, files, worker


def ask_open_path(parent: QWidget, title: str, start: str, filters: str) -> tuple[str, str]:
    """Kasir's own file dialog (ui/widgets/files.py; tests replace this to answer it)."""
    return files.ask_open(parent, title, filters, start), ""


class SafetyBox(QGroupBox):
    def __init__(self, window: QWidget) -> None:
        super().__init__(_("Cadangan dan integritas data"), window)
        self.window_ = window  # its `user` acts: backing up needs 'exports', restoring is the owner's
        form = QFormLayout(self)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(str(backup.default_folder()))
        form.addRow(_("Folder cadangan (mis. flashdisk)"), self.folder)
        row = QHBoxLayout()
        self.backup_button = QPushButton(_("Cadangkan sekarang"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = role(QPushButton(_("Pulihkan dari cadangan…")), "danger")
        self.restore_button.clicked.connect(self.restore)
        self.verify_button = QPushButton(_("Periksa keutuhan data"))
        self.verify_button.clicked.connect(self.run_verify)
        for b in (self.backup_button, self.restore_button, self.verify_button):
            row.addWidget(b)
        row.addStretch(1)
        form.addRow(row)
        self.status = plain_label()  # paths and messages that quote them
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        form.addRow(self.problems)

    def refresh(self, value: str) -> None:
        self.folder.setText(value)
        last = backup.latest(Path(value).expanduser() if value else None)
        self.status.setText(
            _("Cadangan terakhir: {name}").format(name=last.name)
            if last
            else _("Belum ada cadangan di folder ini.")
        )

    def value(self) -> str:
        return self.folder.text().strip()

    def backup_now(self) -> None:
        try:
            path = backup.backup(self.value() or None, self.window_.user)  # type: ignore[attr-defined]
        except PosError as exc:
            self.status.setText(exc.text)
            return
        self.status.setText(backup.written(path))  # says why a name carries the database's id

    def run_verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.status.setText(_("Memeriksa jurnal dan semua nota…"))
        job = worker.Worker(verify)
        job.finished.connect(self._verified)
        job.failed.connect(self._verify_failed)
        self._job = worker.start(self, job)

    def _verified(self, result: object) -> None:
        assert isinstance(result, Result)
        self.verify_button.setEnabled(True)
        self.status.setText(("✓ " if result.ok else "⚠ ") + result.summary())
        self.problems.setPlainText("\n".join(result.problems))
        self.problems.setVisible(not result.ok)
        hub.integrity.emit(result.ok)

    def _verify_failed(self, exc: object) -> None:
        self.verify_button.setEnabled(True)
        self.status.setText(str(exc))

    def restore(self) -> None:
        target = shop.database_path()
        if not target:
            self.status.setText(_("Pulihkan hanya untuk database SQLite berupa file."))
            return
        start = str(Path(self.value()).expanduser()) if self.value() else str(backup.folder())
        path, _filter = ask_open_path(self, _("Pilih file cadangan"), start, "Kasir (*.db)")
        if not path:
            return
        why = backup.check(path)
        if why:
            self.status.setText(
                _("Cadangan tidak bisa dipakai: {file}: {why}. Database tidak diubah.").format(
                    file=path, why=why
                )
            )
            return
        question = _(
            "Pulihkan dari {file}? Data sejak cadangan itu dibuat akan diganti. Database sekarang "
            "disimpan di sampingnya dan bisa dikembalikan."
        ).format(file=Path(path).name)
        if not dialogs.ask_yes_no(self, question):
            return
        try:
            kept = backup.restore(path, target, self.window_.user)  # type: ignore[attr-defined]  # closes it
        except PosError as exc:
            if not shop.is_open():
                shop.open_shop(target)
            self.status.setText(exc.text)
            return
        shop.open_shop(target)
        self.status.setText(_("Dipulihkan. Database lama: {kept}").format(kept=kept))
        hub.restored.emit()
