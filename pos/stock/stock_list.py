"""What the owner looks at in Stok: on hand and its value, low stock, what expires soon, and what to buy.

Each list is one SQL query (db.product_rows; the on-hand balance is kept on the product in the same
transaction as every move). Purchase suggestions come from average daily use over the last N days and the
supplier's lead time: enough to last until the next delivery, not more — perishable raw materials spoil.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from urllib.parse import quote

from peewee import fn

from db import product_rows
from db.models import LOW_STOCK, Batch, Product, Purchase, StockMove, Supplier
from db.product_rows import as_date
from pos.core import clock
from pos.core import phone as phones
from pos.core.i18n import _
from pos.core.money import apply_rate
from pos.core.paged import PagedList
from pos.core.text import fold, qty_text

Row = product_rows.StockRow  # one product of the stock list

# The Stok table's columns it can be sorted by.
ORDERS = {
    key: product_rows.SORTS[key]
    for key in ("sku", "name", "category", "on_hand", "unit", "reorder_level", "cost", "value", "next_expiry")
}
SEARCH_WORDS = 6  # at most this many words of a search count
USE = ("sale", "refund", "production", "gift")  # the moves that count as use (waste does not)


class StockList(PagedList[Row]):
    """Tracked, active products in a chosen order, as the Stok screen shows them (pos.core.paged: the ids in
    one query, rows a page at a time). The stock value is added up in the database."""

    ORDERS = ORDERS
    TIE = product_rows.NAME

    def __init__(
        self, query: str = "", only_low: bool = False, order: str = "name", descending: bool = False
    ):
        words = [w for w in fold(query).split() if w][:SEARCH_WORDS]
        self._where = product_rows.stock_where(words, only_low)
        super().__init__(order, descending)

    def ids(self, order_sql: str, expr: str) -> list[int]:
        return product_rows.ordered_ids(self._where, order_sql, expr)

    def read(self, ids: list[int]) -> list[Row]:
        return product_rows.stock(ids)

    def value(self) -> int:
        """Cost of everything on the shelf in this list (each row's value, added up in the database)."""
        return product_rows.stock_value(self._where)


def listing(query: str = "", only_low: bool = False) -> StockList:
    """Tracked, active products by name (see StockList)."""
    return StockList(query, only_low)


@dataclass(frozen=True)
class Overview:
    """What the Stok screen opens with: the list and the figures above it."""

    rows: StockList
    value: int  # of the listed products
    low: int  # products at or below their reorder level (all, not only the listed)
    expiring: int  # batches that expire within a week (or have)


def overview(query: str = "", only_low: bool = False) -> Overview:
    rows = StockList(query, only_low)
    return Overview(rows, rows.value(), low_count(), expiring_count(7))


def low_count() -> int:
    return Product.select().where(*LOW_STOCK).count()


@dataclass(frozen=True)
class Expiring:
    batch_id: int
    product_id: int
    name: str
    unit: str
    expires_on: date
    qty_left: Decimal
    value: int

    @property
    def expired(self) -> bool:
        return self.expires_on < clock.now().date()


def expiring_count(days: int = 7) -> int:
    until = clock.now().date() + timedelta(days=days)
    return Batch.select().where(Batch.qty_left > 0, Batch.expires_on <= until).count()


def expiring(days: int = 7) -> list[Expiring]:
    """Batches still on the shelf that expire within `days` (and those already expired), soonest first."""
    until = clock.now().date() + timedelta(days=days)
    return [
        Expiring(
            b.id,
            b.product_id,
            b.product.name,
            b.product.unit,
            b.expires_on,
            b.qty_left,
            apply_rate(b.unit_cost, b.qty_left),
        )
        for b in Batch.select(Batch, Product)
        .join(Product)
        .where(Batch.qty_left > 0, Batch.expires_on <= until)
        .order_by(Batch.expires_on, Product.name)
    ]


@dataclass(frozen=True)
class Suggestion:
    product_id: int
    name: str
    unit: str
    on_hand: Decimal
    daily_use: Decimal
    lead_days: int
    buy: Decimal
    cost: int
    supplier_id: int | None
    supplier: str


def _last_suppliers(ids: list[int]) -> dict[int, tuple[int, str, int]]:
    """Each product's supplier from its latest purchase with one: {product: (id, name, lead days)}. Read
    from the restocks (by kind: the moves have no index by product, which would cost every sale pages)."""
    out: dict[int, tuple[int, str, int]] = {}
    wanted = set(ids)
    for pid, sid, name, lead in (
        StockMove.select(StockMove.product, Supplier.id, Supplier.name, Supplier.lead_days)
        .join(Purchase)
        .join(Supplier)
        .where(StockMove.kind == "restock")
        .order_by(StockMove.id)
        .tuples()
    ):
        if pid in wanted:
            out[pid] = (sid, name, int(lead))  # a later purchase replaces an earlier one
    return out


def suggestions(history_days: int = 28, cover_days: int = 7) -> list[Suggestion]:
    """What to buy now: average daily use over `history_days` (sales, production and gifts that left
    the shelf; waste excluded), enough for the supplier's lead time plus `cover_days` until the next
    delivery, minus what is on hand. Only products that need something.

    The database first drops every product that would not need anything even with the longest lead time
    of any supplier (a bound the exact rule below never exceeds), so a shop of 50.000 products makes
    model rows only for the few it may have to buy."""
    since = clock.now() - timedelta(days=history_days)
    longest = max(1, int(Supplier.select(fn.MAX(Supplier.lead_days)).scalar() or 0))
    found = product_rows.heavy_use(since, USE, history_days, longest + cover_days)
    used = {pid: Decimal(total) / 1000 for pid, total in found.items()}
    ids = list(used)
    products: dict[int, Product] = {}
    for start in range(0, len(ids), 500):  # SQLite takes a limited number of values in one IN
        products.update((p.id, p) for p in Product.select().where(Product.id.in_(ids[start : start + 500])))
    suppliers = _last_suppliers(list(products))
    shelf = _shelf_days([pid for pid, p in products.items() if p.perishable])
    out = []
    for pid, product in products.items():
        daily = used[pid] / history_days
        supplier_id, supplier, lead = suppliers.get(pid, (None, "", 1))
        cover = min(cover_days, shelf[pid]) if pid in shelf else cover_days  # it would spoil before
        on_hand: Decimal = product.on_hand
        need = daily * (lead + cover) - max(on_hand, Decimal(0))
        step = Decimal(1) if product.unit in ("pcs", "pack", "porsi") else Decimal("0.1")
        buy = (need / step).to_integral_value(rounding=ROUND_CEILING) * step if need > 0 else Decimal(0)
        if buy > 0:
            out.append(
                Suggestion(
                    pid,
                    product.name,
                    product.unit,
                    product.on_hand,
                    daily.quantize(Decimal("0.01")),
                    lead,
                    buy,
                    apply_rate(int(product.cost), buy),
                    supplier_id,
                    supplier,
                )
            )
    return sorted(out, key=lambda s: (s.supplier, s.name))


def _shelf_days(ids: list[int]) -> dict[int, int]:
    """How long a perishable product keeps: the shortest span from receipt to expiry of its last
    batches (meat: 3 days), so a suggestion never buys more than can be sold before it spoils."""
    out: dict[int, int] = {}
    if not ids:
        return out
    for pid, received, expires in (
        Batch.select(Batch.product, Batch.received_at, Batch.expires_on)
        .where(Batch.product.in_(ids))
        .order_by(Batch.id.desc())
        .limit(50 * len(ids))
        .tuples()
    ):
        got = as_date(received)
        if got is not None and expires is not None:
            days = max(1, (as_date(expires) - got).days)  # type: ignore[operator]
            out[pid] = min(out.get(pid, days), days)
    return out


def supplier_message(shop_name: str, items: list[Suggestion]) -> str:
    lines = [_("Halo, kami dari {shop} mau pesan:").format(shop=shop_name)]
    for s in items:
        lines.append(f"- {s.name}: {qty_text(s.buy)} {s.unit}")
    lines.append(_("Terima kasih."))
    return "\n".join(lines)


def supplier_link(phone: str, message: str) -> str:
    return f"https://wa.me/{phones.normalise(phone)}?text={quote(message)}"
