"""The catalogue out to a spreadsheet in the import's own layout (product_import reads it back unchanged),
and the empty template with two example rows."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from db import catalog_rows
from db.models import Category, Channel, ChannelPrice, Product, User
from pos.catalog.product_columns import COLUMNS
from pos.core import staff
from pos.core.tabular import write_table
from pos.core.text import qty_text


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, Decimal):
        return qty_text(value)
    return "" if value is None else str(value)


def export(path: str | Path, user: User) -> int:
    """Every product in Kasir's layout (.csv or .xlsx by the name), prices and costs included: `user`
    needs the 'exports' permission, checked before anything is written. Returns how many."""
    staff.require(user, "exports")
    channels = {c.id: c.code for c in Channel.select().where(Channel.kind == "aggregator")}
    prices: dict[int, dict[str, int]] = {}
    for row in ChannelPrice.select():
        prices.setdefault(row.product_id, {})[channels.get(row.channel_id, "")] = int(row.price)
    codes = catalog_rows.barcodes_by_product()
    names = {c.id: c.name for c in Category.select()}
    count = 0

    def rows() -> Iterator[list[Any]]:
        nonlocal count
        for p in Product.select().order_by(Product.id).iterator():
            count += 1
            own = prices.get(p.id, {})
            # numbers as numbers: a spreadsheet adds them up
            yield [
                p.sku, p.name, ", ".join(codes.get(p.id, [])), names.get(p.category_id, ""), p.unit,
                int(p.price), int(p.cost), _text(p.on_hand) if p.track_stock else "", _text(p.reorder_level),
                _text(p.tax_category == "exempt"), _text(p.track_stock), _text(p.perishable),
                p.shelf_life_days, _text(p.serialised), p.warranty_days, _text(p.quick),
                p.quick_sort, _text(p.active), own.get("gofood", ""), own.get("grabfood", ""),
                own.get("shopeefood", ""),
            ]  # fmt: skip

    write_table(path, [title for _key, title in COLUMNS], rows(), "Barang")
    return count


EXAMPLES = [
    ["IDM-GRG", "Indomie Goreng", "8998866200301", "Mie Instan", "pcs", 3500, 2900, 40, 10,
     "tidak", "ya", "tidak", 0, "tidak", 0, "tidak", 0, "ya", "", "", ""],
    ["", "Beras Pandan Wangi", "", "Sembako", "kg", 15000, 12500, "25,5", 5,
     "ya", "ya", "tidak", 0, "tidak", 0, "ya", 1, "ya", "", "", ""],
]  # fmt: skip


def template(path: str | Path) -> Path:
    """An empty catalogue in Kasir's layout with two example rows (the SKU may stay empty)."""
    return write_table(path, [title for _key, title in COLUMNS], EXAMPLES, "Barang")
