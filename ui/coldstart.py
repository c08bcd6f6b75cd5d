"""`python -m ui.coldstart DB`: open the app on DB offscreen up to the counter screen, print
"ready <peak RSS in kB>" and quit — the bench's cold start (it times this whole process).

With `--screens N` it then opens the Stok and Barang screens N times each (back to the counter in
between) and prints "screen <key> <ms> ..." for each: the time from the click to the screen painted
(what a screen finishes right after it shows, like Stok's stock value, is not counted)."""

from __future__ import annotations

import os
import resource
import sys
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
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)  # kB on Linux


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from pos import shop, staff
    from ui import theme
    from ui.counter.page import CounterPage
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    theme.apply(app)
    target = shop.open_shop(argv[0])
    window = MainWindow(target)
    window.resize(1366, 768)
    window.show()
    cashier = next((u for u in staff.active_users() if u.role.code == "cashier"), staff.owner())
    window.enter(cashier)  # as after the PIN: the counter is the first screen
    assert isinstance(window.pages.currentWidget(), CounterPage)
    app.processEvents()
    print(f"ready {_peak_kb()}", flush=True)
    if "--screens" in argv:
        _screens(app, window, int(argv[argv.index("--screens") + 1]))
    window.close()
    shop.close_shop()
    return 0


def _screens(app: Any, window: Any, runs: int) -> None:
    import time

    from ui.catalog_page import CatalogPage
    from ui.stock_page import StockPage

    window.check_integrity = lambda: None  # verify of a million sales would run beside the measure
    window.enter(window.user if window.user.role.code == "owner" else _owner())
    for key, kind in (("stock", StockPage), ("catalog", CatalogPage)):
        index = window.sections.index(window.section(kind))
        times = []
        for _ in range(runs):
            window.open_section(0)
            app.processEvents()
            t0 = time.perf_counter_ns()
            window.open_section(index)
            window.repaint()  # painted now, with its rows: what the owner sees
            times.append((time.perf_counter_ns() - t0) / 1e6)
            app.processEvents()
        print("screen", key, " ".join(f"{t:.2f}" for t in times), flush=True)


def _owner() -> Any:
    from pos import staff

    return staff.owner()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
