"""The price list to share: an A4 PDF (name, unit, price under category headings; the shop's name, phone
and the date on every page; page numbers) and phone-sized PNG images 1080 pixels wide, as many as needed.
Both carry the QR of a WhatsApp chat with the shop (as the posters do) when the shop has a WhatsApp
number. On the images the prices stand right-aligned in one column, the unit in its own column after
them, and a long name wraps over up to three lines.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pos.core import whatsapp
from pos.core.errors import FileUnwritable, InvalidInput
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.customers.posters import Item, PriceList, slug
from receipts import fonts, qr
from receipts.poster_canvas import (
    GREEN,
    GREEN_DARK,
    INK,
    LINE,
    MINT,
    MUTED,
    PAPER,
    font,
    shorten,
    width,
    wrap,
)
from receipts.posters import free_path

ROW, HEADING = 6.2 * mm, 9 * mm
MAX_IMAGES = 40  # a bigger catalogue goes out as the PDF, or one category at a time
IMAGE_W, IMAGE_H = 1080, 1920

Line = tuple[str, str, Item | None]  # ("heading", name, None) | ("item", "", item)


def _lines(plist: PriceList) -> list[Line]:
    out: list[Line] = []
    for name, items in plist.sections:
        out.append(("heading", name, None))
        out.extend(("item", "", item) for item in items)
    return out


def link(plist: PriceList) -> str:
    """The wa.me link the price list's QR opens ('' without the shop's WhatsApp number)."""
    shop = plist.shop
    return (
        whatsapp.link(shop.phone, _("Halo {shop}, saya mau pesan:").format(shop=shop.name))
        if shop.phone
        else ""
    )


def _pages(
    lines: list[Line], room: float, row: float, heading: float, tall: Callable[[Item], float] | None = None
) -> list[list[Line]]:
    """Lines spread over pages of `room` height (an item `row` high, or `tall(item)`); a heading never ends
    a page (it moves to the next), and a page that starts inside a category repeats its heading."""
    pages: list[list[Line]] = [[]]
    used, current = 0.0, ""
    for kind, name, item in lines:
        height = tall(item) if tall is not None and item is not None else row
        need = heading if kind == "heading" else height
        if kind == "heading":
            current = name
            need += row  # with at least its first item (its height is not known here: a row's)
        if used + need > room and pages[-1]:
            pages.append([])
            used = 0.0
            if kind == "item":
                pages[-1].append(("heading", _("{category} (lanjutan)").format(category=current), None))
                used += heading
        pages[-1].append((kind, name, item))
        used += heading if kind == "heading" else height
    return pages


def _short(text: str, face: str, size: float, room: float) -> str:
    if stringWidth(text, face, size) <= room:
        return text
    while text and stringWidth(text + "…", face, size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _contact(plist: PriceList) -> str:
    shop = plist.shop
    parts = [
        p for p in (shop.address, _("WA {phone}").format(phone=shop.phone_text) if shop.phone else "") if p
    ]
    return " · ".join(parts)


def price_list_pdf(plist: PriceList, target: str | Path | None = None) -> bytes:
    """The A4 price list; `target` is written too when given."""
    regular, bold = fonts.register()
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=A4, pageCompression=1)
    canvas.setTitle(f"{plist.title} {plist.shop.name}")
    page_w, page_h = A4
    left, right, top, bottom = 18 * mm, page_w - 18 * mm, page_h - 16 * mm, 16 * mm
    head_h = 24 * mm
    unit_x, price_x = right - 58 * mm, right
    pages = _pages(_lines(plist), top - head_h - bottom - 6 * mm, ROW, HEADING)
    day = plist.day.strftime("%d-%m-%Y")
    wa = link(plist)
    side = 20 * mm  # the QR, top right under the green band; the title and the date move left of it
    words = right - side - 4 * mm if wa else right
    for number, page in enumerate(pages, 1):
        canvas.setFillColor(GREEN)
        canvas.rect(0, page_h - 6 * mm, page_w, 6 * mm, stroke=0, fill=1)
        if wa:
            qr.draw(canvas, wa, right - side, top - 13 * mm, side)
        canvas.setFillColor(INK)
        canvas.setFont(bold, 17)
        canvas.drawString(left, top - 6 * mm, _short(plist.shop.name, bold, 17, words - left - 62 * mm))
        canvas.setFont(bold, 12)
        canvas.setFillColor(GREEN_DARK)
        canvas.drawRightString(words, top - 6 * mm, _short(plist.title, bold, 12, 60 * mm))
        canvas.setFont(regular, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, top - 12 * mm, _short(_contact(plist), regular, 9, words - left - 45 * mm))
        canvas.drawRightString(words, top - 12 * mm, _("Harga per {date}").format(date=day))
        if wa:
            canvas.setFillColor(GREEN_DARK)
            canvas.setFont(bold, 8.5)
            canvas.drawRightString(words, top + 0.5 * mm, _("Pesan lewat WhatsApp"))
        y = top - head_h + 4 * mm
        canvas.setFont(bold, 8.5)
        canvas.drawString(left, y, _("Nama barang"))
        canvas.drawString(unit_x, y, _("Satuan"))
        canvas.drawRightString(price_x, y, _("Harga"))
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(0.6)
        canvas.line(left, y - 2 * mm, right, y - 2 * mm)
        y -= 2 * mm
        shade = False
        for kind, name, item in page:
            if kind == "heading":
                y -= HEADING
                canvas.setFont(bold, 11)
                canvas.setFillColor(GREEN_DARK)
                canvas.drawString(left, y + 2.2 * mm, _short(name, bold, 11, right - left))
                shade = False
                continue
            assert item is not None
            y -= ROW
            if shade:
                canvas.setFillColor(MINT)
                canvas.rect(left - 2 * mm, y, right - left + 4 * mm, ROW, stroke=0, fill=1)
            shade = not shade
            canvas.setFillColor(INK)
            canvas.setFont(regular, 10)
            canvas.drawString(left, y + 1.9 * mm, _short(item.name, regular, 10, unit_x - left - 4 * mm))
            canvas.setFont(regular, 9)
            canvas.drawString(unit_x, y + 1.9 * mm, item.unit)
            canvas.setFont(bold, 10)
            canvas.drawRightString(price_x, y + 1.9 * mm, format_rupiah(item.price))
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, bottom - 4 * mm, plist.shop.name)
        canvas.drawRightString(
            right, bottom - 4 * mm, _("Halaman {page} dari {pages}").format(page=number, pages=len(pages))
        )
        canvas.showPage()
    canvas.save()
    return fonts.finish(buf.getvalue(), target)


_HEAD, _FOOT, _ROW, _HEADING = 300, 230, 84, 96
_LINE = 48  # a wrapped name's second line adds this much to its row
_NAME, _PRICE, _UNIT = ("regular", 40), ("bold", 44), ("regular", 30)


def _unit(item: Item) -> str:
    return f"/{item.unit}" if item.unit else ""


def _columns(plist: PriceList) -> tuple[int, int, int]:
    """(name room, right edge of the prices, left edge of the units) on a phone image: the units in one
    column at the right, the prices right-aligned in one column before them, the names in what is left."""
    items = [item for _n, group in plist.sections for item in group]
    unit_w = max((width(_unit(i), font(*_UNIT)) for i in items), default=0)
    price_w = max((width(format_rupiah(i.price), font(*_PRICE)) for i in items), default=0)
    m = 56
    unit_x = IMAGE_W - m - unit_w
    price_right = unit_x - (10 if unit_w else 0)
    return price_right - price_w - 32 - m, price_right, unit_x


def _name_lines(item: Item, room: int) -> list[str]:
    return wrap(item.name, font(*_NAME), room, 3)[0]


def _image_pages(plist: PriceList) -> list[list[Line]]:
    room = _columns(plist)[0]
    return _pages(
        _lines(plist),
        IMAGE_H - _HEAD - _FOOT - 40,
        _ROW,
        _HEADING,
        lambda item: _ROW + _LINE * (len(_name_lines(item, room)) - 1),
    )


def image_count(plist: PriceList) -> int:
    """How many phone images the price list takes."""
    return len(_image_pages(plist))


def price_list_images(plist: PriceList, limit: int | None = None) -> list[Image.Image]:
    """The price list as phone-sized images, 1080×1920 each, numbered 1/3, 2/3 … (only the first `limit`
    when given: a preview). More than MAX_IMAGES are refused: the PDF is the way to share those."""
    head, foot, row, heading = _HEAD, _FOOT, _ROW, _HEADING
    pages = _image_pages(plist)
    if len(pages) > MAX_IMAGES and limit is None:
        raise InvalidInput(
            N_(
                "Daftar harga ini butuh {n} gambar (paling banyak {max}). Pilih satu kategori, atau bagikan "
                "PDF-nya."
            ),
            n=len(pages),
            max=MAX_IMAGES,
        )
    images = []
    day = plist.day.strftime("%d-%m-%Y")
    name_face, price_face, unit_face = font(*_NAME), font(*_PRICE), font(*_UNIT)
    room, price_right, unit_x = _columns(plist)
    wa = link(plist)
    for number, page in enumerate(pages[:limit] if limit else pages, 1):
        image = Image.new("RGB", (IMAGE_W, IMAGE_H), PAPER)
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, IMAGE_W, head - 40), fill=GREEN)
        m = 56
        shop_face = font("bold", 64)
        draw.text((m, 48), shorten(plist.shop.name, shop_face, IMAGE_W - 2 * m), font=shop_face, fill="white")
        sub = font("regular", 38)
        draw.text((m, 140), shorten(f"{plist.title} · {day}", sub, IMAGE_W - 2 * m), font=sub, fill="white")
        draw.rounded_rectangle(
            (m - 20, head - 10, IMAGE_W - m + 20, IMAGE_H - foot + 10), radius=28, fill="white"
        )
        y = head
        for kind, name, item in page:
            if kind == "heading":
                face = font("bold", 46)
                draw.text((m, y + 30), shorten(name, face, IMAGE_W - 2 * m), font=face, fill=GREEN_DARK)
                y += heading
                continue
            assert item is not None
            names = _name_lines(item, room)
            tall = row + _LINE * (len(names) - 1)
            for index, line in enumerate(names):
                draw.text((m, y + 20 + index * _LINE), line, font=name_face, fill=INK)
            middle = y + (tall - row) // 2  # the price and the unit in the middle of a two-line row
            price = format_rupiah(item.price)
            draw.text(
                (price_right - width(price, price_face), middle + 16), price, font=price_face, fill=GREEN_DARK
            )
            if item.unit:
                draw.text((unit_x, middle + 28), _unit(item), font=unit_face, fill=MUTED)
            draw.line((m, y + tall - 2, IMAGE_W - m, y + tall - 2), fill=LINE, width=2)
            y += tall
        _image_footer(draw, plist, wa, f"{number}/{len(pages)}")
        images.append(image)
    return images


def _image_footer(draw: ImageDraw.ImageDraw, plist: PriceList, wa: str, count: str) -> None:
    """The WhatsApp number and, when there is one, the QR of a chat with the shop; the image's number."""
    m, foot = 56, _FOOT
    top = IMAGE_H - foot + 10
    small, bold, regular = font("regular", 32), font("bold", 40), font("regular", 32)
    right = IMAGE_W - m
    if wa:
        rows = qr.matrix(wa)
        side = foot - 40
        cell = max(1, side // len(rows))
        full = cell * len(rows)
        x, y = right - full, top + 20 + (side - full) // 2
        draw.rectangle((x - 12, y - 12, x + full + 11, y + full + 11), fill="white")
        for r, line in enumerate(rows):
            for c, dark in enumerate(line):
                if dark:
                    draw.rectangle(
                        (x + c * cell, y + r * cell, x + (c + 1) * cell - 1, y + (r + 1) * cell - 1),
                        fill="black",
                    )
        right = x - 40
    words = right - m
    y = top + 40
    if wa:
        draw.text((m, y), shorten(_("Pesan lewat WhatsApp"), bold, words), font=bold, fill=GREEN_DARK)
        text = _("Scan QR ini atau chat {phone}").format(phone=plist.shop.phone_text)
        draw.text((m, y + 60), shorten(text, regular, words), font=regular, fill=INK)
    elif plist.shop.address:
        draw.text((m, y), shorten(plist.shop.address, regular, words), font=regular, fill=INK)
    draw.text((m, IMAGE_H - 56), count, font=small, fill=MUTED)


def save(plist: PriceList, folder: str | Path, images: bool = True) -> list[Path]:
    """The PDF, the images (unless `images` is False) and the caption (.txt) into `folder`; returns the
    files written. Nothing is left behind when one cannot be written."""
    pdf = price_list_pdf(plist)
    pictures = price_list_images(plist) if images else []
    target = Path(folder)
    stem = f"{slug(plist.title)}-{plist.day.isoformat()}"
    written: list[Path] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        path = free_path(target, stem, ".pdf")
        path.write_bytes(pdf)
        written.append(path)
        for number, image in enumerate(pictures, 1):
            buf = BytesIO()
            image.save(buf, "PNG", optimize=True)
            path = free_path(target, f"{stem}-{number}", ".png")
            path.write_bytes(buf.getvalue())
            written.append(path)
        path = free_path(target, f"{stem}-caption", ".txt")
        path.write_text(plist.caption + "\n", encoding="utf-8")
        written.append(path)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise FileUnwritable(name=str(target), why=exc.strerror or str(exc)) from exc
    return written
