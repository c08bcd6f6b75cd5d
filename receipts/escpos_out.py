"""Receipts and kitchen tickets as ESC/POS bytes (python-escpos), for 58 mm (32 columns) or 80 mm (48).

Characters a thermal code page cannot print are replaced sensibly (é -> e, × -> x, emoji -> ?).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

from pos.core.i18n import _
from pos.core.text import printable as clean_controls
from pos.counter.receipt import Receipt
from receipts.layout import Row, qty_text, rows, text_lines, wrap

if TYPE_CHECKING:
    from escpos.printer import Dummy

COLUMNS = {58: 32, 80: 48}
_REPLACE = {
    "×": "x",
    "·": "-",
    "–": "-",
    "—": "-",
    "…": "...",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "•": "*",
}


def printable(text: str) -> str:
    """Plain ASCII for a thermal printer's code page, without a control byte (ESC, GS, DLE, …): what a
    name or a note says is printed, never obeyed as a printer command."""
    out = []
    for char in clean_controls(text):
        if ord(char) < 128:
            out.append(char)
        elif char in _REPLACE:
            out.append(_REPLACE[char])
        else:
            folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(folded or "?")
    return "".join(out)


DOTS = {58: 384, 80: 576}  # the printable width in dots (8 per mm) of a 58 / 80 mm roll


def _dummy(profile: Any = None) -> Any:
    """python-escpos loads its printer capability database on import: only when printing."""
    from escpos.printer import Dummy  # heavy: loaded when printing, not when Kasir starts

    return Dummy(profile=profile)


def paper_profile(width: int) -> Any:
    """A python-escpos profile for this paper: the default profile's features, `width`'s columns and dots.

    python-escpos's public way to describe a printer of one's own is a `capabilities.Profile` ("for users who
    want to provide their own profile"); it has no setter for the paper's width in dots, which `image()` reads
    from `profile_data["media"]`, so this profile carries a dict of its own with it (the shared default
    profile's dict is never edited: every printer in the process reads that one)."""
    from escpos.capabilities import Profile  # heavy: loaded when printing

    media = {"dpi": 203, "width": {"mm": 48 if width == 58 else 72, "pixels": DOTS.get(width, 384)}}

    class PaperProfile(Profile):  # type: ignore[misc]  # python-escpos is untyped (Profile is Any)
        profile_data = {**Profile.profile_data, "media": media}

    return PaperProfile(columns=COLUMNS.get(width, 32), features=Profile.profile_data["features"])


def _printer(width: int) -> Dummy:
    return _dummy(paper_profile(width))


def receipt_bytes(receipt: Receipt, width: int = 58, *, drawer: bool = False, cut: bool = True) -> bytes:
    return thermal_bytes(rows(receipt), width, drawer=drawer, cut=cut)


def thermal_bytes(all_rows: list[Row], width: int = 58, *, drawer: bool = False, cut: bool = True) -> bytes:
    """Any thermal document from its rows: init, optional drawer kick, text, native QR, cut."""
    columns = COLUMNS.get(width, 32)
    p = _printer(width)
    p.hw("INIT")
    if drawer:
        p.cashdraw(2)
    for style, line in text_lines(all_rows, columns):
        if style == "logo":
            _logo(p, line, width)
            continue
        if style == "qr":
            p.set(align="center")
            p.qr(line, native=True, size=5)
            p.set(align="left")
            continue
        p.set(
            bold=style in ("bold", "title"), double_height=style == "title", normal_textsize=style != "title"
        )
        p.text(printable(line) + "\n")
    p.set(normal_textsize=True)
    p.text("\n\n")
    if cut:
        p.cut()
    return bytes(p.output)


def kitchen_bytes(receipt: Receipt, width: int = 58) -> bytes:
    """Items and notes only, large, for the kitchen (bakso stall)."""
    columns = COLUMNS.get(width, 32) // 2
    p = _printer(width)
    p.hw("INIT")
    p.set(bold=True, double_height=True, double_width=True)
    p.text(printable(_("PESANAN")) + "\n")
    p.set(normal_textsize=True, bold=False)
    head = f"{receipt.number} {receipt.created_at.strftime('%H:%M')}"
    p.text(
        printable(head)
        + "\n"
        + printable(" · ".join(x for x in (receipt.channel, receipt.order_type) if x))
        + "\n"
    )
    if receipt.customer_name:
        p.text(printable(receipt.customer_name) + "\n")
    p.text("-" * COLUMNS.get(width, 32) + "\n")
    for line in receipt.lines:
        p.set(bold=True, double_height=True, double_width=True)
        for part in _wrap(f"{qty_text(line.qty)}x {line.name}", columns):
            p.text(printable(part) + "\n")
        p.set(normal_textsize=True, bold=False)
        if line.note:
            p.text(printable(f"   * {line.note}") + "\n")
    p.text("\n\n")
    p.cut()
    return bytes(p.output)


def _logo(p: Dummy, path: str, width: int) -> None:
    """Print the logo as a raster image; a missing or unreadable file is skipped (the receipt prints)."""
    try:
        from PIL import Image  # only a shop with a logo loads Pillow

        with Image.open(path) as image:
            image.thumbnail((DOTS.get(width, 384), 160))
            p.set(align="center")
            p.image(image.convert("L"), center=True)
            p.set(align="left")
    except Exception:  # noqa: BLE001 - missing file, not an image, unsupported format
        return


def drawer_bytes() -> bytes:
    p = _dummy()
    p.cashdraw(2)
    return bytes(p.output)


def _wrap(text: str, width: int) -> list[str]:
    return wrap(text, width)
