"""Every table of Kasir, for the whole shop: catalogue, counter, customers, loyalty, stock, staff, audit.

Money is whole rupiah in integer columns. Quantities are exact thousandths (QtyField). Rates are decimal
text (RateField). Timestamps are the shop's local wall-clock time (Indonesia has no daylight saving),
so a day in a report is simply the date of the timestamp.

History tables (sale, sale_line, payment, loyalty_entry, stock_move, kasbon_entry, journal_entry) are
append-only: corrections are new rows linked to the old ones. Balances kept beside them
(customer.points, product.on_hand, customer.kasbon) are updated in the same transaction.

One module per area (shop, catalog, customers, sales, loyalty, stock, books, audit); this package names
every model, so `from db.models import Sale` is the way in. ALL_MODELS is the order tables are created in.
"""

from __future__ import annotations

from db.models.audit import (
    JOURNAL_EVENTS_INDEX,
    NOT_A_SALE,
    Closing,
    JournalEntry,
)
from db.models.base import (
    BaseModel,
    database,
)
from db.models.books import (
    DAY_BOOKS,
    DayPayment,
    DayProduct,
    DaySales,
    WeekProduct,
    cluster_day_books,
)
from db.models.catalog import (
    ACTIVE_BY_NAME,
    LOW_STOCK,
    LOW_STOCK_INDEX,
    NAME_ORDER_INDEX,
    Barcode,
    Category,
    Channel,
    ChannelPrice,
    PriceChange,
    Product,
    RecipeItem,
)
from db.models.customers import (
    Customer,
    CustomerAddress,
    CustomerPhone,
)
from db.models.loyalty import (
    KasbonEntry,
    LoyaltyEntry,
    LoyaltyProgram,
    Outreach,
    StampCard,
    Voucher,
)
from db.models.sales import (
    REFUND_INDEXES,
    CashMove,
    ChatText,
    DeliveryOrder,
    ParkedOrder,
    Payment,
    Sale,
    SaleLine,
    Shift,
)
from db.models.shop import (
    Balance,
    Meta,
    PinFailure,
    Register,
    Role,
    Setting,
    User,
)
from db.models.stock import (
    Batch,
    Purchase,
    StockMove,
    Supplier,
)

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

__all__ = [
    "ACTIVE_BY_NAME",
    "ALL_MODELS",
    "Balance",
    "Barcode",
    "BaseModel",
    "Batch",
    "CashMove",
    "Category",
    "Channel",
    "ChannelPrice",
    "ChatText",
    "Closing",
    "Customer",
    "CustomerAddress",
    "CustomerPhone",
    "DAY_BOOKS",
    "DayPayment",
    "DayProduct",
    "DaySales",
    "DeliveryOrder",
    "JOURNAL_EVENTS_INDEX",
    "JournalEntry",
    "KasbonEntry",
    "LOW_STOCK",
    "LOW_STOCK_INDEX",
    "LoyaltyEntry",
    "LoyaltyProgram",
    "Meta",
    "NAME_ORDER_INDEX",
    "NOT_A_SALE",
    "Outreach",
    "ParkedOrder",
    "Payment",
    "PinFailure",
    "PriceChange",
    "Product",
    "Purchase",
    "REFUND_INDEXES",
    "RecipeItem",
    "Register",
    "Role",
    "Sale",
    "SaleLine",
    "Setting",
    "Shift",
    "StampCard",
    "StockMove",
    "Supplier",
    "User",
    "Voucher",
    "WeekProduct",
    "cluster_day_books",
    "database",
]
