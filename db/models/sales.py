"""The counter: shifts and their cash moves, sales with their lines and payments, parked and delivery
orders, the chat texts orders came from."""

from __future__ import annotations

from peewee import (
    SQL,
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.fields import JSONField, QtyField
from db.models.base import BaseModel
from db.models.catalog import Channel, Product
from db.models.customers import Customer
from db.models.shop import Register, User


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
    # No index on (register, seq): the number, unique, is made of the two


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
    note = CharField(max_length=200, default="")  # the customer's wish ("es sedikit"): printed
    reason = CharField(max_length=200, default="")  # why its price or discount was changed: never printed
    reward = BooleanField(default=False)  # gift / stamp reward line: earns nothing
    refund_of = ForeignKeyField("self", null=True, backref="refund_lines", index=False)  # REFUND_INDEXES
    serial_number = CharField(max_length=60, default="")  # found by warranty.search (LIKE: no index)
    warranty_until = DateField(null=True)


# Refunds by the sale or line they return: only refunds carry refund_of, so the indexes hold only them
# and an ordinary sale writes no page to them. `refund_of == x` implies IS NOT NULL: used.
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
    """A delivery or online order on the board (pos/counter/delivery.py): baru -> disiapkan -> diantar ->
    selesai, or batal. A paid online order has its sale; a cash-on-delivery order has none (no stock, no
    receipt number) until the courier brings the money back and it is completed in that shift."""

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
    """What the customer wrote, for a sale made from a pasted WhatsApp order (pos/counter/chat_order.py):
    kept so the owner can read later what was asked. Written in the sale's transaction."""

    sale = ForeignKeyField(Sale, unique=True, backref="chat_text", on_delete="CASCADE")
    text = TextField()
