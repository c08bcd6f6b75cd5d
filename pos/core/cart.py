"""The open order at the counter: a plain object (no database) that can be parked as JSON.

Every edit validates its input and raises a named error, leaving the cart as it was.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from db.fields import to_qty
from pos.core.errors import InvalidAmount, InvalidInput, InvalidPrice, InvalidQuantity, NeedReason
from pos.core.i18n import N_
from pos.core.money import MAX_AMOUNT, apply_rate, line_amount
from pos.core.text import clean
from pos.core.units import check_qty

MAX_QTY = Decimal("9999")
TAX_CATEGORIES = ("standard", "exempt")
MAX_NOTE = 200


def parse_qty(value: Any, most: Decimal = MAX_QTY) -> Decimal:
    """'2', '0,25', Decimal('1.5') -> a quantity with 3 places. Zero, negative or more than `most` (a
    sale's line: 9.999) is refused."""
    if value.__class__ is int and 0 < value <= most:  # a whole number of items: nothing to read
        return to_qty(Decimal(value))
    try:
        qty = to_qty(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise _invalid(value, most) from exc
    if not qty.is_finite() or qty <= 0 or qty > most:
        raise _invalid(value, most)
    return qty


def _invalid(value: Any, most: Decimal) -> InvalidQuantity:
    if most == MAX_QTY:
        return InvalidQuantity(text=str(value))
    return InvalidQuantity(
        N_("Jumlah barang tidak valid: {text}. Harus lebih dari 0 dan paling banyak {most}."),
        text=str(value),
        most=f"{int(most):,}".replace(",", "."),  # a whole limit, as the shop writes 1.000.000
    )


def check_price(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_AMOUNT:
        raise InvalidPrice(text=str(value))
    return value


def _reason(reason: str) -> str:
    reason = clean(reason)
    if not reason:
        raise NeedReason()
    return reason[:MAX_NOTE]


@dataclass
class CartLine:
    product_id: int | None
    name: str
    qty: Decimal
    unit_price: int
    list_price: int
    tax_category: str = "standard"
    discount: int = 0  # line discount in rupiah
    reason: str = ""  # why the price was changed or discounted
    note: str = ""
    reward: bool = False
    serial_number: str = ""
    reward_of: str = ""  # "stamp:<program>" or "gift:<program>": a Rp 0 line a program gave
    unit: str = ""  # the product's unit (pcs, kg...): a counted one takes whole quantities; "" not known yet

    @property
    def gross(self) -> int:
        return line_amount(self.qty, self.unit_price)

    @property
    def changed(self) -> bool:
        """A price override or a discount: needs permission (or the owner's PIN) and a reason."""
        return self.discount > 0 or self.unit_price != self.list_price


@dataclass
class Cart:
    channel: str = "walk_in"
    order_type: str = ""  # "" | dine_in | take_away (a shop that sells food) | delivery
    customer_id: int | None = None
    lines: list[CartLine] = field(default_factory=list)
    order_discount: int = 0  # rupiah, or computed from order_discount_rate
    order_discount_rate: Decimal | None = None
    discount_reason: str = ""
    delivery_fee: int = 0
    delivery_address: str = ""
    source_ref: str = ""
    note: str = ""
    approved_by: int | None = None
    points_redeem: int = 0
    voucher_code: str = ""
    stamp_claims: list[int] = field(default_factory=list)  # stamp-card programs used on this order
    gifts_declined: list[int] = field(default_factory=list)  # gift programs the customer said no to
    chat_text: str = (
        ""  # the customer's message it was read from (pos/counter/chat_order.py), kept with the sale
    )
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)

    # --- lines ---
    def add(
        self,
        product_id: int | None,
        name: str,
        unit_price: int,
        qty: Any = 1,
        *,
        tax_category: str = "standard",
        merge: bool = True,
        unit: str = "",
    ) -> int:
        """Add an item; scanning the same item again adds to its plain line. Returns the line index.
        `unit` is the product's: 0,5 of a pcs item is refused (WholeQuantity), 0,5 kg is not."""
        qty = parse_qty(qty)
        check_qty(qty, unit)
        check_price(unit_price)
        if merge:
            for index, line in enumerate(self.lines):
                if (
                    line.product_id == product_id
                    and product_id is not None
                    and not line.changed
                    and not line.note
                    and not line.reward
                    and not line.serial_number
                ):
                    self.set_qty(index, line.qty + qty)
                    return index
        self.lines.append(CartLine(product_id, name, qty, unit_price, unit_price, tax_category, unit=unit))
        return len(self.lines) - 1

    def line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise InvalidInput(N_("Baris {n} tidak ada di keranjang."), n=index + 1)
        return self.lines[index]

    def set_qty(self, index: int, qty: Any) -> None:
        line = self.line(index)
        self._not_reward(line)
        qty = parse_qty(qty)
        check_qty(qty, line.unit)
        if line.discount > line_amount(qty, line.unit_price):
            raise InvalidAmount(text=str(line.discount))
        line.qty = qty

    def remove(self, index: int) -> None:
        """Remove a line; removing a program's reward line gives the claim back or declines the gift."""
        line = self.line(index)
        del self.lines[index]
        kind, _sep, program = line.reward_of.partition(":")
        if kind == "stamp" and int(program) in self.stamp_claims:
            self.stamp_claims.remove(int(program))
        elif kind == "gift" and int(program) not in self.gifts_declined:
            self.gifts_declined.append(int(program))

    def _not_reward(self, line: CartLine) -> None:
        if line.reward_of:
            raise InvalidInput(N_("Baris hadiah tidak bisa diubah; hapus saja bila tidak diambil."))

    def set_note(self, index: int, note: str) -> None:
        self.line(index).note = clean(note, limit=MAX_NOTE)

    def override_price(self, index: int, price: int, reason: str) -> None:
        line = self.line(index)
        self._not_reward(line)
        check_price(price)
        reason = _reason(reason)
        if line.discount > line_amount(line.qty, price):
            raise InvalidAmount(text=str(price))
        line.unit_price, line.reason = price, reason

    def discount_line(self, index: int, *, amount: int = 0, rate: Decimal | None = None, reason: str) -> None:
        """A line discount in rupiah or as a rate (Decimal('0.10') = 10 %)."""
        line = self.line(index)
        self._not_reward(line)
        value = self._discount_value(line.gross, amount, rate)
        line.discount, line.reason = value, (_reason(reason) if value else line.reason)

    def discount_order(self, *, amount: int = 0, rate: Decimal | None = None, reason: str) -> None:
        base = sum(line.gross - line.discount for line in self.lines)
        value = self._discount_value(base, amount, rate)
        self.discount_reason = _reason(reason) if value else ""
        self.order_discount = amount if rate is None else 0
        self.order_discount_rate = rate if value else None

    @staticmethod
    def _discount_value(base: int, amount: int, rate: Decimal | None) -> int:
        if rate is not None:
            if not isinstance(rate, Decimal) or not 0 <= rate <= 1:
                raise InvalidAmount(text=str(rate))
            return apply_rate(base, rate)
        if not isinstance(amount, int) or not 0 <= amount <= base:
            raise InvalidAmount(text=str(amount))
        return amount

    @property
    def order_discount_amount(self) -> int:
        base = sum(line.gross - line.discount for line in self.lines)
        if self.order_discount_rate is not None:
            return apply_rate(base, self.order_discount_rate)
        return min(self.order_discount, base)

    def check(self) -> None:
        """Hold the whole cart to the rules its edits keep, whatever built it (a parked order's JSON, a
        caller that filled fields itself): every line's quantity, prices and discount, the order's
        discount and the delivery fee. Raises the edit's own named error."""
        for line in self.lines:
            if not isinstance(line.qty, Decimal) or parse_qty(line.qty) != line.qty:
                raise InvalidQuantity(text=str(line.qty))
            check_qty(line.qty, line.unit if isinstance(line.unit, str) else "?")
            check_price(line.unit_price)
            check_price(line.list_price)
            if line.tax_category not in TAX_CATEGORIES:
                raise InvalidInput(N_("Golongan pajak tidak dikenal: {text}."), text=str(line.tax_category))
            if type(line.discount) is not int or not 0 <= line.discount <= line.gross:
                raise InvalidAmount(text=str(line.discount))
        if type(self.order_discount) is not int or not 0 <= self.order_discount <= MAX_AMOUNT:
            raise InvalidAmount(text=str(self.order_discount))  # more than the goods left is cut to them
        if self.order_discount_rate is not None:
            self._discount_value(0, 0, self.order_discount_rate)
        check_price(self.delivery_fee)
        if type(self.points_redeem) is not int or self.points_redeem < 0:
            raise InvalidAmount(text=str(self.points_redeem))

    @property
    def needs_approval(self) -> bool:
        return self.order_discount_amount > 0 or any(line.changed for line in self.lines)

    def set_delivery(self, fee: int, address: str) -> None:
        check_price(fee)
        self.delivery_fee, self.delivery_address = fee, (address or "").strip()[:500]

    @property
    def is_empty(self) -> bool:
        return not self.lines

    # --- parking ---
    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for line in data["lines"]:
            line["qty"] = str(line["qty"])
        rate = data["order_discount_rate"]
        data["order_discount_rate"] = None if rate is None else str(rate)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cart:
        data = dict(data)
        lines = [CartLine(**{**line, "qty": Decimal(line["qty"])}) for line in data.pop("lines", [])]
        rate = data.pop("order_discount_rate", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(lines=lines, order_discount_rate=None if rate is None else Decimal(rate), **known)
