"""The main window builds a section when it is first opened, or at the login while that waits for a PIN
(one at a time, the counter first): the first window paints without building six screens (#20, item 15)."""

from __future__ import annotations

from pos.core.i18n import _
from ui.main_window import SECTIONS, MainWindow
from ui.reports.page import ReportPage
from ui.stock.page import StockPage


def test_the_login_paints_before_any_section_is_built_then_all_are_built_counter_first(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert window.sections.built() == [] and window.pages.count() == 0
    window.show()
    assert window.sections.built() == []  # nothing before the login's first paint
    qtbot.waitUntil(lambda: len(window.sections.built()) == len(SECTIONS), timeout=30_000)
    in_order_built = [type(window.pages.widget(i)).__name__ for i in range(window.pages.count())]
    assert in_order_built == [spec.name for spec in SECTIONS]  # the counter first, then the sidebar's order


def test_the_sidebar_names_each_section_as_its_page_does(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    for index, spec in enumerate(SECTIONS):
        page = window.sections[index]
        assert (page.key, page.title, page.permission) == (spec.key, _(spec.title), spec.permission)
        assert getattr(page, "shortcut", "") == spec.shortcut
        assert window.nav.button(index).text() == page.title


def test_opening_a_section_builds_that_one_only(qtbot, db, owner):
    keys = [spec.key for spec in SECTIONS]
    window = MainWindow(db)  # not shown: nothing is built ahead
    qtbot.addWidget(window)
    window.enter(owner)
    assert [p.key for p in window.sections.built()] == ["counter"]
    page = window.section(StockPage)
    assert [p.key for p in window.sections.built()] == ["counter", "stock"]
    assert window.sections.index(page) == keys.index("stock") and page in window.sections
    window.open_section(keys.index("stock"))
    assert window.pages.currentWidget() is page and page.model.rowCount() == 0
    window.go("reports")
    assert isinstance(window.pages.currentWidget(), ReportPage)
    assert len(window.sections.built()) == 3 and window.nav.button(keys.index("reports")).isChecked()


def test_a_window_closed_before_its_sections_are_built(qtbot, db):
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.close()  # no counter yet: nothing to keep as a parked order
    assert window.sections.built() == []


def test_a_long_journal_is_checked_in_a_process_of_its_own(window, owner, qtbot, monkeypatch):
    """verify of a long journal in a thread held the interpreter while the owner opened screens: Stok took
    twice as long. Beyond APART_ENTRIES it runs as `main.py verify` in a process of its own."""
    import ui.main_window as main_window
    from db.models import database
    from tests.pos.helpers import small_shop

    small_shop(owner)
    calls = []
    apart = main_window.verify_apart

    def spy(target):
        calls.append(target)
        return apart(target)

    monkeypatch.setattr(main_window, "verify_apart", spy)
    monkeypatch.setattr(main_window, "APART_ENTRIES", 0)  # this small shop's journal counts as long
    window.enter(owner)
    qtbot.waitUntil(lambda: "Memeriksa" not in window.integrity_label.text(), timeout=60_000)
    assert "Data utuh" in window.integrity_label.text() and calls == [window.target]
    database.execute_sql("UPDATE journal_entry SET content = content || ' ' WHERE seq = 2")  # outside Kasir
    window.show_login()
    window.enter(owner)
    qtbot.waitUntil(lambda: "Memeriksa" not in window.integrity_label.text(), timeout=60_000)
    assert "Data berubah di luar Kasir" in window.integrity_label.text() and len(calls) == 2
