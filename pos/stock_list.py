"""What the owner looks at in Stok: on hand and its value, low stock, what expires soon, and what to buy.

Each list is one SQL query (the on-hand balance is kept on the product in the same transaction as every
move). Purchase suggestions come from average daily use over the last N days and the supplier's lead
time: enough to last until the next delivery, not more — perishable raw materials spoil.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from operator import itemgetter
from typing import Any
from urllib.parse import quote

from peewee import fn

from db import fast
from db.models import Batch, Product, Purchase, StockMove, Supplier, database
from pos import clock
from pos.i18n import _
from pos.money import apply_rate
from pos.text import fold


class Row(tuple[Any, ...]):
    """One product of the stock list: a plain tuple with named fields (50.000 are made for one list;
    a NamedTuple's Python-level constructor cost three times as much here)."""

    __slots__ = ()
    product_id = property(itemgetter(0))
    sku = property(itemgetter(1))
    name = property(itemgetter(2))
    category = property(itemgetter(3))
    unit = property(itemgetter(4))
    held = property(itemgetter(5))  # on hand in whole thousandths
    level = property(itemgetter(6))  # reorder level in thousandths
    cost = property(itemgetter(7))
    perishable = property(lambda r: bool(r[8]))
    next_expiry = property(itemgetter(9))

    @property
    def on_hand(self) -> Decimal:
        return Decimal(self[5]).scaleb(-3)

    @property
    def reorder_level(self) -> Decimal:
        return Decimal(self[6]).scaleb(-3)

    @property
    def low(self) -> bool:
        return bool(self[5] <= self[6])

    @property
    def value(self) -> int:
        """Cost of what is on the shelf, half up (nothing for a negative balance)."""
        return (self[7] * self[5] + 500) // 1000 if self[5] > 0 else 0


def listing(query: str = "", only_low: bool = False, limit: int | None = None) -> list[Row]:
    """Tracked, active products by name with on hand, reorder level, cost and the next batch expiry: one
    scan of the products; categories and batch expiries (few rows) are looked up in dictionaries.
    Quantities stay whole thousandths until a row is shown (50.000 Decimals cost more than the scan)."""
    sql = (
        'SELECT "id", "sku", "name", "category_id", "unit", "on_hand", "reorder_level", "cost", "perishable" '
        'FROM "product" WHERE "track_stock" = ? AND "active" = ?'
    )
    params: list[Any] = [True, True]
    if only_low:
        sql += ' AND "on_hand" <= "reorder_level"'
    for word in [w for w in fold(query).split() if w][:6]:
        sql += ' AND ("search_name" LIKE ? OR "sku" = ?)'
        params += [f"%{word}%", word.upper()]
    categories = dict(fast.rows('SELECT "id", "name" FROM "category"', []))
    soonest = {
        pid: _as_date(day)
        for pid, day in fast.rows(
            'SELECT "product_id", MIN("expires_on") FROM "batch" WHERE "qty_left" > 0 GROUP BY "product_id"',
            [],
        )
    }
    found = database.execute_sql(sql.replace("?", database.param), params).fetchall()
    found.sort(key=itemgetter(2))  # sorting here beats walking the name index row by row
    if limit:
        found = found[:limit]
    return [
        Row((pid, sku, name, categories.get(cat, ""), unit, held, level, cost, perishable, soonest.get(pid)))
        for pid, sku, name, cat, unit, held, level, cost, perishable in found
    ]


def _as_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def low_count() -> int:
    return (
        Product.select()
        .where(
            Product.track_stock == True,  # noqa: E712
            Product.active == True,  # noqa: E712
            Product.on_hand <= Product.reorder_level,
        )
        .count()
    )


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
    """Each product's supplier from its latest purchase with one: {product: (id, name, lead days)}."""
    latest = (
        StockMove.select(StockMove.product, fn.MAX(StockMove.id).alias("last"))
        .join(Purchase)
        .where(Purchase.supplier.is_null(False), StockMove.product.in_(ids))
        .group_by(StockMove.product)
    )
    out = {}
    for pid, last in latest.tuples():
        move = StockMove.select(Purchase.supplier).join(Purchase).where(StockMove.id == last).scalar()
        supplier = Supplier.get_or_none(Supplier.id == move)
        if supplier is not None:
            out[pid] = (supplier.id, supplier.name, int(supplier.lead_days))
    return out


def suggestions(history_days: int = 28, cover_days: int = 7) -> list[Suggestion]:
    """What to buy now: average daily use over `history_days` (sales, production and gifts that left
    the shelf; waste excluded), enough for the supplier's lead time plus `cover_days` until the next
    delivery, minus what is on hand. Only products that need something."""
    since = clock.now() - timedelta(days=history_days)
    used = {
        pid: -Decimal(int(total)) / 1000
        for pid, total in StockMove.select(StockMove.product, fn.SUM(StockMove.qty))
        .where(
            StockMove.created_at >= since,
            StockMove.kind.in_(["sale", "refund", "production", "gift"]),
        )
        .group_by(StockMove.product)
        .tuples()
    }
    products = {
        p.id: p
        for p in Product.select().where(
            Product.track_stock == True,  # noqa: E712
            Product.active == True,  # noqa: E712
            Product.id.in_([pid for pid, qty in used.items() if qty > 0]),
        )
    }
    suppliers = _last_suppliers(list(products))
    shelf = _shelf_days([pid for pid, p in products.items() if p.perishable])
    out = []
    for pid, product in products.items():
        daily = used[pid] / history_days
        supplier_id, supplier, lead = suppliers.get(pid, (None, "", 1))
        cover = min(cover_days, shelf[pid]) if pid in shelf else cover_days  # it would spoil before
        need = daily * (lead + cover) - max(product.on_hand, Decimal(0))
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
        got = _as_date(received)
        if got is not None and expires is not None:
            days = max(1, (_as_date(expires) - got).days)  # type: ignore[operator]
            out[pid] = min(out.get(pid, days), days)
    return out


def supplier_message(shop_name: str, items: list[Suggestion]) -> str:
    lines = [_("Halo, kami dari {shop} mau pesan:").format(shop=shop_name)]
    for s in items:
        qty = format(s.buy.normalize(), "f").replace(".", ",")
        lines.append(f"- {s.name}: {qty} {s.unit}")
    lines.append(_("Terima kasih."))
    return "\n".join(lines)


def supplier_link(phone: str, message: str) -> str:
    from pos import phone as phones

    return f"https://wa.me/{phones.normalise(phone)}?text={quote(message)}"
