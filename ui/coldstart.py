"""`python -m ui.coldstart DB`: open the app on DB offscreen up to the counter screen, print
"ready <peak RSS in kB>" and quit — the bench's cold start (it times this whole process)."""

from __future__ import annotations

import os
import resource
import sys


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
    window.close()
    shop.close_shop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
