"""The owner's dashboard on a demo shop: tiles match the report service, charts drawn, drill-down."""

from __future__ import annotations

from pos.books import report
from pos.core.money import format_rupiah
from pos.demo.generator import fill
from tests.ui.conftest import when_modal
from ui.reports.page import ReportPage, SalesOfProduct


def test_dashboard_on_demo_data(window, db, qtbot):
    from pos.core import clock, staff

    with clock.frozen(clock.now()):
        fill("warung", days=21, seed=3, force=True)
    owner = next(u for u in staff.active_users() if u.role.code == "owner")
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    expected = report.build(page.period)
    assert page.tiles["net"].value.text() == format_rupiah(expected.totals.net)
    assert page.tiles["sales_count"].value.text() == str(expected.totals.sales_count) != "0"
    assert page.chart_grid.count() == 4
    assert page.product_model.rowCount() == len(expected.by_product)
    shown = [page.product_model.row(i).name for i in range(page.product_model.rowCount())]
    assert shown == [p.name for p in expected.by_product]  # best sellers first until a click
    assert [page.day_model.row(i).date for i in range(7)] == [d.date for d in expected.by_day]
    assert page.day_model.rowCount() == 7
    seen = []

    def check(dialog):
        seen.append(isinstance(dialog, SalesOfProduct))
        dialog.reject()

    when_modal(qtbot, check)
    page.open_product(page.product_model.index(0, 0))
    assert seen == [True]
    # another period: this month
    page.choice.setCurrentIndex(page.choice.findData("this_month"))
    page.data = None
    page.refresh()
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    assert page.data.period.start.day == 1


def _big_week(owner):
    """Two sales of Rp 617.283.945 last week (Rp 1.234.567.890 in all) and one of Rp 26.618.720."""
    from datetime import datetime

    from pos.catalog import catalog
    from pos.core import clock
    from pos.core.cart import Cart
    from pos.counter import sale, shift
    from pos.counter.payment import Tender

    shift.open_shift(owner, 0)
    car = catalog.create_product("MBL", "Mobil Bekas", 617_283_945, cost=500_000_000, track_stock=False)
    boat = catalog.create_product("PRH", "Perahu Motor", 26_618_720, cost=20_000_000, track_stock=False)
    for day, item in ((16, car), (18, car), (20, boat)):
        with clock.frozen(datetime(2026, 11, day, 10, 0)):
            c = Cart()
            c.add(item.id, item.name, item.price, 1)
            sale.complete(c, [Tender("qris", item.price)], owner)


def test_tiles_show_every_rupiah_of_big_figures_at_1366_by_768(window, owner, qtbot):
    """The tiles showed 'Rp 26.618.72…' at 1366×768: a figure shrinks its font to fit, never cut."""
    _big_week(owner)
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    assert page.choice.currentData() == "last_week"  # not the first day: the week in review
    wanted = window.minimumSizeHint()
    assert wanted.width() <= 1366 and wanted.height() <= 768, wanted
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    expected = {
        "net": "Rp 1.261.186.610",
        "total": "Rp 1.261.186.610",
        "sales_count": "3",
        "average_basket": "Rp 420.395.536",
    }
    for key, tile in page.tiles.items():
        label = tile.value
        assert label.text() == label.full and label.toolTip() == "", key
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width(), key
        if key in expected:
            assert label.text() == expected[key]
        assert tile.toolTip()  # what the figure is, in words
        assert (
            tile.title.fontMetrics().horizontalAdvance(tile.title.text()) <= tile.title.contentsRect().width()
        )


def test_a_figure_squeezed_below_its_minimum_is_elided_with_the_whole_figure_as_tooltip(qtbot):
    from ui.reports.tiles import FitLabel

    label = FitLabel()
    qtbot.addWidget(label)
    label.setText("Rp 1.234.567.890")
    label.resize(label.minimumSizeHint())
    label.show()
    assert label.text() == "Rp 1.234.567.890" and label.toolTip() == ""
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    label.resize(60, label.height())
    assert label.text().endswith("…") and label.toolTip() == "Rp 1.234.567.890"


def test_a_shops_first_day_opens_on_today(window, owner, qtbot):
    from pos.counter import shift

    shift.open_shift(owner, 0)
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    assert page.choice.currentData() == "today" and page.choice.currentText() == "Hari ini"
    assert page.period == report.today()
    assert page.choice.itemData(1) == "yesterday" and page.choice.itemText(1) == "Kemarin"
    page.choice.setCurrentIndex(1)
    assert page.chosen_period() == report.yesterday()
    qtbot.waitUntil(lambda: page.data is not None and page.data.period.start == report.yesterday().start)
    assert page.period == report.yesterday()  # shown at once, without pressing Tampilkan


def test_the_summary_tab_shows_the_ledger_that_adds_up(window, owner, qtbot):
    from pos.core.money import format_rupiah

    _big_week(owner)
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    shown = [(name.text(), value.text()) for name, value in page.ledger.labels]
    lines = report.summary(page.data, "PPN")
    assert shown[: len(lines)] == [(x.label, format_rupiah(x.amount)) for x in lines]
    assert ("Laba kotor", format_rupiah(page.data.totals.margin)) in shown


def test_the_busy_hours_chart_keeps_a_nights_sales():
    """Sales at 01:38 were left off the chart, which ran from 6 to 23 only."""
    from ui.reports.charts import hours_shown

    rows = [report.HourRow(h, 0, 0) for h in range(24)]
    assert [h.hour for h in hours_shown(tuple(rows))] == list(range(6, 24))
    rows[1] = report.HourRow(1, 6, 70_000)
    shown = hours_shown(tuple(rows))
    assert [h.hour for h in shown] == list(range(1, 24)) and shown[0].total == 70_000


def test_products_with_no_hpp_are_marked_not_counted_as_all_profit(window, owner, qtbot):
    from tests.pos.test_uncosted import _day

    _day(owner)  # today: Kopi Susu with HPP, Gorengan without
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    tile = page.tiles["margin"]
    assert not tile.note.isHidden() and tile.note.text() == "1 produk tanpa HPP — laba belum pasti"
    assert "1 produk tanpa HPP" in tile.toolTip()
    assert not page.products_note.isHidden() and "ditulis “–”" in page.products_note.text()
    model = page.product_model
    shown = {model.data(model.index(r, 0)): [model.data(model.index(r, c)) for c in (4, 5)] for r in range(2)}
    assert shown == {"Kopi Susu": ["Rp 8.000", "Rp 12.000"], "Gorengan": ["–", "–"]}
    notes = [name.text() for name, _value in page.ledger.labels]
    assert "1 produk tanpa HPP — laba belum pasti; penjualannya" in notes


def test_channels_payments_and_cashiers_fit_1366_by_768_without_scrolling_sideways(window, owner, qtbot):
    """The three tables side by side needed a horizontal scroll bar: channels now run across the top."""
    _big_week(owner)
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.data is not None and window.width() == 1366, timeout=20_000)
    page.tabs.setCurrentWidget(page.money)
    qtbot.wait(50)
    m = page.money
    for name, view in (("saluran", m.channels), ("cara bayar", m.payments), ("kasir", m.cashiers)):
        assert view.isVisible() and not view.horizontalScrollBar().isVisible(), name


def test_the_report_pdf_is_an_export_a_cashier_with_reports_only_may_not_save(
    window, owner, cashier, qtbot, monkeypatch, tmp_path
):
    from pos.core import staff
    from ui.widgets import dialogs, files

    staff.set_permissions("cashier", ["sell", "reports"], owner)
    asked, refused = [], []
    monkeypatch.setattr(files, "ask_save", lambda *a: asked.append(a) or str(tmp_path / "laporan.pdf"))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: refused.append(text))
    for user in (cashier, owner):
        window.enter(user)
        page = window.section(ReportPage)
        window.open_section(window.sections.index(page))
        qtbot.waitUntil(lambda page=page: page.data is not None, timeout=20_000)
        page.save_pdf()
        if user is cashier:
            assert asked == [] and len(refused) == 1 and "mengekspor data" in refused[0]
            assert not (tmp_path / "laporan.pdf").exists()
    assert len(asked) == 1 and (tmp_path / "laporan.pdf").stat().st_size > 0
