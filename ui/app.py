"""Starting the desktop app: open the shop (with a clear dialog if that fails), first-run setup (or a demo
shop in its own file), login."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from pos import shop
from pos.audit import backup
from pos.core import places
from pos.core.errors import PosError
from pos.core.i18n import _
from ui import icons, qt_words, theme
from ui.events import hub
from ui.widgets import dialogs, worker


def finish_jobs(*owners: QObject | None) -> None:
    """Let the background jobs of `owners` (verify at login, a print) end before the database changes.
    A job's end reaches its thread through this (the UI) thread's event loop, so that keeps running."""
    for owner in owners:
        for thread in owner.findChildren(QThread) if owner is not None else []:
            while thread.isRunning():
                QApplication.processEvents()
                thread.wait(20)
    worker.wait_all()


class Controller(QObject):
    """Owns the main window; rebuilds it when the language changes or a backup is restored.

    `target` is the real shop Kasir was started with; `current` the shop open now: the real one, or a demo
    shop (its own file) the person is trying. Kasir always starts on the real one."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target
        self.current = target
        self.window = None
        hub.language.connect(self._language)
        hub.restored.connect(self._restored)

    def start(self) -> bool:
        """The first run's setup when the real shop has none yet, then the window. False: they closed it."""
        if not shop.is_set_up() and not self.setup():
            return False
        self.show()
        return True

    def setup(self) -> bool:
        """The setup dialog on the real shop (open now): set it up, or try a demo shop instead."""
        from ui.setup_dialog import SetupDialog  # only a new shop needs it: not loaded at start

        dialog = SetupDialog(real=self.target)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.current = dialog.opened or self.target
        return accepted

    def to_real_shop(self) -> None:
        """From a demo: close it and open the real shop — its setup when it has none yet, else its login.
        Closing that setup goes back to the demo."""
        demo = self.current
        if self.window is not None:
            self.window.user = None
            self.window.hide()
        finish_jobs(self, self.window)  # nothing may still read the demo while it closes
        try:
            shop.switch_to(self.target)
        except PosError as exc:
            QMessageBox.critical(self.window, _("Database tidak bisa dibuka"), dialogs.plain(exc.text))
            shop.switch_to(demo)
            if self.window is not None:
                self.window.show()
            return
        self.current = self.target
        if not shop.is_set_up() and not self.setup():
            shop.switch_to(demo)
            self.current = demo
        self.restart()

    def show(self) -> None:
        from ui.main_window import MainWindow  # loaded after the login has painted

        user = self.window.user if self.window is not None else None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        self.window = MainWindow(self.current)
        self.window.real_shop_wanted.connect(self.to_real_shop)
        if self.window.first_time:
            self.window.showMaximized()  # a laptop's whole screen, whatever its size
        else:
            self.window.show()
        if user is not None:
            self.window.enter(user)

    def _language(self) -> None:
        QTimer.singleShot(0, self.show)

    def _restored(self) -> None:
        QTimer.singleShot(0, self.restart)

    def restart(self) -> None:
        if self.window is not None:
            self.window.user = None
        self.show()
        if self.window is not None:
            self.window.show_login()

    def after_start(self) -> None:
        """Once the window shows: SQLite's quick_check, and today's backup if there is none (both off the
        UI thread)."""
        job = worker.Worker(shop.quick_check)
        job.finished.connect(self._checked)  # a bound method: delivered on the UI thread
        worker.start(self, job)

    def _checked(self, problem: object) -> None:
        if problem:
            QMessageBox.critical(
                self.window,
                _("Database rusak"),
                dialogs.plain(
                    _(
                        "SQLite menemukan kerusakan di {file}: {problem}. Pulihkan dari cadangan terbaru di "
                        "Pengaturan → Cadangan dan integritas data."
                    ).format(file=self.current, problem=problem)
                ),
            )
            return
        expiring = worker.Worker(shop.daily_upkeep)  # expiry and birthday bonuses, once a start
        worker.start(self, expiring)
        if shop.is_demo():  # a demo's copies would sit among (and be taken for) the real shop's backups
            return
        if backup.due() and shop.database_path():
            job = worker.Worker(backup.backup)
            job.failed.connect(self._backup_failed)
            worker.start(self, job)

    def _backup_failed(self, exc: object) -> None:
        if self.window is not None and isinstance(exc, PosError):
            self.window.statusBar().showMessage(exc.text, 15_000)

    def on_quit(self) -> None:
        """Back up when Kasir closes (a file database only); a failure is not worth a crash at exit."""
        if shop.database_path() and not shop.is_demo():
            try:
                backup.backup()
            except PosError:
                pass


def offer_backup(target: str | None, register: str, problem: str, damaged: bool = True) -> str:
    """The database cannot be opened: offer the latest good backup when the file is damaged (never over a
    healthy file on a read-only or full disk). Returns the opened target or ''."""
    path = target or places.default_database()
    latest = backup.latest(of=path) if damaged and "://" not in path else None  # this file's, no other shop's
    if "://" in path or latest is None or backup.check(latest):
        QMessageBox.critical(None, _("Database tidak bisa dibuka"), dialogs.plain(problem))
        return ""
    question = _(
        "{problem}\n\nPulihkan dari cadangan terbaru ({name})? Database sekarang disimpan di sampingnya."
    ).format(problem=problem, name=latest.name)
    answer = QMessageBox.question(None, _("Database tidak bisa dibuka"), dialogs.plain(question))
    if answer != QMessageBox.StandardButton.Yes:
        return ""
    try:
        backup.restore(latest, path)
        return shop.open_shop(path, register)
    except PosError as exc:
        QMessageBox.critical(None, _("Database tidak bisa dibuka"), dialogs.plain(exc.text))
        return ""


# What Qt's X11 plugin loads on Linux (README's Linux notes): missing, Qt aborts naming another library.
X11_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xinerama": "libxcb-xinerama0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


_known: str | None = None


def _has_library(name: str) -> bool:
    """Is lib<name>.so known to the system's loader? One `ldconfig -p` for all (ctypes' find_library runs
    it once per name, at start-up); without ldconfig, ctypes asks."""
    global _known
    if _known is None:
        import subprocess

        try:
            _known = subprocess.run(
                ["/sbin/ldconfig", "-p"], capture_output=True, text=True, timeout=5, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            _known = ""
    if _known:
        return f"lib{name}.so" in _known
    import ctypes.util

    return ctypes.util.find_library(name) is not None


def display_problem(environ: dict[str, str] | None = None) -> str:
    """Why no window can open here, in the shop's words ('' when one can): checked before Qt starts, since
    Qt itself aborts (core dump) and names the wrong library."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return ""
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return _(
            "Tidak ada layar untuk membuka jendela Kasir (DISPLAY kosong). Jalankan dari desktop, atau pakai "
            "perintah baris (python main.py --help)."
        )
    missing = [pkg for lib, pkg in X11_LIBRARIES.items() if not _has_library(lib)]
    if missing and not env.get("WAYLAND_DISPLAY"):
        return _("Pustaka layar belum terpasang. Pasang dulu: sudo apt-get install -y {packages}").format(
            packages=" ".join(missing)
        )
    return ""


def started(app: QApplication, controller: Controller) -> None:
    """KASIR_QUIT_AFTER_START=1: say which page the first window shows ("kasir started: login") and quit,
    without the checks and the backup of a real start (packaging's smoke test of a frozen build)."""
    window = controller.window
    page = "login" if window is not None and window.stack.currentWidget() is window.login else "other"
    shown = window is not None and window.isVisible() and not window.windowIcon().isNull()
    print(f"kasir started: {page}{'' if shown else ' (no window or no icon)'}", flush=True)
    app.quit()


def run(target: str | None, register: str = "K1") -> int:
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Kasir")
    app.setOrganizationName("Kasir")
    app.setDesktopFileName("kasir")  # Wayland/X11 docks match the window to kasir.desktop and its icon
    app.setWindowIcon(icons.app_icon())  # every window and dialog
    theme.apply(app)
    qt_words.install(app)
    try:
        opened = shop.open_shop(target, register)
    except PosError as exc:
        opened = offer_backup(target, register, exc.text, shop.restorable(exc))
        if not opened:
            return 2
    controller = Controller(opened)
    if not controller.start():
        shop.close_shop()
        return 0
    if os.environ.get("KASIR_QUIT_AFTER_START") == "1":  # a build's smoke test: the first window, then out
        QTimer.singleShot(200, lambda: started(app, controller))
    else:
        QTimer.singleShot(500, controller.after_start)
        app.aboutToQuit.connect(controller.on_quit)
    code = app.exec()
    shop.close_shop()
    return int(code)
