"""Laporan: the owner's week at a glance — KPI tiles against the period before, charts, sortable tables,
exports for the bookkeeper, and the daily/monthly closings. Computed off the UI thread with progress."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos.books import closing, export, report
from pos.core import clock, settings
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.counter import delivery
from pos.customers import segments
from ui.events import hub
from ui.reports import charts as report_charts
from ui.theme import role
from ui.widgets import dialogs, worker
from ui.widgets.boxes import ComboBox, DateEdit
from ui.widgets.table import Column, RowsModel, setup_view

PERIODS = [*report.CHOICES, ("custom", N_("Pilih tanggal"))]  # Hari ini, Kemarin, ... (pos/core/periods.py)
TILES = [  # (figure, title, what it is: the tile's tooltip)
    (
        "net",
        N_("Penjualan bersih"),
        N_("Barang setelah diskon, voucher, poin ditukar dan retur; tanpa ongkir, layanan, pajak tambahan."),
    ),
    (
        "total",
        N_("Dibayar pelanggan"),
        N_("Semua yang dibayar: barang, biaya layanan, pajak, ongkir dan pembulatan, dikurangi retur."),
    ),
    (
        "net_revenue",
        N_("Pendapatan bersih"),
        N_("Dibayar pelanggan dikurangi komisi aplikasi (GoFood, GrabFood, ShopeeFood): yang diterima toko."),
    ),
    ("margin", N_("Laba kotor"), N_("Pendapatan bersih dikurangi pajak dan harga pokok barang (HPP).")),
    ("sales_count", N_("Jumlah nota"), N_("Nota penjualan; retur tidak dihitung.")),
    ("average_basket", N_("Rata-rata belanja"), N_("Dibayar pelanggan per nota penjualan, sebelum retur.")),
]


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def compute(period: report.Period, progress: Any) -> dict[str, Any]:
    """The report plus the customer segment counts (one worker job)."""
    data = report.build(period, progress)
    data["segments"] = segments.counts()
    return data


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

    def show_value(self, text: str, change: dict[str, Any], before: str = "") -> None:
        self.value.setText(text)
        percent = change.get("percent")
        if percent is None:
            self.change.setText(_("sebelumnya kosong"))
            self.change.setStyleSheet("color: #6b7a72;")
            self.change.setToolTip("")
            return
        up = change["change"] >= 0
        self.change.setText(("▲ " if up else "▼ ") + f"{abs(percent):.1f}".replace(".", ",") + " %")
        self.change.setToolTip(_("Periode sebelumnya: {value}").format(value=before))
        self.change.setStyleSheet("color: %s;" % ("#1b6b3a" if up else "#b3261e"))


class Ledger(QWidget):
    """The report's summary as a ledger (pos.books.report.summary): lines, subtotals in bold under a rule,
    notes in grey; beside it the tax the period collected (pos.books.report.tax_lines)."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 8, 4, 4)
        self.left, self.right = QGridLayout(), QGridLayout()
        for grid, title, stretch in ((self.left, _("Ringkasan"), 3), (self.right, _("Pajak"), 2)):
            grid.setHorizontalSpacing(0)
            grid.setVerticalSpacing(0)
            grid.setColumnStretch(0, 1)
            card = QFrame()
            card.setObjectName("ledger")
            card.setStyleSheet(
                "#ledger { background: white; border: 1px solid #d8e2dc; border-radius: 8px; }"
            )
            box = QVBoxLayout(card)
            box.setContentsMargins(16, 10, 16, 12)
            heading = QLabel(title)
            heading.setStyleSheet("font-size: 17px; font-weight: 700; padding-bottom: 4px;")
            box.addWidget(heading)
            box.addLayout(grid)
            box.addStretch(1)
            row.addWidget(card, stretch)
        self.labels: list[tuple[QLabel, QLabel]] = []

    @staticmethod
    def _fill(grid: QGridLayout, lines: list[report.SummaryLine]) -> list[tuple[QLabel, QLabel]]:
        while grid.count():
            item = grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        out = []
        for index, line in enumerate(lines):
            name = QLabel(line.label)
            value = QLabel(format_rupiah(line.amount))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            look = "padding: 3px 0 3px 0;"
            if line.kind == "total":
                look += "font-weight: 700; border-top: 1px solid #9aa8a0;"
            elif line.kind == "note":
                look += "color: #6b7a72; font-style: italic;"
            name.setStyleSheet(look + ("padding-left: 18px;" if line.kind == "note" else ""))
            value.setStyleSheet(look + "padding-left: 24px;")
            grid.addWidget(name, index, 0)
            grid.addWidget(value, index, 1)
            out.append((name, value))
        return out

    def show_report(self, data: dict[str, Any]) -> None:
        self.labels = self._fill(self.left, report.summary(data))
        self.labels += self._fill(self.right, report.tax_lines(data))


class SalesOfProduct(QDialog):
    """Clicking a product lists its sales in the period."""

    def __init__(self, parent: QWidget | None, period: report.Period, product: dict[str, Any]) -> None:
        super().__init__(parent)
        self.setWindowTitle(product["name"])
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(f"{product['name']} · {period.label}"), "title"))
        model = RowsModel(
            [
                Column(_("Nota"), lambda r: r["number"]),
                Column(_("Waktu"), lambda r: r["at"], "datetime"),
                Column(_("Jumlah"), lambda r: r["qty"], "number"),
                Column(_("Total"), lambda r: r["total"], "rupiah"),
                Column(_("Pelanggan"), lambda r: r["customer"]),
            ],
            self,
        )
        model.set_rows(report.product_sales(period, product["product_id"]))
        table = QTableView()
        table.setModel(model)
        setup_view(table, stretch=4)
        layout.addWidget(table, 1)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)


def _table(columns: list[Column], parent: QWidget) -> tuple[QTableView, RowsModel]:
    """A sortable table; the model sorts itself (a year can list 50.000 products). It opens in the
    report's own order (best sellers first, days in order) until a column is clicked: Qt would sort by
    the first column, descending, the moment sorting is enabled."""
    model = RowsModel(columns, parent)
    view = QTableView()
    view.setModel(model)
    setup_view(view, stretch=0)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view, model


class ReportPage(QWidget):
    key = "reports"
    permission = "reports"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = _("Laporan")
        self.data: dict[str, Any] | None = None
        self.asked = 0  # the number of the last computation asked for
        self.computing = False
        opening = report.opening_choice()  # a shop's first day opens on Hari ini, else Minggu lalu
        self.period = report.named(opening)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        head = QHBoxLayout()
        head.addWidget(role(QLabel(self.title), "title"))
        head.addSpacing(16)
        self.choice = ComboBox()
        for code, label in PERIODS:
            self.choice.addItem(_(label), code)
        self.choice.setCurrentIndex(self.choice.findData(opening))
        self.choice.currentIndexChanged.connect(self._period_picked)
        head.addWidget(self.choice)
        self.start = DateEdit()
        self.end = DateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            edit.setEnabled(False)
        head.addWidget(self.start)
        head.addWidget(QLabel("–"))
        head.addWidget(self.end)
        show = role(QPushButton(_("Tampilkan")), "primary")
        show.clicked.connect(self.refresh)
        head.addWidget(show)
        head.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        head.addWidget(self.progress)
        for text, slot in (
            (_("PDF…"), self.save_pdf),
            (_("Excel…"), self.save_xlsx),
            (_("CSV…"), self.save_csv),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            head.addWidget(button)
        layout.addLayout(head)
        self.caption = role(QLabel(""), "muted")
        layout.addWidget(self.caption)

        tiles = QHBoxLayout()
        tiles.setSpacing(6)
        self.tiles = {}
        for key, label, meaning in TILES:
            tile = Tile(_(label), _(meaning))
            self.tiles[key] = tile
            tiles.addWidget(tile, 1)
        layout.addLayout(tiles)

        self.tabs = QTabWidget()
        self.charts = QWidget()
        self.chart_grid = QGridLayout(self.charts)
        self.chart_grid.setContentsMargins(0, 6, 0, 0)
        for column in (0, 1):
            self.chart_grid.setColumnStretch(column, 1)
        self.tabs.addTab(self.charts, _("Grafik"))
        self.ledger = Ledger()
        ledger_scroll = QScrollArea()
        ledger_scroll.setWidgetResizable(True)
        ledger_scroll.setFrameShape(QFrame.Shape.NoFrame)
        ledger_scroll.setWidget(self.ledger)
        self.tabs.addTab(ledger_scroll, _("Ringkasan"))
        self.products, self.product_model = _table(
            [
                Column(_("Barang"), lambda r: r["name"]),
                Column(_("Kategori"), lambda r: r["category"]),
                Column(_("Jumlah"), lambda r: Decimal(r["qty"]), "number"),
                Column(_("Penjualan"), lambda r: r["net"], "rupiah"),
                Column(_("HPP"), lambda r: r["cost"], "rupiah"),
                Column(_("Laba"), lambda r: r["margin"], "rupiah"),
            ],
            self,
        )
        self.products.doubleClicked.connect(self.open_product)
        self.tabs.addTab(self.products, _("Barang"))
        self.days, self.day_model = _table(
            [
                Column(_("Tanggal"), lambda r: date.fromisoformat(r["date"]), "date"),
                Column(_("Nota"), lambda r: r["count"], "number"),
                Column(_("Penjualan bersih"), lambda r: r["net"], "rupiah"),
                Column(_("Dibayar"), lambda r: r["total"], "rupiah"),
            ],
            self,
        )
        self.tabs.addTab(self.days, _("Per hari"))
        money = QWidget()
        money_layout = QHBoxLayout(money)
        self.channels, self.channel_model = _table(
            [
                Column(_("Saluran"), lambda r: r["name"]),
                Column(_("Nota"), lambda r: r["count"], "number"),
                Column(_("Penjualan bersih"), lambda r: r["net"], "rupiah"),
                Column(_("Dibayar"), lambda r: r["total"], "rupiah"),
                Column(_("Komisi"), lambda r: r["commission"], "rupiah"),
                Column(_("Pendapatan bersih"), lambda r: r["net_revenue"], "rupiah"),
            ],
            self,
        )
        self.payments, self.payment_model = _table(
            [
                Column(_("Cara bayar"), lambda r: r["name"]),
                Column(_("Transaksi"), lambda r: r["count"], "number"),
                Column(_("Jumlah"), lambda r: r["amount"], "rupiah"),
            ],
            self,
        )
        self.cashiers, self.cashier_model = _table(
            [
                Column(_("Kasir"), lambda r: r["name"]),
                Column(_("Nota"), lambda r: r["count"], "number"),
                Column(_("Dibayar"), lambda r: r["total"], "rupiah"),
                Column(_("Retur"), lambda r: r["refunds_count"], "number"),
                Column(_("Nilai retur"), lambda r: r["refunds"], "rupiah"),
            ],
            self,
        )
        for view in (self.channels, self.payments, self.cashiers):
            money_layout.addWidget(view)
        self.tabs.addTab(money, _("Saluran, pembayaran, kasir"))
        people = QWidget()
        people_layout = QHBoxLayout(people)
        self.customer_text = QLabel("")
        self.customer_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.customer_text.setWordWrap(True)
        people_layout.addWidget(self.customer_text, 1)
        self.top, self.top_model = _table(
            [
                Column(_("Pelanggan top"), lambda r: r["name"]),
                Column(_("Nota"), lambda r: r["count"], "number"),
                Column(_("Belanja"), lambda r: r["total"], "rupiah"),
            ],
            self,
        )
        self.top.doubleClicked.connect(self.open_customer)
        people_layout.addWidget(self.top, 1)
        self.tabs.addTab(people, _("Pelanggan dan loyalitas"))
        self.delivery_text = QLabel("")  # its own tab: under the customers' lines it was cut off
        self.delivery_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.delivery_text.setWordWrap(True)
        trips_scroll = QScrollArea()
        trips_scroll.setWidgetResizable(True)
        trips_scroll.setWidget(self.delivery_text)
        self.tabs.addTab(trips_scroll, _("Antaran"))
        books = QWidget()
        books_layout = QVBoxLayout(books)
        row = QHBoxLayout()
        close_day = QPushButton(_("Tutup buku hari ini"))
        close_day.clicked.connect(self.close_today)
        row.addWidget(close_day)
        close_month = QPushButton(_("Tutup buku bulan lalu"))
        close_month.clicked.connect(self.close_last_month)
        row.addWidget(close_month)
        row.addStretch(1)
        books_layout.addLayout(row)
        self.closings, self.closing_model = _table(
            [
                Column(_("Jenis"), lambda c: _("harian") if c.kind == "daily" else _("bulanan")),
                Column(_("No."), lambda c: c.number, "number"),
                Column(_("Dari"), lambda c: c.period_start, "date"),
                Column(_("Sampai"), lambda c: c.period_end, "date"),
                Column(_("Nota"), lambda c: c.totals["sales_count"], "number"),
                Column(_("Dibayar"), lambda c: c.totals["total"], "rupiah"),
                Column(_("Total berjalan"), lambda c: c.grand_total, "rupiah"),
                Column(_("Dibuat"), lambda c: c.created_at, "datetime"),
            ],
            self,
        )
        books_layout.addWidget(self.closings, 1)
        self.tabs.addTab(books, _("Tutup buku"))
        layout.addWidget(self.tabs, 1)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._choice_changed()
        hub.changed.connect(self._changed)

    def _changed(self, what: str) -> None:
        if what == "sale" and self.isVisible():
            self.refresh()

    def _choice_changed(self) -> None:
        code = self.choice.currentData()
        custom = code == "custom"
        for edit in (self.start, self.end):
            edit.setEnabled(custom)
        if not custom:
            period = report.named(code)
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))

    def _period_picked(self) -> None:
        """A period chosen: its figures at once (custom dates wait for Tampilkan)."""
        self._choice_changed()
        if self.choice.currentData() != "custom":
            self.refresh()

    def chosen_period(self) -> report.Period:
        return report.Period(self.start.date().toPython(), self.end.date().toPython())

    # --- computing ---
    def refresh(self) -> None:
        try:
            period = self.chosen_period()
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.period = period
        self.progress.setRange(0, 0)
        self.progress.show()
        self.caption.setText(_("Menghitung {period}…").format(period=period.label))
        self.asked += 1
        if self.computing:  # one computation at a time: the last period asked for follows this one
            return
        self.computing = True
        job = worker.Worker(lambda progress, n=self.asked: (n, compute(period, progress)), with_progress=True)
        job.progress.connect(self._progress)
        job.finished.connect(self._computed)  # a bound method: Qt calls it on the UI thread
        job.failed.connect(self._failed)
        worker.start(self, job)
        self.closing_model.set_rows(closing.listing())

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, exc: object) -> None:
        self.computing = False
        self.progress.hide()
        self.message.setText(exc.text if isinstance(exc, PosError) else str(exc))

    def _computed(self, result: object) -> None:
        assert isinstance(result, tuple)
        asked, data = result
        self.computing = False
        if asked != self.asked:  # another period was chosen meanwhile: compute that one, show only it
            self.refresh()
            return
        self.progress.hide()
        assert isinstance(data, dict)
        self.data = data
        self.show_report(data)

    def show_report(self, data: dict[str, Any]) -> None:
        previous = data["previous_period"]
        self.caption.setText(
            _("{period} · dibanding {start} – {end}").format(
                period=self.period.label,
                start=date.fromisoformat(previous["from"]).strftime("%d-%m-%Y"),
                end=date.fromisoformat(previous["to"]).strftime("%d-%m-%Y"),
            )
        )
        for key, tile in self.tiles.items():
            value, change = data[key], data["compare"][key]
            shown = str if key == "sales_count" else format_rupiah
            tile.show_value(shown(value), change, shown(change["previous"]))
        self.ledger.show_report(data)
        while self.chart_grid.count():
            item = self.chart_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.chart_grid.addWidget(report_charts.daily_by_channel(data), 0, 0)
        self.chart_grid.addWidget(report_charts.by_hour(data), 0, 1)
        self.chart_grid.addWidget(report_charts.payment_mix(data), 1, 0)
        self.chart_grid.addWidget(report_charts.top_products(data), 1, 1)
        self.product_model.set_rows(data["by_product"])
        self.day_model.set_rows(data["by_day"])
        self.channel_model.set_rows(data["by_channel"])
        self.payment_model.set_rows(data["by_payment"])
        self.cashier_model.set_rows(data["by_cashier"])
        self.top_model.set_rows(data["customers"]["top"])
        c, lo, seg = data["customers"], data["loyalty"], data["segments"]
        lines = [
            _("<b>Pelanggan</b>"),
            _("Pelanggan terdaftar yang belanja: {n} (baru {new}, kembali lagi {back})").format(
                n=c["members"], new=c["new"], back=c["returning"]
            ),
            _("Tingkat kembali: {p} % pelanggan, {s} % nota").format(
                p=f"{c['repeat_rate'] * 100:.0f}", s=f"{c['repeat_sales_rate'] * 100:.0f}"
            ),
            _("Nota pelanggan terdaftar {m} · umum {a}").format(m=c["member_sales"], a=c["anonymous_sales"]),
            " · ".join(f"{segments.name(code)} {seg.get(code, 0)}" for code in segments.NAMES)
            + " · "
            + _("top {n}").format(n=seg.get("top", 0)),
            "",
            _("<b>Loyalitas</b>"),
            _("Poin diberikan {i}, ditukar {r}, kedaluwarsa {e}").format(
                i=lo["points_issued"], r=lo["points_redeemed"], e=lo["points_expired"]
            ),
            _("Poin beredar {n} (kewajiban {value})").format(
                n=lo["points_outstanding"], value=format_rupiah(lo["liability"])
            ),
            _("Voucher diterbitkan {i}, dipakai {r} · hadiah kartu stempel {s}").format(
                i=lo["vouchers_issued"], r=lo["vouchers_redeemed"], s=lo["stamp_rewards"]
            ),
            "",
            _("Kasbon belum dibayar: {value}").format(value=format_rupiah(data["kasbon_outstanding"])),
            _("Barang di bawah batas stok: {n}").format(n=data["low_stock_count"]),
            _("Batch kedaluwarsa dalam 7 hari: {n}").format(n=data["expiring_count"]),
            _("Barang rusak/kedaluwarsa dibuang: {value}").format(value=format_rupiah(data["waste_cost"])),
        ]
        if data["voids"]:
            lines.append(_("Pesanan dibatalkan di kasir (void): {n}").format(n=len(data["voids"])))
        self.customer_text.setText("<br>".join(lines))
        trips = data.get("delivery")
        if trips and (trips["orders"] or trips["cod_outstanding"]):
            shown = [_("<b>Antaran</b>")] + [f"{k}: {v}" for k, v in delivery.report_lines(trips)]
        else:
            shown = [_("Tidak ada pesanan antar atau online di periode ini.")]
        self.delivery_text.setText("<br>".join(shown))

    # --- drilling down ---
    def open_product(self, index: Any) -> None:
        row = self.product_model.row(index.row())
        dialogs.run(SalesOfProduct(self, self.period, row))

    def open_customer(self, index: Any) -> None:
        from ui.customers.profile import ProfileDialog

        row = self.top_model.row(index.row())
        dialogs.run(ProfileDialog(self, row["customer_id"], self.window_.user))  # type: ignore[attr-defined]

    # --- exports ---
    def _target(self, title: str, name: str, kinds: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, title, name, kinds)
        return path

    def save_pdf(self) -> None:
        if self.data is None:
            return
        path = self._target(
            _("Simpan laporan PDF"), f"laporan_{self.period.start}_{self.period.end}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return
        from receipts.report_pdf import report_pdf

        try:
            report_pdf(self.data, str(settings.get("shop_name") or "Kasir"), path)
        except OSError as exc:
            dialogs.show_error(self, export.ExportError(path=path, why=exc.strerror or str(exc)).text)
            return
        self.message.setText(_("Laporan disimpan: {path}").format(path=path))

    def save_xlsx(self) -> None:
        path = self._target(
            _("Simpan untuk Excel"), f"kasir_{self.period.start}_{self.period.end}.xlsx", "Excel (*.xlsx)"
        )
        if path and dialogs.run_service(self, lambda: export.write_xlsx(self.period, path)) is not None:
            self.message.setText(_("Laporan disimpan: {path}").format(path=path))

    def save_csv(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Folder untuk file CSV"))
        if not folder:
            return
        files = dialogs.run_service(self, lambda: export.write_csv(self.period, folder))
        if files is not None:
            self.message.setText(_("{n} file CSV disimpan di {folder}").format(n=len(files), folder=folder))  # type: ignore[arg-type]

    # --- closings ---
    def close_today(self) -> None:
        today = clock.now().date()
        if not dialogs.ask_yes_no(
            self,
            _("Tutup buku {date}? Setelah itu tidak ada shift baru hari ini.").format(
                date=today.strftime("%d-%m-%Y")
            ),
        ):
            return
        done = dialogs.run_service(self, lambda: closing.close_day(today, self.window_.user))  # type: ignore[attr-defined]
        self._closed(done)

    def close_last_month(self) -> None:
        last = clock.now().date().replace(day=1) - timedelta(days=1)
        if not dialogs.ask_yes_no(self, _("Tutup buku bulan {month}?").format(month=last.strftime("%m-%Y"))):
            return
        done = dialogs.run_service(
            self,
            lambda: closing.close_month(last.year, last.month, self.window_.user),  # type: ignore[attr-defined]
        )
        self._closed(done)

    def _closed(self, done: object) -> None:
        if done is None:
            return
        self.closing_model.set_rows(closing.listing())
        self.message.setText(
            _("Tutup buku #{n} tersimpan: dibayar {total}, total berjalan {grand}.").format(
                n=done.number,  # type: ignore[attr-defined]
                total=format_rupiah(done.totals["total"]),  # type: ignore[attr-defined]
                grand=format_rupiah(done.grand_total),  # type: ignore[attr-defined]
            )
        )
        from ui.reports.closing_dialog import ClosingDialog

        dialogs.run(ClosingDialog(self, done))  # the check code, offered to the owner by WhatsApp
