"""Barcodes: EAN/UPC check digits, what a scanner may type, the shop's own EAN-13 codes, and the EAN-13 labels
printed by a label scale.

GS1 keeps EAN-13 prefixes 20-29 for use inside one shop. Kasir's defaults (the shop setting `scale_layout`):

- ``20`` the shop's own codes for goods without a barcode (`next_store_code`), never read as a scale label;
- ``21`` a scale label with the weight in grams: ``21 CCCCC GGGGG K`` (PLU, grams, check digit);
- ``22`` a scale label with the price in rupiah: ``22 CCCCC RRRRR K``;
- ``23``-``29`` free: the owner may give them to a second scale (weight or price) in the setting.

No database writes here: the counter and the catalogue call these and do the writing themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from peewee import fn

from db.models import Barcode, Product
from pos.core import settings
from pos.core.errors import InvalidBarcode, InvalidInput
from pos.core.i18n import N_, _

MAX_LENGTH = 40  # the barcode column's width
CHECKED_LENGTHS = (8, 12, 13)  # EAN-8, UPC-A, EAN-13: all digits means a check digit to verify
_ALLOWED = re.compile(r"[A-Za-z0-9-]+")
_QTY = Decimal("0.001")

DEFAULT_SCALE_LAYOUT: dict[str, Any] = {
    "store": "20",  # the shop's own codes
    "weight": ["21"],  # scale labels carrying grams
    "price": ["22"],  # scale labels carrying rupiah
    "plu_digits": 5,
    "value_digits": 5,
}

BAD_LAYOUT = N_(
    "Format barcode timbangan tidak valid: awalan harus dua angka 20 sampai 29 dan tidak boleh dipakai dua "
    "kali, PLU + nilai harus 10 angka."
)
ZERO_VALUE = N_("Label timbangan {code} berisi berat atau harga 0.")
NOT_WEIGHED = N_("{name} dijual per {unit}, bukan per kg atau gram: label berat {code} tidak bisa dipakai.")
NO_PRICE = N_("Harga {name} masih Rp 0: label harga {code} tidak bisa dihitung.")
CODES_USED_UP = N_("Kode barcode toko dengan awalan {prefix} sudah habis.")


# --- check digits ---
def _check_digit(data: str) -> str:
    """The GS1 check digit of the digits before it (EAN-13, EAN-8, UPC-A): weights 3, 1, 3... from the
    right."""
    backwards = data[::-1]
    total = 3 * sum(map(int, backwards[0::2])) + sum(map(int, backwards[1::2]))
    return str(-total % 10)


def _digits(code: str, length: int | None = None) -> bool:
    return code.isascii() and code.isdigit() and (length is None or len(code) == length)


def ean13_check_digit(first12: str) -> str:
    """'899886620030' -> '1'. Raises InvalidBarcode unless given exactly 12 digits."""
    if not _digits(first12, 12):
        raise InvalidBarcode(code=_shown(first12))
    return _check_digit(first12)


def is_valid_ean13(code: str) -> bool:
    return _digits(code, 13) and _check_digit(code[:12]) == code[12]


def is_valid_ean8(code: str) -> bool:
    return _digits(code, 8) and _check_digit(code[:7]) == code[7]


def _shown(code: str) -> str:
    """The code as the message shows it: control characters as '?', cut to 50 characters."""
    text = "".join(c if c.isprintable() else "?" for c in code)
    text = text if len(text) <= 50 else text[:49] + "…"
    return text or _("(kosong)")


def check_barcode(code: str) -> str:
    """A typed or scanned code, cleaned (surrounding white space and inner spaces gone), or InvalidBarcode.

    Letters, digits and '-' up to 40 characters (Code 128 style 'ABC-123' is fine); a code of 8, 12 or 13
    digits is an EAN-8, UPC-A or EAN-13 and must have the right check digit."""
    cleaned = (code or "").strip().replace(" ", "")
    if not cleaned or len(cleaned) > MAX_LENGTH or not _ALLOWED.fullmatch(cleaned):
        raise InvalidBarcode(code=_shown(cleaned or (code or "").strip()))
    if cleaned.isdigit() and len(cleaned) in CHECKED_LENGTHS:
        digit = _check_digit(cleaned[:-1])
        if cleaned[-1] != digit:
            raise InvalidBarcode(InvalidBarcode.wrong_check_digit, code=cleaned, digit=digit)
    return cleaned


# --- the shop's own codes ---
def _code_taken(code: str) -> bool:
    return bool(
        Barcode.select().where(Barcode.code == code).exists()
        or Product.select().where(Product.sku == code).exists()
    )


def next_store_code(taken: Callable[[str], bool] | None = None) -> str:
    """The next free in-store EAN-13 ('20' + 10-digit serial + check digit) after the highest one in use.

    Reads the barcode table only. `taken` says whether a code is already used; by default: a barcode or a SKU
    in the database. A caller giving several products codes in one go passes one that also knows the codes it
    handed out already; two tills asking at once are kept apart by the barcode table's unique index."""
    prefix = scale_layout().store_prefix
    is_taken = taken or _code_taken
    serial_digits = 12 - len(prefix)
    rows = (
        Barcode.select(Barcode.code)
        .where(Barcode.code.startswith(prefix), fn.LENGTH(Barcode.code) == 13)
        .order_by(Barcode.code.desc())
    )
    serial = 0
    for row in rows.iterator():
        code = row.code
        if _digits(code, 13):  # string order is number order among 13-digit codes: the first is the highest
            serial = int(code[len(prefix) : 12])
            break
    while True:
        serial += 1
        if serial >= 10**serial_digits:
            raise InvalidInput(CODES_USED_UP, prefix=prefix)
        body = f"{prefix}{serial:0{serial_digits}d}"
        code = body + _check_digit(body)
        if not is_taken(code):
            return code


# --- scale labels ---
@dataclass(frozen=True)
class ScaleLayout:
    weight_prefixes: tuple[str, ...]
    price_prefixes: tuple[str, ...]
    plu_digits: int = 5
    value_digits: int = 5
    store_prefix: str = "20"

    @classmethod
    def from_setting(cls, value: Mapping[str, Any]) -> ScaleLayout:
        """Built from the shop setting `scale_layout`; a wrong one raises InvalidInput."""
        if not isinstance(value, Mapping):
            raise InvalidInput(BAD_LAYOUT)
        merged = {**DEFAULT_SCALE_LAYOUT, **value}
        store, weight, price = merged["store"], merged["weight"], merged["price"]
        plu, digits = merged["plu_digits"], merged["value_digits"]
        if not isinstance(weight, list | tuple) or not isinstance(price, list | tuple):
            raise InvalidInput(BAD_LAYOUT)
        prefixes = [store, *weight, *price]
        if (
            not all(isinstance(p, str) and _digits(p, 2) and "20" <= p <= "29" for p in prefixes)
            or len(set(prefixes)) != len(prefixes)
            or not all(isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 9 for n in (plu, digits))
            or plu + digits != 10
        ):
            raise InvalidInput(BAD_LAYOUT)
        return cls(tuple(weight), tuple(price), plu, digits, store)


def scale_layout() -> ScaleLayout:
    """The shop's layout (setting `scale_layout`)."""
    return ScaleLayout.from_setting(settings.get("scale_layout") or DEFAULT_SCALE_LAYOUT)


@dataclass(frozen=True)
class ScaleRead:
    plu: str  # as printed, with its leading zeros
    grams: int | None  # a weight label
    price: int | None  # a price label, whole rupiah
    code: str = ""  # the scanned label


def read_scale(code: str, layout: ScaleLayout) -> ScaleRead | None:
    """What a scale label says, or None when the code is not one (length, prefix or check digit)."""
    code = (code or "").strip()
    if not is_valid_ean13(code):
        return None
    prefix = code[:2]
    if prefix not in layout.weight_prefixes and prefix not in layout.price_prefixes:
        return None
    plu = code[2 : 2 + layout.plu_digits]
    value = int(code[2 + layout.plu_digits : 12])
    if prefix in layout.weight_prefixes:
        return ScaleRead(plu, value, None, code)
    return ScaleRead(plu, None, value, code)


def find_scale_product(read: ScaleRead) -> Any:
    """The active product whose SKU is the PLU as printed ('00123') or without its leading zeros ('123')."""
    short = read.plu.lstrip("0")
    candidates = [read.plu, short] if short and short != read.plu else [read.plu]
    found = {p.sku: p for p in Product.select().where(Product.sku.in_(candidates), Product.active == True)}  # noqa: E712
    for sku in candidates:  # the PLU exactly as printed wins
        if sku in found:
            return found[sku]
    return None


def scale_quantity(product: Any, read: ScaleRead) -> tuple[Decimal, int | None]:
    """(quantity, exact line total or None) for a scale label of this product.

    A weight label: 1.250 g of a product sold per kg is 1,250 kg; per gram it is 1250. The line's total is
    then quantity x price as for any line (None here). A price label of Rp 7.500 for Rp 15.000/kg is 0,5 kg
    (3 places, half up) and its total is exactly the printed Rp 7.500."""
    if read.grams is not None:
        if not read.grams:
            raise InvalidInput(ZERO_VALUE, code=read.code or read.plu)
        if product.unit == "kg":
            return (Decimal(read.grams) / 1000).quantize(_QTY), None
        if product.unit == "gram":
            return Decimal(read.grams).quantize(_QTY), None
        raise InvalidInput(NOT_WEIGHED, name=product.name, unit=product.unit, code=read.code or read.plu)
    price = int(read.price or 0)
    if not price:
        raise InvalidInput(ZERO_VALUE, code=read.code or read.plu)
    if not int(product.price):
        raise InvalidInput(NO_PRICE, name=product.name, code=read.code or read.plu)
    qty = (Decimal(price) / int(product.price)).quantize(_QTY, rounding=ROUND_HALF_UP)
    if not qty:
        raise InvalidInput(ZERO_VALUE, code=read.code or read.plu)
    return qty, price
