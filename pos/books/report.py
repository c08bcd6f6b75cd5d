"""The owner's report for any period, compared with the period before it — every figure a SQL aggregate.

Money is whole rupiah. Sales and refunds both count (a refund is a sale of kind 'refund' with negative
amounts), so every total is net of refunds:
- gross: item value before discounts (sales only); refunds: what went back to customers;
- discounts: all discounts net of refunded shares; net: item sales after discounts and refunds
  (gross − discounts on every row) — by_day and by_product add up to it;
- total: what customers paid (net + added tax + service + delivery + rounding) — by_payment adds up to it;
- commission: the aggregators' cut; net_revenue: what the shop keeps (total − commission);
- cost: cost of goods; margin: net_revenue − tax − cost.

Sales, payments and products are read from the day books (db/summaries.py: added up per day in each sale's
transaction; products also per week), so a year reads thousands of rows; customers, loyalty, voids and
stock read their own tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from peewee import JOIN, Case, fn

from db import balances, fast, reader, summaries
from db.models import (
    LOW_STOCK,
    NOT_A_SALE,
    Channel,
    Customer,
    DayPayment,
    DayProduct,
    DaySales,
    JournalEntry,
    LoyaltyEntry,
    Product,
    Sale,
    SaleLine,
    StockMove,
    User,
    Voucher,
    database,
)
from pos.core import clock, settings
from pos.core.i18n import _
from pos.core.money import line_amount
from pos.core.periods import (  # noqa: F401 (the report's periods, named here as before)
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
from pos.counter.payment import method_name
from pos.customers import loyalty, segments
from pos.stock import stock_list

TOP = 10


# --- small pieces ----------------------------------------------------------------------------------


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _int(value: Any) -> int:
    return int(value or 0)


def _not_zero(balance: Any) -> Any:
    """Written as two ranges so the balance's index answers (not a scan of every customer)."""
    return (balance > 0) | (balance < 0)


def _in(period: Period) -> Any:
    return (Sale.created_at >= period.since) & (Sale.created_at < period.until)


# --- the sections ---------------------------------------------------------------------------------

TOTAL_FIELDS = summaries.SALE_SUMS  # the day book adds up the same Sale columns


def _days(book: Any, period: Period) -> Any:
    return (book.day >= period.start) & (book.day <= period.end)


def _sales_only(value: Any) -> Any:
    return fn.SUM(Case(None, [(DaySales.kind == "sale", value)], 0))


def totals(period: Period) -> dict[str, int]:
    """The headline figures (one grouped query over the day book)."""
    sums = [fn.COALESCE(fn.SUM(getattr(DaySales, f)), 0) for f in TOTAL_FIELDS]
    rows = {
        kind: [int(count), *(int(v) for v in values)]
        for kind, count, *values in DaySales.select(DaySales.kind, fn.SUM(DaySales.count), *sums)
        .where(_days(DaySales, period))
        .group_by(DaySales.kind)
        .tuples()
    }
    zero = [0] * (len(TOTAL_FIELDS) + 1)
    sold, back = rows.get("sale", zero), rows.get("refund", zero)
    both = {f: sold[i + 1] + back[i + 1] for i, f in enumerate(TOTAL_FIELDS)}
    count = sold[0]
    net = both["gross"] - both["discount"]
    added_tax = both["total"] - net - both["service"] - both["delivery_fee"] - both["rounding"]
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
        # the same figures split as the summary shows them (every sale's total is its items after
        # discounts + service + added tax + ongkir + rounding, refunds alike, so these are exact):
        "discounts_given": sold[TOTAL_FIELDS.index("discount") + 1],
        "refunded_items": -(back[1] - back[TOTAL_FIELDS.index("discount") + 1]),
        "added_tax": added_tax,
        "included_tax": both["tax"] - added_tax,
        "sales_ex_tax": net + both["service"] - (both["tax"] - added_tax),
    }


@dataclass(frozen=True)
class SummaryLine:
    """One line of the report's summary: an amount added (+) or taken off (−) the running figure, a
    subtotal (`total`: the running figure itself, named), or a note beside the figures (`note`: not
    added)."""

    label: str
    amount: int
    kind: str = "line"  # line | total | note


def summary(report: dict[str, Any], tax_name: str = "") -> list[SummaryLine]:
    """The report's figures as a ledger from item value to gross profit, in the shop's words: each
    subtotal equals the one before plus the lines between them, to the rupiah (what the screen and the
    PDF show). Lines that are zero in the period are left out; the subtotals always show. The tax is
    named `tax_name`, else as the report names it (the shop's setting), else "Pajak"."""
    tax = tax_name or report.get("tax_name") or _("Pajak")
    out = [
        SummaryLine(_("Penjualan kotor (harga barang sebelum diskon)"), report["gross"]),
        SummaryLine(_("Diskon, voucher, poin & stempel ditukar"), -report["discounts_given"]),
    ]
    if report["refunds_count"] or report["refunded_items"]:
        out.append(
            SummaryLine(
                _("Retur barang ({n} nota)").format(n=report["refunds_count"]), -report["refunded_items"]
            )
        )
    out.append(SummaryLine(_("Penjualan bersih (barang, tanpa ongkir)"), report["net"], "total"))
    if report["included_tax"]:
        out.append(SummaryLine(_("termasuk {tax} di harga").format(tax=tax), report["included_tax"], "note"))
    for label, key in (
        (_("Biaya layanan"), "service"),
        (_("{tax} ditambahkan").format(tax=tax), "added_tax"),
        (_("Ongkir"), "delivery_fees"),
        (_("Pembulatan tunai"), "rounding"),
    ):
        if report[key]:
            out.append(SummaryLine(label, report[key]))
    out.append(SummaryLine(_("Dibayar pelanggan"), report["total"], "total"))
    channels = [c for c in report.get("by_channel", []) if c["commission"]]
    if channels and sum(c["commission"] for c in channels) == report["commission"]:
        out += [
            SummaryLine(
                _("Komisi {channel} ({n} nota)").format(channel=_(c["name"]), n=c["count"]), -c["commission"]
            )
            for c in channels
        ]
    elif report["commission"]:
        out.append(SummaryLine(_("Komisi aplikasi"), -report["commission"]))
    out.append(SummaryLine(_("Pendapatan bersih (diterima toko)"), report["net_revenue"], "total"))
    if report["tax"]:
        out.append(SummaryLine(_("{tax} disetor ke negara").format(tax=tax), -report["tax"]))
    out.append(SummaryLine(_("Harga pokok barang (HPP)"), -report["cost"]))
    out.append(SummaryLine(_("Laba kotor"), report["margin"], "total"))
    return out


def tax_lines(report: dict[str, Any], tax_name: str = "") -> list[SummaryLine]:
    """The tax the period collected and what it was collected on (without ongkir)."""
    tax = tax_name or report.get("tax_name") or _("Pajak")
    base = (
        _("Penjualan bersih + biaya layanan, tanpa {tax} dan ongkir")
        if report["service"]
        else _("Penjualan bersih tanpa {tax} dan ongkir")
    )
    out = [SummaryLine(base.format(tax=tax), report["sales_ex_tax"])]
    if report["added_tax"]:
        out.append(SummaryLine(_("{tax} ditambahkan ke harga").format(tax=tax), report["added_tax"]))
    if report["included_tax"]:
        out.append(SummaryLine(_("{tax} termasuk di harga").format(tax=tax), report["included_tax"]))
    out.append(SummaryLine(_("{tax} dipungut").format(tax=tax), report["tax"], "total"))
    return out


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


def by_day(period: Period) -> list[dict[str, Any]]:
    """Every day of the period (also the quiet ones), with sales count, net and total."""
    found = {
        _as_date(d): (int(c), int(n), int(t))
        for d, c, n, t in DaySales.select(
            DaySales.day,
            _sales_only(DaySales.count),
            fn.SUM(DaySales.gross - DaySales.discount),
            fn.SUM(DaySales.total),
        )
        .where(_days(DaySales, period))
        .group_by(DaySales.day)
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
    out: dict[str, dict[str, int]] = {}
    for d, name, net in (
        DaySales.select(DaySales.day, Channel.name, fn.SUM(DaySales.gross - DaySales.discount))
        .join(Channel, on=(DaySales.channel_id == Channel.id))
        .where(_days(DaySales, period))
        .group_by(DaySales.day, Channel.name)
        .tuples()
    ):
        out.setdefault(name, {})[_as_date(d).isoformat()] = int(net)
    return out


def by_hour(period: Period) -> list[dict[str, int]]:
    found = {
        int(h): (int(c), int(t))
        for h, c, t in DaySales.select(DaySales.hour, fn.SUM(DaySales.count), fn.SUM(DaySales.total))
        .where(_days(DaySales, period), DaySales.kind == "sale")
        .group_by(DaySales.hour)
        .tuples()
    }
    return [
        {"hour": h, "count": found.get(h, (0, 0))[0], "total": found.get(h, (0, 0))[1]} for h in range(24)
    ]


def by_channel(period: Period) -> list[dict[str, Any]]:
    rows = (
        DaySales.select(
            Channel.code,
            Channel.name,
            _sales_only(DaySales.count),
            fn.SUM(DaySales.gross - DaySales.discount),
            fn.SUM(DaySales.total),
            fn.SUM(DaySales.commission),
            fn.SUM(DaySales.net),
        )
        .join(Channel, on=(DaySales.channel_id == Channel.id))
        .where(_days(DaySales, period))
        .group_by(Channel.code, Channel.name)
        .order_by(fn.SUM(DaySales.total).desc())
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
        DayPayment.select(DayPayment.method, fn.SUM(DayPayment.count), fn.SUM(DayPayment.amount))
        .where(_days(DayPayment, period))
        .group_by(DayPayment.method)
        .order_by(fn.SUM(DayPayment.amount).desc())
        .tuples()
    )
    return [{"method": m, "name": method_name(m), "count": _int(c), "amount": _int(a)} for m, c, a in rows]


def _milli_text(milli: int) -> str:
    """Whole thousandths as plain decimal text: 2500 -> '2.5', 3000 -> '3', -250 -> '-0.25'."""
    if milli >= 0 and not milli % 1000:
        return str(milli // 1000)
    whole, part = divmod(abs(milli), 1000)
    sign = "-" if milli < 0 else ""
    return f"{sign}{whole}" if not part else f"{sign}{whole}.{part:03d}".rstrip("0")


class ProductSales(tuple[Any, ...]):
    """One product's line of the report, read like a dict (row["net"], row["qty"]): a tuple made
    straight from the database row. A week of a big shop has 10.000 of them; making a dict each cost a
    quarter of the report. `as_dict()` (and `as_json`) give plain dicts."""

    __slots__ = ()
    KEYS = ("product_id", "name", "category", "qty", "net", "cost", "margin")
    _AT = {key: i for i, key in enumerate(KEYS)}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if key.__class__ is str:
            if key == "qty":  # kept in thousandths; as text when read (2.5, 3)
                return _milli_text(tuple.__getitem__(self, 3))
            return tuple.__getitem__(self, self._AT[key])
        return tuple.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self._AT else default

    def as_dict(self) -> dict[str, Any]:
        return {key: self[key] for key in self.KEYS}


_SUMS = '"qty", "total", "included_tax" AS "included", "cost"'
_ADDED = 'SUM("qty") AS "qty", SUM("total") AS "total", SUM("included") AS "included", SUM("cost") AS "cost"'


def whole_weeks(period: Period) -> tuple[date, date] | None:
    """The Mondays (the week book's key) of the first and last whole weeks inside the period, if any."""
    first = summaries.monday(period.start + timedelta(days=6))  # the start's own Monday, else the next
    last = summaries.monday(period.end + timedelta(days=1)) - timedelta(days=7)  # ends by period.end
    return (first, last) if first <= last else None


def _product_sums(period: Period) -> tuple[str, list[Any]]:
    """SQL giving one row per product (product_id, qty, total, included, cost) for the period, and its
    parameters: whole weeks from the week book (a single week is read as it is, nothing to add up), the
    days before and after them from the day book."""
    if period.days == 7 and period.start == summaries.monday(period.start):
        return f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" = ?', [period.start]
    weeks = whole_weeks(period)
    parts, params = [], []
    days = [(period.start, period.end)]
    if weeks:
        parts.append(f'SELECT "product_id", {_SUMS} FROM "week_product" WHERE "week" >= ? AND "week" <= ?')
        params += list(weeks)
        days = [(period.start, weeks[0] - timedelta(days=1)), (weeks[1] + timedelta(days=7), period.end)]
    for first, last in days:
        if first <= last:
            parts.append(f'SELECT "product_id", {_SUMS} FROM "day_product" WHERE "day" >= ? AND "day" <= ?')
            params += [first, last]
    union = " UNION ALL ".join(parts)
    return f'SELECT "product_id", {_ADDED} FROM ({union}) u GROUP BY "product_id"', params


def by_product(period: Period) -> list[ProductSales]:
    """Per product (by its catalogue name; one row for lines without a catalogue item, by the name they
    were sold under): qty, net, cost, margin (tax inside the price is owed to the state, not the shop's
    margin); best-selling first. Added up from the week and day books first (_product_sums), then joined
    (one lookup per product); every figure comes out of the database ready, rows go from the cursor into
    ProductSales unlooped."""
    sums, params = _product_sums(period)
    found = fast.rows(
        'SELECT NULLIF(s."product_id", 0), COALESCE(p."name", (SELECT MAX("name") FROM "day_product" '
        'WHERE "day" >= ? AND "day" <= ? AND "product_id" = 0), \'\'), COALESCE(c."name", \'\'), '
        'CAST(s."qty" AS BIGINT), CAST(s."total" AS BIGINT), CAST(s."cost" AS BIGINT), '
        f'CAST(s."total" - s."included" - s."cost" AS BIGINT) FROM ({sums}) s '
        'LEFT JOIN "product" p ON p."id" = s."product_id" LEFT JOIN "category" c ON c."id" = p."category_id" '
        'ORDER BY s."total" DESC, s."product_id"',
        [period.start, period.end, *params],
    )
    with fast.collector_paused():
        return list(map(ProductSales, found))


def as_json(report: dict[str, Any]) -> dict[str, Any]:
    """The report with its product rows as plain dicts (what `--json` prints)."""
    return {**report, "by_product": [row.as_dict() for row in report["by_product"]]}


def by_category(products: list[ProductSales]) -> list[dict[str, Any]]:
    """Products added up by category (from by_product, so the two always agree)."""
    sums: dict[str, list[int]] = {}
    for _pid, _name, category, _qty, net, cost, margin in products:
        row = sums.get(category)
        if row is None:
            row = sums[category] = [0, 0, 0]
        row[0] += net
        row[1] += cost
        row[2] += margin
    out = [{"category": c, "net": n, "cost": k, "margin": m} for c, (n, k, m) in sums.items()]
    return sorted(out, key=lambda r: -r["net"])


def by_cashier(period: Period) -> list[dict[str, Any]]:
    rows = (
        DaySales.select(
            User.name,
            _sales_only(DaySales.count),
            _sales_only(DaySales.total),
            fn.SUM(Case(None, [(DaySales.kind == "refund", DaySales.count)], 0)),
            fn.SUM(Case(None, [(DaySales.kind == "refund", DaySales.total * -1)], 0)),
        )
        .join(User, on=(DaySales.cashier_id == User.id))
        .where(_days(DaySales, period))
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
            NOT_A_SALE,
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


_MEMBERS = (  # each member who bought in the period, added up, joined to their first visit ever (kept on
    # the customer): known before the period or new
    'WITH "b" AS (SELECT "customer_id" AS "cid", COUNT(*) AS "n", SUM("total") AS "spent" FROM "sale" '
    'WHERE "created_at" >= ? AND "created_at" < ? AND "kind" = \'sale\' AND "customer_id" IS NOT NULL '
    'GROUP BY "customer_id"), "m" AS (SELECT "b".*, c."name", CASE WHEN c."first_visit" < ? THEN 1 ELSE 0 '
    'END AS "known" FROM "b" JOIN "customer" c ON c."id" = "b"."cid") '
)


def customers(period: Period, sales_count: int) -> dict[str, Any]:
    """New vs returning, repeat rate, top customers, lapsed, member share: one query gives the top ten,
    each row carrying the counts over all members (window sums), not per member in Python."""
    top = fast.rows(
        _MEMBERS + 'SELECT "cid", "name", "n", "spent", COUNT(*) OVER (), SUM("known") OVER (), '
        'SUM("n") OVER (), SUM("known" * "n") OVER (), SUM(CASE WHEN "n" >= 2 THEN 1 ELSE 0 END) OVER () '
        f'FROM "m" ORDER BY "spent" DESC, "cid" LIMIT {TOP}',
        [period.since, period.until, period.since],
    )
    members, returning, member_sales, returning_sales, came_back = (
        (_int(v) for v in top[0][4:]) if top else (0, 0, 0, 0, 0)
    )
    lapsed = (  # as of today: no visit in the last 90 days (a merged record has no visits of its own)
        Customer.select()
        .where(Customer.last_visit < clock.now() - timedelta(days=segments.LAPSED_AFTER))
        .count()
    )
    return {
        "members": members,
        "new": members - returning,
        "returning": returning,
        "repeat_rate": _rate(returning, members),
        "repeat_sales_rate": _rate(returning_sales, member_sales),
        "came_back_in_period": came_back,
        "member_sales": member_sales,
        "anonymous_sales": sales_count - member_sales,
        "member_share": _rate(member_sales, sales_count),
        "lapsed": lapsed,
        "top": [
            {"customer_id": cid, "name": name, "count": int(n), "total": int(spent)}
            for cid, name, n, spent, *_counts in top
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

    outstanding = balances.points(database.obj)  # kept by triggers on every member's points
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
    """Low stock (counted and the first 20 by name, from the low-stock index), kasbon owed, waste and
    what expires soon."""
    low = Product.select().where(*LOW_STOCK)
    return {
        "low_stock_count": stock_list.low_count(),
        "low_stock": [
            {"name": name, "on_hand": str(held), "reorder_level": str(level)}
            for name, held, level in low.select(Product.name, Product.on_hand, Product.reorder_level)
            .order_by(Product.name, Product.on_hand)
            .limit(20)
            .tuples()
        ],
        "kasbon_outstanding": _int(
            Customer.select(fn.SUM(Customer.kasbon)).where(_not_zero(Customer.kasbon)).scalar()
        ),
        "waste_cost": _waste(period) if period else 0,
        "expiring_count": stock_list.expiring_count(7),
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

    products_later = reader.beside(by_product, period)  # the biggest section, on the second core
    head = totals(period)
    previous = period.previous()
    before = totals(previous)
    step(1)
    report: dict[str, Any] = {
        "period": period.as_json(),
        "previous_period": previous.as_json(),
        "generated_at": clock.now().isoformat(),
        "tax_name": str(settings.get("tax_name") or ""),  # PPN, PB1: how the summary names the tax
        **head,
        "compare": _delta(head, before),
        "by_day": by_day(period),
    }
    step(2)
    step(3)
    report["by_day_channel"] = by_day_channel(period)
    report["by_hour"] = by_hour(period)
    step(4)
    report["by_channel"] = by_channel(period)
    report["by_payment"] = by_payment(period)
    step(5)
    report["by_cashier"] = by_cashier(period)
    report["voids"] = voids(period)
    step(6)
    report["customers"] = customers(period, head["sales_count"])
    step(7)
    report["loyalty"] = loyalty_section(period)
    step(8)
    report.update(stock_section(period))
    products = products_later()
    report["by_product"] = products
    report["by_category"] = by_category(products)
    from pos.counter import delivery  # (it completes sales; this module only reads them)

    report["delivery"] = delivery.report_section(period)
    step(9)
    return report


def product_sales(period: Period, product_id: int | None, limit: int = 500) -> list[dict[str, Any]]:
    """The sales of one product in the period, newest first (clicking a product in the report lists
    them). The day book says on which days it sold; each of those days' sales is read by time (sale
    lines have no index by product: it would cost every sale a page per product sold)."""
    days = [
        _as_date(d)
        for (d,) in DayProduct.select(DayProduct.day)
        .where(_days(DayProduct, period), DayProduct.product_id == (product_id or 0))
        .order_by(DayProduct.day.desc())
        .tuples()
    ]
    out: list[dict[str, Any]] = []
    for day in days:
        one_day = Period(day, day)
        rows = (
            SaleLine.select(
                Sale.number, Sale.created_at, Sale.kind, SaleLine.qty, SaleLine.total, Customer.name
            )
            .join(Sale)
            .join(Customer, JOIN.LEFT_OUTER)
            .where(_in(one_day), SaleLine.product == product_id)
            .order_by(Sale.created_at.desc(), SaleLine.id.desc())
            .limit(limit - len(out))
            .tuples()
        )
        out += [
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
        if len(out) >= limit:
            break
    return out
