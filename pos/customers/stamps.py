"""Stamp cards: buy N of a product or category and get a reward — a free item or rupiah off.

Every whole unit of a qualifying item bought by a known customer earns one stamp (reward lines earn
none). A full card is claimed at the counter: the free item comes in as a Rp 0 reward line (taken from
stock), a rupiah reward as a discount on the order. The stamps live in the loyalty ledger
(loyalty_entry.stamps: stamp, stamp_use, stamp_reverse, stamp_return) and stamp_card keeps each card's
balance in the same transaction. A refund takes back the stamps its lines earned and gives a claim back
when its reward line (or, for a rupiah reward, the whole sale) comes back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import fn

from db import fast
from db.models import LoyaltyEntry, LoyaltyProgram, Product, Sale, StampCard, User
from pos.core import clock
from pos.core.cart import Cart, CartLine, check_price, parse_qty
from pos.core.errors import InvalidInput, NeedCustomer
from pos.core.i18n import N_, _
from pos.core.money import format_rupiah
from pos.core.tx import service
from pos.customers import loyalty
from pos.customers.programs import named, running, save

MAX_NEEDED = 100


class StampError(InvalidInput):
    template = N_("Stempel tidak bisa ditukar: {why}")


@dataclass(frozen=True)
class Card:
    """A running stamp-card program."""

    program_id: int
    name: str
    needed: int
    product_ids: frozenset[int]
    category_ids: frozenset[int]
    reward_kind: str  # item | rp
    reward_product_id: int | None
    reward_value: int

    def counts(self, product_id: int | None, category_id: int | None) -> bool:
        return product_id in self.product_ids or (
            category_id is not None and category_id in self.category_ids
        )

    @property
    def tag(self) -> str:
        return f"stamp:{self.program_id}"


def _card(program: LoyaltyProgram) -> Card:
    r = program.rules or {}
    return Card(
        program.id,
        program.name,
        int(r.get("needed", 10)),
        frozenset(int(p) for p in r.get("products", [])),
        frozenset(int(c) for c in r.get("categories", [])),
        str(r.get("reward", "item")),
        int(r["reward_product"]) if r.get("reward_product") else None,
        int(r.get("reward_value", 0)),
    )


def programs(on: date | None = None) -> list[Card]:
    """The stamp cards running on `on` (today)."""
    return [_card(p) for p in running("stamps", on or clock.now().date())]


@service
def configure(
    name: str,
    needed: int,
    *,
    products: Iterable[int] = (),
    categories: Iterable[int] = (),
    reward: str = "item",
    reward_product: int | None = None,
    reward_value: int = 0,
    active: bool = True,
    starts_on: date | None = None,
    ends_on: date | None = None,
    user: User,
    program_id: int | None = None,
) -> LoyaltyProgram:
    """Create or change a stamp card ('settings' permission)."""
    name = named(user, name, N_("Beri nama kartu stempelnya."))
    if not isinstance(needed, int) or isinstance(needed, bool) or not 2 <= needed <= MAX_NEEDED:
        raise InvalidInput(N_("Jumlah stempel harus 2 sampai {max}."), max=MAX_NEEDED)
    products, categories = sorted(set(products)), sorted(set(categories))
    if not products and not categories:
        raise InvalidInput(N_("Pilih barang atau kategori yang dapat stempel."))
    if reward == "item":
        if reward_product is None or Product.get_or_none(Product.id == reward_product) is None:
            raise InvalidInput(N_("Pilih barang hadiahnya."))
        reward_value = 0
    elif reward == "rp":
        check_price(reward_value)
        if reward_value <= 0:
            raise InvalidInput(N_("Nilai hadiah harus lebih dari Rp 0."))
        reward_product = None
    else:
        raise InvalidInput(N_("Hadiah harus barang gratis atau potongan rupiah."))
    rules = {
        "needed": needed,
        "products": products,
        "categories": categories,
        "reward": reward,
        "reward_product": reward_product,
        "reward_value": reward_value,
    }
    return save(
        "stamps",
        name,
        rules,
        active=active,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        program_id=program_id,
    )


def reward_text(card: Card) -> str:
    if card.reward_kind == "rp":
        return _("potongan {value}").format(value=format_rupiah(card.reward_value))
    product = Product.get_or_none(Product.id == card.reward_product_id)
    return _("gratis {item}").format(item=product.name if product else "?")


def balances(customer_id: int) -> dict[int, int]:
    """{program id: stamps on the card} for a customer."""
    return dict(
        StampCard.select(StampCard.program, StampCard.stamps)
        .where(StampCard.customer == customer_id)
        .tuples()
    )


def progress(customer_id: int | None, cards: list[Card] | None = None) -> list[tuple[Card, int]]:
    """Each running card with the customer's stamps (shown at the counter and on the receipt)."""
    if customer_id is None:
        return []
    cards = programs() if cards is None else cards
    have = balances(customer_id)
    return [(card, have.get(card.program_id, 0)) for card in cards]


def earned(
    card: Card, lines: Iterable[tuple[int | None, Decimal, bool]], categories: dict[int, int | None]
) -> int:
    """Stamps a basket earns on a card: whole units of qualifying items, reward lines excluded.
    `lines`: (product id, qty, reward)."""
    qty = sum(
        (
            q
            for pid, q, reward in lines
            if not reward and q > 0 and card.counts(pid, None if pid is None else categories.get(pid))
        ),
        Decimal(0),
    )
    return int(qty)  # whole units only: half a kilo earns no stamp


def categories_of(product_ids: Iterable[int | None]) -> dict[int, int | None]:
    ids = [p for p in set(product_ids) if p is not None]
    if not ids:
        return {}
    return dict(Product.select(Product.id, Product.category).where(Product.id.in_(ids)).tuples())


def claim(cart: Cart, card: Card) -> None:
    """Use a full card on this order: the free item as a Rp 0 reward line, or rupiah off."""
    if cart.customer_id is None:
        raise NeedCustomer(what=_("menukar stempel"))
    have = balances(cart.customer_id).get(card.program_id, 0)
    claimed = cart.stamp_claims.count(card.program_id)
    if have < card.needed * (claimed + 1):
        raise StampError(
            why=_("{name} baru {have} dari {needed} stempel").format(
                name=card.name, have=have - card.needed * claimed, needed=card.needed
            )
        )
    if card.reward_kind == "item":
        product = Product.get_by_id(card.reward_product_id)
        cart.lines.append(
            CartLine(
                product.id,
                product.name,
                parse_qty(1),
                0,
                0,
                product.tax_category,
                note=_("Hadiah {name}").format(name=card.name),
                reward=True,
                reward_of=card.tag,
            )
        )
    cart.stamp_claims.append(card.program_id)


def unclaim(cart: Cart, program_id: int) -> None:
    """Take a claim back off the order (and its reward line)."""
    if program_id in cart.stamp_claims:
        cart.stamp_claims.remove(program_id)
        tag = f"stamp:{program_id}"
        for index in range(len(cart.lines) - 1, -1, -1):
            if cart.lines[index].reward_of == tag:
                del cart.lines[index]
                break


def claims_value(cart: Cart, cards: list[Card] | None = None) -> int:
    """Rupiah taken off the order by claimed rupiah rewards."""
    if not cart.stamp_claims:
        return 0
    by_id = {c.program_id: c for c in (programs() if cards is None else cards)}
    return sum(
        by_id[p].reward_value for p in cart.stamp_claims if p in by_id and by_id[p].reward_kind == "rp"
    )


def check_claims(cart: Cart, cards: list[Card]) -> None:
    """Before a sale is written: every claim is backed by a full card and its reward line is genuine."""
    tags = [ln.reward_of for ln in cart.lines if ln.reward_of.startswith("stamp:")]
    if not cart.stamp_claims and not tags:
        return
    by_id = {c.program_id: c for c in cards}
    have = balances(cart.customer_id) if cart.customer_id else {}
    for program_id in set(cart.stamp_claims):
        card = by_id.get(program_id)
        if card is None:
            raise StampError(why=_("program stempel sudah tidak berjalan"))
        if cart.customer_id is None:
            raise NeedCustomer(what=_("menukar stempel"))
        count = cart.stamp_claims.count(program_id)
        if have.get(program_id, 0) < card.needed * count:
            raise StampError(why=_("stempel {name} belum cukup").format(name=card.name))
        if card.reward_kind == "item" and tags.count(card.tag) != count:
            raise StampError(why=_("baris hadiah {name} tidak cocok").format(name=card.name))
    for tag in tags:
        card = by_id.get(int(tag.split(":")[1]))
        if card is None or tags.count(tag) != cart.stamp_claims.count(card.program_id):
            raise StampError(why=_("baris hadiah tanpa kartu stempel yang penuh"))
        line = next(ln for ln in cart.lines if ln.reward_of == tag)
        if line.product_id != card.reward_product_id or line.unit_price != 0 or line.qty != 1:
            raise StampError(why=_("baris hadiah {name} tidak cocok").format(name=card.name))


def _write(customer_id: int, card_id: int, kind: str, stamps: int, sale_id: int | None, user: User) -> None:
    if stamps == 0:
        return
    fast.insert(LoyaltyEntry, loyalty.entry(customer_id, kind, sale_id, user, stamps=stamps, program=card_id))
    row = StampCard.get_or_none(StampCard.customer == customer_id, StampCard.program == card_id)
    if row is None:
        StampCard.create(customer=customer_id, program=card_id, stamps=stamps, rewards_earned=0)
    else:
        StampCard.update(stamps=StampCard.stamps + stamps).where(StampCard.id == row.id).execute()
    if kind == "stamp_use":
        StampCard.update(rewards_earned=StampCard.rewards_earned + 1).where(
            StampCard.customer == customer_id, StampCard.program == card_id
        ).execute()


Plan = list[tuple[int, str, int]]  # (program id, ledger kind, stamps)


def sale_plan(cart: Cart, cards: list[Card], categories: dict[int, int | None]) -> Plan:
    """What a sale writes on the cards: the claims used, then the stamps earned."""
    if cart.customer_id is None or not cards:
        return []
    needed = {c.program_id: c.needed for c in cards}
    plan: Plan = [(p, "stamp_use", -needed[p]) for p in cart.stamp_claims]
    lines = [(ln.product_id, ln.qty, ln.reward) for ln in cart.lines]
    plan += [(c.program_id, "stamp", n) for c in cards if (n := earned(c, lines, categories))]
    return plan


def totals(plan: Plan, refund: bool = False) -> list[int] | None:
    """(earned, used) for a sale, (taken back, given back) for a refund — sealed in the journal."""
    first = sum(n for _p, k, n in plan if k == ("stamp_reverse" if refund else "stamp"))
    second = sum(n for _p, k, n in plan if k == ("stamp_return" if refund else "stamp_use"))
    if not first and not second:
        return None
    return [-first, second] if refund else [first, -second]


def write_plan(customer_id: int, plan: Plan, sale_id: int, user: User) -> None:
    for program_id, kind, n in plan:
        _write(customer_id, program_id, kind, n, sale_id, user)


def refund_plan(original: Sale, returned: list[tuple[int | None, Decimal, bool]], final: bool) -> Plan:
    """Take back the stamps the returned items earned (never below zero) and give back a claim whose
    reward line came back (a rupiah claim: when the whole sale comes back). `returned`: (product, qty,
    reward)."""
    if original.customer_id is None:
        return []
    rows = list(
        LoyaltyEntry.select(LoyaltyEntry.program, LoyaltyEntry.kind, fn.SUM(LoyaltyEntry.stamps))
        .join(Sale, on=(LoyaltyEntry.sale == Sale.id))
        .where(
            (Sale.id == original.id) | (Sale.refund_of == original.id),
            LoyaltyEntry.stamps != 0,
        )
        .group_by(LoyaltyEntry.program, LoyaltyEntry.kind)
        .tuples()
    )
    if not rows:
        return []
    done: dict[tuple[int, str], int] = {(p, k): int(n) for p, k, n in rows}
    cards = {
        p.id: _card(p)
        for p in LoyaltyProgram.select().where(LoyaltyProgram.id.in_(list({p for p, _k, _n in rows})))
    }
    categories = categories_of(pid for pid, _q, _r in returned)
    have = balances(original.customer_id)
    plan: Plan = []
    for program_id, card in sorted(cards.items()):
        earned_left = done.get((program_id, "stamp"), 0) + done.get((program_id, "stamp_reverse"), 0)
        used_left = -done.get((program_id, "stamp_use"), 0) - done.get((program_id, "stamp_return"), 0)
        back = 0
        if used_left:
            if card.reward_kind == "item":
                came_back = sum(
                    (q for pid, q, reward in returned if reward and pid == card.reward_product_id), Decimal(0)
                )
                back = min(used_left, int(came_back) * card.needed)
            elif final:
                back = used_left
        take = earned_left if final else min(earned_left, earned(card, returned, categories))
        take = max(0, min(take, have.get(program_id, 0) + back))
        if back:
            plan.append((program_id, "stamp_return", back))
        if take:
            plan.append((program_id, "stamp_reverse", -take))
    return plan


def receipt_rows(sale_id: int, customer_id: int) -> list[tuple[str, str]]:
    """'Stempel Bakso: 7/10' for each card the sale touched."""
    touched = {
        p
        for (p,) in LoyaltyEntry.select(LoyaltyEntry.program)
        .where(LoyaltyEntry.sale == sale_id, LoyaltyEntry.stamps != 0)
        .tuples()
    }
    if not touched:
        return []
    have = balances(customer_id)
    rows = []
    touched_programs = LoyaltyProgram.select().where(LoyaltyProgram.id.in_(list(touched)))
    for program in touched_programs.order_by(LoyaltyProgram.id):
        card = _card(program)
        n = have.get(card.program_id, 0)
        rows.append((_("Stempel {name}").format(name=card.name), f"{n}/{card.needed}"))
        if n >= card.needed:
            rows.append((_("Kartu penuh: {reward}").format(reward=reward_text(card)), ""))
    return rows


def summary(customer_id: int) -> list[dict[str, Any]]:
    """Every card the customer holds (also finished programs), for the customer page."""
    rows = []
    for card_row in (
        StampCard.select(StampCard, LoyaltyProgram)
        .join(LoyaltyProgram)
        .where(StampCard.customer == customer_id)
        .order_by(LoyaltyProgram.id)
    ):
        card = _card(card_row.program)
        rows.append(
            {
                "name": card.name,
                "stamps": card_row.stamps,
                "needed": card.needed,
                "rewards": card_row.rewards_earned,
            }
        )
    return rows
