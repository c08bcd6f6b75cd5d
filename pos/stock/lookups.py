"""What the Stok dialogs read: suppliers, the products a count or a delivery lists with their stock and
cost, and what a production run can make. Plain rows, never model instances."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from db.models import Product, Supplier
from pos.stock import recipes


class SupplierRow(NamedTuple):
    id: int
    name: str
    phone: str
    lead_days: int


class StockItem(NamedTuple):
    id: int
    name: str
    unit: str
    on_hand: Decimal
    cost: int
    perishable: bool
    shelf_life_days: int = 0  # a perishable's days from delivery to expiry: the default expiry received


def suppliers() -> list[SupplierRow]:
    """Every supplier by name."""
    return [_supplier(s) for s in Supplier.select().order_by(Supplier.name)]


def supplier(supplier_id: int | None) -> SupplierRow | None:
    row = Supplier.get_or_none(Supplier.id == supplier_id) if supplier_id is not None else None
    return _supplier(row) if row is not None else None


def _supplier(row: Supplier) -> SupplierRow:
    return SupplierRow(row.id, row.name, row.phone, int(row.lead_days))


def _item(row: Product) -> StockItem:
    return StockItem(
        row.id,
        row.name,
        row.unit,
        row.on_hand,
        int(row.cost),
        bool(row.perishable),
        int(row.shelf_life_days or 0),
    )


def item(product_id: int | None) -> StockItem | None:
    """One product (active or not) by id, or None."""
    row = Product.get_or_none(Product.id == product_id) if product_id is not None else None
    return _item(row) if row is not None else None


def counted(category_id: int | None = None) -> list[StockItem]:
    """The active products whose stock is kept, by name; only one category's when given."""
    query = Product.select().where(Product.track_stock == True, Product.active == True)  # noqa: E712
    if category_id is not None:
        query = query.where(Product.category == category_id)
    return [_item(p) for p in query.order_by(Product.name)]


def makeable() -> list[StockItem]:
    """The products with a recipe whose stock is kept (active or not): what a production run makes, by id."""
    query = Product.select().where(Product.id.in_(list(recipes.table())), Product.track_stock == True)  # noqa: E712
    return [_item(p) for p in query.order_by(Product.id)]
