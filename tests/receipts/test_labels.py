"""Price labels on paper: every sheet and the thermal roll render, names and prices print as they are."""

from __future__ import annotations

import math
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.graphics.barcode import getCodes
from reportlab.graphics.shapes import Rect
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from pos.catalog.labels import LabelItem, items_for_purchase
from pos.core.barcodes import ean13_check_digit
from pos.core.errors import InvalidInput
from receipts import fonts
from receipts.labels import LAYOUTS, barcode, ean_bars, fit_name, labels_pdf, layout_names
from tests.pos.helpers import small_shop

INDOMIE = LabelItem("Indomie Goreng", 3_500, "8998866200301", "EAN13")
BERAS = LabelItem("Beras Pandan Wangi 5 kg", 72_000, "BRS-5KG", "Code128")
BIMOLI = LabelItem("Minyak Goreng Bimoli Spesial Pouch 2 Liter Isi Ulang", 38_500, "8992628020152", "EAN13")
TEH = LabelItem("Teh Celup Sariwangi isi 25", 6_800, "96385074", "EAN8")
HTML = LabelItem("<b>Kopi</b> & Gula", 2_000, "KOPI-1", "Code128")
SAMPLE = [INDOMIE, BERAS, BIMOLI, TEH, HTML]


def pages(data: bytes) -> list:
    assert data.startswith(b"%PDF-")
    return list(PdfReader(BytesIO(data)).pages)


def text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pages(data))


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_layout_renders_pages_of_its_size(layout):
    spec = LAYOUTS[layout]
    for count in (1, spec.per_page, spec.per_page + 1, 2 * spec.per_page + 3):
        items = (SAMPLE * count)[:count]
        read = pages(labels_pdf(items, layout))
        assert len(read) == math.ceil(count / spec.per_page)
        box = read[0].mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (
            round(spec.page[0], 1),
            round(spec.page[1], 1),
        )


def test_the_sheets_fit_the_paper():
    for spec in LAYOUTS.values():
        right = spec.margin[0] + (spec.cols - 1) * spec.pitch[0] + spec.label[0]
        bottom = spec.margin[1] + (spec.rows - 1) * spec.pitch[1] + spec.label[1]
        assert right <= spec.page[0] + 0.01 and bottom <= spec.page[1] + 0.01, spec.key
        assert abs(spec.margin[0] - (spec.page[0] - right)) < 0.5 * mm, spec.key  # centred across
    assert LAYOUTS["a4-3x7"].per_page == 21 and LAYOUTS["a4-4x10"].per_page == 40
    assert LAYOUTS["thermal58"].per_page == 1
    assert dict(layout_names())["a4-3x7"] == "A4 3×7 (21 label, 63,5×38,1 mm)"


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_names_and_prices_are_on_the_labels(layout):
    printed = text(labels_pdf([INDOMIE, BERAS, TEH], layout, shop_name="Toko Bu Sri"))
    for name, price in (("Indomie Goreng", "Rp 3.500"), ("Beras Pandan Wangi 5 kg", "Rp 72.000")):
        assert name in printed
        assert price in printed
    assert "Rp 6.800" in printed
    assert "BRS-5KG" in printed  # Code 128's text under the bars


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_html_in_a_name_prints_literally(layout):
    printed = text(labels_pdf([HTML], layout))
    assert "<b>Kopi</b> & Gula" in printed
    assert "&amp;" not in printed


def test_a_long_name_wraps_to_two_lines_and_shrinks():
    regular, bold = fonts.register()
    for spec in LAYOUTS.values():
        width = spec.label[0] - 2 * spec.pad
        for name in (
            BIMOLI.name,
            "Supercalifragilisticexpialidocious-Kerupuk-Udang-Sidoarjo-Asli",
            "Kerupuk " * 30,
        ):
            size, lines = fit_name(name.strip(), bold, width, *spec.name_size)
            assert 1 <= len(lines) <= 2
            assert spec.name_size[1] <= size <= spec.name_size[0]
            assert all(stringWidth(line, bold, size) <= width + 0.01 for line in lines), (spec.key, lines)
        size, lines = fit_name("Kerupuk " * 30, bold, width, *spec.name_size)
        assert lines[-1].endswith("…")
    size, lines = fit_name(BIMOLI.name, bold, LAYOUTS["a4-3x7"].label[0] - 2 * LAYOUTS["a4-3x7"].pad, 9, 6)
    assert " ".join(lines) == BIMOLI.name  # all of it, on two lines


def test_barcodes_fit_the_label_with_their_quiet_zones():
    for spec in LAYOUTS.values():
        width = spec.label[0] - 2 * spec.pad
        for item in SAMPLE:
            bar = barcode(item.symbology, item.code, width, 10 * mm)
            assert bar.width <= width + 0.01 and bar.height <= 10 * mm + 0.01, (spec.key, item.code)
        ean = barcode("EAN13", INDOMIE.code, width, 10 * mm)
        assert ean.symbol.barWidth >= 0.264 * mm  # 80 % of the nominal size or more
        room = (ean.width - 95 * ean.symbol.barWidth) / 2
        assert room >= 9 * ean.symbol.barWidth - 0.01
        assert width - 95 * ean.symbol.barWidth >= 22 * ean.symbol.barWidth - 0.01  # 11 modules each side


def drawn_bars(widget) -> list:
    return [
        (r.x, r.y, r.width, r.height)
        for r in widget.draw().contents
        if isinstance(r, Rect) and r.fillColor is not None
    ]


def test_ean_bars_are_the_widgets_own():
    codes = [INDOMIE.code, BIMOLI.code, "2000000000015", "2100123012503"]
    for n in range(20):
        body = f"{n * 7919:012d}"
        codes.append(body + ean13_check_digit(body))
    for code in codes:
        bar = barcode("EAN13", code, 50 * mm, 12 * mm)
        assert type(bar.symbol) is getCodes()["EAN13"]
        assert ean_bars(bar.symbol) == drawn_bars(bar.symbol)
    for code in (TEH.code, "12345670"):
        eight = barcode("EAN8", code, 50 * mm, 12 * mm)
        assert ean_bars(eight.symbol) == drawn_bars(eight.symbol)


def test_a_code_no_barcode_can_carry_prints_as_text():
    odd = LabelItem("Kopi Luwak", 150_000, "KOPI-É", "Code128")
    for sheet in ([odd], [odd, odd, INDOMIE]):  # drawn in place, and as a form for several labels
        printed = text(labels_pdf(sheet, "a4-3x7"))
        assert printed.count("KOPI-É") == printed.count("Rp 150.000") == len(sheet) - (len(sheet) > 1)


def test_labels_of_a_restock(owner):
    items = small_shop(owner)
    from pos.stock import stock

    purchase = stock.restock([(items["mie"], 24, 2_900), (items["beras"], 3, 12_000)], owner)
    data = labels_pdf(items_for_purchase(purchase.id), "a4-3x7", shop_name="Warung Uji")
    assert len(pages(data)) == 2  # 24 + 1 labels
    assert text(data).count("Rp 3.500") == 24


def test_a_thousand_labels():
    items = []
    for n in range(1_000):
        body = f"899{n:09d}"
        items.append(LabelItem(f"Barang {n}", 1_000 + n, body + ean13_check_digit(body), "EAN13"))
    assert len(pages(labels_pdf(items, "a4-3x7"))) == 48


def test_nothing_to_print_or_an_unknown_sheet():
    with pytest.raises(InvalidInput) as caught:
        labels_pdf([], "a4-3x7")
    assert caught.value.text == "Belum ada label untuk dicetak."
    with pytest.raises(InvalidInput) as caught:
        labels_pdf([INDOMIE], "a5-2x4")
    assert caught.value.text == "Ukuran label a5-2x4 tidak dikenal."
