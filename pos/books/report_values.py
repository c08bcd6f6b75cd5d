"""The owner's report as a typed value: one frozen dataclass per section and per kind of row, built by the
queries in report_sales, report_products and report_people (`pos.books.report.build`), read by attribute
by the screen, the PDF, the exports and the closings. Money is whole rupiah (int), quantities Decimal.
`report_json.as_json` turns it into the plain data `--json` prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from pos.core.periods import Period

if TYPE_CHECKING:
    from pos.counter.delivery_report import DeliveryFigures


@dataclass(frozen=True)
class Totals:
    """The headline figures of a period (see pos.books.report for what each one is); its fields, in this
    order, are what a closing stores (`as_json`)."""

    sales_count: int
    refunds_count: int
    gross: int
    refunds: int
    discounts: int
    net: int
    tax: int
    service: int
    delivery_fees: int
    rounding: int
    total: int
    commission: int
    net_revenue: int
    cost: int
    margin: int
    average_basket: int
    # the same figures split as the summary shows them
    discounts_given: int
    refunded_items: int
    added_tax: int
    included_tax: int
    sales_ex_tax: int

    def as_json(self) -> dict[str, int]:
        """The figures by name, in field order (the shape closings store and `--json` prints)."""
        return dict(vars(self))


@dataclass(frozen=True)
class Change:
    """A figure against the period before: `percent` is None when the period before had nothing."""

    previous: int
    change: int
    percent: float | None

    @classmethod
    def between(cls, now: int, was: int) -> Change:
        return cls(was, now - was, round((now - was) * 100 / abs(was), 1) if was else None)


@dataclass(frozen=True)
class DayRow:
    date: date
    count: int  # sales (refunds not counted)
    net: int
    total: int
    commission: int = 0
    delivery_fee: int = 0  # the ongkir, passed on to the courier

    @property
    def net_revenue(self) -> int:
        """What the shop keeps of the day: paid less the platforms' commission and the ongkir."""
        return self.total - self.commission - self.delivery_fee


@dataclass(frozen=True)
class HourRow:
    hour: int
    count: int
    total: int


@dataclass(frozen=True)
class ChannelRow:
    code: str
    name: str
    count: int
    net: int
    total: int
    commission: int
    net_revenue: int


@dataclass(frozen=True)
class PaymentRow:
    method: str
    name: str  # the method as the counter names it
    count: int
    amount: int


@dataclass(frozen=True)
class CashierRow:
    name: str
    count: int
    total: int
    refunds_count: int
    refunds: int


@dataclass(frozen=True)
class VoidRow:
    """An order voided at the counter: when, by whom, why, what it was worth."""

    at: datetime
    user: str
    reason: str
    value: int


class ProductRow(NamedTuple):
    """One product's line of the report. A typed tuple made straight from the database row (a week of a
    big shop has 10.000 of them; a dataclass each would cost a quarter of the report). `product_id` is
    None for the lines sold without a catalogue item."""

    product_id: int | None
    name: str
    category: str
    qty_milli: int  # the quantity in whole thousandths, as the day books keep it
    net: int
    cost: int
    margin: int

    @property
    def qty(self) -> Decimal:
        return Decimal(self.qty_milli) / 1000

    @property
    def no_cost(self) -> bool:
        """Sold with no HPP (cost) known: its margin would be all of its sales (100 %), which says
        nothing; the report shows it as unknown ("–") and counts it in a note."""
        return self.cost == 0 and self.net != 0

    @property
    def known_cost(self) -> int | None:
        return None if self.no_cost else self.cost

    @property
    def known_margin(self) -> int | None:
        """The margin, None when the product had no cost (the screen and the PDF write "–")."""
        return None if self.no_cost else self.margin


@dataclass(frozen=True)
class CategoryRow:
    category: str
    net: int
    cost: int
    margin: int


@dataclass(frozen=True)
class ProductSale:
    """One sale (or refund) of a product: what clicking a product in the report lists."""

    number: str
    at: datetime
    kind: str
    qty: Decimal
    total: int
    customer: str


@dataclass(frozen=True)
class CustomerRow:
    customer_id: int
    name: str
    count: int
    total: int


@dataclass(frozen=True)
class Customers:
    """Members who bought in the period: new vs returning, repeat rates, top ten; lapsed as of today."""

    members: int
    new: int
    returning: int
    repeat_rate: float
    repeat_sales_rate: float
    came_back_in_period: int
    member_sales: int
    anonymous_sales: int
    member_share: float
    lapsed: int
    top: tuple[CustomerRow, ...]


@dataclass(frozen=True)
class Loyalty:
    points_issued: int
    points_redeemed: int
    points_reversed: int
    points_expired: int
    points_adjusted: int
    points_outstanding: int
    liability: int  # what the outstanding points are worth when redeemed
    vouchers_issued: int
    vouchers_issued_value: int
    vouchers_redeemed: int
    stamp_rewards: int
    stamps_given: int


@dataclass(frozen=True)
class LowStockRow:
    name: str
    on_hand: Decimal
    reorder_level: Decimal


@dataclass(frozen=True)
class Stock:
    low_stock_count: int
    low_stock: tuple[LowStockRow, ...]  # the first 20 by name
    kasbon_outstanding: int
    waste_cost: int
    expiring_count: int


@dataclass(frozen=True)
class Report:
    """The whole report for a period, compared with the period before."""

    period: Period
    previous_period: Period
    generated_at: datetime
    tax_name: str  # PPN, PB1: how the summary names the tax ('' when the shop names none)
    totals: Totals
    before: Totals  # the same figures for the period before
    by_day: tuple[DayRow, ...]  # every day of the period, the quiet ones too
    by_day_channel: dict[str, dict[date, int]]  # {channel name: {day: net}} for the stacked chart
    by_hour: tuple[HourRow, ...]  # 0 to 23
    by_channel: tuple[ChannelRow, ...]
    by_payment: tuple[PaymentRow, ...]
    by_cashier: tuple[CashierRow, ...]
    voids: tuple[VoidRow, ...]
    customers: Customers
    loyalty: Loyalty
    stock: Stock
    by_product: tuple[ProductRow, ...]  # best-selling first
    by_category: tuple[CategoryRow, ...]
    delivery: DeliveryFigures

    def compare(self, figure: Callable[[Totals], int]) -> Change:
        """One figure (`lambda t: t.net`) against the period before."""
        return Change.between(figure(self.totals), figure(self.before))
