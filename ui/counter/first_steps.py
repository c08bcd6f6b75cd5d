"""Langkah awal: the counter's checklist for a newly set-up real shop — products, tax, QRIS, printer, staff.

Each step is a button to the screen where it is done, ticked once it is. The checklist goes for good with
"Sembunyikan" (a shop setting) and by itself once every step is done; it never shows in a demo shop, and
only to someone who may open the settings (the steps are done there).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos import shop
from pos.core import staff
from pos.core.changes import Changes
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from ui.events import hub
from ui.printing import PrintSettings
from ui.widgets import dialogs

# step, label, what to do, sections to go to (the first that exists), the part of it to show
STEPS = [
    ("products", N_("Barang"), N_("Tambah atau impor barang yang Anda jual"), ("catalog", "stock"), ""),
    ("tax", N_("Pajak"), N_("Pilih PPN atau tanpa pajak, lalu simpan"), ("settings",), "tax_mode"),
    ("qris", N_("QRIS"), N_("Tempel QRIS statis toko Anda"), ("settings",), "qris"),
    ("printer", N_("Printer"), N_("Pilih printer struk mesin ini"), ("settings",), "printer"),
    ("staff", N_("Staf"), N_("Tambah kasir atau admin dengan PIN sendiri"), ("settings",), "staff"),
]
STEP_STYLE = "min-height: 26px; padding: 3px 8px;"
DONE_STYLE = STEP_STYLE + "color: #155c39; font-weight: 600; background: #e3efe8; border-color: #9cc7b0;"


def steps_done() -> dict[str, bool]:
    """Every step's state: the shop's from pos.shop, the printer from this machine's settings."""
    state = shop.first_steps()
    state["printer"] = PrintSettings.load().receipt.kind != "none"
    return state


class FirstSteps(QFrame):
    """A compact frame: one line of heading, one row of step buttons."""

    def __init__(self, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("firstSteps")
        self.setStyleSheet(
            "QFrame#firstSteps { background: #fffbea; border: 1px solid #ecd98c; border-radius: 10px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(4)
        head = QHBoxLayout()
        self.heading = QLabel("")
        self.heading.setStyleSheet("font-weight: 700;")
        head.addWidget(self.heading, 1)
        self.hide_button = QPushButton(_("Sembunyikan"))
        self.hide_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide_button.setStyleSheet("min-height: 20px; padding: 1px 10px; font-size: 13px;")
        self.hide_button.setToolTip(_("Jangan tampilkan langkah awal lagi"))
        self.hide_button.clicked.connect(self.hide_for_good)
        head.addWidget(self.hide_button)
        layout.addLayout(head)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for code, label, hint, _targets, _area in STEPS:
            button = QPushButton(_(label))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(_(hint))
            button.setProperty("step", code)
            button.clicked.connect(self._clicked)
            row.addWidget(button, 1)
            self.buttons[code] = button
        layout.addLayout(row)
        self.done: dict[str, bool] = {}
        hub.changed.connect(self._changed)  # and the counter's refresh() calls refresh() when it opens
        self.hide()

    @property
    def user(self):  # type: ignore[no-untyped-def]
        return getattr(self.window_, "user", None)

    def wanted(self) -> bool:
        user = self.user
        return user is not None and staff.can(user, "settings") and shop.first_steps_wanted()

    def refresh(self) -> None:
        if not self.wanted():
            self.hide()
            return
        self.done = steps_done()
        if all(self.done.values()):
            self.hide()
            return
        for code, label, _hint, targets, _area in STEPS:
            button = self.buttons[code]
            done = self.done[code]
            button.setText(("✓ " if done else "○ ") + _(label))
            button.setStyleSheet(DONE_STYLE if done else STEP_STYLE)
            button.setEnabled(self._target(targets) != "")
        self.heading.setText(
            _("Langkah awal · {done} dari {all} selesai").format(done=sum(self.done.values()), all=len(STEPS))
        )
        self.show()

    def _target(self, targets: tuple[str, ...]) -> str:
        can_go = getattr(self.window_, "can_go", None)
        return next((key for key in targets if can_go is not None and can_go(key)), "")

    def _clicked(self) -> None:
        self.go(str(self.sender().property("step")))

    def go(self, code: str) -> None:
        """Open the screen where the step is done (the catalogue for products, when there is one)."""
        _code, _label, _hint, targets, area = next(step for step in STEPS if step[0] == code)
        key = self._target(targets)
        if key:
            self.window_.go(key, area)  # type: ignore[attr-defined]

    def hide_for_good(self) -> None:
        try:
            shop.hide_first_steps(self.user)
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        self.hide()

    def _changed(self, _done: Changes) -> None:
        if self.parentWidget() is not None and self.parentWidget().isVisible():
            self.refresh()
