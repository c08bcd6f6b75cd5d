"""Fonts for PDFs: a TrueType sans the system has (DejaVu Sans on Linux, Arial on Windows and macOS), else
reportlab's own Vera, embedded so that every character of a product name is kept in the PDF text."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD = "KasirSans", "KasirSans-Bold"
_CANDIDATES = [
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # Fedora
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),  # Arch
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf"),
]


def pick() -> tuple[str, str] | None:
    """The files of the first (regular, bold) pair the system has, else reportlab's own Vera's."""
    own = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in [*_CANDIDATES, (str(own / "Vera.ttf"), str(own / "VeraBd.ttf"))]:
        if Path(regular).exists() and Path(bold).exists():
            return regular, bold
    return None


@cache
def register() -> tuple[str, str]:
    """The PDFs' font names, registered once per process (reportlab keeps a name's first font)."""
    found = pick()
    if found is None:
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont(REGULAR, found[0]))
    pdfmetrics.registerFont(TTFont(BOLD, found[1]))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


def finish(data: bytes, target: str | Path | None) -> bytes:
    """Every PDF renderer returns its bytes and, when asked, writes them to `target` too."""
    if target is not None:
        Path(target).write_bytes(data)
    return data
