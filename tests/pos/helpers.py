"""A small shop for scenario tests."""

from __future__ import annotations

from decimal import Decimal

from pos.catalog import catalog
from pos.counter import shift
from pos.stock import stock


def small_shop(owner, open_shift: bool = True):
    """Indomie Rp 3.500 (scanned), Beras Rp 15.000/kg, Bakso Urat Rp 18.000 (untracked), Teh Rp 5.000.

    The owner opens a shift with no starting cash (sales need one) unless `open_shift` is False."""
    food = catalog.create_category("Makanan")
    items = {
        "mie": catalog.create_product(
            "MIE", "Indomie Goreng", 3_500, cost=2_900, category=food, barcodes=["8998866200301"]
        ),
        "beras": catalog.create_product("BRS", "Beras Pandan Wangi", 15_000, cost=12_000, unit="kg"),
        "bakso": catalog.create_product(
            "BKS",
            "Bakso Urat",
            18_000,
            cost=8_000,
            unit="porsi",
            track_stock=False,
            quick=True,
            category=food,
        ),
        "teh": catalog.create_product(
            "TEH", "Es Teh Manis", 5_000, cost=1_000, quick=True, category=food, barcodes=["2000000000015"]
        ),
    }
    stock.restock(
        [
            (items["mie"], Decimal(100), 2_900),
            (items["beras"], Decimal(50), 12_000),
            (items["teh"], Decimal(100), 1_000),
        ],
        owner,
    )
    if open_shift:
        shift.open_shift(owner, 0)
    return items
