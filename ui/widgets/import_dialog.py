"""ImportDialog: the frame of an import from a file (Impor barang, Impor pelanggan). What the file is, a
file chooser and the chosen path; the file read off the UI thread into a preview (nothing written); a
summary and a message line under the preview; 'Tutup (Esc)' and the import button, which writes every row
or none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.staff import User
from ui.theme import role
from ui.widgets import dialogs, files, worker
from ui.widgets.table import RowsModel


class ImportDialog(QDialog):
    """A subclass adds its rows under `top` and its preview, calls finish, and implements _previewed.
    `shown` holds the preview on screen, `imported` what the import wrote (not `done`: that is
    QDialog.done)."""

    model: RowsModel

    def __init__(
        self, parent: QWidget | None, user: User, title: str, intro: str, *, choose_title: str, filters: str
    ) -> None:
        super().__init__(parent)
        self.user = user
        self.path = ""
        self.shown: Any = None
        self.imported: Any = None
        self.choose_title, self.filters = choose_title, filters
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        words = role(QLabel(intro), "muted")
        words.setWordWrap(True)
        self.layout_.addWidget(words)
        self.top = QHBoxLayout()
        choose = role(QPushButton(_("Pilih file…")), "primary")
        choose.clicked.connect(self.choose)
        self.top.addWidget(choose)
        self.file_label = QLabel(_("(belum ada file)"))
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.top.addWidget(self.file_label, 1)
        self.layout_.addLayout(self.top)

    def finish(self, preview: QWidget | QBoxLayout) -> QHBoxLayout:
        """The preview (all the height left), the summary, the message line and the buttons' row, which
        it returns (for more widgets on its left)."""
        if isinstance(preview, QWidget):
            self.layout_.addWidget(preview, 1)
        else:
            self.layout_.addLayout(preview, 1)
        self.summary = role(QLabel(""), "title")
        self.summary.setWordWrap(True)
        self.layout_.addWidget(self.summary)
        self.message = dialogs.message_line(self.layout_)
        buttons, self.ok = dialogs.close_and_primary(self, _("Impor"), self.run_import)
        self.ok.setEnabled(False)
        self.layout_.addLayout(buttons)
        return buttons

    def choose(self) -> None:
        path = files.ask_open(self, self.choose_title, self.filters)
        if path:
            self.open_file(path)

    def read(self, preview: Callable[[], object]) -> None:
        """Run `preview` off the UI thread; its result goes to _previewed, its error to the message line."""
        self.summary.setText(_("Memeriksa file…"))
        job = worker.Worker(preview)
        job.finished.connect(self._previewed)
        job.failed.connect(self._failed)
        worker.start(self, job)

    def open_file(self, path: str) -> None:
        raise NotImplementedError

    def run_import(self) -> None:
        raise NotImplementedError

    def _previewed(self, shown: object) -> None:
        raise NotImplementedError

    def _failed(self, exc: object) -> None:
        self.shown = None
        self.model.set_rows([])
        self.summary.setText("")
        self.message.setText(exc.text if isinstance(exc, PosError) else str(exc))

    def write(self, apply: Callable[[], object], refused: Callable[[], object]) -> None:
        """Import: `apply` writes the rows (one service); when it is refused, `refused` puts the preview's
        words back and the message line says why; done, the dialog closes."""
        self.ok.setEnabled(False)
        self.summary.setText(_("Mengimpor…"))
        self.repaint()
        try:
            self.imported = apply()
        except PosError as exc:
            refused()
            self.message.setText(exc.text)
            return
        self.accept()
