"""Money is whole rupiah in int. Rates are Decimal. One rounding rule (half up) and one formatter."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_decimal

from pos.core.errors import InvalidAmount

_WHOLE = Decimal(1)
MAX_AMOUNT = 1_000_000_000  # Rp 1 miliar: larger prices or payments are typing mistakes


def apply_rate(amount: int | Decimal, rate: Decimal) -> int:
    """amount x rate in whole rupiah, half up (Rp 12.345 x 11 % = Rp 1.358)."""
    product = rate * amount  # exact: a Decimal times an int (or a Decimal)
    whole = int(product)
    if whole == product:  # whole rupiah already (qty 2 x Rp 3.500): nothing to round
        return whole
    return int(product.quantize(_WHOLE, rounding=ROUND_HALF_UP))


def line_amount(qty: Decimal, unit_price: int) -> int:
    """qty x price for a line; fractional quantities (0,25 kg) round half up to the rupiah."""
    return apply_rate(unit_price, qty)


def round_to(amount: int, step: int) -> int:
    """Cash rounding to the nearest step (Rp 100/500/1.000), half up."""
    if step <= 1:
        return amount
    return int((Decimal(amount) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step


def split(total: int, weights: list[int]) -> list[int]:
    """Spread `total` over `weights` proportionally; leftovers go to the largest remainders.

    The parts always add up to `total` exactly (a discount split over lines never loses a rupiah).
    """
    if not weights:
        return []
    base = sum(weights)
    if base == 0:
        parts = [0] * len(weights)
        parts[0] = total
        return parts
    if total == 0:
        return [0] * len(weights)
    # Exact, in whole numbers: each part is the floor of total x w / base; what the floor left over is
    # rest / base of a rupiah (rest has base's sign), and the largest leftovers get the missing rupiahs.
    scaled = [total * w for w in weights]
    parts = [s // base for s in scaled]
    sign = 1 if base > 0 else -1
    rest = [sign * (s - p * base) for s, p in zip(scaled, parts, strict=True)]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (rest[i], weights[i]), reverse=True)
    for i in order[:left]:
        parts[i] += 1
    return parts


def format_rupiah(amount: int) -> str:
    """Rp 15.000 (Indonesian grouping, no decimals); negative amounts as -Rp 15.000."""
    text = format_decimal(abs(int(amount)), format="#,##0", locale="id_ID")
    return f"-Rp {text}" if amount < 0 else f"Rp {text}"


def parse_rupiah(text: str | int) -> int:
    """'15.000', 'Rp 15.000', '15000' -> 15000. Rejects decimals, negatives and absurd amounts."""
    if isinstance(text, int):
        value = text
    else:
        cleaned = str(text).strip().lower().removeprefix("rp").strip().replace(".", "").replace(" ", "")
        if not (cleaned.isascii() and cleaned.isdigit()):
            raise InvalidAmount(text=str(text))
        value = int(cleaned)
    if value < 0 or value > MAX_AMOUNT:
        raise InvalidAmount(text=str(text))
    return value


def parse_rate(text: str | Decimal) -> Decimal:
    """'11' or '11%' or '0,5' (percent) -> Decimal('0.11'). Used for tax, markup, commission."""
    try:
        value = Decimal(str(text).strip().rstrip("%").replace(",", ".")) / 100
    except InvalidOperation as exc:
        raise InvalidAmount(text=str(text)) from exc
    if not (0 <= value <= 1):
        raise InvalidAmount(text=str(text))
    return value


_SHORT = ((1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb"))


def short_rupiah(amount: int) -> str:
    """A short figure for chart axes, in Indonesian: 0, 500, 500 rb, 1 jt, 1,5 jt, 2 M (miliar)."""
    for unit, word in _SHORT:
        if abs(amount) >= unit:
            text = format_decimal(Decimal(int(amount)) / unit, format="#,##0.##", locale="id_ID")
            return f"{text} {word}"
    return format_decimal(int(amount), format="#,##0", locale="id_ID")
