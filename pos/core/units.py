"""The units a product is sold in, and which of them may be sold in fractions.

A unit is stored as free text (product.unit, up to 10 letters), so a shop made by an older Kasir (or
imported from elsewhere) may hold a word not in UNITS: it still loads and sells. Only measures (weight,
volume, length) may be sold in fractions, 0,25 kg or 1,5 meter, and a food stall's porsi (setengah
porsi is ordered); everything else is counted in whole pieces. A unit Kasir does not know counts as
pieces too, unless it is a measure's usual short form (ons, g, l, cm...): a cashier cannot sell half a
"biji" because nobody listed that word.
"""

from __future__ import annotations

from decimal import Decimal

from pos.core.errors import InvalidQuantity
from pos.core.i18n import N_

# what a new product may be sold in: counted pieces first, then measures. "pack" is kept for the shops
# whose products say so (an earlier Kasir offered it, and read "bungkus" as it).
PIECES = (
    "pcs", "sachet", "renceng", "bungkus", "pak", "pack", "dus", "botol", "kaleng", "lusin", "gelas",
)  # fmt: skip
MEASURES = ("kg", "gram", "liter", "ml", "meter")
UNITS = PIECES + ("porsi",) + MEASURES

# what may be sold in fractions: the measures (also written otherwise, as an older or another app's
# catalogue may hold them) and porsi
_MEASURE_WORDS = frozenset(
    MEASURES
    + ("porsi",)
    + ("kilo", "kilogram", "ons", "ton", "g", "gr", "mg", "l", "lt", "ltr", "litre", "cc", "m", "cm", "mm")
)


class WholeQuantity(InvalidQuantity):
    template = N_("Jumlah untuk satuan {unit} harus bilangan bulat.")


def fractional(unit: str) -> bool:
    """Whether `unit` may be sold in fractions: a measure (kg, gram, liter, ml, meter, their short forms)
    or a porsi (half a portion)."""
    return (unit or "").strip().lower() in _MEASURE_WORDS


def check_qty(qty: Decimal, unit: str) -> None:
    """Raise WholeQuantity when a quantity of a counted unit (pcs, bungkus, botol...) is not whole. An
    empty unit (a line the catalogue does not know) is not checked here."""
    if unit and not fractional(unit) and qty != qty.to_integral_value():
        raise WholeQuantity(unit=unit)
