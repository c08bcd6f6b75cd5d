"""Message boxes in one place, so tests can answer them and every error reads the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from pos.errors import PosError
from pos.i18n import _
from ui.theme import role

# Tests replace these to answer dialogs without a person.
show_error: Callable[[QWidget | None, str], None]
ask_yes_no: Callable[[QWidget | None, str], bool]


def plain(text: str) -> str:
    """Text for a place that reads rich text (a tool tip, an input dialog's label, a message box of Qt's):
    shown exactly as written, a name with HTML in it included."""
    return str(QtGui.Qt.convertFromPlainText(str(text), Qt.WhiteSpaceMode.WhiteSpaceNormal))


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box with its text shown as plain text (a name with HTML in it is never rendered)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def _show_error(parent: QWidget | None, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, _("Perhatian"), text)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def _ask_yes_no(parent: QWidget | None, text: str) -> bool:
    """Ya / Tidak in the shop's language (Qt ships no Indonesian for its standard buttons)."""
    box = _box(parent, QMessageBox.Icon.Question, _("Konfirmasi"), text)
    yes = box.addButton(_("Ya"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("Tidak"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.exec()
    return box.clickedButton() is yes


show_error = _show_error
ask_yes_no = _ask_yes_no


def run_service(parent: QWidget | None, action: Callable[[], object]) -> object | None:
    """Call a pos/ service; a PosError becomes a clear message and None is returned."""
    try:
        return action()
    except PosError as exc:
        show_error(parent, exc.text)
        return None


def run(dialog: QDialog) -> bool:
    """exec() a dialog and schedule its deletion (parented dialogs would otherwise pile up, hidden)."""
    try:
        return bool(dialog.exec())
    finally:
        dialog.deleteLater()


def form_footer(layout: QBoxLayout, text: str, on_click: Callable[[], object]) -> QLabel:
    """The bottom of a form dialog: the error line (empty until something is refused) and the primary
    button. Returns the error line."""
    error = role(QLabel(""), "error")
    error.setWordWrap(True)
    layout.addWidget(error)
    button = role(QPushButton(text), "primary")
    button.clicked.connect(on_click)
    layout.addWidget(button)
    return error


def message_line(layout: QBoxLayout) -> QLabel:
    """The red line under a dialog's work where a refusal is said (plain text: names are never rendered)."""
    line = role(QLabel(""), "error")
    line.setWordWrap(True)
    line.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(line)
    return line


def close_and_primary(
    dialog: QDialog, text: str, on_click: Callable[[], object]
) -> tuple[QHBoxLayout, QPushButton]:
    """The bottom row of a tool dialog: room on the left, 'Tutup (Esc)' and the primary button. Returns the
    row (for more widgets on its left) and the primary button."""
    row = QHBoxLayout()
    row.addStretch(1)
    close = QPushButton(_("Tutup (Esc)"))
    close.clicked.connect(dialog.reject)
    row.addWidget(close)
    primary = role(QPushButton(text), "primary")
    primary.clicked.connect(on_click)
    row.addWidget(primary)
    return row, primary
