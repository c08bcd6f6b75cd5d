"""Posters and the price list as files: exact sizes, a QR whose modules are the order link's, the struck
through old price, long names that stay in their boxes, a missing or broken logo skipped; the PDF lists
every product with its exact price and numbers its pages."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from pos.catalog import catalog
from pos.core import settings
from pos.core.errors import InvalidInput
from pos.core.money import format_rupiah
from pos.customers import gifts, posters, stamps, voucher
from receipts import poster_canvas, price_list, qr
from receipts import posters as draw
from tests.pos.helpers import small_shop

RED = (0xB3, 0x26, 0x1E)
GREEN = (0x1F, 0x7A, 0x4D)


@pytest.fixture
def items(owner):
    return small_shop(owner, open_shift=False)


def _offers(items, owner):
    bakso, teh, mie = items["bakso"].id, items["teh"].id, items["mie"].id
    voucher.issue_batch(
        2, kind="rp", value=10_000, expires_on=date(2026, 12, 31), user=owner, campaign="Gajian"
    )
    card = stamps.configure("Kartu Bakso", 10, products=[bakso], reward_product=teh, user=owner)
    gift = gifts.configure("Gratis Teh", teh, min_spend=50_000, user=owner)
    extra = [catalog.create_product(f"E{i}", f"Es Campur {i}", 9_000 + i * 1_000).id for i in range(3)]
    return [
        ("single", posters.for_products([bakso], promo={bakso: 15_000}, until=date(2026, 12, 31))),
        ("list", posters.for_products([bakso, teh, mie])),
        ("list", posters.for_products([bakso, teh, mie, *extra], promo={teh: 4_000})),
        ("program", posters.for_voucher("Gajian")),
        ("program", posters.for_stamps(card.id)),
        ("program", posters.for_gift(gift.id)),
    ]


def _inside(box: poster_canvas.Box, w: int, h: int, slack: int = 4) -> bool:
    """The ink of a text in its box (a glyph's side bearing may reach a few pixels out: J, W)."""
    x0, y0, x1, y1 = box.ink
    r0, q0, r1, q1 = box.room
    return (
        x0 >= r0 - slack
        and x1 <= r1 + slack
        and y0 >= q0 - slack
        and y1 <= q1 + slack
        and x1 <= w
        and y1 <= h
    )


def test_every_layout_and_size_is_a_png_of_exactly_that_size(items, owner):
    for layout, offer in _offers(items, owner):
        assert draw.auto_layout(offer) == layout
        for size, (w, h) in draw.SIZES.items():
            poster = draw.render(offer, layout, size)
            data = poster.png()
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            assert Image.open(BytesIO(data)).size == (w, h)
            assert poster.boxes and all(_inside(b, w, h) for b in poster.boxes), (layout, size)


def test_prices_are_drawn_large(items):
    offer = posters.for_products([items["bakso"].id, items["teh"].id, items["mie"].id])
    for size in draw.SIZES:
        poster = draw.render(offer, "list", size)
        for text in ("Rp 18.000", "Rp 5.000", "Rp 3.500"):
            (box,) = [b for b in poster.boxes if b.text == text]
            # ink of the figures: cap height
            assert box.ink[3] - box.ink[1] >= poster_canvas.MIN_PRICE_PX * 0.7


def test_qr_modules_are_the_order_link(items):
    offer = posters.for_products([items["bakso"].id])
    poster = draw.render(offer, "single", "square")
    assert poster.qr is not None
    x, y, side, cell = poster.qr
    rows = qr.matrix(offer.link)
    assert side == cell * len(rows) and cell >= 3  # whole pixels per module: a phone reads it
    image = poster.image.convert("L")
    seen = [
        [image.getpixel((x + c * cell + cell // 2, y + r * cell + cell // 2)) < 128 for c in range(len(rows))]
        for r in range(len(rows))
    ]
    assert seen == [list(row) for row in rows]
    assert offer.link.startswith("https://wa.me/6281200001111?text=")


def test_no_whatsapp_number_no_qr(items):
    settings.update({"shop_phone": ""})
    poster = draw.render(posters.for_products([items["bakso"].id]), "single", "status")
    assert poster.qr is None
    assert not any("WhatsApp" in b.text for b in poster.boxes)


def test_old_price_is_struck_through_in_red(items):
    offer = posters.for_products([items["bakso"].id], promo={items["bakso"].id: 15_000})
    for layout_size in ("square", "status"):
        poster = draw.render(offer, "single", layout_size)
        texts = [b.text for b in poster.boxes]
        assert "Rp 18.000" in texts and "Rp 15.000" in texts and "-16%" in texts
        (old,) = [b for b in poster.boxes if b.text == "Rp 18.000"]
        x0, y0, x1, y1 = old.ink
        reds = [
            (x, y)
            for y in range(y0, y1)
            for x in range(x0, x1, 4)
            if _near(poster.image.getpixel((x, y)), RED)
        ]
        assert len({x for x, _y in reds}) > (x1 - x0) // 4 * 0.9  # a red line from end to end


def _near(pixel, colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def test_long_names_are_shortened_never_overflow(items):
    long = "Senapan Angin Sharp Tiger Kaliber 4,5 mm Edisi Terbatas dengan Teleskop " * 3
    product = catalog.create_product("SNP", long.strip()[:200], 1_850_000)
    word = catalog.create_product("KATA", "Supercalifragilisticexpialidocious" * 5, 12_500)
    ids = [product.id, word.id, items["teh"].id, items["mie"].id, items["bakso"].id, items["beras"].id]
    for chosen, layout in (([product.id], "single"), (ids[:3], "list"), (ids, "list"), ([word.id], "single")):
        offer = posters.for_products(chosen)
        for size, (w, h) in draw.SIZES.items():
            poster = draw.render(offer, layout, size)
            assert all(_inside(b, w, h) for b in poster.boxes), [
                (b, layout, size) for b in poster.boxes if not _inside(b, w, h)
            ]
            drawn = " ".join(b.text for b in poster.boxes)
            assert "…" in drawn
            assert "Rp 1.850.000" in drawn or chosen == [word.id]  # a price is never shortened
    settings.update({"shop_name": "Toko Serba Ada Sejahtera Makmur Abadi Jaya Sentosa Selalu Ramai Pembeli"})
    poster = draw.render(posters.for_products([items["teh"].id]), "single", "square")
    assert all(_inside(b, 1080, 1080) for b in poster.boxes)


def test_logo_drawn_missing_or_broken_skipped(items, tmp_path):
    offer_for = lambda: posters.for_products([items["teh"].id])  # noqa: E731
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (250, 200, 0)).save(logo)
    settings.update({"receipt_logo": str(logo)})
    poster = draw.render(offer_for(), "single", "square")
    assert _near(poster.image.getpixel((56 + 44, 68)), (250, 200, 0), 10)  # the logo, in its white tile
    assert poster.image.getpixel((56 + 44, 30)) == (255, 255, 255)
    name = [b for b in poster.boxes if b.text == "Warung Uji"][0]
    assert name.ink[0] > 56 + 88  # the name moves right of it
    for bad in (tmp_path / "gone.png", tmp_path / "broken.png"):
        if bad.name == "broken.png":
            bad.write_bytes(b"not a picture at all")
        settings.update({"receipt_logo": str(bad)})
        poster = draw.render(offer_for(), "single", "square")
        assert _near(poster.image.getpixel((56 + 44, 30)), GREEN, 10)  # no tile: the green band
        name = [b for b in poster.boxes if b.text == "Warung Uji"][0]
        assert name.ink[0] < 56 + 10


def test_layout_must_fit_the_offer(items, owner):
    two = posters.for_products([items["teh"].id, items["mie"].id])
    with pytest.raises(InvalidInput, match="tepat satu barang"):
        draw.render(two, "single")
    with pytest.raises(InvalidInput):
        draw.render(two, "program")
    with pytest.raises(InvalidInput):
        draw.render(two, "list", "a4")
    voucher.issue_batch(1, kind="rp", value=5_000, expires_on=None, user=owner, campaign="Kopi")
    with pytest.raises(InvalidInput):
        draw.render(posters.for_voucher("Kopi"), "list")


def test_save_writes_png_and_caption_and_keeps_earlier(items, tmp_path):
    offer = posters.for_products([items["bakso"].id])
    first = draw.save(offer, tmp_path / "poster", ("square", "status"))
    assert [p.name for p in first] == [
        "poster-bakso-urat-square.png",
        "poster-bakso-urat-status.png",
        "poster-bakso-urat-caption.txt",
    ]
    assert Image.open(first[1]).size == (1080, 1920)
    assert first[2].read_text(encoding="utf-8") == offer.caption + "\n"
    again = draw.save(offer, tmp_path / "poster")
    assert [p.name for p in again] == ["poster-bakso-urat-square-2.png", "poster-bakso-urat-caption-2.txt"]


def test_save_to_a_file_instead_of_a_folder_refused(items, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    from pos.core.errors import FileUnwritable

    with pytest.raises(FileUnwritable):
        draw.save(posters.for_products([items["bakso"].id]), blocker)
    with pytest.raises(FileUnwritable):
        price_list.save(posters.price_list(), blocker)


def _many(count: int) -> list[tuple[str, int]]:
    drinks = catalog.create_category("Minuman")
    made = []
    for i in range(count):
        name, price = f"Minuman Segar Nomor {i:03d}", 1_000 + i * 250
        catalog.create_product(f"M{i}", name, price, category=drinks if i % 3 else None, unit="pack")
        made.append((name, price))
    return made


def test_price_list_pdf_lists_every_product_with_its_price_and_numbers_pages(items, tmp_path):
    made = _many(150)
    data = price_list.price_list_pdf(posters.price_list(), tmp_path / "daftar.pdf")
    assert (tmp_path / "daftar.pdf").read_bytes() == data
    reader = PdfReader(BytesIO(data))
    pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    total = len(pages)
    assert total >= 3
    for number, text in enumerate(pages, 1):
        assert f"Halaman {number} dari {total}" in text
        assert "Warung Uji" in text and "Harga per 23-11-2026" in text
    rows = [line for text in pages for line in text.splitlines()]
    for name, price in made:
        hits = [line for line in rows if " ".join(line.split()) == f"{name} pack {format_rupiah(price)}"]
        assert len(hits) == 1, (name, price)
    shop = {" ".join(line.split()) for line in rows}
    assert {
        "Indomie Goreng pcs Rp 3.500",
        "Beras Pandan Wangi kg Rp 15.000",
        "Bakso Urat porsi Rp 18.000",
    } <= shop
    priced = [line for line in rows if line.rstrip().endswith(("0", "5")) and " Rp " in line]
    assert len(priced) == len(made) + 4  # every product once, nothing else priced


def test_price_list_images_are_phone_sized_and_numbered(items, monkeypatch):
    _many(60)
    plist = posters.price_list()
    images = price_list.price_list_images(plist)
    assert len(images) >= 2 and all(image.size == (1080, 1920) for image in images)
    monkeypatch.setattr(price_list, "MAX_IMAGES", 1)
    with pytest.raises(InvalidInput, match="Pilih satu kategori"):
        price_list.price_list_images(plist)


def test_price_list_save(items, tmp_path):
    plist = posters.price_list(items["bakso"].category_id)
    written = price_list.save(plist, tmp_path)
    assert [p.name for p in written] == [
        "daftar-harga-makanan-2026-11-23.pdf",
        "daftar-harga-makanan-2026-11-23-1.png",
        "daftar-harga-makanan-2026-11-23-caption.txt",
    ]
    text = PdfReader(written[0]).pages[0].extract_text(extraction_mode="layout")
    assert "Bakso Urat porsi Rp 18.000" in " ".join(text.split()) and "Beras" not in text


TITLE_45 = "Promo Akhir Tahun Spesial Harbolnas Diskon Ge"
NAME_60 = "Kopi Kapal Api Special Mix Sachet Isi 10 Edisi Spesial Hemat"


def test_a_long_title_and_name_wrap_and_every_word_is_shown(items):
    """A 45-character title goes over two lines and a 60-character name over several before anything is
    cut: every word is on the poster, nothing ends in '…', nothing leaves its box."""
    assert (len(TITLE_45), len(NAME_60)) == (45, 60)
    kopi = catalog.create_product("KOPI", NAME_60, 14_000, unit="pack")
    cases = [
        ([kopi.id], "single", {kopi.id: 12_500}),
        ([kopi.id, items["teh"].id], "list", {kopi.id: 12_500}),
        ([kopi.id, items["teh"].id, items["mie"].id], "list", {}),
        ([kopi.id, items["teh"].id, items["mie"].id, items["bakso"].id], "list", {}),
    ]
    for ids, layout, promo in cases:
        offer = posters.for_products(ids, promo=promo, title=TITLE_45)
        for size, (w, h) in draw.SIZES.items():
            poster = draw.render(offer, layout, size)
            assert all(_inside(b, w, h) for b in poster.boxes), (layout, size)
            texts = [b.text for b in poster.boxes]
            assert not [t for t in texts if "…" in t], (layout, size, texts)
            words = " ".join(texts).split()
            for word in [*TITLE_45.upper().split(), *NAME_60.split()]:
                assert word in words, (word, layout, size, texts)
            title = next(b for b in poster.boxes if b.text.startswith("PROMO AKHIR"))
            assert len([b for b in poster.boxes if b.room == title.room]) == 2  # the title in two lines


def _drawn_texts(monkeypatch):
    """What the price list images write, as (x, y, text, right edge)."""
    from PIL import ImageDraw

    seen = []
    real = ImageDraw.ImageDraw.text

    def text(self, xy, value, *args, font=None, **kwargs):
        seen.append((int(xy[0]), int(xy[1]), value, int(xy[0] + font.getlength(value))))
        return real(self, xy, value, *args, font=font, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", text)
    return seen


def test_price_list_images_price_column_unit_column_and_wrapped_names(items, monkeypatch):
    """Prices right-aligned in one column whatever the unit ('pcs' too, with its /pcs), the units in
    their own column, and a long name over two lines rather than cut."""
    catalog.create_product("BKU", "Bakso Beku 50 butir (bawa pulang) isi campur urat dan halus", 55_000)
    seen = _drawn_texts(monkeypatch)
    plist = posters.price_list()
    (image,) = price_list.price_list_images(plist)
    prices = [s for s in seen if s[2].startswith("Rp ")]
    assert sorted(s[2] for s in prices) == sorted(
        format_rupiah(i.price) for _n, group in plist.sections for i in group
    )
    assert len({s[3] for s in prices}) == 1  # one right edge
    units = [s for s in seen if s[2].startswith("/")]
    assert sorted(s[2] for s in units) == ["/kg", "/pcs", "/pcs", "/pcs", "/porsi"]  # BKU, Indomie: pcs
    assert len({s[0] for s in units}) == 1 and units[0][0] > prices[0][3]  # one column, after the prices
    texts = [s[2] for s in seen]
    assert not [t for t in texts if "…" in t]
    name = [s for s in seen if s[2].startswith("Bakso Beku")]
    assert len(name) == 1 and seen[seen.index(name[0]) + 1][1] > name[0][1]  # its second line is below
    words = " ".join(texts).split()
    assert all(w in words for w in "Bakso Beku 50 butir (bawa pulang) isi campur urat dan halus".split())


def _qr_drawn(image, link: str) -> bool:
    """The QR of `link` somewhere in the image's footer: its modules' centres dark and light as the matrix."""
    rows = qr.matrix(link)
    grey = image.convert("L")
    w, h = image.size
    for cell in range(8, 1, -1):  # the module size and the top left corner: search the footer
        full = cell * len(rows)
        for x in range(w - 56 - full, w - 56 - full + 1):
            for y in range(h - 240, h - full):
                if all(
                    (grey.getpixel((x + c * cell + cell // 2, y + r * cell + cell // 2)) < 128) == dark
                    for r, row in enumerate(rows)
                    for c, dark in enumerate(row)
                ):
                    return True
    return False


def test_price_list_carries_the_whatsapp_qr(items, monkeypatch):
    plist = posters.price_list()
    link = price_list.link(plist)
    assert link == "https://wa.me/6281200001111?text=Halo%20Warung%20Uji%2C%20saya%20mau%20pesan%3A"
    assert f"Pesan lewat WhatsApp: {link}" in plist.caption  # the same chat as the caption's
    (image,) = price_list.price_list_images(plist)
    assert _qr_drawn(image, link)
    drawn = []
    real = qr.draw
    monkeypatch.setattr(qr, "draw", lambda canvas, text, *a: (drawn.append(text), real(canvas, text, *a)))
    _many(150)
    pages = len(PdfReader(BytesIO(price_list.price_list_pdf(posters.price_list()))).pages)
    assert drawn == [link] * pages  # on every page of the PDF
    settings.update({"shop_phone": ""})
    plain = posters.price_list()
    assert price_list.link(plain) == ""
    drawn.clear()
    price_list.price_list_pdf(plain)
    assert drawn == []
    assert not _qr_drawn(price_list.price_list_images(plain, limit=1)[0], link)
