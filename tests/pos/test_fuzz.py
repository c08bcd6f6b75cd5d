"""Fuzzing every service entry point with hypothesis: money, quantities, phone numbers, voucher codes,
names and notes (emoji, quotes, SQL fragments, very long strings).

Whatever comes in: no unhandled exception; a rejection is a named PosError with an Indonesian message;
after a rejection the database is exactly as before.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.models import ALL_MODELS
from pos.catalog import catalog
from pos.core import phone
from pos.core.cart import Cart, parse_qty
from pos.core.errors import PosError
from pos.core.money import parse_rupiah
from pos.counter import park, refund, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer, voucher
from tests.pos.helpers import small_shop

NASTY = st.sampled_from(
    [
        "",
        " ",
        "'; DROP TABLE sale; --",
        '" OR 1=1 --',
        "Robert'); DELETE FROM customer;--",
        "🍜🔥💯",
        "Ñoño Ärger",
        "x" * 5000,
        "\x00",
        "\n\t",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "١٢٣",
        "NaN",
        "-1",
        "1e9",
        "9" * 30,
        "Rp 15.000",
        "15,5",
        "𝟘𝟙𝟚",
        "<b>bold</b>",
        "null",
        "%s%s%s",
    ]
)
TEXT = st.one_of(NASTY, st.text(max_size=300))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: a rejected call that changed one value (not a count) fails."""
    return {
        model._meta.table_name: sorted(
            (tuple(row) for row in model.select().tuples()), key=lambda r: tuple(str(v) for v in r)
        )
        for model in ALL_MODELS
    }


def attempt(action) -> object:  # type: ignore[no-untyped-def]
    """Run a service; on rejection check the error and that nothing changed."""
    before = snapshot()
    try:
        return action()
    except PosError as exc:
        assert exc.text and exc.text[0].isupper() or exc.text[0].isdigit(), exc.text
        assert type(exc).__name__ != "PosError" or exc.template, exc
        assert snapshot() == before, f"{type(exc).__name__} left something behind"
        return None


@pytest.fixture
def items(owner):
    return small_shop(owner)


@FUZZ
@given(text=TEXT)
def test_parsers_never_crash(db, text):
    for parse in (parse_rupiah, parse_qty, phone.normalise, voucher.normalise):
        try:
            parse(text)
        except PosError as exc:
            assert exc.text


@FUZZ
@given(phone_text=TEXT, name=TEXT, address=TEXT, limit=st.integers(-(10**12), 10**12))
def test_create_customer(items, phone_text, name, address, limit):
    attempt(lambda: customer.create_customer(phone_text, name, address=address, credit_limit=max(0, limit)))


@FUZZ
@given(sku=TEXT, name=TEXT, price=st.one_of(st.integers(-(10**12), 10**12), st.just(True)))
def test_create_product(items, sku, name, price):
    attempt(lambda: catalog.create_product(sku[:40] or "X", name, price))


@FUZZ
@given(
    qty=st.one_of(TEXT, st.decimals(allow_nan=True, allow_infinity=True), st.integers(-(10**6), 10**6)),
    price=st.integers(-(10**10), 10**10),
    note=TEXT,
    tenders=st.lists(
        st.tuples(
            st.sampled_from(["cash", "qris", "card", "kasbon", "bitcoin", "platform"]),
            st.integers(-(10**10), 10**10),
            TEXT,
        ),
        min_size=0,
        max_size=3,
    ),
)
def test_checkout(items, cashier, qty, price, note, tenders):
    cart = Cart()
    attempt(lambda: cart.add(items["teh"].id, "Es Teh", price, qty))
    if cart.is_empty:
        cart.add(items["teh"].id, "Es Teh", 5_000, 1)
    cart.set_note(0, note)
    attempt(lambda: sale.complete(cart, [Tender(m, a, r) for m, a, r in tenders], cashier))


@FUZZ
@given(label=TEXT, reason=TEXT)
def test_park_and_cancel(items, cashier, label, reason):
    cart = Cart()
    cart.add(items["mie"].id, "Indomie", 3_500, 1)
    order = attempt(lambda: park.park(cart, label, cashier))
    if order is not None:
        attempt(lambda: park.cancel(order.id, reason, cashier))


@FUZZ
@given(qty=st.one_of(TEXT, st.integers(-5, 20)), reason=TEXT)
def test_refund(items, owner, qty, reason):
    cart = Cart()
    cart.add(items["mie"].id, "Indomie", 3_500, 3)
    done = sale.complete(cart, [Tender("cash", 10_500)], owner)
    line = done.lines.get()
    attempt(lambda: refund.refund(done, {line.id: qty}, reason, owner))


@FUZZ
@given(
    amount=st.integers(-(10**12), 10**12),
    reason=TEXT,
    counts=st.dictionaries(st.sampled_from([100_000, 50_000, 3, 0, -5]), st.integers(-10, 10**6), max_size=3),
)
def test_cash_moves_and_closing(items, owner, amount, reason, counts):
    attempt(lambda: shift.cash_move(owner, amount, reason))
    if attempt(lambda: shift.close_shift(owner, counts)) is not None:
        shift.open_shift(owner, 0)


@FUZZ
@given(
    count=st.integers(-5, 2000), value=st.integers(-(10**6), 10**10), kind=st.sampled_from(["rp", "pct", "x"])
)
def test_voucher_batches(items, owner, count, value, kind):
    attempt(
        lambda: voucher.issue_batch(min(count, 1500), kind=kind, value=value, expires_on=None, user=owner)
    )


def test_decimal_oddities_are_refused(items):
    cart = Cart()
    for odd in (Decimal("NaN"), Decimal("Infinity"), Decimal("-0.0001"), Decimal("0.0004")):
        with pytest.raises(PosError):
            cart.add(items["teh"].id, "Es Teh", 5_000, odd)


@FUZZ
@given(
    name=TEXT,
    sku=TEXT,
    codes=st.lists(TEXT, max_size=3),
    price=st.one_of(st.integers(-10, 2_000_000_000), st.just(0)),
    level=TEXT,
    unit=st.sampled_from(["pcs", "kg", "ton", "", "porsi"]),
)
def test_save_product(items, owner, name, sku, codes, price, level, unit):
    from pos.catalog import product_edit
    from pos.catalog.product_edit import ProductData

    data = ProductData(name=name, price=price, sku=sku, barcodes=codes, unit=unit, reorder_level=level)
    saved = attempt(lambda: product_edit.save_product(data, owner, allow_zero=True))
    if saved is not None:
        assert catalog.by_code(saved.sku).id == saved.id and 0 <= saved.price <= 1_000_000_000


@FUZZ
@given(
    text=TEXT,
    percent=st.one_of(st.none(), st.decimals(-200, 2000, places=2)),
    rupiah=st.integers(-(10**10), 10**10),
)
def test_bulk_price_and_import_parsers(items, owner, text, percent, rupiah):
    from pos.catalog import price_bulk, product_import
    from pos.catalog.price_bulk import PriceRule

    for parse in (product_import.parse_price, lambda t: product_import.parse_qty(t, "Stok")):
        try:
            parse(text)
        except PosError as exc:
            assert exc.text
    rule = PriceRule(percent=percent, rupiah=None if percent is not None else rupiah, rounding=100)
    attempt(lambda: price_bulk.apply(rule, owner, category_id=items["mie"].category_id, reason=text))
