"""Shift at the counter: the bar that shows it (or opens one), pay-ins/outs, and closing with the cash
counted note by note, then the slip."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos.core import settings, staff
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah, parse_rupiah
from pos.core.staff import User
from pos.counter import shift
from receipts import shift_slip
from ui import paper
from ui.counter.approval import ApprovalDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import SpinBox


class ShiftBar(QFrame):
    """'Shift #3 · Dewi · since 08:00' with pay-in/out and close, or the way to open one."""

    changed = Signal()

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        self.is_open = False
        self.setStyleSheet("QFrame { background: #eef4f0; border-radius: 8px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel("")
        self.label.setTextFormat(Qt.TextFormat.RichText)  # bold words; the cashier's name escaped
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(120)
        row.addWidget(self.label, 1)
        self.cash = QLineEdit()
        self.cash.setPlaceholderText(_("Kas awal (Rp)"))
        self.cash.setMaximumWidth(150)
        self.cash.returnPressed.connect(self.open_shift)
        self.open_button = role(QPushButton(_("Buka shift")), "primary")
        self.open_button.clicked.connect(self.open_shift)
        self.move_button = QPushButton(_("Kas +/−"))
        self.move_button.setToolTip(_("Kas masuk / keluar (mis. beli es batu)"))
        self.move_button.clicked.connect(self.cash_move)
        self.close_button = QPushButton(_("Tutup shift"))
        self.close_button.clicked.connect(self.close_shift)
        self.drawer_button = QPushButton(_("Buka laci"))
        self.drawer_button.clicked.connect(self.open_drawer)
        buttons = dialogs.FlowLayout()  # beside the label on a laptop, under each other on a 1024 px terminal
        for w in (self.cash, self.open_button, self.move_button, self.drawer_button, self.close_button):
            buttons.addWidget(w)
        row.addLayout(buttons)
        for b in (self.open_button, self.move_button, self.drawer_button, self.close_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for b in (self.move_button, self.drawer_button, self.close_button):
            role(b, "key")

    @property
    def user(self) -> User:
        return self.page.user  # type: ignore[attr-defined, no-any-return]

    def refresh(self) -> None:
        current = shift.current()
        is_open = self.is_open = current is not None
        if is_open:
            self.label.setText(
                _("Shift #{n} · {name} · sejak {time}").format(
                    n=current.number,
                    name=escape(current.opened_by.name),
                    time=current.opened_at.strftime("%d-%m %H:%M"),
                )
            )
        else:
            self.label.setText(_("<b>Shift belum dibuka.</b> Hitung uang di laci, lalu buka shift."))
        for w in (self.cash, self.open_button):
            w.setVisible(not is_open)
        for w in (self.move_button, self.close_button, self.drawer_button):
            w.setVisible(is_open)

    def open_shift(self) -> None:
        try:
            amount = parse_rupiah(self.cash.text() or "0")
            shift.open_shift(self.user, amount)
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        self.cash.clear()
        self.refresh()
        self.changed.emit()

    def open_drawer(self) -> None:
        """Open the drawer without a sale: a reason, the owner's PIN for a cashier, and a journal entry."""
        dialog = ApprovalDialog(
            self, _("Buka laci tanpa penjualan"), need_pin=not staff.can(self.user, "open_drawer")
        )
        if not dialogs.run(dialog):
            return
        try:
            shift.open_drawer(self.user, dialog.reason, dialog.approver)
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        printing = getattr(self.window(), "printing", None)
        if printing is not None:
            printing.open_drawer()

    def cash_move(self) -> None:
        dialog = CashMoveDialog(self, self.user)
        if dialogs.run(dialog) and dialog.moved is not None:
            self.changed.emit()
            self.page.say(moved_text(*dialog.moved, self.user))  # type: ignore[attr-defined]

    def close_shift(self) -> None:
        dialog = CloseShiftDialog(self, self.user)
        if dialogs.run(dialog):
            self.refresh()
            self.changed.emit()


class CashMoveDialog(QDialog):
    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.moved: tuple[int, str] | None = None  # the pay-in (+) or pay-out (-) saved, and why
        self.setWindowTitle(_("Kas masuk / keluar"))
        layout = QVBoxLayout(self)
        self.kind = QButtonGroup(self)
        self.out = QRadioButton(_("Kas keluar (mis. beli es batu)"))
        self.inn = QRadioButton(_("Kas masuk (mis. tukar uang kecil)"))
        self.out.setChecked(True)
        for b in (self.out, self.inn):
            self.kind.addButton(b)
            layout.addWidget(b)
        form = QFormLayout()
        self.amount = QLineEdit()
        self.reason = QLineEdit()
        self.reason.returnPressed.connect(self.submit)
        form.addRow(_("Jumlah (Rp)"), self.amount)
        form.addRow(_("Alasan"), self.reason)
        layout.addLayout(form)
        self.error = dialogs.form_footer(layout, _("Simpan"), self.submit)

    def submit(self) -> None:
        try:
            amount = parse_rupiah(self.amount.text())
            move = shift.cash_move(self.user, -amount if self.out.isChecked() else amount, self.reason.text())
        except PosError as exc:
            self.error.setText(exc.text)
            return
        self.moved = (int(move.amount), str(move.reason))
        self.accept()


class CloseShiftDialog(QDialog):
    """Count the drawer by denomination (blind: the expected amount shows after closing), then the slip."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.report: shift.ShiftReport | None = None
        self.setWindowTitle(_("Tutup shift"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.heading = role(QLabel(_("Hitung uang di laci")), "title")
        layout.addWidget(self.heading)
        self.notes = QWidget()  # hidden once closed: the slip lists what was counted
        grid = QGridLayout(self.notes)
        grid.setContentsMargins(0, 0, 0, 0)
        self.counts: dict[int, QSpinBox] = {}
        for index, note in enumerate(shift.DENOMINATIONS):
            box = SpinBox()
            box.setRange(0, 100_000)
            box.valueChanged.connect(self._update)
            grid.addWidget(QLabel(format_rupiah(note)), index % 5, (index // 5) * 2)
            grid.addWidget(box, index % 5, (index // 5) * 2 + 1)
            self.counts[note] = box
        layout.addWidget(self.notes)
        self.total = role(QLabel(""), "title")
        self.total.setWordWrap(True)
        layout.addWidget(self.total)
        self.error = role(QLabel(""), "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.slip = QLabel()
        self.slip.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.slip)
        self.scroll.setMinimumHeight(240)  # the slip scrolls; 'Cetak slip' and 'Selesai' stay on screen
        self.scroll.hide()
        layout.addWidget(self.scroll, 1)
        row = QHBoxLayout()
        self.print_button = QPushButton(_("Cetak slip"))
        self.print_button.clicked.connect(self.print_slip)
        self.print_button.hide()
        self.close_button = role(QPushButton(_("Tutup shift")), "primary")
        self.close_button.clicked.connect(self.submit)
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self._update()

    def counted(self) -> dict[int, int]:
        return {note: box.value() for note, box in self.counts.items() if box.value()}

    def _update(self) -> None:
        total = sum(note * n for note, n in self.counted().items())
        self.total.setText(_("Dihitung: {total}").format(total=format_rupiah(total)))

    def submit(self) -> None:
        if self.report is not None:
            self.accept()
            return
        try:
            self.report = shift.close_shift(self.user, self.counted())
        except PosError as exc:
            self.error.setText(exc.text)
            return
        r = self.report
        self.total.setText(
            _("Seharusnya {expected} · dihitung {counted}\nselisih {variance}").format(
                expected=format_rupiah(r.expected_cash),
                counted=format_rupiah(r.counted_cash or 0),
                variance=format_rupiah(r.variance or 0),
            )
        )
        for box in self.counts.values():
            box.setEnabled(False)
        self.notes.hide()
        self.heading.setText(_("Shift #{n} ditutup").format(n=r.number))
        image = paper.render(self.rows(), 58, dpi=120)
        self.slip.setPixmap(QPixmap.fromImage(image))
        self.scroll.setMinimumWidth(image.width() + self.scroll.verticalScrollBar().sizeHint().width() + 4)
        self.scroll.show()
        self.print_button.show()
        self.close_button.setText(_("Selesai"))

    def rows(self):  # type: ignore[no-untyped-def]
        assert self.report is not None
        return shift_slip.rows(self.report, str(settings.get("shop_name") or "Kasir"))

    def print_slip(self) -> None:
        printing = getattr(self.window().parent(), "printing", None) if self.window().parent() else None
        window = self.parent().window() if self.parent() else None
        printing = printing or getattr(window, "printing", None)
        if printing is None or not printing.configured():
            self.error.setText(
                _("Printer belum diatur. Atur di Pengaturan → Printer, atau simpan sebagai PDF.")
            )
            return
        printing.print_rows(f"shift-{self.report.number if self.report else ''}", self.rows())
        self.error.setText(_("Slip dikirim ke printer."))


def moved_text(amount: int, reason: str, user: User) -> str:
    """What the counter says once a pay-in or pay-out is saved: its amount and why, and the cash the drawer
    should now hold to whom may see it (the 'reports' permission). A cashier's closing is counted blind: the
    drawer's figure, said after every Kas +/−, would let the count be made to fit."""
    text = (
        _("✓ Kas masuk {amount} tersimpan ({reason})")
        if amount > 0
        else _("✓ Kas keluar {amount} tersimpan ({reason})")
    ).format(amount=format_rupiah(abs(amount)), reason=reason)
    current = shift.current()
    if current is not None and staff.can(user, "reports"):
        text += " · " + _("uang di laci seharusnya {held}").format(
            held=format_rupiah(shift.report(current).expected_cash)
        )
    return text
