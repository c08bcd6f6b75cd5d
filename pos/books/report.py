"""The owner's report for any period, compared with the period before it — every figure a SQL aggregate.

Money is whole rupiah. Sales and refunds both count (a refund is a sale of kind 'refund' with negative
amounts), so every total is net of refunds:
- gross: item value before discounts (sales only); refunds: what went back to customers;
- discounts: all discounts net of refunded shares; net: item sales after discounts and refunds
  (gross − discounts on every row) — by_day and by_product add up to it;
- total: what customers paid (net + added tax + service + delivery + rounding) — by_payment adds up to it;
- commission: the aggregators' cut; net_revenue: what the shop keeps (total − commission − ongkir, which
  goes on to the courier: neither revenue nor profit);
- cost: cost of goods; margin: net_revenue − tax − cost.

Sales, payments and products are read from the day books (db/summaries.py: added up per day in each sale's
transaction; products also per week), so a year reads thousands of rows; customers, loyalty, voids and
stock read their own tables. The value it builds is a `Report` (report_values); the queries live in
report_sales, report_products and report_people, the summary ledger in ledger, `--json` in report_json.
This module names them all, so callers read `report.build`, `report.Period`, `report.summary`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from db import reader
from db.models import DaySales
from pos.books.ledger import SummaryLine, summary, tax_lines, uncosted_note, without_cost
from pos.books.report_json import as_json, milli_text
from pos.books.report_people import customers, loyalty_section, stock_section
from pos.books.report_products import by_category, by_product, product_sales, whole_weeks
from pos.books.report_sales import (
    by_cashier,
    by_channel,
    by_day,
    by_day_channel,
    by_hour,
    by_payment,
    totals,
    voids,
)
from pos.books.report_values import (
    CashierRow,
    CategoryRow,
    Change,
    ChannelRow,
    CustomerRow,
    Customers,
    DayRow,
    HourRow,
    LowStockRow,
    Loyalty,
    PaymentRow,
    ProductRow,
    ProductSale,
    Report,
    Stock,
    Totals,
    VoidRow,
)
from pos.core import clock, settings
from pos.core.periods import (
    CHOICES,
    Period,
    PeriodError,
    iso_week,
    last_month,
    last_week,
    named,
    this_month,
    this_week,
    today,
    yesterday,
)

__all__ = [
    "CHOICES",
    "CashierRow",
    "CategoryRow",
    "Change",
    "ChannelRow",
    "CustomerRow",
    "Customers",
    "DayRow",
    "HourRow",
    "LowStockRow",
    "Loyalty",
    "PaymentRow",
    "Period",
    "PeriodError",
    "ProductRow",
    "ProductSale",
    "Report",
    "Stock",
    "SummaryLine",
    "Totals",
    "VoidRow",
    "as_json",
    "axis_ticks",
    "build",
    "by_cashier",
    "by_category",
    "by_channel",
    "by_day",
    "by_day_channel",
    "by_hour",
    "by_payment",
    "by_product",
    "customers",
    "iso_week",
    "last_month",
    "last_week",
    "loyalty_section",
    "milli_text",
    "named",
    "opening_choice",
    "product_sales",
    "stock_section",
    "summary",
    "tax_lines",
    "this_month",
    "this_week",
    "today",
    "totals",
    "uncosted_note",
    "voids",
    "whole_weeks",
    "without_cost",
    "yesterday",
]


def axis_ticks(peak: int, most: int = 5) -> list[int]:
    """Round rupiah ticks from 0 up to at least `peak` for a chart's money axis (at most `most` of them):
    steps of 1, 2, 2,5 or 5 times a power of ten, so every label is short (short_rupiah: 500 rb, 1 jt)."""
    peak = max(int(peak), 1_000)  # an empty chart still reads 0 … 1 rb
    scale = 1
    while True:
        for mantissa in (10, 20, 25, 50):
            step = mantissa * scale // 10 or 1
            count = -(-peak // step)  # ceiling
            if count <= most - 1:
                return [step * i for i in range(count + 1)]
        scale *= 10


def opening_choice(day: date | None = None) -> str:
    """The period the report opens on: on a shop's first day (no sale or refund before today) today's,
    else last week's (an owner reviewing the week)."""
    first = (day or clock.now().date()).isoformat()
    earlier = DaySales.select(DaySales.day).where(DaySales.day < first).limit(1)
    return "last_week" if earlier.exists() else "today"


def build(period: Period, progress: Any = None) -> Report:
    """The whole report (what the screen and the PDF show and `--json` prints)."""
    steps = 9

    def step(n: int) -> None:
        if progress is not None:
            progress(n, steps)

    products_later = reader.beside(by_product, period)  # the biggest section, on the second core
    head = totals(period)
    previous = period.previous()
    before = totals(previous)
    step(1)
    days = by_day(period)
    step(2)
    step(3)
    per_channel_day, hours = by_day_channel(period), by_hour(period)
    step(4)
    channels, payments = by_channel(period), by_payment(period)
    step(5)
    cashiers, voided = by_cashier(period), voids(period)
    step(6)
    people = customers(period, head.sales_count)
    step(7)
    points = loyalty_section(period)
    step(8)
    stock = stock_section(period)
    products = products_later()
    from pos.counter import delivery_report  # (delivery completes sales; this module only reads them)

    trips = delivery_report.figures(period)
    step(9)
    return Report(
        period=period,
        previous_period=previous,
        generated_at=clock.now(),
        tax_name=str(settings.get("tax_name") or ""),  # PPN, PB1: how the summary names the tax
        totals=head,
        before=before,
        by_day=days,
        by_day_channel=per_channel_day,
        by_hour=hours,
        by_channel=channels,
        by_payment=payments,
        by_cashier=cashiers,
        voids=voided,
        customers=people,
        loyalty=points,
        stock=stock,
        by_product=products,
        by_category=by_category(products),
        delivery=trips,
    )
