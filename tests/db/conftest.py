"""`any_owner` for the db/ row modules' tests: Bu Sri's shop set up on SQLite, and again on PostgreSQL when
KASIR_TEST_PG names a server that lets this user create databases (skipped otherwise); `pg_shop`, an empty
shop on a database of its own there."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

from pos import shop
from pos.core import clock, pin_guard
from tests.conftest import NOW

URL = os.environ.get("KASIR_TEST_PG", "")


def _first_run(monkeypatch):
    with monkeypatch.context() as patch:  # the easy PIN the tests type, as the `owner` fixture lets through
        patch.setattr(pin_guard, "refuse_weak", lambda pin: None)
        return shop.first_run("Warung Uji", "Jl. Uji No. 1", "0812-0000-1111", "Bu Sri", "1234")


@contextmanager
def _shop_on_fresh_postgres():
    """An empty shop on a new database of the KASIR_TEST_PG server, the clock at NOW; dropped afterwards."""
    import psycopg2

    name = "kasir_test_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(URL)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    clock.set_fixed(NOW)
    try:
        shop.open_shop(URL.rsplit("/", 1)[0] + "/" + name)
        yield
    finally:
        shop.close_shop()
        clock.set_fixed(None)
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_owner(request, monkeypatch):
    """The owner of a fresh shop on each database."""
    if request.param == "sqlite":
        yield request.getfixturevalue("owner")
        return
    if not URL:
        pytest.skip("KASIR_TEST_PG is not set: no PostgreSQL server to test on")
    with _shop_on_fresh_postgres():
        yield _first_run(monkeypatch)


@pytest.fixture
def pg_shop():
    """An empty shop on a new database of the KASIR_TEST_PG server, dropped afterwards."""
    with _shop_on_fresh_postgres():
        yield
