"""Recipes: selling Bakso Urat moves its ingredients (5 butir bakso, 60 g mie, 1 porsi kuah), not the dish;
a production run turns ingredients into an intermediate item (200 butir bakso from 2 kg daging).

Recipes are read once per process (the counter asks on every sale) and forgotten when one changes.
A recipe may not contain its own product, directly or through another item.
"""

from __future__ import annotations

from decimal import Decimal

from db.models import Product, RecipeItem, User
from pos.core import caches, clock, journal, staff
from pos.core.cart import parse_qty
from pos.core.errors import InvalidInput
from pos.core.i18n import N_
from pos.core.money import apply_rate
from pos.core.tx import service
from pos.stock import stock

_cache: dict[int, list[tuple[int, Decimal]]] | None = None


class RecipeError(InvalidInput):
    template = N_("Resep tidak valid: {why}")


def forget() -> None:
    global _cache
    _cache = None


caches.register(forget)


def table() -> dict[int, list[tuple[int, Decimal]]]:
    """{product id: [(ingredient id, qty per unit)]} for every product with a recipe."""
    global _cache
    caches.refresh()
    if _cache is None or not caches.usable():
        found: dict[int, list[tuple[int, Decimal]]] = {}
        for product_id, ingredient_id, qty in (
            RecipeItem.select(RecipeItem.product, RecipeItem.ingredient, RecipeItem.qty)
            .order_by(RecipeItem.id)
            .tuples()
        ):
            found.setdefault(product_id, []).append((ingredient_id, qty))
        if not caches.usable():
            return found
        _cache = found
    return _cache


def of(product_id: int) -> list[tuple[int, Decimal]]:
    return table().get(product_id, [])


def _reaches(start: int, target: int, graph: dict[int, list[tuple[int, Decimal]]]) -> bool:
    """Does `start`'s recipe use `target`, directly or through other recipes?"""
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        for ingredient, _qty in graph.get(current, []):
            if ingredient == target:
                return True
            if ingredient not in seen:
                seen.add(ingredient)
                todo.append(ingredient)
    return False


@service
def set_recipe(product_id: int, items: list[tuple[int, object]], user: User) -> list[RecipeItem]:
    """Replace a product's recipe ('stock' permission). An empty list removes it."""
    staff.require(user, "stock")
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise RecipeError(why=N_("barang tidak ditemukan"))
    clean: list[tuple[int, Decimal]] = []
    for ingredient_id, raw in items:
        if ingredient_id == product_id:
            raise RecipeError(why=N_("resep tidak boleh berisi barang itu sendiri"))
        if Product.get_or_none(Product.id == ingredient_id) is None:
            raise RecipeError(why=N_("bahan tidak ditemukan"))
        if any(i == ingredient_id for i, _q in clean):
            raise RecipeError(why=N_("bahan yang sama dua kali"))
        clean.append((ingredient_id, parse_qty(raw)))
    graph = {k: list(v) for k, v in table().items()}
    graph[product_id] = clean
    if _reaches(product_id, product_id, graph):
        raise RecipeError(why=N_("resep berputar: bahan memakai barang ini lagi"))
    forget()
    RecipeItem.delete().where(RecipeItem.product == product_id).execute()
    made = [RecipeItem.create(product=product_id, ingredient=i, qty=q) for i, q in clean]
    journal.append(
        "recipe", {"product": product_id, "items": [[i, str(q)] for i, q in clean]}, user=user.name
    )
    forget()
    return made


def cost(product_id: int, costs: dict[int, int] | None = None) -> int:
    """Cost of one unit made from its recipe (ingredients at their moving-average cost)."""
    return cost_of(of(product_id), costs)


def cost_of(items: list[tuple[int, Decimal]], costs: dict[int, int] | None = None) -> int:
    """Cost of one unit made of these (ingredient, quantity per 1), as saved or as still being edited."""
    if costs is None:
        ids = [i for i, _q in items]
        costs = (
            dict(Product.select(Product.id, Product.cost).where(Product.id.in_(ids)).tuples()) if ids else {}
        )
    return sum(apply_rate(int(costs.get(i, 0)), q) for i, q in items)


@service
def produce(product_id: int, qty: object, user: User, note: str = "") -> Decimal:
    """A production run: the recipe's ingredients out, `qty` of the product in, at the ingredients' cost
    ('stock' permission). Returns the quantity made."""
    staff.require(user, "stock")
    amount = parse_qty(qty)
    items = of(product_id)
    if not items:
        raise RecipeError(why=N_("barang ini belum punya resep"))
    product = Product.get_by_id(product_id)
    unit_cost = cost(product_id)
    for ingredient_id, per_unit in items:
        stock.move(
            Product.get_by_id(ingredient_id), -(per_unit * amount), "production", user=user, reason=note
        )
    new_cost = stock.moving_average(product.on_hand, int(product.cost), amount, unit_cost)
    Product.update(cost=new_cost).where(Product.id == product_id).execute()
    stock.move(product, amount, "production", unit_cost=unit_cost, user=user, reason=note)
    journal.append(
        "production",
        {"product": product_id, "qty": str(amount), "unit_cost": unit_cost, "at": clock.now().isoformat()},
        user=user.name,
    )
    return amount
