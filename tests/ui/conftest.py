"""UI fixtures: the main window on a fresh shop, logged in, and a helper that answers modal dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.widgets import dialogs


@pytest.fixture
def errors(monkeypatch):
    """Collect message boxes instead of showing them."""
    seen: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: seen.append(text))
    return seen


@pytest.fixture
def window(qtbot, db, errors):
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    from ui.widgets import worker

    worker.wait_all()


def when_modal(qtbot, handler, timeout: int = 3000) -> None:
    """Run `handler(dialog)` as soon as a modal dialog is open (call before the key that opens it)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
            return
        try:
            handler(dialog)
        except BaseException:
            dialog.reject()  # fail the test instead of leaving a modal dialog waiting for a person
            raise

    QTimer.singleShot(0, poll)
