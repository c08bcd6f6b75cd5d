from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.models import Voucher
from pos.core.errors import InvalidInput
from pos.customers import voucher


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


def _sale_with_voucher(owner, code, qty=2, channel_code="walk_in", customer_id=None):
    from db.models import Product
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    beras = Product.get(Product.sku == "BRS")
    c = Cart(channel=channel_code, voucher_code=code, customer_id=customer_id)
    c.add(beras.id, "Beras", 15_000, qty)
    total = sale.preview(c).total
    return sale.complete(c, [Tender("cash", total)], owner)


def test_redeem_a_voucher_once_even_with_two_clicks(owner):
    from pos.audit import verify
    from pos.core.errors import PosError
    from tests.pos.helpers import small_shop

    small_shop(owner)
    [v] = voucher.issue_batch(
        1, kind="rp", value=10_000, expires_on=date(2026, 12, 31), user=owner, min_spend=20_000
    )
    s = _sale_with_voucher(owner, voucher.pretty(v.code).lower())
    assert (s.total, s.discount) == (20_000, 10_000)
    assert Voucher.get_by_id(v.id).state == "redeemed" and Voucher.get_by_id(v.id).redeemed_sale_id == s.id
    with pytest.raises(PosError, match="sudah dipakai"):
        _sale_with_voucher(owner, v.code)
    assert verify.verify().ok


def test_percent_voucher_and_the_rules(owner):
    from pos.core import clock
    from pos.core.errors import PosError
    from tests.pos.helpers import small_shop

    small_shop(owner)
    pct, small, gofood = voucher.issue_batch(
        3, kind="pct", value=10, expires_on=date(2026, 11, 30), user=owner, min_spend=25_000
    )
    gofood.channels = ["gofood"]
    gofood.save()
    with pytest.raises(PosError, match="minimal belanja Rp 25.000"):
        _sale_with_voucher(owner, small.code, qty=1)
    with pytest.raises(PosError, match="tidak berlaku di saluran ini"):
        _sale_with_voucher(owner, gofood.code)
    with pytest.raises(voucher.VoucherCodeInvalid):
        _sale_with_voucher(owner, pct.code[:-1] + ("A" if pct.code[-1] != "A" else "B"))  # a typo
    s = _sale_with_voucher(owner, pct.code)
    assert (s.total, s.discount) == (27_000, 3_000)
    with clock.frozen(clock.now().replace(month=12, day=2)):
        with pytest.raises(PosError, match="kedaluwarsa"):
            _sale_with_voucher(owner, small.code)
