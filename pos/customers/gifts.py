"""Bonus gifts: "buy an air gun (or spend ≥ Rp X) → a free bag". The gift comes into the order as a
Rp 0 reward line, is taken from stock like any item (its cost counts in the margin) and earns nothing.

The counter calls `apply` after every change of the order: a qualifying order gets its gift, an order
that stops qualifying loses it, and a gift the customer said no to (the line removed) stays out.
Completing the sale checks every gift line again, so a Rp 0 line can't be slipped in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from db.models import LoyaltyProgram, Product, User
from pos.core import clock
from pos.core.cart import Cart, CartLine, check_price, parse_qty
from pos.core.errors import InvalidInput
from pos.core.i18n import N_, _
from pos.core.tx import service
from pos.customers.programs import named, running, save
from pos.customers.stamps import categories_of


class GiftError(InvalidInput):
    template = N_("Hadiah tidak sah: {why}")


@dataclass(frozen=True)
class Gift:
    program_id: int
    name: str
    min_spend: int  # 0: no minimum
    product_ids: frozenset[int]  # buying any of these (or of the categories) qualifies
    category_ids: frozenset[int]
    gift_product_id: int
    qty: Decimal

    @property
    def tag(self) -> str:
        return f"gift:{self.program_id}"

    def qualifies(self, cart: Cart, categories: dict[int, int | None]) -> bool:
        bought = [ln for ln in cart.lines if not ln.reward and ln.qty > 0]
        if not bought:
            return False
        if self.min_spend and sum(ln.gross - ln.discount for ln in bought) < self.min_spend:
            return False
        if self.product_ids or self.category_ids:
            return any(
                ln.product_id is not None
                and (
                    ln.product_id in self.product_ids
                    or categories.get(ln.product_id, -1) in self.category_ids
                )
                for ln in bought
            )
        return True


def programs(on: date | None = None) -> list[Gift]:
    result = []
    for p in running("gift", on or clock.now().date()):
        r = p.rules or {}
        result.append(
            Gift(
                p.id,
                p.name,
                int(r.get("min_spend", 0)),
                frozenset(int(x) for x in r.get("products", [])),
                frozenset(int(x) for x in r.get("categories", [])),
                int(r["gift_product"]),
                parse_qty(r.get("qty", "1")),
            )
        )
    return result


@service
def configure(
    name: str,
    gift_product: int,
    *,
    min_spend: int = 0,
    products: Iterable[int] = (),
    categories: Iterable[int] = (),
    qty: str = "1",
    active: bool = True,
    starts_on: date | None = None,
    ends_on: date | None = None,
    user: User,
    program_id: int | None = None,
) -> LoyaltyProgram:
    """Create or change a bonus gift ('settings' permission)."""
    name = named(user, name, N_("Beri nama program hadiahnya."))
    if Product.get_or_none(Product.id == gift_product) is None:
        raise InvalidInput(N_("Pilih barang hadiahnya."))
    check_price(min_spend)
    products, categories = sorted(set(products)), sorted(set(categories))
    if not min_spend and not products and not categories:
        raise InvalidInput(N_("Tentukan syaratnya: minimal belanja, atau barang/kategori yang dibeli."))
    amount = parse_qty(qty)
    rules = {
        "gift_product": gift_product,
        "min_spend": min_spend,
        "products": products,
        "categories": categories,
        "qty": str(amount),
    }
    return save(
        "gift",
        name,
        rules,
        active=active,
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
        program_id=program_id,
    )


def apply(cart: Cart, gifts: list[Gift] | None = None) -> list[str]:
    """Bring the order's gift lines in line with what it qualifies for. Returns the names of gifts
    just added (the counter says them out loud)."""
    gifts = programs() if gifts is None else gifts
    if not gifts and not any(ln.reward_of.startswith("gift:") for ln in cart.lines):
        return []
    categories = categories_of(ln.product_id for ln in cart.lines)
    by_tag = {g.tag: g for g in gifts}
    keep = {g.tag for g in gifts if g.qualifies(cart, categories) and g.program_id not in cart.gifts_declined}
    cart.lines[:] = [ln for ln in cart.lines if not ln.reward_of.startswith("gift:") or ln.reward_of in keep]
    present = {ln.reward_of for ln in cart.lines}
    added = []
    for tag in sorted(keep - present):
        gift = by_tag[tag]
        product = Product.get_by_id(gift.gift_product_id)
        cart.lines.append(
            CartLine(
                product.id,
                product.name,
                gift.qty,
                0,
                0,
                product.tax_category,
                note=_("Bonus: {name}").format(name=gift.name),
                reward=True,
                reward_of=tag,
            )
        )
        added.append(product.name)
    return added


def check(cart: Cart, gifts: list[Gift]) -> None:
    """Before the sale is written: every gift line belongs to a running program the order qualifies for."""
    tags = [ln for ln in cart.lines if ln.reward_of.startswith("gift:")]
    if not tags:
        return
    by_tag = {g.tag: g for g in gifts}
    categories = categories_of(ln.product_id for ln in cart.lines)
    seen = set()
    for line in tags:
        gift = by_tag.get(line.reward_of)
        if gift is None or line.reward_of in seen or not gift.qualifies(cart, categories):
            raise GiftError(why=_("{item} tidak memenuhi syarat hadiah").format(item=line.name))
        if line.product_id != gift.gift_product_id or line.unit_price != 0 or line.qty != gift.qty:
            why = _("{item} bukan hadiah program {name}").format(item=line.name, name=gift.name)
            raise GiftError(why=why)
        seen.add(line.reward_of)
