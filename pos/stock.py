"""The stock ledger. Every change of stock is a StockMove; product.on_hand is kept in the same transaction."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from db import fast
from db.models import Product, Purchase, SaleLine, StockMove, Supplier, User
from pos import clock, journal
from pos.money import apply_rate
from pos.tx import service

MOVE_KINDS = ("sale", "refund", "restock", "opname", "waste", "production", "gift")


def move(
    product: Product,
    qty: Decimal,
    kind: str,
    *,
    unit_cost: int = 0,
    sale_line: SaleLine | None = None,
    user: User | None = None,
    reason: str = "",
    purchase: object = None,
) -> StockMove:
    """Record one move (+ in, - out) and update the balance. Call inside a service's transaction."""
    row = StockMove.create(
        product=product,
        qty=qty,
        kind=kind,
        unit_cost=unit_cost,
        sale_line=sale_line,
        user=user,
        reason=reason,
        purchase=purchase,
        created_at=clock.now(),
    )
    Product.update(on_hand=Product.on_hand + qty).where(Product.id == product.id).execute()
    return row


def ledger_moves(
    moves: list[tuple[int, Decimal, int, int]], kind: str, user: User, at: datetime, reason: str = ""
) -> None:
    """The stock side of a sale or refund: one insert for all moves, one balance update per product.
    Each move is (product id, quantity + in / - out, unit cost, sale line id)."""
    if not moves:
        return
    fast.insert_many(
        StockMove,
        [
            dict(
                product=pid,
                qty=qty,
                kind=kind,
                unit_cost=cost,
                sale_line=line_id,
                user=user.id,
                reason=reason[:200],
                created_at=at,
            )
            for pid, qty, cost, line_id in moves
        ],
    )
    for pid, qty, _cost, _line in moves:
        fast.add_to(Product, "on_hand", pid, qty)


def on_hand(product_id: int) -> Decimal:
    return Product.get_by_id(product_id).on_hand


def moving_average(on_hand: Decimal, cost: int, qty: Decimal, unit_cost: int) -> int:
    """Average unit cost after receiving `qty` at `unit_cost` (stock below zero counts as zero)."""
    held = max(on_hand, Decimal(0))
    if held + qty <= 0:
        return unit_cost
    value = held * cost + qty * unit_cost
    return int((value / (held + qty)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


@service
def restock(
    items: list[tuple[Product, Decimal, int]], user: User, supplier: Supplier | None = None, note: str = ""
) -> Purchase:
    """Receive goods: one purchase, a move per item, the moving-average cost updated ('stock' permission)."""
    from pos import staff

    staff.require(user, "stock")
    from pos.cart import check_price, parse_qty

    checked = [(product, parse_qty(qty), check_price(cost)) for product, qty, cost in items]
    purchase = Purchase.create(
        supplier=supplier,
        user=user,
        created_at=clock.now(),
        note=note[:200],
        total=sum(apply_rate(cost, qty) for _, qty, cost in checked),
    )
    for product, qty, cost in checked:
        fresh = Product.get_by_id(product.id)
        new_cost = moving_average(fresh.on_hand, int(fresh.cost), qty, cost)
        Product.update(cost=new_cost).where(Product.id == product.id).execute()
        move(fresh, qty, "restock", unit_cost=cost, user=user, purchase=purchase)
    journal.append(
        "restock",
        {
            "purchase": purchase.id,
            "total": purchase.total,
            "items": [[p.id, str(q), c] for p, q, c in checked],
        },
        user=user.name,
    )
    return purchase
