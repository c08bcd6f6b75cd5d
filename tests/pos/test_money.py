from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.core.errors import InvalidAmount
from pos.core.money import apply_rate, format_rupiah, line_amount, parse_rate, parse_rupiah, round_to, split


def test_apply_rate_rounds_half_up():
    assert apply_rate(12_345, Decimal("0.11")) == 1_358  # 1357.95
    assert apply_rate(50, Decimal("0.01")) == 1  # 0.5 -> 1
    assert apply_rate(15_000, Decimal("0.20")) == 3_000


def test_fractional_quantity_amount():
    assert line_amount(Decimal("0.25"), 15_000) == 3_750
    assert line_amount(Decimal("0.333"), 10_000) == 3_330


def test_cash_rounding():
    assert round_to(14_250, 500) == 14_500
    assert round_to(14_249, 500) == 14_000
    assert round_to(14_250, 100) == 14_300
    assert round_to(14_250, 0) == 14_250


def test_format_rupiah():
    assert format_rupiah(15_000) == "Rp 15.000"
    assert format_rupiah(0) == "Rp 0"
    assert format_rupiah(1_234_567) == "Rp 1.234.567"
    assert format_rupiah(-5_000) == "-Rp 5.000"


def test_parse_rupiah():
    assert parse_rupiah("15.000") == 15_000
    assert parse_rupiah("Rp 15.000") == 15_000
    assert parse_rupiah("15000") == 15_000
    for bad in ("15,5", "-100", "abc", "", "2.000.000.000"):
        with pytest.raises(InvalidAmount):
            parse_rupiah(bad)


def test_parse_rate():
    assert parse_rate("11") == Decimal("0.11")
    assert parse_rate("2,5%") == Decimal("0.025")
    with pytest.raises(InvalidAmount):
        parse_rate("150")


def test_split_spreads_leftovers_to_largest_remainders():
    assert split(100, [1, 1, 1]) == [34, 33, 33]
    assert split(10_000, [30_000, 10_000]) == [7_500, 2_500]
    assert split(5, [0, 0]) == [5, 0]


@given(st.integers(0, 10**9), st.lists(st.integers(0, 10**8), min_size=1, max_size=30))
def test_split_always_adds_up(total, weights):
    parts = split(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)


def _largest_remainders(total: int, weights: list[int]) -> list[int]:
    """The rule written with exact fractions: floor each share, leftovers to the largest remainders
    (ties: the larger weight, then the earlier line)."""
    from fractions import Fraction
    from math import floor

    base = sum(weights)
    raw = [Fraction(total * w, base) for w in weights]
    parts = [floor(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (raw[i] - parts[i], weights[i]), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


@given(st.integers(-(10**9), 10**9), st.lists(st.integers(-(10**6), 10**8), min_size=1, max_size=30))
def test_split_is_exactly_the_largest_remainder_rule(total, weights):
    if sum(weights) != 0:
        assert split(total, weights) == _largest_remainders(total, weights)
