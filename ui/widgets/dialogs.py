"""Message boxes in one place, so tests can answer them and every error reads the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from pos.core.errors import PosError
from pos.core.i18n import _
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


def form_footer(
    layout: QBoxLayout, text: str, on_click: Callable[[], object], cancel: QDialog | None = None
) -> QLabel:
    """The bottom of a form dialog: the error line (empty until something is refused) and the primary
    button; with `cancel`, 'Batal (Esc)' (that dialog rejected) beside it. Returns the error line."""
    error = role(QLabel(""), "error")
    error.setWordWrap(True)
    layout.addWidget(error)
    button = role(QPushButton(text), "primary")
    button.clicked.connect(on_click)
    if cancel is None:
        layout.addWidget(button)
    else:
        layout.addLayout(cancel_and(cancel, button))
    return error


def cancel_and(dialog: QDialog, primary: QPushButton) -> QHBoxLayout:
    """A form's bottom row: room, 'Batal (Esc)' (the dialog rejected, nothing saved), the primary button."""
    row = QHBoxLayout()
    row.addStretch(1)
    cancel = QPushButton(_("Batal (Esc)"))
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    row.addWidget(cancel)
    row.addWidget(primary)
    return row


def message_line(layout: QBoxLayout) -> QLabel:
    """The red line under a dialog's work where a refusal is said (plain text: names are never rendered)."""
    line = role(QLabel(""), "error")
    line.setWordWrap(True)
    line.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(line)
    return line


def close_at_right(dialog: QDialog, row: QHBoxLayout) -> None:
    """Room, then 'Tutup (Esc)' (the dialog rejected) at the right of a dialog's row of buttons."""
    row.addStretch(1)
    close = QPushButton(_("Tutup (Esc)"))
    close.clicked.connect(dialog.reject)
    row.addWidget(close)


def close_and_primary(
    dialog: QDialog, text: str, on_click: Callable[[], object]
) -> tuple[QHBoxLayout, QPushButton]:
    """The bottom row of a tool dialog: room on the left, 'Tutup (Esc)' and the primary button. Returns the
    row (for more widgets on its left) and the primary button."""
    row = QHBoxLayout()
    close_at_right(dialog, row)
    primary = role(QPushButton(text), "primary")
    primary.clicked.connect(on_click)
    row.addWidget(primary)
    return row, primary


class FlowLayout(QLayout):
    """Buttons in rows that wrap to the width they get: a toolbar or a button grid that never cuts a button's
    text on a narrow screen (1024 px) and uses one row on a wide one. `uniform` gives every button the
    widest one's width, in columns (a keypad-like grid); otherwise each keeps its own width (a toolbar).
    Stretches nothing vertically: its height follows its width (heightForWidth)."""

    def __init__(self, parent: QWidget | None = None, *, uniform: bool = False, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.uniform = uniform
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # QLayout's interface
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """One row of everything."""
        shown = self._shown()
        margins = self.contentsMargins()
        if not shown:
            return QSize(0, 0)
        cell = self._cell(shown)
        widths = [cell.width() if self.uniform else i.sizeHint().width() for i in shown]
        width = sum(widths) + self.spacing() * (len(shown) - 1)
        height = max(i.sizeHint().height() for i in shown)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """The widest button alone: rows add height, never width."""
        shown = self._shown()
        margins = self.contentsMargins()
        if not shown:
            return QSize(0, 0)
        width = max(i.minimumSize().width() for i in shown)
        if self.uniform:  # one column: the widest button whole
            width = max(width, max(i.sizeHint().width() for i in shown))
        height = max(i.minimumSize().height() for i in shown)
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    # placing
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _columns(self, items: list[QLayoutItem], width: int) -> tuple[int, list[int]]:
        """The most columns whose widest buttons fit the width, and each column's width."""
        for columns in range(len(items), 0, -1):
            widths = [max(i.sizeHint().width() for i in items[column::columns]) for column in range(columns)]
            if sum(widths) + self.spacing() * (columns - 1) <= width or columns == 1:
                return columns, widths
        return 1, [width]

    @staticmethod
    def _cell(items: list[QLayoutItem]) -> QSize:
        return QSize(max(i.sizeHint().width() for i in items), max(i.sizeHint().height() for i in items))

    def _place(self, rect: QRect, move: bool) -> int:
        shown = self._shown()
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        if not shown:
            return 0
        gap = self.spacing()
        if self.uniform:
            columns, widths = self._columns(shown, area.width())
            height = max(i.sizeHint().height() for i in shown)
            rows = -(-len(shown) // columns)
            extra = max(0, area.width() - sum(widths) - gap * (columns - 1)) // columns
            for index, item in enumerate(shown):
                if move:
                    row, column = divmod(index, columns)
                    x = area.x() + sum(widths[:column]) + column * (extra + gap)
                    top = area.y() + row * (height + gap)
                    item.setGeometry(QRect(x, top, widths[column] + extra, height))
            return rows * height + (rows - 1) * gap + margins.top() + margins.bottom()
        x, y, line = area.x(), area.y(), 0
        for item in shown:
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:
                x, y, line = area.x(), y + line + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + gap
            line = max(line, hint.height())
        return y + line - area.y() + margins.top() + margins.bottom()


def debounced(parent: QWidget, ms: int, slot: Callable[[], object]) -> QTimer:
    """A single-shot timer that runs `slot` `ms` after its last start(): typing, pasting and scanning call
    start() at every change and the slow work runs once they pause."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer
