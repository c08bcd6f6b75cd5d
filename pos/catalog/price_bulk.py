"""Bulk price change: sembako prices move every month. A rule (+/- a percentage or rupiah, rounded to
Rp 100/500/1.000) over a category or chosen products, previewed exactly as it will be saved."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from db.models import Product, User
from pos.catalog.product_edit import set_price
from pos.core import staff
from pos.core.errors import InvalidInput, InvalidPrice, NeedReason
from pos.core.i18n import N_
from pos.core.money import MAX_AMOUNT, apply_rate, round_to
from pos.core.text import clean
from pos.core.tx import service

ROUNDINGS = (1, 100, 500, 1000)
MAX_PRODUCTS = 50_000


@dataclass(frozen=True)
class PriceRule:
    """`percent` (Decimal, e.g. 10 or -5,5) or `rupiah` (int, e.g. 500 or -1.000), not both; the new
    price is rounded to the nearest `rounding` (half up)."""

    percent: Decimal | None = None
    rupiah: int | None = None
    rounding: int = 1

    def check(self) -> None:
        if (self.percent is None) == (self.rupiah is None):
            raise InvalidInput(N_("Pilih perubahan dalam persen atau dalam rupiah."))
        if self.percent is not None and not (Decimal(-100) < self.percent <= Decimal(1000)):
            raise InvalidInput(N_("Perubahan persen harus di atas -100 % dan paling banyak 1.000 %."))
        if self.rupiah is not None and (
            not isinstance(self.rupiah, int) or isinstance(self.rupiah, bool) or abs(self.rupiah) > MAX_AMOUNT
        ):
            raise InvalidPrice(text=str(self.rupiah))
        if self.rounding not in ROUNDINGS:
            raise InvalidInput(N_("Pembulatan harus Rp 1, 100, 500 atau 1.000."))

    def apply(self, price: int) -> int:
        if self.percent is not None:
            new = price + apply_rate(price, self.percent / 100)
        else:
            new = price + int(self.rupiah or 0)
        return round_to(new, self.rounding)


@dataclass(frozen=True)
class PriceProposal:
    product_id: int
    sku: str
    name: str
    old: int
    new: int
    problem: str = ""  # why this one cannot be saved (a price below Rp 1 or above the maximum)


def _products(product_ids: list[int] | None, category_id: int | None) -> list[Product]:
    query = Product.select(Product.id, Product.sku, Product.name, Product.price).where(Product.active == True)  # noqa: E712
    if category_id is not None:
        query = query.where(Product.category == category_id)
    if product_ids is not None:
        query = query.where(Product.id.in_(list(product_ids)))
    elif category_id is None:
        raise InvalidInput(N_("Pilih kategori atau barang yang harganya diubah."))
    rows = list(query.order_by(Product.name).limit(MAX_PRODUCTS + 1))
    if len(rows) > MAX_PRODUCTS:
        raise InvalidInput(N_("Terlalu banyak barang sekaligus (paling banyak 50.000)."))
    return rows


def preview(
    rule: PriceRule, product_ids: list[int] | None = None, category_id: int | None = None
) -> list[PriceProposal]:
    """Every chosen active product with its old and new price; nothing is written."""
    rule.check()
    out = []
    for p in _products(product_ids, category_id):
        new = rule.apply(int(p.price))
        problem = ""
        if new < 1:
            problem = N_("harga baru di bawah Rp 1")
        elif new > MAX_AMOUNT:
            problem = N_("harga baru di atas Rp 1.000.000.000")
        out.append(PriceProposal(p.id, p.sku, p.name, int(p.price), new, problem))
    return out


@service
def apply(
    rule: PriceRule,
    user: User,
    approver: staff.Approval | None = None,
    *,
    product_ids: list[int] | None = None,
    category_id: int | None = None,
    reason: str = "",
) -> list[PriceProposal]:
    """Save the preview's prices (computed again here from the catalogue, never taken from the caller),
    all or nothing; each change is recorded like a single price change. Returns what changed."""
    staff.require(user, "products", approver)
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    proposals = preview(rule, product_ids, category_id)
    bad = [p for p in proposals if p.problem]
    if bad:
        raise InvalidInput(
            N_("Harga tidak bisa diubah untuk {names}: harga baru di luar batas."),
            names=", ".join(p.name for p in bad[:5]) + (" …" if len(bad) > 5 else ""),
        )
    changed = [p for p in proposals if p.new != p.old]
    for p in changed:
        set_price(Product(id=p.product_id, sku=p.sku, price=p.old), p.new, reason, user)
    return changed
