"""The owner's report for any period, compared with the period before it — every figure a SQL aggregate.

Money is whole rupiah. Sales and refunds both count (a refund is a sale of kind 'refund' with negative
amounts), so every total is net of refunds:
- gross: item value before discounts (sales only); refunds: what went back to customers;
- discounts: all discounts net of refunded shares; net: item sales after discounts and refunds
  (gross − discounts on every row) — by_day and by_product add up to it;
- total: what customers paid (net + added tax + service + delivery + rounding) — by_payment adds up to it;
- commission: the aggregators' cut; net_revenue: what the shop keeps (total − commission);
- cost: cost of goods; margin: net_revenue − tax − cost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import peewee
from peewee import JOIN, Case, fn

from db.models import (
    Batch,
    Category,
    Channel,
    Customer,
    JournalEntry,
    LoyaltyEntry,
    Payment,
    Product,
    Sale,
    SaleLine,
    StockMove,
    User,
    Voucher,
    database,
)
from pos import clock, loyalty, segments
from pos.errors import InvalidInput
from pos.i18n import N_
from pos.money import line_amount
from pos.payment import method_name

TOP = 10


class PeriodError(InvalidInput):
    template = N_("Periode tidak valid: {why}")


@dataclass(frozen=True)
class Period:
    start: date  # first day
    end: date  # last day, inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(why=N_("tanggal akhir sebelum tanggal awal"))
        if (self.end - self.start).days > 3660:
            raise PeriodError(why=N_("paling panjang 10 tahun"))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def until(self) -> datetime:
        """Exclusive upper bound."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def previous(self) -> Period:
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.strftime("%d-%m-%Y")
        return f"{self.start.strftime('%d-%m-%Y')} – {self.end.strftime('%d-%m-%Y')}"

    def as_json(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def last_week(today: date | None = None) -> Period:
    """The last full week, Monday to Sunday."""
    today = today or clock.now().date()
    monday = today - timedelta(days=today.weekday() + 7)
    return Period(monday, monday + timedelta(days=6))


def this_week(today: date | None = None) -> Period:
    today = today or clock.now().date()
    return Period(today - timedelta(days=today.weekday()), today)


def this_month(today: date | None = None) -> Period:
    today = today or clock.now().date()
    return Period(today.replace(day=1), today)


def last_month(today: date | None = None) -> Period:
    today = today or clock.now().date()
    end = today.replace(day=1) - timedelta(days=1)
    return Period(end.replace(day=1), end)


def iso_week(text: str) -> Period:
    """'2026-W47' -> Monday to Sunday of that ISO week."""
    try:
        year, week = text.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, TypeError) as exc:
        raise PeriodError(why=N_("minggu ditulis seperti 2026-W47")) from exc
    return Period(monday, monday + timedelta(days=6))


# --- SQL pieces that differ between SQLite and PostgreSQL ------------------------------------------


def _postgres() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


def _day(field: Any) -> Any:
    return fn.DATE(field)


def _hour(field: Any) -> Any:
    if _postgres():
        return fn.date_part("hour", field)
    return fn.strftime("%H", field)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _int(value: Any) -> int:
    return int(value or 0)


def _in(period: Period) -> Any:
    return (Sale.created_at >= period.since) & (Sale.created_at < period.until)


# --- the sections ---------------------------------------------------------------------------------

TOTAL_FIELDS = (
    "gross",
    "discount",
    "service",
    "tax",
    "delivery_fee",
    "rounding",
    "total",
    "commission",
    "net",
    "cost",
)


def totals(period: Period) -> dict[str, int]:
    """The headline figures (one grouped query)."""
    sums = [fn.COALESCE(fn.SUM(getattr(Sale, f)), 0) for f in TOTAL_FIELDS]
    rows = {
        kind: [int(count), *(int(v) for v in values)]
        for kind, count, *values in Sale.select(Sale.kind, fn.COUNT(Sale.id), *sums)
        .where(_in(period))
        .group_by(Sale.kind)
        .tuples()
    }
    zero = [0] * (len(TOTAL_FIELDS) + 1)
    sold, back = rows.get("sale", zero), rows.get("refund", zero)
    both = {f: sold[i + 1] + back[i + 1] for i, f in enumerate(TOTAL_FIELDS)}
    count = sold[0]
    net = both["gross"] - both["discount"]
    return {
        "sales_count": count,
        "refunds_count": back[0],
        "gross": sold[1],
        "refunds": -back[TOTAL_FIELDS.index("total") + 1],
        "discounts": both["discount"],
        "net": net,
        "tax": both["tax"],
        "service": both["service"],
        "delivery_fees": both["delivery_fee"],
        "rounding": both["rounding"],
        "total": both["total"],
        "commission": both["commission"],
        "net_revenue": both["net"],
        "cost": both["cost"],
        "margin": both["net"] - both["tax"] - both["cost"],
        "average_basket": sold[TOTAL_FIELDS.index("total") + 1] // count if count else 0,
    }


def by_day(period: Period) -> list[dict[str, Any]]:
    """Every day of the period (also the quiet ones), with sales count, net and total."""
    day = _day(Sale.created_at)
    found = {
        _as_date(d): (int(c), int(n), int(t))
        for d, c, n, t in Sale.select(
            day,
            fn.SUM(Case(None, [(Sale.kind == "sale", 1)], 0)),
            fn.SUM(Sale.gross - Sale.discount),
            fn.SUM(Sale.total),
        )
        .where(_in(period))
        .group_by(day)
        .tuples()
    }
    out = []
    for i in range(period.days):
        d = period.start + timedelta(days=i)
        count, net, total = found.get(d, (0, 0, 0))
        out.append({"date": d.isoformat(), "count": count, "net": net, "total": total})
    return out


def by_day_channel(period: Period) -> dict[str, dict[str, int]]:
    """{channel name: {date: net}} for the stacked daily chart."""
    day = _day(Sale.created_at)
    out: dict[str, dict[str, int]] = {}
    for d, name, net in (
        Sale.select(day, Channel.name, fn.SUM(Sale.gross - Sale.discount))
        .join(Channel)
        .where(_in(period))
        .group_by(day, Channel.name)
        .tuples()
    ):
        out.setdefault(name, {})[_as_date(d).isoformat()] = int(net)
    return out


def by_hour(period: Period) -> list[dict[str, int]]:
    hour = _hour(Sale.created_at)
    found = {
        int(h): (int(c), int(t))
        for h, c, t in Sale.select(hour, fn.COUNT(Sale.id), fn.SUM(Sale.total))
        .where(_in(period), Sale.kind == "sale")
        .group_by(hour)
        .tuples()
    }
    return [
        {"hour": h, "count": found.get(h, (0, 0))[0], "total": found.get(h, (0, 0))[1]} for h in range(24)
    ]


def by_channel(period: Period) -> list[dict[str, Any]]:
    rows = (
        Sale.select(
            Channel.code,
            Channel.name,
            fn.SUM(Case(None, [(Sale.kind == "sale", 1)], 0)),
            fn.SUM(Sale.gross - Sale.discount),
            fn.SUM(Sale.total),
            fn.SUM(Sale.commission),
            fn.SUM(Sale.net),
        )
        .join(Channel)
        .where(_in(period))
        .group_by(Channel.code, Channel.name)
        .order_by(fn.SUM(Sale.total).desc())
        .tuples()
    )
    return [
        {
            "code": code,
            "name": name,
            "count": _int(c),
            "net": _int(n),
            "total": _int(t),
            "commission": _int(k),
            "net_revenue": _int(r),
        }
        for code, name, c, n, t, k, r in rows
    ]


def by_payment(period: Period) -> list[dict[str, Any]]:
    rows = (
        Payment.select(Payment.method, fn.COUNT(Payment.id), fn.SUM(Payment.amount))
        .join(Sale)
        .where(_in(period))
        .group_by(Payment.method)
        .order_by(fn.SUM(Payment.amount).desc())
        .tuples()
    )
    return [{"method": m, "name": method_name(m), "count": _int(c), "amount": _int(a)} for m, c, a in rows]


def by_product(period: Period, limit: int | None = None) -> list[dict[str, Any]]:
    """Per product (or per line name for items no longer in the catalogue): qty, net, cost, margin."""
    rows = (
        SaleLine.select(
            SaleLine.product,
            fn.MAX(SaleLine.name),
            fn.MAX(Category.name),
            fn.SUM(SaleLine.qty),
            fn.SUM(SaleLine.total),
            fn.SUM(Case(None, [(Sale.tax_included == True, SaleLine.tax)], 0)),  # noqa: E712
            fn.SUM(SaleLine.cost),
        )
        .join(Sale)
        .switch(SaleLine)
        .join(Product, JOIN.LEFT_OUTER)
        .join(Category, JOIN.LEFT_OUTER)
        .where(_in(period))
        .group_by(SaleLine.product)
        .order_by(fn.SUM(SaleLine.total).desc())
        .tuples()
    )
    if limit:
        rows = rows.limit(limit)
    out = []
    for pid, name, cat, qty, net, included, cost in rows:
        # tax inside the price is owed to the state, not the shop's margin
        out.append(
            {
                "product_id": pid,
                "name": name,
                "category": cat or "",
                "qty": format((Decimal(_int(qty)) / 1000).normalize(), "f"),
                "net": _int(net),
                "cost": _int(cost),
                "margin": _int(net) - _int(included) - _int(cost),
            }
        )
    return out


def by_category(products: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Products added up by category (from by_product, so the two always agree)."""
    out: dict[str, dict[str, Any]] = {}
    for p in products:
        row = out.setdefault(p["category"], {"category": p["category"], "net": 0, "cost": 0, "margin": 0})
        for key in ("net", "cost", "margin"):
            row[key] += p[key]
    return sorted(out.values(), key=lambda r: -r["net"])


def by_cashier(period: Period) -> list[dict[str, Any]]:
    rows = (
        Sale.select(
            User.name,
            fn.SUM(Case(None, [(Sale.kind == "sale", 1)], 0)),
            fn.SUM(Case(None, [(Sale.kind == "sale", Sale.total)], 0)),
            fn.SUM(Case(None, [(Sale.kind == "refund", 1)], 0)),
            fn.SUM(Case(None, [(Sale.kind == "refund", Sale.total * -1)], 0)),
        )
        .join(User, on=(Sale.cashier == User.id))
        .where(_in(period))
        .group_by(User.name)
        .order_by(User.name)
        .tuples()
    )
    return [
        {"name": n, "count": _int(c), "total": _int(t), "refunds_count": _int(rc), "refunds": _int(r)}
        for n, c, t, rc, r in rows
    ]


def voids(period: Period) -> list[dict[str, Any]]:
    """Orders voided at the counter (from the journal: who, why, what it was worth)."""
    out = []
    for entry in (
        JournalEntry.select(JournalEntry.user, JournalEntry.content, JournalEntry.created_at)
        .where(
            JournalEntry.event == "void",
            JournalEntry.created_at >= period.since,
            JournalEntry.created_at < period.until,
        )
        .order_by(JournalEntry.created_at)
    ):
        body = json.loads(entry.content)
        value = sum(line_amount(Decimal(qty), price) for _pid, qty, price in body.get("lines", []))
        out.append(
            {
                "at": entry.created_at.isoformat()
                if isinstance(entry.created_at, datetime)
                else str(entry.created_at),
                "user": entry.user,
                "reason": body.get("reason", ""),
                "value": value,
            }
        )
    return out


def customers(period: Period, sales_count: int) -> dict[str, Any]:
    """New vs returning, repeat rate, top customers, lapsed, member share."""
    members = (  # each member who bought in the period, with their first visit ever (kept on the customer)
        Sale.select(Sale.customer, fn.COUNT(Sale.id), fn.SUM(Sale.total), fn.MAX(Customer.first_visit))
        .join(Customer, on=(Sale.customer == Customer.id))
        .where(_in(period), Sale.kind == "sale")
        .group_by(Sale.customer)
    )
    seen, before = {}, set()
    for cid, c, t, first in members.tuples():
        seen[cid] = (int(c), int(t))
        if first is not None and str(first) < str(period.since):
            before.add(cid)
    returning = [cid for cid in seen if cid in before]
    new = len(seen) - len(returning)
    member_sales = sum(c for c, _t in seen.values())
    returning_sales = sum(seen[cid][0] for cid in returning)
    came_back = sum(1 for c, _t in seen.values() if c >= 2)
    top_ids = sorted(seen, key=lambda cid: -seen[cid][1])[:TOP]
    names = (
        dict(Customer.select(Customer.id, Customer.name).where(Customer.id.in_(top_ids)).tuples())
        if top_ids
        else {}
    )
    lapsed = (  # as of today: no visit in the last 90 days (a merged record has no visits of its own)
        Customer.select()
        .where(Customer.last_visit < clock.now() - timedelta(days=segments.LAPSED_AFTER))
        .count()
    )
    return {
        "members": len(seen),
        "new": new,
        "returning": len(returning),
        "repeat_rate": _rate(len(returning), len(seen)),
        "repeat_sales_rate": _rate(returning_sales, member_sales),
        "came_back_in_period": came_back,
        "member_sales": member_sales,
        "anonymous_sales": sales_count - member_sales,
        "member_share": _rate(member_sales, sales_count),
        "lapsed": lapsed,
        "top": [
            {"customer_id": cid, "name": names.get(cid, "?"), "count": seen[cid][0], "total": seen[cid][1]}
            for cid in top_ids
        ],
    }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def loyalty_section(period: Period) -> dict[str, Any]:
    by_kind = {
        kind: (_int(p), _int(s), _int(n))
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

    outstanding = _int(Customer.select(fn.SUM(Customer.points)).scalar())
    rules = loyalty.rules()
    issued = Voucher.select().where(Voucher.issued_at >= period.since, Voucher.issued_at < period.until)
    redeemed = Voucher.select().where(Voucher.redeemed_at >= period.since, Voucher.redeemed_at < period.until)
    return {
        "points_issued": points("earn", "birthday") + max(0, points("adjust")),
        "points_redeemed": -points("redeem") - points("return"),
        "points_reversed": -points("reverse"),
        "points_expired": -points("expire"),
        "points_adjusted": points("adjust"),
        "points_outstanding": outstanding,
        "liability": loyalty.redemption_value(outstanding, rules) if rules else 0,
        "vouchers_issued": issued.count(),
        "vouchers_issued_value": _int(
            issued.select(fn.SUM(Voucher.value)).where(Voucher.kind == "rp").scalar()
        ),
        "vouchers_redeemed": redeemed.count(),
        "stamp_rewards": by_kind.get("stamp_use", (0, 0, 0))[2] - by_kind.get("stamp_return", (0, 0, 0))[2],
        "stamps_given": by_kind.get("stamp", (0, 0, 0))[1],
    }


def stock_section(period: Period | None = None) -> dict[str, Any]:
    """Low stock (one pass over the products, sorted here), kasbon owed, waste and what expires soon."""
    low = sorted(
        (name, held, level)
        for name, held, level in Product.select(Product.name, Product.on_hand, Product.reorder_level)
        .where(Product.track_stock == True, Product.active == True, Product.on_hand <= Product.reorder_level)  # noqa: E712
        .tuples()
    )
    return {
        "low_stock_count": len(low),
        "low_stock": [
            {"name": name, "on_hand": str(held), "reorder_level": str(level)}
            for name, held, level in low[:20]
        ],
        "kasbon_outstanding": _int(Customer.select(fn.SUM(Customer.kasbon)).scalar()),
        "waste_cost": _waste(period) if period else 0,
        "expiring_count": Batch.select()
        .where(Batch.qty_left > 0, Batch.expires_on <= clock.now().date() + timedelta(days=7))
        .count(),
    }


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


def _delta(now: dict[str, int], before: dict[str, int]) -> dict[str, dict[str, Any]]:
    out = {}
    for key, value in now.items():
        was = before.get(key, 0)
        out[key] = {
            "previous": was,
            "change": value - was,
            "percent": round((value - was) * 100 / abs(was), 1) if was else None,
        }
    return out


def build(period: Period, progress: Any = None) -> dict[str, Any]:
    """The whole report as plain data (what `--json` prints and the screen and PDF show)."""
    steps = 9

    def step(n: int) -> None:
        if progress is not None:
            progress(n, steps)

    head = totals(period)
    previous = period.previous()
    before = totals(previous)
    step(1)
    products = by_product(period)
    step(2)
    report: dict[str, Any] = {
        "period": period.as_json(),
        "previous_period": previous.as_json(),
        "generated_at": clock.now().isoformat(),
        **head,
        "compare": _delta(head, before),
        "by_day": by_day(period),
    }
    step(3)
    report["by_day_channel"] = by_day_channel(period)
    report["by_hour"] = by_hour(period)
    step(4)
    report["by_channel"] = by_channel(period)
    report["by_payment"] = by_payment(period)
    step(5)
    report["by_product"] = products
    report["by_category"] = by_category(products)
    report["by_cashier"] = by_cashier(period)
    report["voids"] = voids(period)
    step(6)
    report["customers"] = customers(period, head["sales_count"])
    step(7)
    report["loyalty"] = loyalty_section(period)
    step(8)
    report.update(stock_section(period))
    step(9)
    return report


def product_sales(period: Period, product_id: int | None, limit: int = 500) -> list[dict[str, Any]]:
    """The sales of one product in the period (clicking a product in the report lists them)."""
    rows = (
        SaleLine.select(Sale.number, Sale.created_at, Sale.kind, SaleLine.qty, SaleLine.total, Customer.name)
        .join(Sale)
        .join(Customer, JOIN.LEFT_OUTER)
        .where(_in(period), SaleLine.product == product_id)
        .order_by(Sale.created_at.desc())
        .limit(limit)
        .tuples()
    )
    return [
        {
            "number": n,
            "at": at,
            "kind": k,
            "qty": format(Decimal(q).normalize(), "f"),
            "total": t,
            "customer": c or "",
        }
        for n, at, k, q, t, c in rows
    ]
