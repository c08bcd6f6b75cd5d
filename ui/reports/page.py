"""Laporan: the owner's week at a glance — KPI tiles against the period before, charts, sortable tables,
exports for the bookkeeper, and the daily/monthly closings. Computed off the UI thread with progress."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
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
from pos.books.report import ProductRow, Report
from pos.core import clock, settings, staff
from pos.core.changes import Changes
from pos.core.errors import PosError
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.customers import segments
from receipts.report_pdf import report_pdf
from ui.customers.profile import ProfileDialog
from ui.events import hub
from ui.reports.closing_dialog import ClosingDialog
from ui.reports.ledger import Ledger
from ui.reports.tabs import BooksTab, ChartsTab, DeliveryTab, MoneyTab, PeopleTab, day_table, product_table
from ui.reports.tiles import TileRow
from ui.theme import role
from ui.widgets import dialogs, files, worker
from ui.widgets.boxes import ComboBox, DateEdit
from ui.widgets.table import Column, RowsModel, setup_view

PERIODS = [*report.CHOICES, ("custom", N_("Pilih tanggal"))]  # Hari ini, Kemarin, ... (pos/core/periods.py)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def compute(period: report.Period, progress: Any) -> tuple[Report, dict[str, int]]:
    """The report and the customer segment counts (one worker job)."""
    return report.build(period, progress), segments.counts()


class SalesOfProduct(QDialog):
    """Clicking a product lists its sales in the period."""

    def __init__(self, parent: QWidget | None, period: report.Period, product: ProductRow) -> None:
        super().__init__(parent)
        self.setWindowTitle(product.name)
        self.setMinimumSize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(role(QLabel(f"{product.name} · {period.label}"), "title"))
        model = RowsModel(
            [
                Column(_("Nota"), lambda r: r.number),
                Column(_("Waktu"), lambda r: r.at, "datetime"),
                Column(_("Jumlah"), lambda r: r.qty, "number"),
                Column(_("Total"), lambda r: r.total, "rupiah"),
                Column(_("Pelanggan"), lambda r: r.customer),
            ],
            self,
        )
        model.set_rows(report.product_sales(period, product.product_id))
        table = QTableView()
        table.setModel(model)
        setup_view(table, stretch=4)
        layout.addWidget(table, 1)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        layout.addWidget(close)


class ReportPage(QWidget):
    key = "reports"
    permission = "reports"

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.title = _("Laporan")
        self.data: Report | None = None
        self.segments: dict[str, int] = {}
        self.asked = 0  # the number of the last computation asked for
        self.computing = False
        opening = report.opening_choice()  # a shop's first day opens on Hari ini, else Minggu lalu
        self.period = report.named(opening)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addLayout(self._head(opening))
        self.caption = role(QLabel(""), "muted")
        layout.addWidget(self.caption)
        self.tile_row = TileRow()
        self.tiles = self.tile_row.tiles
        layout.addLayout(self.tile_row)
        self.tabs = QTabWidget()
        self._add_tabs()
        layout.addWidget(self.tabs, 1)
        self.message = role(QLabel(""), "muted")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._choice_changed()
        hub.changed.connect(self._changed)

    def _head(self, opening: str) -> QHBoxLayout:
        """Title, period choice and dates, Tampilkan, progress, and the exports."""
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
        return head

    def _add_tabs(self) -> None:
        self.charts = ChartsTab()
        self.chart_grid = self.charts.grid
        self.tabs.addTab(self.charts, _("Grafik"))
        self.ledger = Ledger()
        ledger_scroll = QScrollArea()
        ledger_scroll.setWidgetResizable(True)
        ledger_scroll.setFrameShape(QFrame.Shape.NoFrame)
        ledger_scroll.setWidget(self.ledger)
        self.tabs.addTab(ledger_scroll, _("Ringkasan"))
        self.products, self.product_model = product_table(self)
        self.products.doubleClicked.connect(self.open_product)
        products_tab = QWidget()
        products_box = QVBoxLayout(products_tab)
        products_box.setContentsMargins(0, 4, 0, 0)
        self.products_note = QLabel("")  # products with no HPP: their margin is unknown ("–")
        self.products_note.setWordWrap(True)
        self.products_note.setStyleSheet("color: #8a4b00;")
        self.products_note.hide()
        products_box.addWidget(self.products_note)
        products_box.addWidget(self.products, 1)
        self.tabs.addTab(products_tab, _("Barang"))
        self.days, self.day_model = day_table(self)
        self.tabs.addTab(self.days, _("Per hari"))
        self.money = MoneyTab(self)
        self.tabs.addTab(self.money, _("Saluran, pembayaran, kasir"))
        self.people = PeopleTab(self)
        self.customer_text, self.top_model = self.people.text, self.people.top_model
        self.people.top.doubleClicked.connect(self.open_customer)
        self.tabs.addTab(self.people, _("Pelanggan dan loyalitas"))
        self.trips = DeliveryTab()  # its own tab: nothing cut off under the customers' lines
        self.delivery_text = self.trips.text
        self.tabs.addTab(self.trips, _("Antaran"))
        self.books = BooksTab(self, self.close_today, self.close_last_month)
        self.closing_model = self.books.closing_model
        self.tabs.addTab(self.books, _("Tutup buku"))

    def _changed(self, done: Changes) -> None:
        if "sale" in done and self.isVisible():
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
        asked, (data, counts) = result
        self.computing = False
        if asked != self.asked:  # another period was chosen meanwhile: compute that one, show only it
            self.refresh()
            return
        self.progress.hide()
        assert isinstance(data, Report)
        self.segments = counts
        self.data = data
        self.show_report(data)

    def show_report(self, data: Report) -> None:
        previous = data.previous_period
        self.caption.setText(
            _("{period} · dibanding {start} – {end}").format(
                period=self.period.label,
                start=previous.start.strftime("%d-%m-%Y"),
                end=previous.end.strftime("%d-%m-%Y"),
            )
        )
        self.tile_row.show_report(data)
        self.ledger.show_report(data)
        self.charts.show_report(data)
        self.product_model.set_rows(data.by_product)
        note = report.uncosted_note(data)
        self.products_note.setText(
            _("{note}: HPP dan labanya ditulis “–”. Isi HPP-nya di Barang.").format(note=note) if note else ""
        )
        self.products_note.setVisible(bool(note))
        self.day_model.set_rows(data.by_day)
        self.money.show_report(data)
        self.people.show_report(data, self.segments)
        self.trips.show_report(data)

    # --- drilling down ---
    def open_product(self, index: Any) -> None:
        row = self.product_model.row(index.row())
        dialogs.run(SalesOfProduct(self, self.period, row))

    def open_customer(self, index: Any) -> None:
        row = self.top_model.row(index.row())
        dialogs.run(ProfileDialog(self, row.customer_id, self.window_.user))  # type: ignore[attr-defined]

    # --- exports ---
    def _target(self, title: str, name: str, kinds: str) -> str:
        return files.ask_save(self, title, name, kinds)

    def save_pdf(self) -> None:
        if self.data is None:
            return
        try:  # the report out of Kasir as a file is an export, as its XLSX and CSVs are
            staff.require(self.window_.user, "exports")  # type: ignore[attr-defined]
        except PosError as exc:
            dialogs.show_error(self, exc.text)
            return
        path = self._target(
            _("Simpan laporan PDF"), f"laporan_{self.period.start}_{self.period.end}.pdf", "PDF (*.pdf)"
        )
        if not path:
            return

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
        user = self.window_.user  # type: ignore[attr-defined]
        if path and dialogs.run_service(self, lambda: export.write_xlsx(self.period, path, user)) is not None:
            self.message.setText(_("Laporan disimpan: {path}").format(path=path))

    def save_csv(self) -> None:
        folder = files.ask_folder(self, _("Folder untuk file CSV"))
        if not folder:
            return
        user = self.window_.user  # type: ignore[attr-defined]
        written = dialogs.run_service(self, lambda: export.write_csv(self.period, folder, user))
        if written is not None:
            self.message.setText(_("{n} file CSV disimpan di {folder}").format(n=len(written), folder=folder))  # type: ignore[arg-type]

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

        dialogs.run(ClosingDialog(self, done))  # the check code, offered to the owner by WhatsApp
