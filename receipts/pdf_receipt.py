"""The thermal receipt as a PDF page exactly as wide as the paper (58 or 80 mm) and as long as it needs."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pos.counter.receipt import Receipt
from receipts import fonts, qr
from receipts.layout import Row, clean_rows, rows

MARGIN = 3 * mm
LOGO_H = 14 * mm


def logo_ok(path: str) -> bool:
    """A logo is printed only when the file is there and is an image reportlab can read."""
    try:
        ImageReader(path).getSize()
    except Exception:  # noqa: BLE001 - missing, unreadable or not an image: the receipt goes without it
        return False
    return True


SIZES = {58: 7.5, 80: 8.5}


class _Layout:
    def __init__(self, width_mm: int) -> None:
        self.regular, self.bold = fonts.register()
        self.width = width_mm * mm
        self.inner = self.width - 2 * MARGIN
        self.size = SIZES.get(width_mm, 7.5)
        self.leading = self.size * 1.3
        self.qr_side = min(32 * mm, self.inner * 0.7)

    def font(self, kind: str) -> tuple[str, float]:
        if kind == "title":
            return self.bold, self.size + 3
        if kind == "bold_pair":
            return self.bold, self.size + 1.5
        return self.regular, self.size

    def measure(self, row: Row) -> float:
        kind = row[0]
        name, size = self.font(kind)
        lead = size * 1.3
        if kind in ("title", "center", "text"):
            return lead * len(simpleSplit(row[1], name, size, self.inner) or [""])
        if kind in ("pair", "bold_pair"):
            return lead * len(self.pair_lines(row, name, size))
        if kind == "rule":
            return self.leading * 0.6
        if kind == "logo":
            return LOGO_H + 2 * mm if logo_ok(row[1]) else 0
        if kind == "qr":
            return self.qr_side + 2 * mm
        return self.leading * 0.5

    def pair_lines(self, row: Row, name: str, size: float) -> list[tuple[str, str]]:
        """Left text and right amount on one line when they fit; else the left wraps and the amount goes
        on the last line, or on its own line when even that is too narrow."""
        indent = 3 * mm if row[1].startswith("  ") else 0
        left, right = row[1].strip() if indent else row[1], row[2]
        gap, right_w = 2 * mm, _w(right, name, size)
        width = self.inner - indent
        if _w(left, name, size) + gap + right_w <= width:
            return [(left, right)]
        parts = simpleSplit(left, name, size, width) or [""]
        if _w(parts[-1], name, size) + gap + right_w <= width:
            return [(p, "") for p in parts[:-1]] + [(parts[-1], right)]
        return [(p, "") for p in parts] + [("", right)]

    def draw(self, canvas: Canvas, row: Row, top: float) -> float:
        kind = row[0]
        name, size = self.font(kind)
        lead = size * 1.3
        y = top - size
        canvas.setFont(name, size)
        if kind in ("title", "center"):
            for line in simpleSplit(row[1], name, size, self.inner):
                canvas.drawCentredString(self.width / 2, y, line)
                y -= lead
        elif kind == "text":
            indent = 3 * mm if row[1].startswith("  ") else 0
            for line in simpleSplit(row[1], name, size, self.inner - indent):
                canvas.drawString(MARGIN + indent, y, line)
                y -= lead
        elif kind in ("pair", "bold_pair"):
            indent = 3 * mm if row[1].startswith("  ") else 0
            for left, right in self.pair_lines(row, name, size):
                canvas.drawString(MARGIN + indent, y, left)
                if right:
                    canvas.drawRightString(self.width - MARGIN, y, right)
                y -= lead
        elif kind == "rule":
            canvas.setDash(1, 2)
            canvas.setLineWidth(0.5)
            mid = top - self.leading * 0.3
            canvas.line(MARGIN, mid, self.width - MARGIN, mid)
            canvas.setDash()
        elif kind == "logo" and logo_ok(row[1]):
            canvas.drawImage(
                row[1],
                MARGIN,
                top - LOGO_H,
                self.inner,
                LOGO_H,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
        elif kind == "qr":
            qr.draw(
                canvas, row[1], (self.width - self.qr_side) / 2, top - self.qr_side - 1 * mm, self.qr_side
            )
        return top - self.measure(row)


def _w(text: str, name: str, size: float) -> float:
    return stringWidth(text, name, size)


def receipt_pdf(receipt: Receipt, width: int = 58, target: str | Path | None = None) -> bytes:
    """Render the receipt; returns the PDF bytes (and writes them to `target` when given)."""
    return thermal_pdf(rows(receipt), width, f"{receipt.title} {receipt.number}", receipt.shop_name, target)


def thermal_pdf(
    all_rows: list[Row], width: int, title: str, author: str = "", target: str | Path | None = None
) -> bytes:
    """Any thermal document (receipt, voucher, shift slip) from its rows, one page as long as needed."""
    all_rows = clean_rows(all_rows)
    layout = _Layout(width)
    height = sum(layout.measure(r) for r in all_rows) + 2 * MARGIN
    buf = BytesIO()
    # Uncompressed: zlib over the embedded font subsets is a third of the time of a receipt; the file is
    # about twice as big, still nothing for a printer or a WhatsApp message.
    canvas = Canvas(buf, pagesize=(layout.width, height), pageCompression=0)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    top = height - MARGIN
    for row in all_rows:
        top = layout.draw(canvas, row, top)
    canvas.showPage()
    canvas.save()
    return fonts.finish(buf.getvalue(), target)
