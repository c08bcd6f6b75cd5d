"""Loyalty vouchers on paper: a thermal voucher, and an A4 sheet of ten with cut marks.

Each shows the value, the code as text, as QR and as a Code 128 barcode, the expiry and the conditions.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from db.models import Voucher
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.customers.voucher import pretty
from receipts import fonts, qr
from receipts.layout import Row

COLS, ROWS = 2, 5
CARD_W, CARD_H = 90 * mm, 50 * mm


def value_text(v: Voucher) -> str:
    return f"{v.value}%" if v.kind == "pct" else format_rupiah(int(v.value))


def conditions(v: Voucher) -> list[str]:
    out = []
    if v.expires_on:
        out.append(_("Berlaku s.d. {date}").format(date=v.expires_on.strftime("%d-%m-%Y")))
    if v.min_spend:
        out.append(_("Min. belanja {amount}").format(amount=format_rupiah(int(v.min_spend))))
    if v.channels:
        out.append(_("Hanya untuk: {channels}").format(channels=", ".join(v.channels)))
    out.append(_("Sekali pakai. Tidak dapat ditukar uang."))
    return out


def thermal_rows(v: Voucher, shop_name: str) -> list[Row]:
    out: list[Row] = [
        ("title", shop_name),
        ("center", _("VOUCHER BELANJA")),
        ("title", value_text(v)),
        ("qr", v.code),
        ("title", pretty(v.code)),
    ]
    if v.campaign:
        out.append(("center", v.campaign))
    out.extend(("center", line) for line in conditions(v))
    out.append(("blank",))
    return out


def _cut_marks(canvas: Canvas, x: float, y: float) -> None:
    canvas.setLineWidth(0.3)
    for cx, cy in ((x, y), (x + CARD_W, y), (x, y + CARD_H), (x + CARD_W, y + CARD_H)):
        canvas.line(cx - 3 * mm, cy, cx - 1 * mm, cy)
        canvas.line(cx + 1 * mm, cy, cx + 3 * mm, cy)
        canvas.line(cx, cy - 3 * mm, cx, cy - 1 * mm)
        canvas.line(cx, cy + 1 * mm, cx, cy + 3 * mm)


def _card(canvas: Canvas, v: Voucher, shop_name: str, x: float, y: float, regular: str, bold: str) -> None:
    pad = 4 * mm
    canvas.setDash(2, 2)
    canvas.setLineWidth(0.4)
    canvas.rect(x, y, CARD_W, CARD_H)
    canvas.setDash()
    canvas.setFont(bold, 10)
    canvas.drawString(x + pad, y + CARD_H - pad - 8, shop_name[:40])
    canvas.setFont(regular, 7.5)
    canvas.drawString(
        x + pad, y + CARD_H - pad - 18, _("VOUCHER BELANJA") + (f" · {v.campaign}" if v.campaign else "")
    )
    canvas.setFont(bold, 22)
    canvas.drawString(x + pad, y + CARD_H - pad - 42, value_text(v))
    canvas.setFont(bold, 11)
    canvas.drawString(x + pad, y + CARD_H - pad - 58, pretty(v.code))
    canvas.setFont(regular, 6.5)
    for index, line in enumerate(conditions(v)[:3]):
        canvas.drawString(x + pad, y + 17 * mm - index * 8, line)
    barcode = Code128(v.code, barHeight=7 * mm, barWidth=0.8, quiet=False)
    barcode.drawOn(canvas, x + pad, y + pad - 1)
    side = 27 * mm
    qr.draw(canvas, v.code, x + CARD_W - pad - side, y + CARD_H - pad - side - 3 * mm, side)


def sheet_pdf(vouchers: list[Voucher], shop_name: str, target: str | Path | None = None) -> bytes:
    """An A4 sheet (or several) of vouchers, ten a page, with cut marks."""
    regular, bold = fonts.register()
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Voucher {shop}").format(shop=shop_name))
    page_w, page_h = A4
    left = (page_w - COLS * CARD_W) / 2
    bottom = (page_h - ROWS * CARD_H) / 2
    per_page = COLS * ROWS
    for index, v in enumerate(vouchers):
        slot = index % per_page
        if index and slot == 0:
            canvas.showPage()
        col, row = slot % COLS, slot // COLS
        x, y = left + col * CARD_W, bottom + (ROWS - 1 - row) * CARD_H
        _card(canvas, v, shop_name, x, y, regular, bold)
        _cut_marks(canvas, x, y)
    canvas.showPage()
    canvas.save()
    return fonts.finish(buf.getvalue(), target)
