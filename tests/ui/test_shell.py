"""First run, login and the app's start-up when the database cannot be opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from db.models import Product, Sale, User
from pos import shop
from pos.core import places, settings
from ui.settings.page import SettingsPage
from ui.setup_dialog import SetupDialog


def test_first_run_empty_shop(qtbot, db):
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.shop_name, "Toko Maju")
    qtbot.keyClicks(dialog.whatsapp, "0812 5555 6666")
    qtbot.keyClicks(dialog.owner_name, "Pak Budi")
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClicks(dialog.pin2, "2460")  # the default is the empty, real shop: nothing to choose
    dialog.submit()
    assert "tidak sama" in dialog.error.text() and not shop.is_set_up()
    dialog.pin2.setText("2468")
    dialog.submit()
    assert shop.is_set_up() and dialog.code_label.text() == dialog.recovery_code != ""  # shown once
    dialog.submit()  # "Sudah saya catat, mulai"
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get("shop_name") == "Toko Maju" and settings.get("shop_phone") == "6281255556666"
    assert User.get().name == "Pak Budi" and not Product.select().exists()
    assert not Sale.select().exists() and not shop.is_demo() and shop.database_path() == db


def test_first_run_with_a_demo_shop_runs_in_the_background(qtbot, db, tmp_path, monkeypatch):
    monkeypatch.setattr(places, "data_dir", lambda: tmp_path / "data")
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.shop_name.setText("Bakso Mantap")
    dialog.owner_name.setText("Pak Kumis")
    dialog.pin.setText("1234")
    dialog.pin2.setText("1234")
    dialog.demo_button.click()  # "Coba dulu dengan toko contoh", then the kind
    assert not dialog.demo_panel.isHidden()
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.demo_buttons["bakso"].click()
        assert not dialog.progress.isHidden() and not dialog.ok.isEnabled()
    assert Sale.select().count() > 1000 and shop.is_demo()
    assert dialog.opened == shop.database_path() == str(tmp_path / "data" / "toko-contoh-bakso.db")
    assert settings.get("shop_name") == "Bakso Pak Kumis"  # the demo's own, not the owner's answers
    shop.switch_to(db)
    assert not shop.is_set_up() and not Sale.select().exists()  # the real shop got none of it


def test_wrong_pin_does_not_log_in(window, owner, qtbot):
    window.login.reload()
    qtbot.keyClicks(window.login.pin, "9999")
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    assert window.user is None and window.stack.currentWidget() is window.login
    assert window.login.error.text() == "PIN salah. Sisa percobaan: 4."
    qtbot.keyClicks(window.login.pin, "1234")
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    assert window.user.id == owner.id and window.stack.currentWidget() is window.workspace


def test_cashier_sees_no_settings(window, cashier):
    window.enter(cashier)
    visible = [
        window.sections[i].title for i in range(len(window.sections)) if not window.nav.button(i).isHidden()
    ]
    assert visible == ["Kasir", "Pelanggan", "Antaran"]  # the delivery board: whoever sells


def test_settings_save_and_bad_qris(window, owner, qtbot):
    window.enter(owner)
    page = window.section(SettingsPage)
    window.open_section(window.sections.index(page))
    page.tax_mode.setCurrentIndex(page.tax_mode.findData("added"))
    page.tax_rate.setText("10")
    page.channels.rows["gofood"]["rate"].setText("22")
    page.save()
    assert page.message.text() == "Pengaturan tersimpan."
    assert settings.get("tax_mode") == "added" and settings.get("tax_rate") == "0.1"
    from pos.catalog import channel

    assert str(channel.get("gofood").commission_rate) == "0.22"
    page.qris.setPlainText("000201010211abc")
    page.tax_rate.setText("5")
    page.save()
    assert "QRIS tidak valid" in page.message.text()
    assert settings.get("tax_rate") == "0.1"  # nothing saved


def test_english_from_settings(window, owner, qtbot):
    window.enter(owner)
    page = window.section(SettingsPage)
    page.refresh()
    page.language.setCurrentIndex(page.language.findData("en"))
    page.save()
    from pos.core import i18n

    try:
        assert i18n.language() == "en" and settings.get("language") == "en"
        assert i18n._("Pelanggan") == "Customers"  # the window is rebuilt in English by the app
    finally:
        i18n.set_language("id")


def test_unreadable_database_shows_a_dialog(tmp_path, monkeypatch, qapp):
    from ui import app

    bad = tmp_path / "rusak.db"
    bad.write_bytes(b"garbage" * 500)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert app.run(str(bad)) == 2
    assert shown and str(bad) in shown[0][1] and "bukan database SQLite" in shown[0][1]
