"""The UI's one hub: every committed service's changes reach the screens here (pos.core.changes), once,
on the UI thread; each screen decides for itself whether what changed is something it shows.

Services on a worker thread (a demo shop, an import) commit many times in a row: their changes are
gathered and told once when the UI thread next turns. A service on the UI thread is told at once. Three
events are not data: the shop's language, what verify said, and a backup put in place."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal

from pos.core import changes
from pos.core.changes import Changes


class Hub(QObject):
    changed = Signal(object)  # Changes: `"sale" in changes`
    language = Signal()  # the shop's language changed: the window is built again
    integrity = Signal(bool)  # what verify said at the owner's login: True when all is well
    restored = Signal()  # a backup was put in place: start again at the login
    _arrived = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending: set[str] = set()
        self._arrived.connect(self._flush, Qt.ConnectionType.QueuedConnection)

    def committed(self, done: Changes) -> None:
        """pos.core.changes' listener; any thread."""
        if QThread.currentThread() is self.thread():
            self.changed.emit(done)
            return
        with self._lock:
            first = not self._pending
            self._pending |= done.areas
        if first:
            self._arrived.emit()

    def _flush(self) -> None:
        with self._lock:
            areas, self._pending = frozenset(self._pending), set()
        if areas:
            self.changed.emit(Changes(areas))


hub = Hub()
changes.listen(hub.committed)
