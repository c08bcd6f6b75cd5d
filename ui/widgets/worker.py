"""Long work (a demo shop, a year's report, a PDF, verify) off the UI thread, with progress.

The function runs in a QThread with its own database connection (peewee connects per thread); the
connection is closed *before* the result is announced, so the UI never races a closing connection.

Connect the signals to bound methods of QObjects (never to lambdas): PySide then delivers them queued on
the receiver's (UI) thread; a lambda would run in the worker thread and touch widgets from there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from pos import shop


class Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.with_progress = with_progress

    def run(self) -> None:
        error: Exception | None = None
        result: Any = None
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.progress.emit(done, total))
            else:
                result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread, shown there
            error = exc
        finally:
            shop.close_thread_connection()
        app = QCoreApplication.instance()
        if app is not None:  # it is destroyed on the UI thread, never in this one (see start)
            self.moveToThread(app.thread())
        if error is not None:
            self.failed.emit(error)
        else:
            self.finished.emit(result)


_running: list[QThread] = []


def start(parent: QObject, worker: Worker) -> QThread:
    """Run `worker` in a new thread owned by `parent`; the thread cleans itself up when it ends."""
    _forget_finished()
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)  # queued behind the result: the worker lives until it is read
    worker.failed.connect(thread.quit)
    # No worker.deleteLater on thread.finished: it ran in the ending thread, where ~QObject asks Python
    # for an override and waits for the GIL while holding Qt's signal lock, and the UI thread, holding
    # the GIL, waited for that lock to connect a signal: both hung (seen in CI). The worker moves back to
    # the UI thread when it is done and is dropped there with the thread (_forget_finished).
    thread._worker = worker  # type: ignore[attr-defined]  # keep it alive as long as the thread
    _running.append(thread)
    thread.start()
    return thread


def _forget_finished() -> None:
    for thread in list(_running):
        try:
            done = thread.isFinished()
        except RuntimeError:  # its parent is gone, and it with it
            done = True
        if done:
            _running.remove(thread)
            try:
                thread._worker = None  # type: ignore[attr-defined]  # destroyed here, on the UI thread
                thread.deleteLater()
            except RuntimeError:
                pass


def wait_all(msecs: int = 30_000) -> None:
    """Wait for every running worker (before a window closes or the database is switched): a thread
    destroyed while running aborts the process, and one left running would query the next database."""
    for thread in list(_running):
        try:
            thread.wait(msecs)
        except RuntimeError:
            pass
    _forget_finished()
