"""Starting the desktop app: open the shop (with a clear dialog if that fails), first-run setup, login."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pos import shop
from pos.errors import PosError
from pos.i18n import _
from ui import theme
from ui.events import hub


class Controller:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.window = None
        hub.changed.connect(self._changed)

    def show(self) -> None:
        from ui.main_window import MainWindow

        user = self.window.user if self.window is not None else None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        self.window = MainWindow(self.target)
        self.window.show()
        if user is not None:
            self.window.enter(user)

    def _changed(self, what: str) -> None:
        if what == "language":
            QTimer.singleShot(0, self.show)


def run(target: str | None, register: str = "K1") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kasir")
    app.setOrganizationName("Kasir")
    theme.apply(app)
    try:
        opened = shop.open_shop(target, register)
    except PosError as exc:
        QMessageBox.critical(None, _("Database tidak bisa dibuka"), exc.text)
        return 2
    if not shop.is_set_up():
        from ui.setup_dialog import SetupDialog

        setup = SetupDialog()
        if setup.exec() != QDialog.DialogCode.Accepted:
            shop.close_shop()
            return 0
    controller = Controller(opened)
    controller.show()
    code = app.exec()
    shop.close_shop()
    return int(code)
