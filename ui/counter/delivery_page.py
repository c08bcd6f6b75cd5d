"""Antaran: the delivery board. Four columns (Baru, Disiapkan, Diantar, Selesai hari ini), oldest first, each
order with its waiting time (refreshed every 30 s), courier, address, total, COD mark and a WA button to the
customer. Enter moves the selected order on (diantar asks the courier, selesai on COD the cash brought back),
Del cancels (a reason; a paid order is refunded), F5 refreshes; the same as touch-size buttons."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos.core import clock
from pos.core.changes import Changes
from pos.core.errors import PosError, PrinterError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.counter import delivery, delivery_messages
from pos.counter.delivery import BoardOrder
from receipts import escpos_out
from receipts.printer import send
from ui.counter.delivery_dialogs import CancelDialog, CashDialog, CourierDialog
from ui.events import hub
from ui.printing import PrintSettings
from ui.theme import plain_label, role, touch
from ui.widgets import dialogs, worker

open_url = QDesktopServices.openUrl  # tests replace it

COLUMNS = (
    ("baru", N_("Baru")),
    ("disiapkan", N_("Disiapkan")),
    ("diantar", N_("Diantar")),
    ("selesai", N_("Selesai hari ini")),
)
NEXT_ACTION = {"baru": N_("Siapkan"), "disiapkan": N_("Antar"), "diantar": N_("Selesai")}
REFRESH_MS = 30_000


def waiting_text(minutes: int) -> str:
    """12 mnt, 1 j 35 mnt, 2 hari: how long an order has waited."""
    if minutes < 60:
        return _("{n} mnt").format(n=minutes)
    if minutes < 24 * 60:
        return _("{h} j {m} mnt").format(h=minutes // 60, m=minutes % 60)
    return _("{d} hari").format(d=minutes // (24 * 60))


class OrderCard(QFrame):
    """One order on the board: number and customer, minutes waiting, address, courier, total, COD, WA.
    A click chooses it, a double click moves it on."""

    def __init__(self, order: BoardOrder, page: DeliveryPage, now: datetime) -> None:
        super().__init__()
        self.order, self.page = order, page
        self.setObjectName("deliveryCard")
        self.setProperty("chosen", False)
        self.setStyleSheet(CARD_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        top = QHBoxLayout()
        self.name = plain_label(order.label + (f" · {order.customer}" if order.customer else ""))
        self.name.setStyleSheet("font-weight: 600;")
        self.name.setWordWrap(True)
        top.addWidget(self.name, 1)
        self.minutes = role(QLabel(""), "muted")
        top.addWidget(self.minutes, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        channel = order.channel
        if order.order_ref:  # the number the platform's driver quotes at the counter
            channel += " · " + _("No. pesanan {ref}").format(ref=order.order_ref)
        details = [channel, order.items]
        if order.address:
            details.append(order.address)
        if order.courier:
            details.append(_("Kurir: {name}").format(name=order.courier))
        self.details = plain_label("\n".join(details))
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        bottom = QHBoxLayout()
        money = format_rupiah(order.total)
        if order.cod and not order.paid:
            money += "  " + _("COD")
        elif order.cod and order.received is not None and order.received != order.total:
            money += "  " + _("(diterima {amount})").format(amount=format_rupiah(order.received))
        self.total = plain_label(money)
        self.total.setWordWrap(True)
        self.total.setStyleSheet(
            "font-weight: 600;" + (" color: #b3261e;" if order.cod and not order.paid else "")
        )
        bottom.addWidget(self.total, 1)
        self.wa = QPushButton(_("WA"))
        self.wa.setToolTip(_("Kirim WhatsApp ke pelanggan"))
        self.wa.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.wa.clicked.connect(lambda: page.whatsapp(order))
        bottom.addWidget(self.wa)
        layout.addLayout(bottom)
        self.show_minutes(now)

    def show_minutes(self, now: datetime) -> None:
        waited = waiting_text(self.order.minutes_waiting(now))
        if self.order.state == "selesai" and self.order.done_at:
            waited = f"{self.order.done_at:%H:%M} · {waited}"
        self.minutes.setText(waited)

    def set_chosen(self, chosen: bool) -> None:
        self.setProperty("chosen", chosen)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.page.select(self.order.id)
        self.page.setFocus()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.page.select(self.order.id)
        self.page.advance()


CARD_STYLE = """
QFrame#deliveryCard { background: white; border: 1px solid #d6dcd8; border-radius: 8px; }
QFrame#deliveryCard[chosen="true"] { background: #e3efe8; border: 2px solid #1f7a4d; }
"""


class DeliveryPage(QWidget):
    key = "delivery"
    permission = "sell"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        touch(self)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.window_ = window
        self.title = _("Antaran")
        self.orders: dict[int, BoardOrder] = {}
        self.cards: dict[int, OrderCard] = {}
        self.shown: dict[str, list[int]] = {state: [] for state, _t in COLUMNS}
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        head = QHBoxLayout()
        head.addWidget(role(QLabel(self.title), "title"))
        head.addStretch(1)
        self.summary = role(plain_label(""), "muted")
        head.addWidget(self.summary)
        layout.addLayout(head)
        buttons = QHBoxLayout()
        self.next_button = role(QPushButton(_("Maju (Enter)")), "primary")
        self.next_button.clicked.connect(self.advance)
        self.cancel_button = role(QPushButton(_("Batalkan (Del)")), "danger")
        self.cancel_button.clicked.connect(self.cancel)
        self.wa_button = QPushButton(_("WhatsApp pelanggan"))
        self.wa_button.clicked.connect(lambda: self.whatsapp(self.selected()))
        self.refresh_button = QPushButton(_("Muat ulang (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        longest = max(
            (
                _("{action} (Enter)").format(action=_(t))
                for t in (*NEXT_ACTION.values(), N_("Terima uang COD"))
            ),
            key=len,
        )
        self.next_button.setMinimumWidth(self.next_button.fontMetrics().horizontalAdvance(longest) + 48)
        for button in (self.next_button, self.cancel_button, self.wa_button, self.refresh_button):
            button.setMinimumHeight(44)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = role(plain_label(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        board = QHBoxLayout()
        self.scrolls: dict[str, QScrollArea] = {}
        self.boxes: dict[str, QVBoxLayout] = {}
        self.headers: dict[str, QLabel] = {}
        for state, title in COLUMNS:
            column = QVBoxLayout()
            header = QLabel(_(title))
            header.setStyleSheet("font-weight: 600; font-size: 15px;")
            column.addWidget(header)
            self.headers[state] = header
            scroll = QScrollArea()
            scroll.setObjectName(f"board_{state}")
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setMinimumWidth(200)
            scroll.setStyleSheet("QScrollArea { background: #eef1ef; border: none; border-radius: 8px; }")
            inner = QWidget()
            inner.setObjectName("boardColumn")
            inner.setStyleSheet("QWidget#boardColumn { background: #eef1ef; }")
            box = QVBoxLayout(inner)
            box.setContentsMargins(6, 6, 6, 6)
            box.setSpacing(6)
            box.addStretch(1)
            scroll.setWidget(inner)
            column.addWidget(scroll, 1)
            self.scrolls[state], self.boxes[state] = scroll, box
            board.addLayout(column, 1)
        layout.addLayout(board, 1)
        self.clock = QTimer(self)
        self.clock.setInterval(REFRESH_MS)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        self._jobs: list[worker.Worker] = []
        hub.changed.connect(self._changed)

    # --- the section protocol ---
    @property
    def user(self):  # type: ignore[no-untyped-def]
        return self.window_.user  # type: ignore[attr-defined]

    def refresh(self) -> None:
        chosen = self.chosen
        now = clock.now()
        orders = delivery.board(now)
        self.orders = {o.id: o for o in orders}
        for card in self.cards.values():
            card.hide()
            card.deleteLater()
        self.cards = {}
        for state, title in COLUMNS:
            box = self.boxes[state]
            ids = [o.id for o in orders if o.state == state]
            for at, order_id in enumerate(ids):
                card = OrderCard(self.orders[order_id], self, now)
                box.insertWidget(at, card)
                card.show()  # now, not after the next event: the column's height counts it at once
                self.cards[order_id] = card
            self.shown[state] = ids
            self.headers[state].setText(f"{_(title)} ({len(ids)})")
        out = [o for o in orders if o.state in delivery.OPEN_STATES]
        cod = sum(o.total for o in out if o.cod and not o.paid)
        text = _("{n} pesanan di jalan").format(n=len(out))
        if cod:
            text += " · " + _("COD belum diterima {amount}").format(amount=format_rupiah(cod))
        self.summary.setText(text)
        self.chosen = None
        if chosen is not None and chosen in self.orders:
            self.select(chosen)
        elif out:
            self.select(out[0].id)
        self._buttons()
        self.setFocus()

    def _tick(self) -> None:
        """Every 30 s while shown: the board again (orders other tills added, the minutes moved on)."""
        if self.isVisible():
            self.refresh()

    def _changed(self, done: Changes) -> None:
        if done.any("sale", "delivery") and self.isVisible():
            self.refresh()

    # --- choosing ---
    def selected(self) -> BoardOrder | None:
        return self.orders.get(self.chosen) if self.chosen is not None else None

    def select(self, order_id: int) -> None:
        if order_id not in self.cards:
            return
        if self.chosen in self.cards:
            self.cards[self.chosen].set_chosen(False)
        self.chosen = order_id
        card = self.cards[order_id]
        card.set_chosen(True)
        self.scrolls[self.orders[order_id].state].ensureWidgetVisible(card)
        self._buttons()

    def _buttons(self) -> None:
        order = self.selected()
        step = delivery.NEXT.get(order.state) if order else None
        self.next_button.setEnabled(step is not None)
        if order is not None and step is not None:
            cod = order.cod and not order.paid and step == "selesai"
            action = _("Terima uang COD") if cod else _(NEXT_ACTION[order.state])
            self.next_button.setText(_("{action} (Enter)").format(action=action))
        else:
            self.next_button.setText(_("Maju (Enter)"))
        self.cancel_button.setEnabled(order is not None and order.state in delivery.OPEN_STATES)
        self.wa_button.setEnabled(order is not None)

    # --- keys ---
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.advance()
        elif key == Qt.Key.Key_Delete:
            self.cancel()
        elif key == Qt.Key.Key_F5:
            self.refresh()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._neighbour(-1 if key == Qt.Key.Key_Left else 1)
        else:
            super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        """Up/Down: the order above or below in the same column."""
        order = self.selected()
        if order is None:
            self._neighbour(1)
            return
        ids = self.shown[order.state]
        at = ids.index(order.id) + step
        if 0 <= at < len(ids):
            self.select(ids[at])

    def _neighbour(self, step: int) -> None:
        """Left/Right: the first order of the next column that has one."""
        order = self.selected()
        states = [s for s, _t in COLUMNS]
        at = states.index(order.state) + step if order is not None else 0
        while 0 <= at < len(states):
            if self.shown[states[at]]:
                self.select(self.shown[states[at]][0])
                return
            at += step

    # --- actions ---
    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "error" if error else "muted")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def advance(self) -> None:
        order = self.selected()
        if order is None or order.state not in delivery.NEXT:
            self.say(_("Pilih pesanan yang masih berjalan dulu."), error=True)
            return
        step = delivery.NEXT[order.state]
        if step == "diantar":
            done = dialogs.run(CourierDialog(self, order, self.user))
        elif step == "selesai" and order.cod and not order.paid:
            done = dialogs.run(CashDialog(self, order, self.user))
        else:
            done = dialogs.run_service(self, lambda: delivery.advance(order.id, self.user)) is not None
        if not done:
            return
        self.say(_("{label}: {state}.").format(label=order.label, state=delivery.state_name(step).lower()))
        if step == "disiapkan" and delivery.kitchen_ticket_due():
            self.print_kitchen(order.id)
        self.refresh()
        self.select(order.id)

    def cancel(self) -> None:
        order = self.selected()
        if order is None or order.state not in delivery.OPEN_STATES:
            self.say(_("Pilih pesanan yang masih berjalan dulu."), error=True)
            return
        if not dialogs.run(CancelDialog(self, order, self.user)):
            return
        self.say(_("{label} dibatalkan.").format(label=order.label))
        self.refresh()

    def whatsapp(self, order: BoardOrder | None) -> None:
        if order is None:
            return
        if not open_url(QUrl(delivery_messages.wa_link(order))):
            self.say(_("Browser tidak bisa dibuka untuk WhatsApp."), error=True)

    # --- the kitchen ticket ---
    def print_kitchen(self, order_id: int) -> None:
        """The kitchen ticket of an order now being prepared, on the kitchen printer (off the UI thread)."""
        config = PrintSettings.load().kitchen
        if not config.is_escpos:
            self.say(PrinterError(why=_("printer dapur belum diatur di Pengaturan")).text, error=True)
            return
        try:
            data = escpos_out.kitchen_bytes(delivery_messages.kitchen_receipt(order_id), config.width)
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        job = worker.Worker(lambda: (send(config, data), order_id)[1])
        job.finished.connect(self._kitchen_printed)
        job.failed.connect(self._kitchen_failed)
        self._jobs = [j for j in self._jobs if j is not None] + [job]
        worker.start(self, job)

    def _kitchen_printed(self, order_id: object) -> None:
        self._jobs = [j for j in self._jobs if j is not self.sender()]
        order = self.orders.get(int(order_id))  # type: ignore[call-overload]
        label = order.label if order else str(order_id)
        self.say(_("Tiket dapur {label} tercetak.").format(label=label))

    def _kitchen_failed(self, exc: object) -> None:
        self._jobs = [j for j in self._jobs if j is not self.sender()]
        self.say(exc.text if isinstance(exc, PosError) else PrinterError(why=str(exc)).text, error=True)
