"""The main window: login page, then the workspace with a sidebar of sections.

Sections are added only when they work: each is a QWidget with `key` (for `MainWindow.go`), `title`,
`permission` and `refresh()`. A section is built when it is first opened, or while the window waits at the
login, one at a time: the first window paints without importing or building any of them. A demo shop says
so in the title and the sidebar, with a way back to the real one.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos import shop
from pos.core import journal, settings, staff
from pos.core.changes import Changes
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.staff import User
from ui.events import hub
from ui.login import LoginPage
from ui.printing import Printing
from ui.theme import plain_label, role
from ui.widgets import dialogs, worker


@dataclass(frozen=True)
class Spec:
    """A section as the sidebar names it before it is built (its page class says the same: a test checks)."""

    key: str
    title: str  # a msgid, shown through _()
    permission: str
    module: str
    name: str  # the page class in `module`
    shortcut: str = ""


SECTIONS = (  # sidebar order
    Spec("counter", N_("Kasir"), "sell", "ui.counter.page", "CounterPage", "F2"),
    Spec("catalog", N_("Barang"), "products", "ui.catalog.page", "CatalogPage"),
    Spec("customers", N_("Pelanggan"), "add_customer", "ui.customers.page", "CustomersPage"),
    Spec("stock", N_("Stok"), "stock", "ui.stock.page", "StockPage"),
    Spec("reports", N_("Laporan"), "reports", "ui.reports.page", "ReportPage"),
    Spec("delivery", N_("Antaran"), "sell", "ui.counter.delivery_page", "DeliveryPage"),
    Spec("settings", N_("Pengaturan"), "settings", "ui.settings.page", "SettingsPage"),
)


class Sections(Sequence[QWidget]):
    """The window's sections in sidebar order; `sections[i]` builds section i the first time (importing its
    module), adds it to the window's page stack and keeps it. `built()` are those built so far."""

    def __init__(self, window: MainWindow, specs: tuple[Spec, ...]) -> None:
        self.window, self.specs = window, specs
        self._pages: list[QWidget | None] = [None] * len(specs)

    def __len__(self) -> int:
        return len(self.specs)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        page = self._pages[index]
        if page is None:
            spec = self.specs[index]
            page = getattr(importlib.import_module(spec.module), spec.name)(self.window)
            self.window.pages.addWidget(page)
            self._pages[index] = page
        return page

    def __iter__(self) -> Iterator[QWidget]:
        return (self[i] for i in range(len(self)))

    def __contains__(self, page: object) -> bool:
        return any(p is page for p in self._pages if p is not None)

    def built(self) -> list[QWidget]:
        return [p for p in self._pages if p is not None]

    def index(self, page: Any, start: int = 0, stop: Any = None) -> int:
        return next(i for i, p in enumerate(self._pages) if p is page and p is not None)

    def find(self, kind: type) -> int:
        """The index of the section whose page is a `kind`."""
        for i, spec in enumerate(self.specs):
            cls = getattr(importlib.import_module(spec.module), spec.name)
            if issubclass(cls, kind):
                return i
        raise StopIteration(kind)

    def build_next(self) -> bool:
        """Build the first section not built yet; False when all are."""
        missing = next((i for i, p in enumerate(self._pages) if p is None), None)
        if missing is not None:
            self[missing]
        return missing is not None


APART_ENTRIES = 1_000  # a journal longer than this is checked in a process of its own (a warung: 2 weeks)


def verify_apart(target: str) -> Any:
    """`python main.py --db TARGET verify` in a process of its own, for a long journal: its hashing then runs
    on another core and never holds this process's interpreter while the owner opens screens (beside it in
    a thread, Stok took twice as long to open), and at a lower priority (`nice`) on a laptop with few
    cores. The answer as verify's: `.ok`."""
    main = Path(__file__).resolve().parents[1] / "main.py"
    gently = ["nice", "-n", "10"] if shutil.which("nice") else []
    done = subprocess.run(
        [*gently, sys.executable, str(main), "--db", target, "verify"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):  # 0: intact, 1: changed outside Kasir; else it could not check
        raise RuntimeError((done.stderr or done.stdout).strip()[-300:])
    return SimpleNamespace(ok=done.returncode == 0)


class _AfterFirstPaint(QObject):
    """Calls `then` once, right after the watched widget's first paint."""

    def __init__(self, watched: QWidget, then: Any) -> None:
        super().__init__(watched)
        self.then = then
        watched.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.then)
        return False


def reveal(section: QWidget, area: str) -> None:
    """Scroll to and briefly highlight a part of a section: the group box holding its attribute `area`."""
    widget = getattr(section, area, None)
    if not isinstance(widget, QWidget):
        return
    box = widget
    while not isinstance(box, QGroupBox) and box.parentWidget() not in (None, section):
        box = box.parentWidget()
    scroll = box.parentWidget()
    while scroll is not None and not isinstance(scroll, QScrollArea):
        scroll = scroll.parentWidget()
    if scroll is not None and scroll.widget() is not None:  # the box's top at the top of the view
        scroll.verticalScrollBar().setValue(box.mapTo(scroll.widget(), QPoint(0, 0)).y() - 8)
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(box, QGroupBox):
        before = box.styleSheet()
        box.setStyleSheet("QGroupBox { border: 2px solid #1f7a4d; background: #eef6f1; }")
        QTimer.singleShot(2500, box, lambda: box.setStyleSheet(before))  # not after the box is gone


SIDEBAR_WIDE, SIDEBAR_NARROW = 200, 150  # the narrow one on a 1024 px touch terminal: room for the cart


class MainWindow(QMainWindow):
    language_changed = Signal()
    real_shop_wanted = Signal()  # "Siapkan toko sendiri" in a demo shop: the app opens the real shop

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target
        self.user: User | None = None
        self.printing = Printing(self)
        self.demo = shop.is_demo()
        self.setWindowTitle("Kasir — " + _("TOKO CONTOH") if self.demo else "Kasir")
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.login = LoginPage()
        self.login.logged_in.connect(self.enter)
        self.stack.addWidget(self.login)
        self.workspace = QWidget()
        self.stack.addWidget(self.workspace)
        self._build_workspace()
        self._restore_geometry()
        self.show_login()
        hub.changed.connect(self._changed)
        hub.integrity.connect(self.show_integrity)
        _AfterFirstPaint(self.login, self._build_ahead)

    def _build_ahead(self) -> None:
        """While the login waits for a PIN: build the sections one at a time (the counter first), letting
        the window take keys between them, so that each opens at once later."""
        if self.sections.build_next():
            QTimer.singleShot(0, self, self._build_ahead)
        else:  # then Babel's data for rupiah (a tenth of a second of pickles), before the first price shown
            format_rupiah(0)

    # --- layout ---
    def _build_workspace(self) -> None:
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        sidebar = QFrame()
        sidebar.setObjectName("navSidebar")  # not "sidebar": the name of the file dialog's own list
        sidebar.setFixedWidth(SIDEBAR_WIDE)
        self.sidebar = sidebar
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(8, 12, 8, 12)
        side.setSpacing(3)  # seven sections, the demo badge and the user under them in 728 px
        brand = QLabel("Kasir")
        brand.setObjectName("brand")
        side.addWidget(brand)
        self.shop_label = plain_label()
        self.shop_label.setStyleSheet("color: #a9bdb3; padding: 0 14px 12px 14px;")
        self.shop_label.setWordWrap(True)
        side.addWidget(self.shop_label)
        self.demo_banner = QLabel(
            "<b>{mark}</b><br><span style='font-size: 12px;'>{note}</span>".format(
                mark=_("TOKO CONTOH"), note=_("data karangan, bukan toko Anda")
            )
        )
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(
            "background: #f4b400; color: #1d2321; border-radius: 6px; padding: 6px; margin: 0 6px 10px 6px;"
        )
        self.demo_banner.setVisible(self.demo)
        side.addWidget(self.demo_banner)
        self.pages = QStackedWidget()
        self.nav = QButtonGroup(self)
        self.sections = Sections(self, SECTIONS)
        for index, spec in enumerate(SECTIONS):
            button = role(QPushButton(_(spec.title)), "nav")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if spec.shortcut:
                button.setToolTip(spec.shortcut)
            self.nav.addButton(button, index)
            side.addWidget(button)
        self.nav.idClicked.connect(self.open_section)
        side.addStretch(1)
        self.integrity_label = plain_label()
        self.integrity_label.setWordWrap(True)
        self.integrity_label.setStyleSheet("color: #a9bdb3; padding: 4px 14px; font-size: 12px;")
        side.addWidget(self.integrity_label)
        self.user_label = plain_label()
        self.user_label.setStyleSheet("color: #dfe9e3; padding: 6px 14px;")
        self.user_label.setWordWrap(True)
        side.addWidget(self.user_label)
        self.real_shop_button = role(QPushButton(_("Siapkan toko sendiri")), "nav")
        self.real_shop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.real_shop_button.setStyleSheet("color: #f4b400; font-size: 14px; padding-right: 6px;")
        self.real_shop_button.setToolTip(_("Tutup toko contoh dan siapkan toko Anda sendiri (kosong)"))
        self.real_shop_button.clicked.connect(self.real_shop_wanted)
        self.real_shop_button.setVisible(self.demo)
        side.addWidget(self.real_shop_button)
        switch = role(QPushButton(_("Ganti kasir")), "nav")
        switch.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        switch.clicked.connect(self.switch_user)
        side.addWidget(switch)
        layout.addWidget(sidebar)
        layout.addWidget(self.pages, 1)
        lock = QShortcut(QKeySequence("Ctrl+L"), self)
        lock.setContext(
            Qt.ShortcutContext.ApplicationShortcut
        )  # also from the owner's notice, a window of its own
        lock.activated.connect(self.switch_user)

    # --- login / sections ---
    def _counter(self) -> Any:
        from ui.counter.page import CounterPage  # screens load when first opened: start-up stays short

        return next((s for s in self.sections.built() if isinstance(s, CounterPage)), None)

    def switch_user(self) -> None:
        """Ctrl+L: a cart with items is asked about first — kept as a parked order, or the switch waits."""
        counter = self._counter()
        if counter is not None and self.user is not None and not counter.cart.is_empty:
            n = len(counter.cart.lines)
            if not dialogs.ask_yes_no(
                self,
                _(
                    "Keranjang berisi {n} baris. Simpan sebagai pesanan (F9 membukanya lagi) "
                    "lalu ganti kasir?"
                ).format(n=n),
            ):
                counter.focus_search()
                return
            dialogs.run_service(self, counter.set_aside)
        self.show_login()

    def show_login(self) -> None:
        previous = self.user
        self.user = None
        self.login.reload()
        if previous is not None:
            self.login.select_user(previous)
        self.login.close_notice()  # the owner's notice (and its recovery code) is not for the next person
        self.stack.setCurrentWidget(self.login)
        self.raise_()
        self.activateWindow()  # the PIN typed next goes to the PIN box, never to a box of the last screen
        self.login.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def enter(self, user: User) -> None:
        self.user = user
        self.user_label.setText(f"{user.name}\n{_(user.role.name)}")
        self.shop_label.setText(str(settings.get("shop_name") or ""))
        first = None
        for index, spec in enumerate(SECTIONS):
            allowed = staff.can(user, spec.permission)
            self.nav.button(index).setVisible(allowed)
            if allowed and first is None:
                first = index
        self.stack.setCurrentWidget(self.workspace)
        self.open_section(first or 0)
        counter = self._counter()
        if counter is not None:
            counter.say_left_behind()
        self.integrity_label.clear()
        if staff.can(user, "settings"):
            self.check_integrity()

    def check_integrity(self) -> None:
        """The owner sees what `verify` says, computed off the UI thread at login (a long journal: in a
        process of its own, verify_apart)."""
        from pos.audit.verify import verify  # loaded at the owner's first login, not at start

        self.integrity_label.setText(_("Memeriksa keutuhan data…"))
        apart = journal.head()[0] > APART_ENTRIES and not getattr(sys, "frozen", False)
        job = worker.Worker((lambda: verify_apart(self.target)) if apart else verify)
        job.finished.connect(self._integrity)
        job.failed.connect(self._integrity_failed)  # a check that could not finish is a failed check
        worker.start(self, job)

    def _integrity(self, result: object) -> None:
        self.integrity_label.setToolTip("")
        self.show_integrity(bool(getattr(result, "ok", False)))

    def _integrity_failed(self, error: object) -> None:
        self.show_integrity(False)
        self.integrity_label.setToolTip(_("Pemeriksaan keutuhan data gagal: {why}").format(why=error))

    def show_integrity(self, ok: bool) -> None:
        self.integrity_label.setText(
            _("✓ Data utuh (jurnal cocok)") if ok else _("⚠ Data berubah di luar Kasir — lihat Pengaturan")
        )
        self.integrity_label.setStyleSheet(
            "padding: 4px 14px; font-size: 12px; color: "
            + ("#a9bdb3;" if ok else "#ffb4a9; font-weight: 600;")
        )

    def open_section(self, index: int) -> None:
        self.nav.button(index).setChecked(True)
        section = self.sections[index]
        for i in range(self.pages.count()):  # the window needs room for the page shown, not for the widest
            page = self.pages.widget(i)  # a wide page opened earlier must not widen the counter
            policy = QSizePolicy.Policy.Preferred if page is section else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(section)
        self.pages.updateGeometry()
        section.refresh()

    def section(self, kind: type) -> QWidget:
        return self.sections[self.sections.find(kind)]

    def can_go(self, key: str) -> bool:
        """There is a section `key` and the logged-in user may see it."""
        return any(
            s.key == key and self.user is not None and staff.can(self.user, s.permission) for s in SECTIONS
        )

    def go(self, key: str, area: str = "") -> None:
        """Open the section `key` ("counter", "catalog", "customers", "stock", "reports", "settings") if the
        user may see it; `area` names a part of it (the attribute of a field or box, e.g. the settings
        page's "tax_mode", "qris", "printer", "staff") to scroll to and highlight."""
        if not self.can_go(key):
            return
        index = next(i for i, s in enumerate(SECTIONS) if s.key == key)
        self.open_section(index)
        if area:
            section = self.sections[index]
            QTimer.singleShot(0, section, lambda: reveal(section, area))  # once the page is laid out

    def _changed(self, done: Changes) -> None:
        if "settings" in done:
            self.shop_label.setText(str(settings.get("shop_name") or ""))

    # --- geometry ---
    def _restore_geometry(self) -> None:
        """Where the window was last time, inside this screen; the first time, the whole of a laptop's screen
        (a fixed 1280×800 put BAYAR below a 768 px one)."""
        saved = QSettings("Kasir", "Kasir").value("window/geometry")
        if isinstance(saved, QByteArray):
            self.restoreGeometry(saved)
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        self.first_time = not isinstance(saved, QByteArray)  # the app then shows it maximized
        if self.first_time:
            self.resize(min(1366, room.width()), min(768, room.height()))
        elif self.width() > room.width() or self.height() > room.height():
            self.resize(min(self.width(), room.width()), min(self.height(), room.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        wide = event.size().width() >= 1200
        self.sidebar.setFixedWidth(SIDEBAR_WIDE if wide else SIDEBAR_NARROW)
        words = _("Siapkan toko sendiri")
        self.real_shop_button.setText(words if wide else "\n".join(words.rsplit(" ", 1)))  # two lines fit
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        worker.wait_all()
        counter = self._counter()
        if counter is not None and shop.is_open():
            try:
                counter.set_aside()  # closing never loses a cart: it waits as a parked order (said at login)
            except PosError:
                pass
        QSettings("Kasir", "Kasir").setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
