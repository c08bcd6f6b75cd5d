"""The report page's tabs: charts, products, days, channels/payments/cashiers, customers and loyalty,
deliveries, closings. Each tab shows a `Report` given to its `show_report`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.books.report import Report
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter import delivery_report
from pos.customers import segments
from ui.reports import charts as report_charts
from ui.widgets.table import Column, RowsModel, setup_view


def sortable(columns: list[Column], parent: QWidget) -> tuple[QTableView, RowsModel]:
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


def product_table(parent: QWidget) -> tuple[QTableView, RowsModel]:
    return sortable(
        [
            Column(_("Barang"), lambda r: r.name),
            Column(_("Kategori"), lambda r: r.category),
            Column(_("Jumlah"), lambda r: r.qty, "number"),
            Column(_("Penjualan"), lambda r: r.net, "rupiah"),
            Column(_("HPP"), lambda r: r.known_cost, "rupiah"),  # "–" for a product with no HPP
            Column(_("Laba"), lambda r: r.known_margin, "rupiah"),
        ],
        parent,
    )


def day_table(parent: QWidget) -> tuple[QTableView, RowsModel]:
    return sortable(
        [
            Column(_("Tanggal"), lambda r: r.date, "date"),
            Column(_("Nota"), lambda r: r.count, "number"),
            Column(_("Penjualan bersih"), lambda r: r.net, "rupiah"),
            Column(_("Dibayar"), lambda r: r.total, "rupiah"),
        ],
        parent,
    )


class ChartsTab(QWidget):
    """Daily sales by channel, busy hours, payment mix and best sellers, two by two."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 6, 0, 0)
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1)

    def show_report(self, report: Report) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.grid.addWidget(report_charts.daily_by_channel(report), 0, 0)
        self.grid.addWidget(report_charts.by_hour(report), 0, 1)
        self.grid.addWidget(report_charts.payment_mix(report), 1, 0)
        self.grid.addWidget(report_charts.top_products(report), 1, 1)


class MoneyTab(QWidget):
    """Per channel across the top (its six columns need the width), per payment method and per cashier
    side by side under it: at 1366×768 every column shows without scrolling sideways."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        stack = QVBoxLayout(self)
        stack.setContentsMargins(0, 4, 0, 0)
        self.channels, self.channel_model = sortable(
            [
                Column(_("Saluran"), lambda r: r.name),
                Column(_("Nota"), lambda r: r.count, "number"),
                Column(_("Penjualan bersih"), lambda r: r.net, "rupiah"),
                Column(_("Dibayar"), lambda r: r.total, "rupiah"),
                Column(_("Komisi"), lambda r: r.commission, "rupiah"),
                Column(_("Pendapatan bersih"), lambda r: r.net_revenue, "rupiah"),
            ],
            parent,
        )
        self.payments, self.payment_model = sortable(
            [
                Column(_("Cara bayar"), lambda r: r.name),
                Column(_("Transaksi"), lambda r: r.count, "number"),
                Column(_("Jumlah"), lambda r: r.amount, "rupiah"),
            ],
            parent,
        )
        self.cashiers, self.cashier_model = sortable(
            [
                Column(_("Kasir"), lambda r: r.name),
                Column(_("Nota"), lambda r: r.count, "number"),
                Column(_("Dibayar"), lambda r: r.total, "rupiah"),
                Column(_("Retur"), lambda r: r.refunds_count, "number"),
                Column(_("Nilai retur"), lambda r: r.refunds, "rupiah"),
            ],
            parent,
        )
        stack.addWidget(self.channels, 1)
        row = QHBoxLayout()
        row.addWidget(self.payments, 1)
        row.addWidget(self.cashiers, 1)
        stack.addLayout(row, 1)

    def show_report(self, report: Report) -> None:
        self.channel_model.set_rows(report.by_channel)
        self.payment_model.set_rows(report.by_payment)
        self.cashier_model.set_rows(report.by_cashier)


def people_lines(report: Report, seg: dict[str, int]) -> list[str]:
    """Customers, loyalty, kasbon and stock in words (rich text lines), `seg` the segment counts."""
    c, lo, stock = report.customers, report.loyalty, report.stock
    lines = [
        _("<b>Pelanggan</b>"),
        _("Pelanggan terdaftar yang belanja: {n} (baru {new}, kembali lagi {back})").format(
            n=c.members, new=c.new, back=c.returning
        ),
        _("Tingkat kembali: {p} % pelanggan, {s} % nota").format(
            p=f"{c.repeat_rate * 100:.0f}", s=f"{c.repeat_sales_rate * 100:.0f}"
        ),
        _("Nota pelanggan terdaftar {m} · umum {a}").format(m=c.member_sales, a=c.anonymous_sales),
        " · ".join(f"{segments.name(code)} {seg.get(code, 0)}" for code in segments.NAMES)
        + " · "
        + _("top {n}").format(n=seg.get("top", 0)),
        "",
        _("<b>Loyalitas</b>"),
        _("Poin diberikan {i}, ditukar {r}, kedaluwarsa {e}").format(
            i=lo.points_issued, r=lo.points_redeemed, e=lo.points_expired
        ),
        _("Poin beredar {n} (kewajiban {value})").format(
            n=lo.points_outstanding, value=format_rupiah(lo.liability)
        ),
        _("Voucher diterbitkan {i}, dipakai {r} · hadiah kartu stempel {s}").format(
            i=lo.vouchers_issued, r=lo.vouchers_redeemed, s=lo.stamp_rewards
        ),
        "",
        _("Kasbon belum dibayar: {value}").format(value=format_rupiah(stock.kasbon_outstanding)),
        _("Barang di bawah batas stok: {n}").format(n=stock.low_stock_count),
        _("Batch kedaluwarsa dalam 7 hari: {n}").format(n=stock.expiring_count),
        _("Barang rusak/kedaluwarsa dibuang: {value}").format(value=format_rupiah(stock.waste_cost)),
    ]
    if report.voids:
        lines.append(_("Pesanan dibatalkan di kasir (void): {n}").format(n=len(report.voids)))
    return lines


class PeopleTab(QWidget):
    """Customers and loyalty in words beside the top customers (double-click: the customer's profile)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        self.text = QLabel("")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setWordWrap(True)
        row.addWidget(self.text, 1)
        self.top, self.top_model = sortable(
            [
                Column(_("Pelanggan top"), lambda r: r.name),
                Column(_("Nota"), lambda r: r.count, "number"),
                Column(_("Belanja"), lambda r: r.total, "rupiah"),
            ],
            parent,
        )
        row.addWidget(self.top, 1)

    def show_report(self, report: Report, seg: dict[str, int]) -> None:
        self.top_model.set_rows(report.customers.top)
        self.text.setText("<br>".join(people_lines(report, seg)))


class DeliveryTab(QScrollArea):
    """The period's delivery and online orders in words."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel("")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setWordWrap(True)
        self.setWidgetResizable(True)
        self.setWidget(self.text)

    def show_report(self, report: Report) -> None:
        trips = report.delivery
        if trips.orders or trips.cod_outstanding:
            shown = [_("<b>Antaran</b>")] + [f"{k}: {v}" for k, v in delivery_report.report_lines(trips)]
        else:
            shown = [_("Tidak ada pesanan antar atau online di periode ini.")]
        self.text.setText("<br>".join(shown))


class BooksTab(QWidget):
    """The closings, newest first per kind, under the buttons that close today and last month."""

    def __init__(
        self, parent: QWidget, close_day: Callable[[], None], close_month: Callable[[], None]
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for text, slot in ((_("Tutup buku hari ini"), close_day), (_("Tutup buku bulan lalu"), close_month)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.closings, self.closing_model = sortable(
            [
                Column(_("Jenis"), lambda c: _("harian") if c.kind == "daily" else _("bulanan")),
                Column(_("No."), lambda c: c.number, "number"),
                Column(_("Dari"), lambda c: c.period_start, "date"),
                Column(_("Sampai"), lambda c: c.period_end, "date"),
                Column(_("Nota"), lambda c: c.totals["sales_count"], "number"),  # the stored figures
                Column(_("Dibayar"), lambda c: c.totals["total"], "rupiah"),
                Column(_("Total berjalan"), lambda c: c.grand_total, "rupiah"),
                Column(_("Dibuat"), lambda c: c.created_at, "datetime"),
            ],
            parent,
        )
        layout.addWidget(self.closings, 1)
