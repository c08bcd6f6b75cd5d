"""The catalogue: categories, products and their barcodes, price history, sales channels, recipes."""

from __future__ import annotations

from peewee import (
    SQL,
    BigIntegerField,
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from db.fields import QtyField, RateField
from db.models.base import BaseModel
from db.models.shop import User


class Category(BaseModel):
    name = CharField(unique=True, max_length=80)
    sort = IntegerField(default=0)
    color = CharField(max_length=9, default="")
    active = BooleanField(default=True)


class Product(BaseModel):
    sku = CharField(unique=True, max_length=40)
    name = CharField(max_length=200, index=True)
    search_name = CharField(max_length=200, index=True)  # lower-case, accents folded, for fast search
    category = ForeignKeyField(Category, backref="products", null=True)
    unit = CharField(max_length=10, default="pcs")  # pcs, kg, gram, liter, porsi, pack
    price = BigIntegerField()
    cost = BigIntegerField(default=0)  # moving-average unit cost
    tax_category = CharField(max_length=20, default="standard")  # standard | exempt
    track_stock = BooleanField(default=True)
    on_hand = QtyField(default=0)  # balance of stock_move, kept in the same transaction
    reorder_level = QtyField(default=0)
    perishable = BooleanField(default=False)
    serialised = BooleanField(default=False)
    warranty_days = IntegerField(default=0)
    shelf_life_days = IntegerField(default=0)  # perishable goods: days from receipt to expiry
    quick = BooleanField(default=False)  # shown in the counter's quick-item grid
    quick_sort = IntegerField(default=0)  # its place there (then by name)
    active = BooleanField(default=True)
    created_at = DateTimeField()


# Products at or below their reorder level, by name: the low-stock list and count read a few index
# entries instead of every product. A query uses it when its WHERE has these three terms (LOW_STOCK).
LOW_STOCK_INDEX = (
    'CREATE INDEX IF NOT EXISTS "product_low_stock" ON "product" ("name") '
    'WHERE "track_stock" AND "active" AND "on_hand" <= "reorder_level"'
)
Product.add_index(SQL(LOW_STOCK_INDEX))
LOW_STOCK = (Product.track_stock, Product.active, Product.on_hand <= Product.reorder_level)


# Active products in name order (the Stok and Barang lists' first order): the list's ids come from the
# index alone, no sort of 50.000 names; a sale's stock update writes no page of it. Only a query whose
# WHERE holds the same terms (ACTIVE_BY_NAME, on a table named p) reads it: the low-stock count keeps
# its own, smaller index.
NAME_ORDER_INDEX = (
    'CREATE INDEX IF NOT EXISTS "product_active_name" ON "product" (LOWER("name"), "id", "track_stock") '
    'WHERE "active" AND "sku" <> \'\''
)
Product.add_index(SQL(NAME_ORDER_INDEX))
ACTIVE_BY_NAME = 'p."active" AND p."sku" <> \'\''  # every SKU is filled in: the index's terms, no filter


class Barcode(BaseModel):
    product = ForeignKeyField(Product, backref="barcodes", on_delete="CASCADE")
    code = CharField(unique=True, max_length=40)


class PriceChange(BaseModel):
    """Every change of a product's sell price: who, old, new, when and why (listed on the product)."""

    product = ForeignKeyField(Product, backref="price_changes", on_delete="CASCADE")
    old_price = BigIntegerField()
    new_price = BigIntegerField()
    reason = CharField(max_length=200, default="")
    user = ForeignKeyField(User, null=True, index=False)
    created_at = DateTimeField()


class Channel(BaseModel):
    """Where a sale comes from: walk-in, own delivery, social orders, food aggregators."""

    code = CharField(unique=True, max_length=20)
    name = CharField(max_length=60)
    kind = CharField(max_length=20)  # counter | delivery | social | aggregator
    markup_rate = RateField(default="0")  # aggregator price list: price x (1 + markup) unless explicit
    commission_rate = RateField(default="0")
    commission_fixed = BigIntegerField(default=0)  # per order
    earns_points = BooleanField(default=True)
    active = BooleanField(default=True)
    sort = IntegerField(default=0)


class ChannelPrice(BaseModel):
    channel = ForeignKeyField(Channel, backref="prices", on_delete="CASCADE")
    product = ForeignKeyField(Product, backref="channel_prices", on_delete="CASCADE")
    price = BigIntegerField()

    class Meta:
        indexes = ((("channel", "product"), True),)


class RecipeItem(BaseModel):
    """Selling `product` consumes `qty` of `ingredient` (Bakso Urat: 5 butir bakso, 60 g mie)."""

    product = ForeignKeyField(Product, backref="recipe", on_delete="CASCADE")
    ingredient = ForeignKeyField(Product, backref="used_in")
    qty = QtyField()
