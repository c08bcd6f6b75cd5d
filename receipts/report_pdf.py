"""The owner's report as an A4 PDF: header, KPI summary with the change against the period before,
charts (reportlab.graphics, readable in black and white), daily, channel, payment and tax tables, top
products, customers and loyalty, page numbers and "Dibuat dengan Kasir · <tanggal jam>".

Every figure is written the way the app writes it: rupiah by pos.core.money (Rp 15.000), quantities with a
decimal comma (pos.core.text: 1,75), counts grouped with a dot (1.234), percentages with a comma (12,5 %),
dates day-month-year (02-12-2026, as pos.core.periods labels a period and the screens' tables show dates)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pos.books import report as reports
from pos.books.report import Change, Report, Totals
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah, short_rupiah
from pos.core.text import qty_text
from pos.counter.delivery_report import report_lines
from receipts import fonts
from receipts.layout import markup

GREYS = [colors.HexColor(c) for c in ("#222222", "#777777", "#bbbbbb", "#444444", "#999999", "#dddddd")]


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.register()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=21),
        "h": ParagraphStyle(
            "h", fontName=bold, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=4, keepWithNext=1
        ),
        "n": ParagraphStyle("n", fontName=regular, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10, textColor=colors.grey),
    }


def _esc(text: str) -> str:
    return markup(text)


def _date(day: date) -> str:
    """02-12-2026: the screens' dates (ui.widgets.table) and pos.core.periods' labels."""
    return day.strftime("%d-%m-%Y")


def _when(at: datetime) -> str:
    return at.strftime("%d-%m-%Y %H:%M")


def _count(n: int) -> str:
    """1.234: counts grouped the Indonesian way, as the screens write them."""
    return f"{n:,}".replace(",", ".")


def _qty(milli: int) -> str:
    """Whole thousandths as the shop writes a quantity: 1,75 (pos.core.text.qty_text)."""
    return qty_text(Decimal(milli) / 1000)


def _short(value: float) -> str:
    """Axis labels the one way the screen writes them too: 0, 500 rb, 1 jt, 1,5 jt."""
    return short_rupiah(round(value))


def _money_axis(axis: Any, peak: int) -> None:
    """A rupiah value axis from 0 to a round figure above `peak` in round steps
    (pos.books.report.axis_ticks)."""
    ticks = reports.axis_ticks(peak)
    axis.valueMin, axis.valueMax = 0, ticks[-1]
    axis.valueStep = ticks[1] - ticks[0]
    axis.labelTextFormat = _short


def _ledger(lines: list[reports.SummaryLine], widths: list[float]) -> Table:
    """A summary from pos.books.report: subtotals bold under a rule, notes grey and indented."""
    regular, bold = fonts.register()
    rows = [[("    " if x.kind == "note" else "") + x.label, format_rupiah(x.amount)] for x in lines]
    t = Table(rows, colWidths=widths)
    style = [
        ("FONT", (0, 0), (-1, -1), regular, 8.5),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, x in enumerate(lines):
        if x.kind == "total":
            style += [
                ("FONT", (0, index), (-1, index), bold, 8.5),
                ("LINEABOVE", (0, index), (-1, index), 0.6, colors.black),
            ]
        elif x.kind == "note":
            style.append(("TEXTCOLOR", (0, index), (-1, index), colors.grey))
    t.setStyle(TableStyle(style))
    return t


def _table(rows: list[list[Any]], widths: list[float], money_from: int = 1) -> Table:
    regular, bold = fonts.register()
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 8.5),
                ("FONT", (0, 0), (-1, 0), bold, 8.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                ("ALIGN", (money_from, 0), (-1, -1), "RIGHT"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _daily_chart(report: Report, width: float) -> Drawing:
    """Daily net sales stacked by channel."""
    regular, _bold = fonts.register()
    days = [d.date for d in report.by_day]
    channels = sorted(report.by_day_channel.items(), key=lambda kv: -sum(kv[1].values()))[:6]
    drawing = Drawing(width, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 16 * mm, 12 * mm, width - 20 * mm, 42 * mm
    chart.data = [[max(0, per_day.get(d, 0)) for d in days] for _name, per_day in channels] or [
        [0] * len(days)
    ]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = (
        [d.strftime("%d-%m") for d in days] if len(days) <= 31 else [""] * len(days)
    )
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6 if len(days) > 14 else 7
    chart.categoryAxis.labels.angle = 90 if len(days) > 14 else 0
    chart.categoryAxis.labels.boxAnchor = "e" if len(days) > 14 else "n"
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    peak = max((sum(per_day.get(d, 0) for _name, per_day in channels) for d in days), default=0)
    _money_axis(chart.valueAxis, peak)
    chart.bars.strokeColor = colors.white
    chart.bars.strokeWidth = 0.3
    for index in range(len(chart.data)):
        chart.bars[index].fillColor = GREYS[index % len(GREYS)]
    drawing.add(chart)
    x = 16 * mm
    for index, (name, _per_day) in enumerate(channels):
        drawing.add(String(x + 4 * mm, 2 * mm, name, fontName=regular, fontSize=7))

        drawing.add(Rect(x, 1.6 * mm, 3 * mm, 3 * mm, fillColor=GREYS[index % len(GREYS)], strokeWidth=0.3))
        x += 6 * mm + len(name) * 1.5 * mm
    return drawing


def _bars(labels: list[str], values: list[int], width: float, height: float) -> Drawing:
    regular, _bold = fonts.register()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 8 * mm, width - 18 * mm, height - 14 * mm
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 6.5
    _money_axis(chart.valueAxis, max(values, default=0))
    chart.bars[0].fillColor = GREYS[1]
    chart.bars[0].strokeColor = colors.black
    chart.bars[0].strokeWidth = 0.3
    drawing.add(chart)
    return drawing


def _change(c: Change) -> str:
    if c.percent is None:
        return "–"
    sign = "+" if c.change >= 0 else "−"
    return f"{sign}{abs(c.percent):.1f} %".replace(".", ",")


def _span(period: reports.Period) -> str:
    return period.label  # 16-11-2026 – 22-11-2026


def _percent(rate: float) -> str:
    return f"{rate * 100:.1f} %".replace(".", ",")


KPIS: list[tuple[str, Callable[[Totals], int], bool]] = [  # (label, figure, a count rather than rupiah)
    (N_("Penjualan bersih"), lambda t: t.net, False),
    (N_("Dibayar pelanggan"), lambda t: t.total, False),
    (N_("Pendapatan bersih"), lambda t: t.net_revenue, False),
    (N_("Laba kotor"), lambda t: t.margin, False),
    (N_("Jumlah nota"), lambda t: t.sales_count, True),
    (N_("Rata-rata belanja"), lambda t: t.average_basket, False),
]


def _heading(report: Report, shop_name: str, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The shop, the period and the period it is compared with."""
    words = _("Laporan penjualan {period} (dibanding {previous})").format(
        period=_span(report.period), previous=_span(report.previous_period)
    )
    return [Paragraph(_esc(shop_name), st["title"]), Paragraph(_esc(words), st["n"]), Spacer(1, 4 * mm)]


def _tiles(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The six headline figures with their change against the period before, in two rows of three."""
    _regular, bold = fonts.register()
    cells = []
    for label, figure, is_count in KPIS:
        value = figure(report.totals)
        shown = _count(value) if is_count else format_rupiah(value)
        cells.append(
            Paragraph(
                f"<font size=7.5 color='#555555'>{_esc(_(label))}</font><br/>"
                f"<font name='{bold}' size=12>{_esc(shown)}</font><br/>"
                f"<font size=7.5>{_esc(_('vs sebelumnya'))} {_esc(_change(report.compare(figure)))}</font>",
                st["n"],
            )
        )
    note = reports.uncosted_note(report)
    if note:  # the margin tile (the 4th) counts products of no HPP as all profit
        margin_tile = cells[3]
        cells[3] = Paragraph(
            margin_tile.text + f"<br/><font size=7 color='#8a4b00'>{_esc(note)}</font>", st["n"]
        )
    tiles = Table([cells[:3], cells[3:]], colWidths=[width / 3] * 3)
    tiles.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
                ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [tiles, Spacer(1, 3 * mm)]


def _charts(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The summary ledger, the daily chart by channel and the busy hours."""
    hours = [h for h in report.by_hour if 6 <= h.hour <= 23]
    return [
        Paragraph(_esc(_("Ringkasan")), st["h"]),
        _ledger(reports.summary(report), [width * 0.6, width * 0.4]),
        Paragraph(_esc(_("Penjualan harian per saluran")), st["h"]),
        _daily_chart(report, width),
        KeepTogether(
            [
                Paragraph(_esc(_("Jam ramai (dibayar per jam)")), st["h"]),
                _bars([str(h.hour) for h in hours], [h.total for h in hours], width, 45 * mm),
            ]
        ),
    ]


def _money_tables(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """Per day, per channel, per payment method, and the tax."""
    t = report.totals
    day_rows = [[_("Tanggal"), _("Nota"), _("Penjualan bersih"), _("Dibayar")]] + [
        [_date(d.date), _count(d.count), format_rupiah(d.net), format_rupiah(d.total)] for d in report.by_day
    ]
    day_rows.append([_("Jumlah"), _count(t.sales_count), format_rupiah(t.net), format_rupiah(t.total)])
    channel_rows = [
        [_("Saluran"), _("Nota"), _("Penjualan bersih"), _("Dibayar"), _("Komisi"), _("Pendapatan bersih")]
    ] + [
        [
            c.name,
            _count(c.count),
            format_rupiah(c.net),
            format_rupiah(c.total),
            format_rupiah(c.commission),
            format_rupiah(c.net_revenue),
        ]
        for c in report.by_channel
    ]
    pay_rows = [[_("Cara bayar"), _("Transaksi"), _("Jumlah")]] + [
        [p.name, _count(p.count), format_rupiah(p.amount)] for p in report.by_payment
    ]
    pay_rows.append([_("Jumlah"), "", format_rupiah(sum(p.amount for p in report.by_payment))])
    return [
        Paragraph(_esc(_("Per hari")), st["h"]),
        _table(day_rows, [width * 0.25] * 4),
        Paragraph(_esc(_("Per saluran")), st["h"]),
        _table(channel_rows, [width * f for f in (0.2, 0.08, 0.18, 0.18, 0.16, 0.2)]),
        KeepTogether(
            [
                Paragraph(_esc(_("Per cara bayar")), st["h"]),
                _table(pay_rows, [width * 0.4, width * 0.2, width * 0.4]),
            ]
        ),
        KeepTogether(
            [
                Paragraph(_esc(_("Pajak")), st["h"]),
                _ledger(reports.tax_lines(report), [width * 0.6, width * 0.4]),
            ]
        ),
    ]


def _products(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The fifteen best sellers."""
    product_rows = (
        [[_("Barang"), _("Jumlah"), _("Penjualan"), _("HPP"), _("Laba")]]
        + [
            [
                p.name[:45],
                _qty(p.qty_milli),
                format_rupiah(p.net),
                "–" if p.no_cost else format_rupiah(p.cost),  # no HPP: its margin is unknown, not 100 %
                "–" if p.no_cost else format_rupiah(p.margin),
            ]
            for p in report.by_product[:15]
        ]
    )
    out: list[Any] = [
        Paragraph(_esc(_("Barang terlaris")), st["h"]),
        _table(product_rows, [width * 0.4, width * 0.12, width * 0.16, width * 0.16, width * 0.16]),
    ]
    uncosted = reports.without_cost(report)
    if uncosted:
        names = ", ".join(p.name for p in uncosted[:8]) + (" …" if len(uncosted) > 8 else "")
        said = _("{note}. HPP dan labanya ditulis “–”: {names}").format(
            note=reports.uncosted_note(report), names=names
        )
        out.append(Paragraph(_esc(said), st["small"]))
    return out


def _people(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """Customers beside loyalty, kasbon and stock."""
    c, lo, stock = report.customers, report.loyalty, report.stock
    cust_rows = [
        [_("Pelanggan"), ""],
        [_("Pelanggan terdaftar yang belanja"), _count(c.members)],
        [_("Baru / kembali lagi"), f"{_count(c.new)} / {_count(c.returning)}"],
        [_("Tingkat kembali (pelanggan)"), _percent(c.repeat_rate)],
        [_("Tingkat kembali (nota)"), _percent(c.repeat_sales_rate)],
        [_("Nota pelanggan terdaftar / umum"), f"{_count(c.member_sales)} / {_count(c.anonymous_sales)}"],
        [_("Pelanggan hilang (> 90 hari)"), _count(c.lapsed)],
    ] + [[t.name, format_rupiah(t.total)] for t in c.top[:5]]
    loyalty_rows = [
        [_("Loyalitas"), ""],
        [_("Poin diberikan / ditukar"), f"{_count(lo.points_issued)} / {_count(lo.points_redeemed)}"],
        [_("Poin kedaluwarsa"), _count(lo.points_expired)],
        [_("Poin beredar"), _count(lo.points_outstanding)],
        [_("Nilai poin beredar (kewajiban)"), format_rupiah(lo.liability)],
        [
            _("Voucher diterbitkan / dipakai"),
            f"{_count(lo.vouchers_issued)} / {_count(lo.vouchers_redeemed)}",
        ],
        [_("Hadiah kartu stempel"), _count(lo.stamp_rewards)],
        [_("Kasbon belum dibayar"), format_rupiah(stock.kasbon_outstanding)],
        [_("Barang di bawah batas stok"), _count(stock.low_stock_count)],
        [_("Barang dibuang (rusak/kedaluwarsa)"), format_rupiah(stock.waste_cost)],
    ]
    side_by_side = Table(
        [
            [
                _table(cust_rows, [width * 0.3, width * 0.18]),
                _table(loyalty_rows, [width * 0.32, width * 0.18]),
            ]
        ],
        colWidths=[width * 0.5, width * 0.5],
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)],
    )
    return [KeepTogether([Paragraph(_esc(_("Pelanggan dan loyalitas")), st["h"]), side_by_side])]


def _delivery(report: Report, width: float) -> list[Any]:
    """The delivery figures, when the period had orders or COD money is still out."""
    trips = report.delivery
    if not (trips.orders or trips.cod_outstanding):
        return []

    rows = [[_("Antaran"), ""]] + [list(pair) for pair in report_lines(trips)]
    return [KeepTogether([Spacer(1, 2 * mm), _table(rows, [width * 0.32, width * 0.18])])]


def _cashiers(report: Report, width: float, st: dict[str, ParagraphStyle]) -> list[Any]:
    """Per cashier and the voided orders, when the period had refunds or voids."""
    if not (report.voids or report.totals.refunds_count):
        return []
    who = [[_("Kasir"), _("Nota"), _("Retur"), _("Nilai retur")]] + [
        [r.name, _count(r.count), _count(r.refunds_count), format_rupiah(r.refunds)]
        for r in report.by_cashier
    ]
    out: list[Any] = [
        Paragraph(_esc(_("Per kasir, retur dan pembatalan")), st["h"]),
        _table(who, [width * 0.25] * 4),
    ]
    if report.voids:
        voids = [[_("Waktu"), _("Oleh"), _("Alasan"), _("Nilai")]] + [
            [_when(v.at), v.user, v.reason[:40], format_rupiah(v.value)] for v in report.voids
        ]
        out += [Spacer(1, 2 * mm), _table(voids, [width * 0.2, width * 0.2, width * 0.4, width * 0.2], 3)]
    return out


def report_pdf(report: Report, shop_name: str, target: str | Path | None = None) -> bytes:
    """The report as an A4 PDF (its bytes; also written to `target` when given)."""
    st = _styles()
    regular, _bold = fonts.register()
    buf = BytesIO()
    period = _span(report.period)
    made = _when(report.generated_at)

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(15 * mm, 10 * mm, _("Dibuat dengan Kasir · {at}").format(at=made))
        canvas.drawRightString(195 * mm, 10 * mm, _("Halaman {n}").format(n=doc.page))
        canvas.drawString(15 * mm, 287 * mm, f"{shop_name} · {period}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=16 * mm,
        title=_("Laporan {shop} {period}").format(shop=shop_name, period=period),
        author="Kasir",
    )
    width = A4[0] - 30 * mm
    story = [
        *_heading(report, shop_name, st),
        *_tiles(report, width, st),
        *_charts(report, width, st),
        *_money_tables(report, width, st),
        *_products(report, width, st),
        *_people(report, width, st),
        *_delivery(report, width),
        *_cashiers(report, width, st),
    ]
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return fonts.finish(buf.getvalue(), target)
