import random

import pytest
from peewee import fn

from db.models import Barcode, Customer, Product, Sale, SaleLine
from pos import shop
from pos.core.errors import ShopNotEmpty
from pos.demo.generator import ean13, fill


def totals():
    return (
        Sale.select().count(),
        Sale.select(fn.SUM(Sale.total)).scalar(),
        Sale.select(fn.SUM(Sale.net)).scalar(),
        SaleLine.select().count(),
    )


def test_same_seed_gives_the_same_shop(tmp_path):
    results = []
    for name in ("a.db", "b.db"):
        shop.open_shop(str(tmp_path / name))
        fill("bakso", days=3, seed=7)
        results.append(totals())
        shop.close_shop()
    assert results[0] == results[1] and results[0][0] > 100


def test_other_seed_gives_another_shop(tmp_path):
    shop.open_shop(str(tmp_path / "a.db"))
    fill("warung", days=2, seed=1)
    first = totals()
    shop.close_shop()
    shop.open_shop(str(tmp_path / "b.db"))
    fill("warung", days=2, seed=2)
    assert totals() != first
    shop.close_shop()


@pytest.mark.parametrize("kind", ["warung", "bakso", "senapan"])
def test_demo_shop_is_realistic(db, kind):
    summary = fill(kind, days=4, seed=1)
    assert summary.sales == Sale.select().count() > 0
    assert Customer.select().count() >= 80
    assert Sale.select().where(Sale.customer.is_null(False)).count() > 0
    # regulars come back
    repeat = Customer.select().join(Sale).group_by(Customer.id).having(fn.COUNT(Sale.id) > 1).count()
    assert repeat > 0
    channels = {s.channel.code for s in Sale.select()}
    assert len(channels) >= 2
    assert all(len(b.code) == 13 for b in Barcode.select())
    assert shop.is_set_up()
    if kind == "bakso":
        assert Sale.select().where(Sale.commission > 0).exists()
    if kind == "senapan":
        assert SaleLine.select().where(SaleLine.serial_number != "").exists()
    assert Product.select().where(Product.on_hand < 0).count() == 0


def test_demo_refuses_a_shop_with_data(db):
    fill("warung", days=1, seed=1)
    with pytest.raises(ShopNotEmpty):
        fill("warung", days=1, seed=1)
    fill("warung", days=1, seed=3, force=True)


def test_ean13_check_digit():
    code = ean13(random.Random(1))
    digits = [int(d) for d in code]
    assert (sum(digits[0::2]) + 3 * sum(digits[1::2])) % 10 == 0
