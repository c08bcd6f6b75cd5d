"""ListPage: the frame of the main window's list pages (Barang, Pelanggan, Stok). The title with a
summary on its right, the page's rows of filters and buttons, its table and a message line under it; a
search box whose typing refreshes the list once it pauses; a refresh when a service changes what the page
shows while it is on screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from pos.core.changes import Changes
from pos.core.staff import User
from ui.events import hub
from ui.theme import role
from ui.widgets import dialogs


class ListPage(QWidget):
    """A page subclass builds its rows (placing `search` in one), its table, then calls lay_out; it
    implements refresh. `watches` names the changes (pos.core.changes) that refresh it."""

    watches: tuple[str, ...] = ()

    def __init__(self, window: QWidget, title: str, search_hint: str) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = title
        self.summary = role(QLabel(""), "muted")
        self.summary.setWordWrap(True)  # a long summary takes a second line instead of running off the page
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # names are never rendered as markup
        self.timer = dialogs.debounced(self, 150, self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        hub.changed.connect(self._changed)

    def lay_out(self, rows: Sequence[QLayout], table: QWidget) -> None:
        """The page from the top: the title and summary, `rows`, the table (all the height left), the
        message line."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        head = QHBoxLayout()
        head.addWidget(role(QLabel(self.title), "title"))
        head.addWidget(self.summary, 1)
        layout.addLayout(head)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(table, 1)
        layout.addWidget(self.message)

    @property
    def user(self) -> User:
        return self.window_.user  # type: ignore[attr-defined]

    def refresh(self) -> None:
        raise NotImplementedError

    def _changed(self, done: Changes) -> None:
        if done.any(*self.watches) and self.isVisible():
            self.refresh()
