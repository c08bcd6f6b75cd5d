"""QR codes on PDFs, drawn as runs of dark modules (faster than reportlab's widget by an order)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from reportlab.pdfgen.canvas import Canvas


@lru_cache(maxsize=256)
def matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def draw(canvas: Canvas, text: str, x: float, y: float, side: float) -> None:
    """Draw the QR for `text` with its lower-left corner at (x, y), `side` points wide."""
    rows = matrix(text)
    cell = side / len(rows)
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        top = y + side - (r + 1) * cell
        start = None
        for c, dark in enumerate((*row, False)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                path.rect(x + start * cell, top, (c - start) * cell, cell)
                start = None
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
