"""Shift, staff, integrity and backups as the owner and the cashier see them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.models import JournalEntry, Sale, Shift, User, database
from pos.counter import shift
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from tests.ui.test_counter import keys_to_pay_exact, scan
from ui.counter.page import CounterPage
from ui.settings import safety_box
from ui.settings.page import SettingsPage


def test_no_shift_no_payment_then_open_sell_and_close(window, owner, cashier, qtbot):
    small_shop(owner, open_shift=False)
    window.enter(cashier)
    page = window.section(CounterPage)
    bar = page.shift_bar
    assert "Shift belum dibuka" in bar.label.text()
    scan(qtbot, page, "BRS")
    assert not page.pay_button.isEnabled()
    qtbot.keyClicks(bar.cash, "200.000")
    qtbot.keyClick(bar.cash, Qt.Key.Key_Return)
    assert bar.is_open and "Shift #1" in bar.label.text() and page.pay_button.isEnabled()
    keys_to_pay_exact(qtbot, page)  # Rp 15.000 in cash
    seen = {}

    def count(dialog):
        dialog.counts[100_000].setValue(2)
        dialog.counts[10_000].setValue(1)
        dialog.counts[5_000].setValue(1)  # 215.000: exactly right
        assert "Seharusnya" not in dialog.total.text()  # blind: the expected amount shows only after
        dialog.submit()
        seen["total"] = dialog.total.text()
        seen["slip"] = dialog.slip.pixmap().height()
        dialog.submit()

    when_modal(qtbot, count)
    bar.close_button.click()
    assert "Seharusnya Rp 215.000" in seen["total"] and "selisih Rp 0" in seen["total"] and seen["slip"] > 300
    closed = Shift.get()
    assert (closed.counted_cash, closed.variance) == (215_000, 0)
    assert not bar.is_open and not page.pay_button.isEnabled()


def test_cashier_opens_the_drawer_with_the_owner_pin(window, owner, cashier, qtbot, errors):
    small_shop(owner)
    window.enter(cashier)
    bar = window.section(CounterPage).shift_bar

    def approve(dialog):
        dialog.reason_input.setText("tukar uang")
        dialog.pin.setText("1234")
        dialog.submit()

    when_modal(qtbot, approve)
    bar.drawer_button.click()
    entry = JournalEntry.select().where(JournalEntry.event == "open_drawer").get()
    assert entry.user == "Dewi" and "Bu Sri" in entry.content and "tukar uang" in entry.content


def test_owner_sees_integrity_and_tampering(window, owner, qtbot):
    items = small_shop(owner)
    window.enter(owner)
    qtbot.waitUntil(lambda: "Data utuh" in window.integrity_label.text(), timeout=10_000)
    page = window.section(SettingsPage)
    window.open_section(window.sections.index(page))
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 1)
    sale.complete(c, [Tender("cash", 5_000)], owner)
    database.execute_sql("UPDATE sale SET total = 1")
    page.safety.verify_button.click()
    qtbot.waitUntil(lambda: "RUSAK" in page.safety.status.text(), timeout=10_000)
    assert "K1-000001 berubah" in page.safety.problems.toPlainText()
    assert "berubah di luar Kasir" in window.integrity_label.text()


def test_backup_and_restore_from_settings(window, owner, qtbot, tmp_path, monkeypatch):
    items = small_shop(owner)
    window.enter(owner)
    page = window.section(SettingsPage)
    window.open_section(window.sections.index(page))
    page.safety.folder.setText(str(tmp_path / "usb"))
    page.safety.backup_now()
    assert "Cadangan ditulis" in page.safety.status.text()
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 1)
    sale.complete(c, [Tender("cash", 5_000)], owner)
    assert Sale.select().count() == 1
    backup_file = next((tmp_path / "usb").glob("kasir-????-??-??.db"))
    monkeypatch.setattr(safety_box, "ask_open_path", lambda *a, **k: (str(backup_file), ""))
    from ui.widgets import dialogs

    monkeypatch.setattr(dialogs, "ask_yes_no", lambda parent, text: True)
    page.safety.restore()
    assert "Dipulihkan" in page.safety.status.text()
    assert Sale.select().count() == 0  # back to the moment of the backup


def test_owner_adds_a_cashier_and_changes_what_cashiers_may_do(window, owner, qtbot):
    small_shop(owner)
    window.enter(owner)
    page = window.section(SettingsPage)
    window.open_section(window.sections.index(page))
    box = page.staff

    def add(dialog):
        dialog.name.setText("Rina")
        dialog.pin.setText("4321")
        dialog.pin2.setText("4321")
        dialog.submit()

    when_modal(qtbot, add)
    box.add()
    rina = User.get(User.name == "Rina")
    assert rina.role.code == "cashier" and "4321" not in rina.pin_hash
    box.boxes[("cashier", "refund")].setChecked(True)
    box.save_permissions()
    assert box.message.text() == "Hak akses tersimpan."
    from db.models import Role

    assert "refund" in Role.get(Role.code == "cashier").permissions
    assert shift.current() is not None


def test_take_a_kasbon_payment_from_the_customer_list(window, owner, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.customers import customer
    from ui.customers.page import CustomersPage

    items = small_shop(owner)
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    c = Cart(customer_id=sari.id)
    c.add(items["beras"].id, "Beras", 15_000, 3)
    sale.complete(c, [Tender("kasbon", 45_000)], owner)
    window.enter(owner)
    page = window.section(CustomersPage)
    window.open_section(window.sections.index(page))
    page.only_kasbon.setChecked(True)
    assert page.model.rowCount() == 1 and "total Rp 45.000" in page.summary.text()
    page.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (20_000, True))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Tunai", True))
    page.take_payment()
    assert "sisa Rp 25.000" in page.message.text() and "total Rp 25.000" in page.summary.text()
    assert customer.get(sari.id).kasbon == 25_000


def test_customer_page_and_whatsapp_walk_through(window, owner, qtbot, monkeypatch):
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.customers import customer
    from ui.customers import profile as customer_profile
    from ui.customers.page import CustomersPage

    items = small_shop(owner)
    for phone_text, name, consent in (
        ("0812-1000-0001", "Ani", True),
        ("0812-1000-0002", "Budi", False),
        ("0812-1000-0003", "Citra", True),
    ):
        who = customer.create_customer(phone_text, name, wa_consent=consent)
        c = Cart(customer_id=who.id)
        c.add(items["teh"].id, "Es Teh", 5_000, 2)
        sale.complete(c, [Tender("cash", 10_000)], owner)
    opened = []
    monkeypatch.setattr(customer_profile, "open_url", lambda url: opened.append(url.toString()) or True)
    window.enter(owner)
    page = window.section(CustomersPage)
    window.open_section(window.sections.index(page))

    def profile(dialog):
        assert "Es Teh Manis" in dialog.profile.favourites[0][0] or dialog.profile.favourites
        dialog.send_whatsapp()
        dialog.reject()

    page.table.selectRow(0)
    when_modal(qtbot, profile)
    page.open_profile()

    def walk(dialog):
        assert len(dialog.people) == 2  # Budi did not agree to WhatsApp
        dialog.send_and_next()
        dialog.send_and_next()
        assert "2 pesan dikirim" in dialog.who.text()
        dialog.accept()

    when_modal(qtbot, walk)
    page.outreach()
    assert len(opened) >= 2 and all(link.startswith("https://wa.me/62812100000") for link in opened)
    from db.models import Outreach

    assert Outreach.select().count() == len(opened)


def test_warranty_lookup_and_follow_up(window, owner, qtbot, monkeypatch):
    from datetime import timedelta

    from pos.catalog import catalog
    from pos.core import clock
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.customers import customer
    from ui.customers import profile as customer_profile
    from ui.customers.page import CustomersPage

    small_shop(owner)
    gun = catalog.create_product(
        "SGN", "Senapan Angin", 2_850_000, serialised=True, warranty_days=365, track_stock=False
    )
    andi = customer.create_customer("0812-7000-0001", "Andi", wa_consent=True)
    with clock.frozen(clock.now() - timedelta(days=8)):
        c = Cart(customer_id=andi.id)
        c.add(gun.id, gun.name, gun.price, 1, merge=False)
        c.lines[0].serial_number = "SN7654321"
        sale.complete(c, [Tender("transfer", 2_850_000)], owner)
    opened = []
    monkeypatch.setattr(customer_profile, "open_url", lambda url: opened.append(url.toString()) or True)
    window.enter(owner)
    page = window.section(CustomersPage)

    def check(dialog):
        assert dialog.model.rowCount() == 1  # Andi, 8 days after buying, not asked yet
        dialog.search.setText("7654321")
        dialog.find()
        assert dialog.model.rowCount() == 1 and "1 barang" in dialog.message.text()
        dialog.table.selectRow(0)
        dialog.ask()
        dialog.show_follow_ups()
        assert dialog.model.rowCount() == 0
        dialog.reject()

    when_modal(qtbot, check)
    page.warranty()
    assert opened and opened[0].startswith("https://wa.me/6281270000001")


PAYLOAD = '<img src=x><h1 style="color:red">LUNAS</h1>'


def _rendered(widget_root):
    """Every label (and tool tip) under `widget_root` whose user text Qt would render as HTML."""
    from PySide6.QtGui import Qt as GuiQt
    from PySide6.QtWidgets import QLabel, QWidget

    bad = []
    for label in widget_root.findChildren(QLabel):
        text = label.text()
        if "<img" not in text:
            continue
        rich = label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
        )
        if rich:
            bad.append(("label", type(label.parent()).__name__, text[:60]))
    for widget in [widget_root, *widget_root.findChildren(QWidget)]:
        tip = widget.toolTip()
        if "<img" in tip and GuiQt.mightBeRichText(tip):
            bad.append(("tooltip", type(widget).__name__, tip[:60]))
    return bad


def test_html_in_names_is_shown_literally_on_every_screen(window, owner, qtbot):
    """A customer, a product, a category, a supplier-like name and the shop itself named with HTML: every
    label and tool tip shows the text as typed; nothing renders an image or a big red LUNAS."""
    from pos.catalog import catalog
    from pos.core import settings
    from pos.core.cart import Cart
    from pos.counter.payment import Tender
    from pos.customers import customer
    from ui.customers.page import CustomersPage

    items = small_shop(owner)
    settings.update({"shop_name": PAYLOAD}, user=owner.name)
    odd = customer.create_customer("0812 9999 0000", PAYLOAD, wa_consent=True)
    thing = catalog.create_product("HTML", PAYLOAD, 1_000, quick=True, track_stock=False)
    from pos.counter import sale

    c = Cart(customer_id=odd.id)
    c.add(thing.id, thing.name, 1_000, 1)
    c.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
    sale.complete(c, [Tender("cash", 6_000)], owner)
    window.enter(owner)
    counter = window.section(CounterPage)
    counter.set_customer(customer.get(odd.id))
    counter.add_product(thing)
    assert PAYLOAD in counter.message.text() or PAYLOAD in counter.customer_label.text().replace("&lt;", "<")
    seen_shop = window.shop_label.text()
    assert seen_shop == PAYLOAD and window.shop_label.textFormat() == Qt.TextFormat.PlainText
    for index, section in enumerate(window.sections):
        window.open_section(index)
        qtbot.wait(20)
        assert _rendered(section) == [], type(section).__name__
    people = window.section(CustomersPage)
    window.open_section(window.sections.index(people))
    people.table.selectRow(0)
    assert _rendered(window) == []
    from PySide6.QtWidgets import QLabel

    guessing = [  # a styled label (messages, titles, errors: they quote names) never guesses at HTML
        label.text()[:40]
        for label in window.findChildren(QLabel)
        if label.property("role") and label.textFormat() == Qt.TextFormat.AutoText
    ]
    assert guessing == []
