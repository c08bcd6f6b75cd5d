"""A picture to draw a poster on (Pillow, no Qt): the app's colours, the fonts, and text fitted to its box
— it wraps, shrinks to a smallest size, and only what still does not fit ends in '…'; every text drawn is
kept as a Box (where its ink went, the room it had), so a test can see that nothing left its box.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont, UnidentifiedImageError

from pos.core.errors import InvalidInput
from pos.core.i18n import N_
from pos.core.money import format_rupiah
from receipts import fonts, qr

# The app's colours (ui/theme.py), copied: receipts/ never imports ui/.
GREEN, GREEN_DARK, RED, INK, MUTED, PAPER = "#1f7a4d", "#155c39", "#b3261e", "#1d2321", "#5f6b66", "#f6f7f5"
MINT, LINE = "#e3efe8", "#d6dcd8"

MIN_PRICE_PX = 64  # a price is never smaller on a poster (read on a phone)
ELLIPSIS = "…"

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1


# --- fonts and text -------------------------------------------------------------------------------


@cache
def _font_files() -> dict[str, str]:
    """The PDFs' fonts (DejaVu Sans, else reportlab's Vera) as files Pillow opens; a condensed bold for
    prices too wide for their box (DejaVu's, else the bold)."""
    own = Path(reportlab.__file__).parent / "fonts"
    for regular, bold in [*fonts._CANDIDATES, (str(own / "Vera.ttf"), str(own / "VeraBd.ttf"))]:
        if Path(regular).exists() and Path(bold).exists():
            condensed = Path(bold).with_name("DejaVuSansCondensed-Bold.ttf")
            return {
                "regular": regular,
                "bold": bold,
                "condensed": str(condensed if condensed.exists() else bold),
            }
    raise InvalidInput(N_("Tidak ada huruf (font) untuk menggambar poster."))


@cache
def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(_font_files()[style], size)


def width(text: str, face: ImageFont.FreeTypeFont) -> int:
    return int(face.getlength(text) + 0.999)


def shorten(text: str, face: ImageFont.FreeTypeFont, room: int) -> str:
    """`text` shortened with '…' to fit `room` pixels."""
    if width(text, face) <= room:
        return text
    while text and width(text.rstrip() + ELLIPSIS, face) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


def wrap(text: str, face: ImageFont.FreeTypeFont, room: int, max_lines: int) -> tuple[list[str], bool]:
    """Lines of at most `room` pixels (a word longer than a line is split); (lines, shortened)."""
    lines: list[str] = []
    for word in text.split():
        while width(word, face) > room:  # a very long word: as much as fits, the rest on the next line
            cut = len(word) - 1
            while cut > 1 and width(word[:cut], face) > room:
                cut -= 1
            if lines and width(f"{lines[-1]} {word[:cut]}", face) <= room:
                lines[-1] = f"{lines[-1]} {word[:cut]}"
            else:
                lines.append(word[:cut])
            word = word[cut:]
        if lines and width(f"{lines[-1]} {word}", face) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    kept[-1] = shorten(" ".join(lines[max_lines - 1 :]), face, room)
    return kept, True


@dataclass(frozen=True)
class Box:
    text: str
    ink: Rect  # where its pixels are
    room: Rect  # the box it had to stay in


def price_face(amount: int, room: int, big: int) -> tuple[str, int]:
    """(style, size) of a price `room` pixels wide: as large as `big`, down to MIN_PRICE_PX in the bold,
    then in the condensed bold; only a price of many millions in a narrow box goes smaller."""
    text = format_rupiah(amount)
    size, style = big, "bold"
    while size > MIN_PRICE_PX and width(text, font(style, size)) > room:
        size -= 2
    if width(text, font(style, size)) > room:
        style = "condensed"
    while size > 24 and width(text, font(style, size)) > room:
        size -= 2
    return style, size


class Canvas:
    def __init__(self, w: int, h: int) -> None:
        self.image = Image.new("RGB", (w, h), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.boxes: list[Box] = []
        self.w, self.h = w, h
        self.qr_box: tuple[int, int, int, int] | None = None  # x, y, side, module

    def fit(
        self, text: str, room: Rect, style: str, sizes: tuple[int, int], lines: int, spacing: float = 1.15
    ) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
        """The largest size (from sizes[0] down to sizes[1]) at which `text` fits `room` in at most `lines`
        lines; at the smallest size, what does not fit ends in '…'. Returns (face, lines, line step)."""
        x0, y0, x1, y1 = room
        big, small = sizes
        size = big
        while True:
            face = font(style, size)
            step = max(int(size * spacing), sum(face.getmetrics()))  # room for the descender of 'p'
            shown, cut = wrap(text, face, x1 - x0, max(1, min(lines, (y1 - y0) // step)))
            if (not cut and len(shown) * step <= y1 - y0) or size <= small:
                return face, shown, step
            size = max(small, size - max(2, size // 12))

    def text(
        self,
        text: str,
        room: Rect,
        *,
        style: str = "bold",
        sizes: tuple[int, int] = (64, 32),
        lines: int = 1,
        fill: str = INK,
        align: str = "left",
        valign: str = "top",
    ) -> Rect:
        """Fit `text` into `room` and draw it; returns the rectangle its lines take."""
        face, shown, step = self.fit(text, room, style, sizes, lines)
        x0, y0, x1, y1 = room
        height = len(shown) * step
        top = y0 if valign == "top" else y0 + (y1 - y0 - height) // 2 if valign == "middle" else y1 - height
        used: Rect = (x1, top, x0, top + height)
        glyphs = sum(face.getmetrics())  # ascender to descender: what a line's ink can take
        for index, line in enumerate(shown):
            line_w = width(line, face)
            left = (
                x0 if align == "left" else x1 - line_w if align == "right" else x0 + (x1 - x0 - line_w) // 2
            )
            y = top + index * step + (step - glyphs) // 2
            self.draw.text((left, y), line, font=face, fill=fill)
            ink = self.draw.textbbox((left, y), line, font=face)
            self.boxes.append(Box(line, (int(ink[0]), int(ink[1]), int(ink[2]), int(ink[3])), room))
            used = (min(used[0], left), used[1], max(used[2], left + line_w), used[3])
        return used

    def price(
        self, amount: int, room: Rect, *, big: int, fill: str = GREEN_DARK, align: str = "right"
    ) -> Rect:
        """A price on one line, never below MIN_PRICE_PX while a condensed face still fits it."""
        style, size = price_face(amount, room[2] - room[0], min(big, (room[3] - room[1]) * 5 // 6))
        return self.text(
            format_rupiah(amount),
            room,
            style=style,
            sizes=(size, size),
            fill=fill,
            align=align,
            valign="middle",
        )

    def old_price(self, amount: int, room: Rect, size: int, align: str = "right") -> Rect:
        """The catalogue price, struck through in red."""
        used = self.text(
            format_rupiah(amount), room, style="regular", sizes=(size, size // 2), fill=MUTED, align=align
        )
        ink = self.boxes[-1].ink  # its top is the figures' top; its bottom is the descender of 'p'
        middle = ink[1] + (ink[3] - ink[1]) * 3 // 8
        self.draw.line((used[0] - 4, middle, used[2] + 4, middle), fill=RED, width=max(3, size // 12))
        return used

    def card(self, rect: Rect, fill: str = "white", outline: str = LINE, radius: int = 28) -> None:
        self.draw.rounded_rectangle(rect, radius=radius, fill=fill, outline=outline, width=2)

    def qr(self, link: str, x: int, y: int, side: int) -> int:
        """The QR of `link`, whole pixels per module, on white (the footer around it is its quiet zone);
        returns its side."""
        rows = qr.matrix(link)
        cell = max(1, side // len(rows))
        full = cell * len(rows)
        self.draw.rectangle((x, y, x + full - 1, y + full - 1), fill="white")
        for r, row in enumerate(rows):
            for col, dark in enumerate(row):
                if dark:
                    self.draw.rectangle(
                        (x + col * cell, y + r * cell, x + (col + 1) * cell - 1, y + (r + 1) * cell - 1),
                        fill="black",
                    )
        self.qr_box = (x, y, full, cell)
        return full

    def logo(self, path: Path | None, rect: Rect) -> bool:
        """The shop's logo on a white tile; a missing or broken file is skipped (False)."""
        if path is None:
            return False
        try:
            with Image.open(path) as raw:
                picture = raw.convert("RGBA")
        except (OSError, UnidentifiedImageError, ValueError):
            return False
        x0, y0, x1, y1 = rect
        self.draw.rounded_rectangle(rect, radius=20, fill="white")
        pad = 12
        picture.thumbnail((x1 - x0 - 2 * pad, y1 - y0 - 2 * pad))
        px = x0 + (x1 - x0 - picture.width) // 2
        py = y0 + (y1 - y0 - picture.height) // 2
        self.image.paste(picture, (px, py), picture)
        return True
