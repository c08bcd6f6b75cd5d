"""Long work (a demo shop, a year's report, a PDF) off the UI thread, with progress.

Connect the signals to bound methods of QObjects (never to lambdas): PySide then delivers them queued on
the receiver's (UI) thread; a lambda would run in the worker thread and touch widgets from there.

The function runs in a QThread with its own database connection (peewee connects per thread) and the
connection is closed when it ends. Results and errors come back as signals on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from db.models import database


class Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.progress.emit(done, total))
            else:
                result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, shown there
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
        finally:
            if not database.is_closed():
                database.close()


_running: set[QThread] = set()


def start(parent: QObject, worker: Worker) -> QThread:
    """Run `worker` in a new thread owned by `parent`; the thread cleans itself up."""
    thread = QThread(parent)
    _running.add(thread)
    thread.finished.connect(lambda: _running.discard(thread))
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    thread._worker = worker  # type: ignore[attr-defined]  # keep it alive as long as the thread
    thread.start()
    return thread


def wait_all(msecs: int = 30_000) -> None:
    """Wait for every running worker (before the window closes or the database is switched): a thread
    destroyed while running aborts the process, and one left running would query the next database."""
    for thread in list(_running):
        try:
            thread.wait(msecs)
        except RuntimeError:  # already deleted by Qt
            pass
        _running.discard(thread)
