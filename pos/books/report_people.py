"""The report's customers, loyalty and stock sections: each reads its own tables (members' sales, the
loyalty ledger and vouchers, products and kasbon, waste moves)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from peewee import fn

from db import balances, report_rows
from db.models import LOW_STOCK, Customer, LoyaltyEntry, Product, StockMove, Voucher, database
from pos.books.report_sales import as_int
from pos.books.report_values import CustomerRow, Customers, LowStockRow, Loyalty, Stock
from pos.core import clock
from pos.core.money import line_amount
from pos.core.periods import Period
from pos.customers import loyalty, segments
from pos.stock import stock_list

TOP = 10


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def customers(period: Period, sales_count: int) -> Customers:
    """New vs returning, repeat rate, top customers, lapsed, member share: one query gives the top ten,
    each row carrying the counts over all members (window sums), not per member in Python."""
    top, counts = report_rows.members(period.since, period.until, TOP)
    members, returning, member_sales, returning_sales, came_back = counts
    lapsed = (  # as of today: no visit in the last 90 days (a merged record has no visits of its own)
        Customer.select()
        .where(Customer.last_visit < clock.now() - timedelta(days=segments.LAPSED_AFTER))
        .count()
    )
    return Customers(
        members=members,
        new=members - returning,
        returning=returning,
        repeat_rate=_rate(returning, members),
        repeat_sales_rate=_rate(returning_sales, member_sales),
        came_back_in_period=came_back,
        member_sales=member_sales,
        anonymous_sales=sales_count - member_sales,
        member_share=_rate(member_sales, sales_count),
        lapsed=lapsed,
        top=tuple(CustomerRow(*row) for row in top),
    )


def loyalty_section(period: Period) -> Loyalty:
    by_kind = {
        kind: (as_int(p), as_int(s), as_int(n))
        for kind, p, s, n in LoyaltyEntry.select(
            LoyaltyEntry.kind,
            fn.SUM(LoyaltyEntry.points),
            fn.SUM(LoyaltyEntry.stamps),
            fn.COUNT(LoyaltyEntry.id),
        )
        .where(LoyaltyEntry.created_at >= period.since, LoyaltyEntry.created_at < period.until)
        .group_by(LoyaltyEntry.kind)
        .tuples()
    }

    def points(*kinds: str) -> int:
        return sum(by_kind.get(k, (0, 0, 0))[0] for k in kinds)

    outstanding = balances.points(database.obj)  # kept by triggers on every member's points
    rules = loyalty.rules()
    issued = Voucher.select().where(Voucher.issued_at >= period.since, Voucher.issued_at < period.until)
    redeemed = Voucher.select().where(Voucher.redeemed_at >= period.since, Voucher.redeemed_at < period.until)
    return Loyalty(
        points_issued=points("earn", "birthday") + max(0, points("adjust")),
        points_redeemed=-points("redeem") - points("return"),
        points_reversed=-points("reverse"),
        points_expired=-points("expire"),
        points_adjusted=points("adjust"),
        points_outstanding=outstanding,
        liability=loyalty.redemption_value(outstanding, rules) if rules else 0,
        vouchers_issued=issued.count(),
        vouchers_issued_value=as_int(
            issued.select(fn.SUM(Voucher.value)).where(Voucher.kind == "rp").scalar()
        ),
        vouchers_redeemed=redeemed.count(),
        stamp_rewards=by_kind.get("stamp_use", (0, 0, 0))[2] - by_kind.get("stamp_return", (0, 0, 0))[2],
        stamps_given=by_kind.get("stamp", (0, 0, 0))[1],
    )


def _not_zero(balance: Any) -> Any:
    """Written as two ranges so the balance's index answers (not a scan of every customer)."""
    return (balance > 0) | (balance < 0)


def stock_section(period: Period | None = None) -> Stock:
    """Low stock (counted and the first 20 by name, from the low-stock index), kasbon owed, waste and
    what expires soon."""
    low = Product.select().where(*LOW_STOCK)
    return Stock(
        low_stock_count=stock_list.low_count(),
        low_stock=tuple(
            LowStockRow(name, held, level)
            for name, held, level in low.select(Product.name, Product.on_hand, Product.reorder_level)
            .order_by(Product.name, Product.on_hand)
            .limit(20)
            .tuples()
        ),
        kasbon_outstanding=as_int(
            Customer.select(fn.SUM(Customer.kasbon)).where(_not_zero(Customer.kasbon)).scalar()
        ),
        waste_cost=_waste(period) if period else 0,
        expiring_count=stock_list.expiring_count(7),
    )


def _waste(period: Period) -> int:
    """Spoiled, expired or damaged goods written off in the period, at cost."""
    total = 0
    for qty, cost in (
        StockMove.select(StockMove.qty, StockMove.unit_cost)
        .where(
            StockMove.kind == "waste",
            StockMove.created_at >= period.since,
            StockMove.created_at < period.until,
        )
        .tuples()
    ):
        total += line_amount(-qty, int(cost))
    return total
