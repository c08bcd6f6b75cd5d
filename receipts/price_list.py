"""The price list to share: an A4 PDF (name, unit, price under category headings; the shop's name, phone
and the date on every page; page numbers) and phone-sized PNG images 1080 pixels wide, as many as needed.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pos.errors import FileUnwritable, InvalidInput
from pos.i18n import N_, _
from pos.money import format_rupiah
from pos.posters import Item, PriceList, slug
from receipts import fonts
from receipts.posters import GREEN, GREEN_DARK, INK, LINE, MINT, MUTED, PAPER, font, free_path, shorten, width

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


def _pages(lines: list[Line], room: float, row: float, heading: float) -> list[list[Line]]:
    """Lines spread over pages of `room` height; a heading never ends a page (it moves to the next), and a
    page that starts inside a category repeats its heading."""
    pages: list[list[Line]] = [[]]
    used, current = 0.0, ""
    for kind, name, item in lines:
        need = heading if kind == "heading" else row
        if kind == "heading":
            current = name
            need += row  # with at least its first item
        if used + need > room and pages[-1]:
            pages.append([])
            used = 0.0
            if kind == "item":
                pages[-1].append(("heading", _("{category} (lanjutan)").format(category=current), None))
                used += heading
        pages[-1].append((kind, name, item))
        used += heading if kind == "heading" else row
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
    for number, page in enumerate(pages, 1):
        canvas.setFillColor(GREEN)
        canvas.rect(0, page_h - 6 * mm, page_w, 6 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(bold, 17)
        canvas.drawString(left, top - 6 * mm, _short(plist.shop.name, bold, 17, right - left - 45 * mm))
        canvas.setFont(bold, 12)
        canvas.setFillColor(GREEN_DARK)
        canvas.drawRightString(right, top - 6 * mm, _short(plist.title, bold, 12, 60 * mm))
        canvas.setFont(regular, 9)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, top - 12 * mm, _short(_contact(plist), regular, 9, right - left - 45 * mm))
        canvas.drawRightString(right, top - 12 * mm, _("Harga per {date}").format(date=day))
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


_HEAD, _FOOT, _ROW, _HEADING = 300, 150, 84, 96


def image_count(plist: PriceList) -> int:
    """How many phone images the price list takes."""
    return len(_pages(_lines(plist), IMAGE_H - _HEAD - _FOOT - 40, _ROW, _HEADING))


def price_list_images(plist: PriceList, limit: int | None = None) -> list[Image.Image]:
    """The price list as phone-sized images, 1080×1920 each, numbered 1/3, 2/3 … (only the first `limit`
    when given: a preview). More than MAX_IMAGES are refused: the PDF is the way to share those."""
    head, foot, row, heading = _HEAD, _FOOT, _ROW, _HEADING
    pages = _pages(_lines(plist), IMAGE_H - head - foot - 40, row, heading)
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
    name_face, price_face, unit_face = font("regular", 40), font("bold", 44), font("regular", 30)
    units = {f"/{item.unit}" for _n, items in plist.sections for item in items if item.unit != "pcs"}
    unit_w = max((width(u, unit_face) for u in units), default=0) + (8 if units else 0)  # prices in a column
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
            price = format_rupiah(item.price)
            unit = f"/{item.unit}" if item.unit and item.unit != "pcs" else ""
            price_w = width(price, price_face)
            room = IMAGE_W - 2 * m - price_w - unit_w - 36
            draw.text((m, y + 20), shorten(item.name, name_face, room), font=name_face, fill=INK)
            x = IMAGE_W - m - unit_w
            draw.text((x - price_w, y + 16), price, font=price_face, fill=GREEN_DARK)
            if unit:
                draw.text((x + 8, y + 28), unit, font=unit_face, fill=MUTED)
            draw.line((m, y + row - 2, IMAGE_W - m, y + row - 2), fill=LINE, width=2)
            y += row
        small = font("regular", 32)
        bold = font("bold", 36)
        footer = (
            _("Pesan lewat WhatsApp {phone}").format(phone=plist.shop.phone_text) if plist.shop.phone else ""
        )
        if footer:
            draw.text(
                (m, IMAGE_H - foot + 50),
                shorten(footer, bold, IMAGE_W - 2 * m - 140),
                font=bold,
                fill=GREEN_DARK,
            )
        count = f"{number}/{len(pages)}"
        draw.text((IMAGE_W - m - width(count, small), IMAGE_H - foot + 54), count, font=small, fill=MUTED)
        images.append(image)
    return images


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
