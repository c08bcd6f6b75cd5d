"""The owner's dashboard on a demo shop: tiles match the report service, charts drawn, drill-down."""

from __future__ import annotations

from pos import report
from pos.demo.generator import fill
from pos.money import format_rupiah
from tests.ui.conftest import when_modal
from ui.report_page import ReportPage, SalesOfProduct


def test_dashboard_on_demo_data(window, db, qtbot):
    from pos import clock, staff

    with clock.frozen(clock.now()):
        fill("warung", days=21, seed=3, force=True)
    owner = next(u for u in staff.active_users() if u.role.code == "owner")
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    expected = report.build(page.period)
    assert page.tiles["net"].value.text() == format_rupiah(expected["net"])
    assert page.tiles["sales_count"].value.text() == str(expected["sales_count"]) != "0"
    assert page.chart_grid.count() == 4
    assert page.product_model.rowCount() == len(expected["by_product"])
    shown = [page.product_model.row(i)["name"] for i in range(page.product_model.rowCount())]
    assert shown == [p["name"] for p in expected["by_product"]]  # best sellers first until a click
    assert [page.day_model.row(i)["date"] for i in range(7)] == [d["date"] for d in expected["by_day"]]
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
    assert page.data["period"]["from"].endswith("-01")
