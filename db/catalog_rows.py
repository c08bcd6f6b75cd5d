"""The catalogue's SQL, written once: what an import checks a file against (codes, names, categories),
list prices by id, the last made-up SKU, every product's barcodes, an active product by barcode or SKU."""

from __future__ import annotations

from db import fast
from db.models import Product


def prices(product_ids: list[int]) -> dict[int, int]:
    """product id -> catalogue price (any number of ids: asked 500 at a time)."""
    out: dict[int, int] = {}
    for i in range(0, len(product_ids), 500):
        found = fast.rows('SELECT "id", "price" FROM "product" WHERE "id" IN (?*)', product_ids[i : i + 500])
        out.update((int(pid), int(price)) for pid, price in found)
    return out


def ids_by_sku() -> dict[str, int]:
    return {str(sku): int(pid) for sku, pid in fast.rows('SELECT "sku", "id" FROM "product"', [])}


def products_by_barcode() -> dict[str, int]:
    return {str(code): int(pid) for code, pid in fast.rows('SELECT "code", "product_id" FROM "barcode"', [])}


def barcodes_by_product() -> dict[int, list[str]]:
    """Every product's barcodes, in the order they were added."""
    out: dict[int, list[str]] = {}
    for pid, code in fast.rows('SELECT "product_id", "code" FROM "barcode" ORDER BY "id"', []):
        out.setdefault(int(pid), []).append(str(code))
    return out


def search_names() -> list[tuple[int, str]]:
    """(id, folded name) of every product."""
    return [(int(pid), str(name)) for pid, name in fast.rows('SELECT "id", "search_name" FROM "product"', [])]


def category_names() -> list[tuple[int, str]]:
    return [(int(cid), str(name)) for cid, name in fast.rows('SELECT "id", "name" FROM "category"', [])]


def last_sku_like(pattern: str) -> str | None:
    """The longest, then highest SKU matching a LIKE pattern ('BRG-%'): the last one made up."""
    row = fast.one(
        'SELECT "sku" FROM "product" WHERE "sku" LIKE ? ORDER BY LENGTH("sku") DESC, "sku" DESC LIMIT 1',
        [pattern],
    )
    return None if row is None else str(row[0])


def active_by_code(code: str) -> Product | None:
    """The active product with this exact barcode, else with this SKU (what a scanner types): one cached
    statement each."""
    found = fast.first(
        Product,
        'JOIN "barcode" b ON b."product_id" = m."id" WHERE b."code" = ? AND m."active" LIMIT 1',
        [code],
    )
    return found or fast.first(Product, 'WHERE m."sku" = ? AND m."active" LIMIT 1', [code])
