"""The product lists of the Barang and Stok screens, in SQL written once: the WHERE a list's filters make,
its ids in any order a column offers, the rows of one page of ids, the stock value of a whole list, and
the products whose recent use may call for buying more (the Stok screen's suggestions).

Rows are NamedTuples made straight from the cursor's tuples (no Python per field: a 50.000-product list
makes one per product it shows); their properties turn the columns into what a screen shows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from db import fast, names_index
from db.models import ACTIVE_BY_NAME

NAME = 'LOWER(p."name")'  # every list's last sort term before the id
_CATEGORY = 'LEFT JOIN "category" c ON c."id" = p."category_id" '
_SOONEST = (
    'LEFT JOIN (SELECT "product_id", MIN("expires_on") AS "soonest" FROM "batch" WHERE "qty_left" > 0 '
    'GROUP BY "product_id") b ON b."product_id" = p."id" '
)
_BARCODE = '(SELECT MIN(x."code") FROM "barcode" x WHERE x."product_id" = p."id")'
_VALUE = 'CASE WHEN p."on_hand" > 0 THEN (p."cost" * p."on_hand" + 500) / 1000 ELSE 0 END'  # = StockRow.value

# Each column a list can be sorted by: its SQL expression on "product" p (c: its category, b: its soonest
# open batch) and whether it can be missing (those go last either way; pos.core.paged).
SORTS: dict[str, tuple[str, bool]] = {
    "sku": ('p."sku"', False),
    "name": (NAME, False),
    "category": ('LOWER(c."name")', True),
    "unit": ('p."unit"', False),
    "price": ('p."price"', False),
    "barcode": (_BARCODE, True),
    "on_hand": ('p."on_hand"', False),
    "reorder_level": ('p."reorder_level"', False),
    "cost": ('p."cost"', False),
    "value": (_VALUE, False),
    "next_expiry": ('b."soonest"', True),
    "active": ('p."active"', False),
}


def as_date(value: object) -> date | None:
    """A date as the driver gives it (text on SQLite, a date or datetime on PostgreSQL)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


class Where(NamedTuple):
    """A list's condition on "product" p and the values of its marks."""

    sql: str
    params: list[Any]


def catalogue_where(words: list[str], code: str, category_id: int | None, active: bool | None) -> Where:
    """Products with every word in the name (the names index), or `code` as their SKU or a barcode; of one
    category (None: any); active, inactive or both (None)."""
    where: list[str] = ["1=1"]
    params: list[Any] = []
    if active is True:
        where.append(ACTIVE_BY_NAME)
    elif active is False:
        where.append('NOT p."active"')
    if category_id is not None:
        where.append('p."category_id" = ?')
        params.append(category_id)
    if words:
        sql, match_params = names_index.match_sql("product", words, "p")
        where.append(
            f'({sql} OR p."sku" = ? OR p."id" IN (SELECT "product_id" FROM "barcode" WHERE "code" = ?))'
        )
        params += [*match_params, code.upper(), code]
    return Where(" AND ".join(where), params)


def stock_where(words: list[str], only_low: bool) -> Where:
    """Tracked, active products (at or below their reorder level if `only_low`), each word in the folded
    name or the SKU."""
    sql = 'p."track_stock" AND ' + ACTIVE_BY_NAME
    params: list[Any] = []
    if only_low:
        sql += ' AND p."on_hand" <= p."reorder_level"'  # these three terms: the low-stock index
    for word in words:
        sql += ' AND (p."search_name" LIKE ? OR p."sku" = ?)'
        params += [f"%{word}%", word.upper()]
    return Where(sql, params)


def ordered_ids(where: Where, order_sql: str, expr: str) -> list[int]:
    """The ids of the products `where` finds, by `order_sql` then id; `expr` (the chosen column's SORTS
    expression) says which joins the order needs."""
    joins = (_CATEGORY if "c." in expr else "") + (_SOONEST if "b." in expr else "")
    found = fast.rows(
        f'SELECT p."id" FROM "product" p {joins}WHERE {where.sql} ORDER BY {order_sql}, p."id"', where.params
    )
    return [pid for (pid,) in found]


Row = TypeVar("Row", bound=tuple[Any, ...])


def _in_order(ids: list[int], found: list[tuple[Any, ...]], row_type: type[Row]) -> list[Row]:
    """The rows found, as `row_type`, in the order of `ids` (straight from the cursor's tuples: no Python
    per field)."""
    by_id = {row[0]: row for row in found}
    new = tuple.__new__
    return [new(row_type, by_id[pid]) for pid in ids]


class ProductRow(NamedTuple):
    """One product of the Barang list."""

    product_id: int
    sku: str
    name: str
    category: str  # '' when none
    unit: str
    price: int
    barcode: str | None  # the lowest of its codes, None when none
    held: int  # on hand in whole thousandths
    active_flag: Any  # the flags as the driver gives them (0 or 1 on SQLite)
    quick_flag: Any
    track_stock: Any
    tax_category: str

    @property
    def active(self) -> bool:
        return bool(self.active_flag)

    @property
    def quick(self) -> bool:
        return bool(self.quick_flag)

    @property
    def tracked(self) -> bool:
        return bool(self.track_stock)

    @property
    def tax_exempt(self) -> bool:
        return self.tax_category == "exempt"

    @property
    def on_hand(self) -> Decimal | None:
        return Decimal(self.held).scaleb(-3) if self.track_stock else None


_PRODUCTS = (
    'SELECT p."id", p."sku", p."name", COALESCE(c."name", \'\'), p."unit", p."price", '
    f'{_BARCODE}, p."on_hand", p."active", p."quick", p."track_stock", p."tax_category" '
    f'FROM "product" p {_CATEGORY}WHERE p."id" IN (?*)'
)


def products(ids: list[int]) -> list[ProductRow]:
    """The Barang rows of these products (a page of ids), in the order of `ids`."""
    return _in_order(ids, fast.rows(_PRODUCTS, ids), ProductRow) if ids else []


class StockRow(NamedTuple):
    """One product of the Stok list."""

    product_id: int
    sku: str
    name: str
    category: str  # '' when none
    unit: str
    held: int  # on hand in whole thousandths
    level: int  # reorder level in thousandths
    cost: int
    perishable_flag: Any  # as the driver gives it (0 or 1 on SQLite)
    soonest: date | str | None  # the next expiry of an open batch, as the driver gives it

    @property
    def perishable(self) -> bool:
        return bool(self.perishable_flag)

    @property
    def next_expiry(self) -> date | None:
        return as_date(self.soonest)

    @property
    def on_hand(self) -> Decimal:
        return Decimal(self.held).scaleb(-3)

    @property
    def reorder_level(self) -> Decimal:
        return Decimal(self.level).scaleb(-3)

    @property
    def low(self) -> bool:
        return bool(self.held <= self.level)

    @property
    def value(self) -> int:
        """Cost of what is on the shelf, half up (nothing for a negative balance)."""
        return (self.cost * self.held + 500) // 1000 if self.held > 0 else 0


_STOCK = (
    'SELECT p."id", p."sku", p."name", COALESCE(c."name", \'\'), p."unit", p."on_hand", p."reorder_level", '
    f'p."cost", p."perishable", b."soonest" FROM "product" p {_CATEGORY}{_SOONEST}WHERE p."id" IN (?*)'
)


def stock(ids: list[int]) -> list[StockRow]:
    """The Stok rows of these products (a page of ids), in the order of `ids`."""
    return _in_order(ids, fast.rows(_STOCK, ids), StockRow) if ids else []


def stock_value(where: Where) -> int:
    """Cost of everything on the shelf of the products `where` finds (each StockRow.value, added up in the
    database)."""
    return int(fast.scalar(f'SELECT SUM({_VALUE}) FROM "product" p WHERE {where.sql}', where.params) or 0)


def heavy_use(
    since: datetime, kinds: tuple[str, ...], history_days: int, horizon_days: int
) -> dict[int, int]:
    """Tracked, active products used since `since` (what moves of `kinds` took off the shelf, refunds
    given back) more than their stock lasts: whose use over `history_days`, at that pace for
    `horizon_days`, is more than what is on hand. {product id: use in whole thousandths}."""
    found = fast.rows(
        'SELECT u."product_id", u."used" FROM (SELECT "product_id", -SUM("qty") AS "used" FROM "stock_move" '
        'WHERE "created_at" >= ? AND "kind" IN (?*) GROUP BY "product_id") u '
        'JOIN "product" p ON p."id" = u."product_id" '
        'WHERE p."track_stock" AND p."active" AND u."used" > 0 '
        'AND u."used" * ? > ? * (CASE WHEN p."on_hand" > 0 THEN p."on_hand" ELSE 0 END)',
        [since, *kinds, horizon_days, history_days],
    )
    return {int(pid): int(used) for pid, used in found}
