"""What the Barang screen lists: every product of the catalogue (active, inactive or both), found by
words of its name, its SKU or a barcode, in the order of any column, read a page at a time."""

from __future__ import annotations

from decimal import Decimal
from operator import itemgetter
from typing import Any

from db import fast, names_index
from db.models import ACTIVE_BY_NAME
from pos.core.paged import PagedList
from pos.core.text import search_words


class ProductRow(tuple[Any, ...]):
    """One product of the list, a tuple with named fields (cheap to make by the page)."""

    __slots__ = ()
    product_id = property(itemgetter(0))
    sku = property(itemgetter(1))
    name = property(itemgetter(2))
    category = property(itemgetter(3))
    unit = property(itemgetter(4))
    price = property(itemgetter(5))
    barcode = property(itemgetter(6))  # the first one, '' when none
    active = property(lambda r: bool(r[8]))
    quick = property(lambda r: bool(r[9]))
    tracked = property(lambda r: bool(r[10]))
    tax_exempt = property(lambda r: r[11] == "exempt")

    @property
    def on_hand(self) -> Decimal | None:
        return Decimal(self[7]).scaleb(-3) if self[10] else None


_NAME = 'LOWER(p."name")'
ORDERS = {
    "sku": ('p."sku"', False),
    "name": (_NAME, False),
    "category": ('LOWER(c."name")', True),
    "unit": ('p."unit"', False),
    "price": ('p."price"', False),
    "barcode": ('(SELECT MIN(x."code") FROM "barcode" x WHERE x."product_id" = p."id")', True),
    "on_hand": ('p."on_hand"', False),
    "active": ('p."active"', False),
}
_CATEGORY = 'LEFT JOIN "category" c ON c."id" = p."category_id" '
_ROW = (
    'SELECT p."id", p."sku", p."name", COALESCE(c."name", \'\'), p."unit", p."price", '
    '(SELECT MIN(x."code") FROM "barcode" x WHERE x."product_id" = p."id"), p."on_hand", p."active", '
    'p."quick", p."track_stock", p."tax_category" FROM "product" p ' + _CATEGORY
)
SHOW = ("active", "inactive", "all")


class ProductList(PagedList[ProductRow]):
    """Products matching `query` (every word in the name, or the exact SKU or barcode), of one category
    (None: any), active, inactive or all."""

    ORDERS = ORDERS
    TIE = _NAME

    def __init__(
        self,
        query: str = "",
        category_id: int | None = None,
        show: str = "active",
        order: str = "name",
        descending: bool = False,
    ) -> None:
        where: list[str] = ["1=1"]
        params: list[Any] = []
        if show == "active":
            where.append(ACTIVE_BY_NAME)
        elif show == "inactive":
            where.append('NOT p."active"')
        if category_id is not None:
            where.append('p."category_id" = ?')
            params.append(category_id)
        code = (query or "").strip()
        words = search_words(query)
        if words:
            sql, match_params = names_index.match_sql("product", words, "p")
            where.append(
                f'({sql} OR p."sku" = ? OR p."id" IN (SELECT "product_id" FROM "barcode" WHERE "code" = ?))'
            )
            params += [*match_params, code.upper(), code]
        self._where, self._params = " AND ".join(where), params
        super().__init__(order, descending)

    def ids(self, order_sql: str, expr: str) -> list[int]:
        joins = _CATEGORY if "c." in expr else ""
        found = fast.rows(
            f'SELECT p."id" FROM "product" p {joins}WHERE {self._where} ORDER BY {order_sql}, p."id"',
            self._params,
        )
        return [pid for (pid,) in found]

    def read(self, ids: list[int]) -> list[ProductRow]:
        return self.in_order(ids, fast.rows(_ROW + 'WHERE p."id" IN (?*)', ids), ProductRow)


def listing(
    query: str = "", category_id: int | None = None, show: str = "active", order: str = "name"
) -> ProductList:
    return ProductList(query, category_id, show if show in SHOW else "active", order)
