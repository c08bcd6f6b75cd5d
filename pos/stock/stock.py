"""The stock ledger. Every change of stock is a StockMove; product.on_hand is kept in the same transaction.

Perishable products are held in batches with an expiry date: whatever leaves the shop (a sale, waste, an
opname shortfall, a production run) takes the earliest-expiring batch first (FEFO); a refund puts goods
back into the latest-expiring batch that gave them. Untracked made-to-order items with a recipe move their
ingredients instead (pos.stock.recipes).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from db import fast, stock_rows
from db.fields import to_qty
from db.models import Batch, Product, Purchase, SaleLine, StockMove, Supplier, User
from pos.core import clock, journal, phone, settings, staff
from pos.core.cart import check_price, parse_qty
from pos.core.errors import InvalidInput, NeedReason
from pos.core.i18n import N_
from pos.core.money import apply_rate
from pos.core.text import clean, qty_text
from pos.core.tx import service

if TYPE_CHECKING:
    from pos.core.staff import Approval

MOVE_KINDS = ("sale", "refund", "restock", "opname", "waste", "production", "gift")
MAX_STOCK_QTY = Decimal(1_000_000)


class Identified(Protocol):
    """A product or a plain row of one: receiving goods reads only its id."""

    @property
    def id(self) -> int: ...


class StockError(InvalidInput):
    template = N_("Stok: {why}")


class OutOfStock(InvalidInput):
    template = N_(
        "Stok {name} tidak cukup: tinggal {left}. Penjualan melebihi stok tidak diizinkan di Pengaturan."
    )


class Move(NamedTuple):
    """One line of the stock ledger to write: + in, - out."""

    product: int
    qty: Decimal
    unit_cost: int
    sale_line: int | None = None
    batch: int | None = None  # the batch it came from or went back to (FEFO: _split)


def _batches_for(
    moves: list[Move], read: list[stock_rows.OpenBatch] | None = None
) -> dict[int, list[list[Any]]]:
    """Open batches of the moved products (`read` already, or read now):
    {product: [[id, expires_on, qty_left, qty_received], ...]}."""
    ids = sorted({m.product for m in moves})
    found: dict[int, list[list[Any]]] = {}
    if not ids:
        return found
    for b in stock_rows.open_batches(ids) if read is None else read:
        found.setdefault(b.product_id, []).append([b.id, b.expires_on, b.qty_left, b.qty_received])
    return found


def _split(
    moves: list[Move],
    kind: str,
    read: list[stock_rows.OpenBatch] | None = None,
) -> list[Move]:
    """FEFO: split each move over the product's batches (out: earliest expiry first; a refund: back into
    the latest-expiring batch that has room). Updates the batches; returns moves with their batch id."""
    if kind != "refund" and not any(m.qty < 0 for m in moves):
        return moves
    batches = _batches_for(moves, read)
    if not batches:
        return moves
    out: list[Move] = []
    for move in moves:
        pid, qty = move.product, move.qty
        held = batches.get(pid)
        if not held or (qty > 0 and kind != "refund"):
            out.append(move)
            continue
        rest = qty
        order = held if qty < 0 else list(reversed(held))
        for batch in order:
            if rest == 0:
                break
            bid, _expires, left, received = batch
            take = min(left, -rest) if rest < 0 else min(received - left, rest)
            if take <= 0:
                continue
            part = -take if rest < 0 else take
            batch[2] = left + part
            fast.add_to(Batch, "qty_left", bid, part)
            out.append(move._replace(qty=part, batch=bid))
            rest -= part
        if rest != 0:
            out.append(move._replace(qty=rest))
    return out


_MOVE_COLUMNS = tuple("product qty kind unit_cost sale_line purchase batch user reason created_at".split())


def _write(
    moves: list[Move],
    kind: str,
    user: User | None,
    at: datetime,
    reason: str = "",
    purchase: int | None = None,
    read: list[stock_rows.OpenBatch] | None = None,
) -> None:
    split = _split(moves, kind, read)
    qty_value, at_value = StockMove.qty.db_value, StockMove.created_at.db_value(at)
    user_id, reason = (user.id if user else None), reason[:200]
    fast.insert_values(
        StockMove,
        _MOVE_COLUMNS,
        [
            (
                m.product,
                qty_value(m.qty),
                kind,
                int(m.unit_cost),
                m.sale_line,
                purchase,
                m.batch,
                user_id,
                reason,
                at_value,
            )  # fmt: skip
            for m in split
        ],
    )
    totals: dict[int, Decimal] = {}
    for m in moves:
        totals[m.product] = totals.get(m.product, Decimal(0)) + m.qty
    if len(totals) == 1:
        [(pid, qty)] = totals.items()
        fast.add_to(Product, "on_hand", pid, qty)
    else:
        stock_rows.add_on_hand(totals)


def check_available(moves: list[Move]) -> list[stock_rows.OpenBatch] | None:
    """Lock the sale's products (PostgreSQL: tills selling at once take them in one order) and, with
    negative stock blocked in the settings, refuse moves that take a product below zero. Returns their
    batches as read with the lock (None when nothing was read)."""
    blocked = not settings.all_settings().get("negative_stock", True)
    if not (blocked or fast.for_update()):
        return None
    need: dict[int, Decimal] = {}
    for m in moves:
        need[m.product] = need.get(m.product, Decimal(0)) - min(m.qty, Decimal(0))
    held = stock_rows.lock_on_hand(list(need))
    if blocked:
        for pid, row in held.on_hand.items():
            if need[pid] > 0 and row.on_hand < need[pid]:
                raise OutOfStock(name=row.name, left=qty_text(row.on_hand))
    return held.batches


def ledger_moves(moves: list[Move], kind: str, user: User, at: datetime, reason: str = "") -> None:
    """The stock side of a sale or refund: one insert for all moves, one balance update per product.
    Each move is a Move (product, quantity + in / - out, unit cost, sale line)."""
    if not moves:
        return
    read = check_available(moves) if kind == "sale" else None
    _write(moves, kind, user, at, reason, read=read)


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
) -> None:
    """Record one move (+ in, - out) and update the balance. Call inside a service's transaction."""
    _write(
        [Move(product.id, to_qty(qty), unit_cost, sale_line.id if sale_line else None)],
        kind,
        user,
        clock.now(),
        reason,
        purchase.id if isinstance(purchase, Purchase) else None,
    )


def on_hand(product_id: int) -> Decimal:
    return Product.get_by_id(product_id).on_hand


def moving_average(on_hand: Decimal, cost: int, qty: Decimal, unit_cost: int) -> int:
    """Average unit cost after receiving `qty` at `unit_cost` (stock below zero counts as zero)."""
    held = max(on_hand, Decimal(0))
    if held + qty <= 0:
        return unit_cost
    value = held * cost + qty * unit_cost
    return int((value / (held + qty)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def parse_received(value: object) -> Decimal:
    """A quantity received, counted or moved: more than 0 and at most 1.000.000 (a bakso stall counts
    its meat in grams), not the 9.999 of one sale line."""
    return parse_qty(value, most=MAX_STOCK_QTY)


_qty = parse_received


@service
def restock(
    items: Sequence[tuple[Identified, Decimal, int]],
    user: User,
    supplier: Supplier | None = None,
    note: str = "",
    expiries: dict[int, date] | None = None,
) -> Purchase:
    """Receive goods: one purchase, a move per item, the moving-average cost updated ('stock' permission).
    Perishable items with an expiry date come in as a batch; an expiry in the past is refused."""
    staff.require(user, "stock")
    if not items:
        raise StockError(why=N_("belum ada barang yang diterima"))
    expiries = expiries or {}
    today = clock.now().date()
    for when in expiries.values():
        if when is not None and when < today:
            raise StockError(why=N_("tanggal kedaluwarsa sudah lewat"))
    checked = [(product, _qty(qty), check_price(cost)) for product, qty, cost in items]
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
        expires = expiries.get(product.id)
        if expires is not None:  # the new stock is its own batch
            batch = Batch.create(
                product=product.id,
                expires_on=expires,
                qty_received=qty,
                qty_left=qty,
                unit_cost=cost,
                received_at=clock.now(),
            )
            fast.insert(
                StockMove,
                dict(
                    product=product.id,
                    qty=qty,
                    kind="restock",
                    unit_cost=cost,
                    sale_line=None,
                    purchase=purchase.id,
                    batch=batch.id,
                    user=user.id,
                    reason="",
                    created_at=clock.now(),
                ),
            )
            fast.add_to(Product, "on_hand", product.id, qty)
        else:
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


@service
def waste(product_id: int, qty: object, reason: str, user: User) -> Decimal:
    """Spoiled, expired or damaged goods out of stock, at their cost ('stock' permission)."""
    staff.require(user, "stock")
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    amount = _qty(qty)
    product = Product.get_by_id(product_id)
    move(product, -amount, "waste", unit_cost=int(product.cost), user=user, reason=reason)
    journal.append("waste", {"product": product_id, "qty": str(amount), "why": reason[:200]}, user=user.name)
    return amount


@service
def write_off_expired(user: User, today: date | None = None) -> list[tuple[str, Decimal]]:
    """Every expired batch still on the shelf out as waste, in one step. Returns (name, qty) written off."""
    staff.require(user, "stock")
    today = today or clock.now().date()
    gone = []
    items: list[list[Any]] = []  # [product id, qty]: sealed, so verify compares the waste moves
    for batch in (
        Batch.select(Batch, Product)
        .join(Product)
        .where(Batch.expires_on < today, Batch.qty_left > 0)
        .order_by(Batch.expires_on)
    ):
        qty = batch.qty_left
        Batch.update(qty_left=0).where(Batch.id == batch.id).execute()
        fast.insert(
            StockMove,
            dict(
                product=batch.product_id,
                qty=-qty,
                kind="waste",
                unit_cost=batch.unit_cost,
                sale_line=None,
                purchase=None,
                batch=batch.id,
                user=user.id,
                reason="kedaluwarsa",
                created_at=clock.now(),
            ),
        )
        fast.add_to(Product, "on_hand", batch.product_id, -qty)
        gone.append((batch.product.name, qty))
        items.append([batch.product_id, str(qty)])
    if gone:
        journal.append(
            "waste",
            {"expired": [[name, str(q)] for name, q in gone], "items": items, "date": today.isoformat()},
            user=user.name,
        )
    return gone


@service
def opname(
    counted: dict[int, object], reason: str, user: User, approver: Approval | None = None
) -> list[tuple[int, Decimal]]:
    """A stock count: each difference between the counted and the recorded quantity becomes one
    adjustment move. Needs a reason and the owner (or the owner's PIN). Returns (product, difference)."""
    approver = staff.require(user, "stock", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    if not counted:
        raise StockError(why=N_("belum ada barang yang dihitung"))
    changes = []
    for product_id, raw in counted.items():
        text = str(raw).strip().replace(",", ".")
        try:
            value = to_qty(text)
        except Exception as exc:  # noqa: BLE001 - any unreadable number is the same mistake
            raise StockError(why=N_("jumlah hitung tidak valid")) from exc
        if not value.is_finite() or value < 0 or value > MAX_STOCK_QTY:
            raise StockError(why=N_("jumlah hitung tidak valid"))
        product = Product.get_by_id(product_id)
        diff = value - product.on_hand
        if diff:
            move(product, diff, "opname", unit_cost=int(product.cost), user=user, reason=reason)
            changes.append((product_id, diff))
    journal.append(
        "opname",
        {
            "why": reason[:200],
            "approved_by": approver.name if approver else None,
            "changes": [[p, str(d)] for p, d in changes],
        },
        user=user.name,
    )
    return changes


@service
def supplier(name: str, phone_text: str, lead_days: int, user: User) -> Supplier:
    """Find a supplier by name or add one, with a WhatsApp number and lead time ('stock' permission)."""
    staff.require(user, "stock")
    name = clean(name, limit=120)
    if not name:
        raise StockError(why=N_("nama pemasok kosong"))
    if not isinstance(lead_days, int) or not 0 <= lead_days <= 60:
        raise StockError(why=N_("lama kirim 0 sampai 60 hari"))
    number = phone.normalise(phone_text) if (phone_text or "").strip() else ""
    row = Supplier.get_or_none(Supplier.name == name)
    if row is None:
        row = Supplier.create(name=name, phone=number, lead_days=lead_days)
    else:
        row.phone, row.lead_days = number or row.phone, lead_days
        row.save()
    return row
