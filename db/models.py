"""Every table of Kasir, for the whole shop: catalogue, counter, customers, loyalty, stock, staff, audit.

Money is whole rupiah in integer columns. Quantities are exact thousandths (QtyField). Rates are decimal
text (RateField). Timestamps are the shop's local wall-clock time (Indonesia has no daylight saving),
so a day in a report is simply the date of the timestamp.

History tables (sale, sale_line, payment, loyalty_entry, stock_move, kasbon_entry, journal_entry) are
append-only: corrections are new rows linked to the old ones. Balances kept beside them
(customer.points, product.on_hand, customer.kasbon) are updated in the same transaction.
"""

from __future__ import annotations

from peewee import (
    SQL,
    BigIntegerField,
    BooleanField,
    CharField,
    CompositeKey,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.fields import JSONField, QtyField, RateField

database = DatabaseProxy()


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


# --- the shop -------------------------------------------------------------------------------------


class Meta(BaseModel):
    """Marks a Kasir database and holds its schema version (and the argon2 hash of the shop's recovery
    code, key 'recovery_code': pos/core/pin_guard.py)."""

    key = CharField(primary_key=True, max_length=40)
    value = TextField()


class Balance(BaseModel):
    """A shop-wide sum kept by the database's own triggers (db/balances.py): 'points' is every point the
    members hold, the loyalty liability, so the report reads one row instead of every customer."""

    name = CharField(primary_key=True, max_length=40)
    amount = BigIntegerField(default=0)


class Setting(BaseModel):
    """One shop setting (name, tax, QRIS, loyalty rules...) as JSON; read through pos.core.settings."""

    key = CharField(primary_key=True, max_length=80)
    value = JSONField()


class Register(BaseModel):
    """A till. Receipt numbers are gapless per register: K1-000001, K1-000002 ..."""

    code = CharField(unique=True, max_length=10)
    name = CharField(max_length=80)
    last_number = IntegerField(default=0)
    last_shift_number = IntegerField(default=0)


class Role(BaseModel):
    code = CharField(unique=True, max_length=20)  # owner, cashier, online_admin
    name = CharField(max_length=60)
    permissions = JSONField(default=list)


class User(BaseModel):
    name = CharField(max_length=80)
    role = ForeignKeyField(Role, backref="users")
    pin_hash = CharField(max_length=255)
    active = BooleanField(default=True)
    failed_pins = IntegerField(
        default=0
    )  # wrong PINs in a row, at login and approval (pos/core/pin_guard.py)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField()


class PinFailure(BaseModel):
    """One wrong PIN typed for `user`: at the login screen, the approval prompt (`by` who asked) or a wrong
    recovery code; `seen` once the owner was shown it at login (schema 8)."""

    user = ForeignKeyField(User, backref="pin_failures")
    at = DateTimeField()
    place = CharField(max_length=12)  # login | approval | recovery
    by = ForeignKeyField(User, null=True, backref="pin_failures_asked")
    register = CharField(max_length=10)
    seen = BooleanField(default=False)

    class Meta:
        indexes = ((("user", "seen"), False),)


# --- catalogue ------------------------------------------------------------------------------------


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


# --- customers ------------------------------------------------------------------------------------


class Customer(BaseModel):
    phone = CharField(unique=True, max_length=20, null=True)  # normalised 62..., the identity
    name = CharField(max_length=120)
    search_name = CharField(max_length=120, index=True)
    birthday = DateField(null=True)
    notes = TextField(default="")
    tags = CharField(max_length=200, default="")
    wa_consent = BooleanField(default=False)
    credit_limit = BigIntegerField(default=0)  # kasbon limit
    kasbon = BigIntegerField(default=0, index=True)  # balance of kasbon_entry (indexed: schema 3)
    points = BigIntegerField(default=0)  # balance of loyalty_entry; their sum: Balance 'points' (schema 5)
    tier = CharField(max_length=20, default="")
    merged_into = ForeignKeyField("self", null=True, backref="merged")
    active = BooleanField(default=True)  # deactivated: out of the counter's search, kept in history
    # kept in the sale's transaction (schema 2): segments and reports read these, not every sale
    visits = IntegerField(default=0)
    first_visit = DateTimeField(null=True)
    last_visit = DateTimeField(null=True, index=True)
    created_at = DateTimeField()


class CustomerPhone(BaseModel):
    """A customer's other numbers (normalised 62...): found like the main one, unique across customers."""

    customer = ForeignKeyField(Customer, backref="other_phones", on_delete="CASCADE")
    phone = CharField(unique=True, max_length=20)

    class Meta:
        table_name = "customer_other_phone"  # "customer_phone" is the name of customer.phone's index


class CustomerAddress(BaseModel):
    customer = ForeignKeyField(Customer, backref="addresses", on_delete="CASCADE")
    label = CharField(max_length=40, default="Rumah")
    address = TextField()


# --- staff shifts ---------------------------------------------------------------------------------


class Shift(BaseModel):
    register = ForeignKeyField(Register, backref="shifts")
    number = IntegerField()
    opened_by = ForeignKeyField(User, backref="opened_shifts")
    opened_at = DateTimeField()
    opening_cash = BigIntegerField(default=0)
    closed_by = ForeignKeyField(User, null=True, backref="closed_shifts")
    closed_at = DateTimeField(null=True)
    expected_cash = BigIntegerField(null=True)
    counted_cash = BigIntegerField(null=True)
    counted_detail = JSONField(null=True)  # {"100000": 3, "500": 4}
    variance = BigIntegerField(null=True)

    class Meta:
        indexes = ((("register", "number"), True),)


class CashMove(BaseModel):
    """Pay-in / pay-out during a shift (buying ice, change from the bank)."""

    shift = ForeignKeyField(Shift, backref="cash_moves")
    amount = BigIntegerField()  # + in, - out
    reason = CharField(max_length=200)
    user = ForeignKeyField(User)
    created_at = DateTimeField()


# --- the counter ----------------------------------------------------------------------------------


class Sale(BaseModel):
    """A completed sale or refund. A refund is its own Sale (kind='refund') linked by refund_of."""

    number = CharField(unique=True, max_length=20)  # K1-000123
    cart_uid = CharField(unique=True, max_length=32)  # the counter's cart: a second "Bayar" finds it
    register = ForeignKeyField(Register, backref="sales", index=False)
    seq = IntegerField()
    kind = CharField(max_length=10, default="sale")  # sale | refund
    refund_of = ForeignKeyField("self", null=True, backref="refunds", index=False)  # REFUND_INDEXES
    channel = ForeignKeyField(Channel, backref="sales", index=False)  # reports read the day books
    order_type = CharField(max_length=12, default="")  # dine_in | take_away | delivery
    source_ref = CharField(max_length=60, default="")  # aggregator order id, social handle
    customer = ForeignKeyField(Customer, null=True, backref="sales")
    cashier = ForeignKeyField(User, backref="sales", index=False)
    approved_by = ForeignKeyField(User, null=True, index=False)
    shift = ForeignKeyField(Shift, null=True, backref="sales")
    created_at = DateTimeField(index=True)
    paid_at = DateTimeField()
    gross = BigIntegerField()  # sum of qty x unit price before any discount
    discount = BigIntegerField(default=0)  # line + order + points + voucher discounts
    discount_reason = CharField(max_length=200, default="")
    service = BigIntegerField(default=0)
    tax = BigIntegerField(default=0)
    tax_included = BooleanField(default=False)  # the tax is inside the prices (not added on top)
    delivery_fee = BigIntegerField(default=0)
    rounding = BigIntegerField(default=0)
    total = BigIntegerField()  # what the customer pays
    commission = BigIntegerField(default=0)  # aggregator's cut
    net = BigIntegerField()  # what the shop keeps: total - commission
    cost = BigIntegerField(default=0)  # cost of goods
    delivery_address = TextField(default="")
    note = TextField(default="")
    reason = CharField(max_length=200, default="")  # for refunds
    # No index on (register, seq): the number, unique, is made of the two (schema 6)


class SaleLine(BaseModel):
    sale = ForeignKeyField(Sale, backref="lines", on_delete="CASCADE")
    position = IntegerField()
    product = ForeignKeyField(Product, backref="sale_lines", null=True, index=False)  # see COSTLY_INDEXES
    name = CharField(max_length=200)  # as printed at the time
    qty = QtyField()  # negative on refunds
    unit_price = BigIntegerField()
    list_price = BigIntegerField()  # catalogue/channel price before override
    discount = BigIntegerField(default=0)  # line + share of order-level discounts
    tax = BigIntegerField(default=0)
    total = BigIntegerField()  # qty x unit_price - discount
    cost = BigIntegerField(default=0)
    note = CharField(max_length=200, default="")
    reward = BooleanField(default=False)  # gift / stamp reward line: earns nothing
    refund_of = ForeignKeyField("self", null=True, backref="refund_lines", index=False)  # REFUND_INDEXES
    serial_number = CharField(max_length=60, default="")  # found by warranty.search (LIKE: no index)
    warranty_until = DateField(null=True)


# Refunds by the sale or line they return: only refunds carry refund_of, so the indexes hold only them
# and an ordinary sale writes no page to them (schema 5). `refund_of == x` implies IS NOT NULL: used.
REFUND_INDEXES = (
    'CREATE INDEX IF NOT EXISTS "sale_refund_of_id" ON "sale" ("refund_of_id") '
    'WHERE "refund_of_id" IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS "sale_line_refund_of_id" ON "sale_line" ("refund_of_id") '
    'WHERE "refund_of_id" IS NOT NULL',
)
Sale.add_index(SQL(REFUND_INDEXES[0]))
SaleLine.add_index(SQL(REFUND_INDEXES[1]))


class Payment(BaseModel):
    sale = ForeignKeyField(Sale, backref="payments", on_delete="CASCADE")
    method = CharField(max_length=20)  # cash qris transfer gopay ovo dana shopeepay card kasbon
    amount = BigIntegerField()  # applied to the sale (negative on refunds)
    tendered = BigIntegerField(default=0)  # cash handed over
    change = BigIntegerField(default=0)
    reference = CharField(max_length=80, default="")


class ParkedOrder(BaseModel):
    """An open order put aside (F8): the whole cart as JSON. Touches no stock or loyalty."""

    register = ForeignKeyField(Register, backref="parked")
    label = CharField(max_length=80)
    cart = JSONField()
    state = CharField(max_length=12, default="parked")  # parked | resumed | cancelled
    created_by = ForeignKeyField(User)
    created_at = DateTimeField()
    closed_at = DateTimeField(null=True)
    reason = CharField(max_length=200, default="")


class DeliveryOrder(BaseModel):
    """A delivery or online order on the board (pos/counter/delivery.py): baru -> disiapkan -> diantar -> selesai,
    or batal. A paid online order has its sale; a cash-on-delivery order has none (no stock, no receipt
    number) until the courier brings the money back and it is completed in that shift."""

    register = ForeignKeyField(Register, backref="deliveries", index=False)
    channel = ForeignKeyField(Channel, index=False)
    state = CharField(max_length=12, default="baru")  # baru | disiapkan | diantar | selesai | batal
    cart = JSONField()
    cart_uid = CharField(unique=True, max_length=32)  # the sale completed from it has the same cart_uid
    sale = ForeignKeyField(Sale, null=True, unique=True, backref="delivery")  # null until paid
    cod = BooleanField(default=False)
    expected = BigIntegerField(default=0)  # rupiah the courier collects (COD), or the sale's total
    received = BigIntegerField(null=True)  # rupiah the courier brought back (COD)
    courier = CharField(max_length=80, default="")
    address = TextField(default="")
    customer = ForeignKeyField(Customer, null=True, index=False)
    created_at = DateTimeField(index=True)
    prepared_at = DateTimeField(null=True)
    out_at = DateTimeField(null=True)
    done_at = DateTimeField(null=True)  # selesai or batal
    reason = CharField(max_length=200, default="")  # why it was cancelled
    created_by = ForeignKeyField(User, index=False)
    closed_by = ForeignKeyField(User, null=True, index=False)

    class Meta:
        indexes = ((("state", "created_at"), False),)  # the board: open orders, oldest first


class ChatText(BaseModel):
    """What the customer wrote, for a sale made from a pasted WhatsApp order (pos/counter/chat_order.py): kept so
    the owner can read later what was asked (schema 9). Written in the sale's transaction."""

    sale = ForeignKeyField(Sale, unique=True, backref="chat_text", on_delete="CASCADE")
    text = TextField()


# --- loyalty --------------------------------------------------------------------------------------


class LoyaltyProgram(BaseModel):
    kind = CharField(max_length=12)  # points | stamps | tier | gift | birthday
    name = CharField(max_length=80)
    rules = JSONField()
    starts_on = DateField(null=True)
    ends_on = DateField(null=True)
    active = BooleanField(default=True)


class LoyaltyEntry(BaseModel):
    """Append-only: earn, redeem, expire, adjust, reverse (points) and stamp, stamp_reward (stamps)."""

    customer = ForeignKeyField(Customer, backref="loyalty_entries")
    program = ForeignKeyField(LoyaltyProgram, null=True, index=False)
    kind = CharField(max_length=14)
    points = BigIntegerField(default=0)
    stamps = IntegerField(default=0)
    sale = ForeignKeyField(Sale, null=True, backref="loyalty_entries")
    expires_on = DateField(null=True)
    user = ForeignKeyField(User, null=True, index=False)
    note = CharField(max_length=200, default="")
    created_at = DateTimeField(index=True)


class StampCard(BaseModel):
    """A customer's progress on one stamp program; balance of the stamp entries."""

    customer = ForeignKeyField(Customer, backref="stamp_cards")
    program = ForeignKeyField(LoyaltyProgram)
    stamps = IntegerField(default=0)
    rewards_earned = IntegerField(default=0)

    class Meta:
        indexes = ((("customer", "program"), True),)


class Voucher(BaseModel):
    code = CharField(unique=True, max_length=20)
    kind = CharField(max_length=6)  # rp | pct
    value = BigIntegerField()  # rupiah, or whole percent
    min_spend = BigIntegerField(default=0)
    expires_on = DateField(null=True)
    channels = JSONField(default=list)  # empty: every channel
    state = CharField(max_length=10, default="issued")  # issued | redeemed | expired | cancelled
    customer = ForeignKeyField(Customer, null=True, backref="vouchers")
    campaign = CharField(max_length=80, default="")
    issued_by = ForeignKeyField(User, null=True)
    issued_at = DateTimeField()
    redeemed_sale = ForeignKeyField(Sale, null=True, backref="vouchers")
    redeemed_at = DateTimeField(null=True)


class KasbonEntry(BaseModel):
    """The customer's tab: + a sale on credit, - a payment against it."""

    customer = ForeignKeyField(Customer, backref="kasbon_entries")
    amount = BigIntegerField()
    sale = ForeignKeyField(Sale, null=True)
    method = CharField(max_length=20, default="")
    user = ForeignKeyField(User)
    created_at = DateTimeField()


class Outreach(BaseModel):
    """Who was contacted on WhatsApp, with which template, and when."""

    customer = ForeignKeyField(Customer, backref="outreach")
    template = CharField(max_length=40)
    user = ForeignKeyField(User)
    created_at = DateTimeField()


# --- stock ----------------------------------------------------------------------------------------


class Supplier(BaseModel):
    name = CharField(max_length=120)
    phone = CharField(max_length=20, default="")
    lead_days = IntegerField(default=1)


class Purchase(BaseModel):
    supplier = ForeignKeyField(Supplier, null=True, backref="purchases")
    user = ForeignKeyField(User)
    created_at = DateTimeField()
    total = BigIntegerField(default=0)
    note = CharField(max_length=200, default="")


class Batch(BaseModel):
    """A perishable delivery with an expiry date; sales take the earliest-expiring batch first."""

    product = ForeignKeyField(Product, backref="batches")
    expires_on = DateField(index=True)
    qty_received = QtyField()
    qty_left = QtyField()
    unit_cost = BigIntegerField(default=0)
    received_at = DateTimeField()


class StockMove(BaseModel):
    product = ForeignKeyField(Product, backref="stock_moves", index=False)  # see COSTLY_INDEXES
    qty = QtyField()  # + in, - out
    kind = CharField(max_length=12)  # sale refund restock opname waste production gift
    unit_cost = BigIntegerField(default=0)
    sale_line = ForeignKeyField(SaleLine, null=True, backref="stock_moves", index=False)  # schema 6
    purchase = ForeignKeyField(Purchase, null=True, backref="moves", index=False)
    batch = ForeignKeyField(Batch, null=True, index=False)
    reason = CharField(max_length=200, default="")
    user = ForeignKeyField(User, null=True, index=False)
    created_at = DateTimeField()  # (kind, created_at) below serves every query by time (schema 5)

    class Meta:
        indexes = ((("kind", "created_at"), False),)  # waste in a period (schema 3)


# --- day books: sums kept beside the history for reports ------------------------------------------


class DaySales(BaseModel):
    """Sales and refunds added up by day, hour, channel, cashier and kind. Written in the sale's (or the
    refund's) transaction by db.summaries, so a year's report reads thousands of rows, not a million sales.
    Money columns are the sums of the same Sale columns; `count` is the number of sales or refunds."""

    day = DateField()
    hour = IntegerField()
    channel_id = IntegerField()
    cashier_id = IntegerField()
    kind = CharField(max_length=10)
    count = IntegerField(default=0)
    gross = BigIntegerField(default=0)
    discount = BigIntegerField(default=0)
    service = BigIntegerField(default=0)
    tax = BigIntegerField(default=0)
    delivery_fee = BigIntegerField(default=0)
    rounding = BigIntegerField(default=0)
    total = BigIntegerField(default=0)
    commission = BigIntegerField(default=0)
    net = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "hour", "channel_id", "cashier_id", "kind")


class DayPayment(BaseModel):
    """Payments added up by day and method (negative on refunds), kept like DaySales."""

    day = DateField()
    method = CharField(max_length=20)
    count = IntegerField(default=0)
    amount = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "method")


class DayProduct(BaseModel):
    """Sale lines added up by day and product (product_id 0: lines without a catalogue item), kept like
    DaySales. `included_tax` is the tax inside the prices (owed to the state, not the shop's margin)."""

    day = DateField()
    product_id = IntegerField()
    name = CharField(max_length=200)  # as printed on the day's last line
    qty = QtyField(default=0)
    total = BigIntegerField(default=0)
    included_tax = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("day", "product_id")


class WeekProduct(BaseModel):
    """Sale lines added up by week (its Monday) and product, kept like DayProduct in the same upsert
    pass (schema 5): a week's products are one row each, ready, instead of seven days to add up."""

    week = DateField()  # the Monday of the ISO week, in the shop's time
    product_id = IntegerField()
    qty = QtyField(default=0)
    total = BigIntegerField(default=0)
    included_tax = BigIntegerField(default=0)
    cost = BigIntegerField(default=0)

    class Meta:
        primary_key = CompositeKey("week", "product_id")


DAY_BOOKS = (DaySales, DayPayment, DayProduct, WeekProduct)


def cluster_day_books(db: object) -> None:
    """On SQLite the day books are WITHOUT ROWID tables: rows live in their key's b-tree, so a week is
    a run of neighbouring pages and a sale's upsert touches one b-tree instead of a table and its index
    (schema 4). PostgreSQL has no such option (peewee would write it for any database)."""
    from peewee import SqliteDatabase

    for model in DAY_BOOKS:
        model._meta.without_rowid = isinstance(db, SqliteDatabase)


# --- audit and closings ---------------------------------------------------------------------------


class Closing(BaseModel):
    """A daily or monthly closing: numbered, stored once, never changed."""

    kind = CharField(max_length=8)  # daily | monthly
    number = IntegerField()
    period_start = DateField()
    period_end = DateField()
    totals = JSONField()
    grand_total = BigIntegerField()  # perpetual, carried from closing to closing
    user = ForeignKeyField(User)
    created_at = DateTimeField()

    class Meta:
        indexes = ((("kind", "number"), True),)


class JournalEntry(BaseModel):
    """The tamper-evident chain: each entry hashes its content with the previous entry's hash."""

    seq = BigIntegerField(unique=True)
    created_at = DateTimeField()
    register = CharField(max_length=10)
    user = CharField(max_length=80)
    event = CharField(max_length=30)
    content = TextField()  # canonical JSON
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64)


# The journal by event and time for every event but a sale (voids, closings, cash moves...): reports and
# verify find those by it, and a sale's entry writes no page to it (schema 6). A query is served only
# when its WHERE holds the same term: add NOT_A_SALE.
JOURNAL_EVENTS_INDEX = (
    'CREATE INDEX IF NOT EXISTS "journal_entry_event_created_at" ON "journal_entry" ("event", "created_at") '
    "WHERE \"event\" <> 'sale'"
)
JournalEntry.add_index(SQL(JOURNAL_EVENTS_INDEX))
NOT_A_SALE = SQL("\"event\" <> 'sale'")


ALL_MODELS: list[type[BaseModel]] = [
    Meta,
    Balance,
    Setting,
    Register,
    Role,
    User,
    PinFailure,
    Category,
    Product,
    Barcode,
    PriceChange,
    Channel,
    ChannelPrice,
    RecipeItem,
    Customer,
    CustomerPhone,
    CustomerAddress,
    Shift,
    CashMove,
    Sale,
    SaleLine,
    Payment,
    ParkedOrder,
    ChatText,
    DeliveryOrder,
    LoyaltyProgram,
    LoyaltyEntry,
    StampCard,
    Voucher,
    KasbonEntry,
    Outreach,
    Supplier,
    Purchase,
    Batch,
    StockMove,
    DaySales,
    DayPayment,
    DayProduct,
    WeekProduct,
    Closing,
    JournalEntry,
]
