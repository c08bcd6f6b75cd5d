"""The counter's "Langkah awal" checklist: five steps on a new shop, ticked as they are done, each a way to
its screen; hidden for good by "Sembunyikan" or once all is done; never in a demo or for a cashier."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QThread
from PySide6.QtWidgets import QApplication, QScrollArea

from pos.catalog import catalog
from pos.core import settings, staff
from receipts.printer import PrinterConfig
from ui import theme
from ui.counter.first_steps import FirstSteps
from ui.main_window import MainWindow
from ui.printing import PrintSettings

LABELS = ["Barang", "Pajak", "QRIS", "Printer", "Staf"]


def enter(window, user, qtbot) -> None:
    """Log in; an owner's login starts verify in the background: let it end before the test does."""
    window.enter(user)
    if user.role.code == "owner":
        qtbot.waitUntil(lambda: "Data utuh" in window.integrity_label.text(), timeout=20_000)
        qtbot.waitUntil(lambda: all(t.isFinished() for t in window.findChildren(QThread)), timeout=5_000)


def steps(window) -> FirstSteps:
    return window.sections[0].first_steps


def texts(checklist: FirstSteps) -> list[str]:
    return [checklist.buttons[code].text() for code in ("products", "tax", "qris", "printer", "staff")]


def current_key(window) -> str:
    return window.pages.currentWidget().key


def test_a_new_shop_shows_five_steps_undone(window, owner, qtbot):
    enter(window, owner, qtbot)
    checklist = steps(window)
    assert checklist.isVisible()
    assert checklist.heading.text() == "Langkah awal · 0 dari 5 selesai"
    assert texts(checklist) == ["○ " + label for label in LABELS]
    assert all(b.isEnabled() for b in checklist.buttons.values())


def test_a_product_ticks_the_first_step(window, owner, qtbot):
    enter(window, owner, qtbot)
    catalog.create_product("MIE", "Indomie Goreng", 3_500)  # the service announces it: the list updates
    checklist = steps(window)
    assert texts(checklist)[0] == "✓ Barang" and texts(checklist)[1:] == ["○ " + x for x in LABELS[1:]]
    assert checklist.heading.text() == "Langkah awal · 1 dari 5 selesai"


def test_each_step_goes_to_its_screen(window, owner, qtbot):
    enter(window, owner, qtbot)
    checklist = steps(window)
    products = "catalog" if any(getattr(s, "key", "") == "catalog" for s in window.sections) else "stock"
    checklist.buttons["products"].click()
    assert current_key(window) == products
    window.go("counter")
    checklist.buttons["staff"].click()
    settings_page = window.pages.currentWidget()
    assert current_key(window) == "settings"
    scroll = settings_page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().value() > 0)  # the staff box, far down, in view
    box = settings_page.staff
    top = box.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < scroll.viewport().height()
    assert "#1f7a4d" in box.styleSheet()  # highlighted a moment
    window.go("counter")
    checklist.buttons["tax"].click()
    assert current_key(window) == "settings"
    qtbot.waitUntil(lambda: settings_page.tax_mode.hasFocus())


def test_go_opens_only_what_the_user_may_see(window, cashier, qtbot):
    enter(window, cashier, qtbot)
    assert window.can_go("counter") and not window.can_go("settings") and not window.can_go("nothing")
    window.go("settings")
    assert current_key(window) == "counter"
    window.go("customers")
    assert current_key(window) == "customers"
    assert sorted(s.key for s in window.sections) == sorted(
        ["counter", "customers", "stock", "reports", "delivery", "settings"]
        + (["catalog"] if any(s.key == "catalog" for s in window.sections) else [])
    )


def test_sembunyikan_hides_it_for_good(window, owner, qtbot, db):
    enter(window, owner, qtbot)
    steps(window).hide_button.click()
    assert steps(window).isHidden() and settings.get("first_steps_hidden") is True
    again = MainWindow(db)
    qtbot.addWidget(again)
    again.show()
    enter(again, owner, qtbot)
    assert steps(again).isHidden()


def test_it_goes_by_itself_once_every_step_is_done(window, owner, qtbot):
    enter(window, owner, qtbot)
    catalog.create_product("MIE", "Indomie Goreng", 3_500)
    settings.update({"tax_mode": "none"}, user=owner.name)
    from tests.pos.test_qris import STATIC

    settings.update({"qris_payload": STATIC}, user=owner.name)
    staff.create_user("Dewi", "cashier", "1111", by=owner)
    checklist = steps(window)
    assert checklist.heading.text() == "Langkah awal · 4 dari 5 selesai" and checklist.isVisible()
    assert texts(checklist)[3] == "○ Printer"
    PrintSettings(receipt=PrinterConfig("system", "", 58)).save()  # this machine's, not the database's
    window.go("counter")  # the counter looks again when it opens
    assert checklist.isHidden()
    assert settings.get("first_steps_hidden") is False  # gone because done, not hidden


def test_never_in_a_demo_shop_nor_for_a_cashier(window, owner, cashier, qtbot):
    enter(window, cashier, qtbot)
    assert steps(window).isHidden()
    enter(window, owner, qtbot)
    assert steps(window).isVisible()
    settings.update({"demo": True}, user=owner.name)
    assert steps(window).isHidden()
    enter(window, owner, qtbot)
    assert steps(window).isHidden()


def test_the_checklist_keeps_pay_and_the_customer_panel_on_a_small_screen(window, owner, qtbot):
    app = QApplication.instance()
    style, font = app.styleSheet(), app.font()
    theme.apply(app)  # the app's own look: its larger controls are what must fit
    try:
        enter(window, owner, qtbot)
        QApplication.processEvents()
        fits(window)
    finally:
        app.setStyleSheet(style)
        app.setFont(font)


def fits(window) -> None:
    counter = window.sections[0]
    assert window.height() == 768 and steps(window).isVisible() and steps(window).height() <= 80
    for widget in (counter.pay_button, counter.customer_label, counter.totals, counter.table):
        assert widget.isVisible()
        bottom = widget.mapTo(window, QPoint(0, widget.height())).y()
        assert bottom <= window.height(), widget
    assert counter.table.height() >= 150  # the cart still has room


def test_a_service_on_a_worker_thread_is_told_once_on_the_ui_thread(window, owner, qtbot):
    """Many commits in a row off the UI thread (a demo shop, an import) reach the screens once, gathered."""
    import threading

    from pos.core.changes import Changes
    from ui.events import hub

    heard: list[Changes] = []
    hub.changed.connect(heard.append)
    try:

        def work() -> None:
            from pos import shop

            for n in range(20):
                catalog.create_product(f"M{n}", f"Mie {n}", 3_500)
            shop.close_thread_connection()

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        assert heard == []  # nothing reached the UI thread from the worker directly
        qtbot.waitUntil(lambda: len(heard) >= 1)
        qtbot.wait(50)
        assert len(heard) == 1 and "product" in heard[0]
    finally:
        hub.changed.disconnect(heard.append)
