"""Receipts, invoices, vouchers and shift slips: the text on the paper, checked to the rupiah."""

from __future__ import annotations

import socket
import threading
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from db.models import SaleLine
from pos.catalog import catalog
from pos.core import qris, settings
from pos.core.cart import Cart
from pos.core.errors import PrinterError, SaleNotFound
from pos.counter import receipt, refund, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer, voucher
from receipts import escpos_out, shift_slip
from receipts.chat_text import chat_text
from receipts.invoice import invoice_pdf
from receipts.layout import plain_text, rows, text_lines
from receipts.pdf_receipt import receipt_pdf, thermal_pdf
from receipts.printer import PrinterConfig, send
from receipts.voucher_pdf import sheet_pdf
from tests.pos.helpers import small_shop
from tests.pos.test_qris import STATIC


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def items(owner):
    return small_shop(owner)


@pytest.fixture
def sold(items, cashier):
    """K1-000001: 2 Indomie + 0,25 kg beras + es teh, Budi, 10 % off, paid 50.000 cash -> change."""
    budi = customer.create_customer("0812-3456-7890", "Budi Santoso", address="Jl. Mawar 3, Sleman")
    c = Cart(customer_id=budi.id)
    for key, qty in (("mie", 2), ("beras", "0.25"), ("teh", 1)):
        c.add(items[key].id, items[key].name, items[key].price, qty)
    c.set_note(2, "es sedikit")
    c.discount_order(amount=1_575, reason="langganan")
    from pos.core import staff

    s = sale.complete(c, [Tender("cash", 50_000)], cashier, approver=staff.owner_approval("1234"))
    return receipt.for_sale(s.number)


def test_receipt_pdf_58_and_80_carry_number_lines_totals_and_change(sold):
    # 7.000 + 3.750 + 5.000 = 15.750, minus 1.575 = 14.175; paid 50.000 -> change 35.825
    for width in (58, 80):
        text = pdf_text(receipt_pdf(sold, width))
        for expected in (
            "Warung Uji",
            "K1-000001",
            "Indomie Goreng",
            "2 x 3.500",
            "7.000",
            "Beras Pandan Wangi",
            "0,25 kg x 15.000",
            "3.750",
            "es sedikit",
            "Subtotal",
            "Rp 15.750",
            "-Rp 1.575",
            "TOTAL",
            "Rp 14.175",
            "Tunai",
            "Rp 50.000",
            "Kembalian",
            "Rp 35.825",
            "Budi Santoso",
            "0812****7890",
            "Terima kasih",
        ):
            assert expected in text, (width, expected)
        assert "0812-3456-7890" not in text  # the phone is masked


def test_receipt_text_fits_the_paper(sold):
    for columns in (32, 48):
        lines = plain_text(sold, columns).splitlines()
        assert max(len(line) for line in lines) <= columns
        assert any(line.startswith("TOTAL") and line.endswith("Rp 14.175") for line in lines)


def test_escpos_bytes_have_init_text_qr_cut_and_drawer(sold):
    data = escpos_out.receipt_bytes(sold, 58, drawer=True)
    assert data.startswith(b"\x1b@")  # ESC @ init
    assert b"\x1bp" in data  # ESC p: drawer kick
    assert b"\x1d(k" in data and b"KASIR:K1-000001" in data  # GS ( k: native QR with the look-up code
    assert b"\x1dV" in data  # GS V: cut
    assert b"TOTAL" in data and b"Rp 14.175" in data and b"Kembalian" in data
    assert data.index(b"\x1bp") < data.index(b"TOTAL") < data.index(b"\x1dV")
    no_drawer = escpos_out.receipt_bytes(sold, 80, drawer=False)
    assert b"\x1bp" not in no_drawer


def test_refund_receipt_says_so(sold, owner):
    original = sale.by_number(sold.number)
    line = SaleLine.get(SaleLine.sale == original, SaleLine.position == 1)
    r = refund.refund(original, {line.id: 1}, "kemasan rusak", owner)
    text = pdf_text(receipt_pdf(receipt.for_sale(r.number)))
    assert "STRUK RETUR" in text and "K1-000001" in text and "kemasan rusak" in text and r.number in text


def test_kasbon_receipt_carries_a_qris_for_what_is_owed(items, owner, cashier):
    settings.update({"qris_payload": STATIC})
    sari = customer.create_customer("0813-1111-2222", "Sari", credit_limit=100_000, user=owner)
    c = Cart(customer_id=sari.id)
    c.add(items["beras"].id, "Beras", 15_000, 2)
    s = sale.complete(c, [Tender("cash", 10_000), Tender("kasbon", 20_000)], cashier)
    r = receipt.for_sale(s.number)
    assert qris.amount_of(r.qr_text) == 20_000
    assert "Bayar kasbon dengan QRIS ini" in pdf_text(receipt_pdf(r))


def test_invoice_a4(sold):
    text = pdf_text(invoice_pdf(sold))
    for expected in ("NOTA", "K1-000001", "Budi Santoso", "Indomie Goreng", "Rp 14.175", "Diskon"):
        assert expected in text, expected


def test_voucher_sheet_of_twenty(owner):
    made = voucher.issue_batch(
        20, kind="rp", value=25_000, expires_on=date(2027, 1, 31), user=owner, campaign="Lebaran"
    )
    reader = PdfReader(BytesIO(sheet_pdf(made, "Warung Uji")))
    assert len(reader.pages) == 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.count("Rp 25.000") == 20 and "31-01-2027" in text
    for v in made:
        assert voucher.pretty(v.code) in text


def test_shift_slip(items, cashier, owner):
    shift.close_shift(owner, {})  # the helper's shift
    shift.open_shift(cashier, 100_000)
    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 2)
    sale.complete(c, [Tender("cash", 10_000)], cashier)
    report = shift.close_shift(cashier, {100_000: 1, 10_000: 1})
    text = pdf_text(thermal_pdf(shift_slip.rows(report, "Warung Uji"), 58, "Z"))
    for expected in (
        "LAPORAN SHIFT",
        "Kas awal",
        "Rp 100.000",
        "Kas seharusnya",
        "Rp 110.000",
        "Kas dihitung",
        "Selisih",
        "Rp 0",
        "Jumlah nota",
    ):
        assert expected in text, expected
    assert b"LAPORAN SHIFT" in escpos_out.thermal_bytes(shift_slip.rows(report, "Warung Uji"))


def test_shift_slip_says_who_moved_cash_and_why_and_what_each_cashier_sold(items, cashier, owner):
    """A cashier selling in the owner's shift, and a pay-out: the Z slip names both, to the rupiah."""
    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 2)
    sale.complete(c, [Tender("cash", 10_000)], cashier)
    c = Cart()
    c.add(items["teh"].id, "Es Teh", 5_000, 3)
    sale.complete(c, [Tender("cash", 15_000)], owner)
    shift.cash_move(cashier, -4_000, "beli es batu")
    report = shift.report(shift.current())
    assert [(line.user, line.reason, line.amount) for line in report.cash_lines] == [
        (cashier.name, "beli es batu", -4_000)
    ]
    assert dict((n, (k, t)) for n, k, t in report.by_cashier) == {
        cashier.name: (1, 10_000),
        owner.name: (1, 15_000),
    }
    text = pdf_text(thermal_pdf(shift_slip.rows(report, "Warung Uji"), 80, "Z"))
    assert f"{cashier.name}: beli es batu" in text and "-Rp 4.000" in text
    assert "Per kasir:" in text and f"{cashier.name} (1)" in text and "Rp 10.000" in text


def test_long_names_emoji_and_200_lines(items, cashier):
    weird = catalog.create_product(
        "EMO", "Es Kopi Susu ☕🍹 Spésial " + "panjang " * 20, 12_000, track_stock=False
    )
    c = Cart()
    for _ in range(200):
        c.add(weird.id, weird.name, weird.price, 1, merge=False)
    s = sale.complete(c, [Tender("qris", 2_400_000)], cashier)
    r = receipt.for_sale(s.number)
    text = pdf_text(receipt_pdf(r, 58))
    assert "Spésial" in text and "Rp 2.400.000" in text
    data = escpos_out.receipt_bytes(r, 58)
    assert b"Es Kopi Susu ?? Spesial" in data  # emoji replaced, accent folded
    assert max(len(line) for line in plain_text(r, 32).splitlines()) <= 32


def test_unknown_receipt_number(db):
    with pytest.raises(SaleNotFound) as err:
        receipt.for_sale("K1-999999")
    assert "K1-999999 tidak ditemukan" in err.value.text


def test_printing_to_a_network_printer_on_loopback():
    got = bytearray()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def accept():
        conn, _addr = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                got.extend(chunk)

    thread = threading.Thread(target=accept)
    thread.start()
    send(PrinterConfig("network", f"127.0.0.1:{port}"), b"\x1b@halo\n", copies=2)
    thread.join(5)
    server.close()
    assert bytes(got) == b"\x1b@halo\n" * 2


def test_an_unreachable_printer_raises_a_clear_error(tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    with pytest.raises(PrinterError) as err:
        send(PrinterConfig("network", f"127.0.0.1:{port}"), b"x")
    assert "Penjualan sudah tersimpan" in err.value.text
    with pytest.raises(PrinterError):
        send(PrinterConfig("file", str(tmp_path / "no" / "such" / "dir")), b"x")
    with pytest.raises(PrinterError):
        send(PrinterConfig("none"), b"x")
    out = tmp_path / "printer.bin"
    send(PrinterConfig("file", str(out)), b"abc")
    assert out.read_bytes() == b"abc"


def test_logo_printed_when_present_and_skipped_when_missing(sold, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "black").save(logo)
    with_logo = escpos_out.receipt_bytes(receipt.Receipt(**{**sold.__dict__, "logo": str(logo)}), 58)
    assert b"\x1dv0" in with_logo  # GS v 0: raster image
    pdf_with = receipt_pdf(receipt.Receipt(**{**sold.__dict__, "logo": str(logo)}), 58)
    assert b"/Image" in pdf_with
    missing = receipt.Receipt(**{**sold.__dict__, "logo": str(tmp_path / "gone.png")})
    assert b"\x1dv0" not in escpos_out.receipt_bytes(missing, 58)
    assert "K1-000001" in pdf_text(receipt_pdf(missing, 58))


def test_thermal_voucher_and_kitchen_ticket(sold, owner):
    from receipts.voucher_pdf import thermal_rows

    v = voucher.issue_batch(
        1, kind="pct", value=10, expires_on=date(2027, 1, 31), user=owner, min_spend=50_000
    )[0]
    text = pdf_text(thermal_pdf(thermal_rows(v, "Warung Uji"), 58, "voucher"))
    assert "VOUCHER BELANJA" in text and "10%" in text and voucher.pretty(v.code) in text
    assert "Min. belanja Rp 50.000" in text
    assert b"\x1d(k" in escpos_out.thermal_bytes(thermal_rows(v, "Warung Uji"))
    ticket = escpos_out.kitchen_bytes(sold, 58)
    assert (
        b"PESANAN" in ticket and b"2x Indomie" in ticket and b"Goreng" in ticket and b"* es sedikit" in ticket
    )
    assert b"Rp" not in ticket  # the kitchen sees items and notes, not prices


def test_control_bytes_in_what_people_typed_never_reach_the_printer(sold):
    """An ESC p (drawer kick) typed into a line note or a name is printed as text, never obeyed."""
    import dataclasses

    kick = "\x1bp\x00\x19\xfa"
    lines = list(sold.lines)
    lines[0] = dataclasses.replace(lines[0], note=f"pedas{kick}\x1d V\x00 sekali", name="Indomie\x1b@ Goreng")
    nasty = dataclasses.replace(
        sold,
        lines=lines,
        customer_name="Budi\x1bp\x01\x02",
        footer="Terima kasih\x10\x04\x01",
        reason="\x1b!",
    )
    for data in (escpos_out.receipt_bytes(nasty, 58), escpos_out.kitchen_bytes(nasty, 58)):
        assert b"\x1bp" not in data and b"\x10\x04" not in data and b"\x1b@ " not in data
        assert data.count(b"\x1b@") == 1  # only the printer's own init
        assert b"pedasp" in data and b"sekali" in data
    receipt_data = escpos_out.receipt_bytes(nasty, 58)
    assert b"Budip" in receipt_data and b"Terima kasih" in receipt_data
    assert b"\x1bp" in escpos_out.receipt_bytes(nasty, 58, drawer=True)  # the drawer opens only when asked
    assert "\x1b" not in plain_text(nasty) and "pedasp" in plain_text(nasty)
    assert "\x1b" not in pdf_text(receipt_pdf(nasty, 58))


@pytest.mark.parametrize("name", ["<b>Agen Jaya", "Kopi & Susu", '<img src="x"> CV <font size=40>', "a\x1bb"])
def test_a_supplier_or_customer_named_like_markup_is_printed_as_typed(sold, name):
    import dataclasses
    from types import SimpleNamespace

    from receipts.order_pdf import order_pdf

    item = SimpleNamespace(name=name, on_hand=Decimal(2), unit="pcs", buy=Decimal(10), cost=30_000)
    text = " ".join(pdf_text(order_pdf(name, {name: [item]})).split())  # a long title wraps
    shown = name.replace("\x1b", "")
    assert text.count(shown) >= 3  # the title, the supplier's heading and the line, as typed
    nasty = dataclasses.replace(sold, customer_name=name, customer_address=name, shop_name=name)
    invoice = " ".join(pdf_text(invoice_pdf(nasty)).split())
    assert invoice.count(shown) >= 3


def test_a_receipt_given_again_says_salinan_near_the_top_the_first_does_not(sold):
    again = receipt.for_sale(sold.number, copy=True)
    text = plain_text(again)
    assert "SALINAN" in text and text.index("SALINAN") < text.index("K1-000001")
    assert "SALINAN" not in plain_text(sold)
    data = escpos_out.receipt_bytes(again, 58)
    assert b"SALINAN" in data and data.index(b"SALINAN") < data.index(b"Indomie")
    assert b"SALINAN" not in escpos_out.receipt_bytes(sold, 58)
    pdf = pdf_text(receipt_pdf(again, 58))
    assert "SALINAN" in pdf and pdf.index("SALINAN") < pdf.index("Indomie")
    assert "SALINAN" not in pdf_text(receipt_pdf(sold, 58))


def test_an_order_discount_is_printed_once_without_its_reason(items, cashier):
    """Indomie 2 x 3.500 with Rp 500 off the line, beras 1 kg 15.000, then 10 % off the order (2.150 of
    21.500): the lines say what they come to, the totals one Diskon of 2.650, and 22.000 - 2.650 = 19.350."""
    from pos.core import staff

    c = Cart()
    c.add(items["mie"].id, items["mie"].name, 3_500, 2)
    c.add(items["beras"].id, items["beras"].name, 15_000, 1)
    c.discount_line(0, amount=500, reason="teman")
    c.set_note(0, "pedas")
    c.discount_order(rate=Decimal("0.10"), reason="langganan pemilik")
    s = sale.complete(c, [Tender("cash", 20_000)], cashier, approver=staff.owner_approval("1234"))
    assert (s.gross, s.discount, s.total) == (22_000, 2_650, 19_350)
    r = receipt.for_sale(s.number)
    lines = [line for _style, line in text_lines(rows(r), 32)]

    def pair(left, right):
        return left + " " * (32 - len(left) - len(right)) + right

    assert pair("  2 x 3.500", "7.000") in lines and pair("  1 kg x 15.000", "15.000") in lines
    assert [ln for ln in lines if "Diskon" in ln] == [pair("Diskon", "-Rp 2.650")]
    assert pair("Subtotal", "Rp 22.000") in lines and pair("TOTAL", "Rp 19.350") in lines
    assert not any("langganan" in ln for ln in lines)
    for data in (pdf_text(receipt_pdf(r, 58)), escpos_out.receipt_bytes(r, 58).decode("ascii", "replace")):
        assert data.count("Diskon") == 1 and "-Rp 2.650" in data and "langganan" not in data


def test_the_whatsapp_text_is_a_chat_message_with_the_papers_figures(sold):
    again = receipt.for_sale(sold.number, copy=True)
    assert chat_text(again) == (
        "*Warung Uji*\n"
        "Jl. Uji No. 1\n"
        "WA 0812-0000-1111\n"
        "\n"
        "*SALINAN*\n"
        "Cetak ulang, bukan struk asli\n"
        "No. K1-000001 · 23-11-26 10:30 WIB\n"
        "Kasir: Dewi · Datang langsung\n"
        "Pelanggan: Budi Santoso 0812****7890\n"
        "\n"
        "Indomie Goreng 2 x 3.500 = 7.000\n"
        "Beras Pandan Wangi 0,25 kg x 15.000 = 3.750\n"
        "Es Teh Manis 1 x 5.000 = 5.000 (es sedikit)\n"
        "\n"
        "Subtotal: Rp 15.750\n"
        "Diskon: -Rp 1.575\n"
        "*TOTAL: Rp 14.175*\n"
        "Tunai: Rp 50.000\n"
        "*Kembalian: Rp 35.825*\n"
        "\n"
        "Terima kasih atas kunjungan Anda!\n"
        "Kode nota: K1-000001\n"
    )
    assert "  " not in chat_text(sold) and "SALINAN" not in chat_text(sold)


def test_a_kasbon_message_carries_no_word_of_a_qris_it_cannot_show(items, owner, cashier):
    settings.update({"qris_payload": STATIC})
    sari = customer.create_customer("0813-1111-2222", "Sari", credit_limit=100_000, user=owner)
    c = Cart(customer_id=sari.id)
    c.add(items["beras"].id, "Beras", 15_000, 2)
    s = sale.complete(c, [Tender("cash", 10_000), Tender("kasbon", 20_000)], cashier)
    text = chat_text(receipt.for_sale(s.number))
    assert "Kasbon: Rp 20.000" in text and "QRIS" not in text and "000201" not in text


def test_a_lines_discount_reason_is_kept_for_the_shop_and_never_printed(items, cashier):
    """Rp 500 off the Indomie 'teman' with no note: the reason is the line's, not its note."""
    from pos.core import staff

    c = Cart()
    c.add(items["mie"].id, items["mie"].name, 3_500, 2)
    c.add(items["teh"].id, items["teh"].name, items["teh"].price, 1)
    c.discount_line(0, amount=500, reason="harga teman")
    c.set_note(1, "es sedikit")
    s = sale.complete(c, [Tender("cash", 20_000)], cashier, approver=staff.owner_approval("1234"))
    kept = [
        (ln.note, ln.reason) for ln in SaleLine.select().where(SaleLine.sale == s).order_by(SaleLine.position)
    ]
    assert kept == [("", "harga teman"), ("es sedikit", "")]
    r = receipt.for_sale(s.number)
    printed = [
        "\n".join(line for _style, line in text_lines(rows(r), 32)),
        pdf_text(receipt_pdf(r, 58)),
        escpos_out.receipt_bytes(r, 58).decode("ascii", "replace"),
        pdf_text(invoice_pdf(r)),
        chat_text(r),
    ]
    assert all("teman" not in text for text in printed)
    assert all("es sedikit" in text for text in printed[1:])


def test_an_a4_nota_given_again_says_salinan_and_shows_the_discount_once(sold):
    first = " ".join(pdf_text(invoice_pdf(sold)).split())
    again = " ".join(pdf_text(invoice_pdf(receipt.for_sale(sold.number, copy=True))).split())
    assert "SALINAN" not in first and again.index("SALINAN") < again.index("Indomie")
    # 2 x 3.500 = 7.000 on its line (not 7.000 less its share of the 1.575), one Diskon in the totals
    assert "Rp 7.000" in first and first.count("Diskon") == 1 and "Diskon -Rp 1.575" in first
