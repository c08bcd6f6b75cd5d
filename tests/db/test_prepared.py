"""On PostgreSQL a till prepares its fixed statements once they recur (db/pipeline.py): the same answers as
text, values sent intact, a text the server cannot prepare still runs, and a new connection
starts with nothing prepared. Runs when KASIR_TEST_PG names a server (`.ci/run` starts one)."""

from __future__ import annotations

import os
from datetime import datetime

import peewee
import psycopg2
import pytest

from db import pipeline
from db.models import Meta, Product, Sale, database
from pos.audit import verify
from pos.core.errors import ServerUnreachable
from pos.counter import sale
from pos.counter.payment import Tender
from tests.db.test_postgres import _a_till, _cart

URL = os.environ.get("KASIR_TEST_PG", "")
pytestmark = pytest.mark.skipif(not URL, reason="KASIR_TEST_PG is not set: no PostgreSQL server to test on")


def _prepared_here() -> set[str]:
    """The statements the server holds prepared for this connection."""
    return {row[0] for row in database.obj.execute_sql("SELECT statement FROM pg_prepared_statements")}


def test_a_tills_sales_go_as_prepared_statements_once_they_recur(pg_shop):
    owner, mie = _a_till()
    for _ in range(3):
        sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    held = _prepared_here()
    assert any('INSERT INTO "sale_line"' in text for text in held)
    assert any('INSERT INTO "journal_entry"' in text for text in held)  # chained by the server
    assert any('UPDATE "product" SET "on_hand"' in text for text in held)
    assert Product.get_by_id(mie.id).on_hand == 47
    assert [s.number for s in Sale.select().order_by(Sale.id)] == ["K1-000001", "K1-000002", "K1-000003"]
    assert verify.verify().ok


def test_quotes_percents_and_backslashes_reach_a_prepared_statement_intact(pg_shop):
    db = database.obj
    insert = 'INSERT INTO "meta" ("key", "value") VALUES (%s, %s)'
    tricky = "diskon 10% 'Bu Sri'; DROP \\ \"kutip\" — Rp 1.000"
    for n in range(4):  # the first two as text, then prepared
        with db.atomic():
            pipeline.defer_fixed(db, insert, (f"uji{n}", tricky))
    assert all(Meta.get(Meta.key == f"uji{n}").value == tricky for n in range(4))
    assert any('AS INSERT INTO "meta"' in text for text in _prepared_here())


def test_a_timestamp_value_keeps_its_type_in_a_prepared_statement(pg_shop):
    """Compared with a date, 1 December 15:00 is after 1 December: as text it is a timestamp, and so it stays
    prepared (left to the server, the parameter would be taken for a date)."""
    asked = "SELECT CAST('2026-12-01' AS DATE) >= %s"
    afternoon = datetime(2026, 12, 1, 15, 0)
    answers = [pipeline.execute_fixed(database.obj, asked, (afternoon,)).fetchone()[0] for _ in range(4)]
    assert answers == [False] * 4
    assert any("$1" in text and "2026-12-01" in text for text in _prepared_here())


def test_a_text_the_server_cannot_prepare_still_runs_every_time(pg_shop):
    asked = "SELECT 1 WHERE %s IS NOT NULL"  # nothing says what type the value is
    answers = [pipeline.execute_fixed(database.obj, asked, ("kopi",)).fetchall() for _ in range(5)]
    assert answers == [[(1,)]] * 5
    assert not any("IS NOT NULL" in text for text in _prepared_here())
    plans = database.obj._plans()
    assert plans.uses[(asked, ("unknown",))] < 0  # refused once, not asked again


def test_prepared_statements_outlive_a_transaction_that_failed(pg_shop):
    db = database.obj
    insert = 'INSERT INTO "meta" ("key", "value") VALUES (%s, %s)'
    for n in range(3):
        with db.atomic():
            pipeline.defer_fixed(db, insert, (f"ada{n}", "1"))
    with pytest.raises(peewee.IntegrityError), db.atomic():
        pipeline.defer_fixed(db, insert, ("ada0", "2"))  # a duplicate key: the transaction goes back
    with db.atomic():
        pipeline.defer_fixed(db, insert, ("ada9", "3"))
    assert Meta.get(Meta.key == "ada9").value == "3" and Meta.get(Meta.key == "ada0").value == "1"


def test_a_new_connection_after_the_server_went_away_prepares_afresh(pg_shop):
    owner, mie = _a_till()
    for _ in range(3):  # the sale's statements prepared on this connection
        sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    pid = database.obj.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = psycopg2.connect(URL)
    admin.autocommit = True
    admin.cursor().execute("SELECT pg_terminate_backend(%s)", (pid,))
    admin.close()
    with pytest.raises(ServerUnreachable):
        sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    for _ in range(3):  # a new connection: nothing prepared on it yet, then prepared again
        sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    assert Sale.select().count() == 6 and Product.get_by_id(mie.id).on_hand == 44
    assert verify.verify().ok
