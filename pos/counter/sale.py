"""Completing a sale: one transaction writes the sale, its lines, payments, stock moves, kasbon and the
journal entry, and takes the register's next gapless receipt number. Anything wrong: nothing is written.

A sale is written once and never edited: a refund is its own Sale (kind 'refund') linked to it, and
what is left to refund is derived from those (pos.counter.refund). Open orders live in pos.counter.park
until paid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from peewee import JOIN

from db import catalog_rows, counter_rows, fast
from db.counter_rows import SaleFacts
from db.models import Channel, ChatText, Customer, Payment, Register, Sale, User, Voucher
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import clock, settings, staff, till, units
from pos.core.cart import Cart
from pos.core.errors import (
    AlreadyCompleted,
    EmptyCart,
    KasbonLimit,
    NeedCustomer,
    NotFound,
    PosError,
    ProductNotFound,
    RawMaterial,
    SaleNotFound,
    SerialRequired,
    ShiftRequired,
)
from pos.core.i18n import N_, _
from pos.core.money import apply_rate, format_rupiah
from pos.core.tx import service
from pos.counter.payment import Settlement, Tender, method_name, settle
from pos.counter.pricing import Quote, Rules, quote, rules_for
from pos.counter.sale_record import Header, LineFields, PaymentFields, Record, Totals, record, sale_row
from pos.customers import gifts, loyalty, stamps, voucher
from pos.stock import recipes


@dataclass(frozen=True)
class Redemption:
    """What stamps, a voucher and points take off a cart, in rupiah, and the voucher used."""

    value: int
    voucher: Voucher | None = None


def redemption(cart: Cart, rules: Rules, cards: list[stamps.Card], *, checking: bool) -> Redemption:
    """Stamps, then a voucher, then points, each capped by what is left of the subtotal. `checking`: raise
    why a voucher or points cannot be used (completing); otherwise leave them out (the counter's running
    totals — completing says why)."""
    if not (cart.points_redeem or cart.voucher_code or cart.stamp_claims):
        return Redemption(0)
    before = quote(cart, rules).subtotal
    value, used = min(stamps.claims_value(cart, cards), before), None
    if cart.voucher_code:
        try:
            used, off = voucher.value_for(cart.voucher_code, before, cart.channel, cart.customer_id)
            value += off
        except PosError:
            if checking:
                raise
    if cart.points_redeem:
        try:
            value += loyalty.check_redeem(cart.customer_id, cart.points_redeem, before - value)
        except PosError:
            if checking:
                raise
    return Redemption(value, used)


def _cards(cart: Cart) -> list[stamps.Card]:
    return stamps.programs() if cart.customer_id or cart.stamp_claims else []


def preview(cart: Cart) -> Quote:
    """The totals the counter shows while ringing up: the arithmetic of completing, without its refusals."""
    rules = rules_for(settings.all_settings(), channels.get(cart.channel))
    return quote(cart, rules, redemption(cart, rules, _cards(cart), checking=False).value)


def earn_base(cart: Cart, q: Quote) -> int:
    """Net spend that earns points: after all discounts, without tax and delivery; reward lines earn none."""
    return sum(
        lq.net - (lq.tax if q.tax_included else 0)
        for line, lq in zip(cart.lines, q.lines, strict=True)
        if not line.reward
    )


def take_number(register: Register) -> tuple[int, str, int]:
    """Take the register's next gapless receipt number (inside the sale's transaction), with its open
    shift: money only moves inside one (raises ShiftRequired). Returns (number, receipt number, shift)."""
    taken = counter_rows.take_number(register.id)
    if taken is None:
        raise NotFound(
            N_("Kasir {code} tidak terdaftar di database ini. Buka ulang Kasir."), code=register.code
        )
    if taken.shift_id is None:
        raise ShiftRequired()
    return taken.number, f"{register.code}-{taken.number:06d}", taken.shift_id


def catalogue_prices(cart: Cart, channel: Any, found: dict[int, int] | None = None) -> list[int | None]:
    """Each line's list price as the catalogue says on this channel (catalog.price_for: the channel's own
    price or markup), never the cart's own figure; Rp 0 for a program's reward line (gifts and stamps check
    it); None for a line with no catalogue item, whose price was typed in. `found`: the catalogue's prices
    by product, if already read."""
    if found is None:
        found = catalog_rows.prices(
            sorted({ln.product_id for ln in cart.lines if ln.product_id is not None and not ln.reward})
        )
    prices = catalog.prices_for({pid: int(price) for pid, price in found.items()}, channel)
    out: list[int | None] = []
    for line in cart.lines:
        if line.reward:  # a gift: Rp 0, held to its program by gifts.check / stamps.check_claims
            out.append(0)
        elif line.product_id is None:
            out.append(None)
        elif line.product_id not in prices:
            raise ProductNotFound(code=str(line.product_id))
        else:
            out.append(prices[line.product_id])
    return out


def needed_permissions(cart: Cart, list_prices: list[int | None] | None = None) -> list[str]:
    """What completing this cart needs beyond selling: 'price_override' for a unit price that is not the
    catalogue's, 'discount' for any discount (the counter asks the owner's PIN up front from this)."""
    if list_prices is None:
        list_prices = catalogue_prices(cart, channels.get(cart.channel))
    needed = []
    if any(lp is None or ln.unit_price != lp for ln, lp in zip(cart.lines, list_prices, strict=True)):
        needed.append("price_override")
    if cart.order_discount_amount > 0 or any(ln.discount > 0 for ln in cart.lines):
        needed.append("discount")
    return needed


def _approval(
    cart: Cart, list_prices: list[int | None], cashier: User, approver: staff.Approval | None
) -> staff.Approval | None:
    """needed_permissions: the cashier's own, or the owner's approval (used up by this sale). Returns the
    approval used."""
    approved = None
    for permission in needed_permissions(cart, list_prices):
        approved = staff.require(cashier, permission, approver) or approved
    return approved


@dataclass(frozen=True)
class _Earning:
    """A member's points for this sale: the rules and tier ladder read once, and what the sale earns."""

    rules: Any = None
    ladder: list[Any] = field(default_factory=list)
    spend_before: int = 0
    earned: int = 0


def _earning(cart: Cart, q: Quote, channel: Any) -> _Earning:
    if not cart.customer_id:
        return _Earning()
    points_rules, ladder = loyalty.rules(), loyalty.tiers()
    spend_before = loyalty.spend_12_months(cart.customer_id) if ladder else 0
    multiplier = loyalty.multiplier_at(spend_before, ladder)
    earned = loyalty.earned_for(earn_base(cart, q), bool(channel.earns_points), points_rules, multiplier)
    return _Earning(points_rules, ladder, spend_before, earned)


def _check_programs(cart: Cart) -> list[stamps.Card]:
    """A free line only from a running gift program or a claimed stamp card. Returns the stamp cards."""
    if any(ln.reward and not ln.reward_of.startswith(("gift:", "stamp:")) for ln in cart.lines):
        raise gifts.GiftError(why=_("baris hadiah tanpa program"))
    gifts.check(cart, gifts.programs() if any(ln.reward_of.startswith("gift:") for ln in cart.lines) else [])
    cards = _cards(cart)
    stamps.check_claims(cart, cards)
    return cards


@dataclass(frozen=True)
class _Goods:
    """The cart's catalogue items as stock sees them: (cost, tracked?, warranty days) per product, the
    made-to-order dishes with their ingredients, and each line's cost."""

    products: dict[int, SaleFacts]
    dishes: dict[int, tuple[list[Any], int, dict[int, int]]]
    costs: list[int]

    def tracked(self) -> dict[int, int]:
        """Unit cost of every stock-tracked product and ingredient the sale moves."""
        out = {pid: f.cost for pid, f in self.products.items() if f.tracked}
        for _recipe, _unit_cost, ingredient_costs in self.dishes.values():
            out.update(ingredient_costs)
        return out


def _raw_materials() -> set[int]:
    """The products some recipe uses (cached with the recipes): at Rp 0 they are a kitchen's raw material."""
    return {ingredient for items in recipes.table().values() for ingredient, _qty in items}


def _read_first(cart: Cart) -> tuple[str | None, dict[int, SaleFacts]]:
    """The number of the sale this cart already became (if paid; the member is locked first, before
    points, tab and stamps are checked) and what the sale needs of its products and of their dishes'
    ingredients: one read."""
    in_cart = {ln.product_id for ln in cart.lines if ln.product_id is not None}
    table = recipes.table()  # cached: the ingredients of every item with a recipe
    wanted = in_cart.union(i for pid in in_cart for i, _q in table.get(pid, ()))
    return counter_rows.paid_and_facts(cart.uid, cart.customer_id, wanted)


def _goods(cart: Cart, facts: dict[int, SaleFacts]) -> _Goods:
    in_cart = {ln.product_id for ln in cart.lines if ln.product_id is not None}
    table = recipes.table()
    products = {pid: facts[pid] for pid in in_cart if pid in facts}
    dishes = _dishes(products, facts, table)
    costs = [
        (apply_rate(dishes[ln.product_id][1], ln.qty) if ln.product_id in dishes else 0)
        or (apply_rate(products[ln.product_id].cost, ln.qty) if ln.product_id in products else 0)
        for ln in cart.lines
    ]
    return _Goods(products, dishes, costs)


def _lines(
    cart: Cart, q: Quote, list_prices: list[int | None], goods: _Goods, now: datetime
) -> list[LineFields]:
    out = []
    for position, (line, lq, cost) in enumerate(zip(cart.lines, q.lines, goods.costs, strict=True), start=1):
        listed = list_prices[position - 1]
        days = goods.products[line.product_id].warranty_days if line.product_id in goods.products else 0
        out.append(
            LineFields(
                position=position,
                product=line.product_id,
                name=line.name,
                qty=line.qty,
                unit_price=line.unit_price,
                list_price=line.unit_price if listed is None else listed,
                discount=lq.discount,
                tax=lq.tax,
                total=lq.net,
                cost=cost,
                note=line.note,
                reason=line.reason,
                reward=line.reward,
                serial_number=line.serial_number,
                warranty_until=(now + timedelta(days=days)).date() if days and not line.reward else None,
            )
        )
    return out


@service(alongside=True)
def complete(
    cart: Cart, tenders: list[Tender], cashier: User, approver: staff.Approval | None = None
) -> Sale:
    """Turn the cart into a paid sale. Raises a PosError (and writes nothing) when anything is wrong.
    Prices come from the catalogue (`catalogue_prices`); a different one or a discount needs approval."""
    if cart.is_empty:
        raise EmptyCart()
    cart.check()  # a cart filled by hand or read from JSON keeps the edits' rules too
    staff.require(cashier, "sell")  # as stored now: a deactivated cashier, or one whose role lost it, cannot
    done, facts = _read_first(cart)
    if done is not None:
        raise AlreadyCompleted(number=done)
    channel = channels.get(cart.channel)
    for line in cart.lines:  # the catalogue says which items carry PPN and their unit, not the cart
        if line.product_id in facts:
            line.tax_category = facts[line.product_id].tax_category
            line.unit = facts[line.product_id].unit
            units.check_qty(line.qty, line.unit)  # 0,5 of a pcs item: refused, 0,5 kg sold
            if facts[line.product_id].serialised and not line.serial_number.strip() and not line.reward:
                raise SerialRequired(name=line.name)  # a gun sold without it could never be found again
            if facts[line.product_id].price == 0 and not line.reward and line.product_id in _raw_materials():
                raise RawMaterial(name=line.name)  # the kitchen's meat at Rp 0, as catalog.search hides it
    list_prices = catalogue_prices(cart, channel, {pid: f.price for pid, f in facts.items()})
    approver = _approval(cart, list_prices, cashier, approver)
    shop = settings.all_settings()
    rules = rules_for(shop, channel)
    cards = _check_programs(cart)
    taken = redemption(cart, rules, cards, checking=True)
    q = quote(cart, rules, taken.value)
    paid = settle(tenders, q, int(shop["cash_rounding"]))
    earning = _earning(cart, q, channel)
    _check_kasbon(paid, cart.customer_id)

    register = till.register()
    seq, number, shift_id = take_number(register)
    order_type = channels.order_type_for(cart.order_type, bool(shop["food_orders"]))
    head = Header(
        number, seq, register.id, shift_id, cashier.id, approver.user_id if approver else None, clock.now(),
        channel.id, order_type, cart.source_ref, cart.customer_id, q.tax_included,
    )  # fmt: skip
    goods = _goods(cart, facts)
    money = Totals(
        q.gross, q.discount, q.service, q.tax, q.delivery_fee, paid.rounding, q.total + paid.rounding,
        q.commission, q.net + paid.rounding, sum(goods.costs),
    )  # fmt: skip
    row = sale_row(
        head,
        money,
        kind="sale",
        cart_uid=cart.uid,
        discount_reason=cart.discount_reason,
        delivery_address=cart.delivery_address if order_type == "delivery" else "",  # walk-ins: none
        note=cart.note,
    )
    payments = [
        PaymentFields(
            method=p.method, amount=p.amount, tendered=p.tendered, change=p.change, reference=p.reference
        )
        for p in paid.payments
    ]
    plan = stamps.sale_plan(cart, cards, stamps.categories_of(goods.products)) if cards else []
    sale = record(
        Record(
            row,
            _lines(cart, q, list_prices, goods, head.at),
            payments,
            user=cashier,
            event="sale",
            tracked=goods.tracked(),
            recipes={pid: d[0] for pid, d in goods.dishes.items()},
            points=(earning.earned, cart.points_redeem) if cart.customer_id else None,
            voucher_code=taken.voucher.code if taken.voucher else None,
            stamps=stamps.totals(plan),
        ),
        then=lambda sale: _after_sale(sale, cart, cashier, earning, plan, taken, channel),
    )
    return sale


def _after_sale(
    sale: Sale, cart: Cart, cashier: User, earning: _Earning, plan: list[Any], taken: Redemption, channel: Any
) -> None:
    """What a sale changes beyond its own rows: the chat it came from, the member's points, visits, stamps
    and tier, the voucher, the delivery board."""
    if cart.chat_text:  # read from a pasted chat order: what the customer wrote stays with the sale
        fast.insert(ChatText, {"sale": sale.id, "text": cart.chat_text[:5_000]})
    if cart.customer_id:
        change = loyalty.on_sale(
            sale.id, cart.customer_id, earning.earned, cart.points_redeem, cashier, earning.rules
        )
        counter_rows.count_visit(cart.customer_id, change, sale.created_at)
    if plan and cart.customer_id:
        stamps.write_plan(cart.customer_id, plan, sale.id, cashier)
    if cart.customer_id and earning.ladder:
        loyalty.set_tier(cart.customer_id, earning.spend_before + sale.total, earning.ladder)
    if taken.voucher is not None:
        voucher.mark_redeemed(taken.voucher.id, sale.id)
    if channel.kind != "counter":  # a delivery or online order: onto the delivery board, in this transaction
        from pos.counter import delivery  # (it imports this module)

        delivery.board_sale(sale, cart, cashier)


def _dishes(
    products: dict[int, SaleFacts],
    facts: dict[int, SaleFacts],
    table: dict[int, list[tuple[int, Decimal]]],
) -> dict[int, tuple[list[Any], int, dict[int, int]]]:
    """Made-to-order items (untracked) with a recipe: {product: (recipe, unit cost from its ingredients,
    {tracked ingredient: cost})}. Selling one moves its ingredients. `facts` holds the ingredients' too."""
    out = {}
    for pid, facts_of in products.items():
        items = table.get(pid)
        if facts_of.tracked or not items:
            continue
        unit = sum(apply_rate(facts[i].cost if i in facts else 0, q) for i, q in items)
        out[pid] = (items, unit, {i: facts[i].cost for i, _q in items if i in facts and facts[i].tracked})
    return out


def _check_kasbon(paid: Settlement, customer_id: int | None) -> None:
    owed = sum(p.amount for p in paid.payments if p.method == "kasbon")
    if not owed:
        return
    customer = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
    if customer is None:
        raise NeedCustomer(what=_("kasbon"))
    left = int(customer.credit_limit) - int(customer.kasbon)
    if owed > left:
        raise KasbonLimit(name=customer.name, left=format_rupiah(max(0, left)))


def by_number(number: str) -> Sale:
    row = Sale.get_or_none(Sale.number == (number or "").strip().upper())
    if row is None:
        raise SaleNotFound(number=number)
    return row


@dataclass(frozen=True)
class HistoryRow:
    id: int
    number: str
    kind: str
    created_at: datetime
    customer: str
    channel: str
    cashier: str
    total: int
    methods: str
    refund_of: str = ""  # a refund's original receipt number ('' for a sale)


def history(day: date, query: str = "", limit: int = 500) -> list[HistoryRow]:
    """The day's sales and refunds for this register, newest first (a refund with the receipt it returns);
    filter by number or customer name."""
    start = datetime.combine(day, datetime.min.time())
    original = Sale.alias()
    q = (
        Sale.select(
            Sale.id,
            Sale.number,
            Sale.kind,
            Sale.created_at,
            Sale.total,
            Customer.name.alias("cname"),
            Channel.name.alias("chname"),
            User.name.alias("uname"),
            original.number.alias("original"),
        )
        .join(original, JOIN.LEFT_OUTER, on=(Sale.refund_of == original.id))
        .switch(Sale)
        .join(Channel, on=(Sale.channel == Channel.id))
        .switch(Sale)
        .join(User, on=(Sale.cashier == User.id))
        .switch(Sale)
        .join(Customer, JOIN.LEFT_OUTER, on=(Sale.customer == Customer.id))
        .where(
            Sale.created_at >= start,
            Sale.created_at < start + timedelta(days=1),
            Sale.register == till.register(),
        )
        .order_by(Sale.id.desc())
        .limit(limit)
    )
    text = (query or "").strip()
    if text:
        q = q.where(Sale.number.contains(text.upper()) | Customer.search_name.contains(text.lower()))
    rows = list(q.dicts())
    methods: dict[int, list[str]] = {}
    for sale_id, method in (
        Payment.select(Payment.sale, Payment.method).where(Payment.sale.in_([r["id"] for r in rows])).tuples()
    ):
        methods.setdefault(sale_id, []).append(method_name(method))
    return [
        HistoryRow(
            r["id"],
            r["number"],
            r["kind"],
            r["created_at"],
            r["cname"] or "",
            _(r["chname"]),
            r["uname"],
            r["total"],
            ", ".join(dict.fromkeys(methods.get(r["id"], []))),
            r["original"] or "",
        )
        for r in rows
    ]
