"""Printing from the counter: auto-print, a printer that is off (sale kept, Coba lagi), reprint, WhatsApp."""

from __future__ import annotations

import socket
from urllib.parse import unquote

import pytest
from PySide6.QtCore import Qt

from db.models import Sale
from pos.customers import customer
from receipts import escpos_out
from receipts.printer import PrinterConfig
from tests.pos.helpers import small_shop
from tests.ui.conftest import when_modal
from tests.ui.test_counter import keys_to_pay_exact, scan
from ui.counter import receipt_dialog
from ui.counter.page import CounterPage
from ui.printing import PrintSettings
from ui.widgets import worker


@pytest.fixture
def counter(window, cashier, owner, qtbot):
    small_shop(owner)
    window.enter(cashier)
    return window.section(CounterPage)


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_printer_off_keeps_the_sale_and_offers_retry(counter, window, qtbot, tmp_path):
    PrintSettings(
        receipt=PrinterConfig("network", f"127.0.0.1:{closed_port()}"), auto_print=True, drawer=True
    ).save()
    scan(qtbot, counter, "BRS")
    with qtbot.waitSignal(window.printing.failed, timeout=10_000):
        keys_to_pay_exact(qtbot, counter)
    assert Sale.select().count() == 1  # the sale is stored whatever the printer does
    assert "Printer tidak bisa dipakai" in counter.message.text()
    assert not counter.retry_button.isHidden() and counter.failed_print == "K1-000001"
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=True).save()  # the printer is back
    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        counter.retry_button.click()
    assert counter.retry_button.isHidden()
    data = out.read_bytes()
    assert data.startswith(b"\x1b@") and b"K1-000001" in data and b"\x1dV" in data


def test_auto_print_with_drawer_on_cash(counter, window, qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=True, drawer=True, copies=2).save()
    scan(qtbot, counter, "2000000000015")
    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        keys_to_pay_exact(qtbot, counter)
    data = out.read_bytes()
    # two copies, the drawer opened once (it was kicked inside each copy, twice, before)
    assert data.count(b"\x1b@") == 2 and data.count(b"\x1bp") == 1
    assert data.index(b"\x1bp") < data.index(b"K1-000001")
    assert b"SALINAN" not in data  # the first print is no copy
    said = counter.message.text()
    assert said.startswith("✓ Nota K1-000001 tersimpan") and said.endswith(" · struk tercetak")
    assert all(ord(char) < 0x2600 or char == "✓" for char in said)  # no 🖨, a box without an emoji font


def test_a_cash_sale_opens_the_drawer_when_its_receipt_does_not_print(counter, window, qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=False, drawer=True).save()
    scan(qtbot, counter, "BRS")
    with qtbot.waitSignal(window.printing.printed, timeout=10_000) as signal:
        keys_to_pay_exact(qtbot, counter)
    assert signal.args == ["drawer"]
    assert out.read_bytes() == escpos_out.drawer_bytes()  # the pulse alone, once: no receipt
    assert "K1-000001" in counter.message.text()


def test_a_sale_without_cash_leaves_the_drawer_shut(counter, window, qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=False, drawer=True).save()
    scan(qtbot, counter, "BRS")

    def answer(dialog):
        dialog.choose("transfer")
        dialog.reference.setText("BCA 123")
        dialog.pay()

    when_modal(qtbot, answer)
    qtbot.keyClick(counter.search, Qt.Key.Key_F12)
    worker.wait_all()
    assert Sale.select().count() == 1 and not out.exists()


def test_a_drawer_that_does_not_answer_keeps_the_sale_and_its_change(counter, window, qtbot):
    PrintSettings(receipt=PrinterConfig("network", f"127.0.0.1:{closed_port()}"), drawer=True).save()
    scan(qtbot, counter, "BRS")

    def answer(dialog):
        dialog.cash_input.setText("20000")
        dialog.pay()

    with qtbot.waitSignal(window.printing.failed, timeout=10_000):
        when_modal(qtbot, answer)
        qtbot.keyClick(counter.search, Qt.Key.Key_F12)
    assert Sale.select().count() == 1 and counter.cart.is_empty
    text = counter.message.text()
    assert "K1-000001" in text and "Kembalian Rp 5.000" in text and "Laci uang tidak terbuka" in text
    assert counter.retry_button.isHidden()  # nothing to print again: the pulse is not retried


def test_reprint_preview_pdf_and_whatsapp(counter, window, qtbot, tmp_path, monkeypatch):
    budi = customer.create_customer("0812-7777-8888", "Budi")
    counter.set_customer(budi)
    scan(qtbot, counter, "BRS")
    keys_to_pay_exact(qtbot, counter)
    target = tmp_path / "struk.pdf"
    monkeypatch.setattr(receipt_dialog, "ask_save_path", lambda *a, **k: (str(target), "PDF"))
    opened = []
    monkeypatch.setattr(receipt_dialog, "open_url", lambda url: opened.append(url.toString()) or True)
    seen = {}

    def answer(dialog):
        seen["size"] = dialog.image.pixmap().size()
        dialog.save_pdf()
        dialog.send_whatsapp()
        dialog.print_receipt()  # no printer configured: a clear message, nothing else
        seen["message"] = dialog.message.text()
        dialog.reject()

    when_modal(qtbot, answer)
    qtbot.keyClick(counter.search, Qt.Key.Key_F11)
    assert seen["size"].width() > 250 and seen["size"].height() > 400
    assert target.read_bytes().startswith(b"%PDF")
    assert opened and opened[0].startswith("https://wa.me/6281277778888?text=")
    assert "K1-000001" in unquote(opened[0]) and "Rp 15.000" in unquote(opened[0])
    assert "Printer belum diatur" in seen["message"]


def test_a_receipt_printed_again_is_a_copy(counter, window, qtbot, tmp_path):
    """The first print is the receipt; printed again (Struk F11 after it printed, or from Riwayat) it says
    SALINAN, and so do its PDF and its WhatsApp text from Riwayat."""
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=True).save()
    scan(qtbot, counter, "BRS")
    with qtbot.waitSignal(window.printing.printed, timeout=10_000):
        keys_to_pay_exact(qtbot, counter)
    assert b"K1-000001" in out.read_bytes() and b"SALINAN" not in out.read_bytes()
    seen = {}

    def again(dialog):
        with qtbot.waitSignal(window.printing.printed, timeout=10_000):
            dialog.print_receipt()
        dialog.reject()

    when_modal(qtbot, again)
    qtbot.keyClick(counter.search, Qt.Key.Key_F11)
    assert b"SALINAN" in out.read_bytes()

    def from_history(history):
        def receipt(dialog):
            seen["wa"] = unquote(dialog.whatsapp_link())
            seen["preview"] = dialog.receipt.copy
            dialog.reject()

        history.table.selectRow(0)
        when_modal(qtbot, receipt)
        history.show_receipt()
        history.reject()

    when_modal(qtbot, from_history)
    qtbot.keyClick(counter.search, Qt.Key.Key_F10)
    assert seen["preview"] and "SALINAN" in seen["wa"]


def test_a_receipt_never_printed_prints_as_the_first_from_struk(counter, window, qtbot, tmp_path):
    out = tmp_path / "printer.bin"
    PrintSettings(receipt=PrinterConfig("file", str(out)), auto_print=False).save()
    scan(qtbot, counter, "BRS")
    keys_to_pay_exact(qtbot, counter)

    def first(dialog):
        assert not dialog.receipt.copy
        with qtbot.waitSignal(window.printing.printed, timeout=10_000):
            dialog.print_receipt()
        assert dialog.receipt.copy  # the preview now shows what a next print gives
        dialog.reject()

    when_modal(qtbot, first)
    qtbot.keyClick(counter.search, Qt.Key.Key_F11)
    assert b"K1-000001" in out.read_bytes() and b"SALINAN" not in out.read_bytes()
