"""db.product_rows on its own: each list's WHERE, ids in every column's order, named rows in the order of
the ids asked, the stock value of a list, and the products whose use may call for buying. On SQLite, and
on PostgreSQL when KASIR_TEST_PG names a server (tests/db/test_postgres.py)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from db import product_rows
from db.models import Product, StockMove
from pos.catalog import catalog
from pos.core import staff
from pos.core.text import search_words
from pos.stock import stock
from tests.conftest import NOW
from tests.db.conftest import URL

D = Decimal


@pytest.fixture(params=["sqlite", "postgresql"])
def any_owner(request):
    """The owner of a fresh shop, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return request.getfixturevalue("owner")
    if not URL:
        pytest.skip("KASIR_TEST_PG is not set: no PostgreSQL server to test on")
    request.getfixturevalue("pg_shop")
    return staff.create_user("Bu Sri", "owner", "1234")


@pytest.fixture
def goods(any_owner):
    """Gula (Sembako, two barcodes, 4 kg at Rp 12.500), Kopi (no category, untracked, quick), Teh (inactive,
    tax exempt), Daging (perishable: 2 kg expiring in 3 days at Rp 140.000)."""
    sembako = catalog.create_category("Sembako")
    gula = catalog.create_product("GULA", "Gula Pasir", 15_000, category=sembako, barcodes=["222", "111"])
    kopi = catalog.create_product("KOPI", "Kopi Bubuk", 8_000, track_stock=False, quick=True)
    teh = catalog.create_product("TEH", "Teh Celup", 6_000, tax_category="exempt")
    daging = catalog.create_product("DGG", "Daging Sapi", 160_000, unit="kg", perishable=True)
    stock.restock([(gula, D(4), 12_500)], any_owner)
    stock.restock([(daging, D(2), 140_000)], any_owner, expiries={daging.id: NOW.date() + timedelta(days=3)})
    Product.update(active=False).where(Product.id == teh.id).execute()
    return {p.sku: p.id for p in (gula, kopi, teh, daging)}


def _by_name(where: product_rows.Where) -> list[int]:
    return product_rows.ordered_ids(where, f"{product_rows.NAME} ASC", product_rows.NAME)


def test_the_catalogue_where_finds_by_words_code_category_and_active(goods):
    found = product_rows.catalogue_where
    assert _by_name(found([], "", None, True)) == [goods["DGG"], goods["GULA"], goods["KOPI"]]
    assert _by_name(found([], "", None, False)) == [goods["TEH"]]
    assert len(_by_name(found([], "", None, None))) == 4
    sembako = Product.get_by_id(goods["GULA"]).category_id
    assert _by_name(found([], "", sembako, None)) == [goods["GULA"]]
    assert _by_name(found(search_words("pasir gul"), "pasir gul", None, True)) == [goods["GULA"]]
    assert _by_name(found(search_words("111"), "111", None, True)) == [goods["GULA"]]  # a barcode
    assert _by_name(found(search_words("kopi"), "kopi", None, True)) == [goods["KOPI"]]
    assert _by_name(found(search_words("teh"), "teh", None, True)) == []  # inactive


def test_catalogue_rows_come_named_in_the_order_of_the_ids(goods):
    kopi, gula, teh = product_rows.products([goods["KOPI"], goods["GULA"], goods["TEH"]])
    assert (gula.product_id, gula.sku, gula.name, gula.category, gula.unit) == (
        goods["GULA"],
        "GULA",
        "Gula Pasir",
        "Sembako",
        "pcs",
    )
    assert (gula.price, gula.barcode, gula.on_hand, gula.tracked, gula.active) == (
        15_000,
        "111",
        D(4),
        True,
        True,
    )
    assert (kopi.category, kopi.barcode, kopi.on_hand, kopi.tracked, kopi.quick) == (
        "",
        None,
        None,
        False,
        True,
    )
    assert (teh.active, teh.quick, teh.tax_exempt, gula.tax_exempt) == (False, False, True, False)
    assert product_rows.products([]) == [] == product_rows.stock([])


def test_stock_where_keeps_tracked_active_products_and_the_low_ones(goods):
    assert _by_name(product_rows.stock_where([], False)) == [goods["DGG"], goods["GULA"]]
    assert _by_name(product_rows.stock_where(["gula"], False)) == [goods["GULA"]]  # the folded name
    assert _by_name(product_rows.stock_where(["dgg"], False)) == [goods["DGG"]]  # the SKU
    assert _by_name(product_rows.stock_where(["gula", "sapi"], False)) == []  # every word
    assert _by_name(product_rows.stock_where([], True)) == []
    Product.update(reorder_level=D(4)).where(Product.id == goods["GULA"]).execute()
    assert _by_name(product_rows.stock_where([], True)) == [goods["GULA"]]  # at its level counts as low


def test_stock_rows_and_the_value_of_a_list(goods):
    gula, daging = product_rows.stock([goods["GULA"], goods["DGG"]])
    assert (gula.held, gula.on_hand, gula.level, gula.reorder_level, gula.cost) == (
        4_000,
        D(4),
        0,
        D(0),
        12_500,
    )
    assert (gula.value, gula.low, gula.perishable, gula.next_expiry) == (50_000, False, False, None)
    assert (daging.perishable, daging.next_expiry, daging.value) == (
        True,
        NOW.date() + timedelta(days=3),
        280_000,
    )
    assert product_rows.stock_value(product_rows.stock_where([], False)) == 330_000
    assert product_rows.stock_value(product_rows.stock_where(["kopi"], False)) == 0  # nothing found


def test_every_sort_runs_with_the_joins_it_needs(goods):
    """Each column's expression in ORDER BY: the same products come back, ordered by it."""
    for where in (product_rows.stock_where([], False), product_rows.catalogue_where([], "", None, None)):
        everything = set(_by_name(where))
        for key, (expr, _can_miss) in product_rows.SORTS.items():
            for way in ("ASC", "DESC"):
                found = product_rows.ordered_ids(where, f"{expr} IS NULL, {expr} {way}", expr)
                assert sorted(found) == sorted(everything), key
    by_price = product_rows.ordered_ids(
        product_rows.catalogue_where([], "", None, None), 'p."price" DESC', ""
    )
    assert by_price == [goods["DGG"], goods["GULA"], goods["KOPI"], goods["TEH"]]


def _move(product_id: int, qty: int, kind: str, at: datetime) -> None:
    StockMove.create(product=product_id, qty=D(qty), kind=kind, created_at=at)


def test_heavy_use_keeps_what_would_run_out_within_the_horizon(goods):
    """Gula: 4 on hand, used 3 - 1 (a refund) = 2 in 28 days (waste and older moves do not count): at that
    pace 80 days use 5.7 > 4, 60 days 4.3 > 4, 50 days 3.6 < 4."""
    since = NOW - timedelta(days=28)
    _move(goods["GULA"], -3, "sale", NOW - timedelta(days=2))
    _move(goods["GULA"], 1, "refund", NOW - timedelta(days=1))
    _move(goods["GULA"], -10, "waste", NOW - timedelta(days=1))
    _move(goods["GULA"], -5, "sale", NOW - timedelta(days=40))
    _move(goods["KOPI"], -50, "sale", NOW - timedelta(days=1))  # untracked
    _move(goods["TEH"], -50, "sale", NOW - timedelta(days=1))  # inactive
    use = ("sale", "refund", "production", "gift")
    assert product_rows.heavy_use(since, use, 28, 80) == {goods["GULA"]: 2_000}
    assert product_rows.heavy_use(since, use, 28, 60) == {goods["GULA"]: 2_000}
    assert product_rows.heavy_use(since, use, 28, 50) == {}
    assert product_rows.heavy_use(since, ("gift",), 28, 80) == {}


def test_a_date_as_the_driver_gives_it():
    assert product_rows.as_date("2026-11-25") == date(2026, 11, 25)
    assert product_rows.as_date("2026-11-25 08:30:00") == date(2026, 11, 25)
    assert product_rows.as_date(datetime(2026, 11, 25, 8, 30)) == date(2026, 11, 25)
    assert product_rows.as_date(date(2026, 11, 25)) == date(2026, 11, 25)
    assert product_rows.as_date(None) is None
