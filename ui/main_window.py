"""The main window: login page, then the workspace with a sidebar of sections.

Sections are added only when they work: each is a QWidget with `key` (for `MainWindow.go`), `title`,
`permission` and `refresh()`. A demo shop says so in the title and the sidebar, with a way back to the
real one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos import settings, shop, staff
from pos.errors import PosError
from pos.i18n import _
from pos.staff import User
from ui import dialogs
from ui.events import hub
from ui.login import LoginPage
from ui.printing import Printing
from ui.theme import plain_label, role


def make_sections(window: MainWindow) -> list[QWidget]:
    """Every section of the workspace, in sidebar order."""
    from ui.catalog_page import CatalogPage
    from ui.counter.page import CounterPage
    from ui.customers_page import CustomersPage
    from ui.report_page import ReportPage
    from ui.settings_page import SettingsPage
    from ui.stock_page import StockPage

    return [
        CounterPage(window),
        CatalogPage(window),
        CustomersPage(window),
        StockPage(window),
        ReportPage(window),
        SettingsPage(window),
    ]


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
        self.resize(1280, 800)
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

    # --- layout ---
    def _build_workspace(self) -> None:
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(200)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(8, 12, 8, 12)
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
        self.sections = make_sections(self)
        for index, section in enumerate(self.sections):
            button = role(QPushButton(f"{section.title}"), "nav")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            key = getattr(section, "shortcut", "")
            if key:
                button.setToolTip(key)
            self.nav.addButton(button, index)
            side.addWidget(button)
            self.pages.addWidget(section)
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
        from ui.counter.page import CounterPage

        return next((s for s in self.sections if isinstance(s, CounterPage)), None)

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
        for index, section in enumerate(self.sections):
            allowed = staff.can(user, getattr(section, "permission", "sell"))
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
        """The owner sees what `verify` says, computed off the UI thread at login."""
        from pos.verify import verify
        from ui import worker

        self.integrity_label.setText(_("Memeriksa keutuhan data…"))
        job = worker.Worker(verify)
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
        self.pages.setCurrentWidget(section)
        section.refresh()

    def section(self, kind: type) -> QWidget:
        return next(s for s in self.sections if isinstance(s, kind))

    def can_go(self, key: str) -> bool:
        """There is a section `key` and the logged-in user may see it."""
        return any(
            getattr(s, "key", "") == key
            and self.user is not None
            and staff.can(self.user, getattr(s, "permission", "sell"))
            for s in self.sections
        )

    def go(self, key: str, area: str = "") -> None:
        """Open the section `key` ("counter", "catalog", "customers", "stock", "reports", "settings") if the
        user may see it; `area` names a part of it (the attribute of a field or box, e.g. the settings
        page's "tax_mode", "qris", "printer", "staff") to scroll to and highlight."""
        if not self.can_go(key):
            return
        index = next(i for i, s in enumerate(self.sections) if getattr(s, "key", "") == key)
        self.open_section(index)
        if area:
            section = self.sections[index]
            QTimer.singleShot(0, section, lambda: reveal(section, area))  # once the page is laid out

    def _changed(self, what: str) -> None:
        if what in ("integrity-ok", "integrity-broken"):
            self.show_integrity(what == "integrity-ok")
        if what == "settings":
            self.shop_label.setText(str(settings.get("shop_name") or ""))

    # --- geometry ---
    def _restore_geometry(self) -> None:
        saved = QSettings("Kasir", "Kasir").value("window/geometry")
        if isinstance(saved, QByteArray):
            self.restoreGeometry(saved)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from ui import worker

        worker.wait_all()
        counter = self._counter()
        if counter is not None and shop.is_open():
            try:
                counter.set_aside()  # closing never loses a cart: it waits as a parked order (said at login)
            except PosError:
                pass
        QSettings("Kasir", "Kasir").setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
