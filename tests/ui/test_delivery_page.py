"""Antaran, the delivery board (#23): orders by state oldest first, Enter moves the chosen one on (the
courier asked at diantar, the cash at selesai of a COD order), Del cancels with a reason, the WA button, the
kitchen ticket of a food shop."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt

from db.models import CashMove, DeliveryOrder, PinFailure, Sale
from pos.core import settings
from pos.core.cart import Cart
from pos.core.clock import frozen
from pos.counter import delivery
from pos.counter.payment import Tender
from pos.counter.sale import complete
from pos.customers import customer
from receipts.printer import PrinterConfig
from tests.conftest import NOW
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from ui.counter import delivery_page
from ui.counter.delivery_dialogs import CancelDialog, CashDialog, CourierDialog
from ui.counter.delivery_page import DeliveryPage
from ui.printing import PrintSettings


def bakso(items, qty=2, fee=5_000, customer_id=None, channel="delivery"):
    cart = Cart(channel=channel, order_type="delivery")
    cart.add(items["bakso"].id, items["bakso"].name, 18_000, qty)
    cart.set_delivery(fee, "Jl. Melati 12")
    cart.customer_id = customer_id
    return cart


@pytest.fixture
def board(window, owner, qtbot):
    items = small_shop(owner)
    window.enter(owner)
    page = window.section(DeliveryPage)
    window.go("delivery")
    return page, items


def shown(page):
    """{column: [labels]} as the board lists them, top to bottom."""
    return {state: [page.orders[i].label for i in ids] for state, ids in page.shown.items()}


def test_orders_appear_by_state_oldest_first(board, owner):
    page, items = board
    ani = customer.create_customer("0812-3456-7890", "Bu Ani")
    with frozen(NOW - timedelta(minutes=50)):
        old = delivery.send_cod(bakso(items, customer_id=ani if isinstance(ani, int) else ani.id), owner)
    with frozen(NOW - timedelta(minutes=20)):
        new = delivery.send_cod(bakso(items, qty=1), owner)
        paid = complete(bakso(items, channel="whatsapp", fee=0), [Tender("qris", 36_000)], owner)
    ready = delivery.send_cod(bakso(items, qty=3), owner)
    delivery.prepare(ready.id, owner)
    out = delivery.send_cod(bakso(items, qty=4), owner)
    delivery.prepare(out.id, owner)
    delivery.send_out(out.id, "Joko", owner)
    page.refresh()
    assert shown(page) == {
        "baru": [f"Antar #{old.id}", f"Antar #{new.id}", paid.number],
        "disiapkan": [f"Antar #{ready.id}"],
        "diantar": [f"Antar #{out.id}"],
        "selesai": [],
    }
    assert page.headers["baru"].text() == "Baru (3)"
    first = page.cards[old.id]
    assert first.minutes.text() == "50 mnt" and "Rp 41.000  COD" == first.total.text()
    assert first.name.text() == f"Antar #{old.id} · Bu Ani"
    assert first.details.text() == "Antar sendiri\n2× Bakso Urat\nJl. Melati 12"
    assert page.cards[out.id].details.text().endswith("\nKurir: Joko")
    # COD: Rp 41.000 + 23.000 + 59.000 + 77.000 (the paid WhatsApp order is not cash to come)
    assert page.summary.text() == "5 pesanan di jalan · COD belum diterima Rp 200.000"
    with frozen(NOW + timedelta(minutes=30)):
        page._tick()  # every 30 s: the minutes move on
        assert page.cards[old.id].minutes.text() == "1 j 20 mnt"
    assert [delivery_page.waiting_text(m) for m in (0, 59, 60, 1439, 2 * 1440 + 5)] == [
        "0 mnt", "59 mnt", "1 j 0 mnt", "23 j 59 mnt", "2 hari"
    ]  # fmt: skip


def test_enter_moves_the_chosen_order_on_and_asks_the_courier(board, owner, qtbot):
    page, items = board
    order = delivery.send_cod(bakso(items), owner)
    page.refresh()
    page.select(order.id)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert DeliveryOrder.get_by_id(order.id).state == "disiapkan"
    assert shown(page)["disiapkan"] == [f"Antar #{order.id}"] and page.selected().id == order.id

    def courier(dialog):
        assert isinstance(dialog, CourierDialog)
        dialog.submit()  # empty: refused in place
        assert "nama kurir" in dialog.error.text()
        qtbot.keyClicks(dialog.name, "Joko")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    when_modal(qtbot, courier)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    row = DeliveryOrder.get_by_id(order.id)
    assert (row.state, row.courier) == ("diantar", "Joko")
    assert page.next_button.text() == "Terima uang COD (Enter)"


def test_cod_settle_dialog_prefills_the_expected_cash_and_records_a_shortfall(board, owner, qtbot):
    page, items = board
    order = delivery.send_cod(bakso(items), owner)
    delivery.prepare(order.id, owner)
    delivery.send_out(order.id, "Joko", owner)
    page.refresh()
    page.select(order.id)
    seen = {}

    def cash(dialog):
        assert isinstance(dialog, CashDialog)
        seen["prefilled"] = dialog.amount.text()
        dialog.amount.setText("40,5")
        dialog.submit()
        seen["bad"] = dialog.error.text()
        dialog.amount.setText("40.000")
        seen["said"] = dialog.difference.text()
        dialog.submit()

    when_modal(qtbot, cash)
    page.next_button.click()
    assert seen["prefilled"] == "41.000"
    assert "tidak valid" in seen["bad"]
    assert seen["said"] == "Kurang Rp 1.000: dicatat sebagai kas keluar 'Selisih COD' di shift ini."
    row = DeliveryOrder.get_by_id(order.id)
    sold = Sale.get_by_id(row.sale_id)
    assert (row.state, row.received, sold.total) == ("selesai", 40_000, 41_000)
    assert [(m.amount, m.reason) for m in CashMove.select()] == [
        (-1_000, f"Selisih COD {sold.number} · kurir Joko")
    ]
    assert shown(page)["selesai"] == [sold.number]
    assert "diterima Rp 40.000" in page.cards[order.id].total.text()


def test_delete_cancels_with_a_reason_and_a_paid_order_says_it_refunds(board, owner, cashier, qtbot):
    page, items = board
    unpaid = delivery.send_cod(bakso(items), owner)
    paid = complete(bakso(items, channel="whatsapp", fee=0), [Tender("qris", 36_000)], owner)
    page.refresh()
    page.select(unpaid.id)
    seen = {}

    def reason(dialog):
        assert isinstance(dialog, CancelDialog) and not dialog.needs_pin  # the owner may void
        seen["note"] = dialog.note.text()
        dialog.submit()
        seen["empty"] = dialog.error.text()
        qtbot.keyClicks(dialog.reason, "pelanggan tidak jadi")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    when_modal(qtbot, reason)
    qtbot.keyClick(page, Qt.Key.Key_Delete)
    assert seen["note"].startswith("Belum dibayar") and seen["empty"] == "Tuliskan alasannya."
    assert DeliveryOrder.get_by_id(unpaid.id).state == "batal"
    assert DeliveryOrder.get_by_id(unpaid.id).reason == "pelanggan tidak jadi"
    # a cashier cancelling a paid order: it says it refunds, and asks the owner's PIN
    page.window_.enter(cashier)
    page.window_.go("delivery")
    (order,) = [o for o in page.orders.values() if o.number == paid.number]
    page.select(order.id)

    def refund(dialog):
        assert dialog.needs_pin
        seen["paid"] = dialog.note.text()
        dialog.pin.setText("1234")
        dialog.submit()  # no reason yet: said, and the owner's right PIN is not counted as a wrong one
        seen["no reason"] = (dialog.error.text(), PinFailure.select().count())
        dialog.reason.setText("stok habis")
        dialog.pin.setText("1234")
        dialog.submit()

    when_modal(qtbot, refund)
    page.cancel_button.click()
    assert seen["paid"].startswith("Sudah dibayar Rp 36.000: dibatalkan dengan retur penuh")
    assert seen["no reason"] == ("Tuliskan alasannya.", 0)
    assert Sale.get(Sale.refund_of == paid.id).total == -36_000
    assert shown(page)["baru"] == []


def test_the_wa_button_opens_wa_me_for_the_customer(board, owner, monkeypatch):
    page, items = board
    ani = customer.create_customer("0812-3456-7890", "Bu Ani")
    order = delivery.send_cod(bakso(items, customer_id=ani if isinstance(ani, int) else ani.id), owner)
    page.refresh()
    opened = []
    monkeypatch.setattr(delivery_page, "open_url", lambda url: opened.append(url.toString()) or True)
    page.cards[order.id].wa.click()
    (link,) = opened
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert "Bayar di tempat Rp 41.000" in unquote(link)


def test_a_food_shop_prints_the_kitchen_ticket_when_an_order_is_prepared(board, owner, qtbot, tmp_path):
    page, items = board
    settings.update({"food_orders": True}, owner.name)
    out = tmp_path / "dapur.bin"
    PrintSettings(kitchen=PrinterConfig("file", str(out))).save()
    order = delivery.send_cod(bakso(items), owner)
    page.refresh()
    page.select(order.id)
    qtbot.keyClick(page, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Tiket dapur" in page.message.text(), timeout=10_000)
    data = out.read_bytes()
    assert b"PESANAN" in data and b"Bakso Urat" in data and f"Antar #{order.id}".encode() in data
    assert b"Rp" not in data  # the kitchen sees items, not prices


def test_a_grocery_prints_no_kitchen_ticket(board, owner, qtbot, tmp_path):
    page, items = board
    out = tmp_path / "dapur.bin"
    PrintSettings(kitchen=PrinterConfig("file", str(out))).save()
    order = delivery.send_cod(bakso(items), owner)
    page.refresh()
    page.select(order.id)
    page.advance()
    assert DeliveryOrder.get_by_id(order.id).state == "disiapkan" and not out.exists()


def test_arrows_and_clicks_choose_an_order(board, owner, qtbot):
    page, items = board
    first = delivery.send_cod(bakso(items), owner)
    second = delivery.send_cod(bakso(items, qty=1), owner)
    ready = delivery.send_cod(bakso(items, qty=3), owner)
    delivery.prepare(ready.id, owner)
    page.refresh()
    assert page.selected().id == first.id and page.cards[first.id].property("chosen") is True
    qtbot.keyClick(page, Qt.Key.Key_Down)
    assert page.selected().id == second.id and page.cards[first.id].property("chosen") is False
    qtbot.keyClick(page, Qt.Key.Key_Right)
    assert page.selected().id == ready.id
    qtbot.keyClick(page, Qt.Key.Key_Right)  # nothing further right: stays
    assert page.selected().id == ready.id
    qtbot.keyClick(page, Qt.Key.Key_Left)
    assert page.selected().id == first.id
    qtbot.mouseClick(page.cards[second.id], Qt.MouseButton.LeftButton)
    assert page.selected().id == second.id and page.next_button.text() == "Siapkan (Enter)"
    qtbot.mouseDClick(page.cards[second.id], Qt.MouseButton.LeftButton)
    assert DeliveryOrder.get_by_id(second.id).state == "disiapkan"
    assert page.shown["disiapkan"] == [second.id, ready.id]  # oldest first (the same minute: as made)


def test_the_counter_sends_a_delivery_order_cod_and_starts_a_new_cart(window, owner, qtbot):
    from ui.counter.page import CounterPage

    items = small_shop(owner)
    window.enter(owner)
    counter = window.section(CounterPage)
    assert not counter.cod_button.isVisibleTo(counter)  # a walk-in pays here
    counter.channel.setCurrentIndex(counter.channel.findData("delivery"))
    assert counter.cod_button.isVisibleTo(counter) and not counter.cod_button.isEnabled()
    counter.add_product(items["bakso"])
    counter.add_product(items["bakso"])
    counter.fee.setText("5000")
    counter.address.setText("Jl. Melati 12")
    counter.cod_button.click()
    (order,) = DeliveryOrder.select()
    assert (order.cod, order.expected, order.address, order.sale_id) == (True, 41_000, "Jl. Melati 12", None)
    assert counter.cart.is_empty and Sale.select().count() == 0
    assert f"Antar #{order.id} dikirim, bayar di tempat Rp 41.000" in counter.message.text()
    counter.channel.setCurrentIndex(counter.channel.findData("gofood"))
    assert not counter.cod_button.isVisibleTo(counter)  # the platform pays the shop


def test_the_report_screen_shows_the_delivery_figures(window, owner, qtbot):
    from ui.reports.page import ReportPage

    items = small_shop(owner)
    order = delivery.send_cod(bakso(items), owner)
    delivery.prepare(order.id, owner)
    window.enter(owner)
    page = window.section(ReportPage)
    window.open_section(window.sections.index(page))
    qtbot.waitUntil(lambda: page.data is not None, timeout=20_000)
    assert page.tabs.tabText(page.tabs.indexOf(page.delivery_text.parentWidget().parentWidget())) == "Antaran"
    assert "Antaran" not in page.customer_text.text()  # its own tab, not cut off under the customers
    text = page.delivery_text.text()
    assert "<b>Antaran</b>" in text and "Baru / disiapkan / diantar: 0 / 1 / 0" in text
    assert "COD belum diterima (1 pesanan): Rp 41.000" in text


def _platform_order(items, owner):
    """A GoFood order paid on the platform, on the board."""
    from pos.counter.sale import preview

    cart = Cart(channel="gofood")
    cart.add(items["bakso"].id, items["bakso"].name, 18_000, 1)
    done = complete(cart, [Tender("qris", preview(cart).total)], owner)
    return DeliveryOrder.get(DeliveryOrder.sale == done.id)


def test_the_courier_dialog_offers_platform_drivers_only_for_that_platform(board, owner, qtbot):
    page, items = board
    food = _platform_order(items, owner)
    delivery.prepare(food.id, owner)
    delivery.send_out(food.id, "Driver GoFood", owner)
    own = delivery.send_cod(bakso(items), owner)
    delivery.prepare(own.id, owner)
    delivery.send_out(own.id, "Mas Dodi", owner)
    wa = delivery.send_cod(bakso(items, channel="whatsapp"), owner)
    delivery.prepare(wa.id, owner)
    dialog = CourierDialog(page, delivery.get(wa.id), owner)
    qtbot.addWidget(dialog)
    assert dialog.offered == ["Mas Dodi"]  # no GoFood driver for a WhatsApp order
    dialog.show()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # empty: said, nothing filled in, nothing moved
    assert dialog.error.text() == "Tulis nama kurir dulu (atau pilih salah satu tombol)."
    assert dialog.name.text() == "" and DeliveryOrder.get_by_id(wa.id).state == "disiapkan"
    qtbot.keyClicks(dialog.name, "J")
    assert dialog.error.text() == ""  # the message belonged to the empty box
    food2 = _platform_order(items, owner)
    delivery.prepare(food2.id, owner)
    other = CourierDialog(page, delivery.get(food2.id), owner)
    qtbot.addWidget(other)
    assert other.offered == ["Driver GoFood"]  # Mas Dodi is the shop's courier, not GoFood's


def test_the_cod_dialog_forgets_an_old_error_and_grows_with_its_messages(board, owner, qtbot):
    page, items = board
    order = delivery.send_cod(bakso(items), owner)  # Rp 41.000
    delivery.prepare(order.id, owner)
    delivery.send_out(order.id, "Joko", owner)
    dialog = CashDialog(page, delivery.get(order.id), owner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.amount.setText("-5000")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert "-5000" in dialog.error.text()
    assert dialog.height() >= dialog.sizeHint().height()  # the button under the message is not cut
    dialog.amount.setText("40.000")
    assert dialog.error.text() == ""
    assert dialog.difference.text().startswith("Kurang Rp 1.000")
    assert dialog.height() >= dialog.sizeHint().height()
    assert DeliveryOrder.get_by_id(order.id).state == "diantar"  # the refused -5000 changed nothing
