"""What the Barang screen lists: every product of the catalogue (active, inactive or both), found by
words of its name, its SKU or a barcode, in the order of any column, read a page at a time (its SQL:
db.product_rows)."""

from __future__ import annotations

from db import product_rows
from pos.core.paged import PagedList
from pos.core.text import search_words

ProductRow = product_rows.ProductRow  # one product of the list

# The Barang table's columns it can be sorted by.
ORDERS = {
    key: product_rows.SORTS[key]
    for key in ("sku", "name", "category", "unit", "price", "barcode", "on_hand", "active")
}
SHOW = ("active", "inactive", "all")
_ACTIVE = {"active": True, "inactive": False}  # "all": either


class ProductList(PagedList[ProductRow]):
    """Products matching `query` (every word in the name, or the exact SKU or barcode), of one category
    (None: any), active, inactive or all."""

    ORDERS = ORDERS
    TIE = product_rows.NAME

    def __init__(
        self,
        query: str = "",
        category_id: int | None = None,
        show: str = "active",
        order: str = "name",
        descending: bool = False,
    ) -> None:
        code = (query or "").strip()
        self._where = product_rows.catalogue_where(search_words(query), code, category_id, _ACTIVE.get(show))
        super().__init__(order, descending)

    def ids(self, order_sql: str, expr: str) -> list[int]:
        return product_rows.ordered_ids(self._where, order_sql, expr)

    def read(self, ids: list[int]) -> list[ProductRow]:
        return product_rows.products(ids)


def listing(
    query: str = "", category_id: int | None = None, show: str = "active", order: str = "name"
) -> ProductList:
    return ProductList(query, category_id, show if show in SHOW else "active", order)
