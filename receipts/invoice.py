"""The A4 invoice (nota) for delivery and business customers: shop, customer and address, lines, totals."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter.receipt import Receipt
from receipts import fonts
from receipts.layout import markup, qty_text


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts.register()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22),
        "h": ParagraphStyle("h", fontName=bold, fontSize=10, leading=13),
        "n": ParagraphStyle("n", fontName=regular, fontSize=9.5, leading=12.5),
        "r": ParagraphStyle("r", fontName=regular, fontSize=9.5, leading=12.5, alignment=2),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10, textColor=colors.grey),
    }


def _esc(text: str) -> str:
    return markup(text)


def _head(r: Receipt, st: dict[str, ParagraphStyle]) -> list[Any]:
    """The shop on the left, the nota's title, number, time and channel on the right; above them the demo's
    mark for a demo shop and SALINAN for a copy."""
    title = _("NOTA RETUR") if r.is_refund else _("NOTA")
    shop = [Paragraph(_esc(r.shop_name), st["title"]), Paragraph(_esc(r.shop_address), st["n"])]
    if r.shop_phone:
        shop.append(Paragraph(f"WhatsApp {_esc(r.shop_phone)}", st["n"]))
    head_right = [
        Paragraph(title, st["title"]),
        Paragraph(_esc(_("No. {n}").format(n=r.number)), st["h"]),
        Paragraph(_esc(r.created_at.strftime("%d-%m-%Y %H:%M ") + r.timezone), st["n"]),
        Paragraph(_esc(r.channel), st["n"]),
    ]
    head = Table([[shop, head_right]], colWidths=[110 * mm, 64 * mm])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[Any] = [head, Spacer(1, 8 * mm)]
    if r.copy:
        mark = _("SALINAN") + " — " + _("Cetak ulang, bukan nota asli")
        story[:0] = [Paragraph(_esc(mark), st["title"]), Spacer(1, 4 * mm)]
    if r.demo:
        mark = _("TOKO CONTOH") + " — " + _("Bukan transaksi sungguhan")
        story[:0] = [Paragraph(_esc(mark), st["title"]), Spacer(1, 4 * mm)]
    return story


def _addressee(r: Receipt, st: dict[str, ParagraphStyle]) -> list[Any]:
    """Kepada: the customer, their phone and address, the order's reference; a return names its sale."""
    to = [Paragraph(_("Kepada:"), st["h"])]
    to.append(Paragraph(_esc(r.customer_name or _("Pelanggan umum")), st["n"]))
    if r.customer_phone:
        to.append(Paragraph(_esc(r.customer_phone), st["n"]))
    if r.customer_address:
        to.append(Paragraph(_esc(r.customer_address), st["n"]))
    if r.source_ref:
        to.append(Paragraph(_("Pesanan: {ref}").format(ref=_esc(r.source_ref)), st["n"]))
    if r.is_refund:
        to.append(
            Paragraph(
                _("Retur dari nota {number}. Alasan: {reason}").format(
                    number=r.original_number, reason=_esc(r.reason)
                ),
                st["n"],
            )
        )
    return to


def _lines(r: Receipt, st: dict[str, ParagraphStyle], regular: str, bold: str) -> Table:
    """One row a line: quantity x price and what that comes to. A sale line stores its own discount and its
    share of the order's as one figure, so every discount is the one Diskon of the totals (as on the
    receipt), never shown per line as well."""
    data = [[_("No"), _("Barang"), _("Jml"), _("Harga"), _("Jumlah")]]
    for index, line in enumerate(r.lines, start=1):
        name = _esc(line.name) + (f"<br/><font size=8>{_esc(line.note)}</font>" if line.note else "")
        if line.serial_number:
            name += f"<br/><font size=8>SN {_esc(line.serial_number)}</font>"
        data.append(
            [
                str(index),
                Paragraph(name, st["n"]),
                f"{qty_text(line.qty)} {line.unit}",
                format_rupiah(line.unit_price),
                format_rupiah(line.total + line.discount),
            ]
        )
    table = Table(data, colWidths=[10 * mm, 92 * mm, 22 * mm, 26 * mm, 24 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, 9.5),
                ("FONT", (0, 1), (-1, -1), regular, 9.5),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _totals(r: Receipt, regular: str, bold: str) -> Table:
    """Subtotal, discount, service, tax, ongkir and rounding, the TOTAL in bold, then what was paid."""
    totals = [[_("Subtotal"), format_rupiah(r.gross)]]
    if r.discount:
        totals.append([_("Diskon"), format_rupiah(-r.discount)])
    if r.service:
        totals.append([_("Biaya layanan"), format_rupiah(r.service)])
    if r.tax:
        label = _("{tax} (termasuk)").format(tax=r.tax_name) if r.tax_included else r.tax_name
        totals.append([label, format_rupiah(r.tax)])
    if r.delivery_fee:
        totals.append([_("Ongkir"), format_rupiah(r.delivery_fee)])
    if r.rounding:
        totals.append([_("Pembulatan"), format_rupiah(r.rounding)])
    totals.append([_("TOTAL"), format_rupiah(r.total)])
    for p in r.payments:
        totals.append([_("Dibayar: {method}").format(method=p.name), format_rupiah(p.amount)])
    total_row = len(totals) - len(r.payments) - 1
    box = Table(totals, colWidths=[50 * mm, 34 * mm], hAlign="RIGHT")
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 9.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONT", (0, total_row), (-1, total_row), bold, 11),
                ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, colors.black),
            ]
        )
    )
    return box


def invoice_pdf(receipt: Receipt, target: str | Path | None = None) -> bytes:
    r = receipt
    st = _styles()
    regular, bold = fonts.register()
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=_("Nota {number}").format(number=r.number),
        author=r.shop_name,
    )
    story = _head(r, st)
    story += [*_addressee(r, st), Spacer(1, 6 * mm)]
    story += [_lines(r, st, regular, bold), Spacer(1, 4 * mm)]
    story += [_totals(r, regular, bold), Spacer(1, 10 * mm)]
    if r.footer:
        story.append(Paragraph(_esc(r.footer), st["n"]))
    story.append(Paragraph(_("Dibuat oleh Kasir."), st["small"]))
    doc.build(story)
    return fonts.finish(buf.getvalue(), target)
