"""The report as plain data (what `report --json` prints): one flat object with the headline figures,
`compare` per figure, and the sections as lists of objects; dates and times as ISO text, quantities as
decimal text (2.5, 3)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from pos.books.report_values import Change, ProductRow, Report


def milli_text(milli: int) -> str:
    """Whole thousandths as plain decimal text: 2500 -> '2.5', 3000 -> '3', -250 -> '-0.25'."""
    if milli >= 0 and not milli % 1000:
        return str(milli // 1000)
    whole, part = divmod(abs(milli), 1000)
    sign = "-" if milli < 0 else ""
    return f"{sign}{whole}" if not part else f"{sign}{whole}.{part:03d}".rstrip("0")


def product_json(row: ProductRow) -> dict[str, Any]:
    return {
        "product_id": row.product_id,
        "name": row.name,
        "category": row.category,
        "qty": milli_text(row.qty_milli),
        "net": row.net,
        "cost": row.cost,
        "margin": row.margin,
    }


def as_json(report: Report) -> dict[str, Any]:
    now, before = report.totals.as_json(), report.before.as_json()
    customers = report.customers
    stock = report.stock
    trips = report.delivery
    return {
        "period": report.period.as_json(),
        "previous_period": report.previous_period.as_json(),
        "generated_at": report.generated_at.isoformat(),
        "tax_name": report.tax_name,
        **now,
        "compare": {key: asdict(Change.between(value, before[key])) for key, value in now.items()},
        "by_day": [
            {"date": d.date.isoformat(), "count": d.count, "net": d.net, "total": d.total}
            for d in report.by_day
        ],
        "by_day_channel": {
            name: {day.isoformat(): net for day, net in per_day.items()}
            for name, per_day in report.by_day_channel.items()
        },
        "by_hour": [asdict(h) for h in report.by_hour],
        "by_channel": [asdict(c) for c in report.by_channel],
        "by_payment": [asdict(p) for p in report.by_payment],
        "by_cashier": [asdict(c) for c in report.by_cashier],
        "voids": [{**asdict(v), "at": v.at.isoformat()} for v in report.voids],
        "customers": {**asdict(customers), "top": [asdict(t) for t in customers.top]},
        "loyalty": asdict(report.loyalty),
        "low_stock_count": stock.low_stock_count,
        "low_stock": [
            {"name": s.name, "on_hand": str(s.on_hand), "reorder_level": str(s.reorder_level)}
            for s in stock.low_stock
        ],
        "kasbon_outstanding": stock.kasbon_outstanding,
        "waste_cost": stock.waste_cost,
        "expiring_count": stock.expiring_count,
        "by_product": [product_json(p) for p in report.by_product],
        "by_category": [asdict(c) for c in report.by_category],
        "delivery": {"orders": trips.orders, **asdict(trips)},
    }
