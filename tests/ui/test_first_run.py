"""The first run: Enter makes the empty real shop; a demo opens in its own file, is marked everywhere, and
one click leads back to setting up the real shop, which is also what the next start opens."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QRadioButton

from db.models import Product, Sale, User
from pos import shop
from pos.core import pin_guard, places, settings
from tests.ui.conftest import when_modal
from ui import app, setup_dialog
from ui.main_window import MainWindow
from ui.setup_dialog import SetupDialog


@pytest.fixture
def data(tmp_path, monkeypatch):
    """Kasir's data folder for this test only; demos are made with 2 days of history (quick)."""
    folder = tmp_path / "data"
    monkeypatch.setattr(places, "data_dir", lambda: folder)
    monkeypatch.setattr(setup_dialog, "DEMO_DAYS", 2)
    return folder


def fingerprint(path: str) -> tuple[str, int, int]:
    p = Path(path)
    return hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_size, p.stat().st_mtime_ns


def fill_in(qtbot, dialog: SetupDialog, name: str = "Toko Maju", pin: str = "2468") -> None:
    qtbot.keyClicks(dialog.shop_name, name)
    qtbot.keyClicks(dialog.address, "Jl. Kenanga 2")
    qtbot.keyClicks(dialog.whatsapp, "0812 5555 6666")
    qtbot.keyClicks(dialog.owner_name, "Pak Budi")
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClicks(dialog.pin2, pin)


def test_enter_sets_up_the_empty_real_shop_and_nothing_else(qtbot, db):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChildren(QRadioButton) == []  # nothing that could put demo data into it
    assert dialog.ok.isDefault() and not dialog.demo_button.autoDefault()
    assert dialog.demo_panel.isHidden()
    fill_in(qtbot, dialog)
    qtbot.keyClick(dialog.pin2, Qt.Key.Key_Return)
    assert dialog.result() != dialog.DialogCode.Accepted  # first the recovery code, once
    assert dialog.code_box.isVisible() and dialog.form_box.isHidden() and dialog.demo_button.isHidden()
    assert dialog.code_label.text() == dialog.recovery_code and len(dialog.recovery_code) == 14
    assert dialog.ok.text() == "Sudah saya catat, mulai"
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        dialog.ok.click()
    assert pin_guard.reset_pin(dialog.recovery_code, "5831")[0].name == "Pak Budi"  # the code shown works
    assert dialog.opened == "" and dialog.owner.name == "Pak Budi"
    assert shop.is_set_up() and not shop.is_demo() and shop.database_path() == db
    assert settings.get("shop_name") == "Toko Maju" and settings.get("shop_address") == "Jl. Kenanga 2"
    assert [u.name for u in User.select()] == ["Pak Budi"]
    assert not Product.select().exists() and not Sale.select().exists()


def test_a_weak_owner_pin_is_refused_with_a_clear_message(qtbot, db):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    fill_in(qtbot, dialog, pin="1234")
    qtbot.keyClick(dialog.pin2, Qt.Key.Key_Return)
    assert dialog.error.text().startswith("PIN ini terlalu mudah ditebak")
    assert not shop.is_set_up() and dialog.code_box.isHidden() and not dialog.form_box.isHidden()


def test_the_demo_is_made_in_its_own_file_and_the_real_file_is_untouched(qtbot, db, data):
    shop.close_shop()
    before = fingerprint(db)  # the real shop as it is on disk (closed: no write-ahead log pending)
    shop.open_shop(db)
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    fill_in(qtbot, dialog)  # typed, but the person then tries the demo instead
    dialog.demo_button.click()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.demo_buttons["warung"].click()
    target = str(data / "toko-contoh-warung.db")
    assert dialog.opened == target == shop.database_path()
    assert shop.is_demo() and settings.get("demo") is True and Sale.select().count() > 100
    assert settings.get("shop_name") == "Warung Bu Sri"
    assert fingerprint(db) == before and not Path(db + "-wal").exists()
    shop.switch_to(db)
    assert not shop.is_set_up() and not User.select().exists() and not Sale.select().exists()


def test_an_existing_demo_is_reused_not_made_again(qtbot, db, data):
    first = SetupDialog()
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.accepted, timeout=30_000):
        first.try_demo("senapan")
    made = Sale.select().count()
    shop.switch_to(db)
    again = SetupDialog()
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.accepted, timeout=5_000):
        again.try_demo("senapan")
        assert again.progress.isHidden()  # nothing to make
    assert shop.is_demo() and Sale.select().count() == made
    assert again.opened == first.opened


def test_a_demo_that_cannot_be_opened_leaves_the_real_shop_open(qtbot, db, data):
    data.mkdir(parents=True)
    (data / "toko-contoh-bakso.db").write_bytes(b"garbage" * 500)
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.try_demo("bakso")
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.opened == ""
    assert "bukan database SQLite" in dialog.error.text() and dialog.ok.isEnabled()
    assert shop.database_path() == db and not shop.is_demo()


def test_a_demo_window_is_marked_and_a_real_one_is_not(qtbot, db, data, errors):
    real = MainWindow(db)
    qtbot.addWidget(real)
    assert real.windowTitle() == "Kasir"
    assert (
        real.demo_banner.isHidden() and real.real_shop_button.isHidden() and real.login.demo_hint.isHidden()
    )
    shop.open_demo("warung")
    from pos.demo.generator import fill

    fill("warung", 1, 1)
    demo = MainWindow(shop.database_path())
    qtbot.addWidget(demo)
    demo.show()
    assert demo.windowTitle() == "Kasir — TOKO CONTOH"
    assert demo.login.demo_hint.isVisible()
    assert demo.login.demo_hint.text() == "Toko contoh — PIN pemilik 1234 · kasir 1111 · admin 2222"
    qtbot.keyClicks(demo.login.pin, "1234")  # the hint's owner PIN works
    qtbot.keyClick(demo.login.pin, Qt.Key.Key_Return)
    assert demo.user is not None and demo.user.name == "Bu Sri"
    qtbot.waitUntil(lambda: "Data utuh" in demo.integrity_label.text(), timeout=20_000)  # verify: done
    qtbot.waitUntil(lambda: all(t.isFinished() for t in demo.findChildren(QThread)), timeout=5_000)
    assert demo.demo_banner.isVisible() and "TOKO CONTOH" in demo.demo_banner.text()
    shown = demo.real_shop_button.text().replace("\n", " ")  # two lines in a narrow window
    assert demo.real_shop_button.isVisible() and shown == "Siapkan toko sendiri"


def test_siapkan_toko_sendiri_leads_back_to_setting_up_the_real_shop(qtbot, db, data, errors):
    controller = app.Controller(db)
    when_modal(qtbot, lambda dialog: dialog.try_demo("bakso"))
    assert controller.start()
    window = controller.window
    qtbot.addWidget(window)
    assert controller.current == str(data / "toko-contoh-bakso.db") and shop.is_demo()
    assert window.windowTitle() == "Kasir — TOKO CONTOH"
    window.enter(User.get(User.name == "Pak Kumis"))

    def set_up(dialog):
        assert dialog.real == db and dialog.shop_name.text() == ""
        fill_in(qtbot, dialog)
        qtbot.keyClick(dialog.pin2, Qt.Key.Key_Return)
        dialog.ok.click()  # "Sudah saya catat, mulai", under the recovery code

    when_modal(qtbot, set_up)
    qtbot.mouseClick(window.real_shop_button, Qt.MouseButton.LeftButton)
    assert controller.current == db == shop.database_path()
    assert not shop.is_demo() and settings.get("shop_name") == "Toko Maju"
    assert not Sale.select().exists() and [u.name for u in User.select()] == ["Pak Budi"]
    real = controller.window
    qtbot.addWidget(real)
    assert real is not window and real.windowTitle() == "Kasir" and real.demo_banner.isHidden()
    assert real.stack.currentWidget() is real.login and real.login.title.text() == "Toko Maju"
    assert real.login.demo_hint.isHidden()


def test_from_a_demo_to_a_real_shop_set_up_before_goes_to_its_login(qtbot, db, data, errors, owner):
    shop.open_demo("warung")
    from pos.demo.generator import fill

    fill("warung", 1, 1)
    controller = app.Controller(db)
    controller.current = shop.database_path()
    controller.show()
    qtbot.addWidget(controller.window)
    controller.window.real_shop_button.click()  # no dialog: the real shop is set up
    assert controller.current == db == shop.database_path() and not shop.is_demo()
    qtbot.addWidget(controller.window)
    assert controller.window.login.title.text() == "Warung Uji"


def test_closing_the_real_shops_setup_goes_back_to_the_demo(qtbot, db, data, errors):
    controller = app.Controller(db)
    when_modal(qtbot, lambda dialog: dialog.try_demo("warung"))
    assert controller.start()
    qtbot.addWidget(controller.window)
    demo = controller.current
    when_modal(qtbot, lambda dialog: dialog.reject())
    controller.window.real_shop_button.click()
    qtbot.addWidget(controller.window)
    assert controller.current == demo == shop.database_path() and shop.is_demo()
    assert controller.window.windowTitle() == "Kasir — TOKO CONTOH"


def test_the_next_start_after_a_demo_opens_the_real_shop(qtbot, db, data, errors, owner, monkeypatch):
    shop.open_demo("warung")
    from pos.demo.generator import fill

    fill("warung", 1, 1)
    shop.close_shop()
    seen = {}

    def exec_(self):  # the event loop, stopped at once: what did Kasir open?
        window = QApplication.activeWindow() or next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen.update(path=shop.database_path(), demo=shop.is_demo(), title=window.windowTitle())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    assert app.run(db) == 0
    assert seen == {"path": db, "demo": False, "title": "Kasir"}
    shop.open_shop(db)  # the db fixture closes it again


def test_showing_the_demo_shops_keeps_the_form_whole(qtbot, db):
    """'Coba dulu' squeezed the form's rows over each other and cut off 'Ulangi PIN'."""
    from ui import theme

    theme.apply(QApplication.instance())
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.demo_button.click()
    QApplication.processEvents()
    fields = [dialog.shop_name, dialog.address, dialog.whatsapp, dialog.owner_name, dialog.pin, dialog.pin2]
    for above, below in zip(fields, fields[1:], strict=False):
        assert above.geometry().bottom() < below.geometry().top(), below.placeholderText()  # no overlap
    assert dialog.form_box.height() >= dialog.form_box.minimumSizeHint().height()
    assert dialog.pin2.geometry().bottom() < dialog.form_box.height()
    assert dialog.height() <= 728 and dialog.demo_panel.isVisible()
