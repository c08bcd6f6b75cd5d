"""Pesanan dari chat at the counter: F3, paste, the proposal shown with what each line matched, confirm with
Enter, pay — the sale has the lines, the customer, the delivery with its address and ongkir, and the text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from pos.catalog import catalog
from pos.core import settings
from pos.counter import chat_order
from pos.counter.sale import by_number
from pos.customers import customer
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from tests.ui.test_counter import keys_to_pay_exact
from ui.counter import chat_order_dialog
from ui.counter.chat_order_dialog import ChatOrderDialog
from ui.counter.page import CounterPage

MESSAGE = (
    "kak pesan bakso urat 2, es teh manis 1 sama kerupuk 3 ya, antar ke jl. melati 12, a.n. bu ani "
    "0812 3456 7890"
)


@pytest.fixture
def items(owner):
    found = small_shop(owner)
    found["kerupuk"] = catalog.create_product("KRP", "Kerupuk", 2_000, track_stock=False)
    return found


@pytest.fixture
def ani(owner):
    return customer.create_customer("0812-3456-7890", "Bu Ani")


@pytest.fixture
def counter(window, cashier, items, qtbot):
    window.enter(cashier)
    return window.section(CounterPage)


def names_in(dialog: ChatOrderDialog) -> list[tuple[str, str, str]]:
    rows = []
    for row in range(dialog.table.rowCount()):
        qty = dialog.table.cellWidget(row, 1)
        assert isinstance(qty, QLineEdit)
        rows.append((dialog.table.item(row, 0).text(), qty.text(), dialog.table.item(row, 3).text()))
    return rows


def test_paste_confirm_and_pay_keeps_everything_with_the_sale(counter, qtbot, ani):
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, ChatOrderDialog)
        dialog.text.setPlainText(MESSAGE)
        dialog.read()
        seen["rows"] = names_in(dialog)
        seen["customer"] = dialog.customer_label.text()
        seen["address"] = (dialog.delivery.isChecked(), dialog.address.text())
        dialog.fee.setText("10.000")
        qtbot.keyClick(dialog.table.cellWidget(0, 1), Qt.Key.Key_Return)  # Enter: into the cart

    when_modal(qtbot, answer)
    qtbot.keyClick(counter.search, Qt.Key.Key_F3)
    assert seen["rows"] == [
        ("Bakso Urat  [BKS]", "2", "\u201cbakso urat 2\u201d"),
        ("Es Teh Manis  [TEH]", "1", "\u201ces teh manis 1\u201d"),
        ("Kerupuk  [KRP]", "3", "\u201ckerupuk 3\u201d"),
    ]
    assert seen["customer"] == "Bu Ani  0812-3456-7890"
    assert seen["address"] == (True, "jl. melati 12")
    assert [(ln.name, ln.qty) for ln in counter.cart.lines] == [
        ("Bakso Urat", Decimal("2.000")),
        ("Es Teh Manis", Decimal("1.000")),
        ("Kerupuk", Decimal("3.000")),
    ]
    assert counter.totals.total.text() == "Rp 57.000"
    assert "Bu Ani" in counter.customer_label.text()
    assert counter.message.text() == "Pesanan dari chat masuk keranjang: 3 baris."
    keys_to_pay_exact(qtbot, counter)
    sale = by_number("K1-000001")
    assert (sale.total, sale.delivery_fee, sale.order_type, sale.customer_id) == (
        57_000,
        10_000,
        "delivery",
        ani.id,
    )
    assert (sale.channel.code, sale.delivery_address) == ("whatsapp", "jl. melati 12")
    assert [(ln.name, ln.qty, ln.total) for ln in sale.lines] == [
        ("Bakso Urat", Decimal("2.000"), 36_000),
        ("Es Teh Manis", Decimal("1.000"), 5_000),
        ("Kerupuk", Decimal("3.000"), 6_000),
    ]
    assert chat_order.chat_text_of(sale.id) == MESSAGE
    from ui.counter.history_dialog import HistoryDialog

    history = HistoryDialog(counter, counter.user)  # later, the owner sees what the customer wrote
    qtbot.addWidget(history)
    history.show()
    assert history.chat.isHidden()
    history.table.selectRow(0)
    assert history.chat.isVisible() and history.chat.toPlainText() == MESSAGE


def dialog_for(qtbot, counter) -> ChatOrderDialog:
    dialog = ChatOrderDialog(counter, counter.user)
    qtbot.addWidget(dialog)
    return dialog


def test_a_word_not_placed_is_one_click_from_the_search(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("indomie goreng 2, krpk 1")
    dialog.read()
    assert names_in(dialog) == [("Indomie Goreng  [MIE]", "2", "\u201cindomie goreng 2\u201d")]
    buttons = [b for b in dialog.findChildren(QPushButton) if b.text().startswith("Cari:")]
    assert [b.text() for b in buttons] == ["Cari: krpk"]
    buttons[0].click()
    assert dialog.search.text() == "krpk" and dialog.found.isHidden()  # not in the catalogue by that name
    assert dialog.no_match.isVisibleTo(dialog) and dialog.no_match.text() == (
        "Tidak ada barang yang cocok dengan “krpk”."
    )
    dialog.search.setText("kerup")
    assert not dialog.no_match.isVisibleTo(dialog)
    assert dialog.found.count() == 1
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert names_in(dialog)[1] == ("Kerupuk  [KRP]", "1", "\u201cdicari: kerup\u201d")
    dialog.table.cellWidget(1, 1).setText("4")
    dialog.confirm()
    assert [(ln.name, ln.qty) for ln in dialog.cart.lines] == [
        ("Indomie Goreng", Decimal("2.000")),
        ("Kerupuk", Decimal("4.000")),
    ]


def test_a_new_number_is_saved_as_a_customer_when_ticked(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("es teh manis 2 a.n. Dewi Lestari 0813-9999-0000")
    dialog.read()
    assert dialog.customer_label.text() == "baru: 0813-9999-0000"
    assert dialog.save_customer.isChecked() and dialog.new_name.text() == "Dewi Lestari"
    assert not dialog.delivery.isChecked()
    dialog.confirm()
    made = customer.by_phone("081399990000")
    assert made.name == "Dewi Lestari" and dialog.cart.customer_id == made.id and dialog.created
    assert (dialog.cart.order_type, dialog.cart.delivery_address) == ("", "")


def test_a_wrong_quantity_or_ongkir_is_said_and_nothing_goes_in(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("bakso urat 2 antar ke jl. mawar 3")
    dialog.read()
    dialog.table.cellWidget(0, 1).setText("dua")
    dialog.confirm()
    assert dialog.cart is None and dialog.error.text().startswith(
        "Bakso Urat: Jumlah barang tidak valid: dua."
    )
    dialog.table.cellWidget(0, 1).setText("2")
    dialog.fee.setText("sepuluh ribu")
    dialog.confirm()
    assert dialog.cart is None and dialog.error.text()


def test_no_product_recognised_is_said_and_confirm_is_off(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("hello, I want two pizzas 🍕")
    dialog.read()
    assert dialog.table.rowCount() == 0 and not dialog.confirm_button.isEnabled()
    assert dialog.empty.text() == "Tidak ada barang yang dikenali dari pesan ini."


def test_a_paste_is_read_by_itself(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("nasi uduk 2, es teh manis 1")  # typed or pasted: read a moment later
    qtbot.waitUntil(lambda: dialog.proposal is not None, timeout=2000)
    assert dialog.table.rowCount() == 1 and dialog.proposal.unmatched == ("nasi", "uduk")


def test_esc_leaves_the_cart_as_it_was(counter, qtbot):
    def answer(dialog):
        dialog.text.setPlainText(MESSAGE)
        dialog.read()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(qtbot, answer)
    qtbot.keyClick(counter.search, Qt.Key.Key_F3)
    assert counter.cart.is_empty


def test_the_reply_opens_whatsapp_with_the_total_and_saves_the_qris(counter, qtbot, ani, monkeypatch):
    from tests.pos.test_qris import STATIC

    settings.update({"qris_payload": STATIC, "bank_account": "BRI 0123 a.n. Bu Sri"})
    opened = []
    monkeypatch.setattr(
        chat_order_dialog, "open_url", lambda url: opened.append(url.toEncoded().data().decode()) or True
    )
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText(MESSAGE)
    dialog.read()
    dialog.fee.setText("10000")
    dialog.reply()
    assert len(opened) == 1 and opened[0].startswith("https://wa.me/6281234567890?text=Halo%20Bu%20Ani")
    assert "Total%3A%20Rp%2057.000" in opened[0] and "BRI%200123" in opened[0]
    note = dialog.reply_note.toPlainText()
    assert note.startswith("Balasan disalin.\nGambar QRIS untuk dilampirkan: ")
    picture = note.split(": ", 1)[1]
    assert open(picture, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert dialog.cart is None  # a reply puts nothing in the cart


def test_f3_with_items_in_the_cart_asks_to_finish_first(counter, qtbot, items):
    counter.add_product(items["teh"])
    qtbot.keyClick(counter.search, Qt.Key.Key_F3)
    assert counter.message.text() == "Selesaikan atau simpan (F8) keranjang ini dulu."


def test_a_chatty_message_shows_eight_search_buttons_and_names_the_rest(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("indomie goreng 2 " + " ".join(f"kata{chr(97 + i)}" for i in range(12)))
    dialog.read()
    buttons = [b.text() for b in dialog.findChildren(QPushButton) if b.text().startswith("Cari:")]
    assert buttons == [f"Cari: kata{chr(97 + i)}" for i in range(8)]
    rest = [w for w in dialog.findChildren(QLabel) if w.text() == "+4 kata lain"]
    assert len(rest) == 1 and rest[0].toolTip() == "katai, kataj, katak, katal"


def test_an_error_goes_when_the_quantity_is_fixed(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.text.setPlainText("bakso urat 2")
    dialog.read()
    dialog.table.cellWidget(0, 1).setText("abc")
    dialog.confirm()
    assert dialog.error.text().startswith("Bakso Urat: Jumlah barang tidak valid: abc.")
    dialog.table.cellWidget(0, 1).setText("3")
    assert dialog.error.text() == ""  # it belonged to "abc"
    assert dialog.total.text() == "Total Rp 54.000"


def test_reading_an_empty_box_says_to_paste_first(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # a shortcut works in the active window
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error.text() == "Tempel pesanan pelanggan dulu."
    assert dialog.cart is None and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "b")
    assert dialog.error.text() == ""  # typing takes it away


def test_ctrl_enter_reads_and_then_enter_confirms_while_enter_in_the_text_is_a_new_line(counter, qtbot):
    dialog = dialog_for(qtbot, counter)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.text.hasFocus()
    qtbot.keyClicks(dialog.text, "bakso urat 2")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # typing: a new line, nothing confirmed
    assert dialog.text.toPlainText() == "bakso urat 2\n" and dialog.cart is None
    qtbot.keyClicks(dialog.text, "es teh manis 1")
    qtbot.wait(600)  # read by itself a moment later: the focus stays where the cashier types
    assert dialog.table.rowCount() == 2 and dialog.text.hasFocus()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.table.cellWidget(0, 1).hasFocus()  # read: on the first quantity
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.cart is not None and [ln.name for ln in dialog.cart.lines] == ["Bakso Urat", "Es Teh Manis"]


def test_the_reply_note_has_its_own_line_and_the_buttons_keep_their_words(counter, qtbot, ani, monkeypatch):
    from tests.pos.test_qris import STATIC

    settings.update({"qris_payload": STATIC})
    monkeypatch.setattr(chat_order_dialog, "open_url", lambda url: False)  # WhatsApp does not open
    dialog = dialog_for(qtbot, counter)
    dialog.resize(1000, 700)
    dialog.show()
    dialog.text.setPlainText(MESSAGE)
    dialog.read()
    dialog.reply()
    qtbot.wait(50)
    note = dialog.reply_note
    assert note.isVisible() and "tempel tautan ini di peramban: https://wa.me/" in note.toPlainText()
    assert note.width() >= dialog.width() - 40  # full width, not a column between the buttons
    button = dialog.confirm_button
    assert button.width() >= button.sizeHint().width()  # "Masukkan ke keranjang (Enter)" not clipped
    assert dialog.table.height() >= 3 * 50  # the table keeps room for its rows
    assert dialog.height() <= 728
