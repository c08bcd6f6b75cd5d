"""Refunds (retur): a new sale of kind 'refund' linked to the original, which is never edited.

Lines, stock and money are reversed exactly: refunding what is left of a line returns exactly what is
left of its amount, so a sale refunded in several steps comes back to zero to the rupiah.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from peewee import fn

from db.models import Payment, Product, Sale, SaleLine, User
from pos.catalog import choices
from pos.core import clock, staff, till, units
from pos.core.cart import parse_qty
from pos.core.errors import InvalidInput, NeedReason, RefundTooMany
from pos.core.i18n import N_
from pos.core.money import apply_rate, line_amount, split
from pos.core.text import clean, qty_text
from pos.core.tx import service
from pos.counter.sale import take_number
from pos.counter.sale_record import Header, LineFields, PaymentFields, Record, Totals, record, sale_row
from pos.customers import loyalty, stamps
from pos.stock import recipes


@dataclass(frozen=True)
class Returnable:
    line_id: int
    product_id: int | None
    name: str
    sold: Decimal
    refunded: Decimal
    unit_price: int
    total: int
    refunded_total: int
    reward: bool = False

    @property
    def left(self) -> Decimal:
        return self.sold - self.refunded


def returnable(sale: Sale) -> list[Returnable]:
    """Each line of a sale with what was already refunded (one grouped query)."""
    done = {
        row[0]: (row[1], row[2])
        for row in SaleLine.select(SaleLine.refund_of, fn.SUM(SaleLine.qty), fn.SUM(SaleLine.total))
        .join(Sale)
        .where(Sale.refund_of == sale.id)
        .group_by(SaleLine.refund_of)
        .tuples()
    }
    result = []
    for line in SaleLine.select().where(SaleLine.sale == sale).order_by(SaleLine.position):
        qty_milli, total = done.get(line.id, (0, 0))
        result.append(
            Returnable(
                line.id,
                line.product_id,
                line.name,
                line.qty,
                -(Decimal(int(qty_milli or 0)) / 1000),
                line.unit_price,
                line.total,
                -int(total or 0),
                bool(line.reward),
            )
        )
    return result


def _share(amount: int, part: Decimal, whole: Decimal) -> int:
    return apply_rate(amount, part / whole) if whole else 0


@service
def refund(
    sale: Sale,
    items: Mapping[int, Decimal | int | str],
    reason: str,
    user: User,
    approver: staff.Approval | None = None,
    to_cash: bool = False,
) -> Sale:
    """Refund `items` {sale_line_id: qty} of `sale`. Money goes back by the original methods, or in cash."""
    approver = staff.require(user, "refund", approver)
    reason = clean(reason, limit=200)
    if not reason:
        raise NeedReason()
    if sale.kind != "sale":
        raise InvalidInput(N_("Nota retur tidak bisa diretur lagi."))
    lines = {r.line_id: r for r in returnable(sale)}
    chosen = _chosen(sale, lines, items)
    originals = {ln.id: ln for ln in SaleLine.select().where(SaleLine.id.in_([r.line_id for r, _ in chosen]))}
    amounts = [_amount(r, qty, originals[r.line_id]) for r, qty in chosen]
    taking = {r.line_id: qty for r, qty in chosen}
    final = all(r.left == taking.get(r.line_id, 0) for r in lines.values())
    money = _money(sale, chosen, amounts, sum(r.total for r in lines.values()), final)

    register = till.register()
    seq, number, shift_id = take_number(register)
    head = Header(
        number, seq, register.id, shift_id, user.id, approver.user_id if approver else None, clock.now(),
        sale.channel_id, sale.order_type, sale.source_ref, sale.customer_id, sale.tax_included,
    )  # fmt: skip
    row = sale_row(head, money, kind="refund", cart_uid=uuid.uuid4().hex, refund_of=sale.id, reason=reason)
    rows, unit_costs, dishes = _rows(chosen, amounts, originals)
    lines_amount = sum(a for a, _t, _c in amounts)
    line_base = sum(r.total for r in lines.values())
    share = Decimal(lines_amount) / Decimal(line_base) if line_base else Decimal(1)
    take, give = loyalty.refund_points(sale, share, final)
    plan = stamps.refund_plan(sale, [(r.product_id, qty, r.reward) for r, qty in chosen], final)
    done = record(
        Record(
            row,
            rows,
            _refund_payments(sale, -money.total, to_cash),
            user=user,
            event="refund",
            tracked=unit_costs,
            recipes=dishes,
            reason=reason,
            points=(take, give) if sale.customer_id else None,
            stamps=stamps.totals(plan, refund=True),
        )
    )
    loyalty.on_refund(sale, done.id, take, give, user)
    if plan:
        stamps.write_plan(sale.customer_id, plan, done.id, user)
    if sale.customer_id:
        loyalty.update_tier(sale.customer_id)
    return done


def _chosen(
    sale: Sale, lines: dict[int, Returnable], items: Mapping[int, Decimal | int | str]
) -> list[tuple[Returnable, Decimal]]:
    """The lines and quantities asked for, each checked against what is left of it."""
    chosen: list[tuple[Returnable, Decimal]] = []
    unit_of = choices.units_of({r.product_id for r in lines.values() if r.product_id is not None})
    for line_id, raw in items.items():
        if line_id not in lines:
            raise InvalidInput(N_("Baris ini bukan bagian dari nota {number}."), number=sale.number)
        qty = parse_qty(raw)
        if qty > lines[line_id].left:
            left = lines[line_id]
            raise RefundTooMany(name=left.name, left=qty_text(left.left), qty=qty_text(qty))
        if qty != lines[line_id].left:  # all that is left goes back whatever it is (an older sale's 0,5)
            units.check_qty(qty, unit_of.get(lines[line_id].product_id or 0, ""))  # half a pcs item: no
        chosen.append((lines[line_id], qty))
    if not chosen:
        raise InvalidInput(N_("Pilih barang yang dikembalikan."))
    return chosen


def _amount(r: Returnable, qty: Decimal, original: SaleLine) -> tuple[int, int, int]:
    """(amount, tax, cost) of refunding `qty` of a line: what is left of it exactly when all of it goes."""
    full = qty == r.left
    return (
        r.total - r.refunded_total if full else _share(r.total, qty, r.sold),
        _share(original.tax, qty, r.sold),
        _share(original.cost, qty, r.sold),
    )


def _money(
    sale: Sale,
    chosen: list[tuple[Returnable, Decimal]],
    amounts: list[tuple[int, int, int]],
    line_base: int,
    final: bool,
) -> Totals:
    """The refund's totals (negative). The last refund of a sale takes back exactly what is left of its
    total, commission, tax, service, delivery fee and rounding; an earlier one its share of the lines."""
    lines_amount = sum(a for a, _t, _c in amounts)
    if final:
        earlier = (
            Sale.select(
                fn.COALESCE(fn.SUM(Sale.total), 0),
                fn.COALESCE(fn.SUM(Sale.commission), 0),
                fn.COALESCE(fn.SUM(Sale.tax), 0),
                fn.COALESCE(fn.SUM(Sale.service), 0),
            )
            .where(Sale.refund_of == sale.id)
            .tuples()
            .get()
        )
        total = sale.total + int(earlier[0])
        commission = sale.commission + int(earlier[1])
        tax = sale.tax + int(earlier[2])
        service_part = sale.service + int(earlier[3])
    else:
        service_part = _share(sale.service, Decimal(lines_amount), Decimal(line_base))
        tax = sum(t for _a, t, _c in amounts)
        total = lines_amount + service_part + (0 if sale.tax_included else tax)
        commission = _share(sale.commission, Decimal(lines_amount), Decimal(line_base))
    gross = sum(line_amount(q, r.unit_price) for r, q in chosen)
    return Totals(
        gross=-gross,
        discount=-(gross - lines_amount),
        service=-service_part,
        tax=-tax,
        delivery_fee=-(sale.delivery_fee if final else 0),
        rounding=-(sale.rounding if final else 0),
        total=-total,
        commission=-commission,
        net=-(total - commission),
        cost=-sum(c for _a, _t, c in amounts),
    )


def _rows(
    chosen: list[tuple[Returnable, Decimal]],
    amounts: list[tuple[int, int, int]],
    originals: dict[int, SaleLine],
) -> tuple[list[LineFields], dict[int, int], dict[int, list[tuple[int, Decimal]]]]:
    """The refund's lines (negative), the unit cost of each tracked product and ingredient that comes back,
    and the recipes of made-to-order items (their ingredients come back: what the sale moved, per unit)."""
    tracked = {
        p.id: p
        for p in Product.select(Product.id, Product.track_stock).where(
            Product.id.in_([r.product_id for r, _ in chosen if r.product_id])
        )
    }
    unit_costs: dict[int, int] = {}
    rows = []
    for position, ((r, qty), (amount, line_tax, cost)) in enumerate(
        zip(chosen, amounts, strict=True), start=1
    ):
        rows.append(
            LineFields(
                position=position,
                product=r.product_id,
                name=r.name,
                qty=-qty,
                unit_price=r.unit_price,
                list_price=r.unit_price,
                discount=-(line_amount(qty, r.unit_price) - amount),
                tax=-line_tax,
                total=-amount,
                cost=-cost,
                note="",
                reason="",
                reward=r.reward,
                refund_of=r.line_id,
                serial_number="",
            )
        )
        original = originals[r.line_id]
        product = tracked.get(r.product_id or 0)  # no product has id 0
        if product is not None and product.track_stock and original.qty:
            unit_costs[product.id] = int(original.cost / original.qty)
    dishes = {pid: recipes.of(pid) for pid, p in tracked.items() if not p.track_stock and recipes.of(pid)}
    if dishes:
        ingredient_ids = [i for items in dishes.values() for i, _q in items]
        for pid, cost, is_tracked in (
            Product.select(Product.id, Product.cost, Product.track_stock)
            .where(Product.id.in_(ingredient_ids))
            .tuples()
        ):
            if is_tracked:
                unit_costs[pid] = int(cost)
    return rows, unit_costs, dishes


def _refund_payments(sale: Sale, total: int, to_cash: bool) -> list[PaymentFields]:
    """`total` (positive) back by the sale's own methods in proportion, or all in cash."""
    if to_cash or total == 0:
        return [PaymentFields(method="cash", amount=-total, tendered=0, change=0, reference="")]
    paid = [
        (p.method, p.amount)
        for p in Payment.select().where(Payment.sale == sale).order_by(Payment.id)
        if p.amount > 0
    ]
    parts = split(total, [amount for _m, amount in paid])
    return [
        PaymentFields(method=m, amount=-part, tendered=0, change=0, reference="")
        for (m, _a), part in zip(paid, parts, strict=True)
        if part
    ]
