"""What a screen offers in a product or category box: plain rows, never model instances."""

from __future__ import annotations

from typing import NamedTuple

from db.models import Category, Product
from pos.core.errors import NotFound


class ProductChoice(NamedTuple):
    id: int
    name: str
    unit: str


class CategoryChoice(NamedTuple):
    id: int
    name: str


def products(tracked_only: bool = False) -> list[ProductChoice]:
    """The active products by name; with `tracked_only` those whose stock is kept."""
    query = Product.select(Product.id, Product.name, Product.unit).where(Product.active == True)  # noqa: E712
    if tracked_only:
        query = query.where(Product.track_stock == True)  # noqa: E712
    return [ProductChoice(p.id, p.name, p.unit) for p in query.order_by(Product.name)]


def product(product_id: int | None) -> ProductChoice:
    """One product (active or not) by id; NotFound when there is none."""
    row = Product.get_or_none(Product.id == product_id) if product_id is not None else None
    if row is None:
        raise NotFound()
    return ProductChoice(row.id, row.name, row.unit)


def units_of(product_ids: set[int]) -> dict[int, str]:
    """Each product's unit as stored (pcs, kg...), by id: what a sale holds its quantities to."""
    if not product_ids:
        return {}
    query = Product.select(Product.id, Product.unit).where(Product.id.in_(sorted(product_ids)))
    return {int(pid): str(unit or "") for pid, unit in query.tuples()}


def categories() -> list[CategoryChoice]:
    """Every category in the shop's order (its sort number, then name)."""
    query = Category.select(Category.id, Category.name).order_by(Category.sort, Category.name)
    return [CategoryChoice(c.id, c.name) for c in query]
