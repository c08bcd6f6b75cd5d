"""The catalogue: categories, products with barcodes, channel prices, and finding an item fast."""

from __future__ import annotations

from decimal import Decimal

from peewee import JOIN, fn

from db import catalog_rows, names_index
from db.models import Barcode, Category, Channel, ChannelPrice, Product, RecipeItem
from pos.core import clock, journal, units
from pos.core.errors import Duplicate, InvalidName, InvalidPrice, ProductNotFound
from pos.core.money import MAX_AMOUNT, apply_rate
from pos.core.text import clean, fold, search_words
from pos.core.tx import service

UNITS = units.UNITS  # pcs, sachet, renceng, bungkus ... kg, gram, liter, ml, meter (pos/core/units.py)


@service
def create_category(name: str, sort: int = 0, color: str = "") -> Category:
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise InvalidName(limit=80)
    if Category.get_or_none(Category.name == name):
        raise Duplicate(what=name)
    return Category.create(name=name, sort=sort, color=color)


def _check_price(value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_AMOUNT:
        raise InvalidPrice(text=str(value))


@service
def create_product(
    sku: str,
    name: str,
    price: int,
    *,
    category: Category | None = None,
    barcodes: list[str] | tuple[str, ...] = (),
    unit: str = "pcs",
    cost: int = 0,
    tax_category: str = "standard",
    track_stock: bool = True,
    reorder_level: Decimal | int = 0,
    perishable: bool = False,
    serialised: bool = False,
    warranty_days: int = 0,
    quick: bool = False,
) -> Product:
    name = clean(name)
    if not name or len(name) > 200:
        raise InvalidName(limit=200)
    _check_price(price)
    _check_price(cost)
    if unit not in UNITS:
        raise InvalidName(limit=10)
    if Product.get_or_none(Product.sku == sku):
        raise Duplicate(what=f"SKU {sku}")
    product = Product.create(
        sku=sku,
        name=name,
        search_name=fold(name),
        category=category,
        unit=unit,
        price=price,
        cost=cost,
        tax_category=tax_category,
        track_stock=track_stock,
        reorder_level=reorder_level,
        perishable=perishable,
        serialised=serialised,
        warranty_days=warranty_days,
        quick=quick,
        created_at=clock.now(),
    )
    for code in barcodes:
        if Barcode.get_or_none(Barcode.code == code):
            raise Duplicate(what=f"Barcode {code}")
        Barcode.create(product=product, code=code)
    journal.append("product_made", {"product": product.id, "values": {"price": price}})  # its price, sealed
    return product


@service
def set_channel_price(channel: Channel, product: Product, price: int | None) -> None:
    """An explicit price on an aggregator's menu; None goes back to the channel's markup."""
    ChannelPrice.delete().where(ChannelPrice.channel == channel, ChannelPrice.product == product).execute()
    if price is not None:
        _check_price(price)
        ChannelPrice.create(channel=channel, product=product, price=price)


def by_code(code: str) -> Product:
    """Exact barcode or SKU (what a scanner types). Raises ProductNotFound."""
    code = (code or "").strip()
    row = catalog_rows.active_by_code(code)
    if row is None:
        raise ProductNotFound(code=code)
    return row


def search(query: str, limit: int = 20) -> list[Product]:
    """Case-insensitive substring per word: 'indo gor' finds 'Indomie Goreng'. Prefix matches first."""
    words = search_words(query)
    if not words:
        return []
    cond = (Product.active == True) & names_index.words_match(Product, words)  # noqa: E712
    raw = Product.id.in_(RecipeItem.select(RecipeItem.ingredient))  # a kitchen's raw material at Rp 0
    cond &= ~((Product.price == 0) & raw)  # is used up by recipes, not sold at the counter
    starts = fn.SUBSTR(Product.search_name, 1, len(words[0])) == words[0]
    return list(Product.select().where(cond).order_by(starts.desc(), Product.search_name).limit(limit))


def quick_items() -> dict[str, list[Product]]:
    """The counter's quick-item grid: products marked quick, by category."""
    grid: dict[str, list[Product]] = {}
    query = (
        Product.select(Product, Category)
        .join(Category, JOIN.LEFT_OUTER)
        .where(Product.quick == True, Product.active == True)  # noqa: E712
        .order_by(Category.sort, Category.name, Product.name)
    )
    for product in query:
        key = product.category.name if product.category_id else ""
        grid.setdefault(key, []).append(product)
    return grid


def price_for(product: Product, channel: Channel) -> int:
    """The price on this channel: an explicit channel price, else the markup, else the catalogue price."""
    return prices_for({product.id: int(product.price)}, channel)[product.id]


def prices_for(listed: dict[int, int], channel: Channel) -> dict[int, int]:
    """`price_for` of many products at once, {product id: catalogue price} -> {product id: price on this
    channel}: the channel's own prices in one query, not one a product."""
    if channel.kind != "aggregator":
        return dict(listed)
    own = (
        {
            int(pid): int(price)
            for pid, price in ChannelPrice.select(ChannelPrice.product, ChannelPrice.price)
            .where(ChannelPrice.channel == channel, ChannelPrice.product.in_(sorted(listed)))
            .tuples()
        }
        if listed
        else {}
    )
    rate = Decimal(channel.markup_rate)
    return {pid: own[pid] if pid in own else price + apply_rate(price, rate) for pid, price in listed.items()}


def categories(active_only: bool = False) -> list[Category]:
    query = Category.select().order_by(Category.sort, Category.name)
    return list(query.where(Category.active == True) if active_only else query)  # noqa: E712
