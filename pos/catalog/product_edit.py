"""Keeping the shop's own catalogue: adding and changing products (barcodes, prices per channel, stock
rules), deactivating or deleting them, and the categories they sit in.

Every change is one service call ('products' permission, or the owner's approval), journaled with its
values; a sell-price change also leaves a PriceChange row, listed on the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from peewee import JOIN

from db import catalog_rows
from db.fields import to_qty
from db.models import (
    Barcode,
    Batch,
    Category,
    Channel,
    ChannelPrice,
    PriceChange,
    Product,
    RecipeItem,
    SaleLine,
    StockMove,
    User,
)
from pos.catalog.catalog import UNITS
from pos.core import barcodes, clock, journal, staff
from pos.core.errors import Duplicate, InvalidInput, InvalidName, InvalidPrice, NotFound, PosError
from pos.core.i18n import N_
from pos.core.money import MAX_AMOUNT
from pos.core.text import clean, fold
from pos.core.tx import service
from pos.stock import stock

MAX_NAME = 200
MAX_REORDER = Decimal("999999")
SKU_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


class ZeroPrice(PosError):
    """Raised before a product is saved with price Rp 0: the screen asks, then saves with allow_zero."""

    template = N_("Harga jual {name} Rp 0 — barang ini akan dijual gratis. Yakin?")


class HasHistory(PosError):
    template = N_(
        "{name} sudah punya riwayat (penjualan atau stok), jadi tidak bisa dihapus. Nonaktifkan saja."
    )


@dataclass
class ProductData:
    """What the product dialog (or an import row) holds. Money in whole rupiah; channel_prices maps an
    aggregator channel's id to its explicit price, or None for the channel's markup."""

    name: str
    price: int
    sku: str = ""
    barcodes: list[str] = field(default_factory=list)
    category_id: int | None = None
    unit: str = "pcs"
    cost: int = 0  # HPP of a new product; later the moving average of what was received
    channel_prices: dict[int, int | None] = field(default_factory=dict)
    track_stock: bool = True
    reorder_level: Decimal = Decimal(0)
    perishable: bool = False
    shelf_life_days: int = 0
    serialised: bool = False
    warranty_days: int = 0
    tax_exempt: bool = False
    quick: bool = False
    quick_sort: int = 0
    active: bool = True
    opening_stock: Decimal = Decimal(0)  # a new tracked product: what is on the shelf now (a count)


def _price(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_AMOUNT:
        raise InvalidPrice(text=f"{what} {value}")
    return value


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidInput(N_("{what} harus angka {low} sampai {high}."), what=what, low=low, high=high)
    return value


def next_sku() -> str:
    """A made-up SKU for a product entered without one: BRG-000001, BRG-000002 ..."""
    found = catalog_rows.last_sku_like("BRG-%")
    last = int(found[4:]) if found and found[4:].isdigit() else 0
    while True:
        last += 1
        sku = f"BRG-{last:06d}"
        if not Product.select().where(Product.sku == sku).exists():
            return sku


def _checked(data: ProductData, product_id: int | None) -> dict[str, Any]:
    """The product's columns from `data`, every value checked; raises the first problem found."""
    name = clean(data.name)
    if not name or len(name) > MAX_NAME:
        raise InvalidName(limit=MAX_NAME)
    sku = clean(data.sku).upper() if data.sku else ""
    if sku and not SKU_PATTERN.match(sku):
        raise InvalidInput(
            N_("SKU {sku} tidak valid: huruf, angka dan . _ / - saja, paling panjang 40."), sku=sku
        )
    taken = Product.get_or_none(Product.sku == sku) if sku else None
    if taken is not None and taken.id != product_id:
        raise Duplicate(what=f"SKU {sku} ({taken.name})")
    if data.unit not in UNITS and (  # a word an older shop's product holds may stay, no new one
        product_id is None
        or data.unit != Product.select(Product.unit).where(Product.id == product_id).scalar()
    ):
        raise InvalidInput(N_("Satuan {unit} tidak dikenal."), unit=data.unit)
    if data.category_id is not None and not Category.select().where(Category.id == data.category_id).exists():
        raise NotFound(N_("Kategori tidak ditemukan."))
    try:
        level = to_qty(Decimal(str(data.reorder_level).replace(",", ".")))
    except Exception as exc:  # noqa: BLE001 - any unreadable number is the same mistake
        raise InvalidInput(N_("Batas stok tidak valid.")) from exc
    if not level.is_finite() or not 0 <= level <= MAX_REORDER:
        raise InvalidInput(N_("Batas stok tidak valid."))
    return dict(
        name=name,
        search_name=fold(name),
        sku=sku,
        category=data.category_id,
        unit=data.unit,
        price=_price(data.price, ""),
        cost=_price(data.cost, "HPP"),
        tax_category="exempt" if data.tax_exempt else "standard",
        track_stock=bool(data.track_stock),
        reorder_level=level,
        perishable=bool(data.perishable),
        shelf_life_days=_whole(data.shelf_life_days if data.perishable else 0, 0, 3650, "Umur simpan"),
        serialised=bool(data.serialised),
        warranty_days=_whole(data.warranty_days, 0, 3650, "Garansi"),
        quick=bool(data.quick),
        quick_sort=_whole(data.quick_sort, 0, 9999, "Urutan tombol"),
        active=bool(data.active),
    )


def _checked_barcodes(codes: list[str], product_id: int | None) -> list[str]:
    out: list[str] = []
    for raw in codes:
        code = barcodes.check_barcode(raw)
        if code in out:
            raise Duplicate(what=f"Barcode {code}")
        holder = (
            Product.select(Product.id, Product.name)
            .join(Barcode)
            .where(Barcode.code == code, Product.id != (product_id or 0))
            .first()
        )
        if holder is None:
            holder = Product.get_or_none((Product.sku == code) & (Product.id != (product_id or 0)))
        if holder is not None:
            raise Duplicate(what=f"Barcode {code} ({holder.name})")
        out.append(code)
    return out


def _channel_prices(prices: dict[int, int | None]) -> dict[int, int | None]:
    out: dict[int, int | None] = {}
    for channel_id, price in prices.items():
        channel = Channel.get_or_none(Channel.id == channel_id)
        if channel is None or channel.kind != "aggregator":
            raise InvalidInput(N_("Harga khusus hanya untuk GoFood, GrabFood dan ShopeeFood."))
        out[channel_id] = None if price is None else _price(price, channel.name)
    return out


@service
def save_product(
    data: ProductData,
    user: User,
    approver: staff.Approval | None = None,
    *,
    product_id: int | None = None,
    allow_zero: bool = False,
    reason: str = "",
) -> Product:
    """Add a product (product_id None) or change one. The SKU is made up when empty; a sell-price
    change is recorded with who, old, new and `reason`. A price of Rp 0 needs allow_zero."""
    approved = staff.require(user, "products", approver)
    values = _checked(data, product_id)
    codes = _checked_barcodes(data.barcodes, product_id)
    prices = _channel_prices(data.channel_prices)
    if values["price"] == 0 and not allow_zero:
        raise ZeroPrice(name=values["name"])
    now = clock.now()
    old = Product.get_or_none(Product.id == product_id) if product_id is not None else None
    if product_id is not None and old is None:
        raise NotFound(N_("Barang tidak ditemukan."))
    if not values["sku"]:
        values["sku"] = old.sku if old is not None else next_sku()
    opening = _opening(data) if old is None and values["track_stock"] else Decimal(0)
    if old is None:
        product = Product.create(**values, created_at=now)
        if opening:
            stock.move(product, opening, "opname", unit_cost=values["cost"], user=user, reason="stok awal")
    else:
        values.pop("cost")  # the moving average of what was received; not typed over
        Product.update(**values).where(Product.id == old.id).execute()
        product = Product.get_by_id(old.id)
        if old.price != product.price:
            _price_changed(product, int(old.price), int(product.price), reason or "ubah barang", user, now)
    Barcode.delete().where(Barcode.product == product.id, Barcode.code.not_in(codes or [""])).execute()
    have = {b.code for b in Barcode.select(Barcode.code).where(Barcode.product == product.id)}
    for code in codes:
        if code not in have:
            Barcode.create(product=product.id, code=code)
    for channel_id, price in prices.items():
        ChannelPrice.delete().where(
            ChannelPrice.channel == channel_id, ChannelPrice.product == product.id
        ).execute()
        if price is not None:
            ChannelPrice.create(channel=channel_id, product=product.id, price=price)
    journal.append(
        "product",
        {
            "product": product.id,
            "new": old is None,
            "values": {k: v for k, v in values.items() if k != "search_name"},
            "barcodes": codes,
            "channel_prices": {str(k): v for k, v in prices.items()},
            "opening_stock": str(opening),
            "approved_by": approved.name if approved else "",
        },
        user=user.name,
    )
    return product


def _opening(data: ProductData) -> Decimal:
    try:
        qty = to_qty(Decimal(str(data.opening_stock).replace(",", ".")))
    except Exception as exc:  # noqa: BLE001 - any unreadable number is the same mistake
        raise InvalidInput(N_("Stok awal tidak valid.")) from exc
    if not qty.is_finite() or not 0 <= qty <= stock.MAX_STOCK_QTY:
        raise InvalidInput(N_("Stok awal tidak valid."))
    return qty


def _price_changed(product: Product, old: int, new: int, reason: str, user: User, at: Any) -> None:
    reason = clean(reason)[:200]
    PriceChange.create(
        product=product.id, old_price=old, new_price=new, reason=reason, user=user.id, created_at=at
    )
    journal.append(
        "price",
        {"product": product.id, "sku": product.sku, "old": old, "new": new, "why": reason},
        user=user.name,
    )


def set_price(product: Product, new: int, reason: str, user: User) -> None:
    """Inside a service that checked the permission: one product's sell price, recorded."""
    old = int(product.price)
    if old == new:
        return
    Product.update(price=new).where(Product.id == product.id).execute()
    _price_changed(product, old, new, reason, user, clock.now())


@dataclass(frozen=True)
class PriceHistory:
    at: Any
    old: int
    new: int
    user: str
    reason: str


def price_history(product_id: int) -> list[PriceHistory]:
    """A product's sell-price changes, newest first."""
    query = (
        PriceChange.select(PriceChange, User.name)
        .join(User, JOIN.LEFT_OUTER, on=(PriceChange.user == User.id))
        .where(PriceChange.product == product_id)
        .order_by(PriceChange.created_at.desc(), PriceChange.id.desc())
        .objects()
    )
    return [
        PriceHistory(row.created_at, int(row.old_price), int(row.new_price), row.name or "", row.reason)
        for row in query
    ]


def product_data(product_id: int) -> ProductData:
    """A product as the dialog edits it."""
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound(N_("Barang tidak ditemukan."))
    codes = [b.code for b in Barcode.select().where(Barcode.product == product_id).order_by(Barcode.id)]
    prices: dict[int, int | None] = {
        row.channel_id: int(row.price)
        for row in ChannelPrice.select().where(ChannelPrice.product == product_id)
    }
    return ProductData(
        name=product.name,
        price=int(product.price),
        sku=product.sku,
        barcodes=codes,
        category_id=product.category_id,
        unit=product.unit,
        cost=int(product.cost),
        channel_prices=prices,
        track_stock=product.track_stock,
        reorder_level=product.reorder_level,
        perishable=product.perishable,
        shelf_life_days=product.shelf_life_days,
        serialised=product.serialised,
        warranty_days=product.warranty_days,
        tax_exempt=product.tax_category == "exempt",
        quick=product.quick,
        quick_sort=product.quick_sort,
        active=product.active,
    )


def has_history(product_id: int) -> bool:
    """Sold, moved in stock, in a batch or used in a recipe: such a product is deactivated, not deleted."""
    return any(
        query.exists()
        for query in (
            SaleLine.select().where(SaleLine.product == product_id),
            StockMove.select().where(StockMove.product == product_id),
            Batch.select().where(Batch.product == product_id),
            RecipeItem.select().where(RecipeItem.ingredient == product_id),
            PriceChange.select().where(PriceChange.product == product_id),
        )
    )


@service
def set_product_active(
    product_id: int, active: bool, user: User, approver: staff.Approval | None = None
) -> None:
    """Inactive products vanish from the counter and search; reports and old receipts keep them."""
    approved = staff.require(user, "products", approver)
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound(N_("Barang tidak ditemukan."))
    Product.update(active=bool(active)).where(Product.id == product_id).execute()
    journal.append(
        "product",
        {"product": product_id, "active": bool(active), "approved_by": approved.name if approved else ""},
        user=user.name,
    )


@service
def delete_product(product_id: int, user: User, approver: staff.Approval | None = None) -> None:
    """Only a product without any history may go (a typo just entered); every other is deactivated."""
    approved = staff.require(user, "products", approver)
    product = Product.get_or_none(Product.id == product_id)
    if product is None:
        raise NotFound(N_("Barang tidak ditemukan."))
    if has_history(product_id):
        raise HasHistory(name=product.name)
    RecipeItem.delete().where(RecipeItem.product == product_id).execute()
    Product.delete().where(Product.id == product_id).execute()  # barcodes and channel prices cascade
    journal.append(
        "product",
        {"product": product_id, "deleted": product.sku, "approved_by": approved.name if approved else ""},
        user=user.name,
    )


# --- categories -------------------------------------------------------------------------------------

COLOR = re.compile(r"^(#[0-9a-fA-F]{6})?$")


@service
def save_category(
    name: str,
    user: User,
    approver: staff.Approval | None = None,
    *,
    category_id: int | None = None,
    color: str = "",
) -> Category:
    """Add a category (at the end of the order) or rename / recolour one."""
    approved = staff.require(user, "products", approver)
    name = clean(name)
    if not name or len(name) > 80:
        raise InvalidName(limit=80)
    if not COLOR.match(color or ""):
        raise InvalidInput(N_("Warna ditulis #RRGGBB, mis. #2e7d32."))
    same = Category.get_or_none(Category.name == name)
    if same is not None and same.id != category_id:
        raise Duplicate(what=name)
    if category_id is None:
        last = Category.select(Category.sort).order_by(Category.sort.desc()).scalar() or 0
        row = Category.create(name=name, sort=last + 1, color=color or "")
    else:
        row = Category.get_or_none(Category.id == category_id)
        if row is None:
            raise NotFound(N_("Kategori tidak ditemukan."))
        Category.update(name=name, color=color or "").where(Category.id == category_id).execute()
        row = Category.get_by_id(category_id)
    journal.append(
        "category",
        {
            "category": row.id,
            "name": name,
            "color": color or "",
            "approved_by": approved.name if approved else "",
        },
        user=user.name,
    )
    return row


@service
def move_category(category_id: int, step: int, user: User, approver: staff.Approval | None = None) -> None:
    """Move a category up (step -1) or down (+1) in the order the counter shows the quick buttons."""
    staff.require(user, "products", approver)
    ordered = list(Category.select().order_by(Category.sort, Category.name))
    index = next((i for i, c in enumerate(ordered) if c.id == category_id), None)
    if index is None:
        raise NotFound(N_("Kategori tidak ditemukan."))
    target = max(0, min(len(ordered) - 1, index + step))
    ordered.insert(target, ordered.pop(index))
    for position, row in enumerate(ordered, start=1):
        if row.sort != position:
            Category.update(sort=position).where(Category.id == row.id).execute()
    journal.append("category", {"order": [c.id for c in ordered]}, user=user.name)


@service
def set_category_active(
    category_id: int, active: bool, user: User, approver: staff.Approval | None = None
) -> None:
    """An inactive category is no longer offered for products; its products keep it in reports."""
    staff.require(user, "products", approver)
    if not Category.select().where(Category.id == category_id).exists():
        raise NotFound(N_("Kategori tidak ditemukan."))
    Category.update(active=bool(active)).where(Category.id == category_id).execute()
    journal.append("category", {"category": category_id, "active": bool(active)}, user=user.name)
