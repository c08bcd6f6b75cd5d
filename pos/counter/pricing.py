"""From a cart to exact rupiah: discounts spread over lines, service, tax, delivery, commission, rounding.

Pure functions: no database. `rules_from_settings` reads what the shop configured.

Order of the sums (every step in whole rupiah, rounding half up through pos.core.money):
  line gross = qty x unit price;  line net = gross - line discount - share of order discounts
  service = rate x sum(line nets);  tax (added) = rate x (taxable nets + taxable share of service)
  total = nets + service + added tax + delivery fee;  commission = aggregator rate x (total - delivery) + fee
  net = total - commission.  Included tax is shown but does not change the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pos.core.cart import Cart
from pos.core.money import apply_rate, round_to, split


@dataclass(frozen=True)
class Rules:
    tax_mode: str = "none"  # none | included | added
    tax_rate: Decimal = Decimal("0")
    service_rate: Decimal = Decimal("0")
    cash_rounding: int = 0
    commission_rate: Decimal = Decimal("0")
    commission_fixed: int = 0


@dataclass
class LineQuote:
    gross: int
    discount: int
    net: int
    tax: int = 0


@dataclass
class Quote:
    lines: list[LineQuote] = field(default_factory=list)
    gross: int = 0
    discount: int = 0
    service: int = 0
    tax: int = 0
    tax_included: bool = False
    delivery_fee: int = 0
    total: int = 0
    commission: int = 0

    @property
    def net(self) -> int:
        return self.total - self.commission

    @property
    def subtotal(self) -> int:
        return self.gross - self.discount

    def cash_total(self, step: int) -> int:
        """What a customer paying all in cash hands over, after cash rounding."""
        return round_to(self.total, step)


def quote(cart: Cart, rules: Rules, extra_discount: int = 0) -> Quote:
    """Price the cart. `extra_discount` (points, a voucher) is spread over lines like an order discount."""
    gross = [line.gross for line in cart.lines]
    after_line = [g - line.discount for g, line in zip(gross, cart.lines, strict=True)]
    order_cut = min(cart.order_discount_amount + extra_discount, sum(after_line))
    shares = split(order_cut, after_line)
    nets = [a - s for a, s in zip(after_line, shares, strict=True)]
    q = Quote(gross=sum(gross), delivery_fee=cart.delivery_fee)
    q.discount = q.gross - sum(nets)
    q.service = apply_rate(sum(nets), rules.service_rate) if rules.service_rate else 0

    taxable = [n if line.tax_category != "exempt" else 0 for n, line in zip(nets, cart.lines, strict=True)]
    line_tax = [0] * len(nets)
    if rules.tax_mode != "none" and rules.tax_rate and sum(taxable) != 0:
        service_taxable = split(q.service, nets)  # service follows the lines it was charged on
        base = sum(taxable) + sum(s for s, t in zip(service_taxable, taxable, strict=True) if t)
        if rules.tax_mode == "added":
            q.tax = apply_rate(base, rules.tax_rate)
        else:
            q.tax = apply_rate(base, rules.tax_rate / (1 + rules.tax_rate))
            q.tax_included = True
        line_tax = split(q.tax, taxable)

    q.lines = [LineQuote(g, g - n, n, t) for g, n, t in zip(gross, nets, line_tax, strict=True)]
    q.total = sum(nets) + q.service + (0 if q.tax_included else q.tax) + q.delivery_fee
    if cart.lines and (rules.commission_rate or rules.commission_fixed):  # an empty order owes no fee
        q.commission = apply_rate(q.total - q.delivery_fee, rules.commission_rate) + rules.commission_fixed
    return q


def rules_for(settings: dict[str, object], channel: object | None = None) -> Rules:
    """Rules from the shop settings and the sale's channel (for the aggregator commission)."""
    commission_rate, commission_fixed = Decimal("0"), 0
    if channel is not None and getattr(channel, "kind", "") == "aggregator":
        commission_rate = Decimal(str(getattr(channel, "commission_rate", "0")))
        commission_fixed = int(getattr(channel, "commission_fixed", 0))
    return Rules(
        tax_mode=str(settings.get("tax_mode", "none")),
        tax_rate=Decimal(str(settings.get("tax_rate", "0"))),
        service_rate=Decimal(str(settings.get("service_rate", "0"))),
        cash_rounding=int(str(settings.get("cash_rounding", 0))),
        commission_rate=commission_rate,
        commission_fixed=commission_fixed,
    )
