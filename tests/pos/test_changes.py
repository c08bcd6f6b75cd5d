"""A committed service announces the areas it changed, once; a refused or rolled-back one says nothing."""

from __future__ import annotations

import pytest

from db import writes
from db.models import ALL_MODELS
from pos.catalog import catalog
from pos.core import changes, settings
from pos.core.cart import Cart
from pos.core.errors import InvalidInput, PaymentShort
from pos.core.tx import service
from pos.counter import sale
from pos.counter.payment import Tender
from pos.customers import customer
from tests.pos.helpers import small_shop


@pytest.fixture
def heard():
    said: list[changes.Changes] = []
    changes.listen(said.append)
    yield said
    changes.stop_listening(said.append)


def test_every_table_belongs_to_an_area_or_to_none_on_purpose() -> None:
    tables = {model._meta.table_name for model in ALL_MODELS}
    assert tables - set(changes.AREA_OF) - changes.UNNAMED == set(), "name the area a new table belongs to"
    assert set(changes.AREA_OF) - tables == set(), "an area names a table that does not exist"


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "sale" ("a") VALUES (?)', "sale"),
        ('insert or replace into "meta" values (1)', "meta"),
        ('  UPDATE "product" SET "on_hand" = 1', "product"),
        ('DELETE FROM "parked_order" WHERE 1', "parked_order"),
        ('INSERT INTO "stock_move" ("a") VALUES (%s) ON CONFLICT DO NOTHING', "stock_move"),
        ('SELECT * FROM "sale"', None),
        ('WITH x AS (SELECT 1) SELECT * FROM "sale"', None),
    ],
)
def test_the_database_notes_the_table_a_statement_writes(sql: str, table: str | None) -> None:
    writes.take()
    writes.note(sql)
    assert writes.take() == (frozenset({table}) if table else frozenset())


def test_a_sale_announces_once_what_it_changed(owner, cashier, heard) -> None:
    items = small_shop(owner)
    heard.clear()
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 2)
    sale.complete(cart, [Tender("cash", 7_000)], cashier)
    assert [c.areas for c in heard] == [frozenset({"sale", "stock", "product"})]


def test_a_refused_sale_announces_nothing(owner, cashier, heard) -> None:
    items = small_shop(owner)
    heard.clear()
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 2)
    with pytest.raises(PaymentShort):
        sale.complete(cart, [Tender("cash", 5_000)], cashier)
    assert heard == []


def test_a_service_inside_a_service_announces_with_it_once(owner, heard) -> None:
    @service
    def two_things() -> None:
        catalog.create_category("Minuman")
        customer.create_customer("0812-3456-7890", "Pak Budi")

    heard.clear()
    two_things()
    assert [c.areas for c in heard] == [frozenset({"product", "customer"})]


def test_a_rolled_back_service_announces_nothing(owner, heard) -> None:
    @service
    def half() -> None:
        catalog.create_category("Minuman")
        raise InvalidInput("tidak jadi")

    heard.clear()
    with pytest.raises(InvalidInput):
        half()
    assert heard == []
    settings.update({"shop_name": "Warung Sri"}, user=owner.name)
    assert [c.areas for c in heard] == [frozenset({"settings"})]


def test_a_failing_listener_never_fails_the_sale(owner, cashier, heard) -> None:
    items = small_shop(owner)

    def broken(_: changes.Changes) -> None:
        raise RuntimeError("a screen's bug")

    changes.listen(broken)
    try:
        cart = Cart()
        cart.add(items["teh"].id, "Es Teh Manis", 5_000, 1)
        done = sale.complete(cart, [Tender("cash", 5_000)], cashier)
    finally:
        changes.stop_listening(broken)
    assert done.total == 5_000
    assert "sale" in heard[-1]
