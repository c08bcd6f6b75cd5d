"""The report's charts (QtCharts): daily sales stacked by channel, hour of day, payment mix, top products."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter

from pos.books.report import HourRow, Report, axis_ticks
from pos.core.i18n import _
from pos.core.money import format_rupiah, short_rupiah
from ui.widgets.dialogs import plain

PALETTE = ["#1b6b3a", "#4f9d69", "#9cc9a8", "#d9a441", "#7a5c99", "#c2573a", "#5b8db8", "#8a8a8a"]


def _view(chart: QChart) -> QChartView:
    chart.setBackgroundRoundness(6)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(0, 0, 18, 0))  # room for the last axis label ('1,5 M')
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(210)
    return view


def _money_axis(peak: int) -> QCategoryAxis:
    """A rupiah axis from 0 to a round figure above `peak`, labelled the one Indonesian way on every
    chart (0, 500 rb, 1 jt, 1,5 jt: pos.core.money.short_rupiah), values in whole rupiah."""
    ticks = axis_ticks(peak)
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setStartValue(0)
    for tick in ticks:
        axis.append(short_rupiah(tick), tick)
    axis.setRange(0, ticks[-1])
    return axis


def daily_by_channel(report: Report) -> QChartView:
    days = [d.date for d in report.by_day]
    series = QStackedBarSeries()
    channels = sorted(report.by_day_channel.items(), key=lambda kv: -sum(kv[1].values()))
    for index, (name, per_day) in enumerate(channels):
        bar = QBarSet(name)
        bar.setColor(QColor(PALETTE[index % len(PALETTE)]))
        bar.append([max(0, per_day.get(d, 0)) for d in days])
        series.append(bar)
    chart = QChart()
    chart.setTitle(_("Penjualan harian per saluran"))
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([d.strftime("%d/%m") if len(days) <= 31 else "" for d in days])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    peak = max((sum(max(0, v.get(d, 0)) for v in report.by_day_channel.values()) for d in days), default=0)
    values = _money_axis(peak)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return _view(chart)


def hours_shown(rows: tuple[HourRow, ...]) -> list[HourRow]:
    """The hours from 6 to 23, widened to every hour that sold (a bakso stall open past midnight): a night's
    sales were dropped from the chart."""
    sold = [h.hour for h in rows if h.total]
    first, last = min([6, *sold]), max([23, *sold])
    return [h for h in rows if first <= h.hour <= last]


def by_hour(report: Report) -> QChartView:
    hours = hours_shown(report.by_hour)
    bar = QBarSet(_("Dibayar"))
    bar.setColor(QColor(PALETTE[1]))
    bar.append([h.total for h in hours])
    series = QBarSeries()
    series.append(bar)
    chart = QChart()
    chart.setTitle(_("Jam ramai"))
    chart.addSeries(series)
    chart.legend().hide()
    axis = QBarCategoryAxis()
    axis.append([str(h.hour) for h in hours])
    axis.setTruncateLabels(False)  # 18 two-digit hours on half a laptop screen: never "…"
    font = axis.labelsFont()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    axis.setLabelsFont(font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    values = _money_axis(max((h.total for h in hours), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)
    return _view(chart)


def payment_mix(report: Report) -> QChartView:
    series = QPieSeries()
    total = sum(max(0, p.amount) for p in report.by_payment) or 1
    for index, p in enumerate(report.by_payment):
        if p.amount <= 0:
            continue
        part = series.append(f"{p.name} {p.amount * 100 / total:.0f}%", p.amount)
        part.setColor(QColor(PALETTE[index % len(PALETTE)]))
        part.setLabelVisible(p.amount * 100 / total >= 4)
    chart = QChart()
    chart.setTitle(_("Cara bayar"))
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return _view(chart)


def top_products(report: Report, count: int = 8) -> QChartView:
    top = list(reversed(report.by_product[:count]))
    bar = QBarSet(_("Penjualan"))
    bar.setColor(QColor(PALETTE[0]))
    bar.append([p.net for p in top])
    series = QHorizontalBarSeries()
    series.append(bar)
    chart = QChart()
    chart.setTitle(_("Barang terlaris"))
    chart.addSeries(series)
    chart.legend().hide()
    axis = QBarCategoryAxis()
    axis.append([(p.name[:21] + "…") if len(p.name) > 22 else p.name for p in top] or [""])
    axis.setTruncateLabels(False)
    font = axis.labelsFont()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    axis.setLabelsFont(font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    values = _money_axis(max((p.net for p in top), default=0))
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(values)
    view = _view(chart)
    view.setToolTip(plain("\n".join(f"{p.name}: {format_rupiah(p.net)}" for p in reversed(top))))
    return view
