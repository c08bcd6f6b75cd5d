"""Fonts for PDFs: a TrueType sans (DejaVu Sans when the system has it, else reportlab's own Vera), embedded
so that every character of a product name is kept in the PDF text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "KasirSans", "KasirSans-Bold"
_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
]


@cache
def register() -> tuple[str, str]:
    own = Path(reportlab.__file__).parent / "fonts"
    pairs = [*_CANDIDATES, (str(own / "Vera.ttf"), str(own / "VeraBd.ttf"))]
    for regular, bold in pairs:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont(REGULAR, regular))
            pdfmetrics.registerFont(TTFont(BOLD, bold))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
            return REGULAR, BOLD
    return "Helvetica", "Helvetica-Bold"


def finish(data: bytes, target: str | Path | None) -> bytes:
    """Every PDF renderer returns its bytes and, when asked, writes them to `target` too."""
    if target is not None:
        Path(target).write_bytes(data)
    return data
