"""`python -m bench.coldstart DB`: start Kasir the way `python main.py --db DB` does (offscreen when there
is no display) and print "ready <peak RSS in kB> <window>" the moment its first window has painted and waits
for input: the login page of a shop that is set up, the first-run window of a new one ("login" or
"setup"). The bench times from starting this process to that line (a cold start).

With `--screens N` it then goes on as a shop does and prints "screen <key> <ms> ..." for each screen:
"counter", the time from the PIN accepted to the counter painted (after a second at the login page, the
time a PIN takes to type); "stock", the owner opening Stok right after logging in, N times (while the
integrity check that an owner's login starts runs beside, as in the shop); "catalog", Barang N times;
then "peak <kB>", the process's peak memory.
Each is the time from the click to the screen painted with its first rows (what a screen finishes
right after it shows, like Stok's stock value, is not counted)."""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def _peak_kb() -> int:
    """This process's peak resident memory in kB. /proc's VmHWM starts afresh at exec; ru_maxrss would carry
    the parent's peak across the fork."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: neither /proc nor getrusage, so no peak is measured there
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def main(argv: list[str]) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QWidget

    runs = int(argv[argv.index("--screens") + 1]) if "--screens" in argv else 0

    class FirstPaint(QObject):
        """Sees the first paint of a top-level window (the login window, or the first-run dialog) and,
        once that paint is done, says "ready"."""

        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, QWidget):
                top = obj.window()
                if isinstance(top, (QMainWindow, QDialog)) and top.isVisible():
                    self.seen = True
                    QTimer.singleShot(0, lambda: ready(top))  # after this paint and its flush
            return False

    def ready(top: QWidget) -> None:
        kind = "setup" if isinstance(top, QDialog) else "login"
        focus = QApplication.focusWidget()
        print(f"ready {_peak_kb()} {kind} {type(focus).__name__ if focus else '-'}", flush=True)
        if runs and kind == "login":
            _screens(QApplication.instance(), top, runs)
        from pos import shop

        shop.close_shop()
        os._exit(0)  # no backup at exit, no saved window geometry: the shop's own Kasir is untouched

    app = QApplication(sys.argv[:1])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    import main as kasir

    kasir.main(["--db", argv[0]])
    print("no window", flush=True)
    return 1


def _idle(app: Any, seconds: float) -> None:
    """Let the event loop run for `seconds`, as it does while a person reads or types."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _timed(app: Any, window: Any, action: Any) -> float:
    """ms from `action` (a click) to the window painted: pending layouts done, then a paint of the window
    with what the screen shows (its table asks its model for the visible rows while painting)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    t0 = time.perf_counter_ns()
    action()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    window.repaint()
    return (time.perf_counter_ns() - t0) / 1e6


def _screens(app: Any, window: Any, runs: int) -> None:
    from PySide6.QtCore import QThread

    from pos.core import staff
    from ui.catalog.page import CatalogPage
    from ui.counter.page import CounterPage
    from ui.stock.page import StockPage

    owner = staff.owner()
    cashier = next((u for u in staff.active_users() if u.role.code == "cashier"), owner)
    _idle(app, 1.0)  # the PIN being typed
    counter_ms = _timed(app, window, lambda: window.enter(cashier))
    assert isinstance(window.pages.currentWidget(), CounterPage)
    print("screen counter", f"{counter_ms:.2f}", flush=True)
    _idle(app, 0.5)
    window.show_login()
    _idle(app, 0.5)
    window.enter(owner)  # starts the integrity check, as an owner's login does
    app.processEvents()
    for key, kind in (("stock", StockPage), ("catalog", CatalogPage)):
        index = _index(window, kind)
        times = []
        for _ in range(runs):
            window.open_section(0)
            app.processEvents()
            times.append(_timed(app, window, lambda i=index: window.open_section(i)))
            page = window.pages.currentWidget()
            assert isinstance(page, kind) and page.model.rowCount() > 0, key
            _idle(app, 0.05)  # the next click
        print("screen", key, " ".join(f"{t:.2f}" for t in times), flush=True)
    while any(t.isRunning() for t in window.findChildren(QThread)):
        _idle(app, 0.05)
    print(f"peak {_peak_kb()}", flush=True)


def _index(window: Any, kind: type) -> int:
    """The sidebar index of the section of `kind`, without building it (or any other)."""
    find = getattr(window.sections, "find", None)
    return find(kind) if find else window.sections.index(window.section(kind))  # type: ignore[no-any-return]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
