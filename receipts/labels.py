"""Price labels on paper: A4 sticker sheets (3×7 and 4×10) and a 58 mm thermal label roll.

Each label: the product name (two lines at most, made smaller to fit), the price large, and the barcode
(EAN-13, EAN-8 or Code 128, drawn with reportlab's own barcode widgets, with its quiet zones). A barcode is
drawn once per distinct code as a PDF form and placed on every label that carries it, so a thousand labels
take a fraction of a second.

The sheets are the common die-cut A4 ones sold in Indonesian stationery shops:
- 3×7: 21 labels of 63,5 × 38,1 mm, 7,2 mm side and 15,15 mm top margin, 2,5 mm between columns
  (Avery L7160 and its look-alikes);
- 4×10: 40 labels of 48,5 × 25,4 mm, 8 mm side and 21,5 mm top margin, no gaps (Avery 3657 and look-alikes);
- thermal58: one 58 × 40 mm label per page, as label printers with a gap sensor take them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import getCodes
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.shapes import String
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscent, getDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from pos.catalog.labels import LabelItem
from pos.core.errors import InvalidInput
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from receipts import fonts

NO_LABELS = N_("Belum ada label untuk dicetak.")
UNKNOWN_LAYOUT = N_("Ukuran label {name} tidak dikenal.")
_GREY = Color(0.35, 0.35, 0.35)
_EDGE = Color(0.7, 0.7, 0.7)
_X = 0.33 * mm  # EAN's nominal module (100 %); smaller when the label is narrower
_MIN_X = 0.25 * mm  # not smaller than this unless the label leaves no room
_QUIET = {"EAN13": (11, 7), "EAN8": (7, 7), "Code128": (10, 10)}  # quiet zones, in modules
_EAN_MODULES = {"EAN13": 95, "EAN8": 67}
_TEXT_GAP = 0.25  # between Code 128's bars and its text, in text sizes


@dataclass(frozen=True)
class LabelLayout:
    key: str
    name: str  # shown with _()
    page: tuple[float, float]  # points
    cols: int
    rows: int
    label: tuple[float, float]  # width, height of one label
    margin: tuple[float, float]  # left and top edge of the first label from the page's top-left corner
    pitch: tuple[float, float]  # from one label's left (top) edge to the next one's
    pad: float  # white space kept inside the label's edge
    name_size: tuple[float, float]  # largest and smallest size of the product name
    price_size: float  # largest size of the price
    bar_height: float  # tallest barcode (with its digits)
    shop_line: bool  # room for the shop's name on top
    corner: float = 0.0  # radius of the die-cut corners (drawn only with outline=True)

    @property
    def per_page(self) -> int:
        return self.cols * self.rows


LAYOUTS: dict[str, LabelLayout] = {
    "a4-3x7": LabelLayout(
        "a4-3x7",
        N_("A4 3×7 (21 label, 63,5×38,1 mm)"),
        A4,
        3,
        7,
        (63.5 * mm, 38.1 * mm),
        (7.21 * mm, 15.15 * mm),
        (66.04 * mm, 38.1 * mm),
        2.5 * mm,
        (9.0, 6.0),
        17.0,
        15 * mm,
        True,
        2 * mm,
    ),
    "a4-4x10": LabelLayout(
        "a4-4x10",
        N_("A4 4×10 (40 label, 48,5×25,4 mm)"),
        A4,
        4,
        10,
        (48.5 * mm, 25.4 * mm),
        (8.0 * mm, 21.5 * mm),
        (48.5 * mm, 25.4 * mm),
        1.8 * mm,
        (7.0, 5.0),
        12.0,
        11 * mm,
        False,
    ),
    "thermal58": LabelLayout(
        "thermal58",
        N_("Thermal 58 mm (label 58×40 mm)"),
        (58 * mm, 40 * mm),
        1,
        1,
        (58 * mm, 40 * mm),
        (0.0, 0.0),
        (58 * mm, 40 * mm),
        2.5 * mm,
        (9.0, 6.5),
        18.0,
        15 * mm,
        True,
    ),
}


# --- text that fits ---
def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the label, cut into pieces that fit (at least one character each)."""
    pieces = []
    while word and stringWidth(word, font, size) > width:
        cut = 1
        while cut < len(word) and stringWidth(word[: cut + 1], font, size) <= width:
            cut += 1
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word] if word else pieces


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if stringWidth(trial, font, size) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        pieces = _break_word(word, font, size, width)
        lines.extend(pieces[:-1])
        current = pieces[-1] if pieces else ""
    if current:
        lines.append(current)
    return lines


def _ellipsize(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def fit_name(text: str, font: str, width: float, largest: float, smallest: float) -> tuple[float, list[str]]:
    """(size, at most two lines): the largest size at which the name fits in two lines; at the smallest size
    a longer name is cut with '…'."""
    size = largest
    while size >= smallest:
        lines = wrap(text, font, size, width)
        if len(lines) <= 2:
            return size, lines
        size -= 0.5
    lines = wrap(text, font, smallest, width)
    rest = " ".join(lines[1:])
    return smallest, [lines[0], _ellipsize(rest + " …", font, smallest, width).replace(" …", "…")]


def fit_size(text: str, font: str, width: float, largest: float) -> float:
    natural = stringWidth(text, font, largest)
    return largest if natural <= width else largest * width / natural


# --- barcodes ---
@dataclass(frozen=True)
class Barcode:
    """A barcode sized for a label, drawn with its lower left corner at (0, 0): an EAN widget or a Code 128
    barcode from reportlab.graphics.barcode."""

    symbol: Any
    width: float
    height: float
    lift: float  # Code 128's text goes below its bars
    text_size: float = 0.0  # Code 128's text under the bars (EAN widgets write their own digits)


def barcode(symbology: str, code: str, width: float, height: float) -> Barcode:
    """The barcode of `code` with its digits and quiet zones, at most width × height points, its module as
    wide as fits up to the nominal 0,33 mm. Raises ValueError for a value the symbology cannot carry."""
    left, right = _QUIET.get(symbology, (10, 10))
    font = fonts.register()[0]  # embedded: the digits print as the preview shows them
    if symbology in _EAN_MODULES:
        # the widget keeps 9 modules each side; the size is chosen so that 11 (EAN-13's left quiet zone)
        # fit on both sides, and the barcode stands alone across the label's width: nothing prints there
        x = min(_X, width / (_EAN_MODULES[symbology] + 2 * max(left, right)))
        digits = max(5.0, min(8.0, 8.0 * x / _X))
        widget = getCodes()[symbology](
            value=code[:-1],  # the widget adds the check digit itself (the same one: the code is valid)
            barWidth=x,
            barHeight=height,
            fontSize=digits,
            fontName=font,
            humanReadable=True,
            quiet=True,
        )
        if widget.value + widget._checkdigit(widget.value) != code:
            raise ValueError(code)
        return Barcode(widget, widget.width, height, 0.0)
    if symbology != "Code128":
        raise ValueError(symbology)
    probe = Code128(code, barWidth=1, quiet=True, lquiet=left, rquiet=right)
    probe.validate()
    if not probe.valid or not code:
        raise ValueError(code)
    x = min(_X, width / probe.width)
    bars_width = probe.width * x - (left + right) * x
    size = fit_size(code, font, bars_width, max(5.0, min(8.0, 8.0 * max(x, _MIN_X) / _X)))
    # the text is ours, not the widget's (humanReadable puts it 0,2 mm under the bars): 1/4 of its size apart
    depth = (_TEXT_GAP + (getAscent(font) - getDescent(font)) / 1000) * size
    symbol = Code128(
        code, barWidth=x, barHeight=max(4.0, height - depth), quiet=True, lquiet=left * x, rquiet=right * x
    )
    return Barcode(symbol, symbol.width, symbol.barHeight + depth, depth, size)


def ean_bars(widget: Any) -> list[tuple[float, float, float, float]]:
    """(x, y, width, height) of the bars of an EAN-13/EAN-8 widget, as its draw() lays them out: the same
    module string from the widget's own tables, short bars above the digits, neighbours of one height merged.
    draw() builds a validated shape per bar, slow for a sheet of labels; a test holds the two to the same
    bars."""
    s = widget.value + widget._checkdigit(widget.value)
    widget._lquiet = lquiet = widget._calc_quiet(widget.lquiet)  # draw() keeps it for its short bars too
    rquiet = widget._calc_quiet(widget.rquiet)
    parts = [lquiet * "0", widget._tail]
    widget._encode_left(s, parts.append)
    parts.append(widget._sep)
    parts.extend(widget._right[int(c)] for c in s[widget._start_right :])
    parts += [widget._tail, rquiet * "0"]
    bar_w, bar_h, fth = widget.barWidth, widget.barHeight, widget.fontSize * 1.2
    out: list[list[float]] = []
    x, merge = widget.x, False
    for i, c in enumerate("".join(parts)):
        if c == "1":
            dh = fth if widget._short_bar(i) else 0
            y = widget.y + dh
            if merge and out[-1][1] == y:
                out[-1][2] += bar_w
            else:
                out.append([x, y, bar_w, bar_h - dh])
            merge = True
        else:
            merge = False
        x += bar_w
    return [(a, b, w, h) for a, b, w, h in out]


def _ean_digits(widget: Any) -> list[String]:
    texts: list[String] = []
    widget._add_human_readable(widget.value + widget._checkdigit(widget.value), texts.append)
    return texts


def draw_barcode(canvas: Canvas, bar: Barcode) -> None:
    """The barcode with its lower left corner at (0, 0); an EAN's bars as one path, its digits as text."""
    canvas.saveState()
    canvas.setFillColor(black)
    if isinstance(bar.symbol, Code128):
        bar.symbol.drawOn(canvas, 0, bar.lift)
        font = fonts.register()[0]
        canvas.setFont(font, bar.text_size)
        baseline = bar.lift - (_TEXT_GAP + getAscent(font) / 1000) * bar.text_size
        canvas.drawCentredString(bar.width / 2, baseline, bar.symbol.value)
    else:
        path = canvas.beginPath()
        for x, y, w, h in ean_bars(bar.symbol):
            path.rect(x, y, w, h)
        canvas.drawPath(path, stroke=0, fill=1)
        for text in _ean_digits(bar.symbol):
            canvas.setFont(text.fontName, text.fontSize)
            anchor = {"middle": canvas.drawCentredString, "end": canvas.drawRightString}
            anchor.get(text.textAnchor, canvas.drawString)(text.x, text.y, text.text)
    canvas.restoreState()


class _Forms:
    """A barcode used on several labels is drawn once as a PDF form that each of them places; one used once
    is drawn in place (a form of its own would only add an object to the file)."""

    def __init__(self, canvas: Canvas, width: float, height: float, items: list[LabelItem]) -> None:
        self.canvas, self.width, self.height = canvas, width, height
        self.uses = Counter((item.symbology, item.code) for item in items)
        self.made: dict[tuple[str, str], tuple[str, float] | None] = {}

    def place(self, item: LabelItem, center_x: float, bottom: float) -> None:
        key = (item.symbology, item.code)
        if self.uses[key] == 1:
            bar = self._bar(item)
            if bar is not None:
                self.canvas.saveState()
                self.canvas.translate(center_x - bar.width / 2, bottom)
                draw_barcode(self.canvas, bar)
                self.canvas.restoreState()
                return
            made = None
        else:
            if key not in self.made:
                self.made[key] = self._form(item, len(self.made))
            made = self.made[key]
        if made is None:  # a code no barcode can carry: the text alone
            regular, _bold = fonts.register()
            self.canvas.setFont(regular, fit_size(item.code, regular, self.width, 8))
            self.canvas.drawCentredString(center_x, bottom + 1, item.code)
            return
        name, w = made
        self.canvas.saveState()
        self.canvas.translate(center_x - w / 2, bottom)
        self.canvas.doForm(name)
        self.canvas.restoreState()

    def _bar(self, item: LabelItem) -> Barcode | None:
        try:
            return barcode(item.symbology, item.code, self.width, self.height)
        except (ValueError, KeyError, TypeError, IndexError):  # reportlab refuses the value
            return None

    def _form(self, item: LabelItem, number: int) -> tuple[str, float] | None:
        bar = self._bar(item)
        if bar is None:
            return None
        name = f"kasir-bc{number}"
        self.canvas.beginForm(name, 0, 0, bar.width, bar.height)
        draw_barcode(self.canvas, bar)
        self.canvas.endForm()
        return name, bar.width


# --- the sheet ---
def _label(
    canvas: Canvas,
    layout: LabelLayout,
    item: LabelItem,
    x: float,
    top: float,
    shop: str,
    names: dict[str, tuple[float, list[str]]],
    forms: _Forms,
    regular: str,
    bold: str,
) -> None:
    w, h = layout.label
    inner = w - 2 * layout.pad
    center = x + w / 2
    y = top - layout.pad
    if layout.shop_line and shop:
        size = 5.5
        y -= size
        canvas.setFillColor(_GREY)
        canvas.setFont(regular, size)
        canvas.drawCentredString(center, y, _ellipsize(shop, regular, size, inner))
        canvas.setFillColor(black)
        y -= 1.5
    if item.name not in names:
        names[item.name] = fit_name(item.name, bold, inner, *layout.name_size)
    size, lines = names[item.name]
    leading = size * 1.15
    canvas.setFont(bold, size)
    block = 2 * leading  # two lines are kept for every name: prices line up from label to label
    first = y - (block - len(lines) * leading) / 2
    for index, line in enumerate(lines):
        canvas.drawCentredString(center, first - size - index * leading + (leading - size) / 2, line)
    y -= block + 1
    price = format_rupiah(item.price)
    price_size = fit_size(price, bold, inner, layout.price_size)
    y -= price_size * 0.8
    canvas.setFont(bold, price_size)
    canvas.drawCentredString(center, y, price)
    bottom = top - h + layout.pad
    forms.place(item, center, bottom)


def labels_pdf(
    items: list[LabelItem],
    layout: str,
    shop_name: str = "",
    outline: bool = False,
    target: str | Path | None = None,
) -> bytes:
    """Price labels, in order, on the chosen sheet or roll (a key of LAYOUTS).

    `outline` draws the labels' die-cut edges in light grey: a test print on plain paper, held against a
    sheet, shows whether the printer places the labels right."""
    if layout not in LAYOUTS:
        raise InvalidInput(UNKNOWN_LAYOUT, name=layout)
    if not items:
        raise InvalidInput(NO_LABELS)
    spec = LAYOUTS[layout]
    regular, bold = fonts.register()
    buf = BytesIO()
    canvas = Canvas(buf, pagesize=spec.page, pageCompression=1)
    canvas.setTitle(_("Label harga") + (f" · {shop_name}" if shop_name else ""))
    page_w, page_h = spec.page
    w, h = spec.label
    names: dict[str, tuple[float, list[str]]] = {}
    # the barcode gets what the name and price leave: measured once for the layout
    used = spec.pad + (5.5 + 1.5 if spec.shop_line and shop_name else 0) + 2 * spec.name_size[0] * 1.15 + 1
    used += spec.price_size * 1.05 + 1.5
    bar_room = min(spec.bar_height, h - used - spec.pad)
    forms = _Forms(canvas, w - 2 * spec.pad, bar_room, items)
    pages = math.ceil(len(items) / spec.per_page)
    for page in range(pages):
        if page:
            canvas.showPage()
        for slot, item in enumerate(items[page * spec.per_page : (page + 1) * spec.per_page]):
            col, row = slot % spec.cols, slot // spec.cols
            x = spec.margin[0] + col * spec.pitch[0]
            top = page_h - spec.margin[1] - row * spec.pitch[1]
            if outline:
                canvas.setStrokeColor(_EDGE)
                canvas.setLineWidth(0.3)
                canvas.roundRect(x, top - h, w, h, spec.corner or 0.01)
            _label(canvas, spec, item, x, top, shop_name, names, forms, regular, bold)
    canvas.showPage()
    canvas.save()
    return fonts.finish(buf.getvalue(), target)


def layout_names() -> list[tuple[str, str]]:
    """(key, name shown to the user) of every layout, for a chooser."""
    return [(key, _(spec.name)) for key, spec in LAYOUTS.items()]
