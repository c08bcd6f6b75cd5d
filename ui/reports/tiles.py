"""The report's headline tiles: each figure (never cut: its font shrinks to fit), what it is, and its
change against the period before."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from pos.books import report as reports
from pos.books.report import Change, Report, Totals
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from ui.theme import role


@dataclass(frozen=True)
class TileSpec:
    key: str
    figure: Callable[[Totals], int]
    title: str
    meaning: str  # what the figure is: the tile's tooltip
    count: bool = False  # a count of receipts, not rupiah


TILES = [
    TileSpec(
        "net",
        lambda t: t.net,
        N_("Penjualan bersih"),
        N_("Barang setelah diskon, voucher, poin ditukar dan retur; tanpa ongkir, layanan, pajak tambahan."),
    ),
    TileSpec(
        "total",
        lambda t: t.total,
        N_("Dibayar pelanggan"),
        N_("Semua yang dibayar: barang, biaya layanan, pajak, ongkir dan pembulatan, dikurangi retur."),
    ),
    TileSpec(
        "net_revenue",
        lambda t: t.net_revenue,
        N_("Pendapatan bersih"),
        N_(
            "Dibayar pelanggan dikurangi komisi aplikasi (GoFood, GrabFood, ShopeeFood) dan ongkir "
            "(diteruskan ke kurir): yang diterima toko."
        ),
    ),
    TileSpec(
        "margin",
        lambda t: t.margin,
        N_("Laba kotor"),
        N_("Pendapatan bersih dikurangi pajak dan harga pokok barang (HPP)."),
    ),
    TileSpec(
        "sales_count",
        lambda t: t.sales_count,
        N_("Jumlah nota"),
        N_("Nota penjualan; retur tidak dihitung."),
        count=True,
    ),
    TileSpec(
        "average_basket",
        lambda t: t.average_basket,
        N_("Rata-rata belanja"),
        N_("Dibayar pelanggan per nota penjualan, sebelum retur."),
    ),
]


class FitLabel(QLabel):
    """A figure that is never cut: its font shrinks, from `largest` down to `smallest` pixels, to the
    width it is given, and its minimum width is the whole figure at the smallest size (so a layout never
    gives it less). Only a window forced below its minimum elides it, with the whole figure as tooltip."""

    def __init__(self, largest: int = 20, smallest: int = 13) -> None:
        super().__init__("–")
        self.largest, self.smallest = largest, smallest
        self.full = "–"
        self._size = 0
        self._apply(largest)

    def _font(self, size: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(size)
        font.setBold(True)
        return font

    def _apply(self, size: int) -> None:
        if size != self._size:
            self._size = size
            self.setStyleSheet(f"font-size: {size}px; font-weight: 700;")  # the theme sets fonts by sheet

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self.full = text
        super().setText(text)
        self.updateGeometry()
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = QFontMetrics(self._font(self.largest))
        margins = self.contentsMargins()
        return QSize(
            metrics.horizontalAdvance(self.full) + margins.left() + margins.right() + 2, metrics.height()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        small, large = QFontMetrics(self._font(self.smallest)), QFontMetrics(self._font(self.largest))
        margins = self.contentsMargins()
        return QSize(
            small.horizontalAdvance(self.full) + margins.left() + margins.right() + 2, large.height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width()
        size = self.largest
        while size > self.smallest and QFontMetrics(self._font(size)).horizontalAdvance(self.full) > room:
            size -= 1
        self._apply(size)
        metrics = QFontMetrics(self._font(size))
        shown = self.full
        if metrics.horizontalAdvance(shown) > room:
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, room)
        QLabel.setText(self, shown)
        self.setToolTip(self.full if shown != self.full else "")


class Tile(QFrame):
    """One headline figure: what it is (its tooltip says exactly), the figure, the change against the
    period before."""

    def __init__(self, title: str, meaning: str = "") -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setStyleSheet("#tile { background: white; border: 1px solid #d8e2dc; border-radius: 8px; }")
        self.meaning = meaning
        self.setToolTip(meaning)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.title = role(QLabel(title), "muted")
        layout.addWidget(self.title)
        self.value = FitLabel()
        layout.addWidget(self.value)
        self.change = QLabel("")
        layout.addWidget(self.change)
        self.note = QLabel("")  # a warning about the figure (the margin with products of no HPP)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #8a4b00; font-size: 11px;")
        self.note.hide()
        layout.addWidget(self.note)

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.setToolTip(self.meaning + ("\n" + text if text else ""))

    def show_value(self, text: str, change: Change, before: str = "") -> None:
        self.value.setText(text)
        percent = change.percent
        if percent is None:
            self.change.setText(_("sebelumnya kosong"))
            self.change.setStyleSheet("color: #6b7a72;")
            self.change.setToolTip("")
            return
        up = change.change >= 0
        self.change.setText(("▲ " if up else "▼ ") + f"{abs(percent):.1f}".replace(".", ",") + " %")
        self.change.setToolTip(_("Periode sebelumnya: {value}").format(value=before))
        self.change.setStyleSheet("color: %s;" % ("#1b6b3a" if up else "#b3261e"))


class TileRow(QHBoxLayout):
    """The six tiles side by side; `tiles` by their key (net, total, …)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSpacing(6)
        self.tiles: dict[str, Tile] = {}
        for spec in TILES:
            tile = Tile(_(spec.title), _(spec.meaning))
            self.tiles[spec.key] = tile
            self.addWidget(tile, 1)

    def show_report(self, report: Report) -> None:
        for spec in TILES:
            shown: Callable[[int], str] = str if spec.count else format_rupiah
            change = report.compare(spec.figure)
            self.tiles[spec.key].show_value(shown(spec.figure(report.totals)), change, shown(change.previous))
        # products of no HPP count whole in the margin: the figure is too high by their unknown cost
        self.tiles["margin"].show_note(reports.uncosted_note(report))
