"""Price labels: which labels to print (name, price, barcode) for chosen products, a restock, or all.

Query functions only; receipts/labels.py turns the list into a PDF sheet or thermal labels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from peewee import JOIN, fn

from db.models import Barcode, Product, Purchase, StockMove, Supplier
from pos.core.barcodes import is_valid_ean8, is_valid_ean13
from pos.core.errors import InvalidInput, InvalidQuantity, NotFound, ProductNotFound
from pos.core.i18n import N_

MAX_LABELS = 10_000  # in one go: a bigger job is a typing mistake (10.000 labels is 477 A4 sheets)
WEIGHED_UNITS = ("kg", "gram")  # one label per line: the scale prints its own label per pack
TOO_MANY = N_("Paling banyak {limit} label sekali cetak; yang diminta {count}.")
PURCHASE_NOT_FOUND = N_("Penerimaan barang nomor {number} tidak ditemukan.")
_CHUNK = 500  # ids per IN (...) query


@dataclass(frozen=True)
class LabelItem:
    name: str
    price: int  # whole rupiah
    code: str  # what the barcode says (and what a scan finds)
    symbology: str  # EAN13 | EAN8 | Code128


def symbology_for(code: str) -> str:
    if is_valid_ean13(code):
        return "EAN13"
    if is_valid_ean8(code):
        return "EAN8"
    return "Code128"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _check_total(count: int) -> None:
    if count > MAX_LABELS:
        raise InvalidInput(TOO_MANY, limit=_thousands(MAX_LABELS), count=_thousands(count))


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _first_codes(ids: list[int] | None) -> dict[int, str]:
    """Each product's first barcode (the one registered first); ids None: every product."""
    first: dict[int, str] = {}
    parts: Iterable[list[int] | None] = [None] if ids is None else _chunks(ids)
    for part in parts:
        query = Barcode.select(Barcode.product, Barcode.code).order_by(Barcode.id)
        if part is not None:
            query = query.where(Barcode.product.in_(part))
        for product_id, code in query.tuples().iterator():
            first.setdefault(product_id, code)
    return first


def _item(product: Any, codes: dict[int, str]) -> LabelItem:
    code = codes.get(product.id) or product.sku
    return LabelItem(product.name, int(product.price), code, symbology_for(code))


def _products(ids: list[int]) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for part in _chunks(sorted(set(ids))):
        found.update({p.id: p for p in Product.select().where(Product.id.in_(part))})
    return found


def _labels(wanted: list[tuple[int, int]]) -> list[LabelItem]:
    """(product id, how many) in order -> the labels, each repeated that many times."""
    _check_total(sum(n for _, n in wanted))
    ids = [pid for pid, _ in wanted]
    products = _products(ids)
    missing = [pid for pid in ids if pid not in products]
    if missing:
        raise ProductNotFound(code=str(missing[0]))
    codes = _first_codes(sorted(set(ids)))
    out: list[LabelItem] = []
    for pid, n in wanted:
        out.extend([_item(products[pid], codes)] * n)
    return out


def items_for(counts: dict[int, int]) -> list[LabelItem]:
    """Product id -> number of labels, in the given order. 0 prints none; over 10.000 in all is refused."""
    for n in counts.values():
        if not isinstance(n, int) or isinstance(n, bool) or n < 0:
            raise InvalidQuantity(text=str(n))
    return _labels([(pid, n) for pid, n in counts.items() if n])


def label_count(qty: Decimal, unit: str) -> int:
    """Labels for a received line: one per whole unit (at least one); weighed goods one per line."""
    if unit in WEIGHED_UNITS:
        return 1
    return max(1, int(qty))


def items_for_purchase(purchase_id: int) -> list[LabelItem]:
    """A label for every whole unit received in that restock (24 Indomie: 24 labels), lines in order."""
    if Purchase.get_or_none(Purchase.id == purchase_id) is None:
        raise NotFound(PURCHASE_NOT_FOUND, number=purchase_id)
    moves = (
        StockMove.select(StockMove.product, StockMove.qty, Product.unit)
        .join(Product, on=(StockMove.product == Product.id))
        .where(StockMove.purchase == purchase_id, StockMove.kind == "restock")
        .order_by(StockMove.id)
        .tuples()
    )
    wanted = [(pid, label_count(Decimal(qty), unit)) for pid, qty, unit in moves]
    return _labels(wanted)


def items_for_all(active_only: bool = True) -> list[LabelItem]:
    """One label for each product, by name (only those still sold, unless active_only is False)."""
    query = Product.select()
    if active_only:
        query = query.where(Product.active == True)  # noqa: E712
    _check_total(query.count())
    products = list(query.order_by(Product.search_name, Product.id))
    codes = _first_codes(None)
    return [_item(p, codes) for p in products]


@dataclass(frozen=True)
class RecentPurchase:
    purchase_id: int
    received_at: Any
    supplier: str
    lines: int


def recent_purchases(limit: int = 30) -> list[RecentPurchase]:
    """The latest restocks, newest first: 'the items of this restock' get their labels."""
    query = (
        Purchase.select(Purchase.id, Purchase.created_at, Supplier.name, fn.COUNT(StockMove.id))
        .join(Supplier, JOIN.LEFT_OUTER, on=(Purchase.supplier == Supplier.id))
        .switch(Purchase)
        .join(StockMove, JOIN.LEFT_OUTER, on=(StockMove.purchase == Purchase.id))
        .group_by(Purchase.id, Purchase.created_at, Supplier.name)
        .order_by(Purchase.id.desc())
        .limit(limit)
        .tuples()
    )
    return [RecentPurchase(pid, at, name or "", n) for pid, at, name, n in query]
