"""A demo shop's every receipt says TOKO CONTOH at the top; a real shop's never does."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader

from db.models import Sale
from pos.core import settings
from pos.core.cart import Cart
from pos.counter import receipt, sale
from pos.counter.payment import Tender
from pos.demo.generator import fill
from receipts.chat_text import chat_text
from receipts.escpos_out import receipt_bytes
from receipts.invoice import invoice_pdf
from receipts.layout import plain_text, rows
from receipts.pdf_receipt import receipt_pdf
from tests.pos.helpers import small_shop


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


@pytest.fixture
def number(owner):
    items = small_shop(owner)
    cart = Cart()
    cart.add(items["teh"].id, items["teh"].name, items["teh"].price, 2)
    return sale.complete(cart, [Tender("cash", 10_000)], owner).number


def renderings(number: str) -> dict[str, str]:
    data = receipt.for_sale(number)
    return {
        "pdf 58": pdf_text(receipt_pdf(data, 58)),
        "pdf 80": pdf_text(receipt_pdf(data, 80)),
        "escpos": receipt_bytes(data, 58).decode("ascii", "replace"),
        "invoice": pdf_text(invoice_pdf(data)),
        "text": plain_text(data),
        "chat": chat_text(data),
    }


def test_a_real_shops_receipts_carry_no_demo_mark(number):
    assert receipt.for_sale(number).demo is False
    for kind, text in renderings(number).items():
        assert "TOKO CONTOH" not in text, kind
        assert "Warung Uji" in text, kind


def test_a_demo_shops_receipts_say_toko_contoh_at_the_top(number, owner):
    settings.update({"demo": True}, user=owner.name)
    data = receipt.for_sale(number)
    assert data.demo is True
    assert rows(data)[0] == ("title", "*** TOKO CONTOH ***")
    for kind, text in renderings(number).items():
        assert "TOKO CONTOH" in text, kind
        assert text.index("TOKO CONTOH") < text.index("Warung Uji"), kind  # above the shop's name
    assert b"*** TOKO CONTOH ***" in receipt_bytes(data, 80)


def test_a_generated_demo_shops_receipt_is_marked(db):
    fill("bakso", 1, 1)
    data = receipt.for_sale(Sale.select().order_by(Sale.id).first().number)
    assert data.demo is True
    assert "TOKO CONTOH" in pdf_text(receipt_pdf(data, 58))
    assert b"TOKO CONTOH" in receipt_bytes(data, 58)
