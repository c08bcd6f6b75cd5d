"""Four tills at once, each its own process, register and cashier, on one shop: on an SQLite file and on a
PostgreSQL server (KASIR_TEST_PG; `.ci/run` starts one). Overlapping baskets; the last points, the last
kasbon credit, the last unit and one voucher fought over by all four at the same instant; verify run over and
over while they sell."""

from __future__ import annotations

import os
import uuid
from decimal import Decimal

import pytest

from bench import tills as bench_tills

TILLS = 4
SALES = 40  # per till
PG = os.environ.get("KASIR_TEST_PG", "")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shop_info(request, tmp_path_factory):
    if request.param == "sqlite":
        yield bench_tills.prepare(str(tmp_path_factory.mktemp("tills") / "toko.db"), TILLS)
        return
    if not PG:
        pytest.skip("KASIR_TEST_PG is not set: no PostgreSQL server to test on")
    import psycopg2

    name = "kasir_tills_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(PG)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield bench_tills.prepare(PG.rsplit("/", 1)[0] + "/" + name, TILLS)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _sums(query) -> dict[int, Decimal]:
    """{key: sum of value} over (key, value) rows, added up here (the ledgers are small)."""
    out: dict[int, Decimal] = {}
    for key, value in query.tuples():
        out[key] = out.get(key, Decimal(0)) + Decimal(value or 0)
    return out


def _balances_equal_their_ledgers() -> None:
    from db.models import Customer, KasbonEntry, LoyaltyEntry, Product, StockMove

    points = _sums(LoyaltyEntry.select(LoyaltyEntry.customer, LoyaltyEntry.points))
    kasbon = _sums(KasbonEntry.select(KasbonEntry.customer, KasbonEntry.amount))
    for c in Customer.select():
        assert (c.points, c.kasbon) == (int(points.get(c.id) or 0), int(kasbon.get(c.id) or 0)), c.name
        assert c.kasbon <= c.credit_limit or c.credit_limit == 0
    moved = _sums(StockMove.select(StockMove.product, StockMove.qty))
    for p in Product.select().where(Product.track_stock):
        assert Decimal(p.on_hand) == Decimal(moved.get(p.id) or 0), p.name
        assert p.on_hand >= 0, p.name  # negative stock is blocked in this shop


def test_four_tills_sell_overlapping_baskets_and_every_figure_adds_up(shop_info):
    from db.models import Product, Sale, SaleLine
    from pos import shop
    from pos.audit import verify

    checks: list[str] = []

    def check_meanwhile() -> None:  # the owner's login check, while the tills sell
        result = verify.verify()
        checks.append(result.summary())
        assert result.ok, result.problems[:5]

    shop.open_shop(shop_info["target"], "K9")
    try:
        runs = bench_tills.sell(shop_info, TILLS, SALES, during=check_meanwhile)
        assert [r.errors for r in runs] == [[]] * TILLS
        assert [r.retried for r in runs] == [0] * TILLS  # rows locked in one order: no deadlock to retry
        assert len(checks) >= 2  # verify really ran while they sold
        for run in runs:  # each register's numbers: unique and gapless, 1..SALES
            assert run.numbers == [f"{run.register}-{n:06d}" for n in range(1, SALES + 1)]
        assert Sale.select().where(Sale.kind == "sale").count() == TILLS * SALES
        sold = _sums(SaleLine.select(SaleLine.product, SaleLine.qty))
        for product_id in shop_info["products"]:
            on_hand = Product.get_by_id(product_id).on_hand
            assert on_hand == 2 * bench_tills.START_STOCK - Decimal(sold.get(product_id) or 0)
        assert sum(Decimal(q) for q in sold.values()) == 5 * TILLS * SALES
        _balances_equal_their_ledgers()
        assert verify.verify().ok
    finally:
        shop.close_shop()


@pytest.mark.parametrize("kind", ["points", "kasbon", "last_unit", "voucher"])
def test_what_only_one_may_have_goes_to_exactly_one_till(shop_info, kind):
    from pos import shop
    from pos.audit import verify

    runs = bench_tills.race(shop_info, TILLS, kind)
    assert [r.errors for r in runs] == [[]] * TILLS  # lost rounds are refusals, never storage errors
    wins = [sum(r in run.won for run in runs) for r in range(bench_tills.ROUNDS)]
    assert wins == [1] * bench_tills.ROUNDS
    assert sum(len(run.refused) for run in runs) == (TILLS - 1) * bench_tills.ROUNDS
    shop.open_shop(shop_info["target"], "K9")
    try:
        _balances_equal_their_ledgers()
        assert verify.verify().ok
    finally:
        shop.close_shop()


def test_sales_that_share_nothing_never_conflict(shop_info):
    runs = bench_tills.race(shop_info, TILLS, "apart")
    assert [r.errors for r in runs] == [[]] * TILLS
    assert [len(r.won) for r in runs] == [bench_tills.ROUNDS] * TILLS
    assert [r.retried for r in runs] == [0] * TILLS
