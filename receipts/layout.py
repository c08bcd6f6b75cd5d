"""A receipt as rows that every renderer understands: PDF, ESC/POS, plain text (WhatsApp) and the screen.

Rows: ("logo", path) · ("title", text) · ("center", text) · ("text", text) · ("pair", left, right) ·
("bold_pair", left, right) · ("rule",) · ("qr", data) · ("blank",).
"""

from __future__ import annotations

import html
import textwrap
from decimal import Decimal

from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.text import printable
from pos.core.text import qty_text as shown_qty
from pos.counter.receipt import Receipt, ReceiptLine

Row = tuple[str, ...]


def number(amount: int) -> str:
    """15.000 (a rupiah amount without 'Rp', for item lines)."""
    return format_rupiah(amount).replace("Rp ", "")


def qty_text(qty: Decimal) -> str:
    """On paper a refund's quantity is shown without its minus sign (the slip says it is a refund)."""
    return shown_qty(abs(qty))


def _line_rows(line: ReceiptLine) -> list[Row]:
    """A line as the customer reads it: quantity x price and what that comes to. Its discount is not shown
    here: a sale line stores its own discount and its share of the order's as one figure, so every discount
    of the sale is the one Diskon of the totals (shown per line too, the order's discount was shown twice)."""
    unit = f" {line.unit}" if line.unit in ("kg", "gram", "liter") else ""
    rows: list[Row] = [("text", line.name)]
    gross = line.total + line.discount
    rows.append(("pair", f"  {qty_text(line.qty)}{unit} x {number(line.unit_price)}", number(gross)))
    if line.serial_number:
        rows.append(("text", f"  SN: {line.serial_number}"))
    if line.warranty_until:
        rows.append(
            ("text", "  " + _("Garansi s.d. {date}").format(date=line.warranty_until.strftime("%d-%m-%Y")))
        )
    if line.note:
        rows.append(("text", f"  * {line.note}"))
    return rows


def demo_rows() -> list[Row]:
    """The mark at the top of a demo shop's receipt: it is no real sale."""
    return [
        ("title", "*** " + _("TOKO CONTOH") + " ***"),
        ("center", _("Bukan transaksi sungguhan")),
        ("rule",),
    ]


def copy_rows() -> list[Row]:
    """The mark at the top of a receipt given again (reprinted, sent again): it is not the first one."""
    return [("title", "*** " + _("SALINAN") + " ***"), ("center", _("Cetak ulang, bukan struk asli"))]


def rows(receipt: Receipt) -> list[Row]:
    """The receipt's rows; what people typed (names, notes, addresses) has no control character left."""
    return clean_rows(_rows(receipt))


def clean_rows(receipt_rows: list[Row]) -> list[Row]:
    """Rows with every text freed of control characters (the logo's path and the QR's data are kept)."""
    return [row if row[0] in ("logo", "qr") else tuple(printable(x) for x in row) for row in receipt_rows]


def _rows(receipt: Receipt) -> list[Row]:
    out = head_rows(receipt)
    out.append(("rule",))
    for line in receipt.lines:
        out.extend(_line_rows(line))
    out.append(("rule",))
    return out + totals_rows(receipt) + foot_rows(receipt)


def head_rows(receipt: Receipt) -> list[Row]:
    """The shop, the marks (demo, SALINAN, refund), the number, the cashier and the customer."""
    r = receipt
    out: list[Row] = demo_rows() if r.demo else []
    if r.logo:
        out.append(("logo", r.logo))
    out.append(("title", r.shop_name))
    for text in (r.shop_address, f"WA {r.shop_phone}" if r.shop_phone else ""):
        if text:
            out.append(("center", text))
    out.append(("rule",))
    if r.copy:
        out.extend(copy_rows())
    if r.is_refund:
        out.append(("title", r.title))
        out.append(("center", _("Retur dari nota {number}").format(number=r.original_number)))
        if r.reason:
            out.append(("center", _("Alasan: {reason}").format(reason=r.reason)))
    out.append(
        (
            "pair",
            _("No. {number}").format(number=r.number),
            r.created_at.strftime("%d-%m-%y %H:%M ") + r.timezone,
        )
    )
    out.append(
        (
            "pair",
            _("Kasir: {name}").format(name=r.cashier),
            " · ".join(x for x in (r.channel, r.order_type) if x),
        )
    )
    if r.source_ref:
        out.append(("text", _("Pesanan: {ref}").format(ref=r.source_ref)))
    if r.customer_name:
        out.append(
            ("text", _("Pelanggan: {name} {phone}").format(name=r.customer_name, phone=r.customer_phone))
        )
    if r.customer_address:
        out.append(("text", _("Antar ke: {address}").format(address=r.customer_address)))
    return out


def totals_rows(receipt: Receipt) -> list[Row]:
    """Subtotal, the one Diskon, service, tax, ongkir, rounding, TOTAL, what was paid, the change, points."""
    r = receipt
    out: list[Row] = [("pair", _("Subtotal"), format_rupiah(r.gross))]
    if r.discount:  # once, every discount of the sale; its reason is the shop's, never printed
        out.append(("pair", _("Diskon"), "-" + format_rupiah(abs(r.discount))))
    if r.service:
        out.append(("pair", _("Biaya layanan"), format_rupiah(r.service)))
    if r.tax and not r.tax_included:
        out.append(("pair", r.tax_name, format_rupiah(r.tax)))
    if r.delivery_fee:
        out.append(("pair", _("Ongkir"), format_rupiah(r.delivery_fee)))
    if r.rounding:
        out.append(("pair", _("Pembulatan"), format_rupiah(r.rounding)))
    out.append(("bold_pair", _("TOTAL"), format_rupiah(r.total)))
    if r.tax and r.tax_included:
        out.append(("pair", _("Termasuk {tax}").format(tax=r.tax_name), format_rupiah(r.tax)))
    for p in r.payments:
        amount = p.tendered if p.method == "cash" and p.tendered else p.amount
        out.append(("pair", p.name + (f" ({p.reference})" if p.reference else ""), format_rupiah(amount)))
    if r.change:
        out.append(("bold_pair", _("Kembalian"), format_rupiah(r.change)))
    if r.extra:
        out.append(("rule",))
        out.extend(("pair", label, value) for label, value in r.extra)
    return out


def foot_rows(receipt: Receipt) -> list[Row]:
    """The footer, and the QR: the sale's look-up code, the shop's QRIS, or a QRIS for a kasbon."""
    r = receipt
    out: list[Row] = [("rule",)]
    if r.footer:
        out.append(("center", r.footer))
    if r.qr_text:
        out.append(("qr", r.qr_text))
        if r.qr_text.startswith("000201"):
            out.append(("center", _("Bayar kasbon dengan QRIS ini")))
    out.append(("blank",))
    return out


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def text_lines(receipt_rows: list[Row], columns: int) -> list[tuple[str, str]]:
    """(style, line) pairs at a fixed number of columns: style is '', 'bold', 'title', 'center' or 'qr'."""
    out: list[tuple[str, str]] = []
    for row in receipt_rows:
        kind = row[0]
        if kind in ("title", "center"):
            out.extend((kind, line.center(columns).rstrip()) for line in wrap(row[1], columns))
        elif kind == "text":
            out.extend(("", line) for line in wrap(row[1], columns))
        elif kind in ("pair", "bold_pair"):
            left, right = row[1], row[2]
            style = "bold" if kind == "bold_pair" else ""
            if len(left) + 1 + len(right) <= columns:
                out.append((style, left + " " * (columns - len(left) - len(right)) + right))
                continue
            parts = wrap(left, columns)
            last = parts[-1]
            out.extend((style, part) for part in parts[:-1])
            if len(last) + 1 + len(right) <= columns:
                out.append((style, last + " " * (columns - len(last) - len(right)) + right))
            else:
                out.append((style, last))
                out.extend((style, part.rjust(columns)) for part in wrap(right, columns))
        elif kind == "rule":
            out.append(("", "-" * columns))
        elif kind == "qr":
            out.append(("qr", row[1]))
        elif kind == "blank":
            out.append(("", ""))
        elif kind == "logo":
            out.append(("logo", row[1]))
    return out


def plain_text(receipt: Receipt, columns: int = 32) -> str:
    """The receipt as plain text (WhatsApp, a text preview); the QR becomes its look-up code."""
    lines = []
    for style, line in text_lines(rows(receipt), columns):
        if style == "logo":
            continue
        if style == "qr":
            if not line.startswith("000201"):
                lines.append(line.replace("KASIR:", _("Kode nota: ")))
            continue
        lines.append(line)
    return "\n".join(lines).rstrip() + "\n"


def markup(text: object) -> str:
    """User text for a reportlab Paragraph, which reads its text as markup: shown as typed (a supplier
    named "<b>Agen Jaya" or "Kopi & Susu"), never taken for a tag, without control characters."""
    return html.escape(printable(str(text or "")), quote=False)
