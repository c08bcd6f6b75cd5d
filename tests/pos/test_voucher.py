from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.models import Voucher
from pos import voucher
from pos.errors import InvalidInput


def test_codes_have_no_look_alikes_and_a_valid_check_character():
    for _ in range(200):
        code = voucher.new_code()
        assert len(code) == 9 and not set(code) & set("01OI")
        assert voucher.normalise(voucher.pretty(code).lower()) == code


@given(
    st.text(alphabet=voucher.ALPHABET, min_size=8, max_size=8),
    st.integers(0, 7),
    st.sampled_from(voucher.ALPHABET),
)
def test_any_single_typo_is_caught(body, position, replacement):
    code = body + voucher.check_char(body)
    typo = code[:position] + replacement + code[position + 1 :]
    if typo != code:
        with pytest.raises(voucher.VoucherCodeInvalid):
            voucher.normalise(typo)


def test_issue_a_batch(owner):
    made = voucher.issue_batch(
        20, kind="rp", value=10_000, expires_on=date(2026, 12, 31), user=owner, campaign="Lebaran"
    )
    assert len({v.code for v in made}) == 20 and Voucher.select().count() == 20
    assert all(v.state == "issued" and v.value == 10_000 for v in made)


@pytest.mark.parametrize(
    "count, kind, value, expires",
    [
        (0, "rp", 10_000, None),
        (5, "xx", 10_000, None),
        (5, "pct", 150, None),
        (5, "rp", 0, None),
        (5, "rp", 10_000, date(2020, 1, 1)),
    ],
)
def test_bad_batches_write_nothing(owner, count, kind, value, expires):
    with pytest.raises(InvalidInput):
        voucher.issue_batch(count, kind=kind, value=value, expires_on=expires, user=owner)
    assert Voucher.select().count() == 0
