"""Promo posters as PNG images (Pillow, no Qt): 1080×1080 for a Facebook/Instagram post, 1080×1920 for a
WhatsApp Status. Three layouts: one product in large type, a list of 2–6 products, and a program (a voucher,
a stamp card, a bonus gift). The shop's green band with its name and logo on top, a QR that opens a
WhatsApp chat with the shop at the bottom, beside the offer's end date.

Every text is fitted to its box on a receipts.poster_canvas.Canvas (a title over two lines, a name over up
to four). `Poster.boxes` keeps where each text went, so a test can see that nothing left its box.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from PIL import Image

from pos.core.errors import FileUnwritable, InvalidInput
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.customers.posters import Offer, logo_path, slug
from receipts import qr
from receipts.poster_canvas import (
    ELLIPSIS,
    GREEN,
    GREEN_DARK,
    INK,
    LINE,
    MIN_PRICE_PX,
    MINT,
    MUTED,
    RED,
    Box,
    Canvas,
    Rect,
    price_face,
)

SIZES = {"square": (1080, 1080), "status": (1080, 1920)}
LAYOUTS = ("single", "list", "program")


def layout_names() -> list[tuple[str, str]]:
    return [
        ("single", _("Satu barang besar")),
        ("list", _("Daftar 2–6 barang")),
        ("program", _("Program (voucher, stempel, hadiah)")),
    ]


def size_names() -> list[tuple[str, str]]:
    return [
        ("square", _("Persegi (FB, IG)")),
        ("status", _("Status WhatsApp")),
    ]


@dataclass
class Poster:
    image: Image.Image
    boxes: list[Box] = field(default_factory=list)
    layout: str = ""
    size: str = ""
    qr: tuple[int, int, int, int] | None = None  # x, y, side and module size of the QR, when there is one

    def png(self) -> bytes:
        buf = BytesIO()
        self.image.save(buf, "PNG", optimize=True)
        return buf.getvalue()


# --- the parts every poster has ---------------------------------------------------------------------

M = 56  # the margin


def _header(c: Canvas, offer: Offer, height: int) -> None:
    c.draw.rectangle((0, 0, c.w, height), fill=GREEN)
    side = height - 48
    left = M
    if c.logo(logo_path(offer.shop), (M, 24, M + side, 24 + side)):
        left = M + side + 28
    c.text(
        offer.shop.name,
        (left, 20, c.w - M, height - 20),
        sizes=(64, 36),
        lines=2,
        fill="white",
        valign="middle",
    )


def _kicker(offer: Offer) -> str:
    return {
        "voucher": _("VOUCHER BELANJA"),
        "stamps": _("KARTU STEMPEL"),
        "gift": _("BONUS HADIAH"),
    }.get(offer.kind, offer.title)


def _footer(c: Canvas, offer: Offer, top: int) -> None:
    c.draw.rectangle((0, top, c.w, c.h), fill="white")
    c.draw.line((0, top, c.w, top), fill=LINE, width=2)
    pad = 28
    right = c.w - M
    if offer.link:
        side = c.h - top - 2 * pad
        full = len(qr.matrix(offer.link)) * max(1, side // len(qr.matrix(offer.link)))
        c.qr(offer.link, c.w - M - full, top + pad + (side - full) // 2, side)
        right = c.w - M - full - 32
    tall = c.h - top - 2 * pad
    y = top + pad
    rows: list[tuple[str, str, str, int]] = []
    if offer.link:
        rows.append((_("Pesan lewat WhatsApp"), "bold", GREEN_DARK, 46))
        rows.append(
            (_("Scan QR ini atau chat {phone}").format(phone=offer.shop.phone_text), "regular", INK, 34)
        )
    elif offer.shop.address:
        rows.append((offer.shop.address, "regular", INK, 34))
    if offer.until:
        rows.append((offer.until_text, "bold", RED, 40))
    step = tall // max(3, len(rows))
    k = 13 if c.h > c.w else 10  # a status has room for larger type
    for text, style, fill, base in rows:
        size = base * k // 10
        c.text(
            text, (M, y, right, y + step), style=style, sizes=(size, 24), lines=2, fill=fill, valign="middle"
        )
        y += step


def _geometry(size: str) -> tuple[int, int, int]:
    """(header height, title height, footer height) for a size."""
    return (136, 108, 240) if size == "square" else (200, 160, 330)


# --- layouts ----------------------------------------------------------------------------------------


TITLE_SIZES = (96, 40)  # a title's type: one line as large as 96, two lines before it goes below 60


def _title_height(c: Canvas, text: str, height: int) -> int:
    """The title band's height: `height` when the title fits one line at 60 or larger, else half as tall
    again for two lines (the body below gives up that room)."""
    _face, shown, _step = c.fit(text.upper(), (M, 0, c.w - M, height - 12), "bold", (96, 60), 1)
    return height if not shown[-1].endswith(ELLIPSIS) or text.endswith(ELLIPSIS) else height * 3 // 2


def _title(c: Canvas, text: str, top: int, height: int) -> None:
    c.text(
        text.upper(),
        (M, top + 8, c.w - M, top + height - 4),
        sizes=TITLE_SIZES,
        lines=2,
        fill=GREEN_DARK,
        align="center",
        valign="middle",
    )


def _single(c: Canvas, offer: Offer, body: Rect, tall: bool) -> None:
    """One product: its name large, the old price struck through, the price very large, centred."""
    item = offer.items[0]
    x0, y0, x1, y1 = body
    c.card(body)
    pad = 48
    inner = (x0 + pad, y0 + pad, x1 - pad, y1 - pad)
    right, badge_bottom = inner[2], inner[1]
    if item.old_price:  # a red badge in the top right corner with the percentage off
        r = 100 if tall else 84
        cx, cy = x1 - r - 28, y0 + r + 28
        c.draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=RED)
        c.text(
            f"-{item.percent_off}%",
            (cx - r + 16, cy - r, cx + r - 16, cy + r),
            sizes=(64, 34),
            fill="white",
            align="center",
            valign="middle",
        )
        right, badge_bottom = (inner[2], cy + r + 16) if tall else (cx - r - 24, cy + r)
    name_room = (inner[0], inner[1], right, inner[1] + (inner[3] - inner[1]) * 45 // 100)
    face, shown, step = c.fit(item.name, name_room, "bold", (112 if tall else 84, 44), 4)
    old = (64 if tall else 52) if item.old_price else 0
    price_h = int(price_face(item.price, inner[2] - inner[0], 230 if tall else 160)[1] * 1.2) + 1
    unit = _("per {unit}").format(unit=item.unit) if item.unit and item.unit != "pcs" else ""
    saving = _("Hemat {amount}").format(amount=format_rupiah(item.saving)) if item.old_price else ""
    rest = "  ·  ".join(t for t in (unit, saving) if t)
    gap = 40 if tall else 20
    block = len(shown) * step + gap + (int(old * 1.3) if old else 0) + price_h + (60 if rest else 0)
    y = max(inner[1], inner[1] + (inner[3] - inner[1] - block) // 2)
    if tall and item.old_price:  # the name starts below the badge
        y = max(y, min(badge_bottom, inner[3] - block))
    if item.old_price:  # the price (full width) starts below the badge
        price_top = y + len(shown) * step + gap + int(old * 1.3)
        y += max(0, min(badge_bottom + 8 - price_top, inner[3] - y - block))
    c.text(item.name, (inner[0], y, right, y + len(shown) * step), sizes=(int(face.size), 44), lines=4)
    y += len(shown) * step + gap
    if item.old_price:
        c.old_price(item.old_price, (inner[0], y, inner[2], y + int(old * 1.2)), old, align="left")
        y += int(old * 1.3)
    c.price(item.price, (inner[0], y, inner[2], y + price_h), big=price_h, align="left")
    y += price_h
    if rest and y + 40 <= inner[3]:
        c.text(
            rest, (inner[0], y, inner[2], min(inner[3], y + 60)), style="regular", sizes=(44, 28), fill=MUTED
        )


def _common_size(c: Canvas, names: list[tuple[str, Rect]], sizes: tuple[int, int], lines: int) -> int:
    """One name size for a list: the smallest at which every name fits (a name that cannot fit even at
    the smallest goes smaller on its own, and does not pull the others down)."""
    fitting = []
    for name, room in names:
        face, shown, step = c.fit(name, room, "bold", sizes, lines)
        if not shown or not shown[-1].endswith(ELLIPSIS) or name.endswith(ELLIPSIS):
            fitting.append(int(face.size))
    return min(fitting) if fitting else sizes[1]


def _list(c: Canvas, offer: Offer, body: Rect, tall: bool) -> None:
    """2–6 products: full-width rows (name left, prices right), or on a square with 4–6 a grid of tiles."""
    items = offer.items
    x0, y0, x1, y1 = body
    columns = 2 if not tall and len(items) >= 4 else 1
    rows = (len(items) + columns - 1) // columns
    gap = 20 if tall else 16
    row_h = min(250 if tall else 230, (y1 - y0 - gap * (rows - 1)) // rows)
    top0 = y0 + (y1 - y0 - rows * row_h - gap * (rows - 1)) // 2
    col_w = (x1 - x0 - gap * (columns - 1)) // columns
    pad = 26
    places = []
    for index, item in enumerate(items):
        r, col = divmod(index, columns)
        left, top = x0 + col * (col_w + gap), top0 + r * (row_h + gap)
        places.append((item, (left, top, left + col_w, top + row_h)))
    if columns == 2:  # tiles: the name, then the old price, then the price
        price_h, old_h = 76, 40
        rooms = []
        for item, rect in places:
            bottom = rect[3] - 12 - price_h - (old_h + 8 if item.old_price else 0)
            rooms.append((item.name, (rect[0] + pad, rect[1] + 14, rect[2] - pad, bottom)))
        size = _common_size(c, rooms, (42, 32), 3)
        for (item, rect), (_name, room) in zip(places, rooms, strict=True):
            c.card(rect, radius=22)
            c.text(item.name, room, sizes=(size, 24), lines=3, valign="middle")  # a long one: smaller
            if item.old_price:
                c.old_price(
                    item.old_price, (room[0], room[3] + 8, room[2], room[3] + 8 + old_h - 4), 32, "left"
                )
            c.price(
                item.price, (room[0], rect[3] - 12 - price_h, room[2], rect[3] - 12), big=72, align="left"
            )
        return
    price_w = (col_w - 2 * pad) * 44 // 100
    rooms = [(item.name, (r[0] + pad, r[1] + 12, r[2] - pad - price_w - 24, r[3] - 12)) for item, r in places]
    size = _common_size(c, rooms, (56, 42) if tall else (48, 36), 4)
    for (item, rect), (_name, room) in zip(places, rooms, strict=True):
        c.card(rect, radius=22)
        c.text(item.name, room, sizes=(size, 32 if tall else 30), lines=4, valign="middle")
        prices = (rect[2] - pad - price_w, rect[1] + 12, rect[2] - pad, rect[3] - 12)
        height = prices[3] - prices[1]
        price_h = min(96, height - (44 if item.old_price else 0))
        if item.old_price and price_h >= MIN_PRICE_PX:
            top = prices[1] + (height - price_h - 44) // 2
            c.old_price(item.old_price, (prices[0], top, prices[2], top + 44), 36)
            c.price(item.price, (prices[0], top + 44, prices[2], top + 44 + price_h), big=price_h)
        else:
            c.price(item.price, prices, big=min(96, height))


def _program(c: Canvas, offer: Offer, body: Rect, tall: bool) -> None:
    """A voucher, stamp card or gift: its name, its value on a ticket, its conditions; centred."""
    x0, y0, x1, y1 = body
    c.card(body)
    pad = 44
    inner = (x0 + pad, y0 + pad, x1 - pad, y1 - pad)
    wide = (inner[0], 0, inner[2], 10_000)
    name_face, name_lines, name_step = c.fit(offer.title, wide, "bold", (96 if tall else 64, 40), 2)
    ticket_h = 380 if tall else 190
    gap = 56 if tall else 22
    small, size = (34, 56) if tall else (26, 38)
    room = inner[3] - inner[1] - len(name_lines) * name_step - ticket_h - 2 * gap
    while True:  # one size for every condition, as large as lets them all fit
        fitted = [c.fit(line, wide, "regular", (size, size), 3) for line in offer.lines]
        lines_h = sum(len(f[1]) * f[2] for f in fitted) + 12 * max(0, len(fitted) - 1)
        if lines_h <= room or size <= small:
            break
        size -= 2
    block = len(name_lines) * name_step + gap + ticket_h + (gap + lines_h if fitted else 0)
    y = inner[1] + max(0, (inner[3] - inner[1] - block) // 2)
    height = len(name_lines) * name_step
    c.text(
        offer.title,
        (inner[0], y, inner[2], y + height),
        sizes=(int(name_face.size), 40),
        lines=2,
        align="center",
    )
    y += height + gap
    ticket = (inner[0] + 20, y, inner[2] - 20, y + ticket_h)
    c.draw.rounded_rectangle(ticket, radius=24, fill=MINT)
    _dashes(c, ticket)
    c.text(
        offer.big,
        (ticket[0] + 30, ticket[1] + 24, ticket[2] - 30, ticket[3] - 24),
        sizes=(220 if tall else 140, MIN_PRICE_PX),
        fill=GREEN_DARK,
        align="center",
        valign="middle",
    )
    y = ticket[3] + gap
    for line, (face, shown, step) in zip(offer.lines, fitted, strict=True):
        height = min(len(shown) * step, inner[3] - y)
        if height < step:
            break
        c.text(
            line,
            (inner[0], y, inner[2], y + height),
            style="regular",
            sizes=(int(face.size), 24),
            lines=3,
            align="center",
        )
        y += height + 12


def _dashes(c: Canvas, rect: Rect) -> None:
    x0, y0, x1, y1 = rect
    for x in range(x0 + 30, x1 - 30, 36):
        c.draw.line((x, y0 + 10, x + 18, y0 + 10), fill=GREEN, width=4)
        c.draw.line((x, y1 - 10, x + 18, y1 - 10), fill=GREEN, width=4)


# --- the poster -------------------------------------------------------------------------------------


def auto_layout(offer: Offer) -> str:
    if offer.kind != "products":
        return "program"
    return "single" if len(offer.items) == 1 else "list"


def render(offer: Offer, layout: str = "", size: str = "square") -> Poster:
    """The poster of `offer` in `layout` ('' chooses: one product large, more as a list, a program)."""
    layout = layout or auto_layout(offer)
    if size not in SIZES:
        raise InvalidInput(N_("Ukuran poster tidak dikenal: {size}."), size=size)
    if layout not in LAYOUTS:
        raise InvalidInput(N_("Tata letak poster tidak dikenal: {layout}."), layout=layout)
    if layout == "program" and offer.kind == "products":
        raise InvalidInput(
            N_("Tata letak Program untuk voucher, kartu stempel atau hadiah; pilih programnya.")
        )
    if layout != "program" and offer.kind != "products":
        raise InvalidInput(N_("Poster program memakai tata letak Program."))
    if layout == "single" and len(offer.items) != 1:
        raise InvalidInput(
            N_("Satu barang besar untuk tepat satu barang; yang dipilih {n}."), n=len(offer.items)
        )
    w, h = SIZES[size]
    tall = size == "status"
    c = Canvas(w, h)
    head, title, foot = _geometry(size)
    _header(c, offer, head)
    title = _title_height(c, _kicker(offer), title)
    _title(c, _kicker(offer), head, title)
    body = (M, head + title, w - M, h - foot - (40 if tall else 28))
    {"single": _single, "list": _list, "program": _program}[layout](c, offer, body, tall)
    _footer(c, offer, h - foot)
    return Poster(c.image, c.boxes, layout, size, c.qr_box)


def file_name(offer: Offer, size: str) -> str:
    title = offer.title if offer.kind != "products" or len(offer.items) != 1 else offer.items[0].name
    return f"poster-{slug(title)}-{size}"


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem.suffix, or stem-2, stem-3 ... when that is taken (an earlier poster stays)."""
    path, n = folder / f"{stem}{suffix}", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def save(
    offer: Offer, folder: str | Path, sizes: tuple[str, ...] = ("square",), layout: str = ""
) -> list[Path]:
    """Render `offer` in each size into `folder` as PNG, with its caption beside it as a .txt file;
    returns the files written. Nothing is written when a poster cannot be drawn."""
    posters = [render(offer, layout, size) for size in sizes]
    target = Path(folder)
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for poster in posters:
            path = free_path(target, file_name(offer, poster.size), ".png")
            path.write_bytes(poster.png())
            written.append(path)
        text = free_path(target, file_name(offer, "caption"), ".txt")
        text.write_text(offer.caption + "\n", encoding="utf-8")
        written.append(text)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise FileUnwritable(name=str(target), why=exc.strerror or str(exc)) from exc
    return written
